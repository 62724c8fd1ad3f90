#include "sim/core/engine.hpp"

#include <algorithm>
#include <istream>
#include <ostream>
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

void check_timeline(const ModelDefinition& model, const ParameterSet& parameters,
                    const std::vector<TimelineChange>& timeline) {
  if (!std::is_sorted(timeline.begin(), timeline.end(),
                      [](const auto& a, const auto& b) { return a.day < b.day; })) {
    throw std::invalid_argument("timeline changes must be sorted by day");
  }
  // Structure is read once, when the simulation is built: a change would be ignored.
  for (const auto& change : timeline)
    for (const auto& spec : model.parameters)
      if (spec.structural && change.parameters.real(spec.name) != parameters.real(spec.name))
        throw std::invalid_argument("timeline change on day " + std::to_string(change.day) +
                                    " changes structure parameter " + spec.name);
}

}  // namespace

RunStepper::RunStepper(const ModelDefinition& model, RunPlan plan, RecordSink& sink)
    : model_(model),
      plan_(std::move(plan)),
      sink_(sink),
      started_at_(Clock::now()),
      executor_(plan_.threads) {
  days_ = plan_.parameters.integer(run_keys::days);
  record_every_ = plan_.parameters.integer(run_keys::record_every);
  flush_every_ = plan_.parameters.integer(run_keys::flush_every);
  check_timeline(model_, plan_.parameters, plan_.timeline);
  RunContext context{static_cast<std::uint64_t>(plan_.parameters.integer(run_keys::seed)),
                     &executor_, plan_.burn_in ? &*plan_.burn_in : nullptr};
  simulation_ = model_.create(plan_.parameters, context);
  result_.threads = executor_.threads();
  result_.agent_slots = simulation_->agent_slots();
}

RunStepper::~RunStepper() = default;

bool RunStepper::start(const ProgressFn& progress) {
  if (started_)
    throw std::logic_error("RunStepper::start called twice");
  const auto burn_in_started = Clock::now();
  result_.burn_in_days = simulation_->burn_in_days();
  const bool reusable = plan_.burn_in_cache != nullptr || plan_.burn_in_store != nullptr;
  const std::string key =
      result_.burn_in_days > 0 && reusable ? simulation_->burn_in_key() : std::string();
  bool burnt_in = true;
  if (key.empty()) {
    burnt_in = burn_in(progress);
  } else if (plan_.burn_in_cache == nullptr) {
    burnt_in = burn_in_or_read(key, progress);
  } else {
    // The model's footprint is an upper estimate of the state kept.
    const std::uint64_t bytes =
        model_.footprint ? model_.footprint(plan_.parameters).state_bytes : std::uint64_t{1} << 30;
    bool made = false;
    const auto saved = plan_.burn_in_cache->find_or_make(
        model_.name + '\n' + key, bytes,
        [&]() -> std::shared_ptr<const BurntIn> {
          return burn_in_or_read(key, progress) ? simulation_->save_burn_in() : nullptr;
        },
        made);
    if (!made) {
      if (saved) {
        simulation_->restore_burn_in(*saved);
        result_.burn_in_reused = true;
        if (progress)
          progress(RunPhase::burn_in, result_.burn_in_days, result_.burn_in_days);
      } else {
        burnt_in = burn_in_or_read(key, progress);  // its maker was stopped
      }
    } else {
      burnt_in = saved != nullptr;  // null: stopped
    }
  }
  result_.burn_in_seconds = seconds_since(burn_in_started);
  // Stopped before day 0: nothing recorded, the sink never begun.
  if (!burnt_in || (plan_.stop && plan_.stop()))
    return false;
  // Here the state depends only on the model, the seed and what create() read.
  simulation_->start(plan_.parameters);

  result_.phases = timings_of(model_);
  layout_ = RowLayout(model_.metrics, simulation_->unit_count());
  row_.assign(layout_.length(), 0.0);
  sink_.begin(model_, layout_);
  started_ = true;
  std::fill(row_.begin(), row_.end(), 0.0);
  simulation_->record(0, row_);
  sink_.record(0, row_);
  ++result_.records;
  return true;
}

