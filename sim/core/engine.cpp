#include "sim/core/engine.hpp"

#include <algorithm>
#include <stdexcept>

namespace candour::sim {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs one day of the timetable: the processes due on `calendar_day`, each
// given `day` (which differs from the calendar day only in the burn-in).
void run_day(const ModelDefinition& model, Simulation& simulation, Day calendar_day, Day day,
             std::vector<PhaseTiming>& timings) {
  for (std::size_t i = 0; i < model.schedule.size(); ++i) {
    if (!is_due(model.schedule[i].period, calendar_day))
      continue;
    const auto phase_start = Clock::now();
    simulation.run_process(i, day);
    timings[i].calls += 1;
    timings[i].seconds += seconds_since(phase_start);
  }
}

std::vector<PhaseTiming> timings_of(const ModelDefinition& model) {
  std::vector<PhaseTiming> timings;
  for (const auto& p : model.schedule)
    timings.push_back({p.name, p.period, 0, 0.0});
  return timings;
}

}  // namespace

RunResult run_simulation(const ModelDefinition& model, const RunPlan& plan, RecordSink& sink,
                         const ProgressFn& progress) {
  const auto started = Clock::now();
  const Day days = plan.parameters.integer(run_keys::days);
  const Day record_every = plan.parameters.integer(run_keys::record_every);
  const Day flush_every = plan.parameters.integer(run_keys::flush_every);
  if (!std::is_sorted(plan.timeline.begin(), plan.timeline.end(),
                      [](const auto& a, const auto& b) { return a.day < b.day; })) {
    throw std::invalid_argument("timeline changes must be sorted by day");
  }
  // Structure is read once, when the simulation is built: a change would be ignored.
  for (const auto& change : plan.timeline)
    for (const auto& spec : model.parameters)
      if (spec.structural && change.parameters.real(spec.name) != plan.parameters.real(spec.name))
        throw std::invalid_argument("timeline change on day " + std::to_string(change.day) +
                                    " changes structure parameter " + spec.name);
  const auto stop_now = [&] { return plan.stop && plan.stop(); };

  Executor executor(plan.threads);
  RunContext context{static_cast<std::uint64_t>(plan.parameters.integer(run_keys::seed)),
                     &executor};
  auto simulation = model.create(plan.parameters, context);
  RunResult result;
  result.threads = executor.threads();

  // The burn-in: unrecorded days -burn_in .. -1, on a calendar of their own
  // that starts at 0 (burn-in day b runs the processes due on day b).
  const auto burn_in_started = Clock::now();
  result.burn_in_days = simulation->burn_in_days();
  auto burn_in_timings = timings_of(model);
  for (Day b = 0; b < result.burn_in_days; ++b) {
    run_day(model, *simulation, b, b - result.burn_in_days, burn_in_timings);
    if (progress)
      progress(RunPhase::burn_in, b + 1, result.burn_in_days);
    if (stop_now())
      break;
  }
  result.burn_in_seconds = seconds_since(burn_in_started);
  if (stop_now()) {  // before day 0: nothing recorded, the sink never begun
    result.interrupted = true;
    result.wall_seconds = seconds_since(started);
    return result;
  }
  // Here the state depends only on the model, the seed and what create() read.
  simulation->start(plan.parameters);

  result.phases = timings_of(model);
  const RowLayout layout(model.metrics, simulation->unit_count());
  std::vector<double> row(layout.length());
  sink.begin(model, layout);
  auto take_record = [&](Day time) {
    std::fill(row.begin(), row.end(), 0.0);
    simulation->record(time, row);
    sink.record(time, row);
    ++result.records;
  };
  take_record(0);

  auto next_change = plan.timeline.begin();
  for (Day day = 0; day < days; ++day) {
    for (; next_change != plan.timeline.end() && next_change->day <= day; ++next_change) {
      simulation->apply_parameters(next_change->parameters);
    }
    run_day(model, *simulation, day, day, result.phases);
    const Day time = day + 1;
    if (time % record_every == 0 || time == days)
      take_record(time);
    if (time % flush_every == 0)
      sink.flush();
    if (progress)
      progress(RunPhase::run, time, days);
    result.days = time;
    if (time < days && stop_now()) {
      result.interrupted = true;
      break;
    }
  }
  sink.flush();
  result.last_row = row;
  result.wall_seconds = seconds_since(started);
  return result;
}

}  // namespace candour::sim
