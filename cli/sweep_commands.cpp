// `candour sweep` and `candour merge`: thin wrappers over sim/sweep that
// validate, open or resume the output, run, and report.
#include "cli/sweep_commands.hpp"
#include "cli/console.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <optional>

#include "candour/build_info.hpp"
#include "cli/burn_in_checkpoints.hpp"
#include "cli/exit_codes.hpp"
#include "cli/file_kinds.hpp"
#include "cli/model_catalogue.hpp"
#include "cli/output_path.hpp"
#include "cli/progress.hpp"
#include "cli/resources.hpp"
#include "cli/run_ensemble.hpp"
#include "cli/signals.hpp"
#include "cli/sweep_summary.hpp"
#include "sim/core/parallel.hpp"
#include "sim/io/disk_space.hpp"
#include "sim/io/ensemble_file.hpp"
#include "sim/sweep/executor.hpp"
#include "sim/sweep/merge.hpp"
#include "sim/sweep/sweep_store.hpp"
#ifdef CANDOUR_SWEEP_MPI
#include "sim/sweep/executor_mpi.hpp"
#endif

namespace candour::cli {
namespace {

namespace fs = std::filesystem;
using namespace sim::sweep;

struct SweepOptions {
  std::string file;
  std::optional<std::string> output;  // absent: out/<sweep name>.h5
  int threads = 0;
  bool quiet = false;
  bool dry_run = false;
  std::string shard;          // "i/n"
  std::string ensemble;       // --ensemble DIR: the sweep once per member
  std::string members;        // --members: which (default all)
  std::string burn_in_cache;  // --burn-in-cache DIR: burn-in checkpoints on disk
  // Set per member by run_sweep: its values, under the sweep's [set].
  std::vector<sim::io::Override> member_values;
};

struct MergeOptions {
  std::string output;
  std::vector<std::string> inputs;
};

// "i/n" with 1 <= i <= n.
std::optional<Shard> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos)
    return std::nullopt;
  auto number = [](std::string_view s) -> std::optional<std::size_t> {
    std::size_t v = 0;
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (error != std::errc() || end != s.data() + s.size() || s.empty())
      return std::nullopt;
    return v;
  };
  const auto i = number(std::string_view(text).substr(0, slash));
  const auto n = number(std::string_view(text).substr(slash + 1));
  if (!i || !n || *i < 1 || *i > *n)
    return std::nullopt;
  return Shard{*i, *n};
}

std::string default_output(const std::string& sweep_file) {
  return (fs::path("out") / fs::path(sweep_file).stem()).string() + ".h5";
}

// What every rank does first: read and check the sweep. Prints the problem.
std::optional<SweepPlan> make_plan(const SweepOptions& options, bool speak) {
  if (auto wrong = wrong_kind(options.file, InputKind::sweep)) {
    if (speak)
      print_to(stderr, "error: {}: {}\n", options.file, *wrong);
    return std::nullopt;
  }
  try {
    return SweepPlan(read_sweep_file(options.file), model_of, options.member_values);
  } catch (const sim::io::ScenarioError& e) {
    if (speak)
      print_to(stderr, "error: {}\n", e.what());
  }
  return std::nullopt;
}

// The sweep's output, checked: never the sweep file or a scenario it reads.
// Prints the problem.
std::optional<fs::path> sweep_output(const SweepOptions& options, const SweepPlan& plan) {
  std::vector<fs::path> inputs{plan.spec().file};
  inputs.insert(inputs.end(), plan.base().inputs.begin(), plan.base().inputs.end());
  try {
    return checked_output(options.output, default_output(options.file), inputs,
                          ExistingOutput::resume);
  } catch (const OutputRefused& e) {
    print_to(stderr, "error: {}\n", e.what());
  }
  return std::nullopt;
}

