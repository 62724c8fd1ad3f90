#pragma once
// Small summaries of recorded NHS runs that several facts share.
#include <string>
#include <vector>

#include "tests/validation/harness/metric_recorder.hpp"

namespace candour::validation::nhs {

inline constexpr sim::Day kYear = sim::kDaysPerYear;

// Mean of a metric over the last `days` days of the run (records after
// end - days), system-wide or for one trust.
double tail_mean(const MetricRecorder& run, const std::string& metric, sim::Day days = kYear,
                 std::size_t unit = 0);

// Mean over every record after day 0.
double run_mean(const MetricRecorder& run, const std::string& metric, std::size_t unit = 0);

// One value per trust of a per-trust metric's mean over the last `days`.
std::vector<double> trust_tail_means(const MetricRecorder& run, const std::string& metric,
                                     sim::Day days);

// Mean completed time in post, in years, of the managers who left during the
// run: the yearly windows of manager_completed_tenure weighted by each year's
// leavers (needs manager_leavers and manager_completed_tenure recorded).
double completed_manager_tenure(const MetricRecorder& run);

// Concatenates per-replicate vectors.
std::vector<double> pooled(const std::vector<std::vector<double>>& parts);

}  // namespace candour::validation::nhs
