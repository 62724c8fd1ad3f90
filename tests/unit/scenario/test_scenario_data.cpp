// The scenario files kept in tests/data/scenarios: the good ones load, each
// bad one gives one ScenarioError naming it (they also serve the CLI tests).
#include "scenario_support.hpp"

#include <algorithm>

using namespace candour;
using namespace candour::testing;
using Catch::Matchers::Contains;

namespace {

std::vector<fs::path> toml_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("the good toy scenarios in the test data load", "[scenario][data]") {
  auto files = toml_files(scenario_data());
  REQUIRE(files.size() >= 3);
  for (const auto& file : files) {
    INFO(file);
    REQUIRE(model_named(file) == "toy");
    CHECK_NOTHROW(load_toy(file));
  }
}

TEST_CASE("toy_small is a short small run", "[scenario][data]") {
  auto scenario = load_toy(scenario_data() / "toy_small.toml");
  CHECK(scenario.model == "toy");
  CHECK(scenario.parameters.integer("run.days") == 60);
  CHECK(scenario.parameters.integer("toy.agents") <= 1000);
}

TEST_CASE("toy_reform extends toy_small and has a two-stage timeline", "[scenario][data]") {
  auto scenario = load_toy(scenario_data() / "toy_reform.toml");
  CHECK(scenario.chain.size() == 2);
  CHECK(scenario.timeline.size() == 2);
}

TEST_CASE("every bad toy scenario gives one error naming its file", "[scenario][data]") {
  auto files = toml_files(scenario_data() / "bad");
  REQUIRE(files.size() >= 15);
  for (const auto& file : files) {
    INFO(file);
    auto error = load_error(file);
    INFO(error.what());
    CHECK_THAT(error.what(), Contains(file.filename().string()));
    // Only an empty file has no line to point at.
    if (file.filename().string().starts_with("empty"))
      CHECK(error.line == 0);
    else
      CHECK(error.line > 0);
  }
}
