#include "cli/run_summary.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace candour::cli {

std::string format_run_summary(const sim::ModelDefinition& model, const sim::io::Scenario& scenario,
                               const std::vector<sim::MetricSummary>& summaries,
                               const sim::RunResult& result, const std::filesystem::path& output) {
  std::string out;
  const std::string title = scenario.title.empty() ? scenario.file.stem().string() : scenario.title;
  out += fmt::format("\n{} ({} days, {:.1f} s, {:.0f} days/s, {} threads)\n", title, result.days,
                     result.wall_seconds,
                     result.wall_seconds > 0 ? result.days / result.wall_seconds : 0.0,
                     result.threads);
  std::vector<const sim::MetricSpec*> shown;
  for (const auto& metric : model.metrics) {
    if (metric.in_summary && metric.scope == sim::MetricScope::system)
      shown.push_back(&metric);
  }
  std::size_t width = 10;
  for (const auto* m : shown)
    width = std::max(width, m->description.size() > 58 ? m->name.size() : m->description.size());
  out += fmt::format("  {:<{}}  {:>12}  {:>12}  {}\n", "", width, "final year", "at end", "unit");
  for (const auto* metric : shown) {
    auto it = std::find_if(summaries.begin(), summaries.end(),
                           [&](const auto& s) { return s.name == metric->name; });
    if (it == summaries.end())
      continue;
    // Short descriptions read better than identifiers; long ones would wrap.
    const std::string& label = metric->description.size() > 58 ? metric->name : metric->description;
    out += fmt::format("  {:<{}}  {:>12.4g}  {:>12.4g}  {}\n", label, width, it->final_year_mean,
                       it->final_value, metric->unit);
  }
  out += fmt::format("Written to {} (all {} metrics; `candour describe` explains each).\n",
                     output.string(), model.metrics.size());
  return out;
}

}  // namespace candour::cli
