#pragma once
// The page's live charts: each a title and the metrics it draws, named as the
// model names them. One table, read by the page through /api/models/<name>.
#include <string>
#include <vector>

#include "sim/core/model.hpp"

namespace candour::cli::serve {

struct Chart {
  std::string title;
  std::vector<std::string> metrics;
};

// The charts of `model`: for the NHS model, harm and perceived harm, fear and
// speaking up, burnout and turnover, targets met and gamed; for a model
// without a table of its own, its first headline metrics, two to a chart.
std::vector<Chart> charts_for(const sim::ModelDefinition& model);

// The names in charts_for(model) that are not system metrics of `model`
// (empty when the table is right; a test keeps it so).
std::vector<std::string> unknown_chart_metrics(const sim::ModelDefinition& model);

}  // namespace candour::cli::serve
