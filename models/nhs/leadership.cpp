// Loop 7, leadership churn: managers' and board members' fear, leaving,
// dismissal (misconduct, missed targets) and training; the job market they
// are replaced from is hiring.cpp. Leaders are few, so these run serially in
// a fixed order (trust, then post), which keeps the shared job market
// deterministic.
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/distributions.hpp"

namespace candour::models::nhs {

namespace {

// `support` is what the trust gives this leader (middle managers only).
double senior_fear_target(const Params& p, double felt, double competence, double climate,
                          double support) {
  return logistic(p.senior_fear_intercept + p.senior_fear_pressure_weight * (felt - 0.5) +
                  p.senior_fear_accountability_weight * accountability_exposure(p) -
                  p.support_fear_weight * support +
                  p.senior_fear_surveillance_weight * p.surveillance_intensity +
                  p.senior_fear_climate_weight * climate +
                  p.senior_fear_penalty_weight * effective_penalty(p) -
                  p.senior_fear_competence_weight * (competence - 0.5));
}

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
    const double target = senior_fear_target(p, s.manager_pressure.felt[j],
                                             s.managers.competence[j], climate, p.manager_support);
    s.managers.fear[j] = adjust(s.managers.fear[j], target, r);
  }
  for (std::size_t b = 0; b < L.trust_of_board.size(); ++b) {
    const double target = senior_fear_target(p, s.trusts.board_pressure[L.trust_of_board[b]],
                                             s.board.competence[b], climate, 0.0);
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
  s.tallies.add(t, Tally::board_spell_days, static_cast<double>(day - s.board.hired_day[b]));
  if (dismissed)
    dismiss_to_pool(s, s.board, b, p);
  hire_leader(s, s.board, b, kBoardIdOffset, t, p, c, day);
}

}  // namespace

void leadership_turnover(State& s, const Params& p, const Context& c, Day day) {
  const auto& L = s.layout;
  const auto step = static_cast<std::uint64_t>(day);
  // Leaders of a trust whose failure is public (its alert score) leave
  // sooner; the effect saturates (6.3.8).
  auto failure = [&](std::size_t t, double weight) {
    return 1.0 + weight * saturating(s.trusts.alert_score[t], p.failure_scale);
  };
  for (std::size_t j = 0; j < L.trust_of_manager.size(); ++j) {
    const std::size_t t = L.trust_of_manager[j];
    s.tallies.add(t, Tally::manager_days, 1);
    const double h = p.manager_leave_rate / sim::kDaysPerYear *
                     std::exp(p.pressure_leave_weight * (s.manager_pressure.felt[j] - 0.5) -
                              p.support_leave_weight * p.manager_support) *
                     failure(t, p.failure_leave_weight);
    auto rng = c.streams.leader_leave.rng(step, j);
    if (sim::happens(sim::uniform(rng), h))
      replace_manager(s, j, false, p, c, day);
  }
  for (std::size_t b = 0; b < L.trust_of_board.size(); ++b) {
    const std::size_t t = L.trust_of_board[b];
    s.tallies.add(t, Tally::board_days, 1);
    const double h = p.board_leave_rate / sim::kDaysPerYear *
                     std::exp(p.board_pressure_leave_weight * (s.trusts.board_pressure[t] - 0.5)) *
                     failure(t, p.board_failure_leave_weight);
    auto rng = c.streams.leader_leave.rng(step, kBoardIdOffset + b);
    if (sim::happens(sim::uniform(rng), h))
      replace_board_member(s, b, false, p, c, day);
  }
}

void conduct_reviews(State& s, const Params& p, const Context& c, Day day) {
  const auto& L = s.layout;
  const auto step = static_cast<std::uint64_t>(day);
  // A code of conduct, and appraisal with feedback, bring misconduct to light.
  const double p_found = clamp01(p.misconduct_detection + p.code_detection * p.code_of_conduct +
                                 p.appraisal_detection * p.appraisal);
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
  const double gain = yearly_development(p);
  for (auto* leaders : {&s.managers, &s.board})
    for (auto& c : leaders->competence)
      c += gain * (1.0 - c);
}

void restructure_managers(State& s, std::size_t trust, double share, const Params& p,
                          const Context& c, Day day) {
  const auto& L = s.layout;
  for (std::size_t j = L.managers_of_trust.begin(trust); j < L.managers_of_trust.end(trust); ++j) {
    auto rng = c.streams.reorganisation.rng(static_cast<std::uint64_t>(day), j, 2);
    if (sim::uniform(rng) < share)
      replace_manager(s, j, false, p, c, day);
  }
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
