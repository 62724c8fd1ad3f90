#include <charconv>
#include <string>

#include "cli/commands.hpp"

namespace candour::cli {

CLI::Validator thread_count() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        int n = -1;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (error == std::errc() && end == text.data() + text.size() && n >= 0 && n <= kMaxThreads)
          return "";
        return "expects 0 (one per core) or a number of threads up to " +
               std::to_string(kMaxThreads) + ", got '" + text + "'";
      },
      "THREADS");
}

}  // namespace candour::cli
