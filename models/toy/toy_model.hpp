#pragma once
// A tiny model that exercises the engine: agents in groups, a daily drift of
// each agent's level toward its group's mean (computed in a reduction phase),
// random shocks, and a weekly count. Used by the engine tests and as a quick demonstration (model =
// "toy").
#include "sim/core/model.hpp"

namespace candour::models {

sim::ModelDefinition toy_model();

}  // namespace candour::models
