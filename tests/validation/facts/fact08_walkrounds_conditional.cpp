// Fact 8 (docs/validation.md): walkrounds shrink the perception gap where concerns
// raised on them are acted on, and do not (or widen it) where they are not.
// Evidence: walkrounds raise senior awareness but backfire without
// follow-up (Singer & Tucker 2014); no unit-level effect in the Thomas 2005
// RCT (evidence.md section 2, fact 8).
//
// Design: mid_staffs (no walkrounds, a wide gap) against the same with four
// board visits a month whose issues are all acted on, or none.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/summaries.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

TEST_CASE("fact 8 walkrounds narrow the gap only when acted on", "[validation]") {
  const auto budget = pick(validation_scale(), {24, 1095}, {24, 0});
  const auto mid = scenario("mid_staffs");
  const auto runs = run_replicates(
      model(),
      {adjusted(mid, {"openness.walkround_rate=0"}, "no walkrounds"),
       adjusted(mid, {"openness.walkround_rate=4", "openness.walkround_follow_up=1"}, "acted on"),
       adjusted(mid, {"openness.walkround_rate=4", "openness.walkround_follow_up=0"}, "ignored")},
      budget, 8000, {"perception_gap", "walkround_issues"}, 30);
  auto gap = [](const MetricRecorder& r) { return tail_mean(r, "perception_gap"); };
  const auto none = per_replicate(runs[0], gap), acted = per_replicate(runs[1], gap),
             ignored = per_replicate(runs[2], gap);
  // A tenth of the gap without walkrounds is the smallest change that counts.
  const double minimum = std::max(0.0, 0.1 * mean(none));
  note("8", "final-year gap: no walkrounds " + format_number(mean(none)) + ", acted on " +
                format_number(mean(acted)) + ", ignored " + format_number(mean(ignored)) +
                " per 1,000 bed-days");
  const auto a = check("8a", "gap narrowed by walkrounds acted on", paired_difference(none, acted),
                       "per 1,000 bed-days (final year)", Requirement::above(minimum));
  const auto b = check("8b", "gap narrowed by walkrounds ignored", paired_difference(none, ignored),
                       "per 1,000 bed-days (final year)", Requirement::below(minimum));
  const auto c = check("8c", "acted on minus ignored, narrowing", paired_difference(ignored, acted),
                       "per 1,000 bed-days (final year)", Requirement::above(minimum));
  CHECK(a.passed);
  CHECK(b.passed);
  CHECK(c.passed);
}
