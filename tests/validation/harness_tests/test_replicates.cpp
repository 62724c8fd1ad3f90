// The replicate harness on the toy model: seeds, parallel runs, recording,
// and an effect the toy model's rules fix exactly.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "models/toy/toy_model.hpp"
#include "tests/validation/harness/replicates.hpp"
#include "tests/validation/harness/statistics.hpp"

using namespace candour;
using namespace candour::validation;

namespace {

const std::vector<std::string> kMetrics{"shocks", "mean_level", "group_mean_level"};

RunRecipe toy(double shock_rate) {
  return default_recipe(models::toy_model(),
                        {"toy.agents=2000", "toy.groups=4", "run.days=100",
                         "toy.shock_rate=" + std::to_string(shock_rate)},
                        "shock rate " + std::to_string(shock_rate));
}

}  // namespace

TEST_CASE("replicate seeds are the base seed plus the replicate", "[validation-harness]") {
  CHECK(replicate_seed(1000, 0) == 1000);
  CHECK(replicate_seed(1000, 7) == 1007);
}

TEST_CASE("replicates in parallel equal the same runs one by one", "[validation-harness]") {
  const auto model = models::toy_model();
  const auto runs = run_replicates(model, {toy(0.01)}, {4, 0}, 500, kMetrics);
  REQUIRE(runs.size() == 1);
  REQUIRE(runs[0].size() == 4);
  for (int r = 0; r < 4; ++r) {
    const auto alone = run_once(model, toy(0.01), replicate_seed(500, r), kMetrics);
    CHECK(alone.series("shocks") == runs[0][r].series("shocks"));
    CHECK(alone.series("group_mean_level") == runs[0][r].series("group_mean_level"));
  }
  CHECK(runs[0][0].series("shocks") != runs[0][1].series("shocks"));
}

TEST_CASE("the recorder keeps the requested system and per-unit series", "[validation-harness]") {
  const auto run = run_once(models::toy_model(), toy(0.01), 3, kMetrics, 30, 10);
  CHECK(run.times() == std::vector<sim::Day>{0, 10, 20, 30});
  CHECK(run.units() == 4);
  CHECK_FALSE(run.per_unit("shocks"));
  CHECK(run.per_unit("group_mean_level"));
  CHECK(run.series("shocks").size() == 4);
  CHECK(run.series("group_mean_level").size() == 16);
  CHECK(run.final_value("shocks") == run.at("shocks", 30));
  CHECK(run.mean_over("shocks", 0, 20) ==
        Approx(0.5 * (run.at("shocks", 10) + run.at("shocks", 20))));
  // The system mean level is the mean of the equal-sized groups' means.
  double groups = 0;
  for (std::size_t g = 0; g < 4; ++g)
    groups += run.at("group_mean_level", 30, g);
  CHECK(groups / 4 == Approx(run.at("mean_level", 30)));
  CHECK_THROWS_AS(run_once(models::toy_model(), toy(0.01), 3, {"no_such_metric"}),
                  std::invalid_argument);
}

TEST_CASE("the harness recovers the toy model's shock rate within its interval",
          "[validation-harness]") {
  // Each agent is shocked with probability 1 - exp(-rate) a day, so 100 days
  // of 2,000 agents expect 200,000 (1 - exp(-rate)) shocks.
  const auto model = models::toy_model();
  const auto runs = run_replicates(model, {toy(0.01), toy(0.02)}, {12, 0}, 77, {"shocks"});
  auto total = [](const MetricRecorder& r) { return r.final_value("shocks"); };
  const auto low = per_replicate(runs[0], total), high = per_replicate(runs[1], total);
  const double expected_low = 200000 * -std::expm1(-0.01);
  const double expected_high = 200000 * -std::expm1(-0.02);
  const auto m = mean_interval(low);
  CHECK(m.lower < expected_low);
  CHECK(m.upper > expected_low);
  const auto d = welch_difference(high, low);
  CHECK(d.lower < expected_high - expected_low);
  CHECK(d.upper > expected_high - expected_low);
  CHECK(d.lower > 0);
}

TEST_CASE("recipes take overrides checked against the registry", "[validation-harness]") {
  const auto model = models::toy_model();
  const auto base = toy(0.01);
  const auto calm = with_overrides(base, model, {"toy.pull=0.3"}, "calm");
  CHECK(calm.label == "calm");
  CHECK(calm.parameters.real("toy.pull") == 0.3);
  CHECK(calm.parameters.real("toy.shock_rate") == 0.01);
  CHECK_THROWS(with_overrides(base, model, {"toy.pul=0.3"}));
  CHECK_THROWS(with_overrides(base, model, {"toy.pull=3"}));
  CHECK_THROWS(default_recipe(model, {"toy.pull"}));
}

TEST_CASE("a scenario file becomes a recipe with its timeline", "[validation-harness]") {
  const auto model = models::toy_model();
  const auto reform =
      load_recipe(CANDOUR_TOY_SCENARIOS "/toy_reform.toml", model, {"toy.shock_rate=0.5"});
  CHECK(reform.label == "toy_reform");
  REQUIRE(reform.timeline.size() == 2);
  // The override wins over the file and every stage.
  CHECK(reform.parameters.real("toy.shock_rate") == 0.5);
  CHECK(reform.timeline[0].parameters.real("toy.shock_rate") == 0.5);
  CHECK(reform.timeline[0].parameters.real("toy.pull") == 0.3);
  const auto run = run_once(model, reform, 1, {"shocks"});
  CHECK(run.times().back() == 60);
}

TEST_CASE("the scale comes from CANDOUR_VALIDATION_SCALE", "[validation-harness]") {
  CHECK(std::string(scale_name(Scale::ci)) == "ci");
  CHECK(std::string(scale_name(Scale::full)) == "full");
  CHECK(pick(Scale::full, {2, 10}, {8, 100}).replicates == 8);
  CHECK(pick(Scale::ci, {2, 10}, {8, 100}).days == 10);
}
