#pragma once
// Executors: who runs a sweep's runs. Each hands every outcome to one
// callback, called for one run at a time, which writes it (the store) and
// reports progress. A run's outcome depends only on the plan and the run id,
// so which executor ran it never shows in the results.
#include <cstddef>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/sweep/run.hpp"
#include "sim/sweep/sweep_plan.hpp"

namespace candour::sim::sweep {

// Receives each finished run; never called concurrently.
using OutcomeFn = std::function<void(const RunOutcome&)>;

// The runs of `plan` still to do: in `shard`, not yet completed.
std::vector<std::size_t> pending_runs(std::span<const std::uint8_t> completed,
                                      std::size_t shard_index, std::size_t shard_count);

// A run that threw: which run, and why. The sweep stops (runs in progress
// finish first); every run written before is kept.
struct RunFailed : std::runtime_error {
  RunFailed(const SweepPlan& plan, std::size_t run, const std::string& why);
};

// Runs `runs` on this machine, `threads` at a time (0: one per core), in a
// oneTBB task arena; each run is single-threaded inside. Once `stop` says so,
// no run starts and the runs in progress are abandoned (not handed to
// `done`). A run that fails throws RunFailed.
// Runs sharing a seed and burn-in parameters share one burn-in (`burn_ins`,
// whose counts the caller may report; null: a cache of kBurnInCacheBytes of
// its own), read from and saved to `checkpoints` on disk when given.
void run_local(const SweepPlan& plan, std::span<const std::size_t> runs, int threads,
               const OutcomeFn& done, const StopFn& stop = {}, BurnInCache* burn_ins = nullptr,
               const BurnInStore* checkpoints = nullptr);

}  // namespace candour::sim::sweep
