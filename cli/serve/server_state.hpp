#pragma once
// What every connection of one server shares: its configuration, the
// scenario catalogue, the count of runs in progress (bounded) and the names
// of the files it wrote (the only files it serves from its output folder).
// Owned by the server; nothing here is global.
#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "cli/serve/scenario_catalogue.hpp"
#include "cli/serve/serve_config.hpp"

namespace candour::cli::serve {

class ServerState {
 public:
  explicit ServerState(ServeConfig config);
  const ServeConfig& config() const { return config_; }
  const ScenarioCatalogue& catalogue() const { return catalogue_; }

  // Takes `count` run slots; false (taking none) when fewer are free.
  bool take_runs(int count);
  void release_runs(int count);
  int runs_in_progress() const { return runs_.load(); }

  void add_file(const std::string& name);
  bool wrote_file(std::string_view name) const;

 private:
  ServeConfig config_;
  ScenarioCatalogue catalogue_;
  std::atomic<int> runs_{0};
  mutable std::mutex files_mutex_;
  std::set<std::string, std::less<>> files_;
};

}  // namespace candour::cli::serve
