#pragma once
// The models the `candour` command can run, by the name a scenario gives in
// its `model = "..."` key.
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/model.hpp"

namespace candour::cli {

// Throws std::invalid_argument naming the known models when `name` is unknown.
const sim::ModelDefinition& find_model(std::string_view name);

std::vector<std::string> model_names();

}  // namespace candour::cli
