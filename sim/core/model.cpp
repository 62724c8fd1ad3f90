#include "sim/core/model.hpp"

namespace candour::sim {

ParameterRegistry registry_for(const ModelDefinition& model) {
  ParameterRegistry registry(run_parameters());
  for (const auto& spec : model.parameters)
    registry.add(spec);
  return registry;
}

std::size_t row_length(const ModelDefinition& model, std::size_t units) {
  std::size_t n = 0;
  for (const auto& metric : model.metrics)
    n += metric.scope == MetricScope::system ? 1 : units;
  return n;
}

}  // namespace candour::sim
