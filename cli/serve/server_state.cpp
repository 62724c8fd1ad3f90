#include "cli/serve/server_state.hpp"

namespace candour::cli::serve {

ServerState::ServerState(ServeConfig config)
    : config_(std::move(config)), catalogue_(config_.scenarios_dir) {}

bool ServerState::take_runs(int count) {
  int current = runs_.load();
  do {
    if (current + count > config_.limits.max_runs)
      return false;
  } while (!runs_.compare_exchange_weak(current, current + count));
  return true;
}

void ServerState::release_runs(int count) {
  runs_ -= count;
}

void ServerState::add_file(const std::string& name) {
  std::lock_guard lock(files_mutex_);
  files_.insert(name);
}

bool ServerState::wrote_file(std::string_view name) const {
  std::lock_guard lock(files_mutex_);
  return files_.find(name) != files_.end();
}

}  // namespace candour::cli::serve
