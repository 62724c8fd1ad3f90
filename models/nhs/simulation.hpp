#pragma once
// One NHS simulation in progress, as the engine drives it.
#include <span>
#include <vector>

#include "models/nhs/parameters.hpp"
#include "models/nhs/processes.hpp"
#include "models/nhs/state.hpp"
#include "sim/core/model.hpp"

namespace candour::models::nhs {

// Created with the agents as drawn on the first burn-in day, under the
// parameters they are burnt in with (see starting_params); start() puts the
// scenario's parameters in force for day 0.
class NhsSimulation final : public sim::Simulation {
 public:
  NhsSimulation(const sim::ParameterSet& parameters, const sim::RunContext& run);
  void run_process(std::size_t process, Day day) override;
  Day burn_in_days() const override;
  std::string burn_in_key() const override;
  std::shared_ptr<const sim::BurntIn> save_burn_in() const override;
  void restore_burn_in(const sim::BurntIn& saved) override;
  void write_burn_in(std::ostream& out) const override;
  bool read_burn_in(std::istream& in) override;
  void start(const sim::ParameterSet& parameters) override;
  void apply_parameters(const sim::ParameterSet& parameters) override;
  std::size_t unit_count() const override;
  std::size_t agent_slots() const override;
  void record(Day time, std::span<double> row) const override;
  sim::UnitView view_unit(std::size_t trust) const override;

  // For tests and analysis: the state and parameters in force.
  const State& state() const { return state_; }
  const Params& params() const { return params_; }

 private:
  Params params_;     // in force: the burn-in's, then the scenario's
  Params structure_;  // the parameters the agents were built with
  Context context_;
  State state_;
};

// The timetable as declared (for describe and the docs), in run order.
std::vector<sim::ProcessSpec> schedule();

}  // namespace candour::models::nhs
