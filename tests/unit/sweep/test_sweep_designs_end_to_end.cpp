#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "models/toy/toy_model.hpp"
#include "sim/sweep/merge.hpp"
#include "sim/sweep/sweep_store.hpp"

using namespace candour::sim;
using namespace candour::sim::sweep;

namespace {
const std::filesystem::path kData = CANDOUR_SWEEP_TEST_DATA;

const ModelDefinition& lookup(const candour::sim::io::ScenarioFiles&) {
  static const auto toy = candour::models::toy_model();
  return toy;
}

SweepPlan plan_of(const std::string& text) {
  return SweepPlan(parse_sweep(text, kData / "inline.toml"), lookup);
}

const std::string kAxes =
    "[[axis]]\nparameter = \"toy.pull\"\nuniform = { min = 0.05, max = 0.5 }\n"
    "[[axis]]\nparameter = \"toy.shock_rate\"\nloguniform = { min = 0.001, max = 0.1 }\n"
    "[[axis]]\nparameter = \"toy.agents\"\nuniform = { min = 100, max = 300 }\n";
}  // namespace

TEST_CASE("a saltelli sweep maps its unit design through the axes", "[sweep][plan]") {
  const auto plan = plan_of(
      "scenario = \"toy_base.toml\"\nreplicates = 2\n[design]\n"
      "kind = \"saltelli\"\nbase_samples = 8\n" +
      kAxes);
  const std::size_t n = 8, k = 3;
  REQUIRE(plan.points() == n * (k + 2));
  REQUIRE(plan.runs() == 2 * n * (k + 2));
  const auto& d = plan.design();
  for (std::size_t r = 0; r < d.rows; ++r) {
    REQUIRE(d.at(r, 0) >= 0.05);
    REQUIRE(d.at(r, 0) <= 0.5);
    REQUIRE(d.at(r, 1) >= 0.001);
    REQUIRE(d.at(r, 1) <= 0.1);
    REQUIRE(d.at(r, 2) == std::round(d.at(r, 2)));  // an integer parameter
    REQUIRE(d.at(r, 2) >= 100);
    REQUIRE(d.at(r, 2) <= 300);
    // The log-uniform axis: log(value) is linear in the unit coordinate.
    const double u = plan.unit_design().at(r, 1);
    REQUIRE(std::log(d.at(r, 1)) ==
            Approx(std::log(0.001) + u * (std::log(0.1) - std::log(0.001))));
  }
  // AB_2 (block 3) holds A's values except the second parameter, which is B's.
  for (std::size_t j = 0; j < n; ++j) {
    REQUIRE(d.at(3 * n + j, 0) == d.at(j, 0));
    REQUIRE(d.at(3 * n + j, 1) == d.at(n + j, 1));
    REQUIRE(d.at(3 * n + j, 2) == d.at(j, 2));
  }
  // The run's plan carries the point's values.
  const auto run = plan.run_plan(2 * 5 + 1);
  REQUIRE(run.parameters.real("toy.pull") == d.at(5, 0));
  REQUIRE(run.parameters.integer("toy.agents") == static_cast<std::int64_t>(d.at(5, 2)));
}

TEST_CASE("a morris sweep keeps every point on the level grid of each axis", "[sweep][plan]") {
  const auto plan = plan_of(
      "scenario = \"toy_base.toml\"\n[design]\nkind = \"morris\"\n"
      "trajectories = 5\nlevels = 4\n" +
      kAxes);
  REQUIRE(plan.points() == 5 * 4);
  for (std::size_t r = 0; r < plan.points(); ++r) {
    const double pull = plan.design().at(r, 0);
    const double level = (pull - 0.05) / (0.5 - 0.05) * 3;
    REQUIRE(level == Approx(std::round(level)).margin(1e-9));
  }
}

TEST_CASE("independent seeds differ across points and are stored per run", "[sweep][plan]") {
  const auto plan = plan_of(
      "scenario = \"toy_base.toml\"\nreplicates = 3\nseed_policy = "
      "\"independent\"\n[[axis]]\nparameter = \"toy.pull\"\n"
      "values = [0.1, 0.2]\n");
  REQUIRE(plan.key(0).seed != plan.key(3).seed);  // replicate 0 at points 0 and 1
  const auto header = make_header(plan, "v", "c");
  REQUIRE(header.run_seed[4] == static_cast<std::int64_t>(plan.key(4).seed));
  REQUIRE(header.seed == 11);  // no seed given: the base scenario's run.seed
}

TEST_CASE("merge refuses two shards that disagree about a run", "[sweep][merge]") {
  const auto folder =
      std::filesystem::temp_directory_path() / ("candour_sweep_merge_" + std::to_string(getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const auto plan = SweepPlan(read_sweep_file(kData / "toy_grid.toml"), lookup);
  {
    auto a = SweepStore::create_or_resume(folder / "a.h5", make_header(plan, "v", "c", {1, 2}));
    auto b = SweepStore::create_or_resume(folder / "b.h5", make_header(plan, "v", "c", {2, 2}));
    auto outcome = execute_run(plan, 0);
    a.write(outcome);
    b.write(execute_run(plan, 1));
    b.write(execute_run(plan, 3));
    // The same run, but not the same values: a file from another build, say.
    outcome.summary[0] += 1e-12;
    b.write(outcome);
  }
  REQUIRE_THROWS_WITH(merge_sweeps(folder / "m.h5", {folder / "a.h5", folder / "b.h5"}),
                      Catch::Contains("run 0 differs"));
  REQUIRE_FALSE(std::filesystem::exists(folder / "m.h5"));
  REQUIRE_FALSE(std::filesystem::exists(folder / "m.h5.merging"));
  // Without the disagreement the merge keeps every run either shard finished.
  const auto report = merge_sweeps(folder / "m.h5", {folder / "a.h5"});
  REQUIRE(report.completed == 1);
  REQUIRE(report.runs == plan.runs());
  auto merged = SweepStore::open(folder / "m.h5", false);
  REQUIRE(merged.header().shard == Shard{});
  REQUIRE(merged.completed()[0] == 1);
  REQUIRE(merged.read(0).summary == execute_run(plan, 0).summary);
  std::filesystem::remove_all(folder);
}
