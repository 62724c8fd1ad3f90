#pragma once
// The models the fuzz targets read against: the toy model whole, and the NHS
// model's parameter table (all a reader checks a file against: names, types,
// ranges, structure). The rest of the NHS model is left out so that the
// targets build with clang 14, which lacks class template argument deduction
// for aggregates (the NHS state columns use it).
#include <stdexcept>
#include <string>
#include <string_view>

#include "models/nhs/parameters.hpp"
#include "models/toy/toy_model.hpp"
#include "sim/core/model.hpp"
#include "sim/io/scenario.hpp"

namespace candour::fuzz {

inline const sim::ModelDefinition& model(std::string_view name) {
  static const sim::ModelDefinition toy = models::toy_model();
  static const sim::ModelDefinition nhs = [] {
    sim::ModelDefinition m;
    m.name = "nhs";
    m.unit_dimension = "trust";
    m.parameters = models::nhs::parameter_specs();
    return m;
  }();
  if (name == "toy")
    return toy;
  if (name == "nhs")
    return nhs;
  throw std::invalid_argument("unknown model '" + std::string(name) + "'; known models: nhs, toy");
}

// The model a scenario chain names (the NHS model when it names none), as
// the command line's model_of finds it: an unknown name is a ScenarioError
// at the line naming it.
inline const sim::ModelDefinition& model_of(const sim::io::ScenarioFiles& files) {
  const auto& declared = files.model();
  try {
    return model(declared ? declared->name : "nhs");
  } catch (const std::invalid_argument& e) {
    throw sim::io::ScenarioError(declared ? declared->file : files.file(),
                                 declared ? declared->line : 0, "model", e.what());
  }
}

}  // namespace candour::fuzz
