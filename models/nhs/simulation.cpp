// One NHS simulation: its state, its parameters, and the day's timetable.
#include "models/nhs/simulation.hpp"

#include <cmath>

#include "models/nhs/metrics.hpp"

namespace candour::models::nhs {

using sim::Period;

namespace {

// The parameters the agents are drawn and burnt in with: the baseline's
// levers with the scenario's structure, unless the scenario asks to burn in
// under its own levers (or there is no burn-in).
Params starting_params(const Params& scenario) {
  if (scenario.burn_in_days <= 0 || scenario.burn_in_with_scenario != 0)
    return scenario;
  return keep_structure(default_params(), scenario);
}

}  // namespace

NhsSimulation::NhsSimulation(const sim::ParameterSet& parameters, const sim::RunContext& run)
    : params_(starting_params(read_params(parameters))),
      structure_(params_),
      context_{*run.executor, Streams(run.seed)},
      state_(
          build_state(params_, context_, -static_cast<Day>(std::llround(params_.burn_in_days)))) {
  const Params scenario = read_params(parameters);
  burn_in();
  params_ = scenario;
  // The first budget year under the scenario's own finances.
  budget_cycle(state_, params_, context_, -1);
  ward_aggregates(state_, params_, context_);
  pressure_cascade(state_, params_);
}

void NhsSimulation::burn_in() {
  const auto days = static_cast<Day>(std::llround(structure_.burn_in_days));
  if (days <= 0)
    return;
  // The burn-in keeps its own calendar (b), and keys its draws by day b - days < 0,
  // so no random number of the burn-in is reused after day 0.
  const auto timetable = processes();
  for (Day b = 0; b < days; ++b) {
    for (const auto& process : timetable) {
      if (sim::is_due(process.period, b))
        process.run(b - days);
    }
  }
  state_.tallies.set_origin();
  days_done_ = 0;
}

std::vector<sim::Process> NhsSimulation::processes() {
  auto& s = state_;
  const auto& p = params_;
  const auto& c = context_;
  return {
      // Daily: the reduction phase, then care, voice, states, people, the front door.
      {"ward_aggregates", Period::daily, [&](Day) { ward_aggregates(s, p, c); }},
      {"pressure_cascade", Period::daily, [&](Day) { pressure_cascade(s, p); }},
      {"patient_care", Period::daily, [&](Day d) { patient_care(s, p, c, d); }},
      {"speaking_up", Period::daily, [&](Day d) { speaking_up(s, p, c, d); }},
      {"staff_states", Period::daily, [&](Day d) { staff_states(s, p, c, d); }},
      {"leadership_states", Period::daily, [&](Day) { leadership_states(s, p); }},
      {"learning", Period::daily, [&](Day) { learning(s, p); }},
      {"staff_turnover", Period::daily, [&](Day d) { staff_turnover(s, p, c, d); }},
      {"leadership_turnover", Period::daily, [&](Day d) { leadership_turnover(s, p, c, d); }},
      {"emergency_department", Period::daily, [&](Day d) { emergency_department(s, p, c, d); }},
      // Weekly.
      {"team_meetings", Period::weekly, [&](Day) { team_meetings(s, p, c); }},
      {"elective_waiting_list", Period::weekly, [&](Day d) { elective_waiting_list(s, p, c, d); }},
      // Monthly.
      {"walkrounds", Period::monthly, [&](Day d) { walkrounds(s, p, c, d); }},
      {"board_meeting", Period::monthly, [&](Day) { board_meeting(s, p); }},
      {"conduct_reviews", Period::monthly, [&](Day d) { conduct_reviews(s, p, c, d); }},
      {"regulator_data", Period::monthly, [&](Day d) { regulator_data(s, p, c, d); }},
      // Quarterly.
      {"regulator_assessment", Period::quarterly, [&](Day d) { regulator_assessment(s, p, c, d); }},
      {"target_reviews", Period::quarterly, [&](Day d) { target_reviews(s, p, c, d); }},
      // Yearly.
      {"budget_cycle", Period::yearly, [&](Day d) { budget_cycle(s, p, c, d); }},
      {"training", Period::yearly, [&](Day) { training(s, p); }},
      // End of every day: the day's counts become history.
      {"close_day", Period::daily,
       [&](Day d) {
         close_day(s, p);
         days_done_ = d + 1;
       }},
  };
}

void NhsSimulation::apply_parameters(const sim::ParameterSet& parameters) {
  params_ = keep_structure(read_params(parameters), structure_);
  set_trust_finances(state_, params_);
}

std::size_t NhsSimulation::unit_count() const {
  return state_.layout.trusts;
}

void NhsSimulation::record(std::span<double> row) const {
  write_metrics(Snapshot(state_, params_, days_done_), row);
}

std::vector<sim::ProcessSpec> schedule() {
  return {
      {"ward_aggregates", Period::daily,
       "Reduction phase: ward and trust means of fear, burnout, focus, skill; staffing, "
       "patients per nurse, vacancies; each ward's harm multiplier."},
      {"pressure_cascade", Period::daily,
       "Board felt pressure from the centre, finances and missed targets; passed down through "
       "managers, amplified by fear and autocratic style (loop 1)."},
      {"patient_care", Period::daily,
       "Per bed: incidents, harm, deaths, discharge or delayed discharge, complaints, "
       "admissions (loops 4, 5)."},
      {"speaking_up", Period::daily,
       "Clinicians witness incidents, speak up or stay silent; managers address, ignore or "
       "punish and forward or filter; bullying (loops 2, 3)."},
      {"staff_states", Period::daily,
       "Clinicians' fear, burnout, target focus, futility and skill move toward their targets."},
      {"leadership_states", Period::daily,
       "Managers' and board members' fear; manager-clinician trust on each ward."},
      {"learning", Period::daily,
       "Ward latent hazard grows and falls as fixes complete after the decision delay."},
      {"staff_turnover", Period::daily,
       "Clinicians leave (burnout, fear); funded vacancies are filled (loop 4)."},
      {"leadership_turnover", Period::daily,
       "Managers and board members leave and are replaced from the job market (loop 7)."},
      {"emergency_department", Period::daily,
       "A&E attendances, 4-hour performance official and experienced, bunching (loop 5)."},
      {"team_meetings", Period::weekly,
       "Peer influence: fear and burnout move toward the ward mean (loop 2, 4)."},
      {"elective_waiting_list", Period::weekly,
       "Referrals in, treatments out by urgency, wait and gaming; 18-week share (loop 5)."},
      {"walkrounds", Period::monthly,
       "Board visits wards; staff raise issues if they dare; issues acted on or not (loop 3)."},
      {"board_meeting", Period::monthly,
       "Board updates perceived harm and target performance from its channels, sets attention "
       "to safety, acts, and cuts or restores posts (loops 3, 4)."},
      {"conduct_reviews", Period::monthly, "Managers' misconduct found and dismissed (loop 7)."},
      {"regulator_data", Period::monthly,
       "Centre counts true problems and whether they were seen; closes investigations whose "
       "fieldwork is done (loop 8)."},
      {"regulator_assessment", Period::quarterly,
       "Alert scores, referrals, investigations; investigations raise system fear (loops 6, "
       "8)."},
      {"target_reviews", Period::quarterly,
       "Leaders of trusts missing targets may be dismissed (penalty severity; loop 7)."},
      {"budget_cycle", Period::yearly, "Each trust's cost-improvement target for the year."},
      {"training", Period::yearly, "Leaders' competence grows with training investment."},
      {"close_day", Period::daily,
       "Book-keeping: the day's counts join the history; fear climate and the job-market pool "
       "decay."},
  };
}

}  // namespace candour::models::nhs
