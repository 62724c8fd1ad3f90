#pragma once
// `candour sweep` (run a sweep file into one HDF5 file, on threads, MPI ranks
// or as one shard of a batch-array job; resumes an interrupted sweep) and
// `candour merge` (join shard files).
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace candour::cli {

void add_sweep_commands(CLI::App& app, CommandContext& context);

}  // namespace candour::cli
