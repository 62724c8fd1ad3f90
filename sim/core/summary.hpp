#pragma once
// Summary statistics of a run's system-wide metrics, collected as rows are
// recorded: the final value, the time-weighted mean over the run, and the
// mean over the final year. Used by the end-of-run summary and by sweeps.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/engine.hpp"

namespace candour::sim {

struct MetricSummary {
  std::string name;
  std::string unit;
  double final_value = 0.0;
  double run_mean = 0.0;         // mean of the rows after time 0
  double final_year_mean = 0.0;  // mean of the rows in the last 365 days
  bool cumulative = false;
  // Cumulative metrics: the count in the last 365 days, final value less the
  // last row at or before end - 365 (the first row, day 0, for shorter runs).
  double final_year_increase = 0.0;
};

// The statistics a run is reduced to (a sweep keeps them per run). Levels and
// rates: final, run_mean, final_year_mean. Running totals (cumulative metrics):
// final and final_year_count, never a mean of the running total.
enum class SummaryStatistic { final, run_mean, final_year_mean, final_year_count };

std::string_view statistic_name(SummaryStatistic statistic);
// What the statistic is, in a phrase ("mean of the rows recorded in the last 365 days ...").
std::string_view statistic_meaning(SummaryStatistic statistic, bool cumulative);
// The statistics kept for a metric, in this order.
std::span<const SummaryStatistic> statistics_for(bool cumulative);
double statistic_value(const MetricSummary& summary, SummaryStatistic statistic);

class SummarySink final : public RecordSink {
 public:
  void begin(const ModelDefinition& model, const RowLayout& layout) override;
  void record(Day time, std::span<const double> row) override;
  void flush() override {}
  // Summaries of every system metric, in declaration order.
  std::vector<MetricSummary> summaries() const;
  // Memory it holds at most for a run of `model` with these parameters: every
  // recorded value of every system metric.
  static std::uint64_t memory_bytes(const ModelDefinition& model, const ParameterSet& parameters);

 private:
  struct Column {
    std::size_t offset;
    std::string name, unit;
    bool cumulative;
  };
  std::vector<Column> columns_;
  std::vector<Day> times_;
  std::vector<std::vector<double>> values_;  // per column, one value per row
};

// Forwards every call to each of its sinks, in order.
class TeeSink final : public RecordSink {
 public:
  explicit TeeSink(std::vector<RecordSink*> sinks) : sinks_(std::move(sinks)) {}
  void begin(const ModelDefinition& model, const RowLayout& layout) override {
    for (auto* s : sinks_)
      s->begin(model, layout);
  }
  void record(Day time, std::span<const double> row) override {
    for (auto* s : sinks_)
      s->record(time, row);
  }
  void flush() override {
    for (auto* s : sinks_)
      s->flush();
  }

 private:
  std::vector<RecordSink*> sinks_;
};

}  // namespace candour::sim
