// `candour validate`: check a scenario without running it or writing anything.
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/exit_codes.hpp"
#include "cli/resources.hpp"
#include "cli/scenario_options.hpp"
#include "sim/io/disk_space.hpp"

namespace candour::cli {

void add_validate_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ScenarioOptions>();
  auto* command = app.add_subcommand(
      "validate", "Check a scenario (keys, types, ranges, extends, timeline); writes nothing");
  options->add_to(*command);
  command->footer("Exit codes: 0 valid, 2 invalid (the message names file, line and key).");
  command->callback([options, &context] {
    try {
      auto resolved = resolve_scenario(*options);
      const auto defaults = resolved.registry.defaults();
      int changed = 0;
      for (const auto& [name, value] : resolved.scenario.parameters.values()) {
        if (defaults.value(name) != value)
          ++changed;
      }
      print_to(stdout,
               "{}: valid ({} model; {} of {} parameters differ from the defaults; {} timeline "
               "change(s); extends {} file(s))\n",
               options->file, resolved.model->name, changed, defaults.values().size(),
               resolved.scenario.timeline.size(), resolved.scenario.chain.size() - 1);
      // What `candour run` would check before starting.
      if (const auto needed = run_memory_bytes(*resolved.model, resolved.scenario.parameters)) {
        const auto available = available_memory();
        print_to(stdout, "memory: about {} to run{}\n", sim::io::format_bytes(*needed),
                 !available ? ""
                 : *needed > *available
                     ? fmt::format("; only {} is available here, so `candour run` would refuse it",
                                   sim::io::format_bytes(*available))
                     : fmt::format(" ({} available here)", sim::io::format_bytes(*available)));
      }
      context.exit_code = kExitOk;
    } catch (const sim::io::ScenarioError& e) {
      print_to(stderr, "error: {}\n", e.what());
      context.exit_code = kExitBadInput;
    }
  });
}

}  // namespace candour::cli
