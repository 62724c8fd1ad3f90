#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>

#include "cli/model_catalogue.hpp"
#include "cli/serve/explorer_run.hpp"
#include "cli/serve/page_values.hpp"
#include "tests/support/memory_sink.hpp"
#include "tests/support/run_reader.hpp"
#include "tests/unit/serve/serve_support.hpp"

using namespace candour;
using namespace candour::cli::serve;
using nlohmann::json;

namespace {

const ScenarioCatalogue& nhs_catalogue() {
  static const ScenarioCatalogue catalogue(CANDOUR_SCENARIOS);
  return catalogue;
}

// mid_staffs made quick: a short burn-in, 40 days, and a page's candour lever.
std::vector<sim::io::Override> quick(const CatalogueEntry& entry, const json& extra = {}) {
  json values = {{"system.burn_in_days", 20}, {"run.days", 40}, {"run.seed", 5}};
  for (const auto& [k, v] : extra.items())
    values[k] = v;
  return page_overrides(entry.resolved.registry, values);
}

void run_to_end(ExplorerRun& run) {
  REQUIRE(run.start(1, {}, {}));
  while (!run.done())
    run.step();
}

// The rows `candour run` records for `scenario`: the engine's own loop.
test::MemorySink engine_rows(const sim::io::Scenario& scenario, const sim::ModelDefinition& model) {
  test::MemorySink sink;
  sim::run_simulation(model, sim::io::run_plan(scenario, 2), sink);
  return sink;
}

// Equal to the bit, NaN (a rate of nothing) included.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

bool same_bits(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b,
               std::size_t rows) {
  if (a.size() < rows || b.size() < rows)
    return false;
  for (std::size_t i = 0; i < rows; ++i)
    if (!same_bits(a[i], b[i]))
      return false;
  return true;
}

bool same_bits(const std::vector<std::vector<double>>& a,
               const std::vector<std::vector<double>>& b) {
  return a.size() == b.size() && same_bits(a, b, a.size());
}

}  // namespace

TEST_CASE("an explorer run records what the engine records for the same settings", "[serve][run]") {
  const auto* entry = nhs_catalogue().find("mid_staffs");
  REQUIRE(entry != nullptr);
  ExplorerRun run("yours", *entry, quick(*entry, {{"openness.duty_of_candour", 1}}), 3650, 12);
  run_to_end(run);
  const auto expected = engine_rows(run.resolved().scenario, *entry->resolved.model);
  CHECK(run.rows().times() == expected.times);
  CHECK(same_bits(run.rows().rows(), expected.rows));
  CHECK(run.equivalent_command() ==
        "candour run " + entry->file.string() +
            " --set openness.duty_of_candour=1.0 --days 40 --seed 5 --set system.burn_in_days=20");
}

TEST_CASE("a lever moved mid-run is reproduced by the run's resolved scenario", "[serve][run]") {
  const auto* entry = nhs_catalogue().find("mid_staffs");
  REQUIRE(entry != nullptr);
  ExplorerRun run("yours", *entry, quick(*entry), 3650, 12);
  REQUIRE(run.start(1, {}, {}));
  for (int i = 0; i < 15; ++i)
    run.step();
  run.move("openness.duty_of_candour", sim::ParameterValue(1.0));
  while (!run.done())
    run.step();
  REQUIRE(run.moves().size() == 1);
  CHECK(run.moves()[0].day == 15);
  // The resolved scenario, saved and read back as a scenario file, runs the same.
  const auto folder = test::fresh_folder("moved");
  const auto file = folder / "resolved.toml";
  std::ofstream(file) << run.resolved().scenario.resolved_toml;
  const auto& model = *entry->resolved.model;
  const auto again =
      sim::io::load_scenario(sim::io::ScenarioFiles(file), model.name, sim::registry_for(model));
  REQUIRE(again.timeline.size() == 1);
  CHECK(again.timeline[0].day == 15);
  const auto expected = engine_rows(again, model);
  CHECK(same_bits(run.rows().rows(), expected.rows));
  // And the move made a difference after day 15, none before.
  ExplorerRun unmoved("unchanged", *entry, quick(*entry), 3650, 12);
  run_to_end(unmoved);
  CHECK(same_bits(unmoved.rows().rows(), run.rows().rows(), 16));
  CHECK_FALSE(same_bits(unmoved.rows().rows(), run.rows().rows(), 17));
}

