#include "sim/io/disk_space.hpp"

#include <fmt/core.h>
#include <sys/resource.h>

#include <iterator>
#include <system_error>

namespace candour::sim::io {
namespace fs = std::filesystem;

std::optional<std::uint64_t> free_disk_bytes(const fs::path& path) {
  std::error_code error;
  fs::path probe = fs::absolute(path, error);
  if (error)
    return std::nullopt;
  while (!fs::exists(probe, error) && probe.has_parent_path() && probe != probe.parent_path())
    probe = probe.parent_path();
  const auto space = fs::space(probe, error);
  if (error)
    return std::nullopt;
  return space.available;
}

std::optional<std::string> lacks_room(const fs::path& file, std::uint64_t bytes) {
  if (const auto free = free_disk_bytes(file); free && bytes > *free)
    return fmt::format("the disk is nearly full: {} free, {} needed", format_bytes(*free),
                       format_bytes(bytes));
  rlimit limit{};
  if (getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    std::error_code error;
    const auto size = fs::exists(file, error) ? fs::file_size(file, error) : 0;
    if (!error && size + bytes > limit.rlim_cur)
      return fmt::format("the file size limit (ulimit -f) of {} would be passed",
                         format_bytes(limit.rlim_cur));
  }
  return std::nullopt;
}

std::string format_bytes(std::uint64_t bytes) {
  static const char* const kUnits[] = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1000.0 && unit + 1 < std::size(kUnits)) {
    value /= 1000.0;
    ++unit;
  }
  if (unit == 0)
    return fmt::format("{} bytes", bytes);
  return fmt::format("{:.3g} {}", value, kUnits[unit]);
}

}  // namespace candour::sim::io
