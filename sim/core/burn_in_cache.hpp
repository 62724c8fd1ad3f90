#pragma once
// Burn in once: the state a burn-in leaves, kept for the runs that would
// repeat it. The state after the burn-in depends only on the seed and what
// the model read at creation (Simulation::burn_in_key), so every run of a
// sweep that shares its seed and its burn-in parameters (common random
// numbers across design points, levers varied after day 0) may start from
// one copy, with results identical to the bit to burning in afresh.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace candour::sim {

// A simulation's own copy of its state after the burn-in (opaque to the engine).
class BurntIn {
 public:
  virtual ~BurntIn() = default;
};

// Thread-safe store of burnt-in states by key, holding at most `max_bytes`
// of them (each counted at the size its caller states). A state that would
// not fit is not kept; the run that made it goes on with its own.
class BurnInCache {
 public:
  explicit BurnInCache(std::uint64_t max_bytes) : max_bytes_(max_bytes) {}
  BurnInCache(const BurnInCache&) = delete;
  BurnInCache& operator=(const BurnInCache&) = delete;

  // The state kept under `key`; when there is none, `burn_in` makes it (it
  // may return null: stopped) and it is kept if it fits. A caller asking for
  // a key that another is making waits for it instead of burning in twice.
  // `made` says whether this caller's burn_in ran (each run reports it:
  // RunResult::burn_in_reused, counted by `candour sweep`).
  std::shared_ptr<const BurntIn> find_or_make(
      const std::string& key, std::uint64_t bytes,
      const std::function<std::shared_ptr<const BurntIn>()>& burn_in, bool& made);

 private:
  struct Entry {
    bool ready = false;
    std::shared_ptr<const BurntIn> state;  // null once ready: abandoned or too large
  };
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::map<std::string, Entry> entries_;
  std::uint64_t max_bytes_, kept_bytes_ = 0;
};

}  // namespace candour::sim
