#pragma once
// The run loop: the clock, the timetable, timeline changes, recording and
// flushing. Knows nothing of any particular model or file format.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/core/burn_in_store.hpp"
#include "sim/core/model.hpp"
#include "sim/core/row_layout.hpp"

namespace candour::sim {

// A change of parameters that takes effect at the start of `day`: the full
// resolved set from then on (so a timeline is a list of complete scenarios).
struct TimelineChange {
  Day day = 0;
  std::string label;
  ParameterSet parameters;
};

// Asked after every day: true once the run should stop (the command line sets
// it on Ctrl-C; the engine knows nothing of signals). Empty: never stop.
using StopFn = std::function<bool()>;

struct RunPlan {
  ParameterSet parameters;               // in force from day 0
  std::vector<TimelineChange> timeline;  // sorted by day
  int threads = 0;                       // 0: all hardware threads
  StopFn stop{};                         // empty: run to the end
  // The scenario whose levers the burn-in runs under (a scenario's `burn_in`
  // key); absent: the model's defaults. The model takes structure and
  // behavioural constants from `parameters` either way.
  std::optional<ParameterSet> burn_in{};
  // Where burnt-in states are kept for other runs (a sweep's); null: burn
  // in afresh. Results are identical either way.
  BurnInCache* burn_in_cache = nullptr;
  // Where burnt-in states are kept on disk for later runs (`candour run
  // --burn-in-cache`); null: none. Looked in after burn_in_cache, written
  // after a burn-in. Results are identical either way.
  const BurnInStore* burn_in_store = nullptr;
};

// Where recorded rows go (the HDF5 writer, a test's memory buffer, ...).
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // Called once before the first row; `layout` says where each metric's
  // values sit in the rows that follow.
  virtual void begin(const ModelDefinition& model, const RowLayout& layout) = 0;
  // `time` is the simulated time in days at which the row was taken.
  virtual void record(Day time, std::span<const double> row) = 0;
  virtual void flush() = 0;
};

struct PhaseTiming {
  std::string name;
  Period period;
  std::int64_t calls = 0;
  double seconds = 0.0;
};

struct RunResult {
  Day burn_in_days = 0;
  double burn_in_seconds = 0.0;
  bool burn_in_reused = false;      // the burn-in's state came from RunPlan::burn_in_cache
  bool burn_in_read = false;        // ... or was read from RunPlan::burn_in_store
  bool burn_in_saved = false;       // this run's burn-in was saved to RunPlan::burn_in_store
  std::string burn_in_store_error;  // why it could not be saved (the run went on)
  Day days = 0;                     // days simulated: run.days, or fewer when stopped
  // Stopped early by RunPlan::stop. With records == 0 it stopped in the
  // burn-in, before the sink's begin(): nothing was recorded.
  bool interrupted = false;
  std::size_t records = 0;
  int threads = 0;
  std::size_t agent_slots = 0;  // Simulation::agent_slots()
  double wall_seconds = 0.0;
  std::vector<PhaseTiming> phases;  // the recorded days' processes (not the burn-in)
  std::vector<double> last_row;
};

// Where a run's state at day 0 came from, as files record it: "burn-in",
// "memory" (RunPlan::burn_in_cache) or "checkpoint" (RunPlan::burn_in_store).
inline const char* burn_in_source(const RunResult& result) {
  return result.burn_in_reused ? "memory" : result.burn_in_read ? "checkpoint" : "burn-in";
}

// The two phases of a run: the unrecorded burn-in, then the recorded days.
enum class RunPhase { burn_in, run };

// Called after every day of each phase with (phase, days done, days in the phase).
using ProgressFn = std::function<void(RunPhase, Day, Day)>;

// One run driven a day at a time: what run_simulation does, in steps, for a
// caller that watches the state between days, pauses, or moves parameters
// mid-run (the explorer of `candour serve`). run_simulation is this loop, so
// a run stepped to its end records exactly what run_simulation records.
class RunStepper {
 public:
  // Checks the plan as run_simulation does (throws std::invalid_argument)
  // and builds the simulation; nothing runs yet.
  RunStepper(const ModelDefinition& model, RunPlan plan, RecordSink& sink);
  RunStepper(const RunStepper&) = delete;
  RunStepper& operator=(const RunStepper&) = delete;
  ~RunStepper();

  // Runs the burn-in, starts the run and records time 0. False when
  // plan.stop stopped it in the burn-in (nothing recorded, the sink never
  // begun; finish() then gives an interrupted result).
  bool start(const ProgressFn& progress = {});
  // Runs the next recorded day: timeline changes due, the timetable, the
  // record and flush that are due. Only after start() and before done().
  void step(const ProgressFn& progress = {});
  // Days run so far (0 before the first step).
  Day day() const { return result_.days; }
  Day days() const { return days_; }
  bool started() const { return started_; }
  bool done() const { return day() >= days_; }
  // The changes still to come: `changes` (sorted by day, each day >= day())
  // replace every change not yet applied. A change on day day() applies
  // before the next step. Checked like the plan's timeline.
  void replace_pending(std::vector<TimelineChange> changes);
  // The simulation, to look at between steps.
  const Simulation& simulation() const { return *simulation_; }
  const RowLayout& layout() const { return layout_; }
  // Flushes the sink and gives the result; `interrupted` marks a run ended
  // before its last day. Call once.
  RunResult finish(bool interrupted = false);

 private:
  const ModelDefinition& model_;
  RunPlan plan_;
  RecordSink& sink_;
  std::chrono::steady_clock::time_point started_at_;
  Executor executor_;  // before simulation_, which uses it to its end
  std::unique_ptr<Simulation> simulation_;
  Day days_ = 0, record_every_ = 1, flush_every_ = 1;
  RowLayout layout_;
  std::vector<double> row_;
  std::size_t next_change_ = 0;  // index into plan_.timeline
  bool started_ = false;
  RunResult result_;

  // Runs the burn-in's days; false when plan.stop stopped it.
  bool burn_in(const ProgressFn& progress);
  // The burn-in's state from plan.burn_in_store when it holds `key`, else
  // burn_in() and, when it ran to the end, saved there; false when stopped.
  bool burn_in_or_read(const std::string& key, const ProgressFn& progress);
};

// Creates a simulation of `model`, runs its burn-in, starts it with
// plan.parameters, then runs it for run.days days, recording the state at
// time 0 and every run.record_every days after, flushing the sink every
// run.flush_every days and at the end. When plan.stop says so (it is asked
// after every day of both phases), the run ends after the day it is on, rows
// recorded so far flushed, and the result says `interrupted`; in the
// burn-in, nothing is recorded and the sink is never begun. A timeline change
// to a structure parameter (ParameterSpec::structural) is refused.
RunResult run_simulation(const ModelDefinition& model, const RunPlan& plan, RecordSink& sink,
                         const ProgressFn& progress = {});

}  // namespace candour::sim
