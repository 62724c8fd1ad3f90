// Fact 3 (docs/validation.md): reporting falls as fear rises, across wards and across
// scenarios. Evidence: reporting tracks safety culture, not mortality
// (Hutchinson 2009); better teams report ~10x more errors (Edmondson 1996);
// psychological safety cuts withholding (Schwappach 2014). Test note
// (evidence.md section 2): a negative slope of the recorded/true incident
// ratio on mean fear, across wards and scenarios.
//
// The model records incidents per trust, not per ward, so "across wards" is
// tested across the trusts of the national system (each trust's own culture);
// a per-ward tally would allow the ward-level test.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/scenario_set.hpp"
#include "tests/validation/nhs/summaries.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

namespace {

// Slope of log(recorded / true incidents) per unit mean clinician fear. A
// minimum of -0.5 means a rise of 0.1 in fear cuts reporting by at least 5%.
constexpr double kMinimumSlope = -0.5;

}  // namespace

TEST_CASE("fact 3a fear suppresses reporting across scenarios", "[validation]") {
  const Scale scale = validation_scale();

  // Across scenarios: every named scenario of one trust (the national one is
  // 3b), each replicate one point.
  std::vector<std::string> names;
  std::vector<RunRecipe> recipes;
  for (const auto& s : named_scenarios()) {
    if (s.recipe.parameters.integer("system.trusts") > 1)
      continue;
    names.push_back(s.name);
    recipes.push_back(s.recipe);
  }
  const auto runs = run_replicates(model(), recipes, pick(scale, {3, 730}, {6, 0}), 3000,
                                   {"reporting_ratio", "fear_mean_clinicians"}, 30);
  std::vector<double> fear, log_reporting;
  for (std::size_t k = 0; k < names.size(); ++k) {
    for (const auto& r : runs[k]) {
      fear.push_back(tail_mean(r, "fear_mean_clinicians"));
      log_reporting.push_back(std::log(tail_mean(r, "reporting_ratio")));
    }
    note("3a",
         names[k] + ": fear " +
             format_number(mean(
                 std::vector<double>(fear.end() - static_cast<long>(runs[k].size()), fear.end()))) +
             ", reporting ratio " +
             format_number(std::exp(mean(std::vector<double>(
                 log_reporting.end() - static_cast<long>(runs[k].size()), log_reporting.end())))));
  }
  const auto across_scenarios = fit_line(fear, log_reporting);
  const auto a = check("3a", "reporting on fear across scenarios", across_scenarios.slope,
                       "log(recorded/true incidents) per unit fear (final year)",
                       Requirement::below(kMinimumSlope));
  CHECK(a.passed);
}

// Tagged [slow]: about four minutes of two cores at ci scale, so CI's reduced
// form leaves it out (README, Tests); `ctest --preset release -L validation-slow` runs it.
TEST_CASE("fact 3b fear suppresses reporting across a system's trusts", "[validation][slow]") {
  const Scale scale = validation_scale();
  // Across organisations: the trusts of the national system, one slope per
  // replicate, the interval over replicates. The slope varies from run to run
  // (SD about 0.27 at ci), so ten runs at both scales.
  const auto system = scenario("nhs_england_2000s",
                               scale == Scale::ci ? std::vector<std::string>{"system.trusts=100"}
                                                  : std::vector<std::string>{});
  const auto national =
      run_replicates(model(), {system}, pick(scale, {10, 730}, {10, 0}), 3100,
                     {"reporting_ratio_by_trust", "fear_mean_clinicians_by_trust"}, 30);
  std::vector<double> slopes;
  for (const auto& r : national[0]) {
    const auto trust_fear = trust_tail_means(r, "fear_mean_clinicians_by_trust", kYear);
    auto trust_reporting = trust_tail_means(r, "reporting_ratio_by_trust", kYear);
    for (auto& v : trust_reporting)
      v = std::log(v);
    slopes.push_back(fit_line(trust_fear, trust_reporting).slope.estimate);
  }
  const auto b = check("3b", "reporting on fear across trusts", mean_interval(slopes),
                       "log(recorded/true incidents) per unit fear (final year)",
                       Requirement::below(kMinimumSlope));
  CHECK(b.passed);
}
