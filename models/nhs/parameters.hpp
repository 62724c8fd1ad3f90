#pragma once
// The NHS model's parameters: one typed, documented table (parameters.cpp)
// and the struct the processes read. Every lever (docs/ODD.md, 7.1) is a field here.
// Fields under "structure" are read only when a simulation is created; a
// timeline change to them has no effect (the agents already exist).
#include <vector>

#include "sim/core/parameters.hpp"

namespace candour::models::nhs {

struct Params {
  // system (structure)
  double trusts, size_spread, culture_spread, finance_spread, reorganisation_rate,
      reorganisation_care, reorganisation_care_protection, reorganisation_manager_replacement,
      distraction_half_life, distraction_attention_weight, distraction_pressure_weight,
      burn_in_days, burn_in_with_scenario;
  // trust (structure)
  double wards, managers, board_members, clinicians_per_ward, doctor_share, beds_per_ward;
  // patients
  double length_of_stay, admission_probability, nurse_duty_fraction, acuity_spread;
  // staffing
  double safe_staffing_floor, social_care_capacity, care_integration, integration_discharge_weight,
      integration_need_reduction, social_care_exit_floor, social_care_exit_gain, social_care_need,
      leave_rate, doctor_leave_multiplier, new_starter_leave_multiplier, leave_burnout_weight,
      leave_fear_weight, time_to_fill, floor_fill_speedup, skill_mean, skill_growth_half_life,
      new_hire_skill_share;
  // finance
  double cost_improvement, safety_halt, staffing_recovery, cut_clearance_rate;
  // pressure cascade
  double target_stringency, target_count, penalty_severity, balanced_with_safety, local_autonomy,
      target_resourcing, resourcing_damping, support_damping, voice_shielding,
      board_pressure_intercept, stringency_weight, penalty_weight, target_count_weight,
      surveillance_pressure_weight, target_miss_weight, finance_pressure_weight,
      climate_pressure_weight, autonomy_shielding, balance_damping, amplification,
      fear_amplification, style_amplification, competence_damping, fear_reference;
  // regulator
  double surveillance_intensity, oversight_layers, role_clarity, diffusion_weight,
      referral_threshold, background_referral_rate, referral_weight, investigation_probability,
      investigation_threshold, inquiry_time, investigation_duration, fear_shock, climate_half_life,
      manager_replacement, staffing_restoration, problem_threshold, smr_alert_unit,
      complaint_alert_weight, inspection_coverage, monitoring_rate;
  // openness
  double duty_of_candour, whistleblower_protection, walkround_rate, walkround_follow_up,
      escalation_norm, good_news_bias, complaints_heard, clinician_voice, candour_disclosure;
  // leadership
  double training_investment, code_of_conduct, appraisal, manager_support, mandatory_references,
      conduct_detection_references, conduct_detection_mandatory, accountability_deterrence,
      accountability_test_weight, accountability_record_weight, accountability_barring_weight,
      appraisal_gain, appraisal_detection, autonomy_speedup, fit_and_proper, manager_database,
      strike_off, relationship_development, decision_delay, competence_mean, competence_standard,
      competent_level, relational_style_mean, misconduct_rate, candidate_pool, initial_pool,
      pool_competence_mean, pool_misconduct_share, pool_half_life, test_noise,
      history_detection_references, history_detection_database, training_gain, misconduct_detection,
      code_detection;
  // managers and board
  double manager_leave_rate, board_leave_rate, pressure_leave_weight, failure_leave_weight,
      board_pressure_leave_weight, board_failure_leave_weight, failure_scale, handover_loss,
      target_dismissal, senior_fear_intercept, senior_fear_pressure_weight,
      senior_fear_surveillance_weight, senior_fear_climate_weight, senior_fear_penalty_weight,
      senior_fear_accountability_weight, support_fear_weight, support_leave_weight,
      senior_fear_competence_weight, senior_fear_half_life;
  // clinician fear
  double fear_half_life, relearning_half_life, fear_intercept, fear_pressure_weight,
      fear_boldness_weight, fear_punishment_memory_weight, punishment_memory_half_life,
      punishment_memory_scale, fear_protection_weight, fear_trust_weight, fear_candour_weight,
      fear_voice_weight, fear_climate_weight, punishment_shock, bullying_shock,
      colleague_bullying_shock, protection_softening, addressed_relief, fear_initial_mean,
      fear_peer_weight, fear_board_response_weight, board_response_half_life, board_response_scale;
  // burnout
  double burnout_half_life, burnout_intercept, burnout_workload_weight, workload_scale,
      burnout_vacancy_weight, burnout_fear_weight, burnout_resilience_weight,
      burnout_bullying_weight, burnout_peer_weight, burnout_initial_mean;
  // target focus
  double focus_half_life, focus_intercept, focus_pressure_weight, focus_fear_weight,
      focus_target_count_weight, focus_surveillance_weight, focus_balance_weight,
      focus_initial_mean;
  // speaking up
  double witness_rate, speak_intercept, speak_severity_weight, speak_fear_weight,
      speak_futility_weight, speak_boldness_weight, speak_protection_weight, speak_trust_weight,
      futility_learning, futility_half_life, futility_prior;
  // manager responses
  double punish_intercept, punish_fear_weight, punish_pressure_weight, punish_style_weight,
      punish_misconduct_weight, punish_candour_weight, punish_protection_weight, address_intercept,
      address_competence_weight, address_style_weight, address_pressure_weight,
      address_attention_weight, address_voice_weight, forward_intercept, forward_escalation_weight,
      forward_fear_weight, forward_bias_weight, forward_severity_weight;
  // bullying
  double manager_bullying_rate, colleague_bullying_rate, bullying_pressure_weight,
      bullying_style_weight, bullying_misconduct_weight, bullying_code_weight,
      colleague_burnout_weight, colleague_fear_weight;
  // harm
  double harm_base_hazard, staffing_log_odds, reference_ppn, latent_weight, latent_reference,
      focus_harm_weight, focus_reference, burnout_harm_weight, burnout_reference, skill_harm_weight,
      skill_reference, harm_share_of_incidents, fatal_share, background_mortality, delayed_acuity;
  // learning
  double hazard_growth, fix_effect, training_fix_boost, initial_latent, board_action_fixes,
      walkround_fixes, walkround_futility_step, walkround_word_of_mouth, walkround_attention_step;
  // complaints
  double complaint_harmed_probability, complaint_base_probability, complaint_burnout_weight,
      complaint_reference;
  // targets
  double ae_standard, rtt_standard, ae_arrivals_per_bed, ae_median_minutes, ae_spread,
      ae_occupancy_weight, ae_delayed_weight, ae_effort_weight, gaming_intercept,
      gaming_pressure_weight, gaming_balance_weight, voice_gaming_weight, threshold_window,
      reporting_distortion, elective_referrals_per_bed, elective_capacity, elective_effort_weight,
      resourcing_capacity_weight, autonomy_capacity_weight, rtt_priority_share, rtt_distortion;
  // board beliefs and attention
  double quality_aspiration, incident_reference, forward_reference, incident_weight,
      disclosure_weight, forward_weight, complaint_weight, walkround_weight, mortality_weight,
      quality_information, mortality_to_harm, target_belief_weight, attention_half_life,
      attention_intercept, attention_balance_weight, attention_pressure_weight,
      attention_quality_weight, action_gain;
  // manager-clinician relationship
  double initial_trust, trust_half_life, development_speedup, trust_intercept,
      trust_development_weight, trust_style_weight, trust_punishment_weight;
};

// The table of every NHS parameter (name, type, default, range, unit, meaning, source).
std::vector<sim::ParameterSpec> parameter_specs();

// Reads every parameter of the table from `set` (which must hold them all).
Params read_params(const sim::ParameterSet& set);

// The defaults of the table (the baseline scenario).
Params default_params();

// The parameters the burn-in runs with: `run` (its structure and behavioural
// constants) with every lever taken from `burn_in` (the scenario's burn-in
// file) or, when there is none, from the registry's defaults.
Params burn_in_params(const Params& run, const sim::ParameterSet* burn_in);

// `next` with the structure (sizes, counts, spreads, burn-in) of `built`: the
// agents exist, so a change of parameters cannot change who they are.
Params keep_structure(Params next, const Params& built);

}  // namespace candour::models::nhs
