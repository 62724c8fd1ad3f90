#include "tests/validation/nhs/scenario_set.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "tests/validation/harness/statistics.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/summaries.hpp"

namespace candour::validation::nhs {

std::vector<NamedScenario> named_scenarios(const std::vector<std::string>& overrides) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(scenario_path("x").parent_path()))
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  std::vector<NamedScenario> all;
  for (const auto& n : names)
    all.push_back({n, "baseline", scenario(n, overrides)});
  // Without overrides the comparison is exact; with them, both sides carry them.
  for (auto& s : all) {
    if (!s.recipe.burn_in)
      continue;
    for (const auto& other : all) {
      const auto plain = scenario(other.name);
      if (plain.parameters == *s.recipe.burn_in) {
        s.era_baseline = other.name;
        break;
      }
    }
  }
  return all;
}

double year_mean(const MetricRecorder& run, const std::string& metric, sim::Day year) {
  return run.mean_over(metric, (year - 1) * kYear, year * kYear);
}

OddsRatio burnout_staffing_odds_ratio(const std::vector<std::vector<MetricRecorder>>& grid) {
  std::vector<double> ppn, log_odds;
  for (const auto& level : grid)
    for (const auto& r : level) {
      const double share = tail_mean(r, "burnt_out_share_nurse");
      ppn.push_back(tail_mean(r, "patients_per_nurse"));
      log_odds.push_back(std::log(share / (1.0 - share)));
    }
  const auto slope = fit_line(ppn, log_odds).slope;
  return {std::exp(slope.estimate), std::exp(slope.lower), std::exp(slope.upper)};
}

}  // namespace candour::validation::nhs
