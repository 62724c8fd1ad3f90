#include "sim/core/burn_in_cache.hpp"

namespace candour::sim {

std::shared_ptr<const BurntIn> BurnInCache::find_or_make(
    const std::string& key, std::uint64_t bytes,
    const std::function<std::shared_ptr<const BurntIn>()>& burn_in, bool& made) {
  made = false;
  {
    std::unique_lock lock(mutex_);
    for (;;) {
      const auto found = entries_.find(key);
      if (found == entries_.end())
        break;  // nobody has made it: this caller will
      if (!found->second.ready) {
        ready_.wait(lock);  // another caller is making it
        continue;
      }
      if (found->second.state)
        return found->second.state;
      entries_.erase(found);  // abandoned or not kept: this caller makes its own
      break;
    }
    if (kept_bytes_ + bytes > max_bytes_) {
      lock.unlock();
      made = true;
      return burn_in();  // would not be kept: no one waits for it
    }
    entries_[key];  // claimed: later callers wait
    kept_bytes_ += bytes;
  }
  std::shared_ptr<const BurntIn> state;
  try {
    made = true;
    state = burn_in();
  } catch (...) {
    std::lock_guard lock(mutex_);
    entries_.erase(key);
    kept_bytes_ -= bytes;
    ready_.notify_all();
    throw;
  }
  std::lock_guard lock(mutex_);
  auto& entry = entries_[key];
  entry.ready = true;
  entry.state = state;
  if (!state)
    kept_bytes_ -= bytes;
  ready_.notify_all();
  return state;
}

}  // namespace candour::sim
