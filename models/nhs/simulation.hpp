#pragma once
// One NHS simulation in progress, as the engine drives it.
#include <span>
#include <vector>

#include "models/nhs/parameters.hpp"
#include "models/nhs/processes.hpp"
#include "models/nhs/state.hpp"
#include "sim/core/model.hpp"

namespace candour::models::nhs {

class NhsSimulation final : public sim::Simulation {
 public:
  NhsSimulation(const sim::ParameterSet& parameters, const sim::RunContext& run);
  std::vector<sim::Process> processes() override;
  void apply_parameters(const sim::ParameterSet& parameters) override;
  std::size_t unit_count() const override;
  void record(std::span<double> row) const override;

  // For tests and analysis: the state and parameters in force.
  const State& state() const { return state_; }
  const Params& params() const { return params_; }

 private:
  // Runs system.burn_in_days unrecorded days before day 0 under the current parameters.
  void burn_in();

  Params params_;
  Params structure_;  // the parameters the agents were built with
  Context context_;
  State state_;
  Day days_done_ = 0;
};

// The timetable as declared (for describe and the docs), in run order.
std::vector<sim::ProcessSpec> schedule();

}  // namespace candour::models::nhs
