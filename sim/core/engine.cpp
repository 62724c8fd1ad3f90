#include "sim/core/engine.hpp"

#include <algorithm>
#include <stdexcept>

namespace candour::sim {

RunResult run_simulation(const ModelDefinition& model, const RunPlan& plan, RecordSink& sink,
                         const ProgressFn& progress) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const Day days = plan.parameters.integer(run_keys::days);
  const Day record_every = plan.parameters.integer(run_keys::record_every);
  const Day flush_every = plan.parameters.integer(run_keys::flush_every);
  if (!std::is_sorted(plan.timeline.begin(), plan.timeline.end(),
                      [](const auto& a, const auto& b) { return a.day < b.day; })) {
    throw std::invalid_argument("timeline changes must be sorted by day");
  }

  Executor executor(plan.threads);
  RunContext context{static_cast<std::uint64_t>(plan.parameters.integer(run_keys::seed)),
                     &executor};
  auto simulation = model.create(plan.parameters, context);
  auto processes = simulation->processes();
  const std::size_t units = simulation->unit_count();

  RunResult result;
  result.threads = executor.threads();
  for (const auto& p : processes)
    result.phases.push_back({p.name, p.period, 0, 0.0});

  std::vector<double> row(row_length(model, units));
  sink.begin(model, units);
  auto take_record = [&](Day time) {
    std::fill(row.begin(), row.end(), 0.0);
    simulation->record(row);
    sink.record(time, row);
    ++result.records;
  };
  take_record(0);

  auto next_change = plan.timeline.begin();
  for (Day day = 0; day < days; ++day) {
    for (; next_change != plan.timeline.end() && next_change->day <= day; ++next_change) {
      simulation->apply_parameters(next_change->parameters);
    }
    for (std::size_t i = 0; i < processes.size(); ++i) {
      if (!is_due(processes[i].period, day))
        continue;
      const auto phase_start = Clock::now();
      processes[i].run(day);
      result.phases[i].calls += 1;
      result.phases[i].seconds += std::chrono::duration<double>(Clock::now() - phase_start).count();
    }
    const Day time = day + 1;
    if (time % record_every == 0 || time == days)
      take_record(time);
    if (time % flush_every == 0)
      sink.flush();
    if (progress)
      progress(time, days);
  }
  sink.flush();
  result.days = days;
  result.last_row = row;
  result.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return result;
}

}  // namespace candour::sim
