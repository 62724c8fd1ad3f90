#pragma once
// The one-screen summary printed at the end of `candour run`.
#include <filesystem>
#include <string>
#include <vector>

#include "sim/core/engine.hpp"
#include "sim/core/summary.hpp"
#include "sim/io/scenario.hpp"

namespace candour::cli {

std::string format_run_summary(const sim::ModelDefinition& model, const sim::io::Scenario& scenario,
                               const std::vector<sim::MetricSummary>& summaries,
                               const sim::RunResult& result, const std::filesystem::path& output);

}  // namespace candour::cli
