// `candour run`: one simulation from a scenario to an HDF5 file, or one per
// seed with --seeds (cli/run_ensemble.cpp).
#include <fmt/core.h>

#include <filesystem>
#include <iostream>
#include <new>
#include <optional>
#include <system_error>

#include "candour/build_info.hpp"
#include "cli/burn_in_checkpoints.hpp"
#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output_path.hpp"
#include "cli/progress.hpp"
#include "cli/resources.hpp"
#include "cli/run_ensemble.hpp"
#include "cli/run_provenance.hpp"
#include "cli/run_summary.hpp"
#include "cli/scenario_options.hpp"
#include "cli/signals.hpp"
#include "sim/core/engine.hpp"
#include "sim/core/summary.hpp"
#include "sim/io/disk_space.hpp"
#include "sim/io/ensemble_file.hpp"
#include "sim/io/run_writer.hpp"

namespace candour::cli {
namespace {

struct RunOptions {
  ScenarioOptions scenario;
  std::optional<std::string> output;  // absent: out/<scenario name>.h5
  bool overwrite = false;
  std::string seeds;     // --seeds: several replicates, one file each
  std::string ensemble;  // --ensemble DIR: once per member of a calibrated ensemble
  std::string members;   // --members: which members (default all)
  std::string label;
  int threads = 0;
  bool quiet = false;
  std::string burn_in_cache;  // --burn-in-cache DIR: burn-in checkpoints on disk
};

// What a run says of its burn-in checkpoint: where it was read from or saved
// to, and a warning when it could not be saved (the run's results stand).
void report_checkpoint(const sim::RunResult& result, const sim::BurnInStore& store, bool quiet) {
  if (!result.burn_in_store_error.empty())
    print_to(stderr, "warning: the burn-in was not saved as a checkpoint: {}\n",
             result.burn_in_store_error);
  if (quiet)
    return;
  if (result.burn_in_read)
    print_to(stderr, "burn-in read from a checkpoint in {}\n", store.folder().string());
  else if (result.burn_in_saved)
    print_to(stderr, "burn-in saved as a checkpoint in {}\n", store.folder().string());
}

std::string default_output(const std::string& scenario_file, const char* suffix = "") {
  return (std::filesystem::path("out") / std::filesystem::path(scenario_file).stem()).string() +
         suffix + ".h5";
}

int run_seeds(const RunOptions& options, const std::string& command_line) {
  if (options.scenario.seed) {
    print_to(stderr, "error: give --seed or --seeds, not both\n");
    return kExitBadInput;
  }
  auto seeds = parse_seeds(options.seeds);
  if (!seeds) {
    print_to(stderr,
             "error: --seeds {}: expected seeds and ranges such as 1-8 or 1,3,5-7 (each seed "
             "once, at most {})\n",
             options.seeds, kMaxSeeds);
    return kExitBadInput;
  }
  Ensemble ensemble{
      options.scenario,
      std::move(*seeds),
      options.output ? *options.output : default_output(options.scenario.file, "_{seed}"),
      options.label,
      options.threads,
      options.quiet,
      options.overwrite,
      {},
      {},
      {},
      options.burn_in_cache};
  return run_ensemble(ensemble, command_line);
}

// --ensemble DIR: every chosen member, each with every seed (--seeds, or the
// one seed of the scenario or --seed).
int run_members(const RunOptions& options, const std::string& command_line) {
  if (options.scenario.seed && !options.seeds.empty()) {
    print_to(stderr, "error: give --seed or --seeds, not both\n");
    return kExitBadInput;
  }
  Ensemble ensemble{
      options.scenario,
      {},
      options.output ? *options.output : default_output(options.scenario.file, "_{member}"),
      options.label,
      options.threads,
      options.quiet,
      options.overwrite,
      options.ensemble,
      {},
      {},
      options.burn_in_cache};
  try {
    const auto resolved = resolve_scenario(options.scenario);
    const auto calibrated = sim::io::read_ensemble(options.ensemble, resolved.registry);
    const auto chosen =
        chosen_members(options.members, options.ensemble, calibrated.members.size());
    if (!chosen)
      return kExitBadInput;
    for (auto m : *chosen) {
      ensemble.members.push_back(m);
      ensemble.member_values.push_back(calibrated.members[m - 1]);
    }
    if (options.seeds.empty()) {
      ensemble.seeds = {
          static_cast<std::uint64_t>(resolved.scenario.parameters.integer(sim::run_keys::seed))};
    } else if (auto seeds = parse_seeds(options.seeds)) {
      ensemble.seeds = std::move(*seeds);
    } else {
      print_to(stderr,
               "error: --seeds {}: expected seeds and ranges such as 1-8 or 1,3,5-7 (each seed "
               "once, at most {})\n",
               options.seeds, kMaxSeeds);
      return kExitBadInput;
    }
  } catch (const sim::io::ScenarioError& e) {
    print_to(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  }
  ensemble.scenario.seed.reset();  // each run sets its own
  return run_ensemble(ensemble, command_line);
}

int run(const RunOptions& options, const std::string& command_line) {
  if (const auto problem = burn_in_cache_problem(options.burn_in_cache); !problem.empty()) {
    print_to(stderr, "error: {}\n", problem);
    return kExitBadInput;
  }
  if (!options.ensemble.empty())
    return run_members(options, command_line);
  if (!options.members.empty()) {
    print_to(stderr, "error: --members chooses members of an --ensemble; give --ensemble DIR\n");
    return kExitBadInput;
  }
  if (!options.seeds.empty())
    return run_seeds(options, command_line);
  // Everything is validated before the output file is created.
  ResolvedScenario resolved;
  try {
    resolved = resolve_scenario(options.scenario);
  } catch (const sim::io::ScenarioError& e) {
    print_to(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  }
  const auto& scenario = resolved.scenario;
  const auto seed = static_cast<std::uint64_t>(scenario.parameters.integer(sim::run_keys::seed));
  std::filesystem::path output;
  try {
    // {seed} in -o stands for the run's seed, as with --seeds.
    std::optional<std::string> given;
    if (options.output)
      given = output_for_seed(*options.output, seed);
    output = checked_output(
        given, default_output(options.scenario.file), scenario.inputs,
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

  auto plan = sim::io::run_plan(scenario, options.threads);
  const auto store = burn_in_store_for(options.burn_in_cache);
  if (store)
    plan.burn_in_store = &*store;
  sim::Executor probe(options.threads);  // the thread count the run will get
  const auto provenance = run_provenance(resolved, command_line, probe.threads(), options.label);

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
    // timing its rate from its own first update, so that no set-up before a
    // phase's first day counts as days done slowly.
    const auto style = progress_style_for(stderr, options.quiet);
    std::optional<Progress> burn_in, recorded;
    auto show = [&](sim::RunPhase phase, sim::Day done, sim::Day total) {
      auto& line = phase == sim::RunPhase::burn_in ? burn_in : recorded;
      if (!line) {
        if (burn_in)
          burn_in->finish();
        line.emplace(total, phase == sim::RunPhase::burn_in ? "burn-in days" : "days", style,
                     stderr, RateFrom::since_first_update);
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
    if (store)
      report_checkpoint(result, *store, options.quiet);
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
                      "unless --overwrite is given; {seed} in the name stands for the run's seed");
  command->add_flag("--overwrite", options->overwrite,
                    "Replace an existing output file (never one of the scenario's input files)");
  command->add_option("--seeds", options->seeds,
                      "Run several seeds, e.g. 1-8 or 1,3,5-7: one file each (-o with {seed}; "
                      "default out/<scenario name>_{seed}.h5), several runs at a time, each "
                      "the same as `--seed S` alone");
  command
      ->add_option("--threads", options->threads,
                   "Worker threads (0: all cores); with --seeds, runs at a time; results are "
                   "identical for any count")
      ->check(thread_count());
  command->add_option("--ensemble", options->ensemble,
                      "Run once per member of a calibrated ensemble (a folder with "
                      "ensemble.toml, e.g. scenarios/calibrated), each member's values in place "
                      "of the defaults; {member} in -o stands for the member's number");
  command->add_option("--members", options->members,
                      "With --ensemble: the members to run, e.g. 1-20 or 1,3,5-7 (default all)");
  command->add_option("--label", options->label,
                      "Name of this variant in analysis (stored in the file; default: the "
                      "scenario file's name)");
  command->add_flag("-q,--quiet", options->quiet, "No progress and no summary");
  command->add_option("--burn-in-cache", options->burn_in_cache, kBurnInCacheHelp);
  command->footer(
      "Exit codes: 0 success, 1 runtime failure, 2 bad input.\n"
      "Examples: candour run scenarios/mid_staffs.toml --seed 3 -o out/mid_staffs.h5\n"
      "          candour run scenarios/baseline.toml --seeds 1-8 -o out/baseline_{seed}.h5\n"
      "          candour run scenarios/baseline.toml --set pressure.target_stringency=0.9 "
      "--label strict -o out/strict.h5\n"
      "          candour run scenarios/mid_staffs.toml --seed 3 --burn-in-cache out/burn-ins "
      "-o out/mid_staffs_3.h5");
  command->callback(
      [options, &context] { context.exit_code = run(*options, context.command_line); });
}

}  // namespace candour::cli
