#pragma once
// `candour run SCENARIO --seeds 1-8 -o out/NAME_{seed}.h5`: replicates of one
// scenario in one command, one file per seed, several runs at a time.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/scenario_options.hpp"

namespace candour::cli {

// "1-8", "3", "1,4,9-12" as the seeds they name, in the order written; nullopt
// for anything else (empty parts, a range that runs backwards, a seed named
// twice, or more than kMaxSeeds seeds).
inline constexpr std::size_t kMaxSeeds = 100000;
std::optional<std::vector<std::uint64_t>> parse_seeds(std::string_view text);

// `pattern` with every "{seed}" replaced by the seed.
std::string output_for_seed(std::string_view pattern, std::uint64_t seed);
// `pattern` with every "{member}" replaced by the member's number.
std::string output_for_member(std::string_view pattern, std::size_t member);

// The members `members` names ("1-20", "1,3,5-7"; empty: all `count`), each
// checked against the ensemble's size; nullopt, with the problem printed,
// for a bad list (`folder` names the ensemble in the message).
std::optional<std::vector<std::size_t>> chosen_members(const std::string& members,
                                                       const std::string& folder,
                                                       std::size_t count);

struct Ensemble {
  ScenarioOptions scenario;  // its seed unset: each run sets its own
  std::vector<std::uint64_t> seeds;
  std::string output_pattern;  // holds "{seed}" when there is more than one seed
  std::string label;
  int threads = 0;  // runs at a time (0: one per core); each run is single-threaded
  bool quiet = false;
  bool overwrite = false;  // replace existing outputs (never an input file)
  // With --ensemble: the members to run (numbered from 1), each with its
  // values; every member runs every seed. Empty: the seeds alone.
  std::string ensemble_folder;
  std::vector<std::size_t> members;
  std::vector<std::vector<sim::io::Override>> member_values;  // one per member
  std::string burn_in_cache;                                  // --burn-in-cache DIR (empty: none)
};

// Validates every run's scenario and output (each file new, or --overwrite;
// never an input) and the memory the runs at a time need, before writing
// anything; then runs the seeds in parallel in a oneTBB arena. Each file is the
// one `candour run --seed S` writes (the same data for any thread count).
// Ctrl-C starts no more runs and closes those in progress, marked
// interrupted. Returns the exit code.
int run_ensemble(const Ensemble& ensemble, const std::string& command_line);

}  // namespace candour::cli