TEST_CASE("a move is refused before the first day, after the last and for structure",
          "[serve][run]") {
  const auto* entry = nhs_catalogue().find("mid_staffs");
  ExplorerRun run("yours", *entry, quick(*entry), 3650, 12);
  CHECK_THROWS_AS(run.move("openness.duty_of_candour", sim::ParameterValue(1.0)), ExplorerRefusal);
  REQUIRE(run.start(1, {}, {}));
  CHECK_THROWS_AS(run.move("openness.duty_of_candour", sim::ParameterValue(1.0)), ExplorerRefusal);
  run.step();
  CHECK_THROWS_AS(run.move("system.trusts", sim::ParameterValue(std::int64_t{2})), ExplorerRefusal);
  CHECK_THROWS_AS(run.move("run.days", sim::ParameterValue(std::int64_t{20})), ExplorerRefusal);
  while (!run.done())
    run.step();
  CHECK_THROWS_AS(run.move("openness.duty_of_candour", sim::ParameterValue(1.0)), ExplorerRefusal);
}

TEST_CASE("the server's bounds on days and units are refused with the option to change",
          "[serve][run]") {
  const auto* entry = nhs_catalogue().find("mid_staffs");
  try {
    ExplorerRun run("yours", *entry, quick(*entry, {{"run.days", 400}}), 365, 12);
    FAIL("not refused");
  } catch (const ExplorerRefusal& e) {
    CHECK(std::string(e.what()).find("--max-days") != std::string::npos);
  }
  try {
    ExplorerRun run("yours", *entry, quick(*entry, {{"system.trusts", 13}}), 365, 12);
    FAIL("not refused");
  } catch (const ExplorerRefusal& e) {
    CHECK(std::string(e.what()).find("13 trusts") != std::string::npos);
  }
  CHECK_THROWS_AS(ExplorerRun("../x", *entry, quick(*entry), 365, 12), ExplorerRefusal);
}

TEST_CASE("a finished run is written as `candour run` writes it, never over a file",
          "[serve][run]") {
  const auto* entry = nhs_catalogue().find("mid_staffs");
  const auto overrides = quick(*entry, {{"openness.duty_of_candour", 1}});
  ExplorerRun run("yours", *entry, overrides, 3650, 12);
  const auto folder = test::fresh_folder("written");
  CHECK_THROWS_AS(run.write_file(folder), ExplorerRefusal);  // not finished
  run_to_end(run);
  const auto first = run.write_file(folder);
  const auto second = run.write_file(folder);
  CHECK(first.filename() == "mid_staffs_yours_seed5.h5");
  CHECK(second.filename() == "mid_staffs_yours_seed5_2.h5");

  // The file `candour run` writes: the same writer on the engine's rows.
  const auto& model = *entry->resolved.model;
  sim::io::RunWriter writer(folder / "reference.h5", {}, entry->resolved.registry,
                            run.resolved().scenario.parameters);
  const auto result =
      sim::run_simulation(model, sim::io::run_plan(run.resolved().scenario, 2), writer);
  writer.finish(result);

  const test::RunReader got(first), expected(folder / "reference.h5");
  CHECK(got.completed());
  CHECK(got.time() == expected.time());
  REQUIRE(got.metrics().size() == expected.metrics().size());
  for (const auto& metric : expected.metrics()) {
    INFO(metric.name);
    CHECK(same_bits(got.metric(metric.name).values, expected.metric(metric.name).values));
  }
  const auto parameters = got.parameters(), reference = expected.parameters();
  REQUIRE(parameters.size() == reference.size());
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    CHECK(parameters[i].name == reference[i].name);
    CHECK(parameters[i].value == reference[i].value);
  }
  CHECK(got.provenance().scenario_toml == run.resolved().scenario.resolved_toml);
  CHECK(sim::io::hdf5::read_string_attribute(got.root(), "label") == "yours");
}
