// Credible magnitudes (docs/validation.md): not stylised facts but the sizes a
// policy reader checks first. Psychological safety stays where real trusts
// are in every named scenario; a reform moves it by points, over years; the
// burn-in leaves a settled start; individual accountability frightens
// leaders; local autonomy does not cost the true 18-week share; burnout rises
// with staffing at about Aiken's odds ratio. Evidence: docs/evidence.md
// (sections 1.1, 2 and 10). Several are calibration targets (in-sample): the
// page says which.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/harness/statistics.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/scenario_set.hpp"
#include "tests/validation/nhs/summaries.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

namespace {

const std::string kSafety = "psychological_safety_clinicians";
constexpr sim::Day kFiveYears = 5 * kYear;

double final_year(const MetricRecorder& r, const std::string& metric) {
  return tail_mean(r, metric);
}

}  // namespace

TEST_CASE("credible: psychological safety stays within what trusts show in every scenario",
          "[validation]") {
  // Real trusts' "secure raising concerns" runs from about 0.55 to 0.85; a
  // failing trust may sit lower, so the bound is 0.45 to 0.88 (evidence.md 1.1).
  const Scale scale = validation_scale();
  const auto budget = pick(scale, {5, kFiveYears}, {5, kFiveYears});
  const auto set = named_scenarios();
  std::vector<RunRecipe> recipes;
  for (const auto& s : set) {
    // At ci the national systems run 20 of their trusts (same structure
    // otherwise): 200 trusts for five years is the suite's costliest run.
    const bool national = s.recipe.parameters.integer("system.trusts") > 20;
    recipes.push_back(scale == Scale::ci && national ? adjusted(s.recipe, {"system.trusts=20"})
                                                     : s.recipe);
  }
  const auto runs = run_replicates(model(), recipes, budget, 15000, {kSafety}, 7);
  bool all = true;
  for (std::size_t k = 0; k < set.size(); ++k) {
    const auto v =
        per_replicate(runs[k], [](const MetricRecorder& r) { return final_year(r, kSafety); });
    all = check("C1", set[k].name + ": final-year psychological safety", mean_interval(v), "share",
                Requirement::within(0.45, 0.88))
              .passed &&
          all;
  }
  CHECK(all);
}

TEST_CASE("credible: the Francis package moves psychological safety by points, over years",
          "[validation]") {
  // Staff Survey 2014-2021: the national share moved by a few points a year at
  // most; a reform makes no one fearless (evidence.md 10.4). A calibration
  // target: in-sample.
  const auto budget = pick(validation_scale(), {6, kFiveYears}, {12, kFiveYears});
  const auto runs = run_replicates(model(), {scenario("francis"), scenario("baseline_2000s")},
                                   budget, 15100, {kSafety}, 7);
  auto in_year = [](sim::Day year) {
    return [year](const MetricRecorder& r) { return year_mean(r, kSafety, year); };
  };
  const auto y1 =
      paired_difference(per_replicate(runs[0], in_year(1)), per_replicate(runs[1], in_year(1)));
  const auto y5 =
      paired_difference(per_replicate(runs[0], in_year(5)), per_replicate(runs[1], in_year(5)));
  const auto a = check("C2a", "francis minus baseline_2000s, year 1", y1, "share",
                       Requirement::within(0.0, 0.08));
  const auto b = check("C2b", "francis minus baseline_2000s, year 5", y5, "share",
                       Requirement::within(0.0, 0.08));
  const auto growth =
      paired_difference(per_replicate(runs[0], in_year(5)), per_replicate(runs[0], in_year(1)));
  const auto c = check("C2c", "francis, year 5 minus year 1 (the effect accrues)", growth, "share",
                       Requirement::above(0.0));
  CHECK(a.passed);
  CHECK(b.passed);
  CHECK(c.passed);
}

