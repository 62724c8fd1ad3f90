// Loop 7, leadership churn: managers' and board members' fear, leaving,
// dismissal (misconduct, missed targets), the job market with its pool of
// dismissed managers, the fit-and-proper test, database and strike-off, and
// training. Leaders are few, so these run serially in a fixed order (trust,
// then post), which keeps the shared job market deterministic.
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/distributions.hpp"

namespace candour::models::nhs {

namespace {

double senior_fear_target(const Params& p, double felt, double competence, double climate) {
  return logistic(p.senior_fear_intercept + p.senior_fear_pressure_weight * (felt - 0.5) +
                  p.senior_fear_surveillance_weight * p.surveillance_intensity +
                  p.senior_fear_climate_weight * climate +
                  p.senior_fear_penalty_weight * effective_penalty(p) -
                  p.senior_fear_competence_weight * (competence - 0.5));
}

// Draw slots within one hiring attempt, so each quantity keeps its own numbers.
enum HireSlot : std::uint32_t { kSource, kCompetence, kStyle, kConduct, kTest, kSlotsPerTry };
// Candidates a trust may turn down before it must appoint: a post is never
// left empty, and the fit-and-proper test screens at most this many. Fixed
// as a bound on the draws per hire; the test's strictness is the lever.
constexpr int kMaxTries = 5;

// Dismissal for missed targets falls on the less competent: the chance is
// the severity times 2 (1 - competence), the severity itself at competence
// 0.5 (the middle of its range), twice it at 0 and nothing at 1.
double incompetence(double competence) {
  return 2.0 * (1.0 - competence);
}

}  // namespace

void leadership_states(State& s, const Params& p) {
  const auto& L = s.layout;
  const double r = adjustment_rate(p.senior_fear_half_life);
  const double climate = climate_effect(s.centre.fear_climate);
  for (std::size_t j = 0; j < L.trust_of_manager.size(); ++j) {
    const double target =
        senior_fear_target(p, s.manager_pressure.felt[j], s.managers.competence[j], climate);
    s.managers.fear[j] = adjust(s.managers.fear[j], target, r);
  }
  for (std::size_t b = 0; b < L.trust_of_board.size(); ++b) {
    const double target = senior_fear_target(p, s.trusts.board_pressure[L.trust_of_board[b]],
                                             s.board.competence[b], climate);
    s.board.fear[b] = adjust(s.board.fear[b], target, r);
  }
  // Manager-clinician trust on each ward.
  auto& W = s.wards;
  const double r_trust = adjustment_rate(
      p.trust_half_life * (1.0 - p.development_speedup * p.relationship_development));
  for (std::size_t w = 0; w < L.trust_of_ward.size(); ++w) {
    const double target =
        trust_target(p, s.managers.style[L.manager_of_ward[w]], W.punishment_memory[w]);
    W.trust[w] = adjust(W.trust[w], target, r_trust);
  }
}

void hand_over_wards(State& s, std::size_t manager, const Params& p) {
  const auto& R = s.layout.wards_of_manager;
  for (std::size_t w = R.begin(manager); w < R.end(manager); ++w) {
    s.wards.trust[w] = p.initial_trust;
    // Improvement work in progress that only the leaver was carrying is dropped.
    s.wards.pending_fixes[w] *= 1.0 - p.handover_loss;
  }
}

void dismiss_to_pool(State& s, const Leaders& leaders, std::size_t index, const Params& p) {
  auto& centre = s.centre;
  if (p.strike_off != 0 && leaders.misconduct[index]) {
    ++centre.barred;
    return;
  }
  const double n = centre.pool;
  centre.pool_competence = (n * centre.pool_competence + leaders.competence[index]) / (n + 1.0);
  centre.pool_misconduct = (n * centre.pool_misconduct + leaders.misconduct[index]) / (n + 1.0);
  centre.pool = n + 1.0;
}

void hire_leader(State& s, Leaders& leaders, std::size_t index, std::uint64_t id_offset,
                 std::size_t trust, const Params& p, const Context& c, Day day) {
  auto& centre = s.centre;
  const double fresh = p.candidate_pool * static_cast<double>(s.layout.trusts);
  // A trust's culture persists through whom it hires.
  const double style_mean = logistic(logit(p.relational_style_mean) - s.trusts.culture[trust]);
  const auto step = static_cast<std::uint64_t>(day);
  const std::uint64_t id = id_offset + index;
  double competence = 0, style = 0;
  bool misconduct = false, recycled = false;
  for (int attempt = 0; attempt < kMaxTries; ++attempt) {
    const auto base = static_cast<std::uint32_t>(attempt) * kSlotsPerTry;
    auto source = c.streams.leader_hire.rng(step, id, base + kSource);
    recycled = sim::uniform(source) < centre.pool / (centre.pool + fresh);
    auto comp = c.streams.leader_hire.rng(step, id, base + kCompetence);
    competence = sim::beta_mean(comp, recycled ? centre.pool_competence : p.competence_mean,
                                kCompetenceConcentration);
    auto sty = c.streams.leader_hire.rng(step, id, base + kStyle);
    style = sim::beta_mean(sty, style_mean, kStyleConcentration);
    auto conduct = c.streams.leader_hire.rng(step, id, base + kConduct);
    misconduct = sim::uniform(conduct) < (recycled ? centre.pool_misconduct : p.misconduct_rate);
    if (p.fit_and_proper <= 0 || attempt == kMaxTries - 1)
      break;  // no test, or the post must be filled
    auto test = c.streams.leader_hire.rng(step, id, base + kTest);
    const double read_competence = competence + sim::normal(test, 0.0, p.test_noise);
    const double u_strict = sim::uniform(test), u_found = sim::uniform(test);
    const double detection =
        p.manager_database != 0 ? p.history_detection_database : p.history_detection_references;
    const bool fails_standard = read_competence < p.competence_standard;
    const bool record_found = recycled && u_found < detection;
    if (!((fails_standard || record_found) && u_strict < p.fit_and_proper))
      break;
  }
  if (recycled)
    centre.pool = std::max(0.0, centre.pool - 1.0);
  leaders.competence[index] = competence;
  leaders.style[index] = style;
  leaders.misconduct[index] = misconduct ? 1 : 0;
  leaders.recycled[index] = recycled ? 1 : 0;
  leaders.fear[index] = logistic(logit(p.fear_initial_mean));
  leaders.hired_day[index] = static_cast<std::int32_t>(day);
}

namespace {

// One leader leaves or is dismissed and is replaced the same day.
void replace_manager(State& s, std::size_t j, bool dismissed, const Params& p, const Context& c,
                     Day day) {
  const std::size_t t = s.layout.trust_of_manager[j];
  s.tallies.add(t, Tally::manager_leavers, 1);
  s.tallies.add(t, Tally::manager_spell_days, static_cast<double>(day - s.managers.hired_day[j]));
  if (dismissed) {
    s.tallies.add(t, Tally::manager_dismissals, 1);
    dismiss_to_pool(s, s.managers, j, p);
  }
  hire_leader(s, s.managers, j, 0, t, p, c, day);
  hand_over_wards(s, j, p);
}

void replace_board_member(State& s, std::size_t b, bool dismissed, const Params& p,
                          const Context& c, Day day) {
  const std::size_t t = s.layout.trust_of_board[b];
  s.tallies.add(t, Tally::board_leavers, 1);
  if (dismissed)
    dismiss_to_pool(s, s.board, b, p);
  hire_leader(s, s.board, b, kBoardIdOffset, t, p, c, day);
}

}  // namespace

void leadership_turnover(State& s, const Params& p, const Context& c, Day day) {
  const auto& L = s.layout;
  const auto step = static_cast<std::uint64_t>(day);
  // Leaders of a trust whose failure is public (its alert score) leave sooner.
  auto failure = [&](std::size_t t) { return p.failure_leave_weight * s.trusts.alert_score[t]; };
  for (std::size_t j = 0; j < L.trust_of_manager.size(); ++j) {
    const std::size_t t = L.trust_of_manager[j];
    s.tallies.add(t, Tally::manager_days, 1);
    const double h =
        p.manager_leave_rate / sim::kDaysPerYear *
        std::exp(p.pressure_leave_weight * (s.manager_pressure.felt[j] - 0.5) + failure(t));
    auto rng = c.streams.leader_leave.rng(step, j);
    if (sim::uniform(rng) < -std::expm1(-h))
      replace_manager(s, j, false, p, c, day);
  }
  for (std::size_t b = 0; b < L.trust_of_board.size(); ++b) {
    const std::size_t t = L.trust_of_board[b];
    const double h =
        p.board_leave_rate / sim::kDaysPerYear *
        std::exp(p.pressure_leave_weight * (s.trusts.board_pressure[t] - 0.5) + failure(t));
    auto rng = c.streams.leader_leave.rng(step, kBoardIdOffset + b);
    if (sim::uniform(rng) < -std::expm1(-h))
      replace_board_member(s, b, false, p, c, day);
  }
}

void conduct_reviews(State& s, const Params& p, const Context& c, Day day) {
  const auto& L = s.layout;
  const auto step = static_cast<std::uint64_t>(day);
  const double p_found = clamp01(p.misconduct_detection + p.code_detection * p.code_of_conduct);
  for (std::size_t j = 0; j < L.trust_of_manager.size(); ++j) {
    auto rng = c.streams.conduct.rng(step, j);
    if (s.managers.misconduct[j] && sim::uniform(rng) < p_found)
      replace_manager(s, j, true, p, c, day);
  }
  for (std::size_t b = 0; b < L.trust_of_board.size(); ++b) {
    auto rng = c.streams.conduct.rng(step, kBoardIdOffset + b);
    if (s.board.misconduct[b] && sim::uniform(rng) < p_found)
      replace_board_member(s, b, true, p, c, day);
  }
}

void target_reviews(State& s, const Params& p, const Context& c, Day day) {
  const auto& L = s.layout;
  const auto& T = s.trusts;
  const auto step = static_cast<std::uint64_t>(day);
  const double severity = effective_penalty(p) * p.target_dismissal;
  for (std::size_t t = 0; t < L.trusts; ++t) {
    if (T.ae_official[t] >= p.ae_standard && T.rtt_official[t] >= p.rtt_standard)
      continue;
    for (std::size_t j = L.managers_of_trust.begin(t); j < L.managers_of_trust.end(t); ++j) {
      auto rng = c.streams.conduct.rng(step, j, 1);
      if (sim::uniform(rng) < severity * incompetence(s.managers.competence[j]))
        replace_manager(s, j, true, p, c, day);
    }
    for (std::size_t b = L.board_of_trust.begin(t); b < L.board_of_trust.end(t); ++b) {
      auto rng = c.streams.conduct.rng(step, kBoardIdOffset + b, 1);
      if (sim::uniform(rng) < severity * incompetence(s.board.competence[b]))
        replace_board_member(s, b, true, p, c, day);
    }
  }
}

void training(State& s, const Params& p) {
  const double gain = p.training_investment * p.training_gain;
  for (auto* leaders : {&s.managers, &s.board})
    for (auto& c : leaders->competence)
      c += gain * (1.0 - c);
}

void replace_leadership_after_investigation(State& s, std::size_t t, const Params& p,
                                            const Context& c, Day day) {
  const auto& L = s.layout;
  for (std::size_t b = L.board_of_trust.begin(t); b < L.board_of_trust.end(t); ++b)
    replace_board_member(s, b, true, p, c, day);
  for (std::size_t j = L.managers_of_trust.begin(t); j < L.managers_of_trust.end(t); ++j) {
    auto rng = c.streams.regulator.rng(static_cast<std::uint64_t>(day), j, 1);
    if (s.managers.misconduct[j] || sim::uniform(rng) < p.manager_replacement)
      replace_manager(s, j, true, p, c, day);
  }
}

}  // namespace candour::models::nhs
