#pragma once
// Registration of the `candour` subcommands. Each adds itself to the app and
// sets the context's exit code when it runs.
#include <CLI/CLI.hpp>

#include <string>

namespace candour::cli {

struct CommandContext {
  int exit_code = 0;
  std::string command_line;  // as typed, for provenance
};

// --threads: 0 (one per core) up to kMaxThreads, with a message that says so.
inline constexpr int kMaxThreads = 4096;
CLI::Validator thread_count();

void add_run_command(CLI::App& app, CommandContext& context);
void add_describe_command(CLI::App& app, CommandContext& context);
void add_validate_command(CLI::App& app, CommandContext& context);
void add_serve_command(CLI::App& app, CommandContext& context);

}  // namespace candour::cli
