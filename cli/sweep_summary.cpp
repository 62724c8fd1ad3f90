#include "cli/sweep_summary.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "cli/run_summary.hpp"

namespace candour::cli {
namespace {

// "pressure.target_stringency=0.25, openness.duty_of_candour=1" for a point.
std::string point_text(const sim::sweep::SweepPlan& plan, std::size_t point) {
  std::string text;
  for (std::size_t c = 0; c < plan.axes().size(); ++c)
    text += fmt::format("{}{}={:.3g}", c ? ", " : "", plan.axes()[c].parameter,
                        plan.design().at(point, c));
  return text;
}

}  // namespace

std::string format_sweep_summary(const sim::sweep::SweepPlan& plan,
                                 const sim::sweep::SweepStore& store) {
  const auto& header = store.header();
  const std::size_t columns = header.statistics.size();
  struct Row {
    const sim::MetricSpec* metric;
    std::size_t column;
    std::vector<double> sum;
    std::vector<std::size_t> n;
  };
  std::vector<Row> rows;
  for (const auto* metric : headline_metrics(plan.model())) {
    const auto name =
        metric->name + (metric->cumulative ? ".final_year_count" : ".final_year_mean");
    const auto it = std::find(header.statistics.begin(), header.statistics.end(), name);
    if (it != header.statistics.end())
      rows.push_back({metric, static_cast<std::size_t>(it - header.statistics.begin()),
                      std::vector<double>(plan.points(), 0.0),
                      std::vector<std::size_t>(plan.points(), 0)});
  }
  // Point means over finished replicates, read in blocks of runs.
  constexpr std::size_t block = 4096;
  for (std::size_t first = 0; first < header.runs(); first += block) {
    const auto count = std::min(block, header.runs() - first);
    const auto values = store.read_summaries(first, count);
    for (std::size_t r = 0; r < count; ++r) {
      const auto run = first + r;
      if (!store.completed()[run])
        continue;
      const auto point = static_cast<std::size_t>(header.run_point[run]);
      for (auto& row : rows) {
        const double v = values[r * columns + row.column];
        if (std::isfinite(v)) {
          row.sum[point] += v;
          ++row.n[point];
        }
      }
    }
  }
  std::size_t width = 10;
  for (const auto& row : rows)
    width = std::max(width, row.metric->name.size() + 1);
  std::string out = fmt::format(
      "\nAcross the {} design points (each the mean of its finished replicates), final year "
      "(levels: mean; totals*: count):\n",
      plan.points());
  out += fmt::format("  {:<{}}  {:>12}  {:>12}  {}\n", "", width, "lowest", "highest", "unit");
  std::string where;
  for (const auto& row : rows) {
    std::size_t low = plan.points(), high = plan.points();
    for (std::size_t p = 0; p < plan.points(); ++p) {
      if (row.n[p] == 0)
        continue;
      const double mean = row.sum[p] / static_cast<double>(row.n[p]);
      if (low == plan.points() || mean < row.sum[low] / static_cast<double>(row.n[low]))
        low = p;
      if (high == plan.points() || mean > row.sum[high] / static_cast<double>(row.n[high]))
        high = p;
    }
    const auto label = row.metric->name + (row.metric->cumulative ? "*" : "");
    if (low == plan.points()) {
      out += fmt::format("  {:<{}}  {:>12}  {:>12}  {}\n", label, width, "n/a", "n/a",
                         "(no value in any finished run)");
      continue;
    }
    const auto mean = [&](std::size_t p) { return row.sum[p] / static_cast<double>(row.n[p]); };
    out += fmt::format("  {:<{}}  {:>12}  {:>12}  {}\n", label, width, readable(mean(low)),
                       readable(mean(high)), row.metric->unit);
    if (where.empty() && low != high)
      where = fmt::format("{}: lowest at {}; highest at {}.\n", row.metric->name,
                          point_text(plan, low), point_text(plan, high));
  }
  out += where;
  out += fmt::format(
      "Plot it: candour-analysis response {} -s {} -o response.png (or heatmap, sobol, morris, "
      "report).\n",
      store.path().string(), rows.empty() ? std::string("STATISTIC") : rows.front().metric->name);
  return out;
}

}  // namespace candour::cli
