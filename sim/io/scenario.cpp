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
  if (line > 0)
    where += ":" + std::to_string(line);
  return visible_text(where + ": " + message);
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos)
    return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

ScenarioError::ScenarioError(std::filesystem::path file_, int line_, std::string key_,
                             const std::string& message)
    : std::runtime_error(located(file_, line_, message)),
      file(std::move(file_)),
      line(line_),
      key(std::move(key_)) {}

namespace detail {

std::vector<Assignment> parse_overrides(const std::vector<std::string>& overrides,
                                        const ParameterRegistry& registry) {
  const fs::path origin = "--set";
  std::vector<Assignment> assignments;
  for (const auto& text : overrides) {
    const auto equals = text.find('=');
    if (equals == std::string::npos)
      throw ScenarioError(origin, 0, text,
                          "expected key=value (e.g. --set run.seed=7), got " + in_quotes(text));
    const std::string name(trim(std::string_view(text).substr(0, equals)));
    if (name.empty())
      throw ScenarioError(origin, 0, name, "no key before '=' in " + in_quotes(text));
    const ParameterSpec* spec = registry.find(name);
    if (spec == nullptr)
      throw ScenarioError(origin, 0, name, unknown_key_message(name, nearest_name(name, registry)));
    assignments.push_back({name, parse_value(*spec, text.substr(equals + 1)), 0});
  }
  return assignments;
}

void apply_assignments(ParameterSet& set, const std::vector<Assignment>& assignments) {
  for (const auto& assignment : assignments)
    set.set(assignment.name, assignment.value);
}

}  // namespace detail

Scenario load_scenario(const std::filesystem::path& file, const sim::ParameterRegistry& registry,
                       const std::vector<std::string>& overrides) {
  using namespace detail;
  const auto command_line = parse_overrides(overrides, registry);
  ResolvedChain chain = resolve_chain(file, registry, nullptr);

  Scenario scenario;
  scenario.file = file;
  scenario.model = chain.model.value_or(kDefaultModel);
  scenario.title = chain.title;
  for (const auto& link : chain.files)
    scenario.chain.push_back(link.path);
  scenario.inputs = scenario.chain;
  scenario.parameters = std::move(chain.parameters);
  apply_assignments(scenario.parameters, command_line);
  scenario.timeline = resolve_timeline(chain.timeline, scenario.model, scenario.parameters,
                                       command_line, registry, scenario.inputs);
  scenario.resolved_toml = resolved_toml(scenario, chain.description, registry);
  return scenario;
}

}  // namespace candour::sim::io
