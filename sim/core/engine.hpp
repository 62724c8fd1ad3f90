#pragma once
// The run loop: the clock, the timetable, timeline changes, recording and
// flushing. Knows nothing of any particular model or file format.
#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

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
  Day days = 0;  // days simulated: run.days, or fewer when stopped
  // Stopped early by RunPlan::stop. With records == 0 it stopped in the
  // burn-in, before the sink's begin(): nothing was recorded.
  bool interrupted = false;
  std::size_t records = 0;
  int threads = 0;
  double wall_seconds = 0.0;
  std::vector<PhaseTiming> phases;  // the recorded days' processes (not the burn-in)
  std::vector<double> last_row;
};

// The two phases of a run: the unrecorded burn-in, then the recorded days.
enum class RunPhase { burn_in, run };

// Called after every day of each phase with (phase, days done, days in the phase).
using ProgressFn = std::function<void(RunPhase, Day, Day)>;

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
