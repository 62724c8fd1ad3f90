#pragma once
// The models the `candour` command can run, by the name a scenario gives in
// its `model = "..."` key.
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/model.hpp"
#include "sim/io/scenario.hpp"

namespace candour::cli {

// The model of a scenario that names none.
inline constexpr const char* kDefaultModel = "nhs";

// Throws std::invalid_argument naming the known models when `name` is unknown.
const sim::ModelDefinition& find_model(std::string_view name);

// The model a scenario names, or the default when it names none; throws
// sim::io::ScenarioError at the line naming an unknown model.
const sim::ModelDefinition& model_of(const sim::io::ScenarioFiles& files);

std::vector<std::string> model_names();

}  // namespace candour::cli
