#include "cli/run_ensemble.hpp"

#include <fmt/core.h>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>

#include "candour/build_info.hpp"
#include "cli/burn_in_checkpoints.hpp"
#include "cli/console.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output_path.hpp"
#include "cli/progress.hpp"
#include "cli/resources.hpp"
#include "cli/run_provenance.hpp"
#include "cli/run_summary.hpp"
#include "cli/signals.hpp"
#include "sim/core/summary.hpp"
#include "sim/io/disk_space.hpp"
#include "sim/io/run_writer.hpp"

namespace candour::cli {
namespace {

std::optional<std::uint64_t> number(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

// Forwards to a run's file writer holding `lock`: the HDF5 library is not
// thread-safe, so runs on several threads take turns at it. (Recording a row
// only buffers it; the writer touches HDF5 at begin, flush and finish.)
class SharedFileSink final : public sim::RecordSink {
 public:
  SharedFileSink(sim::io::RunWriter& writer, std::mutex& lock) : writer_(writer), lock_(lock) {}
  void begin(const sim::ModelDefinition& model, const sim::RowLayout& layout) override {
    std::lock_guard guard(lock_);
    writer_.begin(model, layout);
  }
  void record(sim::Day time, std::span<const double> row) override { writer_.record(time, row); }
  void flush() override {
    std::lock_guard guard(lock_);
    writer_.flush();
  }

 private:
  sim::io::RunWriter& writer_;
  std::mutex& lock_;
};

struct SeedRun {
  std::uint64_t seed = 0;
  std::size_t member = 0;  // 0: no ensemble
  ResolvedScenario resolved;
  std::filesystem::path output;
  std::vector<sim::MetricSummary> summaries;
  std::string error;
  bool started = false, interrupted = false;
  bool burn_in_read = false, burn_in_saved = false;  // --burn-in-cache
  std::string checkpoint_error;                      // why it was not saved
};

// What the runs share.
struct Shared {
  const std::string& command_line;
  const std::string& label;
  const std::string& ensemble_folder;
  sim::io::Existing existing;
  const StopSignals& signals;
  std::mutex& hdf5;                       // HDF5 is used only under it
  const sim::BurnInStore* burn_in_store;  // --burn-in-cache; null: none
};

// Runs one seed into its file, unless a stop was asked for before it began.
void run_seed(SeedRun& run, const Shared& shared) {
  if (shared.signals.received() != 0)
    return;
  run.started = true;
  const auto& scenario = run.resolved.scenario;
  std::unique_ptr<sim::io::RunWriter> writer;
  try {
    {
      auto provenance = run_provenance(run.resolved, shared.command_line, 1, shared.label);
      if (run.member > 0) {
        provenance.ensemble = shared.ensemble_folder;
        provenance.ensemble_member = static_cast<std::int64_t>(run.member);
      }
      std::lock_guard guard(shared.hdf5);
      writer = std::make_unique<sim::io::RunWriter>(run.output, provenance, run.resolved.registry,
                                                    scenario.parameters, shared.existing);
    }
    SharedFileSink file(*writer, shared.hdf5);
    sim::SummarySink summary;
    sim::TeeSink sinks({&file, &summary});
    auto plan = sim::io::run_plan(scenario, 1, shared.signals.stop_requested());
    plan.burn_in_store = shared.burn_in_store;
    const auto result = sim::run_simulation(*run.resolved.model, plan, sinks);
    run.burn_in_read = result.burn_in_read;
    run.burn_in_saved = result.burn_in_saved;
    run.checkpoint_error = result.burn_in_store_error;
    std::lock_guard guard(shared.hdf5);
    if (result.interrupted) {
      run.interrupted = true;
      if (result.records > 0)
        writer->finish_interrupted(result, signal_name(shared.signals.received()));
      writer.reset();  // stopped in the burn-in: the file was never put in place
      return;
    }
    writer->finish(result);
    writer.reset();
    run.summaries = summary.summaries();
  } catch (const std::exception& e) {
    run.error = e.what();
    std::lock_guard guard(shared.hdf5);
    writer.reset();  // closes the file, which keeps completed = 0
  }
}

std::string seeds_text(const std::vector<std::uint64_t>& seeds) {
  bool consecutive = true;
  for (std::size_t i = 1; i < seeds.size(); ++i)
    consecutive = consecutive && seeds[i] == seeds[i - 1] + 1;
  if (consecutive && seeds.size() > 2)
    return fmt::format("{}-{}", seeds.front(), seeds.back());
  std::string text;
  for (auto s : seeds)
    text += (text.empty() ? "" : ",") + std::to_string(s);
  return text;
}

}  // namespace

std::optional<std::vector<std::uint64_t>> parse_seeds(std::string_view text) {
  std::vector<std::uint64_t> seeds;
  std::set<std::uint64_t> seen;
  while (true) {
    const auto comma = text.find(',');
    const auto part = text.substr(0, comma);
    const auto dash = part.find('-');
    const auto first = number(part.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : number(part.substr(dash + 1));
    if (!first || !last || *last < *first || *last - *first >= kMaxSeeds)
      return std::nullopt;
    for (auto s = *first;; ++s) {
      if (!seen.insert(s).second || seeds.size() == kMaxSeeds)
        return std::nullopt;
      seeds.push_back(s);
      if (s == *last)
        break;
    }
    if (comma == std::string_view::npos)
      return seeds;
    text.remove_prefix(comma + 1);
  }
}

namespace {
// `pattern` with every `key` replaced by `number`.
std::string with_number(std::string_view pattern, std::string_view key, std::uint64_t number) {
  std::string out;
  for (std::size_t at = 0;;) {
    const auto next = pattern.find(key, at);
    out += pattern.substr(at, next - at);
    if (next == std::string_view::npos)
      return out;
    out += std::to_string(number);
    at = next + key.size();
  }
}
}  // namespace

std::string output_for_seed(std::string_view pattern, std::uint64_t seed) {
  return with_number(pattern, "{seed}", seed);
}

std::string output_for_member(std::string_view pattern, std::size_t member) {
  return with_number(pattern, "{member}", member);
}

std::optional<std::vector<std::size_t>> chosen_members(const std::string& members,
                                                       const std::string& folder,
                                                       std::size_t count) {
  std::vector<std::size_t> chosen;
  if (members.empty()) {
    for (std::size_t m = 1; m <= count; ++m)
      chosen.push_back(m);
    return chosen;
  }
  const auto parsed = parse_seeds(members);
  if (!parsed) {
    print_to(stderr, "error: --members {}: expected members and ranges such as 1-20 or 1,3,5-7\n",
             members);
    return std::nullopt;
  }
  for (auto m : *parsed) {
    if (m < 1 || m > count) {
      print_to(stderr, "error: --members {}: the ensemble in {} has members 1 to {}\n", members,
               folder, count);
      return std::nullopt;
    }
    chosen.push_back(static_cast<std::size_t>(m));
  }
  return chosen;
}

int run_ensemble(const Ensemble& ensemble, const std::string& command_line) {
  if (ensemble.members.size() > 1 &&
      ensemble.output_pattern.find("{member}") == std::string::npos) {
    print_to(stderr,
             "error: -o {}: with --ensemble every member needs its own file: put {{member}} in "
             "the name, e.g. -o out/{}_{{member}}_{{seed}}.h5\n",
             ensemble.output_pattern,
             std::filesystem::path(ensemble.scenario.file).stem().string());
    return kExitBadInput;
  }
  if (ensemble.seeds.size() > 1 && ensemble.output_pattern.find("{seed}") == std::string::npos) {
    print_to(stderr,
             "error: -o {}: with --seeds every seed needs its own file: put {{seed}} in the "
             "name, e.g. -o out/{}_{{seed}}.h5\n",
             ensemble.output_pattern,
             std::filesystem::path(ensemble.scenario.file).stem().string());
    return kExitBadInput;
  }
  // Everything is validated before any file is created. Member by member,
  // each member running every seed.
  std::vector<SeedRun> runs;
  const std::size_t member_count = std::max<std::size_t>(ensemble.members.size(), 1);
  for (std::size_t m = 0; m < member_count; ++m)
    for (auto seed : ensemble.seeds) {
      auto& run = runs.emplace_back();
      run.seed = seed;
      run.member = ensemble.members.empty() ? 0 : ensemble.members[m];
    }
  for (std::size_t i = 0; i < runs.size(); ++i) {
    auto options = ensemble.scenario;
    options.seed = std::to_string(runs[i].seed);
    if (runs[i].member > 0)
      options.member_values = ensemble.member_values[i / ensemble.seeds.size()];
    try {
      runs[i].resolved = resolve_scenario(options);
      runs[i].output = checked_output(
          output_for_member(output_for_seed(ensemble.output_pattern, runs[i].seed), runs[i].member),
          "", runs[i].resolved.scenario.inputs,
          ensemble.overwrite ? ExistingOutput::replace : ExistingOutput::refuse_unless_overwrite);
    } catch (const sim::io::ScenarioError& e) {
      print_to(stderr, "error: {}\n", e.what());
      return kExitBadInput;
    } catch (const OutputRefused& e) {
      print_to(stderr, "error: {}\n", e.what());
      return kExitBadInput;
    }
  }
  const auto& first = runs.front().resolved;
  const auto days = first.scenario.parameters.integer(sim::run_keys::days);
  const int threads =
      ensemble.threads > 0 ? ensemble.threads : oneapi::tbb::info::default_concurrency();
  const auto at_once = std::min<std::size_t>(static_cast<std::size_t>(threads), runs.size());
  if (const auto one = run_memory_bytes(*first.model, first.scenario.parameters)) {
    // One process: its own share once, each run's share for every run at a time.
    const auto needed = (*one > kProcessBytes ? *one - kProcessBytes : 0) * at_once + kProcessBytes;
    const auto available = available_memory();
    if (available && needed > *available) {
      print_to(stderr,
               "error: {} runs at a time need about {} of memory and {} is available; use "
               "fewer --threads or a smaller structure\n",
               at_once, sim::io::format_bytes(needed), sim::io::format_bytes(*available));
      return kExitRuntimeFailure;
    }
  }
  if (!ensemble.quiet) {
    const auto members =
        ensemble.members.empty()
            ? std::string()
            : fmt::format("{} members of {}, ", ensemble.members.size(), ensemble.ensemble_folder);
    print_to(stderr,
             "candour {}: {} ({} model), {} days, {}seeds {}: {} runs, {} at a time -> {}\n",
             build_info::version, first.scenario.file.string(), first.model->name, days, members,
             seeds_text(ensemble.seeds), runs.size(), at_once, ensemble.output_pattern);
  }
  for (const auto& run : runs) {
    if (!run.output.has_parent_path())
      continue;
    std::error_code error;
    std::filesystem::create_directories(run.output.parent_path(), error);
    if (error) {
      print_to(stderr, "error: cannot create the folder {}: {}\n",
               run.output.parent_path().string(), error.message());
      return kExitRuntimeFailure;
    }
  }

  const auto started = std::chrono::steady_clock::now();
  Progress progress(static_cast<std::int64_t>(runs.size()), "runs",
                    progress_style_for(stderr, ensemble.quiet));
  std::mutex hdf5, reporting;
  StopSignals signals;  // Ctrl-C: no more runs start; those running stop at the day's end
  const auto store = burn_in_store_for(ensemble.burn_in_cache);
  const Shared shared{command_line,
                      ensemble.label,
                      ensemble.ensemble_folder,
                      ensemble.overwrite ? sim::io::Existing::replace : sim::io::Existing::refuse,
                      signals,
                      hdf5,
                      store ? &*store : nullptr};
  std::int64_t done = 0;
  oneapi::tbb::task_arena arena(threads);
  arena.execute([&] {
    // One seed per task, handed out one at a time so that runs balance.
    oneapi::tbb::parallel_for(
        oneapi::tbb::blocked_range<std::size_t>(0, runs.size(), 1),
        [&](const oneapi::tbb::blocked_range<std::size_t>& range) {
          for (std::size_t i = range.begin(); i < range.end(); ++i) {
            run_seed(runs[i], shared);
            std::lock_guard guard(reporting);
            progress.update(++done);
          }
        },
        oneapi::tbb::simple_partitioner());
  });
  progress.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::size_t failed = 0, finished = 0, stopped = 0;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (!runs[i].error.empty()) {
      ++failed;
      print_to(stderr, "error: seed {} failed: {} ({} is left incomplete)\n", runs[i].seed,
               runs[i].error, runs[i].output.string());
    }
    finished += runs[i].started && !runs[i].interrupted && runs[i].error.empty() ? 1 : 0;
    stopped += runs[i].interrupted ? 1 : 0;
  }
  if (const int signal = signals.received(); signal != 0) {
    print_to(stderr,
             "interrupted by {}: {} of {} runs finished, {} stopped (their files marked "
             "interrupted), {} not started\n",
             signal_name(signal), finished, runs.size(), stopped,
             runs.size() - finished - stopped - failed);
    return exit_code_for(signal);
  }
  if (failed > 0)
    return kExitRuntimeFailure;
  if (store) {
    std::size_t read = 0, saved = 0;
    for (const auto& run : runs) {
      read += run.burn_in_read ? 1 : 0;
      saved += run.burn_in_saved ? 1 : 0;
      if (!run.checkpoint_error.empty())
        print_to(stderr, "warning: seed {}: the burn-in was not saved as a checkpoint: {}\n",
                 run.seed, run.checkpoint_error);
    }
    if (!ensemble.quiet)
      print_to(stderr, "burn-in checkpoints in {}: {} read, {} saved\n", store->folder().string(),
               read, saved);
  }
  if (!ensemble.quiet) {
    std::vector<std::vector<sim::MetricSummary>> summaries;
    std::vector<std::filesystem::path> outputs;
    for (const auto& run : runs) {
      summaries.push_back(run.summaries);
      outputs.push_back(run.output);
    }
    std::cout << format_ensemble_summary(*first.model, first.scenario, ensemble.seeds, summaries,
                                         outputs, seconds, threads);
  }
  return kExitOk;
}

}  // namespace candour::cli
