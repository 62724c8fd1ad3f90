#include "cli/scenario_options.hpp"

#include <fmt/core.h>

#include <stdexcept>

#include "cli/file_kinds.hpp"
#include "cli/model_catalogue.hpp"

namespace candour::cli {

void ScenarioOptions::add_to(CLI::App& command) {
  command.add_option("scenario", file, "Scenario file (TOML)")->required();
  command.add_option("--set", sets,
                     "Override a parameter, e.g. --set pressure.target_stringency=0.8 "
                     "(repeatable; wins over the file and over every timeline stage)");
  command.add_option("--days", days, "Simulated days (same as --set run.days=N)");
  command.add_option("--seed", seed, "Random seed (same as --set run.seed=N)");
}

std::vector<std::string> ScenarioOptions::overrides() const {
  std::vector<std::string> all;
  if (days)
    all.push_back(fmt::format("{}={}", sim::run_keys::days, *days));
  if (seed)
    all.push_back(fmt::format("{}={}", sim::run_keys::seed, *seed));
  all.insert(all.end(), sets.begin(), sets.end());
  return all;
}

ResolvedScenario resolve_scenario(const ScenarioOptions& options) {
  if (auto wrong = wrong_kind(options.file, InputKind::scenario))
    throw sim::io::ScenarioError(options.file, 0, "", *wrong);
  ResolvedScenario resolved;
  const auto declared = sim::io::read_model_declaration(options.file);
  try {
    resolved.model = &find_model(declared.name);
  } catch (const std::invalid_argument& e) {
    throw sim::io::ScenarioError(declared.file, declared.line, "model", e.what());
  }
  resolved.registry = sim::registry_for(*resolved.model);
  // --days and --seed are reported under their own names.
  if (options.days)
    sim::io::parse_value(*resolved.registry.find(sim::run_keys::days), *options.days, "--days");
  if (options.seed)
    sim::io::parse_value(*resolved.registry.find(sim::run_keys::seed), *options.seed, "--seed");
  resolved.scenario = sim::io::load_scenario(options.file, resolved.registry, options.overrides());
  return resolved;
}

}  // namespace candour::cli
