#include "cli/run_summary.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace candour::cli {
namespace {
// "deaths_from_harm" -> "deaths from harm": identifiers a student can read,
// and the same words `candour describe` and the output file use.
std::string label_of(const std::string& name) {
  std::string label = name;
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

std::string title_of(const sim::io::Scenario& scenario) {
  return scenario.title.empty() ? scenario.file.stem().string() : scenario.title;
}

const sim::MetricSummary* find_summary(const std::vector<sim::MetricSummary>& summaries,
                                       const std::string& name) {
  auto it = std::find_if(summaries.begin(), summaries.end(),
                         [&](const auto& s) { return s.name == name; });
  return it == summaries.end() ? nullptr : &*it;
}

std::size_t label_width(const std::vector<const sim::MetricSpec*>& shown) {
  std::size_t width = 10;
  for (const auto* metric : shown)
    width = std::max(width, metric->name.size());
  return width + 1;
}
}  // namespace

std::string readable(double value) {
  if (!std::isfinite(value) || std::abs(value) < 1e4)
    return fmt::format("{:.4g}", value);
  const std::string digits = fmt::format("{:.0f}", std::abs(value));
  std::string grouped = value < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0)
      grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

std::vector<const sim::MetricSpec*> headline_metrics(const sim::ModelDefinition& model) {
  std::vector<const sim::MetricSpec*> shown;
  for (const auto& metric : model.metrics)
    if (metric.in_summary > 0 && metric.scope == sim::MetricScope::system)
      shown.push_back(&metric);
  // In the model's order for them: the headline rates first, counts after.
  std::stable_sort(shown.begin(), shown.end(),
                   [](const auto* a, const auto* b) { return a->in_summary < b->in_summary; });
  return shown;
}

double final_year_figure(const sim::MetricSummary& summary) {
  return summary.cumulative ? summary.final_year_increase : summary.final_year_mean;
}

std::string format_run_summary(const sim::ModelDefinition& model, const sim::io::Scenario& scenario,
                               const std::vector<sim::MetricSummary>& summaries,
                               const sim::RunResult& result, const std::filesystem::path& output) {
  std::string out;
  // The rate counts the recorded days over the time they took, burn-in apart.
  const double run_seconds = result.wall_seconds - result.burn_in_seconds;
  std::string burn_in;
  if (result.burn_in_days > 0)
    burn_in = fmt::format(", after a {}-day burn-in{} {:.1f} s", result.burn_in_days,
                          result.burn_in_read ? " read from a checkpoint in" : " of",
                          result.burn_in_seconds);
  out += fmt::format("\n{} ({} days, {:.1f} s, {:.0f} days/s{}, {} threads)\n", title_of(scenario),
                     result.days, result.wall_seconds,
                     run_seconds > 0 ? static_cast<double>(result.days) / run_seconds : 0.0,
                     burn_in, result.threads);
  const auto shown = headline_metrics(model);
  const auto width = label_width(shown);
  // Levels are averaged over the period; running totals are counted in it.
  out += fmt::format("  {:<{}}  {:>12}  {:>12}  {}\n", "", width, "final year", "whole run",
                     "unit (levels: mean; totals*: count)");
  for (const auto* metric : shown) {
    const auto* s = find_summary(summaries, metric->name);
    if (s == nullptr)
      continue;
    const double run = s->cumulative ? s->final_value : s->run_mean;
    out += fmt::format("  {:<{}}  {:>12}  {:>12}  {}\n",
                       label_of(metric->name) + (s->cumulative ? "*" : ""), width,
                       readable(final_year_figure(*s)), readable(run), metric->unit);
  }
  out += fmt::format(
      "Written to {} ({} metrics; `candour describe --section metrics` explains each).\n",
      output.string(), model.metrics.size());
  return out;
}

std::string format_ensemble_summary(const sim::ModelDefinition& model,
                                    const sim::io::Scenario& scenario,
                                    const std::vector<std::uint64_t>& seeds,
                                    const std::vector<std::vector<sim::MetricSummary>>& runs,
                                    const std::vector<std::filesystem::path>& outputs,
                                    double seconds, int threads) {
  std::string out;
  out += fmt::format("\n{}: {} seeds, {} runs in {:.1f} s ({} at a time)\n", title_of(scenario),
                     seeds.size(), runs.size(), seconds,
                     std::min<std::size_t>(static_cast<std::size_t>(threads), runs.size()));
  const auto shown = headline_metrics(model);
  const auto width = label_width(shown);
  out += fmt::format("  {:<{}}  {:>12}  {:>12}  {:>12}  {}\n", "", width, "final year:", "lowest",
                     "highest", "unit (levels: mean; totals*: count)");
  out += fmt::format("  {:<{}}  {:>12}\n", "", width,
                     runs.size() == seeds.size() ? "seeds' mean" : "runs' mean");
  for (const auto* metric : shown) {
    double sum = 0.0, low = std::numeric_limits<double>::infinity(), high = -low;
    std::size_t n = 0;
    bool cumulative = false;
    for (const auto& summaries : runs) {
      const auto* s = find_summary(summaries, metric->name);
      if (s == nullptr || !std::isfinite(final_year_figure(*s)))
        continue;
      const double v = final_year_figure(*s);
      cumulative = s->cumulative;
      sum += v;
      low = std::min(low, v);
      high = std::max(high, v);
      ++n;
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out += fmt::format("  {:<{}}  {:>12}  {:>12}  {:>12}  {}\n",
                       label_of(metric->name) + (cumulative ? "*" : ""), width,
                       readable(n ? sum / static_cast<double>(n) : nan), readable(n ? low : nan),
                       readable(n ? high : nan), metric->unit);
  }
  out += fmt::format("Written to {} ... {} ({} files; compare them with candour-analysis).\n",
                     outputs.front().string(), outputs.back().string(), outputs.size());
  return out;
}

}  // namespace candour::cli