// Opens (or resumes) the output. Prints the problem and sets `exit_code`:
// 2 when the path holds something else, 1 when it cannot be written (a
// read-only folder, a full disk). A new file is first checked against the
// free space, since every dataset is allocated when it is created.
std::optional<SweepStore> open_store(const fs::path& output, const SweepPlan& plan,
                                     const SweepHeader& header, int& exit_code) {
  exit_code = kExitRuntimeFailure;
  try {
    if (output.has_parent_path())
      fs::create_directories(output.parent_path());
    if (!fs::exists(output)) {
      const auto needed = file_bytes(plan);
      if (const auto lacking = sim::io::lacks_room(output, needed)) {
        print_to(stderr,
                 "error: the sweep file {} needs about {}, and {}; free some space or write it "
                 "elsewhere (fewer runs or kept series make it smaller)\n",
                 output.string(), sim::io::format_bytes(needed), *lacking);
        return std::nullopt;
      }
    }
    return SweepStore::create_or_resume(output, header);
  } catch (const NotThisSweep& e) {
    exit_code = kExitBadInput;
    print_to(stderr, "error: {}\n", e.what());
  } catch (const std::exception& e) {
    print_to(stderr, "error: cannot write {}: {}\n", output.string(), e.what());
  }
  return std::nullopt;
}

void print_start(const SweepPlan& plan, const SweepStore& store, std::size_t pending,
                 const std::string& workers) {
  const auto& h = store.header();
  std::string shard;
  if (h.shard.count > 1)
    shard = fmt::format(", shard {}/{}", h.shard.index, h.shard.count);
  print_to(stderr, "candour {}: {} ({} model, {} design): {} points x {} replicates = {} runs{}\n",
           build_info::version, plan.spec().file.string(), plan.model().name, h.design_kind,
           plan.points(), plan.replicates(), plan.runs(), shard);
  const auto done_before = store.completed_count();
  if (done_before > 0)
    print_to(stderr, "resuming {}: {} runs already done, {} to go\n", store.path().string(),
             done_before, pending);
  print_to(stderr, "{} runs on {} -> {}\n", pending, workers, store.path().string());
}

// Writes each outcome and advances the progress display; counts where the
// finished runs' burn-ins came from.
struct Recorder {
  SweepStore& store;
  Progress& progress;
  std::int64_t done = 0;
  std::int64_t burn_ins_run = 0, burn_ins_reused = 0;  // burnt in, or another run's (memory)
  std::int64_t burn_ins_read = 0, burn_ins_saved = 0;  // checkpoints (--burn-in-cache)
  std::string checkpoint_error{};  // the first checkpoint that could not be saved
  void operator()(const RunOutcome& outcome) {
    store.write(outcome);
    burn_ins_reused += outcome.burn_in_reused ? 1 : 0;
    burn_ins_read += outcome.burn_in_read ? 1 : 0;
    burn_ins_run += outcome.burn_in_reused || outcome.burn_in_read ? 0 : 1;
    burn_ins_saved += outcome.burn_in_saved ? 1 : 0;
    if (checkpoint_error.empty())
      checkpoint_error = outcome.checkpoint_error;
    progress.update(++done);
  }
};

// Where the burn-ins of this command's finished runs came from. A checkpoint
// that could not be saved is a warning even under -q: the results stand, but
// later sweeps will burn in again.
void print_burn_ins(const Recorder& recorder, const std::optional<sim::BurnInStore>& checkpoints,
                    bool quiet) {
  if (!recorder.checkpoint_error.empty())
    print_to(stderr, "warning: a burn-in was not saved as a checkpoint: {}\n",
             recorder.checkpoint_error);
  if (quiet)
    return;
  if (recorder.burn_ins_reused > 0)
    print_to(stderr,
             "burn-in: run {} times, reused {} times (runs with the same seed and burn-in "
             "parameters start from one burnt-in state; results are the same)\n",
             recorder.burn_ins_run, recorder.burn_ins_reused);
  if (checkpoints)
    print_to(stderr, "burn-in checkpoints in {}: {} read, {} saved\n",
             checkpoints->folder().string(), recorder.burn_ins_read, recorder.burn_ins_saved);
}

void print_end(const SweepStore& store, std::size_t ran, double seconds) {
  const auto& h = store.header();
  std::size_t in_shard = 0;
  for (std::size_t run = 0; run < h.runs(); ++run)
    in_shard += h.shard.contains(run) ? 1 : 0;
  std::size_t complete = 0;
  for (std::size_t run = 0; run < h.runs(); ++run)
    complete += h.shard.contains(run) && store.completed()[run] ? 1 : 0;
  print_to(stderr, "done: {} runs in {} ({:.2f} runs/s); {} of {} runs complete in {}\n", ran,
           format_duration(seconds), seconds > 0 ? static_cast<double>(ran) / seconds : 0.0,
           complete, in_shard, store.path().string());
}

