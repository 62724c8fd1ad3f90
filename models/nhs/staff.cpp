// Clinicians' bounded states (fear, burnout, target focus, futility, skill)
// moving toward logistic targets; weekly team meetings (peer influence);
// leaving and hiring (loop 4, staffing and burnout).
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/distributions.hpp"

namespace candour::models::nhs {

void staff_states(State& s, const Params& p, const Context& c, Day day) {
  const auto& L = s.layout;
  auto& C = s.clinicians;
  const auto& W = s.wards;
  const double r_fear = adjustment_rate(p.fear_half_life);
  const double r_burnout = adjustment_rate(p.burnout_half_life);
  const double r_focus = adjustment_rate(p.focus_half_life);
  const double r_futility = adjustment_rate(p.futility_half_life);
  const double r_skill = adjustment_rate(p.skill_growth_half_life);
  const double r_belief = adjustment_rate(p.relearning_half_life);
  const double climate = policy_climate(p);
  const double investigations = p.fear_climate_weight * climate_effect(s.centre.fear_climate);
  const double policy_focus = p.focus_target_count_weight * std::log(p.target_count / 10.0) +
                              p.focus_surveillance_weight * p.surveillance_intensity -
                              p.focus_balance_weight * p.balanced_with_safety;
  const auto recent = static_cast<std::int32_t>(day) - 90;
  c.executor.for_each(
      L.trust_of_ward.size(),
      [&](std::size_t w) {
        const double passed = s.manager_pressure.passed_logit[L.manager_of_ward[w]];
        // What the ward sees now: its memory of punished concerns, the board's
        // record of acting on what it hears, its manager, the system's climate,
        // and its trust's own culture (κ_t, 6.1): the local norms about raising
        // concerns that staff learn from each other, assumed to outlast its
        // leaders and staff (evidence.md 10.3).
        const double ward_fear = p.fear_intercept + investigations +
                                 s.trusts.culture[L.trust_of_ward[w]] +
                                 p.fear_punishment_memory_weight *
                                     saturating(W.punishment_memory[w], p.punishment_memory_scale) -
                                 p.fear_board_response_weight *
                                     saturating(s.trusts.board_response_memory[L.trust_of_ward[w]],
                                                p.board_response_scale) -
                                 p.fear_trust_weight * (W.trust[w] - 0.5);
        const double ward_burnout =
            p.burnout_intercept +
            p.burnout_workload_weight *
                bounded(W.patients_per_nurse[w] / p.reference_ppn - 1.0, p.workload_scale) +
            p.burnout_vacancy_weight * W.vacancy_rate[w];
        for (std::size_t i = L.posts_of_ward.begin(w); i < L.posts_of_ward.end(w); ++i) {
          if (!C.present[i])
            continue;
          const double fear = C.fear[i];
          // Policy reaches her through what she has learned to expect, slowly.
          C.belief[i] = adjust(C.belief[i], climate, r_belief);
          const double felt = clinician_felt_pressure(p, passed, fear);
          const double fear_target =
              logistic(ward_fear + C.belief[i] + p.fear_pressure_weight * (felt - 0.5) -
                       p.fear_boldness_weight * C.boldness[i]);
          const bool bullied =
              C.last_bullied_by_manager[i] > recent || C.last_bullied_by_colleague[i] > recent;
          const double burnout_target =
              logistic(ward_burnout + p.burnout_fear_weight * (fear - p.fear_reference) -
                       p.burnout_resilience_weight * C.resilience[i] +
                       p.burnout_bullying_weight * (bullied ? 1.0 : 0.0));
          const double focus_target =
              logistic(p.focus_intercept + policy_focus + p.focus_pressure_weight * (felt - 0.5) +
                       p.focus_fear_weight * (fear - p.fear_reference));
          C.fear[i] = adjust(fear, fear_target, r_fear);
          C.burnout[i] = adjust(C.burnout[i], burnout_target, r_burnout);
          C.focus[i] = adjust(C.focus[i], focus_target, r_focus);
          C.futility[i] = adjust(C.futility[i], p.futility_prior, r_futility);
          C.skill[i] = adjust(C.skill[i], C.skill_ceiling[i], r_skill);
        }
      },
      8);
}

void team_meetings(State& s, const Params& p, const Context& c) {
  // Ward means were computed from today's state at the start of the day;
  // recompute them from the current state so the meeting sees its members now.
  const auto& L = s.layout;
  auto& C = s.clinicians;
  c.executor.for_each(
      L.trust_of_ward.size(),
      [&](std::size_t w) {
        double n = 0, fear = 0, burnout = 0;
        for (std::size_t i = L.posts_of_ward.begin(w); i < L.posts_of_ward.end(w); ++i) {
          if (!C.present[i])
            continue;
          n += 1;
          fear += C.fear[i];
          burnout += C.burnout[i];
        }
        if (n < 2)
          return;
        fear /= n;
        burnout /= n;
        for (std::size_t i = L.posts_of_ward.begin(w); i < L.posts_of_ward.end(w); ++i) {
          if (!C.present[i])
            continue;
          C.fear[i] = adjust(C.fear[i], fear, p.fear_peer_weight);
          C.burnout[i] = adjust(C.burnout[i], burnout, p.burnout_peer_weight);
        }
      },
      8);
}

namespace {

void hire_clinician(Clinicians& C, std::size_t i, const Params& p, sim::AgentRng& rng, Day day) {
  C.present[i] = 1;
  C.boldness[i] = sim::normal(rng, 0.0, 1.0);
  C.resilience[i] = sim::normal(rng, 0.0, 1.0);
  C.skill_ceiling[i] = sim::beta_mean(rng, p.skill_mean, kSkillCeilingConcentration);
  C.skill[i] = C.skill_ceiling[i] * p.new_hire_skill_share;
  // A new hire brings no memory of the old regime: she starts from the climate
  // policy sets now.
  C.belief[i] = policy_climate(p);
  C.fear[i] =
      logistic(logit(p.fear_initial_mean) + C.belief[i] - p.fear_boldness_weight * C.boldness[i]);
  C.burnout[i] =
      logistic(logit(p.burnout_initial_mean) - p.burnout_resilience_weight * C.resilience[i]);
  C.focus[i] = p.focus_initial_mean;
  C.futility[i] = p.futility_prior;
  C.hired_day[i] = static_cast<std::int32_t>(day);
  C.last_bullied_by_manager[i] = kLongAgo;
  C.last_bullied_by_colleague[i] = kLongAgo;
  C.last_witnessed[i] = kLongAgo;
}

}  // namespace

void staff_turnover(State& s, const Params& p, const Context& c, Day day) {
  const auto& L = s.layout;
  auto& C = s.clinicians;
  const auto& W = s.wards;
  const auto step = static_cast<std::uint64_t>(day);
  const double base = p.leave_rate / 365.0;
  const double clearance = p.cut_clearance_rate / 365.0;
  const double fill = 1.0 / p.time_to_fill;
  c.executor.for_each(
      L.trust_of_ward.size(),
      [&](std::size_t w) {
        const bool below_floor =
            p.safe_staffing_floor > 0 && W.patients_per_nurse[w] > p.safe_staffing_floor;
        const double p_fill = -std::expm1(-fill * (below_floor ? p.floor_fill_speedup : 1.0));
        const auto& posts = L.posts_of_ward;
        const auto leave_exponent = [&](std::size_t i) {
          return p.leave_burnout_weight * (C.burnout[i] - p.burnout_reference) +
                 p.leave_fear_weight * (C.fear[i] - p.fear_reference);
        };
        // A bound on every present clinician's hazard today, from the ward's
        // largest exponent (one exp per ward): a draw at or above it means
        // she stays, without the exp and expm1 of her own hazard. The margin
        // covers rounding, so the outcome is the direct comparison's.
        double largest_exponent = -HUGE_VAL;
        for (std::size_t i = posts.begin(w); i < posts.end(w); ++i)
          if (C.present[i])
            largest_exponent = std::max(largest_exponent, leave_exponent(i));
        const double hazard_bound =
            (base * std::max(p.doctor_leave_multiplier, 1.0) *
                 std::max(p.new_starter_leave_multiplier, 1.0) * std::exp(largest_exponent) +
             clearance) *
            (1.0 + 1e-9);
        // Every present clinician decides daily whether to leave, every
        // funded vacancy whether it is filled: draws that share Philox blocks.
        sim::SharedUniforms leave_draw(c.streams.leave, step);
        sim::SharedUniforms fill_draw(c.streams.fill, step);
        double leavers = 0, hires = 0, spell_days = 0, headcount = 0;
        for (std::size_t i = posts.begin(w); i < posts.end(w); ++i) {
          if (C.present[i]) {
            headcount += 1;
            const double tenure = static_cast<double>(day - C.hired_day[i]);
            const double u_leave = leave_draw(i);
            if (u_leave >= hazard_bound)
              continue;
            // A clinician whose post has been cut from the establishment is also
            // moved out of it (redeployment, redundancy), not only waited out.
            const double h = base * (L.is_doctor[i] ? p.doctor_leave_multiplier : 1.0) *
                                 (tenure < 365.0 ? p.new_starter_leave_multiplier : 1.0) *
                                 std::exp(leave_exponent(i)) +
                             (funded(W.establishment[w], L.slot_in_ward[i]) ? 0.0 : clearance);
            if (sim::happens(u_leave, h)) {
              C.present[i] = 0;
              leavers += 1;
              spell_days += tenure;
            }
          } else if (funded(W.establishment[w], L.slot_in_ward[i])) {
            // The replacement reuses the post's id; the day in the key makes her a new person.
            if (fill_draw(i) < p_fill) {
              auto traits = c.streams.hire.rng(step, i);
              hire_clinician(C, i, p, traits, day);
              hires += 1;
            }
          }
        }
        ward_count(s, w, Tally::clinician_leavers) += leavers;
        ward_count(s, w, Tally::clinician_hires) += hires;
        ward_count(s, w, Tally::clinician_spell_days) += spell_days;
        ward_count(s, w, Tally::clinician_days) += headcount;
      },
      8);
  gather_ward_counts(s, c);
}

}  // namespace candour::models::nhs
