#include "cli/model_catalogue.hpp"

#include <stdexcept>

#include "models/nhs/nhs_model.hpp"
#include "models/toy/toy_model.hpp"

namespace candour::cli {
namespace {
// Built once on first use; immutable afterwards.
const std::vector<sim::ModelDefinition>& catalogue() {
  static const std::vector<sim::ModelDefinition> models = {models::nhs_model(),
                                                           models::toy_model()};
  return models;
}
}  // namespace

const sim::ModelDefinition& find_model(std::string_view name) {
  for (const auto& m : catalogue()) {
    if (m.name == name)
      return m;
  }
  std::string known;
  for (const auto& n : model_names())
    known += (known.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown model '" + std::string(name) + "'; known models: " + known);
}

const sim::ModelDefinition& model_of(const sim::io::ScenarioFiles& files) {
  const auto& declared = files.model();
  try {
    return find_model(declared ? declared->name : kDefaultModel);
  } catch (const std::invalid_argument& e) {
    if (declared)
      throw sim::io::ScenarioError(declared->file, declared->line, "model", e.what());
    throw sim::io::ScenarioError(files.file(), 0, "model", e.what());
  }
}

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  for (const auto& m : catalogue())
    names.push_back(m.name);
  return names;
}

}  // namespace candour::cli
