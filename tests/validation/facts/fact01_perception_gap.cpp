// Fact 1: under mid_staffs the board's perceived quality exceeds actual
// quality by far more than under the baseline of its era (baseline_2000s),
// while its target figures look better. Evidence: Mid Staffs met its finance tests while dismissing
// mortality alerts (Jarman 2013); official 4-hour 96% against 77% reported by
// patients (Bevan & Hood 2006). docs/evidence.md sections 4 and 6.
#include <catch2/catch.hpp>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/summaries.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

TEST_CASE("fact 1 perception gap under pressure", "[validation]") {
  const auto budget = pick(validation_scale(), {8, 1095}, {16, 0});
  const auto runs =
      run_replicates(model(), {scenario("baseline_2000s"), scenario("mid_staffs")}, budget, 1000,
                     {"perception_gap", "harm_rate", "perceived_harm_rate", "ae_4_hour_official",
                      "perceived_target_performance"},
                     30);
  auto gap = [](const MetricRecorder& r) { return tail_mean(r, "perception_gap"); };
  auto harm = [](const MetricRecorder& r) { return tail_mean(r, "harm_rate"); };
  auto official = [](const MetricRecorder& r) { return tail_mean(r, "ae_4_hour_official"); };
  const auto base_gap = per_replicate(runs[0], gap), mid_gap = per_replicate(runs[1], gap);
  const double base_harm = mean(per_replicate(runs[0], harm));

  // "Far more": the extra gap must be at least a fifth of baseline's actual
  // harm rate, the low end of Mid Staffs' 20-45% excess mortality.
  const auto a = check("1a", "perception gap, mid_staffs minus baseline_2000s",
                       welch_difference(mid_gap, base_gap), "per 1,000 bed-days (final year)",
                       Requirement::above(0.2 * base_harm));
  note("1a", "baseline gap " + format_number(mean(base_gap)) + ", mid_staffs gap " +
                 format_number(mean(mid_gap)) + ", baseline actual harm " +
                 format_number(base_harm) + " per 1,000 bed-days");
  const auto b =
      check("1b", "official 4-hour share, mid_staffs minus baseline_2000s",
            welch_difference(per_replicate(runs[1], official), per_replicate(runs[0], official)),
            "share of attendances (final year)", Requirement::above(0.01));
  CHECK(a.passed);
  CHECK(b.passed);
}
