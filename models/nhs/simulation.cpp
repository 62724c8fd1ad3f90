// One NHS simulation: its state, its parameters, and the day's timetable.
#include "models/nhs/simulation.hpp"

#include <cmath>
#include <cstring>
#include <type_traits>

#include "models/nhs/metrics.hpp"
#include "models/nhs/state_archive.hpp"

namespace candour::models::nhs {

namespace {

// The parameters the agents are drawn and burnt in with: the scenario's
// structure and behavioural constants with the levers of its burn-in scenario
// (the defaults when it names none), unless it asks to burn in under its own
// levers (or there is no burn-in).
Params starting_params(const Params& scenario, const sim::ParameterSet* burn_in) {
  if (scenario.burn_in_days <= 0 || scenario.burn_in_with_scenario != 0)
    return scenario;
  return burn_in_params(scenario, burn_in);
}

}  // namespace

NhsSimulation::NhsSimulation(const sim::ParameterSet& parameters, const sim::RunContext& run)
    : params_(starting_params(read_params(parameters), run.burn_in)),
      structure_(params_),
      context_{*run.executor, Streams(run.seed)},
      state_(build_state(params_, context_, -burn_in_days())) {}

Day NhsSimulation::burn_in_days() const {
  return static_cast<Day>(std::llround(structure_.burn_in_days));
}

namespace {

struct BurntInState final : sim::BurntIn {
  explicit BurntInState(const State& s) : state(s) {}
  State state;
};

}  // namespace

// The state after the burn-in is a function of the seed and of the
// parameters the agents were drawn and burnt in with (structure_: every
// field a double, so its bytes are its value), nothing else.
std::string NhsSimulation::burn_in_key() const {
  static_assert(std::is_trivially_copyable_v<Params>);
  const std::uint64_t seed = context_.streams.initial.seed();
  std::string key(sizeof seed + sizeof structure_, '\0');
  std::memcpy(key.data(), &seed, sizeof seed);
  std::memcpy(key.data() + sizeof seed, &structure_, sizeof structure_);
  return key;
}

std::shared_ptr<const sim::BurntIn> NhsSimulation::save_burn_in() const {
  return std::make_shared<const BurntInState>(state_);
}

void NhsSimulation::restore_burn_in(const sim::BurntIn& saved) {
  state_ = dynamic_cast<const BurntInState&>(saved).state;
}

void NhsSimulation::write_burn_in(std::ostream& out) const {
  write_state(out, state_);
}

bool NhsSimulation::read_burn_in(std::istream& in) {
  return read_state(in, state_);
}

void NhsSimulation::run_process(std::size_t process, Day day) {
  kTimetable[process].run(state_, params_, context_, day);
}

void NhsSimulation::start(const sim::ParameterSet& parameters) {
  // Counts start at zero on day 0; windows still reach back into the burn-in.
  state_.tallies.set_origin();
  params_ = keep_structure(read_params(parameters), structure_);
  // The first budget year under the scenario's own finances. Nothing else is
  // recomputed: the record at time 0 shows the state the burn-in left, and
  // the scenario's levers act from day 0's first process.
  budget_cycle(state_, params_, context_, -1);
}

void NhsSimulation::apply_parameters(const sim::ParameterSet& parameters) {
  params_ = keep_structure(read_params(parameters), structure_);
  set_trust_finances(state_, params_);
}

std::size_t NhsSimulation::unit_count() const {
  return state_.layout.trusts;
}

std::size_t NhsSimulation::agent_slots() const {
  const auto& L = state_.layout;
  return L.ward_of_post.size() + state_.beds.occupied.size() + L.trust_of_manager.size() +
         L.trust_of_board.size();
}

void NhsSimulation::record(Day time, std::span<double> row) const {
  write_metrics(state_, params_, context_.executor, time, row);
}

std::vector<sim::ProcessSpec> schedule() {
  std::vector<sim::ProcessSpec> specs;
  for (const auto& entry : kTimetable)
    specs.push_back({std::string(entry.name), entry.period, std::string(entry.description)});
  return specs;
}

}  // namespace candour::models::nhs