bool RunStepper::burn_in(const ProgressFn& progress) {
  // Unrecorded days -burn_in .. -1, on a calendar of their own that starts
  // at 0 (burn-in day b runs the processes due on day b).
  auto timings = timings_of(model_);
  for (Day b = 0; b < result_.burn_in_days; ++b) {
    run_day(model_, *simulation_, b, b - result_.burn_in_days, timings);
    if (progress)
      progress(RunPhase::burn_in, b + 1, result_.burn_in_days);
    if (plan_.stop && plan_.stop())
      return false;
  }
  return true;
}

bool RunStepper::burn_in_or_read(const std::string& key, const ProgressFn& progress) {
  const auto* store = plan_.burn_in_store;
  if (store == nullptr)
    return burn_in(progress);
  const std::string stored_key = model_.name + '\n' + key;
  if (store->load(stored_key, [&](std::istream& in) { return simulation_->read_burn_in(in); })) {
    result_.burn_in_read = true;
    if (progress)
      progress(RunPhase::burn_in, result_.burn_in_days, result_.burn_in_days);
    return true;
  }
  if (!burn_in(progress))
    return false;
  try {
    store->save(stored_key, [&](std::ostream& out) { simulation_->write_burn_in(out); });
    result_.burn_in_saved = true;
  } catch (const std::exception& e) {
    result_.burn_in_store_error = e.what();  // a checkpoint is a saving, not a result
  }
  return true;
}

void RunStepper::step(const ProgressFn& progress) {
  if (!started_ || done())
    throw std::logic_error("RunStepper::step called before start or after the last day");
  const Day day = result_.days;
  for (; next_change_ < plan_.timeline.size() && plan_.timeline[next_change_].day <= day;
       ++next_change_) {
    simulation_->apply_parameters(plan_.timeline[next_change_].parameters);
  }
  run_day(model_, *simulation_, day, day, result_.phases);
  const Day time = day + 1;
  if (time % record_every_ == 0 || time == days_) {
    std::fill(row_.begin(), row_.end(), 0.0);
    simulation_->record(time, row_);
    sink_.record(time, row_);
    ++result_.records;
  }
  if (time % flush_every_ == 0)
    sink_.flush();
  if (progress)
    progress(RunPhase::run, time, days_);
  result_.days = time;
}

void RunStepper::replace_pending(std::vector<TimelineChange> changes) {
  if (!changes.empty() && changes.front().day < day())
    throw std::invalid_argument("a timeline change on day " + std::to_string(changes.front().day) +
                                " comes after day " + std::to_string(day()) + " has run");
  check_timeline(model_, plan_.parameters, changes);
  plan_.timeline.erase(plan_.timeline.begin() + static_cast<std::ptrdiff_t>(next_change_),
                       plan_.timeline.end());
  plan_.timeline.insert(plan_.timeline.end(), std::make_move_iterator(changes.begin()),
                        std::make_move_iterator(changes.end()));
}

RunResult RunStepper::finish(bool interrupted) {
  result_.interrupted = interrupted;
  if (started_) {
    sink_.flush();
    result_.last_row = row_;
  }
  result_.wall_seconds = seconds_since(started_at_);
  return result_;
}

RunResult run_simulation(const ModelDefinition& model, const RunPlan& plan, RecordSink& sink,
                         const ProgressFn& progress) {
  RunStepper stepper(model, plan, sink);
  if (!stepper.start(progress))
    return stepper.finish(true);
  while (!stepper.done()) {
    stepper.step(progress);
    if (!stepper.done() && plan.stop && plan.stop())
      return stepper.finish(true);
  }
  return stepper.finish();
}

}  // namespace candour::sim
