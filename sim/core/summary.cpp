#include "sim/core/summary.hpp"

namespace candour::sim {

std::string_view statistic_name(SummaryStatistic statistic) {
  switch (statistic) {
    case SummaryStatistic::final:
      return "final";
    case SummaryStatistic::run_mean:
      return "run_mean";
    case SummaryStatistic::final_year_mean:
      return "final_year_mean";
    case SummaryStatistic::final_year_count:
      return "final_year_count";
  }
  return "";
}

std::string_view statistic_meaning(SummaryStatistic statistic, bool cumulative) {
  switch (statistic) {
    case SummaryStatistic::final:
      return cumulative ? "running total at the last recorded day (the count over the whole run)"
                        : "value at the last recorded day";
    case SummaryStatistic::run_mean:
      return "mean of the rows recorded after day 0";
    case SummaryStatistic::final_year_mean:
      return "mean of the rows recorded in the last 365 days (the whole run when shorter)";
    case SummaryStatistic::final_year_count:
      return "count in the last 365 days: the running total's increase over them (the whole "
             "run when shorter)";
  }
  return "";
}

std::span<const SummaryStatistic> statistics_for(bool cumulative) {
  static constexpr SummaryStatistic levels[] = {SummaryStatistic::final, SummaryStatistic::run_mean,
                                                SummaryStatistic::final_year_mean};
  static constexpr SummaryStatistic totals[] = {SummaryStatistic::final,
                                                SummaryStatistic::final_year_count};
  if (cumulative)
    return totals;
  return levels;
}

double statistic_value(const MetricSummary& summary, SummaryStatistic statistic) {
  switch (statistic) {
    case SummaryStatistic::final:
      return summary.final_value;
    case SummaryStatistic::run_mean:
      return summary.run_mean;
    case SummaryStatistic::final_year_mean:
      return summary.final_year_mean;
    case SummaryStatistic::final_year_count:
      return summary.final_year_increase;
  }
  return 0.0;
}

void SummarySink::begin(const ModelDefinition&, const RowLayout& layout) {
  columns_.clear();
  times_.clear();
  for (std::size_t i = 0; i < layout.size(); ++i) {
    const auto& metric = layout.metric(i);
    if (metric.scope == MetricScope::system)
      columns_.push_back({layout.slot(i).offset, metric.name, metric.unit, metric.cumulative});
  }
  values_.assign(columns_.size(), {});
}

void SummarySink::record(Day time, std::span<const double> row) {
  times_.push_back(time);
  for (std::size_t c = 0; c < columns_.size(); ++c)
    values_[c].push_back(row[columns_[c].offset]);
}

std::vector<MetricSummary> SummarySink::summaries() const {
  std::vector<MetricSummary> out;
  if (times_.empty())
    return out;
  const Day end = times_.back();
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    MetricSummary s;
    s.name = columns_[c].name;
    s.unit = columns_[c].unit;
    s.final_value = values_[c].back();
    s.cumulative = columns_[c].cumulative;
    double run_sum = 0.0, year_sum = 0.0, year_start = values_[c].front();
    std::size_t run_n = 0, year_n = 0;
    for (std::size_t r = 0; r < times_.size(); ++r) {
      if (times_[r] <= end - kDaysPerYear)
        year_start = values_[c][r];
      if (times_[r] == 0)
        continue;
      run_sum += values_[c][r];
      ++run_n;
      if (times_[r] > end - kDaysPerYear) {
        year_sum += values_[c][r];
        ++year_n;
      }
    }
    s.run_mean = run_n ? run_sum / static_cast<double>(run_n) : s.final_value;
    s.final_year_mean = year_n ? year_sum / static_cast<double>(year_n) : s.final_value;
    s.final_year_increase = s.final_value - year_start;
    out.push_back(std::move(s));
  }
  return out;
}

std::uint64_t SummarySink::memory_bytes(const ModelDefinition& model,
                                        const ParameterSet& parameters) {
  const auto records = static_cast<std::uint64_t>(parameters.integer(run_keys::days) /
                                                  parameters.integer(run_keys::record_every)) +
                       2;
  std::uint64_t system = 0;
  for (const auto& metric : model.metrics)
    system += metric.scope == MetricScope::system ? 1 : 0;
  // One value per record per system metric, and the times; vectors may hold
  // twice what they have.
  return 2 * records * (system + 1) * sizeof(double);
}

}  // namespace candour::sim
