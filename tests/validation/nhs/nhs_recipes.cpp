#include "tests/validation/nhs/nhs_recipes.hpp"

#include <cstdlib>

#include "models/nhs/nhs_model.hpp"

namespace candour::validation::nhs {

const sim::ModelDefinition& model() {
  static const sim::ModelDefinition definition = models::nhs_model();  // immutable after first use
  return definition;
}

std::filesystem::path scenario_path(std::string_view name) {
  const char* folder = std::getenv("CANDOUR_VALIDATION_SCENARIOS");
  const std::filesystem::path dir =
      folder != nullptr && *folder != '\0' ? folder : CANDOUR_SCENARIO_DIR;
  return dir / (std::string(name) + ".toml");
}

RunRecipe scenario(std::string_view name, const std::vector<std::string>& overrides,
                   std::string label) {
  return load_recipe(scenario_path(name), model(), overrides,
                     label.empty() ? std::string(name) : std::move(label));
}

RunRecipe adjusted(const RunRecipe& recipe, const std::vector<std::string>& overrides,
                   std::string label) {
  return with_overrides(recipe, model(), overrides, std::move(label));
}

}  // namespace candour::validation::nhs
