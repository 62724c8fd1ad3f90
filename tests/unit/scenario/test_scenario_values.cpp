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

TEST_CASE("parse_value reads reals integers and booleans", "[scenario][values]") {
  CHECK(sim::io::parse_value(spec("toy.pull"), "0.3") == 0.3);
  CHECK(sim::io::parse_value(spec("toy.pull"), " 1e-3 ") == 0.001);
  CHECK(sim::io::parse_value(spec("toy.pull"), "1") == 1.0);
  CHECK(sim::io::parse_value(spec("toy.agents"), "1_000") == 1000.0);
  CHECK(sim::io::parse_value(spec("toy.enabled"), "false") == 0.0);
  CHECK(sim::io::parse_value(spec("toy.enabled"), "true") == 1.0);
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
