#include "cli/serve/charts.hpp"

#include <algorithm>

#include "cli/run_summary.hpp"

namespace candour::cli::serve {
namespace {

bool is_system_metric(const sim::ModelDefinition& model, const std::string& name) {
  return std::any_of(model.metrics.begin(), model.metrics.end(), [&](const auto& m) {
    return m.name == name && m.scope == sim::MetricScope::system;
  });
}

std::vector<Chart> declared_charts(const sim::ModelDefinition& model) {
  if (!model.charts.empty())
    return model.charts;
  // A model without a table of its own: its headline metrics, in summary
  // order, two per chart.
  const auto headline = headline_metrics(model);
  std::vector<Chart> charts;
  for (std::size_t i = 0; i < headline.size() && charts.size() < 4; i += 2) {
    Chart chart{headline[i]->name, {headline[i]->name}};
    if (i + 1 < headline.size()) {
      chart.title += " and " + headline[i + 1]->name;
      chart.metrics.push_back(headline[i + 1]->name);
    }
    charts.push_back(std::move(chart));
  }
  return charts;
}

}  // namespace

std::vector<Chart> charts_for(const sim::ModelDefinition& model) {
  auto charts = declared_charts(model);
  // A metric the model no longer has is left out rather than drawn empty
  // (the unit tests name it).
  for (auto& chart : charts)
    std::erase_if(chart.metrics, [&](const auto& name) { return !is_system_metric(model, name); });
  std::erase_if(charts, [](const auto& chart) { return chart.metrics.empty(); });
  return charts;
}

std::vector<std::string> unknown_chart_metrics(const sim::ModelDefinition& model) {
  std::vector<std::string> unknown;
  for (const auto& chart : declared_charts(model))
    for (const auto& name : chart.metrics)
      if (!is_system_metric(model, name))
        unknown.push_back(name);
  return unknown;
}

}  // namespace candour::cli::serve
