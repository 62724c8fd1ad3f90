// Fact 4 (docs/validation.md): sweeping surveillance intensity, net detection of true
// problems is an inverted U. Evidence: reputational pressure is needed to
// move performance (Bevan & Hamblin 2009), yet control crowds out motivation
// (Falk & Kosfeld 2006) and Berwick warns of "too much emphasis on
// accountability, supervision and metrics". Test note (evidence.md section
// 2): fit a quadratic to net true-problem detection over the sweep; the
// quadratic term is negative, with the peak strictly inside the range.
//
// Design: the sweep runs from mid_staffs, where true problems (wards whose
// latent hazard reaches regulator.problem_threshold) occur; under baseline
// they are too rare (a handful of ward-months in three years) for a detection
// share to be measured. Each level must average at least one problem
// ward-month a month for the test to be valid.
#include <catch2/catch.hpp>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/summaries.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

TEST_CASE("fact 4 surveillance has an inverted U effect on detection", "[validation]") {
  const auto budget = pick(validation_scale(), {4, 1095}, {8, 0});
  const std::vector<double> levels{0.0, 0.2, 0.4, 0.6, 0.8, 1.0};
  std::vector<RunRecipe> sweep;
  for (double s : levels)
    sweep.push_back(
        scenario("mid_staffs", {"regulator.surveillance_intensity=" + std::to_string(s)}));
  const auto runs = run_replicates(model(), sweep, budget, 4000,
                                   {"problem_ward_months", "problem_ward_months_detected"}, 30);
  // Net detection: the share of true problem ward-months that any channel
  // (forwarded concern, walkround, referral, investigation) saw, over the run.
  std::vector<double> x, y;
  for (std::size_t k = 0; k < levels.size(); ++k) {
    const auto problems = per_replicate(
        runs[k], [](const MetricRecorder& r) { return r.final_value("problem_ward_months"); });
    const auto seen = per_replicate(runs[k], [](const MetricRecorder& r) {
      return r.final_value("problem_ward_months_detected");
    });
    std::vector<double> shares;
    for (std::size_t r = 0; r < problems.size(); ++r) {
      if (problems[r] <= 0)
        continue;  // nothing to detect: the share is undefined, not zero
      shares.push_back(seen[r] / problems[r]);
      x.push_back(levels[k]);
      y.push_back(shares.back());
    }
    const double months = static_cast<double>(runs[k].front().times().back()) / 30.4;
    note("4", "surveillance " + format_number(levels[k]) + ": detection share " +
                  format_number(mean(shares)) + " of " + format_number(mean(problems)) +
                  " problem ward-months per run");
    INFO("surveillance " << levels[k] << ": " << mean(problems)
                         << " problem ward-months per run, too few to measure detection");
    REQUIRE(mean(problems) >= months);
  }
  const auto q = fit_quadratic(x, y);
  const auto a = check("4a", "curvature of detection in surveillance", q.curvature,
                       "share per unit intensity squared", Requirement::below(0.0));
  const auto b = check("4b", "peak of detection", q.vertex, "surveillance intensity",
                       Requirement::within(levels.front(), levels.back()));
  CHECK(a.passed);
  CHECK(b.passed);
}
