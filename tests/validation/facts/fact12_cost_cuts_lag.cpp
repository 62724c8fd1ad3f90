// Fact 12 (docs/validation.md): cost cuts reach care through staffing, with a lag:
// under mid_staffs the mortality ratio rises 20-45% above its era's baseline within two
// to three years. Evidence: Mid Staffs cut 19% of its pay bill over 2004-07
// and 150 posts in 2006; SMR +20-45% over 2005-08; the HCC linked the staff
// cut to the failures (evidence.md section 2, fact 13; section 5).
//
// Design: mid_staffs against baseline_2000s (same seeds), and mid_staffs without
// its cost cuts, which isolates the staffing route.
#include <catch2/catch.hpp>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/summaries.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

namespace {

constexpr sim::Day kYearThree = 3 * kYear;

// Mortality ratio of `a` over that of `b` over the year ending on `day`, pair by pair.
std::vector<double> ratio_at(const std::vector<MetricRecorder>& a,
                             const std::vector<MetricRecorder>& b, sim::Day day) {
  std::vector<double> out;
  for (std::size_t r = 0; r < a.size(); ++r)
    out.push_back(a[r].at("mortality_ratio", day) / b[r].at("mortality_ratio", day));
  return out;
}

}  // namespace

TEST_CASE("fact 12 cost cuts reach care through staffing with a lag", "[validation]") {
  // Three years is the fact's own horizon at both scales.
  const auto budget = pick(validation_scale(), {8, kYearThree}, {16, kYearThree});
  const auto mid = scenario("mid_staffs");
  const auto runs =
      run_replicates(model(),
                     {scenario("baseline_2000s"), mid,
                      adjusted(mid, {"finance.cost_improvement=0"}, "no cost cuts")},
                     budget, 12000, {"mortality_ratio", "patients_per_nurse", "funded_posts"}, 5);
  const auto year_one = ratio_at(runs[1], runs[0], kYear);
  const auto year_three = ratio_at(runs[1], runs[0], kYearThree);
  const auto uncut_three = ratio_at(runs[2], runs[0], kYearThree);
  auto ppn = [](const MetricRecorder& r) {
    return r.mean_over("patients_per_nurse", 0, kYearThree);
  };
  auto posts = [](const MetricRecorder& r) {
    return r.at("funded_posts", kYearThree) / r.at("funded_posts", 0);
  };
  note("12", "mortality ratio, mid_staffs over baseline_2000s: year 1 " +
                 format_number(mean(year_one)) + ", year 3 " + format_number(mean(year_three)) +
                 "; without cost cuts, year 3 " + format_number(mean(uncut_three)) +
                 "; funded posts after 3 years " +
                 format_number(mean(per_replicate(runs[1], posts))) + " of the start");
  const auto a = check("12a", "mortality ratio in year 3, mid_staffs over baseline_2000s",
                       mean_interval(year_three), "ratio", Requirement::within(1.2, 1.45));
  const auto b = check("12b", "lag: year-3 minus year-1 excess",
                       paired_difference(year_three, year_one), "ratio", Requirement::above(0.05));
  const auto c = check("12c", "staffing: patients per nurse, mid_staffs minus baseline_2000s",
                       paired_difference(per_replicate(runs[1], ppn), per_replicate(runs[0], ppn)),
                       "patients per nurse (years 1-3)", Requirement::above(0.25));
  const auto d =
      check("12d", "excess due to cost cuts: with minus without",
            paired_difference(year_three, uncut_three), "ratio (year 3)", Requirement::above(0.05));
  CHECK(a.passed);
  CHECK(b.passed);
  CHECK(c.passed);
  CHECK(d.passed);
}
