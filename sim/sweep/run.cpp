#include "sim/sweep/run.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/core/summary.hpp"

namespace candour::sim::sweep {
namespace {

// Keeps the chosen system metrics of every recorded row.
class SeriesSink final : public RecordSink {
 public:
  explicit SeriesSink(const std::vector<std::string>& metrics) : metrics_(metrics) {}

  void begin(const ModelDefinition&, const RowLayout& layout) override {
    offsets_.clear();
    for (const auto& name : metrics_)
      offsets_.push_back(layout.slot(name).offset);
  }
  void record(Day time, std::span<const double> row) override {
    times.push_back(time);
    for (auto offset : offsets_)
      values.push_back(row[offset]);
  }
  void flush() override {}

  std::vector<Day> times;
  std::vector<double> values;

 private:
  const std::vector<std::string>& metrics_;
  std::vector<std::size_t> offsets_;
};

}  // namespace

std::optional<std::uint64_t> run_memory_bytes(const SweepPlan& plan) {
  const auto& model = plan.model();
  if (!model.footprint)
    return std::nullopt;
  auto largest = plan.base().parameters;
  const auto registry = registry_for(model);
  for (const auto& axis : plan.axes()) {
    const auto* spec = registry.find(axis.parameter);
    if (spec != nullptr && spec->structural)
      largest.set(axis.parameter, as_parameter_value(axis.highest(), spec->type));
  }
  const std::uint64_t series =
      2 * plan.record_times().size() * (plan.series_metrics().size() + 1) * sizeof(double);
  return model.footprint(largest).state_bytes + SummarySink::memory_bytes(model, largest) + series;
}

RunOutcome execute_run(const SweepPlan& plan, std::size_t run, BurnInCache* burn_ins,
                       const BurnInStore* checkpoints) {
  return *execute_run(plan, run, {}, burn_ins, checkpoints);
}

std::optional<RunOutcome> execute_run(const SweepPlan& plan, std::size_t run, const StopFn& stop,
                                      BurnInCache* burn_ins, const BurnInStore* checkpoints) {
  auto run_plan = plan.run_plan(run);
  run_plan.stop = stop;
  run_plan.burn_in_cache = burn_ins;
  run_plan.burn_in_store = checkpoints;
  SummarySink summary;
  SeriesSink series(plan.series_metrics());
  TeeSink sinks({&summary, &series});
  const auto result = run_simulation(plan.model(), run_plan, sinks);
  if (result.interrupted)
    return std::nullopt;

  RunOutcome outcome;
  outcome.run = run;
  outcome.wall_seconds = result.wall_seconds;
  outcome.burn_in_reused = result.burn_in_reused;
  outcome.burn_in_read = result.burn_in_read;
  outcome.burn_in_saved = result.burn_in_saved;
  outcome.checkpoint_error = result.burn_in_store_error;
  for (const auto& s : summary.summaries()) {
    for (const auto statistic : statistics_for(s.cumulative))
      outcome.summary.push_back(statistic_value(s, statistic));
  }
  if (outcome.summary.size() != plan.statistics().size())
    throw std::logic_error("sweep run: summary statistics do not match the plan");
  if (!plan.series_metrics().empty()) {
    if (series.times != plan.record_times())
      throw std::logic_error("sweep run: recorded days differ from the plan's");
    outcome.series = std::move(series.values);
  }
  return outcome;
}

}  // namespace candour::sim::sweep
