#pragma once
// What `candour serve` is given on its command line: where it listens, the
// one folder it may write, where the page and the scenarios are, and the
// bounds that keep one server's work small.
#include <cstdint>
#include <filesystem>
#include <string>

namespace candour::cli::serve {

struct ExplorerLimits {
  std::int64_t max_days = 3650;         // simulated days of one run
  std::size_t max_units = 12;           // units (trusts) of one run
  int max_runs = 4;                     // runs at a time on the server (a comparison is two)
  std::size_t max_message = 64 * 1024;  // bytes of one message from a page
};

struct ServeConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::filesystem::path output_dir = "out/explorer";  // downloads are written here, nowhere else
  std::filesystem::path scenarios_dir = "scenarios";
  std::filesystem::path web_dir;   // the built page
  std::filesystem::path docs_dir;  // docs/ (the ODD the page links to)
  ExplorerLimits limits;
  int threads_per_run = 1;  // results do not depend on it
};

}  // namespace candour::cli::serve
