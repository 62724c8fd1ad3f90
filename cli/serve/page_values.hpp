#pragma once
// Values a page sends, read exactly as `--set` reads its values, so through
// the same reader as a scenario file: the same type, finiteness and range
// checks, the same nearest-name suggestion for an unknown key, the same
// messages. The page's JSON scalars arrive as their JSON text, which is also
// their TOML text (0.3, 60, true); a JSON string is a TOML string and is
// refused where a number is expected, as in a file.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "sim/core/parameters.hpp"
#include "sim/io/scenario.hpp"

namespace candour::cli::serve {

// Where the page's values are said to come from in messages ("page: ...").
inline constexpr const char* kPageOrigin = "page";

// One value for the parameter `name`; throws sim::io::ScenarioError naming
// the page, the key and what is wrong.
sim::ParameterValue page_value(const sim::ParameterRegistry& registry, const std::string& name,
                               const nlohmann::json& value);

// Every value of `object` ({"name": value, ...}) as overrides of a scenario,
// in the object's order. Throws sim::io::ScenarioError.
std::vector<sim::io::Override> page_overrides(const sim::ParameterRegistry& registry,
                                              const nlohmann::json& object);

}  // namespace candour::cli::serve
