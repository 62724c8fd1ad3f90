// `candour run`: one simulation from a scenario to an HDF5 file.
#include <fmt/core.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <new>
#include <optional>
#include <system_error>

#include "candour/build_info.hpp"
#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output_path.hpp"
#include "cli/progress.hpp"
#include "cli/resources.hpp"
#include "cli/run_summary.hpp"
#include "cli/scenario_options.hpp"
#include "cli/signals.hpp"
#include "sim/core/engine.hpp"
#include "sim/core/summary.hpp"
#include "sim/io/disk_space.hpp"
#include "sim/io/run_writer.hpp"

namespace candour::cli {
namespace {

struct RunOptions {
  ScenarioOptions scenario;
  std::optional<std::string> output;  // absent: out/<scenario name>.h5
  bool overwrite = false;
  int threads = 0;
  bool quiet = false;
};

std::string host_name() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0)
    return "unknown";
  return buffer;
}

std::string default_output(const std::string& scenario_file) {
  return (std::filesystem::path("out") / std::filesystem::path(scenario_file).stem()).string() +
         ".h5";
}

int run(const RunOptions& options, const std::string& command_line) {
  // Everything is validated before the output file is created.
  ResolvedScenario resolved;
  try {
    resolved = resolve_scenario(options.scenario);
  } catch (const sim::io::ScenarioError& e) {
    print_to(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  }
  const auto& scenario = resolved.scenario;
  std::filesystem::path output;
  try {
    output = checked_output(
        options.output, default_output(options.scenario.file), scenario.inputs,
        options.overwrite ? ExistingOutput::replace : ExistingOutput::refuse_unless_overwrite);
  } catch (const OutputRefused& e) {
    print_to(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  }

  if (const auto needed = run_memory_bytes(*resolved.model, scenario.parameters)) {
    const auto available = available_memory();
    if (available && *needed > *available) {
      print_to(stderr,
               "error: this run needs about {} of memory and {} is available; make its "
               "structure smaller or run it where more memory is free\n",
               sim::io::format_bytes(*needed), sim::io::format_bytes(*available));
      return kExitRuntimeFailure;
    }
  }

  sim::RunPlan plan{scenario.parameters, scenario.timeline, options.threads};
  sim::Executor probe(options.threads);  // the thread count the run will get
  sim::io::Provenance provenance;
  provenance.candour_version = build_info::version;
  provenance.git_commit = build_info::git_commit;
  provenance.model = resolved.model->name;
  provenance.scenario_file = scenario.file.string();
  provenance.scenario_toml = scenario.resolved_toml;
  provenance.command_line = command_line;
  provenance.host = host_name();
  provenance.seed = static_cast<std::uint64_t>(scenario.parameters.integer(sim::run_keys::seed));
  provenance.threads = probe.threads();
  provenance.ranks = 1;
  for (const auto& f : scenario.chain)
    provenance.extends_chain.push_back(f.string());

  if (output.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(output.parent_path(), error);
    if (error) {
      print_to(stderr, "error: cannot create the folder {}: {}\n", output.parent_path().string(),
               error.message());
      return kExitRuntimeFailure;
    }
  }
  StopSignals signals;  // Ctrl-C from here on: finish the day, flush, close
  plan.stop = signals.stop_requested();
  try {
    sim::io::RunWriter writer(
        output, provenance, resolved.registry, scenario.parameters,
        options.overwrite ? sim::io::Existing::replace : sim::io::Existing::refuse);
    sim::SummarySink summary;
    sim::TeeSink sinks({&writer, &summary});
    const auto days = scenario.parameters.integer(sim::run_keys::days);
    if (!options.quiet) {
      print_to(stderr, "candour {}: {} ({} model), {} days, seed {}, {} threads -> {}\n",
               build_info::version, scenario.file.string(), resolved.model->name, days,
               provenance.seed, provenance.threads, output.string());
    }
    // One progress line for the burn-in and one for the recorded days, each
    // timed from its own start.
    const auto style = progress_style_for(stderr, options.quiet);
    std::optional<Progress> burn_in, recorded;
    auto show = [&](sim::RunPhase phase, sim::Day done, sim::Day total) {
      auto& line = phase == sim::RunPhase::burn_in ? burn_in : recorded;
      if (!line) {
        if (burn_in)
          burn_in->finish();
        line.emplace(total, phase == sim::RunPhase::burn_in ? "burn-in days" : "days", style);
      }
      line->update(done);
    };
    auto result = sim::run_simulation(*resolved.model, plan, sinks, show);
    for (auto* line : {&burn_in, &recorded})
      if (*line)
        (*line)->finish();
    if (result.interrupted) {
      const int signal = signals.received();
      if (result.records == 0) {
        // Stopped during set-up (the burn-in): the file was never put in place.
        print_to(stderr, "interrupted by {} before day 0: nothing was written\n",
                 signal_name(signal));
        return exit_code_for(signal);
      }
      writer.finish_interrupted(result, signal_name(signal));
      print_to(stderr,
               "interrupted by {} after day {} of {}: {} keeps every row recorded so far "
               "(completed = 0, interrupted = \"{}\")\n",
               signal_name(signal), result.days, days, output.string(), signal_name(signal));
      return exit_code_for(signal);
    }
    writer.finish(result);
    if (!options.quiet) {
      std::cout << format_run_summary(*resolved.model, scenario, summary.summaries(), result,
                                      output);
    }
  } catch (const sim::io::OutputExists& e) {
    print_to(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    print_to(stderr, "error: run failed: out of memory\n");
    return kExitRuntimeFailure;
  } catch (const std::exception& e) {
    print_to(stderr, "error: run failed: {}\n", e.what());
    return kExitRuntimeFailure;
  }
  return kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<RunOptions>();
  auto* command =
      app.add_subcommand("run", "Run one scenario and write its time series to an HDF5 file");
  options->scenario.add_to(*command);
  command->add_option("-o,--output", options->output,
                      "Output HDF5 file (default: out/<scenario name>.h5); must not exist "
                      "unless --overwrite is given");
  command->add_flag("--overwrite", options->overwrite,
                    "Replace an existing output file (never one of the scenario's input files)");
  command
      ->add_option("--threads", options->threads,
                   "Worker threads (0: all cores); results are identical for any count")
      ->check(thread_count());
  command->add_flag("-q,--quiet", options->quiet, "No progress and no summary");
  command->footer(
      "Exit codes: 0 success, 1 runtime failure, 2 bad input.\n"
      "Example: candour run scenarios/mid_staffs.toml --seed 3 -o out/mid_staffs.h5");
  command->callback(
      [options, &context] { context.exit_code = run(*options, context.command_line); });
}

}  // namespace candour::cli
