#include "cli/scenario_options.hpp"

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

std::vector<sim::io::Override> ScenarioOptions::overrides(
    const sim::ParameterRegistry& registry) const {
  std::vector<sim::io::Override> all;
  auto option = [&](const std::optional<std::string>& text, const char* name, const char* flag) {
    if (text)
      all.push_back({name, sim::io::parse_value(*registry.find(name), *text, flag), flag, 0});
  };
  option(days, sim::run_keys::days, "--days");
  option(seed, sim::run_keys::seed, "--seed");
  all.insert(all.end(), member_values.begin(), member_values.end());
  const auto set = sim::io::parse_overrides(sets, registry);
  all.insert(all.end(), set.begin(), set.end());
  return all;
}

ResolvedScenario resolve_scenario(const ScenarioOptions& options) {
  if (auto wrong = wrong_kind(options.file, InputKind::scenario))
    throw sim::io::ScenarioError(options.file, 0, "", *wrong);
  ResolvedScenario resolved;
  const sim::io::ScenarioFiles files(options.file);  // the extends chain, read once
  resolved.model = &model_of(files);
  resolved.registry = sim::registry_for(*resolved.model);
  resolved.scenario = sim::io::load_scenario(files, resolved.model->name, resolved.registry,
                                             options.overrides(resolved.registry));
  return resolved;
}

}  // namespace candour::cli
