#pragma once
// One run of a sweep, executed and reduced to what the sweep keeps.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/sweep/sweep_plan.hpp"

namespace candour::sim::sweep {

// What a run sends back to whoever writes the sweep file.
struct RunOutcome {
  std::uint64_t run = 0;
  std::vector<double> summary;  // plan.statistics() order
  std::vector<double> series;   // record_times() x series_metrics(), row-major
  double wall_seconds = 0.0;    // for progress reports only; never stored
  // Where the burn-in's state came from, for the sweep's report only (the
  // results are the same whichever it was):
  bool burn_in_reused = false;   // another run's, in memory
  bool burn_in_read = false;     // a checkpoint on disk (--burn-in-cache)
  bool burn_in_saved = false;    // this run saved its burn-in as a checkpoint
  std::string checkpoint_error;  // why it could not be saved (the run stands)

  template <class Archive>
  void serialize(Archive& archive, unsigned /*version*/) {
    archive& run& summary& series& wall_seconds& burn_in_reused& burn_in_read& burn_in_saved&
        checkpoint_error;
  }
};

// Memory one run of the plan takes at most: the model's footprint with every
// axis that varies structure at its top value, and the summaries and series
// kept while it runs. Empty when the model gives no footprint.
std::optional<std::uint64_t> run_memory_bytes(const SweepPlan& plan);

// Bytes of burnt-in states an executor keeps for its runs to share
// (BurnInCache), each counted at the model's footprint estimate: a few tens
// of MB for nhs_england, under 1 MB for one trust.
inline constexpr std::uint64_t kBurnInCacheBytes = std::uint64_t{512} << 20;

// Runs `run` of the plan on the calling thread. The outcome depends only on
// the plan and the run id, not on `burn_ins` or `checkpoints`: a run whose
// seed and burn-in parameters another run shared starts from that run's
// burnt-in state (in memory), or from a checkpoint an earlier sweep or run
// saved (on disk, `candour sweep --burn-in-cache`).
RunOutcome execute_run(const SweepPlan& plan, std::size_t run, BurnInCache* burn_ins = nullptr,
                       const BurnInStore* checkpoints = nullptr);
// The same, abandoned (nothing returned) when `stop` says so before the run ends.
std::optional<RunOutcome> execute_run(const SweepPlan& plan, std::size_t run, const StopFn& stop,
                                      BurnInCache* burn_ins = nullptr,
                                      const BurnInStore* checkpoints = nullptr);

}  // namespace candour::sim::sweep
