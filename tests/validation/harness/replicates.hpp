#pragma once
// Replicate runs for validation: a recipe (resolved parameters and timeline),
// seeds derived from a fixed base seed, and runs spread over the machine's
// cores with oneTBB, one thread per run. Works for any sim::ModelDefinition.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/engine.hpp"
#include "tests/validation/harness/metric_recorder.hpp"

namespace candour::validation {

// How much computing the suite may spend, from the environment variable
// CANDOUR_VALIDATION_SCALE: "ci" (the default; fewer replicates, shorter
// horizons where a fact allows) or "full" (the published form).
enum class Scale { ci, full };
Scale validation_scale();  // throws std::invalid_argument on any other value
const char* scale_name(Scale scale);

// Replicates and horizon of one experiment at the scale in force.
struct Budget {
  int replicates = 2;
  sim::Day days = 0;  // 0: the recipe's own run.days
};
inline Budget pick(Scale scale, Budget ci, Budget full) {
  return scale == Scale::full ? full : ci;
}

// Everything one run needs but its seed.
struct RunRecipe {
  std::string label;
  sim::ParameterSet parameters;
  std::vector<sim::TimelineChange> timeline;
  // The levers the burn-in runs under (the scenario's `burn_in`); absent: the
  // model's defaults. Overrides never touch it: a lever changed by an override
  // is a reform from the same settled start.
  std::optional<sim::ParameterSet> burn_in{};
};

// A scenario file read against `model`'s registry, with --set style
// overrides ("key=value") that win over the file and every timeline stage.
RunRecipe load_recipe(const std::filesystem::path& scenario, const sim::ModelDefinition& model,
                      const std::vector<std::string>& overrides = {}, std::string label = {});
// The model's defaults with overrides.
RunRecipe default_recipe(const sim::ModelDefinition& model,
                         const std::vector<std::string>& overrides = {}, std::string label = {});
// A copy of `recipe` with more overrides applied to day 0 and every stage
// (values checked against `model`'s registry as --set checks them).
RunRecipe with_overrides(const RunRecipe& recipe, const sim::ModelDefinition& model,
                         const std::vector<std::string>& overrides, std::string label = {});

// Seed of replicate `r` (0-based): base + r. Every recipe of an experiment
// uses the same seeds, so conditions are compared under common random numbers.
std::uint64_t replicate_seed(std::uint64_t base, int replicate);

// One run of `recipe` with `seed` and at most `days` days (0: the recipe's),
// single-threaded, recording `metrics` every `record_every` days.
MetricRecorder run_once(const sim::ModelDefinition& model, const RunRecipe& recipe,
                        std::uint64_t seed, const std::vector<std::string>& metrics,
                        sim::Day days = 0, sim::Day record_every = 1);

// Calls job(i) for i in [0, n) across the machine's cores (oneTBB, one task
// per job) and returns the results in index order, so the outcome does not
// depend on which core ran what.
template <class Result>
std::vector<Result> run_in_parallel(std::size_t n, const std::function<Result(std::size_t)>& job);

// Every recipe for budget.replicates seeds, all runs in parallel. result[k][r]
// is recipe k, replicate r.
std::vector<std::vector<MetricRecorder>> run_replicates(const sim::ModelDefinition& model,
                                                        const std::vector<RunRecipe>& recipes,
                                                        Budget budget, std::uint64_t base_seed,
                                                        const std::vector<std::string>& metrics,
                                                        sim::Day record_every = 1);

// The value `summary(run)` of every replicate of one condition.
std::vector<double> per_replicate(const std::vector<MetricRecorder>& runs,
                                  const std::function<double(const MetricRecorder&)>& summary);

}  // namespace candour::validation

#include "tests/validation/harness/replicates_impl.hpp"
