#include "cli/run_summary.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace candour::cli {
namespace {
// "deaths_from_harm" -> "deaths from harm": identifiers a student can read,
// and the same words `candour describe` and the output file use.
std::string label_of(const std::string& name) {
  std::string label = name;
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}
}  // namespace

std::string format_run_summary(const sim::ModelDefinition& model, const sim::io::Scenario& scenario,
                               const std::vector<sim::MetricSummary>& summaries,
                               const sim::RunResult& result, const std::filesystem::path& output) {
  std::string out;
  const std::string title = scenario.title.empty() ? scenario.file.stem().string() : scenario.title;
  // The rate counts the recorded days over the time they took, burn-in apart.
  const double run_seconds = result.wall_seconds - result.burn_in_seconds;
  const std::string burn_in = result.burn_in_days > 0
                                  ? fmt::format(", after a {}-day burn-in of {:.1f} s",
                                                result.burn_in_days, result.burn_in_seconds)
                                  : "";
  out += fmt::format("\n{} ({} days, {:.1f} s, {:.0f} days/s{}, {} threads)\n", title, result.days,
                     result.wall_seconds,
                     run_seconds > 0 ? static_cast<double>(result.days) / run_seconds : 0.0,
                     burn_in, result.threads);
  std::vector<const sim::MetricSpec*> shown;
  std::size_t width = 10;
  for (const auto& metric : model.metrics) {
    if (metric.in_summary && metric.scope == sim::MetricScope::system) {
      shown.push_back(&metric);
      width = std::max(width, metric.name.size());
    }
  }
  // Levels are averaged over the period; running totals are counted in it.
  out += fmt::format("  {:<{}}  {:>12}  {:>12}  {}\n", "", width + 1, "final year", "whole run",
                     "unit (levels: mean; totals*: count)");
  for (const auto* metric : shown) {
    auto it = std::find_if(summaries.begin(), summaries.end(),
                           [&](const auto& s) { return s.name == metric->name; });
    if (it == summaries.end())
      continue;
    const double year = it->cumulative ? it->final_year_increase : it->final_year_mean;
    const double run = it->cumulative ? it->final_value : it->run_mean;
    out += fmt::format("  {:<{}}  {:>12.4g}  {:>12.4g}  {}{}\n",
                       label_of(metric->name) + (it->cumulative ? "*" : ""), width + 1, year, run,
                       metric->unit, "");
  }
  out += fmt::format(
      "Written to {} ({} metrics; `candour describe --section metrics` explains each).\n",
      output.string(), model.metrics.size());
  return out;
}

}  // namespace candour::cli
