#pragma once
// What this machine can give a command: memory (and disk space), checked
// before a run or sweep starts so that it is refused with an estimate rather
// than failing an hour in (or taking the machine down with it).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "sim/core/model.hpp"

namespace candour::cli {

// Memory the process may still take: the kernel's MemAvailable, or less when
// a cgroup (a container, a batch job) limits it. Empty when unknown.
std::optional<std::uint64_t> available_memory();

// Memory one `candour run` of `parameters` takes at most: the model's
// footprint, the output writer's and the summary's buffers, and the process
// itself. Empty when the model gives no footprint.
std::optional<std::uint64_t> run_memory_bytes(const sim::ModelDefinition& model,
                                              const sim::ParameterSet& parameters);

// What the process takes before any simulation: code, libraries, thread pools.
inline constexpr std::uint64_t kProcessBytes = 32ull << 20;

// Disk space: sim/io/disk_space.hpp (free_disk_bytes, format_bytes), which
// the run writer uses too.

}  // namespace candour::cli
