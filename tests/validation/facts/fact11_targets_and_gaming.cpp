// Fact 11 (docs/validation.md): targets improve the measured quantity, partly for
// real, and bunch activity at the threshold; official performance exceeds
// experienced performance, more so under heavy pressure. Evidence: targets
// cut waits without measurable spill-over (Propper et al. 2010; Kelman &
// Friedman 2009); 6% of attendances leave in the last 10 minutes before four
// hours (NHS IC 2009); 96% official against 77% reported by patients (Bevan &
// Hood 2006) (evidence.md section 2, facts 11 and 12).
//
// Design: baseline against baseline without targets (stringency and penalty
// 0), and mid_staffs ("targets and terror") for the official-experienced gap.
#include <catch2/catch.hpp>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/summaries.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

TEST_CASE("fact 11 targets work partly for real and are gamed", "[validation]") {
  const auto budget = pick(validation_scale(), {6, 730}, {12, 0});
  // mid_staffs and the targets it raised belong to the NHS before 2013.
  const auto base = scenario("baseline_2000s");
  const auto runs = run_replicates(
      model(),
      {adjusted(base, {"pressure.target_stringency=0", "pressure.penalty_severity=0"},
                "no targets"),
       base, scenario("mid_staffs")},
      budget, 11000, {"ae_4_hour_official", "ae_4_hour_experienced", "ae_bunching"}, 30);
  auto metric = [](const char* name) {
    return [name](const MetricRecorder& r) { return tail_mean(r, name); };
  };
  auto gap = [](const MetricRecorder& r) {
    return tail_mean(r, "ae_4_hour_official") - tail_mean(r, "ae_4_hour_experienced");
  };
  const auto official = metric("ae_4_hour_official");
  const auto experienced = metric("ae_4_hour_experienced");
  const auto bunching = metric("ae_bunching");
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const char* names[] = {"no targets", "baseline_2000s", "mid_staffs"};
    note("11", std::string(names[k]) + ": official " +
                   format_number(mean(per_replicate(runs[k], official))) + ", experienced " +
                   format_number(mean(per_replicate(runs[k], experienced))) + ", bunched " +
                   format_number(mean(per_replicate(runs[k], bunching))));
  }
  // One percentage point of attendances is the smallest change that counts;
  // half a point for the real gain, which the evidence says is the larger part
  // only in some studies.
  const auto a =
      check("11a", "official 4-hour share, targets minus none",
            paired_difference(per_replicate(runs[1], official), per_replicate(runs[0], official)),
            "share of attendances (final year)", Requirement::above(0.01));
  const auto b = check(
      "11b", "experienced 4-hour share, targets minus none",
      paired_difference(per_replicate(runs[1], experienced), per_replicate(runs[0], experienced)),
      "share of attendances (final year)", Requirement::above(0.005));
  const auto c =
      check("11c", "bunching before 4 hours, targets minus none",
            paired_difference(per_replicate(runs[1], bunching), per_replicate(runs[0], bunching)),
            "share of attendances (final year)", Requirement::above(0.01));
  const auto d = check("11d", "official minus experienced, baseline_2000s",
                       mean_interval(per_replicate(runs[1], gap)),
                       "share of attendances (final year)", Requirement::above(0.01));
  const auto e = check("11e", "official minus experienced, mid_staffs minus baseline_2000s",
                       paired_difference(per_replicate(runs[2], gap), per_replicate(runs[1], gap)),
                       "share of attendances (final year)", Requirement::above(0.01));
  CHECK(a.passed);
  CHECK(b.passed);
  CHECK(c.passed);
  CHECK(d.passed);
  CHECK(e.passed);
}
