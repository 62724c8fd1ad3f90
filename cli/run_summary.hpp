#pragma once
// The one-screen summaries printed at the end of `candour run` (one seed or
// several).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/core/engine.hpp"
#include "sim/core/summary.hpp"
#include "sim/io/scenario.hpp"

namespace candour::cli {

// 4 significant digits, but whole numbers with thousands separators from
// 10,000 on ("11,563", not "1.156e+04"), so that counts read exactly.
std::string readable(double value);

// The model's headline system metrics in the order it shows them (in_summary).
std::vector<const sim::MetricSpec*> headline_metrics(const sim::ModelDefinition& model);

// What "final year" means for a metric: its mean over the final year, or for
// a running total its count in it.
double final_year_figure(const sim::MetricSummary& summary);

std::string format_run_summary(const sim::ModelDefinition& model, const sim::io::Scenario& scenario,
                               const std::vector<sim::MetricSummary>& summaries,
                               const sim::RunResult& result, const std::filesystem::path& output);

// Per headline metric, the seeds' mean, lowest and highest final-year figure.
std::string format_ensemble_summary(const sim::ModelDefinition& model,
                                    const sim::io::Scenario& scenario,
                                    const std::vector<std::uint64_t>& seeds,
                                    const std::vector<std::vector<sim::MetricSummary>>& runs,
                                    const std::vector<std::filesystem::path>& outputs,
                                    double seconds, int threads);

}  // namespace candour::cli
