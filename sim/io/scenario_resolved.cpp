// The resolved scenario as TOML text, for provenance: every parameter and the
// timeline, written by toml++ so that reading it back gives the same run.
#include <algorithm>
#include <sstream>

#include "sim/io/scenario_detail.hpp"

namespace candour::sim::io::detail {
namespace {

// The first line of every resolved TOML: provenance, not content.
constexpr std::string_view kFromLine = "# Resolved scenario from ";

// Puts `value` at the dotted `name` ("pressure.target_stringency" goes to
// [pressure] target_stringency), typed as the registry declares it.
void insert(toml::table& root, const ParameterSpec& spec, const ParameterValue& value) {
  toml::table* table = &root;
  std::string_view rest = spec.name;
  for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
    auto [it, inserted] = table->emplace<toml::table>(rest.substr(0, dot));
    table = it->second.as_table();
    rest.remove_prefix(dot + 1);
  }
  switch (spec.type) {
    case ParameterType::real:
      table->insert_or_assign(rest, value.real());
      break;
    case ParameterType::integer:
      table->insert_or_assign(rest, value.integer());
      break;
    case ParameterType::boolean:
      table->insert_or_assign(rest, value.flag());
      break;
  }
}

}  // namespace

std::string resolved_toml(const Scenario& scenario, const std::optional<std::string>& description,
                          const ParameterRegistry& registry) {
  toml::table root;
  root.insert("model", scenario.model);
  if (!scenario.title.empty())
    root.insert("title", scenario.title);
  if (description)
    root.insert("description", *description);
  for (const auto& spec : registry.specs())
    insert(root, spec, scenario.parameters.value(spec.name));

  // Each stage lists what changes from the stage before: applied in order,
  // that gives back each stage's full set exactly (differences from the
  // initial set would not, once a later stage undoes an earlier one).
  if (!scenario.timeline.empty()) {
    toml::array stages;
    const ParameterSet* previous = &scenario.parameters;
    for (const auto& change : scenario.timeline) {
      toml::table stage;
      stage.insert("day", change.day);
      stage.insert("label", change.label);
      toml::table set;
      for (const auto& spec : registry.specs()) {
        const auto& value = change.parameters.value(spec.name);
        if (value != previous->value(spec.name))
          insert(set, spec, value);
      }
      if (!set.empty())
        stage.insert("set", std::move(set));
      stages.push_back(std::move(stage));
      previous = &change.parameters;
    }
    root.insert("timeline", std::move(stages));
  }

  // The burn-in's parameters, as a table of what differs from the defaults.
  if (scenario.burn_in) {
    toml::table burn_in;
    const ParameterSet defaults = registry.defaults();
    for (const auto& spec : registry.specs()) {
      const auto& value = scenario.burn_in->value(spec.name);
      if (value != defaults.value(spec.name))
        insert(burn_in, spec, value);
    }
    root.insert("burn_in", std::move(burn_in));
  }

  // A comment line: a file name with a line break in it must not end it.
  std::string from = scenario.file.string();
  std::replace_if(
      from.begin(), from.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  std::ostringstream text;
  text << kFromLine << from
       << ": every parameter, and each timeline stage's changes from the stage before.\n"
       << root << "\n";
  return text.str();
}

}  // namespace candour::sim::io::detail

namespace candour::sim::io {

std::string resolved_scenario_toml(const Scenario& scenario, const ParameterRegistry& registry) {
  return detail::resolved_toml(scenario, scenario.description, registry);
}

std::string_view resolved_toml_content(std::string_view resolved_toml) {
  if (!resolved_toml.starts_with(detail::kFromLine))
    return resolved_toml;
  const auto end = resolved_toml.find('\n');
  return end == std::string_view::npos ? std::string_view() : resolved_toml.substr(end + 1);
}

}  // namespace candour::sim::io
