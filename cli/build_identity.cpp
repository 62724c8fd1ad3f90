#include "cli/build_identity.hpp"

#include <fmt/core.h>

#include <filesystem>
#include <system_error>

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

}  // namespace candour::cli
