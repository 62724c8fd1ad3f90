#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <mutex>

#include "sim/sweep/executor.hpp"

namespace candour::sim::sweep {

std::vector<std::size_t> pending_runs(std::span<const std::uint8_t> completed,
                                      std::size_t shard_index, std::size_t shard_count) {
  std::vector<std::size_t> runs;
  for (std::size_t run = 0; run < completed.size(); ++run)
    if (run % shard_count == shard_index - 1 && completed[run] == 0)
      runs.push_back(run);
  return runs;
}

namespace {
std::string run_name(const SweepPlan& plan, std::size_t run) {
  if (run >= plan.runs())
    return "run " + std::to_string(run);
  const auto key = plan.key(run);
  return "run " + std::to_string(run) + " (point " + std::to_string(key.point) + ", replicate " +
         std::to_string(key.replicate) + ")";
}
}  // namespace

RunFailed::RunFailed(const SweepPlan& plan, std::size_t run, const std::string& why)
    : std::runtime_error(run_name(plan, run) + " failed: " + why) {}

void run_local(const SweepPlan& plan, std::span<const std::size_t> runs, int threads,
               const OutcomeFn& done, const StopFn& stop, BurnInCache* burn_ins,
               const BurnInStore* checkpoints) {
  if (runs.empty())
    return;
  BurnInCache own(kBurnInCacheBytes);
  if (burn_ins == nullptr)
    burn_ins = &own;
  oneapi::tbb::task_arena arena(threads > 0 ? threads : oneapi::tbb::info::default_concurrency());
  std::mutex writing;  // the callback writes HDF5, which is not thread-safe
  arena.execute([&] {
    // One run per task: runs are long next to scheduling, and the simple
    // partitioner hands them out one by one so fast and slow runs balance.
    oneapi::tbb::parallel_for(
        oneapi::tbb::blocked_range<std::size_t>(0, runs.size(), 1),
        [&](const oneapi::tbb::blocked_range<std::size_t>& range) {
          for (std::size_t i = range.begin(); i < range.end(); ++i) {
            if (stop && stop())
              return;
            std::optional<RunOutcome> outcome;
            try {
              outcome = execute_run(plan, runs[i], stop, burn_ins, checkpoints);
            } catch (const std::bad_alloc&) {
              throw RunFailed(plan, runs[i], "out of memory");
            } catch (const std::exception& e) {
              throw RunFailed(plan, runs[i], e.what());
            }
            if (!outcome)
              return;  // stopped: abandoned, not written
            std::lock_guard lock(writing);
            done(*outcome);
          }
        },
        oneapi::tbb::simple_partitioner());
  });
}

}  // namespace candour::sim::sweep
