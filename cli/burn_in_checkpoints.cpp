#include "cli/burn_in_checkpoints.hpp"

#include <fmt/core.h>

#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>

#include "candour/build_info.hpp"

namespace candour::cli {

std::string build_identity() {
  std::string identity = fmt::format("candour {} {} compiler {}", build_info::version,
                                     build_info::git_commit, __VERSION__);
  // A tree with uncommitted changes keeps its commit's name: the executable's
  // own size and time tell its builds apart.
  std::error_code error;
  const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto bytes = std::filesystem::file_size(executable, error);
    const auto modified = std::filesystem::last_write_time(executable, error);
    if (!error)
      identity += fmt::format(" executable {} {} {}", executable.string(), bytes,
                              modified.time_since_epoch().count());
  }
  return identity;
}

std::string burn_in_cache_problem(const std::string& folder) {
  if (folder.empty())
    return {};
  std::error_code error;
  const auto status = std::filesystem::status(folder, error);
  if (std::filesystem::exists(status) && !std::filesystem::is_directory(status))
    return fmt::format(
        "--burn-in-cache {}: not a folder (it holds one checkpoint file per seed "
        "and burn-in)",
        folder);
  return {};
}

std::optional<sim::BurnInStore> burn_in_store_for(const std::string& folder) {
  if (folder.empty())
    return std::nullopt;
  return std::optional<sim::BurnInStore>(std::in_place, folder, build_identity());
}

}  // namespace candour::cli