TEST_CASE("credible: the burn-in leaves a settled start", "[validation]") {
  // Unchanged levers: the final year's mean differs from day 0 by less than
  // the tolerance, on the whole interval (docs/validation.md, settled start).
  const auto budget = pick(validation_scale(), {12, kFiveYears}, {24, kFiveYears});
  const std::vector<std::string> metrics{kSafety, "burnt_out_share_nurse", "harm_rate"};
  const auto runs = run_replicates(model(), {scenario("baseline"), scenario("baseline_2000s")},
                                   budget, 15200, metrics, 7);
  const std::vector<double> tolerance{0.02, 0.03, 1.0};
  const std::vector<std::string> units{"share", "share", "per 1,000 bed-days"};
  bool all = true;
  for (std::size_t k = 0; k < 2; ++k)
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      const auto drift = per_replicate(runs[k], [&](const MetricRecorder& r) {
        return year_mean(r, metrics[m], 5) - r.at(metrics[m], 0);
      });
      all = check("C3",
                  std::string(k == 0 ? "baseline" : "baseline_2000s") + ": " + metrics[m] +
                      ", year-5 mean minus day 0",
                  mean_interval(drift), units[m], Requirement::within(-tolerance[m], tolerance[m]))
                .passed &&
            all;
    }
  CHECK(all);
}

TEST_CASE("credible: individual accountability raises leaders' fear", "[validation]") {
  // Berwick 2019 on the fit and proper regime and strike-off: leaders become
  // "fearful". The mechanism is built in; the size is not a target.
  const auto budget = pick(validation_scale(), {4, 3 * kYear}, {8, kFiveYears});
  const auto runs = run_replicates(model(), {scenario("kark"), scenario("baseline")}, budget, 15300,
                                   {"fear_mean_manager", "fear_mean_board"}, 7);
  for (const char* metric : {"fear_mean_manager", "fear_mean_board"}) {
    auto f = [&](const MetricRecorder& r) { return final_year(r, metric); };
    const auto d = paired_difference(per_replicate(runs[0], f), per_replicate(runs[1], f));
    CHECK(check("C4", std::string("kark minus baseline, final-year ") + metric, d, "share",
                Requirement::above(0.0))
              .passed);
  }
}

TEST_CASE("credible: full local autonomy does not lower the true 18-week share", "[validation]") {
  // The Confederation (2007): autonomy lets trusts prioritise locally and
  // decide faster, not only feel less pressure.
  const auto budget = pick(validation_scale(), {4, 3 * kYear}, {8, kFiveYears});
  const auto base = scenario("baseline");
  const auto runs = run_replicates(model(), {adjusted(base, {"pressure.local_autonomy=1"}), base},
                                   budget, 15400, {"rtt_18_week_true"}, 7);
  auto f = [](const MetricRecorder& r) { return final_year(r, "rtt_18_week_true"); };
  const auto d = paired_difference(per_replicate(runs[0], f), per_replicate(runs[1], f));
  CHECK(check("C5", "full local autonomy minus baseline, final-year true 18-week share", d, "share",
              Requirement::above(0.0))
            .passed);
}

TEST_CASE("credible: burnout rises with staffing at about Aiken's odds ratio", "[validation]") {
  // Aiken et al. 2002: odds ratio about 1.23 per extra patient per nurse; the
  // target band 1.10 to 1.40 (evidence.md 10.5). A calibration target:
  // in-sample.
  const auto budget = pick(validation_scale(), {4, 3 * kYear}, {8, 3 * kYear});
  const auto base = scenario("baseline");
  std::vector<RunRecipe> levels;
  for (int posts : {19, 22, 25, 28, 31})
    levels.push_back(adjusted(base, {"trust.clinicians_per_ward=" + std::to_string(posts)}));
  const auto grid = run_replicates(model(), levels, budget, 15500,
                                   {"burnt_out_share_nurse", "patients_per_nurse"}, 7);
  const auto odds = burnout_staffing_odds_ratio(grid);
  Interval ratio;
  ratio.estimate = odds.estimate;
  ratio.lower = odds.lower;
  ratio.upper = odds.upper;
  CHECK(check("C6", "burnout odds ratio per extra patient per nurse", ratio, "odds ratio",
              Requirement::within(1.10, 1.40))
            .passed);
}
