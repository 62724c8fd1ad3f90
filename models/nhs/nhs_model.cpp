#include "models/nhs/nhs_model.hpp"

#include "models/nhs/metrics.hpp"
#include "models/nhs/parameters.hpp"
#include "models/nhs/simulation.hpp"

namespace candour::models {

sim::ModelDefinition nhs_model() {
  sim::ModelDefinition m;
  m.name = "nhs";
  m.description =
      "NHS organisational culture: target pressure, fear and silence, filtered information, "
      "staffing and burnout, leadership churn and regulation across trusts under one centre "
      "(docs/ODD.md).";
  m.unit_dimension = "trust";
  m.parameters = nhs::parameter_specs();
  m.metrics = nhs::metric_specs();
  m.schedule = nhs::schedule();
  m.create = [](const sim::ParameterSet& p,
                const sim::RunContext& c) -> std::unique_ptr<sim::Simulation> {
    return std::make_unique<nhs::NhsSimulation>(p, c);
  };
  m.footprint = nhs::footprint;
  // The model's four loops, each a cause beside its effect.
  m.charts = {{"Harm and perceived harm", {"harm_rate", "perceived_harm_rate"}},
              {"Fear and speaking up", {"fear_mean_clinicians", "speak_up_rate"}},
              {"Burnout and turnover", {"burnout_mean_nurse", "clinician_turnover"}},
              {"Targets met and gamed", {"targets_met", "gaming"}}};
  return m;
}

}  // namespace candour::models
