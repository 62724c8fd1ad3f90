#pragma once
// Deterministic parallel loops and reductions over agents.
//
// Loops: each index is updated independently (synchronous, double-buffered
// updates), so the partition cannot change the result. Reductions use
// oneTBB's parallel_deterministic_reduce with a simple_partitioner and a fixed
// grain: the split tree, and so the order in which floating-point partial
// results are combined, depends only on the range and the grain, never on the
// number of threads. That is what makes a 1-thread and a 16-thread run equal
// to the bit.
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <cstddef>
#include <memory>
#include <utility>

namespace candour::sim {

// Agents per task. Fixed, so that reduction trees are the same on any machine.
inline constexpr std::size_t kAgentGrain = 1024;

// Owns the worker threads of one run (a task arena, not global state).
class Executor {
 public:
  // threads == 0 means all hardware threads.
  explicit Executor(int threads = 0)
      : arena_(std::make_unique<oneapi::tbb::task_arena>(
            threads > 0 ? threads : oneapi::tbb::info::default_concurrency())) {}

  int threads() const { return arena_->max_concurrency(); }

  // Runs body(begin, end) over [0, n) in fixed chunks of `grain`.
  template <class Body>
  void for_each_block(std::size_t n, Body&& body, std::size_t grain = kAgentGrain) const {
    if (n == 0)
      return;
    arena_->execute([&] {
      oneapi::tbb::parallel_for(
          oneapi::tbb::blocked_range<std::size_t>(0, n, grain),
          [&](const oneapi::tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); },
          oneapi::tbb::simple_partitioner());
    });
  }

  // Runs body(i) for every i in [0, n).
  template <class Body>
  void for_each(std::size_t n, Body&& body, std::size_t grain = kAgentGrain) const {
    for_each_block(
        n,
        [&](std::size_t begin, std::size_t end) {
          for (std::size_t i = begin; i < end; ++i)
            body(i);
        },
        grain);
  }

  // Reduces block(begin, end, T) -> T over [0, n) and combines partial results
  // with combine(T, T) -> T in a tree fixed by n and grain alone.
  template <class T, class Block, class Combine>
  T reduce(std::size_t n, T identity, Block&& block, Combine&& combine,
           std::size_t grain = kAgentGrain) const {
    if (n == 0)
      return identity;
    T result = identity;
    arena_->execute([&] {
      result = oneapi::tbb::parallel_deterministic_reduce(
          oneapi::tbb::blocked_range<std::size_t>(0, n, grain), identity,
          [&](const oneapi::tbb::blocked_range<std::size_t>& r, T partial) {
            return block(r.begin(), r.end(), std::move(partial));
          },
          combine, oneapi::tbb::simple_partitioner());
    });
    return result;
  }

  // Sum of value(i) over [0, n), deterministic to the bit.
  template <class Value>
  double sum(std::size_t n, Value&& value, std::size_t grain = kAgentGrain) const {
    return reduce(
        n, 0.0,
        [&](std::size_t begin, std::size_t end, double partial) {
          for (std::size_t i = begin; i < end; ++i)
            partial += value(i);
          return partial;
        },
        [](double a, double b) { return a + b; }, grain);
  }

 private:
  std::unique_ptr<oneapi::tbb::task_arena> arena_;
};

}  // namespace candour::sim
