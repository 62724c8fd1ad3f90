#pragma once
// The page's live charts: each a title and the metrics it draws, named as the
// model names them. One table, read by the page through /api/models/<name>.
#include <string>
#include <vector>

#include "sim/core/model.hpp"

namespace candour::cli::serve {

using Chart = sim::ChartSpec;

// The charts of `model`: its own table (ModelDefinition::charts; the NHS
// model's: harm and perceived harm, fear and speaking up, burnout and
// turnover, targets met and gamed); for a model without one, its first
// headline metrics, two to a chart.
std::vector<Chart> charts_for(const sim::ModelDefinition& model);

// The names in charts_for(model) that are not system metrics of `model`
// (empty when the table is right; a test keeps it so).
std::vector<std::string> unknown_chart_metrics(const sim::ModelDefinition& model);

}  // namespace candour::cli::serve
