#pragma once
// The named scenarios as a set: every file under the scenario folder, each
// with the baseline of its era (the scenario its burn-in runs under), and the
// summaries the credibility checks read (docs/validation.md, "Credible
// magnitudes").
#include <string>
#include <vector>

#include "tests/validation/harness/metric_recorder.hpp"
#include "tests/validation/harness/replicates.hpp"

namespace candour::validation::nhs {

struct NamedScenario {
  std::string name;
  std::string era_baseline;  // the file its burn-in runs under, or "baseline"
  RunRecipe recipe;
};

// Every scenario under the scenario folder (scenario_path), sorted by name,
// with `overrides` applied to each. A scenario's era baseline is the named
// scenario whose parameters its burn-in set equals; without a burn-in set it
// is `baseline` (the registry's defaults).
std::vector<NamedScenario> named_scenarios(const std::vector<std::string>& overrides = {});

// Mean of a metric over the records of year `year` (1-based: days
// (365 (year - 1), 365 year]).
double year_mean(const MetricRecorder& run, const std::string& metric, sim::Day year);

// Odds ratio of being burnt out per extra patient per nurse on duty, from
// runs at different staffing: exp of the least-squares slope of the log odds
// of the final-year burnt-out share of nurses on the final-year patients per
// nurse, one point per run (Aiken et al. 2002 found about 1.23).
struct OddsRatio {
  double estimate = 0, lower = 0, upper = 0;
};
OddsRatio burnout_staffing_odds_ratio(const std::vector<std::vector<MetricRecorder>>& grid);

}  // namespace candour::validation::nhs
