#pragma once
// The model's functional forms, as small pure functions so that each can be
// read once in docs/ODD.md and tested on its own.
#include <algorithm>
#include <cmath>

#include "models/nhs/parameters.hpp"

namespace candour::models::nhs {

inline double logistic(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

inline double logit(double p) {
  p = std::clamp(p, 1e-9, 1.0 - 1e-9);
  return std::log(p / (1.0 - p));
}

inline double clamp01(double x) {
  return std::clamp(x, 0.0, 1.0);
}

// Share of the gap to a target closed in `step_days` when the gap halves
// every `half_life_days`: 1 - 2^(-step / half-life).
inline double adjustment_rate(double half_life_days, double step_days = 1.0) {
  return 1.0 - std::exp2(-step_days / half_life_days);
}

// Partial adjustment of a bounded state toward its target.
inline double adjust(double x, double target, double rate) {
  return x + rate * (target - x);
}

// A jump of `share` of the remaining distance to 1 (fear after punishment).
inline double jump_toward_one(double x, double share) {
  return x + share * (1.0 - x);
}

// How much the system fear climate E (>= 0) weighs on fear and pressure:
// E / (1 + E), which saturates at 1, so that the n-th investigation in a
// run of them frightens less than the first.
inline double climate_effect(double climate) {
  return climate / (1.0 + climate);
}

// The effect of a stock that saturates: x / (x + scale) for x >= 0. Half its
// full size at x = scale and never more than 1, so the weight on it is the
// most the stock can ever add (walkround memory, punishment memory, a
// trust's public failure).
inline double saturating(double x, double scale) {
  return x / (x + scale);
}

// A signed excess that saturates: scale * tanh(x / scale), linear near 0 and
// bounded by +/- scale (workload far above or below the reference).
inline double bounded(double x, double scale) {
  return scale * std::tanh(x / scale);
}

// The climate for speaking up that policy sets (logit units of fear; lower is
// safer): what clinicians learn to expect, slowly (6.3.4). Clinicians' power
// to shape what they are told to do belongs to it (Confederation 2007).
inline double policy_climate(const Params& p) {
  return -p.fear_protection_weight * p.whistleblower_protection -
         p.fear_candour_weight * p.duty_of_candour - p.fear_voice_weight * p.clinician_voice;
}

// How exposed leaders are to individual accountability, 0..1: a screen at
// appointment, a record that follows them (the database, mandatory
// references) and the power to bar them (strike-off), each with its share.
inline double accountability_exposure(const Params& p) {
  return std::min(1.0, p.accountability_test_weight * p.fit_and_proper +
                           p.accountability_record_weight *
                               std::max(p.manager_database, p.mandatory_references) +
                           p.accountability_barring_weight * p.strike_off);
}

// Share of its full vigilance the regulator keeps when `layers` bodies oversee
// each trust and each relies on the others: 1 / (1 + d (layers - 1) (1 -
// clarity)). One body, or roles made perfectly clear, keep it all.
inline double oversight_vigilance(const Params& p) {
  return 1.0 / (1.0 + p.diffusion_weight * (p.oversight_layers - 1.0) * (1.0 - p.role_clarity));
}

// Share of the gap to full competence a leader closes each year: training,
// and appraisal with feedback (West et al. 2002; CMI).
inline double yearly_development(const Params& p) {
  return std::min(1.0, p.training_investment * p.training_gain + p.appraisal * p.appraisal_gain);
}

// Surveillance as it finds problems: intensity times vigilance.
inline double effective_surveillance(const Params& p) {
  return p.surveillance_intensity * oversight_vigilance(p);
}

// Daily chance that a medically fit patient waiting for social care leaves:
// capacity, raised toward 1 by cooperation across an integrated care system.
inline double social_care_exit(const Params& p) {
  const double capacity = p.social_care_capacity + (1.0 - p.social_care_capacity) *
                                                       p.integration_discharge_weight *
                                                       p.care_integration;
  return p.social_care_exit_floor + p.social_care_exit_gain * capacity;
}

// Share of admissions that will need social care to leave: integrated care
// keeps some of them out of hospital or plans their care before they are fit.
inline double social_care_need(const Params& p) {
  return p.social_care_need * (1.0 - p.integration_need_reduction * p.care_integration);
}

// Standard normal cumulative distribution.
inline double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

// What raises or lowers harm on a ward, read once per ward-day.
struct WardConditions {
  double patients_per_nurse = 7.0;
  double latent_hazard = 0.3;
  double target_focus = 0.3;
  double burnout = 0.35;
  double skill = 0.6;
};

// Multiplier of the harm hazard of a ward relative to the reference ward:
// exp(beta_staff (ppn - ref) + w_L (L - L_ref) + w_g (g - g_ref)
//     + w_u (u - u_ref) - w_k (k - k_ref)).
inline double harm_multiplier(const Params& p, const WardConditions& w) {
  return std::exp(p.staffing_log_odds * (w.patients_per_nurse - p.reference_ppn) +
                  p.latent_weight * (w.latent_hazard - p.latent_reference) +
                  p.focus_harm_weight * (w.target_focus - p.focus_reference) +
                  p.burnout_harm_weight * (w.burnout - p.burnout_reference) -
                  p.skill_harm_weight * (w.skill - p.skill_reference));
}

// Harm hazard per patient-day: h0 * acuity * ward multiplier.
inline double harm_hazard(const Params& p, double acuity, double ward_multiplier) {
  return p.harm_base_hazard * acuity * ward_multiplier;
}

// Penalty severity as boards and managers feel it: Francis's balance with
// safety removes part of it.
inline double effective_penalty(const Params& p) {
  return p.penalty_severity * (1.0 - p.balance_damping * p.balanced_with_safety);
}

// Log multiplier of elective capacity that does not come from target focus:
// resources attached to targets, and local prioritisation under autonomy.
inline double elective_capacity_gain(const Params& p) {
  return p.resourcing_capacity_weight * p.target_resourcing * p.target_stringency +
         p.autonomy_capacity_weight * p.local_autonomy;
}

// Logit of pressure added by one level of the hierarchy with the given fear,
// relational style and competence (docs/ODD.md, loop 1).
inline double amplification(const Params& p, double fear, double style, double competence) {
  return p.amplification + p.fear_amplification * (fear - p.fear_reference) +
         p.style_amplification * (1.0 - 2.0 * style) -
         p.competence_damping * (2.0 * competence - 1.0);
}

// The level of manager-clinician trust a ward moves toward under a manager
// of relational style `style`, given its memory of punished concerns.
inline double trust_target(const Params& p, double style, double punishment_memory) {
  return logistic(p.trust_intercept + p.trust_development_weight * p.relationship_development +
                  p.trust_style_weight * (2.0 * style - 1.0) -
                  p.trust_punishment_weight *
                      saturating(punishment_memory, p.punishment_memory_scale));
}

// Pressure a clinician feels from what her manager passes down (a logit),
// raised by her own fear; clinicians with the power to question or shape
// directives feel less of it (Confederation 2007; CMI).
inline double clinician_felt_pressure(const Params& p, double passed_logit, double fear) {
  return logistic(passed_logit + p.fear_amplification * (fear - p.fear_reference) -
                  p.voice_shielding * p.clinician_voice);
}

// Chance a witness speaks up about an incident.
inline double speak_up_probability(const Params& p, bool harmful, double fear, double futility,
                                   double boldness, double trust) {
  return logistic(p.speak_intercept + p.speak_severity_weight * (harmful ? 1.0 : 0.0) -
                  p.speak_fear_weight * fear - p.speak_futility_weight * futility +
                  p.speak_boldness_weight * boldness +
                  p.speak_protection_weight * p.whistleblower_protection +
                  p.speak_trust_weight * (trust - 0.5));
}

// The manager who receives a concern, as the response rules read her.
struct ManagerView {
  double fear = 0.3;
  double pressure = 0.5;  // pressure the manager passes down (0..1)
  double style = 0.5;     // relational style
  double competence = 0.5;
  bool misconduct = false;
};

inline double punish_probability(const Params& p, const ManagerView& m) {
  return logistic(p.punish_intercept + p.punish_fear_weight * (m.fear - p.fear_reference) +
                  p.punish_pressure_weight * (m.pressure - 0.5) +
                  p.punish_style_weight * (1.0 - 2.0 * m.style) +
                  p.punish_misconduct_weight * (m.misconduct ? 1.0 : 0.0) -
                  p.punish_candour_weight * p.duty_of_candour -
                  p.punish_protection_weight * p.whistleblower_protection);
}

inline double address_probability(const Params& p, const ManagerView& m, double attention) {
  return logistic(p.address_intercept + p.address_competence_weight * (m.competence - 0.5) +
                  p.address_style_weight * (m.style - 0.5) -
                  p.address_pressure_weight * (m.pressure - 0.5) * (1.0 - p.balanced_with_safety) +
                  p.address_attention_weight * (attention - 0.5) +
                  p.address_voice_weight * p.clinician_voice);
}

inline double forward_probability(const Params& p, const ManagerView& m, bool harmful) {
  return logistic(p.forward_intercept + p.forward_escalation_weight * p.escalation_norm -
                  p.forward_fear_weight * (m.fear - p.fear_reference) -
                  p.forward_bias_weight * p.good_news_bias +
                  p.forward_severity_weight * (harmful ? 1.0 : 0.0));
}

}  // namespace candour::models::nhs
