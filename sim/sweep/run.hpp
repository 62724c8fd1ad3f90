#pragma once
// One run of a sweep, executed and reduced to what the sweep keeps.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/sweep/sweep_plan.hpp"

namespace candour::sim::sweep {

// What a run sends back to whoever writes the sweep file.
struct RunOutcome {
  std::uint64_t run = 0;
  std::vector<double> summary;  // plan.statistics() order
  std::vector<double> series;   // record_times() x series_metrics(), row-major
  double wall_seconds = 0.0;    // for progress reports only; never stored

  template <class Archive>
  void serialize(Archive& archive, unsigned /*version*/) {
    archive& run& summary& series& wall_seconds;
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
// the plan and the run id, not on `burn_ins`: a run whose seed and burn-in
// parameters another run shared starts from that run's burnt-in state.
RunOutcome execute_run(const SweepPlan& plan, std::size_t run, BurnInCache* burn_ins = nullptr);
// The same, abandoned (nothing returned) when `stop` says so before the run ends.
std::optional<RunOutcome> execute_run(const SweepPlan& plan, std::size_t run, const StopFn& stop,
                                      BurnInCache* burn_ins = nullptr);

}  // namespace candour::sim::sweep
