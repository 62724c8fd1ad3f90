#include "sim/core/model.hpp"

namespace candour::sim {

ParameterRegistry registry_for(const ModelDefinition& model) {
  ParameterRegistry registry(run_parameters());
  for (const auto& spec : model.parameters)
    registry.add(spec);
  return registry;
}

}  // namespace candour::sim
