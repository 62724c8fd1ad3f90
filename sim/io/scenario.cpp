// load_scenario: the chain, the command line's --set overrides and the
// timeline, put together in the order docs/scenarios.md describes.
#include "sim/io/scenario.hpp"

#include "sim/io/scenario_detail.hpp"
#include "sim/io/visible_text.hpp"

namespace candour::sim::io {
namespace {

// One line, with every invisible character shown (a key with a zero-width
// space in it must not look like the valid key it is not).
std::string located(const std::filesystem::path& file, int line, const std::string& message) {
  std::string where = file.string();
  if (line > 0) {
    // Appended in two steps: `":" + std::to_string(line)` draws a false
    // -Wrestrict warning from GCC 12 at -O3.
    where += ':';
    where += std::to_string(line);
  }
  return visible_text(where + ": " + message);
}

}  // namespace

ScenarioError::ScenarioError(std::filesystem::path file_, int line_, std::string key_,
                             const std::string& message_)
    : std::runtime_error(located(file_, line_, message_)),
      file(std::move(file_)),
      line(line_),
      key(std::move(key_)),
      message(message_) {}

namespace detail {

void apply_assignments(ParameterSet& set, const std::vector<Assignment>& assignments) {
  for (const auto& assignment : assignments)
    set.set(assignment.name, assignment.value);
}

void apply_overrides(ParameterSet& set, const std::vector<Override>& overrides) {
  for (const auto& given : overrides)
    set.set(given.name, given.value);
}

}  // namespace detail

std::vector<Override> parse_overrides(const std::vector<std::string>& texts,
                                      const ParameterRegistry& registry) {
  using namespace detail;
  const fs::path origin = "--set";
  std::vector<Override> overrides;
  for (const auto& text : texts) {
    const auto equals = text.find('=');
    if (equals == std::string::npos)
      throw ScenarioError(origin, 0, text,
                          "expected key=value (e.g. --set run.seed=7), got " + in_quotes(text));
    const std::string name(trim(std::string_view(text).substr(0, equals)));
    if (name.empty())
      throw ScenarioError(origin, 0, name, "no key before '=' in " + in_quotes(text));
    overrides.push_back(
        parse_override(registry, name, std::string_view(text).substr(equals + 1), "--set"));
  }
  return overrides;
}

Override parse_override(const ParameterRegistry& registry, std::string_view name,
                        std::string_view text, std::string_view origin) {
  using namespace detail;
  const ParameterSpec* spec = registry.find(name);
  if (spec == nullptr)
    throw ScenarioError(fs::path(origin), 0, std::string(name),
                        unknown_key_message(name, nearest_name(name, registry)));
  return {std::string(name), parse_value(*spec, text, origin), fs::path(origin), 0};
}

sim::RunPlan run_plan(const Scenario& scenario, int threads, sim::StopFn stop) {
  sim::RunPlan plan{scenario.parameters, scenario.timeline, threads, std::move(stop)};
  plan.burn_in = scenario.burn_in;
  return plan;
}

Scenario load_scenario(const ScenarioFiles& files, const std::string& model,
                       const sim::ParameterRegistry& registry,
                       const std::vector<Override>& overrides) {
  using namespace detail;
  ResolvedChain chain = resolve_chain(files.chain().files, registry);

  Scenario scenario;
  scenario.file = files.file();
  scenario.model = model;
  scenario.title = chain.title;
  scenario.description = chain.description;
  scenario.chain = chain.files;
  scenario.inputs = scenario.chain;
  scenario.parameters = std::move(chain.parameters);
  apply_overrides(scenario.parameters, overrides);
  scenario.timeline = resolve_timeline(chain.timeline, scenario.model, scenario.parameters,
                                       overrides, registry, scenario.inputs);
  if (chain.burn_in)
    scenario.burn_in = resolve_burn_in(*chain.burn_in, registry, scenario.inputs);
  scenario.resolved_toml = resolved_toml(scenario, scenario.description, registry);
  return scenario;
}

}  // namespace candour::sim::io
