#pragma once
// The NHS culture model (model = "nhs" in a scenario): trusts under one
// centre, with boards, managers, wards, clinicians and patients, and the
// eight feedback loops of docs/ODD.md.
#include "sim/core/model.hpp"

namespace candour::models {

sim::ModelDefinition nhs_model();

namespace nhs {
// The memory one simulation takes, from its structure (ModelDefinition::footprint).
sim::Footprint footprint(const sim::ParameterSet& parameters);
}  // namespace nhs

}  // namespace candour::models