// How many runs may go at once: `threads`, or fewer when that many would not
// fit in the memory available (results do not depend on it). Empty, with the
// problem printed, when not even one run fits.
std::optional<int> threads_within_memory(const SweepPlan& plan, int threads) {
  const auto per_run = run_memory_bytes(plan);
  const auto available = available_memory();
  if (!per_run || !available)
    return threads;
  if (kProcessBytes + *per_run > *available) {
    print_to(stderr,
             "error: one run of this sweep needs about {} of memory and {} is available; make "
             "its structure smaller or run it where more memory is free\n",
             sim::io::format_bytes(kProcessBytes + *per_run), sim::io::format_bytes(*available));
    return std::nullopt;
  }
  const auto fit = static_cast<int>((*available - kProcessBytes) / *per_run);
  if (fit >= threads)
    return threads;
  print_to(stderr, "note: {} runs at a time, not {}: each needs about {} and {} is available\n",
           fit, threads, sim::io::format_bytes(*per_run), sim::io::format_bytes(*available));
  return fit;
}

// Bytes of burnt-in states the sweep may keep: kBurnInCacheBytes, or half of
// what `threads` runs at once leave of the memory available, if less.
std::uint64_t burn_in_cache_bytes(const SweepPlan& plan, int threads) {
  const auto per_run = run_memory_bytes(plan);
  const auto available = available_memory();
  if (!per_run || !available)
    return kBurnInCacheBytes;
  const std::uint64_t taken = kProcessBytes + static_cast<std::uint64_t>(threads) * *per_run;
  const std::uint64_t spare = *available > taken ? (*available - taken) / 2 : 0;
  return std::min<std::uint64_t>(kBurnInCacheBytes, spare);
}

// What a sweep would do, for --dry-run.
void print_plan(const SweepPlan& plan, const Shard& shard) {
  const auto& spec = plan.spec();
  const auto& design = spec.design.value;
  print_to(stdout, "sweep:      {}{}\n", spec.file.string(),
           spec.title.empty() ? "" : "  (" + spec.title + ")");
  print_to(stdout, "scenario:   {}  (model {})\n", spec.scenario.value.string(), plan.model().name);
  print_to(stdout, "design:     {}, {} points x {} replicates = {} runs\n",
           design_kind_name(design.kind), plan.points(), plan.replicates(), plan.runs());
  if (shard.count > 1) {
    std::size_t mine = 0;
    for (std::size_t run = 0; run < plan.runs(); ++run)
      mine += shard.contains(run) ? 1 : 0;
    print_to(stdout, "shard:      {}/{}: {} runs\n", shard.index, shard.count, mine);
  }
  print_to(stdout, "seeds:      sweep seed {}, {} random numbers across points\n", plan.seed(),
           seed_policy_name(spec.seed_policy));
  for (std::size_t c = 0; c < plan.axes().size(); ++c) {
    const auto& axis = plan.axes()[c];
    double lo = plan.design().rows ? plan.design().at(0, c) : 0.0, hi = lo;
    for (std::size_t r = 0; r < plan.design().rows; ++r) {
      lo = std::min(lo, plan.design().at(r, c));
      hi = std::max(hi, plan.design().at(r, c));
    }
    print_to(stdout, "axis:       {} ({}, {}): {} to {}{}\n", axis.parameter,
             axis_kind_name(axis.kind), axis.unit, lo, hi,
             axis.discrete() ? fmt::format(", {} levels", axis.levels().size()) : "");
  }
  std::string kept;
  for (const auto& name : plan.series_metrics())
    kept += (kept.empty() ? "" : ", ") + name;
  print_to(stdout, "keeps:      {} summary statistics per run; series: {}\n",
           plan.statistics().size(), kept.empty() ? "none" : kept);
  print_to(stdout, "run length: {} days, {} rows per series\n",
           plan.base().parameters.integer(sim::run_keys::days), plan.record_times().size());
  print_to(stdout, "file size:  about {} (allocated in full when the sweep starts)\n",
           sim::io::format_bytes(file_bytes(plan)));
  if (const auto per_run = run_memory_bytes(plan))
    print_to(stdout, "memory:     about {} per run at a time\n", sim::io::format_bytes(*per_run));
}

