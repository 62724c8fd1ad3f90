#include "cli/resources.hpp"

#include "sim/core/summary.hpp"
#include "sim/io/run_writer.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace candour::cli {
namespace fs = std::filesystem;
namespace {

// The value of `key` in /proc/meminfo, in bytes.
std::optional<std::uint64_t> meminfo(const std::string& key) {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) != 0)
      continue;
    std::istringstream fields(line.substr(key.size() + 1));
    std::uint64_t kib = 0;
    if (fields >> kib)
      return kib * 1024;
  }
  return std::nullopt;
}

// A number read from a cgroup v2 file ("max" means no limit).
std::optional<std::uint64_t> cgroup_value(const fs::path& file) {
  std::ifstream in(file);
  std::string text;
  if (!(in >> text) || text == "max")
    return std::nullopt;
  try {
    return std::stoull(text);
  } catch (...) {
    return std::nullopt;
  }
}

// Room left under this process's cgroup v2 memory limit, if it has one.
std::optional<std::uint64_t> cgroup_room() {
  std::ifstream self("/proc/self/cgroup");
  std::string line;
  while (std::getline(self, line)) {
    if (line.rfind("0::", 0) != 0)
      continue;
    const fs::path group = fs::path("/sys/fs/cgroup") / fs::path(line.substr(3)).relative_path();
    const auto limit = cgroup_value(group / "memory.max");
    const auto used = cgroup_value(group / "memory.current");
    if (limit && used)
      return *limit > *used ? *limit - *used : 0;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::uint64_t> run_memory_bytes(const sim::ModelDefinition& model,
                                              const sim::ParameterSet& parameters) {
  if (!model.footprint)
    return std::nullopt;
  const auto footprint = model.footprint(parameters);
  return kProcessBytes + footprint.state_bytes +
         sim::io::RunWriter::memory_bytes(model, footprint.units, parameters) +
         sim::SummarySink::memory_bytes(model, parameters);
}

std::optional<std::uint64_t> available_memory() {
  auto available = meminfo("MemAvailable");
  if (const auto room = cgroup_room())
    available = available ? std::min(*available, *room) : *room;
  return available;
}

}  // namespace candour::cli
