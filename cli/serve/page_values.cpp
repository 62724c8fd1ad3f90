#include "cli/serve/page_values.hpp"

namespace candour::cli::serve {

sim::ParameterValue page_value(const sim::ParameterRegistry& registry, const std::string& name,
                               const nlohmann::json& value) {
  // A JSON scalar's text is its TOML text; an array, object or null is no
  // value at all, as an empty `--set key=` is not.
  const auto text = value.is_primitive() && !value.is_null() ? value.dump() : std::string();
  return sim::io::parse_override(registry, name, text, kPageOrigin).value;
}

std::vector<sim::io::Override> page_overrides(const sim::ParameterRegistry& registry,
                                              const nlohmann::json& object) {
  std::vector<sim::io::Override> overrides;
  if (object.is_null())
    return overrides;
  if (!object.is_object())
    throw sim::io::ScenarioError(kPageOrigin, 0, "", "expected an object of parameter values");
  for (const auto& [name, value] : object.items())
    overrides.push_back({name, page_value(registry, name, value), kPageOrigin, 0});
  return overrides;
}

}  // namespace candour::cli::serve