int run_sweep_local(const SweepOptions& options, const Shard& shard) {
  auto plan = make_plan(options, true);
  if (!plan)
    return kExitBadInput;
  if (options.dry_run) {
    print_plan(*plan, shard);
    return kExitOk;
  }
  const auto output = sweep_output(options, *plan);
  if (!output)
    return kExitBadInput;
  const sim::Executor probe(options.threads);  // the thread count the sweep will get
  const auto threads = threads_within_memory(*plan, probe.threads());
  if (!threads)
    return kExitRuntimeFailure;
  int exit_code = kExitOk;
  auto store =
      open_store(*output, *plan,
                 make_header(*plan, build_info::version, build_info::git_commit, shard), exit_code);
  if (!store)
    return exit_code;
  const auto pending = pending_runs(store->completed(), shard.index, shard.count);
  if (!options.quiet)
    print_start(*plan, *store, pending.size(), fmt::format("{} threads", *threads));
  const auto started = std::chrono::steady_clock::now();
  StopSignals signals;  // Ctrl-C: no run starts, runs in progress are abandoned
  Progress progress(static_cast<std::int64_t>(pending.size()), "runs",
                    progress_style_for(stderr, options.quiet));
  Recorder recorder{*store, progress};
  std::string summary;  // read before the file closes
  sim::BurnInCache burn_ins(burn_in_cache_bytes(*plan, *threads));
  const auto checkpoints = burn_in_store_for(options.burn_in_cache);
  try {
    run_local(*plan, pending, *threads, std::ref(recorder), signals.stop_requested(), &burn_ins,
              checkpoints ? &*checkpoints : nullptr);
    progress.finish();
    if (!options.quiet)
      summary = format_sweep_summary(*plan, *store);
    store->close();
  } catch (const std::exception& e) {
    progress.finish();
    print_to(stderr, "error: sweep stopped: {}; the {} runs finished are kept in {}\n", e.what(),
             store->completed_count(), store->path().string());
    return kExitRuntimeFailure;
  }
  if (const int signal = signals.received();
      signal != 0 && recorder.done < static_cast<std::int64_t>(pending.size())) {
    print_to(stderr,
             "interrupted by {}: {} of {} runs done this time, every finished run kept in {}; "
             "run the same command to resume\n",
             signal_name(signal), recorder.done, pending.size(), store->path().string());
    return exit_code_for(signal);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!options.quiet)
    print_end(*store, pending.size(), seconds);
  print_burn_ins(recorder, checkpoints, options.quiet);
  if (!options.quiet)
    print_to(stdout, "{}", summary);
  return kExitOk;
}

#ifdef CANDOUR_SWEEP_MPI
int run_sweep_mpi(const SweepOptions& options, const Shard& shard) {
  MpiWorld world;
  const bool leader = world.rank() == 0;
  auto plan = make_plan(options, leader);
  if (!world.all(plan.has_value())) {
    if (leader && plan)
      print_to(stderr, "error: another rank could not read the sweep (see its message)\n");
    return kExitBadInput;
  }
  std::optional<SweepStore> store;
  std::vector<std::size_t> pending;
  int exit_code = kExitBadInput;  // what a worker reports when the leader refuses
  if (leader) {
    if (const auto output = sweep_output(options, *plan)) {
      store = open_store(*output, *plan,
                         make_header(*plan, build_info::version, build_info::git_commit, shard),
                         exit_code);
      if (store)
        pending = pending_runs(store->completed(), shard.index, shard.count);
    }
  }
  if (!world.leader_says(store.has_value()))
    return exit_code;
  const auto checkpoints = burn_in_store_for(options.burn_in_cache);  // on every rank
  const auto* shared_checkpoints = checkpoints ? &*checkpoints : nullptr;
  if (!leader) {
    world.serve(*plan, shared_checkpoints);
    return kExitOk;
  }
  if (!options.quiet) {
    print_start(*plan, *store, pending.size(), fmt::format("{} MPI ranks", world.size()));
    if (options.threads > 0)
      print_to(stderr,
               "note: --threads is ignored under MPI: each rank runs one run at a "
               "time; start one rank per core\n");
  }
  const auto started = std::chrono::steady_clock::now();
  Progress progress(static_cast<std::int64_t>(pending.size()), "runs",
                    progress_style_for(stderr, options.quiet));
  Recorder recorder{*store, progress};
  try {
    world.distribute(*plan, pending, std::ref(recorder), shared_checkpoints);
    progress.finish();
  } catch (const std::exception& e) {
    print_to(stderr, "error: sweep failed: {}\n", e.what());
    world.abort(kExitRuntimeFailure);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!options.quiet)
    print_end(*store, pending.size(), seconds);
  print_burn_ins(recorder, checkpoints, options.quiet);
  if (!options.quiet)
    print_to(stdout, "{}", format_sweep_summary(*plan, *store));
  return kExitOk;
}
#endif

