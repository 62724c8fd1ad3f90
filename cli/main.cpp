// candour: run, describe and validate scenarios of the NHS culture model.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "candour/build_info.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/signals.hpp"
#include "cli/sweep_commands.hpp"
#include "sim/io/hdf5.hpp"

int main(int argc, char** argv) {
  using namespace candour::cli;
  candour::sim::io::hdf5::skip_library_cleanup_at_exit();
  ignore_sigpipe();
  CLI::App app{
      "Candour: an agent-based simulator of NHS organisational culture.\n"
      "Exit codes: 0 success, 1 runtime failure, 2 bad input (scenario, sweep file or "
      "arguments)."};
  app.set_version_flag("--version", fmt::format("candour {} ({})", candour::build_info::version,
                                                candour::build_info::git_commit));
  app.require_subcommand(1);
  // Argument errors look like every other error: one line.
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "error: " + std::string(e.what()) + " (see --help)\n";
  });
  CommandContext context;
  for (int i = 0; i < argc; ++i)
    context.command_line += (i ? " " : "") + std::string(argv[i]);
  add_run_command(app, context);
  add_describe_command(app, context);
  add_validate_command(app, context);
  add_sweep_commands(app, context);
  add_serve_command(app, context);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }
  return context.exit_code;
}
