#pragma once
// The NHS model and its named scenarios as validation recipes.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/model.hpp"
#include "tests/validation/harness/replicates.hpp"

namespace candour::validation::nhs {

// The NHS model definition (built once; immutable).
const sim::ModelDefinition& model();

// scenarios/<name>.toml in the source tree, or in the folder named by
// CANDOUR_VALIDATION_SCENARIOS (to validate another set of scenarios).
std::filesystem::path scenario_path(std::string_view name);

// A named scenario with --set style overrides; the label defaults to the name.
RunRecipe scenario(std::string_view name, const std::vector<std::string>& overrides = {},
                   std::string label = {});

// A recipe with more overrides (checked against the NHS registry).
RunRecipe adjusted(const RunRecipe& recipe, const std::vector<std::string>& overrides,
                   std::string label = {});

}  // namespace candour::validation::nhs
