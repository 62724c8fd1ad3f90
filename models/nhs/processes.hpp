#pragma once
// The processes of the NHS model's day, as free functions over the state.
// Each reads day t (its own agents' state and aggregates computed earlier in
// the day) and writes day t + 1; see docs/ODD.md for the equations.
#include <array>
#include <cstdint>
#include <limits>
#include <string_view>

#include "models/nhs/parameters.hpp"
#include "models/nhs/state.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/random.hpp"
#include "sim/core/schedule.hpp"

namespace candour::models::nhs {

// One random stream per purpose, so that a lever which changes one purpose's
// outcomes leaves every other purpose's draws alone (common random numbers).
struct Streams {
  explicit Streams(std::uint64_t seed);
  sim::RandomStream initial, trust_traits, budget, admission, harm, discharge, complaint, witness,
      speak_up, response, bullying, leave, fill, hire, leader_leave, leader_hire, conduct,
      reorganisation, walkround, regulator, emergency, referrals;
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
void close_day(State& s, const Params& p, const Context& c);
// Weekly.
void team_meetings(State& s, const Params& p, const Context& c);
void elective_waiting_list(State& s, const Params& p, const Context& c, Day day);
// Monthly.
void walkrounds(State& s, const Params& p, const Context& c, Day day);
void board_meeting(State& s, const Params& p);
void reorganisations(State& s, const Params& p, const Context& c, Day day);
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
void gather_ward_counts(State& s, const Context& c);
inline double& ward_count(State& s, std::size_t ward, Tally t) {
  return s.ward_counts[ward * kTallyCount + index_of(t)];
}
// Fills leader post `index` (of `leaders`, in trust `trust`) with a new hire
// drawn from the job market on `day`, screened by the fit-and-proper test.
void hire_leader(State& s, Leaders& leaders, std::size_t index, std::uint64_t id_offset,
                 std::size_t trust, const Params& p, const Context& c, Day day);
// What the job market offers one leadership post.
struct CandidateMarket {
  double recycled_share = 0.0;  // chance a candidate comes from the pool of dismissed leaders
  double fresh_competence = 0.55, pool_competence = 0.3, pool_misconduct = 0.4;
  double style_mean = 0.5;
};
struct Candidate {
  double competence = 0.0, style = 0.0;
  bool misconduct = false, recycled = false;
};
// The candidate appointed after the fit-and-proper screen: candidates drawn in
// turn (keys (step, id, first_slot + 5k + q) of `stream`), each failing one
// rejected with the test's strictness, until one passes or the last must be taken.
Candidate screened_candidate(const CandidateMarket& market, const Params& p,
                             const sim::RandomStream& stream, std::uint64_t step, std::uint64_t id,
                             std::uint32_t first_slot = 0);
// Dismisses leader `index`: into the job-market pool, or barred by strike-off.
void dismiss_to_pool(State& s, const Leaders& leaders, std::size_t index, const Params& p);
// A restructuring in trust `trust`: each of its managers is replaced with
// probability `share` (keys (day, manager, 2) of `stream`).
void restructure_managers(State& s, std::size_t trust, double share, const Params& p,
                          const Context& c, Day day);
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
// A day that has not happened (no alert, no inquiry under way). Not -1:
// burn-in days are negative, and an alert raised in the burn-in keeps its day.
inline constexpr std::int32_t kNoDay = std::numeric_limits<std::int32_t>::min();

// Spread of the traits drawn when someone is hired (at setup and later): the
// concentration of each beta draw, whose mean the parameters set. Fixed: the
// evidence gives the means, not how widely people differ around them.
inline constexpr double kSkillCeilingConcentration = 10.0;
inline constexpr double kCompetenceConcentration = 8.0;
inline constexpr double kStyleConcentration = 6.0;

// Rates of harm, incidents and complaints are quoted per 1,000 bed-days.
inline constexpr double kPerThousand = 1000.0;

// Wards per parallel task in the heavy per-ward loops (patient care,
// speaking up): small enough to spread uneven wards over the threads.
// Results do not depend on it.
inline constexpr std::size_t kWardsPerTask = 4;

// The timetable: every process of the day, in the order it runs, with its
// period and what it does (`candour describe` and docs/ODD.md section 3 show
// it). The simulation runs step i as kTimetable[i].run; adding a process is
// its function and one row here.
struct TimetableEntry {
  std::string_view name;
  sim::Period period;
  std::string_view description;
  void (*run)(State&, const Params&, const Context&, Day);
};

inline constexpr std::array kTimetable{
    // Daily: the reduction phase, then care, voice, states, people, the front door.
    TimetableEntry{
        "ward_aggregates", sim::Period::daily,
        "Reduction phase: ward and trust means of fear, burnout, focus, skill; "
        "staffing, patients per nurse, vacancies; each ward's harm multiplier.",
        [](State& s, const Params& p, const Context& c, Day) { ward_aggregates(s, p, c); }},
    TimetableEntry{"pressure_cascade", sim::Period::daily,
                   "Board felt pressure from the centre, finances and missed targets; passed down "
                   "through managers, amplified by fear and autocratic style (loop 1).",
                   [](State& s, const Params& p, const Context&, Day) { pressure_cascade(s, p); }},
    TimetableEntry{"patient_care", sim::Period::daily,
                   "Per bed: incidents, harm, deaths, discharge or delayed discharge, complaints, "
                   "admissions (loops 4, 5).",
                   patient_care},
    TimetableEntry{"speaking_up", sim::Period::daily,
                   "Clinicians witness incidents, speak up or stay silent; managers address, "
                   "ignore or punish and forward or filter; bullying (loops 2, 3).",
                   speaking_up},
    TimetableEntry{"staff_states", sim::Period::daily,
                   "Clinicians' fear, burnout, target focus, futility and skill move toward their "
                   "targets.",
                   staff_states},
    TimetableEntry{"leadership_states", sim::Period::daily,
                   "Managers' and board members' fear; manager-clinician trust on each ward.",
                   [](State& s, const Params& p, const Context&, Day) { leadership_states(s, p); }},
    TimetableEntry{"learning", sim::Period::daily,
                   "Ward latent hazard grows and falls as fixes complete after the decision "
                   "delay.",
                   [](State& s, const Params& p, const Context&, Day) { learning(s, p); }},
    TimetableEntry{"staff_turnover", sim::Period::daily,
                   "Clinicians leave (burnout, fear); funded vacancies are filled (loop 4).",
                   staff_turnover},
    TimetableEntry{"leadership_turnover", sim::Period::daily,
                   "Managers and board members leave and are replaced from the job market (loop "
                   "7).",
                   leadership_turnover},
    TimetableEntry{"emergency_department", sim::Period::daily,
                   "A&E attendances, 4-hour performance official and experienced, bunching (loop "
                   "5).",
                   emergency_department},
    // Weekly.
    TimetableEntry{
        "team_meetings", sim::Period::weekly,
        "Peer influence: fear and burnout move toward the ward mean (loop 2, 4).",
        [](State& s, const Params& p, const Context& c, Day) { team_meetings(s, p, c); }},
    TimetableEntry{"elective_waiting_list", sim::Period::weekly,
                   "Referrals in, treatments out by urgency, wait and gaming; 18-week share (loop "
                   "5).",
                   elective_waiting_list},
    // Monthly.
    TimetableEntry{"walkrounds", sim::Period::monthly,
                   "Board visits wards; staff raise issues if they dare; issues acted on or not "
                   "(loop 3).",
                   walkrounds},
    TimetableEntry{"reorganisations", sim::Period::monthly,
                   "Trusts are reorganised or merged at the reorganisation rate: some managers "
                   "replaced, the board distracted for months (HCC 2008).",
                   reorganisations},
    TimetableEntry{"board_meeting", sim::Period::monthly,
                   "Board updates perceived harm and target performance from its channels, sets "
                   "attention to safety, acts, and cuts or restores posts (loops 3, 4).",
                   [](State& s, const Params& p, const Context&, Day) { board_meeting(s, p); }},
    TimetableEntry{"conduct_reviews", sim::Period::monthly,
                   "Managers' and board members' misconduct found and dismissed (loop 7).",
                   conduct_reviews},
    TimetableEntry{"regulator_data", sim::Period::monthly,
                   "Centre counts true problems and whether they were seen; closes "
                   "investigations whose fieldwork is done (loop 8).",
                   regulator_data},
    // Quarterly.
    TimetableEntry{"regulator_assessment", sim::Period::quarterly,
                   "Alert scores, referrals, investigations; investigations raise system fear "
                   "(loops 6, 8).",
                   regulator_assessment},
    TimetableEntry{"target_reviews", sim::Period::quarterly,
                   "Leaders of trusts missing targets may be dismissed (penalty severity; loop "
                   "7).",
                   target_reviews},
    // Yearly.
    TimetableEntry{"budget_cycle", sim::Period::yearly,
                   "Each trust's cost-improvement target for the year.", budget_cycle},
    TimetableEntry{"training", sim::Period::yearly,
                   "Leaders' competence grows with training investment and appraisal.",
                   [](State& s, const Params& p, const Context&, Day) { training(s, p); }},
    // End of every day: the day's counts become history.
    TimetableEntry{"close_day", sim::Period::daily,
                   "Book-keeping: the day's counts join the history; fear climate and the "
                   "job-market pool decay.",
                   [](State& s, const Params& p, const Context& c, Day) { close_day(s, p, c); }},
};

}  // namespace candour::models::nhs
