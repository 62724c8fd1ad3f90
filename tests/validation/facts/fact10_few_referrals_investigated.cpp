// Fact 10 (docs/validation.md): of trusts referred to the regulator, only a small share
// (about 7%) is formally investigated under HCC-era settings, one to two
// years after the first alerts. Evidence: HCC 2004-07, 14 of ~200 referrals
// (HSJ 575006); Mid Staffs from first mortality alerts (2007) to
// investigation (March 2008) to report (March 2009) (evidence.md section 2,
// fact 10).
//
// Design: the national system in the HCC's era (nhs_england_2000s, about 200
// trusts under one centre with the levers before 2013), since one trust sees
// a referral once in years.
#include <catch2/catch.hpp>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/summaries.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

// Tagged [slow]: twelve 5-year runs of the national system, each after its
// 3-year burn-in, about four minutes of two cores at ci scale, so CI's reduced form leaves it out
// (README, Tests); `ctest --preset release -L validation-slow` runs it.
TEST_CASE("fact 10 few referrals become investigations", "[validation][slow]") {
  const Scale scale = validation_scale();
  // Each run's mean lag rests on a dozen or so investigations, so the lag's
  // interval needs as many runs at ci as at full scale. Twelve, not six: the
  // share's estimate (about 0.10 to 0.11) sits within one six-run interval
  // (+-0.03) of the bound 0.14, and six runs failed it by 0.001 when the
  // random numbers changed (docs/validation.md, fact 10).
  const auto budget = pick(scale, {12, 0}, {12, 0});
  const auto runs = run_replicates(model(), {scenario("nhs_england_2000s")}, budget, 10000,
                                   {"referrals", "investigations", "alert_to_investigation"}, 91);
  std::vector<double> share, lag_years;
  double referrals = 0, investigations = 0;
  for (const auto& r : runs[0]) {
    const double n = r.final_value("referrals"), k = r.final_value("investigations");
    referrals += n;
    investigations += k;
    share.push_back(k / n);
    const double lag = r.final_value("alert_to_investigation");
    if (std::isfinite(lag))
      lag_years.push_back(lag / 365.0);
  }
  note("10", format_number(referrals) + " referrals and " + format_number(investigations) +
                 " investigations over " + std::to_string(runs[0].size()) + " runs");
  // "About 7%": within a factor of two of HCC's 14 of 200.
  const auto a = check("10a", "investigated share of referrals", mean_interval(share),
                       "investigations per referral", Requirement::within(0.035, 0.14));
  CHECK(a.passed);
  REQUIRE(lag_years.size() >= 2);
  const auto b = check("10b", "first alert to investigation", mean_interval(lag_years), "years",
                       Requirement::within(1.0, 2.0));
  CHECK(b.passed);
}
