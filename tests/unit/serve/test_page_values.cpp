#include <catch2/catch.hpp>

#include <fstream>

#include "cli/model_catalogue.hpp"
#include "cli/serve/page_values.hpp"
#include "tests/unit/serve/serve_support.hpp"

using namespace candour;
using cli::serve::page_value;
using nlohmann::json;

namespace {

const sim::ParameterRegistry& nhs_registry() {
  static const auto registry = sim::registry_for(cli::find_model("nhs"));
  return registry;
}

// The message a scenario file gets for `line` (without its file and line).
std::string file_message(const std::string& line) {
  const auto folder = test::fresh_folder("page_values");
  const auto file = folder / "scenario.toml";
  std::ofstream(file) << "model = \"nhs\"\n" << line << "\n";
  try {
    sim::io::load_scenario(sim::io::ScenarioFiles(file), "nhs", nhs_registry());
  } catch (const sim::io::ScenarioError& e) {
    return e.message;
  }
  return "(no error)";
}

std::string page_message(const std::string& name, const json& value) {
  try {
    page_value(nhs_registry(), name, value);
  } catch (const sim::io::ScenarioError& e) {
    CHECK(e.file == "page");
    CHECK(e.key == name);
    return e.message;
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("the page's values are read with their parameter's type", "[serve][values]") {
  CHECK(page_value(nhs_registry(), "openness.duty_of_candour", json(1)) ==
        sim::ParameterValue(1.0));
  CHECK(page_value(nhs_registry(), "openness.duty_of_candour", json(0.25)) ==
        sim::ParameterValue(0.25));
  CHECK(page_value(nhs_registry(), "run.days", json(100)) ==
        sim::ParameterValue(std::int64_t{100}));
}

TEST_CASE("a bad value from the page gets the message a scenario file gets", "[serve][values]") {
  // Out of range, wrong type, a fraction for an integer, a string for a number.
  CHECK(page_message("openness.duty_of_candour", json(2)) ==
        file_message("openness.duty_of_candour = 2"));
  CHECK(page_message("openness.duty_of_candour", json(true)) ==
        file_message("openness.duty_of_candour = true"));
  CHECK(page_message("run.days", json(100.5)) == file_message("run.days = 100.5"));
  CHECK(page_message("openness.duty_of_candour", json("0.5")) ==
        file_message("openness.duty_of_candour = \"0.5\""));
  CHECK(page_message("run.days", json(-3)) == file_message("run.days = -3"));
}

TEST_CASE("an unknown key from the page is named with the nearest valid one", "[serve][values]") {
  const auto message = page_message("openness.duty_of_candor", json(1));
  CHECK(message.find("unknown key 'openness.duty_of_candor'") != std::string::npos);
  CHECK(message.find("did you mean 'openness.duty_of_candour'") != std::string::npos);
}

TEST_CASE("a value that is not a number or a boolean is refused", "[serve][values]") {
  CHECK_THROWS_AS(page_value(nhs_registry(), "run.days", json::array({1})), sim::io::ScenarioError);
  CHECK_THROWS_AS(page_value(nhs_registry(), "run.days", json(nullptr)), sim::io::ScenarioError);
}
