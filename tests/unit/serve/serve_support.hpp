#pragma once
// What the explorer's tests share: a server configuration over the test
// scenarios, and a fresh folder for the files a test writes.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "cli/serve/serve_config.hpp"

namespace candour::test {

// ctest runs each test case in its own process, two at a time: the process
// id keeps one case from removing a folder another is serving from.
inline std::filesystem::path fresh_folder(const std::string& name) {
  const auto folder =
      std::filesystem::path(CANDOUR_TEST_OUTPUT) / (name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

// The toy scenarios of tests/data/scenarios (quick), files under `output`.
inline cli::serve::ServeConfig toy_config(const std::filesystem::path& output) {
  cli::serve::ServeConfig config;
  config.scenarios_dir = CANDOUR_SCENARIO_DATA;
  config.output_dir = output;
  config.web_dir = output / "web";
  config.docs_dir = output / "docs";
  return config;
}

}  // namespace candour::test
