// parse_value: one command-line value read as a scenario file would read it.
#include "scenario_support.hpp"

using namespace candour;
using namespace candour::testing;
using Catch::Matchers::Contains;

namespace {
const sim::ParameterSpec& spec(const std::string& name) {
  return *toy_registry().find(name);
}
}  // namespace

TEST_CASE("parse_value reads reals integers and booleans, each as its type", "[scenario][values]") {
  using sim::ParameterValue;
  CHECK(sim::io::parse_value(spec("toy.pull"), "0.3") == ParameterValue(0.3));
  CHECK(sim::io::parse_value(spec("toy.pull"), " 1e-3 ") == ParameterValue(0.001));
  // An integer literal for a real parameter is a real.
  CHECK(sim::io::parse_value(spec("toy.pull"), "1") == ParameterValue(1.0));
  CHECK(sim::io::parse_value(spec("toy.pull"), "1").type() == sim::ParameterType::real);
  CHECK(sim::io::parse_value(spec("toy.agents"), "1_000") == ParameterValue(std::int64_t{1000}));
  CHECK(sim::io::parse_value(spec("toy.enabled"), "false") == ParameterValue(false));
  CHECK(sim::io::parse_value(spec("toy.enabled"), "true") == ParameterValue(true));
}

TEST_CASE("a seed keeps all 64 bits from the command line to the run", "[scenario][values]") {
  // 2^63 - 1: far beyond the 2^53 a double holds exactly.
  const auto seed = sim::io::parse_value(spec("run.seed"), "9223372036854775807", "--seed");
  CHECK(seed.type() == sim::ParameterType::integer);
  CHECK(seed.integer() == 9223372036854775807);
  const auto near = sim::io::parse_value(spec("run.seed"), "9007199254740993", "--seed");
  CHECK(near.integer() == 9007199254740993);  // 2^53 + 1: would round to 2^53 as a double
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n[run]\nseed = 9007199254740993\n");
  const auto scenario = load_toy(file);
  CHECK(scenario.parameters.integer("run.seed") == 9007199254740993);
  CHECK(scenario.resolved_toml.find("seed = 9007199254740993") != std::string::npos);
}

TEST_CASE("parse_value refuses what a scenario file refuses", "[scenario][values]") {
  auto error_of = [](const std::string& name, const std::string& text) -> std::string {
    try {
      sim::io::parse_value(spec(name), text);
    } catch (const sim::io::ScenarioError& error) {
      CHECK(error.file == "--set");
      CHECK(error.line == 0);
      CHECK(error.key == name);
      return error.what();
    }
    FAIL("no error for " << name << " = " << text);
    return "";
  };
  CHECK_THAT(error_of("toy.agents", "2.5"), Contains("expects an integer, got a float (2.5)"));
  CHECK_THAT(error_of("toy.enabled", "1"), Contains("expects a boolean (true or false)"));
  CHECK_THAT(error_of("toy.pull", "\"0.3\""), Contains("write numbers without quotes"));
  CHECK_THAT(error_of("toy.pull", "inf"), Contains("NaN and infinity are not allowed"));
  CHECK_THAT(error_of("toy.pull", "-0.1"), Contains("allowed [0, 1] per day"));
  CHECK_THAT(error_of("toy.pull", "zero"), Contains("cannot read 'zero'"));
  CHECK_THAT(error_of("toy.pull", ""), Contains("no value given"));
  CHECK_THAT(error_of("toy.pull", "0.1\nother = 2"), Contains("cannot read"));
  CHECK(error_of("toy.pull", "2").rfind("--set: ", 0) == 0);
}
