// A `candour` with only the sweep and merge commands, for the sweep
// integration tests while the main command does not yet register them
// (tests/integration/sweep.cmake picks the real binary once it does).
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/sweep_commands.hpp"

int main(int argc, char** argv) {
  using namespace candour::cli;
  CLI::App app{"candour (sweep commands only, for tests)"};
  app.require_subcommand(1);
  CommandContext context;
  add_sweep_commands(app, context);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  return context.exit_code;
}