int run_one_sweep(const SweepOptions& options, const Shard& shard);

// --ensemble DIR: the same sweep once per member, into one file each
// ({member} in -o), each resumable on its own.
int run_sweep_members(const SweepOptions& options, const Shard& shard) {
#ifdef CANDOUR_SWEEP_MPI
  if (MpiWorld::launched()) {
    print_to(stderr,
             "error: --ensemble runs one sweep per member and is not for mpirun; run "
             "`candour sweep --ensemble DIR --members N` once per member under mpirun\n");
    return kExitBadInput;
  }
#endif
  const auto plan = make_plan(options, true);
  if (!plan)
    return kExitBadInput;
  sim::io::CalibratedEnsemble calibrated;
  try {
    calibrated = sim::io::read_ensemble(options.ensemble, sim::registry_for(plan->model()));
  } catch (const sim::io::ScenarioError& e) {
    print_to(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  }
  const auto chosen = chosen_members(options.members, options.ensemble, calibrated.members.size());
  if (!chosen)
    return kExitBadInput;
  const auto pattern =
      options.output ? *options.output
                     : (fs::path("out") / fs::path(options.file).stem()).string() + "_{member}.h5";
  if (chosen->size() > 1 && pattern.find("{member}") == std::string::npos) {
    print_to(stderr,
             "error: -o {}: with --ensemble every member needs its own file: put {{member}} in "
             "the name\n",
             pattern);
    return kExitBadInput;
  }
  for (auto m : *chosen) {
    auto member = options;
    member.output = output_for_member(pattern, m);
    member.member_values = calibrated.members[m - 1];
    if (!options.quiet)
      print_to(stderr, "member {} of {}:\n", m, options.ensemble);
    if (const int code = run_one_sweep(member, shard); code != kExitOk)
      return code;
  }
  return kExitOk;
}

int run_sweep(const SweepOptions& options) {
  if (const auto problem = burn_in_cache_problem(options.burn_in_cache); !problem.empty()) {
    print_to(stderr, "error: {}\n", problem);
    return kExitBadInput;
  }
  Shard shard;
  if (!options.shard.empty()) {
    auto parsed = parse_shard(options.shard);
    if (!parsed) {
      print_to(stderr, "error: --shard expects i/n with 1 <= i <= n (e.g. 3/16), got '{}'\n",
               options.shard);
      return kExitBadInput;
    }
    shard = *parsed;
  }
  if (!options.ensemble.empty())
    return run_sweep_members(options, shard);
  if (!options.members.empty()) {
    print_to(stderr, "error: --members chooses members of an --ensemble; give --ensemble DIR\n");
    return kExitBadInput;
  }
  return run_one_sweep(options, shard);
}

int run_one_sweep(const SweepOptions& options, const Shard& shard) {
#ifdef CANDOUR_SWEEP_MPI
  if (MpiWorld::launched() && !options.dry_run)
    return run_sweep_mpi(options, shard);
#endif
  return run_sweep_local(options, shard);
}

int run_merge(const MergeOptions& options) {
  std::vector<fs::path> inputs(options.inputs.begin(), options.inputs.end());
  try {
    checked_output(options.output, options.output, inputs, ExistingOutput::refuse);
  } catch (const OutputRefused& e) {
    print_to(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  }
  // The merged file is as large as each input: every dataset is allocated in full.
  std::error_code error;
  const auto needed = fs::file_size(inputs.front(), error);
  if (const auto lacking = error ? std::nullopt : sim::io::lacks_room(options.output, needed)) {
    print_to(stderr, "error: the merged file {} needs about {}, and {}\n", options.output,
             sim::io::format_bytes(needed), *lacking);
    return kExitRuntimeFailure;
  }
  try {
    const auto report = merge_sweeps(options.output, inputs);
    print_to(stderr, "merged {} files into {}: {} of {} runs complete", inputs.size(),
             options.output, report.completed, report.runs);
    if (report.duplicates > 0)
      print_to(stderr, " ({} runs found in more than one file, identical)", report.duplicates);
    print_to(stderr, "\n");
    if (report.completed < report.runs) {
      const auto header = SweepStore::open(options.output, false).header();
      print_to(stderr, "{} runs missing; to run them: candour sweep {} -o {}\n",
               report.runs - report.completed, header.sweep_file, options.output);
    }
  } catch (const MergeRefused& e) {
    print_to(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    print_to(stderr, "error: merge failed, nothing written to {}: {}\n", options.output, e.what());
    return kExitRuntimeFailure;
  }
  return kExitOk;
}

}  // namespace

void add_sweep_commands(CLI::App& app, CommandContext& context) {
  auto sweep = std::make_shared<SweepOptions>();
  auto* command = app.add_subcommand(
      "sweep", "Run a parameter sweep (design points x replicates) into one HDF5 file");
  command->add_option("SWEEP", sweep->file, "Sweep file (TOML; see docs/sweeps.md)")->required();
  command->add_option("-o,--output", sweep->output,
                      "Output HDF5 file (default: out/<sweep name>.h5); an existing file of the "
                      "same sweep is resumed");
  command
      ->add_option("--threads", sweep->threads,
                   "Runs at a time on this machine (0: one per core); under mpirun each rank "
                   "runs one at a time")
      ->check(thread_count());
  command->add_flag("-q,--quiet", sweep->quiet, "No progress and no summary");
  command->add_flag("--dry-run", sweep->dry_run,
                    "Check the sweep file and print its design and run count; run nothing");
  command->add_option("--shard", sweep->shard,
                      "Run only shard i of n (runs whose id % n == i - 1), for batch-array "
                      "jobs; join the shard files with candour merge");
  command->add_option("--ensemble", sweep->ensemble,
                      "Run the sweep once per member of a calibrated ensemble (a folder with "
                      "ensemble.toml), each member's values under the sweep's [set] and axes; "
                      "{member} in -o stands for the member's number");
  command->add_option("--members", sweep->members,
                      "With --ensemble: the members to run, e.g. 1-20 (default all)");
  command->add_option("--burn-in-cache", sweep->burn_in_cache, kBurnInCacheHelp);
  command->footer(
      "Results depend only on the design point and the replicate's seed, never on threads, "
      "ranks or shards.\n"
      "Killed? Run the same command again: finished runs are kept and skipped.\n"
      "Exit codes: 0 success, 1 runtime failure, 2 bad input.\n"
      "Examples: candour sweep scenarios/sweeps/surveillance.toml -o out/surveillance.h5\n"
      "          mpirun -n 64 candour sweep scenarios/sweeps/policy_sobol.toml -o out/sobol.h5\n"
      "          candour sweep scenarios/sweeps/policy_sobol.toml --shard 3/16 -o out/sobol_3.h5\n"
      "          candour sweep scenarios/sweeps/surveillance.toml --burn-in-cache out/burn-ins "
      "-o out/surveillance_cached.h5");
  command->callback([sweep, &context] { context.exit_code = run_sweep(*sweep); });

  auto merge = std::make_shared<MergeOptions>();
  auto* merge_command =
      app.add_subcommand("merge", "Join the shard files of one sweep into one sweep file");
  merge_command->add_option("OUTPUT", merge->output, "The merged sweep file (must not exist)")
      ->required();
  merge_command->add_option("SHARDS", merge->inputs, "Shard files of the same sweep")->required();
  merge_command->footer(
      "Runs no shard completed stay missing; `candour sweep SWEEP -o OUTPUT` then runs only "
      "those.\nExample: candour merge out/merged.h5 out/sobol_*.h5");
  merge_command->callback([merge, &context] { context.exit_code = run_merge(*merge); });
}

}  // namespace candour::cli
