#pragma once
// What `run` and `validate` share: resolving a scenario file into a model and
// a validated scenario, with the command-line overrides applied.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "sim/core/model.hpp"
#include "sim/io/scenario.hpp"

namespace candour::cli {

struct ScenarioOptions {
  std::string file;
  std::vector<std::string> sets;  // --set key=value
  // As typed: checked against the registry's range like --set, so 2^64 is
  // reported as 2^64 (CLI11 would clamp it to the largest long long).
  std::optional<std::string> days;
  std::optional<std::string> seed;
  // A calibrated ensemble member's values (--ensemble): after the file, before
  // --set, so that an explicit --set still wins.
  std::vector<sim::io::Override> member_values;

  // Adds SCENARIO, --set, --days and --seed to a subcommand.
  void add_to(CLI::App& command);
  // --days and --seed, the member's values, then every --set, in that order, each read once
  // against `registry` and reported under its own option.
  std::vector<sim::io::Override> overrides(const sim::ParameterRegistry& registry) const;
};

struct ResolvedScenario {
  const sim::ModelDefinition* model = nullptr;
  sim::ParameterRegistry registry;
  sim::io::Scenario scenario;
};

// Throws sim::io::ScenarioError on any bad input (unknown model included).
ResolvedScenario resolve_scenario(const ScenarioOptions& options);

}  // namespace candour::cli
