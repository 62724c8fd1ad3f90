#pragma once
// The processes of the NHS model's day, as free functions over the state.
// Each reads day t (its own agents' state and aggregates computed earlier in
// the day) and writes day t + 1; see docs/ODD.md for the equations.
#include <cstdint>

#include "models/nhs/parameters.hpp"
#include "models/nhs/state.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/random.hpp"

namespace candour::models::nhs {

// One random stream per purpose, so that a lever which changes one purpose's
// outcomes leaves every other purpose's draws alone (common random numbers).
struct Streams {
  explicit Streams(std::uint64_t seed);
  sim::RandomStream initial, trust_traits, budget, admission, harm, discharge, complaint, witness,
      speak_up, response, bullying, leave, fill, hire, leader_leave, leader_hire, conduct,
      walkround, regulator, emergency, referrals;
};

struct Context {
  const sim::Executor& executor;
  Streams streams;
};

// Setup (setup.cpp): the agents as they are on day `start` (the first day
// simulated: minus the burn-in), with tenures counted back from it.
State build_state(const Params& p, const Context& c, Day start = 0);
void set_trust_finances(State& s, const Params& p);

// Daily.
void ward_aggregates(State& s, const Params& p, const Context& c);
void pressure_cascade(State& s, const Params& p);
void patient_care(State& s, const Params& p, const Context& c, Day day);
void speaking_up(State& s, const Params& p, const Context& c, Day day);
void staff_states(State& s, const Params& p, const Context& c, Day day);
void leadership_states(State& s, const Params& p);
void learning(State& s, const Params& p);
void staff_turnover(State& s, const Params& p, const Context& c, Day day);
void leadership_turnover(State& s, const Params& p, const Context& c, Day day);
void emergency_department(State& s, const Params& p, const Context& c, Day day);
void close_day(State& s, const Params& p);
// Weekly.
void team_meetings(State& s, const Params& p, const Context& c);
void elective_waiting_list(State& s, const Params& p, const Context& c, Day day);
// Monthly.
void walkrounds(State& s, const Params& p, const Context& c, Day day);
void board_meeting(State& s, const Params& p);
void conduct_reviews(State& s, const Params& p, const Context& c, Day day);
void regulator_data(State& s, const Params& p, const Context& c, Day day);
// Quarterly.
void regulator_assessment(State& s, const Params& p, const Context& c, Day day);
void target_reviews(State& s, const Params& p, const Context& c, Day day);
// Yearly.
void budget_cycle(State& s, const Params& p, const Context& c, Day day);
void training(State& s, const Params& p);

// Shared helpers.
// Adds every ward's scratch counts to its trust's tallies in ward order and clears them.
void gather_ward_counts(State& s);
inline double& ward_count(State& s, std::size_t ward, Tally t) {
  return s.ward_counts[ward * kTallyCount + index_of(t)];
}
// Fills leader post `index` (of `leaders`, in trust `trust`) with a new hire
// drawn from the job market on `day`, screened by the fit-and-proper test.
void hire_leader(State& s, Leaders& leaders, std::size_t index, std::uint64_t id_offset,
                 std::size_t trust, const Params& p, const Context& c, Day day);
// Dismisses leader `index`: into the job-market pool, or barred by strike-off.
void dismiss_to_pool(State& s, const Leaders& leaders, std::size_t index, const Params& p);
// An investigation's findings: every board member and the managers it finds wanting go.
void replace_leadership_after_investigation(State& s, std::size_t trust, const Params& p,
                                            const Context& c, Day day);
// A new manager takes over the wards of `manager`: manager-clinician trust
// starts again and part of the improvement work in progress is dropped.
void hand_over_wards(State& s, std::size_t manager, const Params& p);
// Ids in the leader streams: managers first, board members after them.
inline constexpr std::uint64_t kBoardIdOffset = 1ULL << 32;

// A post counts as funded while its place in the ward's funding order is
// below the ward's (real-valued) establishment, rounded to the nearest post.
inline bool funded(double establishment, std::uint16_t slot) {
  return static_cast<double>(slot) + 0.5 < establishment;
}

inline constexpr std::int32_t kLongAgo = -1'000'000;

}  // namespace candour::models::nhs
