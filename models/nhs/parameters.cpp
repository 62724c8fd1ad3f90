#include "models/nhs/parameters.hpp"

#include <set>
#include <string>
#include <string_view>

namespace candour::models::nhs {
namespace {

using sim::ParameterSpec;
using sim::ParameterType;

struct Entry {
  ParameterSpec spec;  // spec.kind: lever if marked lever(...), else kind_of() decides
  double Params::*field;
};

Entry real(const char* name, double Params::*field, double value, double min, double max,
           const char* unit, const char* description, const char* source) {
  return {{name, ParameterType::real, value, min, max, unit, description, source}, field};
}
Entry integer(const char* name, double Params::*field, double value, double min, double max,
              const char* unit, const char* description, const char* source) {
  return {{name, ParameterType::integer, value, min, max, unit, description, source}, field};
}
Entry flag(const char* name, double Params::*field, double value, const char* description,
           const char* source) {
  return {{name, ParameterType::boolean, value, 0, 1, "1", description, source}, field};
}

// Read only when the agents are built: a later change cannot alter who they
// are, so the scenario reader refuses one in a timeline stage.
Entry structure(Entry entry) {
  entry.spec.structural = true;
  return entry;
}

// What the centre, a regulator or a board chooses directly: scenarios are
// made of these (sim::ParameterKind::lever).
Entry lever(Entry entry) {
  entry.spec.kind = sim::ParameterKind::lever;
  return entry;
}

// Sources cite docs/evidence.md by author and year; "calibrated"
// marks a value set so that baseline meets the published figures of
// docs/calibration.md;
// "assumption" a modelling choice without a published figure.
std::vector<Entry> table() {
  using P = Params;
  return {
      // ---- system (structure) ----
      structure(integer("system.trusts", &P::trusts, 1, 1, 2000, "trust",
                        "Number of trusts under the one centre (structure).", "assumption")),
      structure(real(
          "system.size_spread", &P::size_spread, 0.0, 0.0, 2.0, "1",
          "Standard deviation of log trust size: each trust's wards and managers are scaled by "
          "exp(N(0, spread) - spread^2/2) (structure).",
          "assumption")),
      structure(real(
          "system.culture_spread", &P::culture_spread, 0.0, 0.0, 1.0, "logit",
          "Standard deviation of each trust's culture offset: it raises the fear target and the "
          "initial fear of the trust's clinicians and lowers the relational style of the leaders "
          "it starts with and hires (structure). At most 1: already at 1 the trusts of "
          "nhs_england span 0.30 to 0.90 in psychological safety (5th to 95th percentile; 60 "
          "trusts, 3 years), wider than any survey shows.",
          "assumption; nhs_england's 0.4 is set to the Staff Survey's spread across trusts "
          "(docs/calibration.md)")),
      structure(integer(
          "system.burn_in_days", &P::burn_in_days, 1095, 0, 3650, "day",
          "Days simulated before day 0 (not recorded) so that every run starts from a "
          "settled NHS; with the same seed and structure every scenario starts from the same "
          "state (structure).",
          "assumption")),
      structure(
          flag("system.burn_in_with_scenario", &P::burn_in_with_scenario, 0,
               "Burn in under the scenario's own levers (1) instead of those of its burn-in "
               "scenario, the defaults when it names none (0, so that levers take effect from "
               "day 0 like a reform).",
               "assumption")),
      real("system.finance_spread", &P::finance_spread, 0.0, 0.0, 0.2, "per year",
           "Standard deviation across trusts of the yearly cost-improvement target around "
           "finance.cost_improvement (truncated at 0).",
           "assumption"),
      lever(real("reorganisation.rate", &P::reorganisation_rate, 0.1, 0.0, 1.0, "per year",
                 "Reorganisations and mergers per trust per year.",
                 "assumption; HCC 2008 (7 investigated trusts had recent mergers or major "
                 "reorganisation)")),
      lever(real("reorganisation.care", &P::reorganisation_care, 0.0, 0.0, 1.0, "1",
                 "Care taken over quality during a reorganisation: shrinks its shock to managers "
                 "and to the board's attention.",
                 "HCC 2008 (lessons: care during mergers and reorganisation)")),
      real("reorganisation.care_protection", &P::reorganisation_care_protection, 0.6, 0.0, 1.0, "1",
           "Share of a reorganisation's shock removed at full care.", "assumption"),
      real("reorganisation.manager_replacement", &P::reorganisation_manager_replacement, 0.25, 0.0,
           1.0, "1",
           "Chance each of the trust's managers is replaced in a reorganisation (at no care).",
           "assumption"),
      real("reorganisation.distraction_half_life", &P::distraction_half_life, 180.0, 1.0, 3650.0,
           "day", "Half-life of the board's distraction after a reorganisation.", "assumption"),
      real("reorganisation.attention_weight", &P::distraction_attention_weight, 2.0, 0.0, 10.0,
           "logit",
           "Board attention to safety removed at full distraction ('focused on ... mergers').",
           "HCC 2008; assumption (size)"),
      real("reorganisation.pressure_weight", &P::distraction_pressure_weight, 0.5, 0.0, 10.0,
           "logit", "Board felt pressure added at full distraction.", "assumption"),
      // ---- trust (structure) ----
      structure(integer("trust.wards", &P::wards, 120, 1, 5000, "ward",
                        "Wards (clinical teams) per trust of average size (structure).",
                        "assumption")),
      structure(
          integer("trust.managers", &P::managers, 40, 1, 2000, "manager",
                  "Middle managers per trust of average size, each over about wards/managers wards "
                  "(structure; at most one per ward).",
                  "assumption")),
      structure(integer("trust.board_members", &P::board_members, 6, 1, 30, "person",
                        "Board members per trust (structure).", "assumption")),
      structure(
          integer("trust.clinicians_per_ward", &P::clinicians_per_ward, 25, 2, 200, "post",
                  "Funded clinical posts per ward at the start (nurses and doctors; structure).",
                  "assumption")),
      structure(real("trust.doctor_share", &P::doctor_share, 0.25, 0.0, 0.9, "1",
                     "Share of a ward's posts held by doctors; the rest are nurses (structure).",
                     "Nuffield Trust 2022 (164,000 doctors, ~360,000 nurses)")),
      structure(integer("trust.beds_per_ward", &P::beds_per_ward, 28, 1, 200, "bed",
                        "Beds per ward (structure).", "assumption")),
      real("trust.length_of_stay", &P::length_of_stay, 6.0, 1.0, 60.0, "day",
           "Mean length of stay of a patient of average acuity until medically fit.", "assumption"),
      real("trust.admission_probability", &P::admission_probability, 0.6, 0.01, 1.0, "per day",
           "Probability that an empty bed is filled on a given day (sets occupancy near 0.9).",
           "calibrated"),
      real("trust.nurse_duty_fraction", &P::nurse_duty_fraction, 0.2, 0.05, 1.0, "1",
           "Share of a ward's nurses on duty at any moment (37.5 h of 168 h, less leave); turns "
           "nurses in post into nurses on duty for patients per nurse.",
           "assumption"),
      real("trust.acuity_spread", &P::acuity_spread, 0.4, 0.0, 2.0, "1",
           "Standard deviation of log acuity of admitted patients (mean acuity 1).", "assumption"),
      // ---- staffing ----
      lever(
          real("staffing.safe_staffing_floor", &P::safe_staffing_floor, 0.0, 0.0, 20.0,
               "patients per nurse",
               "Safe-staffing floor: the most patients per nurse on duty a ward may run at; posts "
               "below it cannot be cut and are filled faster (bank and agency). 0 means no floor.",
               "Francis 2013; Berwick 2013 (NICE tools, no fixed ratio)")),
      lever(real(
          "staffing.social_care_capacity", &P::social_care_capacity, 0.5, 0.0, 1.0, "1",
          "Social-care capacity: a medically fit patient who needs social care leaves each day "
          "with probability staffing.social_care_exit_floor + staffing.social_care_exit_gain * "
          "capacity; the rest are delayed discharges.",
          "Berwick 2013 (integrated care); Wolstenholme et al. 2007")),
      lever(real(
          "staffing.care_integration", &P::care_integration, 0.2, 0.0, 1.0, "1",
          "Cooperation across an integrated care system: shared discharge planning raises the "
          "effective social-care capacity toward 1 and community care keeps some patients who "
          "would need social care out of hospital.",
          "Berwick 2019 (integrated care); Health and Care Act 2022 (integrated care systems)")),
      real("staffing.integration_discharge_weight", &P::integration_discharge_weight, 0.5, 0.0, 1.0,
           "1",
           "Share of the gap between social-care capacity and full capacity that full integration "
           "closes for patients waiting to leave.",
           "assumption"),
      real("staffing.integration_need_reduction", &P::integration_need_reduction, 0.3, 0.0, 1.0,
           "1",
           "Share of admissions needing social care to leave that full integration avoids (care "
           "planned before the patient is fit, or given outside hospital).",
           "assumption"),
      real("staffing.social_care_exit_floor", &P::social_care_exit_floor, 0.05, 0.0, 1.0, "per day",
           "Daily chance that a medically fit patient waiting for social care leaves when there "
           "is no social-care capacity (families, self-funded care).",
           "assumption"),
      real("staffing.social_care_exit_gain", &P::social_care_exit_gain, 0.45, 0.0, 1.0, "per day",
           "Daily chance of leaving added by full social-care capacity (the floor plus the gain "
           "is the daily chance at capacity 1; above 1 every such patient leaves the day she is "
           "fit).",
           "assumption"),
      real("staffing.social_care_need", &P::social_care_need, 0.15, 0.0, 1.0, "1",
           "Share of admitted patients who will need social care to leave hospital.", "assumption"),
      real("staffing.leave_rate", &P::leave_rate, 0.075, 0.0, 2.0, "per year",
           "Base yearly leaving hazard of a nurse at reference burnout and fear.",
           "calibrated to nurse leaver rate 10-12%/yr (Nuffield Trust; Health Foundation 2019)"),
      real("staffing.doctor_leave_multiplier", &P::doctor_leave_multiplier, 1.3, 0.1, 10.0, "1",
           "Leaving hazard of doctors relative to nurses (rotations).",
           "NHS Digital stability index: doctors 83-85%, nurses 88%"),
      real("staffing.new_starter_leave_multiplier", &P::new_starter_leave_multiplier, 1.6, 1.0,
           10.0, "1", "Leaving hazard multiplier in the first year of service.",
           "HERC 1989-90 (turnover highest in years 1-2)"),
      real("staffing.leave_burnout_weight", &P::leave_burnout_weight, 1.5, 0.0, 10.0,
           "per unit burnout", "Log-hazard of leaving per unit burnout above burnout.reference.",
           "calibrated"),
      real("staffing.leave_fear_weight", &P::leave_fear_weight, 1.0, 0.0, 10.0, "per unit fear",
           "Log-hazard of leaving per unit fear above pressure.fear_reference.", "calibrated"),
      real("staffing.time_to_fill", &P::time_to_fill, 150.0, 1.0, 2000.0, "day",
           "Mean time to fill a vacant funded post.",
           "calibrated to ~8% vacancies (Nuffield Trust 2019)"),
      real("staffing.floor_fill_speedup", &P::floor_fill_speedup, 4.0, 1.0, 50.0, "1",
           "How much faster posts are filled on a ward above the safe-staffing floor.",
           "assumption"),
      real("staffing.skill_mean", &P::skill_mean, 0.7, 0.05, 0.95, "1",
           "Mean skill ceiling of a clinician (Beta, concentration 10).", "assumption"),
      real("staffing.skill_growth_half_life", &P::skill_growth_half_life, 365.0, 1.0, 10000.0,
           "day", "Half-life of a clinician's climb from starting skill to her ceiling.",
           "assumption"),
      real("staffing.new_hire_skill_share", &P::new_hire_skill_share, 0.6, 0.0, 1.0, "1",
           "Starting skill of a new hire as a share of her ceiling.", "assumption"),
      // ---- finance ----
      lever(
          real("finance.cost_improvement", &P::cost_improvement, 0.0, 0.0, 0.5, "per year",
               "Cost-improvement target: share of each ward's funded clinical posts cut per year, "
               "applied monthly; a cut post is frozen when it falls vacant or its holder is moved "
               "out (finance.cut_clearance_rate).",
               "Mid Staffs: 150 of ~3,000 posts in 2006 (Birmingham Post 2006); 19% of pay bill "
               "2004-07 (HSJ 2007)")),
      lever(real("finance.safety_halt", &P::safety_halt, 1.0, 0.0, 1.0, "1",
                 "How fully a board that attends to safety and perceives harm above its aspiration "
                 "halts cuts and restores posts.",
                 "assumption")),
      real("finance.staffing_recovery", &P::staffing_recovery, 0.1, 0.0, 1.0, "per month",
           "Share of cut posts a fully alarmed, attentive board restores each month.",
           "assumption"),
      real("finance.cut_clearance_rate", &P::cut_clearance_rate, 2.0, 0.0, 50.0, "per year",
           "Hazard with which a clinician whose post has been cut from the establishment is moved "
           "out of it (redeployment or redundancy), on top of her own leaving hazard.",
           "assumption; Mid Staffs: >150 posts to go within 2006 (Birmingham Post 2006); set "
           "with fact 12 in view (docs/calibration.md)"),
      // ---- pressure cascade ----
      lever(real("pressure.target_stringency", &P::target_stringency, 0.5, 0.0, 1.0, "1",
                 "How hard the centre's targets bite (0 none, 1 'targets and terror').",
                 "Bevan & Hood 2006; Confederation 2007; Berwick 2013")),
      lever(integer("pressure.target_count", &P::target_count, 10, 1, 200, "target",
                    "Number of national targets; more targets add pressure and target focus "
                    "(log-scaled around 10).",
                    "Confederation 2007 ('too many targets')")),
      lever(real("pressure.penalty_severity", &P::penalty_severity, 0.5, 0.0, 1.0, "1",
                 "How career-threatening missing a target is for boards and managers.",
                 "Bevan & Hood 2006; Francis 2013")),
      lever(real("pressure.balanced_with_safety", &P::balanced_with_safety, 0.0, 0.0, 1.0, "1",
                 "Targets balanced with safety: safety stays the priority and career consequences "
                 "follow only misconduct (damps the penalty, target focus and gaming).",
                 "Francis 2013")),
      lever(real("pressure.local_autonomy", &P::local_autonomy, 0.0, 0.0, 1.0, "1",
                 "Local autonomy: how far boards are shielded from the centre's pressure.",
                 "Confederation 2007; Morgan 2008 (HSJ)")),
      lever(
          real("pressure.target_resourcing", &P::target_resourcing, 0.0, 0.0, 1.0, "1",
               "Resources attached to targets: targets come with the capacity to meet them, so "
               "they press boards less and shorten waits for real.",
               "Francis 2013 (targets qualified: never at the expense of safety, and resourced)")),
      real("pressure.board_intercept", &P::board_pressure_intercept, -2.0, -10.0, 10.0, "logit",
           "Intercept of the board's felt pressure.", "calibrated"),
      real("pressure.stringency_weight", &P::stringency_weight, 1.5, 0.0, 10.0, "logit",
           "Board felt pressure per unit target stringency.", "calibrated"),
      real("pressure.penalty_weight", &P::penalty_weight, 1.0, 0.0, 10.0, "logit",
           "Board felt pressure per unit (effective) penalty severity.", "calibrated"),
      real("pressure.target_count_weight", &P::target_count_weight, 0.3, 0.0, 5.0, "logit",
           "Board felt pressure per unit ln(target_count / 10).", "assumption"),
      real("pressure.surveillance_weight", &P::surveillance_pressure_weight, 0.5, 0.0, 10.0,
           "logit", "Board felt pressure per unit surveillance intensity.", "assumption"),
      real("pressure.target_miss_weight", &P::target_miss_weight, 0.5, 0.0, 10.0, "logit",
           "Board felt pressure per 5 percentage points by which official target figures fall "
           "short of their standards.",
           "assumption"),
      real("pressure.finance_weight", &P::finance_pressure_weight, 6.0, 0.0, 100.0, "logit",
           "Board felt pressure per unit yearly cost-improvement target.",
           "assumption (HCC 2009: board 'focused on becoming a foundation trust')"),
      real("pressure.climate_weight", &P::climate_pressure_weight, 1.0, 0.0, 10.0, "logit",
           "Board felt pressure per unit climate effect E / (1 + E) of the system fear climate E.",
           "assumption"),
      real("pressure.autonomy_shielding", &P::autonomy_shielding, 0.6, 0.0, 1.0, "1",
           "Share of the centre's pressure terms removed at full local autonomy.", "assumption"),
      real("pressure.resourcing_damping", &P::resourcing_damping, 0.5, 0.0, 1.0, "1",
           "Share of the target-stringency term of board pressure removed when targets are fully "
           "resourced.",
           "assumption"),
      real("pressure.balance_damping", &P::balance_damping, 0.7, 0.0, 1.0, "1",
           "Share of penalty severity removed when targets are fully balanced with safety.",
           "assumption"),
      real("pressure.amplification", &P::amplification, 0.5, -3.0, 3.0, "logit",
           "Pressure added at each step down the hierarchy by a neutral leader ('a fine line "
           "between a firm management style and bullying').",
           "HCC 2008; Mawritz et al. 2012; calibrated"),
      real("pressure.fear_amplification", &P::fear_amplification, 1.5, 0.0, 10.0, "logit",
           "Pressure passed down (or felt) per unit of the leader's own fear above "
           "pressure.fear_reference.",
           "Francis 2013 (directives 'interpreted further down the hierarchy as bullying')"),
      real("pressure.style_amplification", &P::style_amplification, 1.0, 0.0, 10.0, "logit",
           "Pressure passed down per unit autocratic style, (1 - 2 * relational style).",
           "HCC 2008 ('management styles are perceived as autocratic')"),
      real("pressure.competence_damping", &P::competence_damping, 1.0, 0.0, 10.0, "logit",
           "Pressure absorbed per unit (2 * competence - 1) of the leader.", "assumption"),
      real("pressure.support_damping", &P::support_damping, 0.1, 0.0, 5.0, "logit",
           "Pressure a fully supported middle manager absorbs instead of passing it down.",
           "assumption; CMI on Francis (middle managers carry pressure from above and below)"),
      real("pressure.voice_shielding", &P::voice_shielding, 0.2, 0.0, 5.0, "logit",
           "Pressure clinicians with full power to question or shape directives do not feel.",
           "assumption; NHS Confederation 2007 (clinicians engaged in what managers direct)"),
      real("pressure.fear_reference", &P::fear_reference, 0.3, 0.0, 1.0, "1",
           "Fear level at which fear neither adds nor removes pressure or leaving.", "assumption"),
      // ---- regulator ----
      lever(real("regulator.surveillance_intensity", &P::surveillance_intensity, 0.5, 0.0, 1.0, "1",
                 "Surveillance intensity: metrics, inspections, compliance ticking. Raises the "
                 "regulator's chance of seeing a problem and the fear of boards and managers.",
                 "Berwick 2013 ('too much emphasis on accountability, supervision and metrics')")),
      lever(integer("regulator.oversight_layers", &P::oversight_layers, 3, 1, 8, "body",
                    "Bodies that oversee each trust (regulator, performance manager, "
                    "commissioners, the department); each relies on the others, so their vigilance "
                    "falls (diffusion of responsibility).",
                    "Francis 2013 (Department of Health, SHA, PCT, Monitor and HCC each relied on "
                    "the others); Berwick 2013 rec. 9")),
      lever(real("regulator.role_clarity", &P::role_clarity, 0.5, 0.0, 1.0, "1",
                 "Clarity of each oversight body's responsibility: at 1 no layer relaxes because "
                 "another checks.",
                 "Berwick 2013 rec. 9 ('avoid diffusion of responsibility')")),
      real("regulator.diffusion_weight", &P::diffusion_weight, 0.25, 0.0, 2.0, "1",
           "How much vigilance each extra oversight layer takes away when roles are unclear: "
           "vigilance = 1 / (1 + weight * (layers - 1) * (1 - clarity)).",
           "assumption"),
      real("regulator.referral_threshold", &P::referral_threshold, 1.0, 0.0, 50.0, "alert score",
           "Alert score above which a trust's signals draw a referral.", "calibrated"),
      real("regulator.background_referral_rate", &P::background_referral_rate, 0.3, 0.0, 5.0,
           "per quarter",
           "Referral hazard per quarter at full surveillance from complaints and whistleblowers "
           "whatever the data say.",
           "calibrated to HCC 2008 (~200 referrals from August 2004 to April 2007, about 75 a "
           "year, in nhs_england_2000s)"),
      real("regulator.referral_weight", &P::referral_weight, 1.0, 0.0, 50.0, "per quarter",
           "Referral hazard per quarter per alert-score unit above the threshold, at full "
           "surveillance.",
           "calibrated"),
      real("regulator.investigation_probability", &P::investigation_probability, 0.45, 0.0, 1.0,
           "1",
           "Chance a referral becomes a formal investigation when its alert score reaches "
           "regulator.investigation_threshold (scaled down linearly below it).",
           "calibrated to HCC 2008 (14 of 200 referrals)"),
      real("regulator.investigation_threshold", &P::investigation_threshold, 2.0, 0.01, 100.0,
           "alert score", "Alert score at which a referral is investigated with full probability.",
           "calibrated"),
      real("regulator.inquiry_time", &P::inquiry_time, 270.0, 0.0, 2000.0, "day",
           "Days of inquiries (information from the trust, a review of its data) between the "
           "regulator's decision to investigate a referred trust and the formal investigation's "
           "start.",
           "assumption; Mid Staffordshire: first mortality alerts in 2007, investigation announced "
           "in March 2008 (HCC 2009); set with fact 10b in view (docs/calibration.md)"),
      real("regulator.investigation_duration", &P::investigation_duration, 210.0, 1.0, 2000.0,
           "day", "Days from the start of a formal investigation to its findings.",
           "HCC 2009 (fieldwork March-October 2008)"),
      real("regulator.fear_shock", &P::fear_shock, 0.3, 0.0, 5.0, "1",
           "Rise of the system fear climate when an investigation starts, divided by the square "
           "root of the number of trusts.",
           "assumption"),
      real("regulator.climate_half_life", &P::climate_half_life, 365.0, 1.0, 10000.0, "day",
           "Half-life of the system fear climate.", "assumption"),
      lever(real("regulator.manager_replacement", &P::manager_replacement, 0.3, 0.0, 1.0, "1",
                 "Share of an investigated trust's managers replaced at its findings (every board "
                 "member and every manager found in misconduct is).",
                 "HCC 2008 (poor leadership in 'nearly all')")),
      lever(real("regulator.staffing_restoration", &P::staffing_restoration, 1.0, 0.0, 1.0, "1",
                 "Share of cut posts an investigated trust restores at the findings.",
                 "assumption")),
      real("regulator.problem_threshold", &P::problem_threshold, 0.5, 0.0, 1.0, "1",
           "Latent hazard at which a ward counts as having a true problem (for detection).",
           "assumption"),
      real("regulator.smr_alert_unit", &P::smr_alert_unit, 0.1, 0.001, 10.0, "1",
           "Mortality-ratio excess worth one alert-score unit.", "assumption"),
      real("regulator.complaint_alert_weight", &P::complaint_alert_weight, 1.0, 0.0, 10.0,
           "alert score", "Alert score per unit relative excess of the complaint rate.",
           "assumption"),
      real("regulator.inspection_coverage", &P::inspection_coverage, 0.65, 0.0, 1.0, "1",
           "Chance that the regulator, looking at a problem ward (scrutiny or routine "
           "monitoring), finds it from the records (case notes, mortality, complaints) whatever "
           "staff say; failing that, only if staff disclose it.",
           "assumption; HCC 2009 (case-note reviews beside >300 interviews); set with fact 4 in "
           "view (docs/calibration.md)"),
      real("regulator.monitoring_rate", &P::monitoring_rate, 9.0, 0.0, 100.0, "per month",
           "Rate at which the regulator's routine monitoring looks at a ward's data, at full "
           "surveillance: the chance a month is 1 - exp(-rate * intensity * vigilance).",
           "assumption (sets where fact 4's peak lies; refitted for model v2's vigilance; "
           "docs/calibration.md)"),
      // ---- openness ----
      lever(real(
          "openness.duty_of_candour", &P::duty_of_candour, 1.0, 0.0, 1.0, "1",
          "Duty of candour: harm is disclosed to patients and recorded, and punishing concerns "
          "becomes rarer.",
          "Francis 2013; Regulation 20 (2014)")),
      lever(real(
          "openness.whistleblower_protection", &P::whistleblower_protection, 0.3, 0.0, 1.0, "1",
          "Whistleblower protection: speaking up carries less personal risk (fewer and softer "
          "punishments, less fear).",
          "Francis 2015 (Freedom to Speak Up)")),
      lever(real("openness.walkround_rate", &P::walkround_rate, 1.0, 0.0, 60.0, "visits per month",
                 "Board walkround visits to wards per month per trust.",
                 "HCC 2009; Thomas et al. 2005")),
      lever(real("openness.walkround_follow_up", &P::walkround_follow_up, 0.3, 0.0, 1.0, "1",
                 "Share of issues raised on walkrounds that the board acts on. Unacted walkrounds "
                 "raise futility.",
                 "Singer & Tucker 2014; Thomas et al. 2005")),
      lever(real("openness.escalation_norm", &P::escalation_norm, 0.3, 0.0, 1.0, "1",
                 "Escalation norm: managers are expected to pass bad news up.",
                 "CMI 2013 commentary on Francis; Francis 2015")),
      lever(real("openness.good_news_bias", &P::good_news_bias, 0.3, 0.0, 1.0, "1",
                 "Share of the weight of bad news the board discounts ('more weight to positive "
                 "information'); also lowers managers' forwarding.",
                 "Francis 2013; Dixon-Woods (comfort-seeking)")),
      lever(real("openness.complaints_heard", &P::complaints_heard, 0.5, 0.0, 1.0, "1",
                 "How strongly patients' and families' complaints reach the board.",
                 "Berwick 2013 (patients heard at every level)")),
      lever(real("openness.clinician_voice", &P::clinician_voice, 0.3, 0.0, 1.0, "1",
                 "Clinicians' power to question, resist or shape directives: less felt pressure, "
                 "less gaming, more concerns acted on, and (learned slowly) less fear.",
                 "NHS Confederation 2007; CMI on Francis")),
      real("openness.candour_disclosure", &P::candour_disclosure, 0.5, 0.0, 1.0, "1",
           "Share of harm events disclosed and recorded under a full duty of candour, whether or "
           "not a witness speaks up.",
           "assumption"),
      // ---- leadership ----
      lever(
          real("leadership.training_investment", &P::training_investment, 0.3, 0.0, 1.0, "1",
               "Training investment: yearly growth of manager competence, and quality-improvement "
               "skill that makes each fix more effective.",
               "CMI 2013 (training from day one); Berwick 2013 (career-long QI)")),
      lever(real("leadership.code_of_conduct", &P::code_of_conduct, 0.3, 0.0, 1.0, "1",
                 "Code of conduct: curbs managers' bullying and raises detection of misconduct.",
                 "Francis 2013; Confederation 2007")),
      lever(real("leadership.appraisal", &P::appraisal, 0.3, 0.0, 1.0, "1",
                 "Appraisal and feedback for managers and board members: yearly competence growth "
                 "and misconduct brought to light.",
                 "West et al. 2002 (appraisal and mortality); CMI on Francis")),
      lever(
          real("leadership.manager_support", &P::manager_support, 0.3, 0.0, 1.0, "1",
               "Support for middle managers: less fear, less pressure passed down, fewer leaving.",
               "CMI on Francis; NHS Confederation 2007")),
      lever(real("leadership.fit_and_proper", &P::fit_and_proper, 0.3, 0.0, 1.0, "1",
                 "Strictness of the fit-and-proper test at hiring: chance a candidate failing the "
                 "competence standard, or found with a dismissal record or a history of "
                 "misconduct, is rejected.",
                 "Kark 2019; Regulation 5 (2014)")),
      lever(flag(
          "leadership.manager_database", &P::manager_database, 0,
          "Central database of directors and managers: a recycled candidate's dismissal record "
          "is found at hiring.",
          "Kark 2019 (accepted 2019)")),
      lever(
          flag("leadership.strike_off", &P::strike_off, 0,
               "Strike-off power: managers dismissed for misconduct are barred and never rehired.",
               "Kark 2019 (Health Directors Standards Council; not accepted)")),
      lever(flag("leadership.mandatory_references", &P::mandatory_references, 0,
                 "Mandatory full references for leaders: a dismissal or misconduct on record is "
                 "disclosed to the next employer even under a settlement agreement.",
                 "Kark 2019 (recommendation 3)")),
      lever(real("leadership.relationship_development", &P::relationship_development, 0.3, 0.0, 1.0,
                 "1", "Relationship development: manager-clinician trust builds higher and faster.",
                 "Berwick 2019 remarks (source not found)")),
      lever(real("leadership.decision_delay", &P::decision_delay, 30.0, 1.0, 730.0, "day",
                 "Mean delay before an addressed concern or a board action takes effect on a ward.",
                 "Confederation 2007 (decision delays)")),
      real("leadership.autonomy_speedup", &P::autonomy_speedup, 0.5, 0.0, 0.9, "1",
           "Share of the decision delay removed at full local autonomy (decisions taken where the "
           "problem is).",
           "assumption; NHS Confederation 2007 (decision delays)"),
      real("leadership.competence_mean", &P::competence_mean, 0.55, 0.05, 0.95, "1",
           "Mean competence of fresh manager candidates (Beta, concentration 8).", "assumption"),
      lever(real("leadership.competence_standard", &P::competence_standard, 0.45, 0.0, 1.0, "1",
                 "Competence standard the fit-and-proper test applies at hiring.",
                 "Kark 2019 (competence standards)")),
      real("leadership.competent_level", &P::competent_level, 0.45, 0.0, 1.0, "1",
           "Competence at which the outputs count a manager as competent (fixed, so that a "
           "stricter hiring standard does not move the yardstick).",
           "assumption"),
      lever(
          real("leadership.relational_style_mean", &P::relational_style_mean, 0.5, 0.05, 0.95, "1",
               "Mean style of fresh candidates, autocratic 0 to relational 1 (Beta, concentration "
               "6).",
               "assumption")),
      real("leadership.misconduct_rate", &P::misconduct_rate, 0.05, 0.0, 1.0, "1",
           "Share of fresh candidates prone to misconduct (bullying, suppressing concerns).",
           "assumption"),
      real("leadership.candidate_pool", &P::candidate_pool, 30.0, 0.1, 10000.0,
           "candidates per trust",
           "Fresh candidates on the market per trust; a hire is recycled with probability "
           "pool / (pool + fresh).",
           "assumption"),
      real("leadership.initial_pool", &P::initial_pool, 3.0, 0.0, 1000.0, "managers per trust",
           "Previously dismissed managers on the market per trust at the start.", "assumption"),
      real("leadership.pool_competence_mean", &P::pool_competence_mean, 0.3, 0.05, 0.95, "1",
           "Mean competence of the initial pool of dismissed managers.", "assumption"),
      real("leadership.pool_misconduct_share", &P::pool_misconduct_share, 0.4, 0.0, 1.0, "1",
           "Share of the initial pool of dismissed managers prone to misconduct.", "assumption"),
      real("leadership.pool_half_life", &P::pool_half_life, 1095.0, 1.0, 36500.0, "day",
           "Half-life of a dismissed manager's stay on the job market.", "assumption"),
      real("leadership.test_noise", &P::test_noise, 0.2, 0.0, 2.0, "1",
           "Standard deviation of the error with which the fit-and-proper test reads "
           "competence.",
           "assumption; Kark 2019 (the test 'has few fans'); set with fact 9 in view "
           "(docs/calibration.md)"),
      real("leadership.history_detection_references", &P::history_detection_references, 0.1, 0.0,
           1.0, "1", "Chance a recycled candidate's dismissal is found from references alone.",
           "Kark 2019 ('startling lack of information')"),
      real("leadership.history_detection_database", &P::history_detection_database, 0.95, 0.0, 1.0,
           "1", "Chance a recycled candidate's dismissal is found with the database.",
           "assumption"),
      real("leadership.conduct_detection_references", &P::conduct_detection_references, 0.2, 0.0,
           1.0, "1",
           "Chance the fit-and-proper screen finds a candidate's misconduct (bullying, silencing "
           "concerns) from ordinary references.",
           "assumption; Kark 2019 ('startling lack of information')"),
      real("leadership.conduct_detection_mandatory", &P::conduct_detection_mandatory, 0.6, 0.0, 1.0,
           "1",
           "Chance the screen finds a candidate's misconduct, or a dismissal on record, with "
           "mandatory full references.",
           "assumption; Kark 2019 (recommendation 3)"),
      real("leadership.accountability_deterrence", &P::accountability_deterrence, 0.2, 0.0, 0.5,
           "1",
           "Share of the mean competence of fresh candidates lost at a failing trust at full "
           "accountability exposure and saturated failure: the able avoid posts where failure "
           "is public and accountability personal.",
           "assumption; Berwick 2019 (individual accountability makes leaders fearful); HSJ 2018 "
           "(14% of executive posts vacant in inadequate trusts)"),
      real("leadership.accountability_test_weight", &P::accountability_test_weight, 0.2, 0.0, 1.0,
           "1",
           "Share of full accountability exposure a fully strict fit-and-proper test at "
           "appointment carries.",
           "assumption"),
      real("leadership.accountability_record_weight", &P::accountability_record_weight, 0.3, 0.0,
           1.0, "1",
           "Share of full accountability exposure a record that follows a leader (the database or "
           "mandatory references) carries.",
           "assumption"),
      real("leadership.accountability_barring_weight", &P::accountability_barring_weight, 0.5, 0.0,
           1.0, "1",
           "Share of full accountability exposure the power to bar leaders (strike-off) carries.",
           "assumption"),
      real("leadership.training_gain", &P::training_gain, 0.15, 0.0, 1.0, "per year",
           "Share of the gap to full competence closed per year at full training investment.",
           "assumption"),
      real("leadership.appraisal_gain", &P::appraisal_gain, 0.1, 0.0, 1.0, "per year",
           "Share of the gap to full competence closed per year at full appraisal and feedback.",
           "assumption; West et al. 2002"),
      real("leadership.misconduct_detection", &P::misconduct_detection, 0.01, 0.0, 1.0, "per month",
           "Monthly chance a manager's misconduct is found without a code.", "assumption"),
      real("leadership.code_detection", &P::code_detection, 0.05, 0.0, 1.0, "per month",
           "Extra monthly chance of finding misconduct at a full code of conduct.", "assumption"),
      real("leadership.appraisal_detection", &P::appraisal_detection, 0.03, 0.0, 1.0, "per month",
           "Extra monthly chance of finding a leader's misconduct at full appraisal.",
           "assumption"),
      // ---- managers and board ----
      real("managers.leave_rate", &P::manager_leave_rate, 0.36, 0.0, 10.0, "per year",
           "Base yearly leaving hazard of a manager at neutral pressure.",
           "calibrated to tenure 2.5-3 years (King's Fund 2011; HSJ 2018)"),
      real("board.leave_rate", &P::board_leave_rate, 0.3, 0.0, 10.0, "per year",
           "Base yearly leaving hazard of a board member at neutral pressure.",
           "King's Fund 2011 (CEO ~700 days); HSJ 2018 (median 2.5-3 years)"),
      real("managers.pressure_leave_weight", &P::pressure_leave_weight, 0.3, 0.0, 10.0,
           "per unit pressure", "Log-hazard of a manager leaving per unit felt pressure above 0.5.",
           "assumption; bounded above by fact 7 at baseline and by a manager turnover of at most "
           "about 0.6 a year at the worst trusts"),
      real("board.pressure_leave_weight", &P::board_pressure_leave_weight, 1.5, 0.0, 10.0,
           "per unit pressure",
           "Log-hazard of a board member leaving per unit board felt pressure above 0.5.",
           "HSJ 2018 (inadequate trusts: chief executive tenure 11 months against over 7 years in "
           "outstanding ones)"),
      real("managers.failure_leave_weight", &P::failure_leave_weight, 1.0, 0.0, 10.0, "1",
           "How far a trust's public failure raises a manager's leaving hazard at saturation: the "
           "hazard is multiplied by 1 + weight * S / (S + leadership.failure_scale), S the trust's "
           "regulator alert score.",
           "assumption; HSJ 2018 (failing trusts lose leaders); middle managers stay longer than "
           "executives"),
      real("board.failure_leave_weight", &P::board_failure_leave_weight, 6.0, 0.0, 10.0, "1",
           "How far a trust's public failure raises a board member's leaving hazard at saturation "
           "(as managers.failure_leave_weight).",
           "HSJ 2018 (chief executives last 11 months in inadequate trusts against more than 7 "
           "years in outstanding ones: up to about 7 times the base hazard)"),
      real("leadership.failure_scale", &P::failure_scale, 2.0, 0.01, 100.0, "alert score",
           "Alert score at which a trust's public failure has half its largest effect on leaders' "
           "leaving and on who is willing to lead it.",
           "assumption"),
      real("managers.handover_loss", &P::handover_loss, 0.5, 0.0, 1.0, "1",
           "Share of a ward's pending fixes dropped when its manager is replaced.",
           "assumption; organisational forgetting (Cooke & Rohleder 2006)"),
      real("managers.support_leave_weight", &P::support_leave_weight, 0.3, 0.0, 5.0, "1",
           "Log-hazard of a manager leaving removed at full support.",
           "assumption; NHS Confederation 2007 (managers turn over too fast)"),
      real("managers.target_dismissal", &P::target_dismissal, 0.08, 0.0, 1.0, "per quarter",
           "Quarterly chance at full (effective) penalty and zero competence that a leader of a "
           "trust missing a target is dismissed (scaled by 2 * (1 - competence)).",
           "Bevan & Hood 2006 ('targets and terror')"),
      real("managers.fear_intercept", &P::senior_fear_intercept, -2.1, -10.0, 10.0, "logit",
           "Intercept of the fear target of managers and board members.", "calibrated"),
      real("managers.fear_pressure_weight", &P::senior_fear_pressure_weight, 2.5, 0.0, 20.0,
           "logit", "Senior fear target per unit felt pressure above 0.5.", "calibrated"),
      real("managers.fear_surveillance_weight", &P::senior_fear_surveillance_weight, 1.5, 0.0, 20.0,
           "logit", "Senior fear target per unit surveillance intensity.",
           "Berwick 2013 ('quite toxic')"),
      real("managers.fear_climate_weight", &P::senior_fear_climate_weight, 1.5, 0.0, 20.0, "logit",
           "Senior fear target per unit climate effect E / (1 + E).", "assumption"),
      real("managers.fear_penalty_weight", &P::senior_fear_penalty_weight, 1.0, 0.0, 20.0, "logit",
           "Senior fear target per unit effective penalty severity.", "assumption"),
      real("managers.fear_accountability_weight", &P::senior_fear_accountability_weight, 0.6, 0.0,
           5.0, "logit",
           "Senior fear target per unit of accountability exposure (fit-and-proper test, records "
           "that follow leaders, barring).",
           "assumption (size); Berwick 2019 (individual accountability regimes make leaders "
           "'fearful')"),
      real("managers.support_fear_weight", &P::support_fear_weight, 0.5, 0.0, 5.0, "logit",
           "Manager fear target reduction at full support for middle managers.",
           "assumption; CMI on Francis"),
      real("managers.fear_competence_weight", &P::senior_fear_competence_weight, 1.0, 0.0, 20.0,
           "logit", "Senior fear target reduction per unit competence above 0.5.", "assumption"),
      real("managers.fear_half_life", &P::senior_fear_half_life, 30.0, 1.0, 3650.0, "day",
           "Half-life of senior fear's move toward its target.", "assumption"),
      // ---- clinician fear ----
      real("fear.half_life", &P::fear_half_life, 30.0, 1.0, 3650.0, "day",
           "Half-life of a clinician's fear moving toward its target.", "assumption"),
      real("fear.relearning_half_life", &P::relearning_half_life, 730.0, 1.0, 3650.0, "day",
           "Half-life of a clinician's learned belief about the policy climate for speaking up "
           "(protection, candour, voice) moving toward what policy now sets; new hires start from "
           "the current climate, so a reform reaches staff through relearning and turnover.",
           "assumption (culture change takes years; the national share secure raising concerns "
           "moved 70-75% over 2013-23)"),
      real("fear.intercept", &P::fear_intercept, 0.17, -10.0, 10.0, "logit",
           "Intercept of a clinician's fear target.",
           "calibrated to 72% secure raising concerns (NHS Staff Survey 2017-23)"),
      real("fear.pressure_weight", &P::fear_pressure_weight, 0.6, 0.0, 20.0, "logit",
           "Fear target per unit felt pressure above 0.5.", "calibrated"),
      real("fear.boldness_weight", &P::fear_boldness_weight, 2.4, 0.0, 10.0, "logit",
           "Fear target reduction per standard deviation of personal disposition ('boldness': "
           "personality and the history a clinician brings), drawn at hiring and fixed.",
           "calibrated: most of the variance of safety-climate scores is between individuals (unit "
           "ICC 0.05-0.16: HSOPS; SAQ), and secure-raising-concerns shares differ little between "
           "trusts (about 0.55-0.85)"),
      real("fear.punishment_memory_weight", &P::fear_punishment_memory_weight, 0.3, 0.0, 10.0,
           "logit",
           "Largest fear-target increase from the ward's memory of punished concerns (shooting the "
           "messenger frightens the team); the effect is weight * M / (M + "
           "fear.punishment_memory_scale).",
           "Francis 2010/2013 ('discouraged from speaking out'); assumption (size)"),
      real("fear.punishment_memory_half_life", &P::punishment_memory_half_life, 120.0, 1.0, 3650.0,
           "day", "Half-life of a ward's memory of punished concerns.", "assumption"),
      real("fear.punishment_memory_scale", &P::punishment_memory_scale, 3.0, 0.01, 100.0, "concern",
           "Remembered punished concerns at which the ward's memory has half its largest effect on "
           "fear and on manager-clinician trust.",
           "assumption"),
      real("fear.board_response_weight", &P::fear_board_response_weight, 0.4, 0.0, 10.0, "logit",
           "Largest fear-target reduction, for every clinician of the trust, from the trust's "
           "memory of walkround issues the board acted on; the effect is weight * G / (G + "
           "fear.board_response_scale).",
           "assumption; Singer & Tucker 2014 (safety climate improves where issues are resolved)"),
      real("fear.board_response_half_life", &P::board_response_half_life, 365.0, 1.0, 3650.0, "day",
           "Half-life of a trust's memory of walkround issues its board acted on.",
           "assumption (staff remember a responsive board for years)"),
      real("fear.board_response_scale", &P::board_response_scale, 5.0, 0.01, 100.0, "issue",
           "Remembered acted-on walkround issues at which the memory has half its largest effect "
           "on fear.",
           "assumption"),
      real("fear.protection_weight", &P::fear_protection_weight, 0.2, 0.0, 10.0, "logit",
           "Fear target reduction at full whistleblower protection.", "assumption"),
      real("fear.trust_weight", &P::fear_trust_weight, 0.8, 0.0, 10.0, "logit",
           "Fear target reduction per unit manager-clinician trust above 0.5.",
           "Schwappach & Gehring 2014 (psychological safety)"),
      real("fear.candour_weight", &P::fear_candour_weight, 0.1, 0.0, 10.0, "logit",
           "Fear target reduction at a full duty of candour.", "assumption"),
      real("fear.voice_weight", &P::fear_voice_weight, 0.3, 0.0, 5.0, "logit",
           "Policy climate (learned fear) reduction at full clinician voice.", "assumption"),
      real("fear.climate_weight", &P::fear_climate_weight, 0.5, 0.0, 10.0, "logit",
           "Clinician fear target per unit climate effect E / (1 + E).", "assumption"),
      real("fear.punishment_shock", &P::punishment_shock, 0.1, 0.0, 1.0, "1",
           "Share of the distance to full fear a punished speaker jumps (less "
           "fear.protection_softening at full protection).",
           "assumption"),
      real("fear.protection_softening", &P::protection_softening, 0.5, 0.0, 1.0, "1",
           "Share of the punishment shock that full whistleblower protection takes away (the "
           "shock is scaled by 1 - softening * protection).",
           "assumption"),
      real("fear.bullying_shock", &P::bullying_shock, 0.1, 0.0, 1.0, "1",
           "Share of the distance to full fear a clinician jumps when bullied by her manager.",
           "assumption"),
      real("fear.colleague_bullying_shock", &P::colleague_bullying_shock, 0.05, 0.0, 1.0, "1",
           "Share of the distance to full fear a clinician jumps when bullied by a colleague.",
           "assumption"),
      real("fear.addressed_relief", &P::addressed_relief, 0.05, 0.0, 1.0, "1",
           "Share of her fear a speaker loses when her concern is addressed.", "assumption"),
      real("fear.initial_mean", &P::fear_initial_mean, 0.4, 0.01, 0.99, "1",
           "Median fear of clinicians at the start and of new hires.", "calibrated"),
      real("fear.peer_weight", &P::fear_peer_weight, 0.065, 0.0, 1.0, "per week",
           "Share of the gap to the ward's mean fear closed at each weekly team meeting.",
           "Bakker et al. 2005 (contagion); assumption"),
      // ---- burnout ----
      real("burnout.half_life", &P::burnout_half_life, 60.0, 1.0, 3650.0, "day",
           "Half-life of burnout's move toward its target.", "assumption"),
      real("burnout.intercept", &P::burnout_intercept, -0.2, -10.0, 10.0, "logit",
           "Intercept of a clinician's burnout target.",
           "calibrated to 32% often or always burnt out (NHS Staff Survey 2021-23)"),
      real("burnout.workload_weight", &P::burnout_workload_weight, 1.2, 0.0, 20.0, "logit",
           "Burnout target per unit relative excess of patients per nurse over the reference.",
           "Aiken et al. 2002"),
      real("burnout.workload_scale", &P::workload_scale, 1.0, 0.01, 10.0, "1",
           "Scale at which the relative excess of patients per nurse saturates in the burnout "
           "target: the workload term is weight * scale * tanh(excess / scale).",
           "assumption"),
      real("burnout.vacancy_weight", &P::burnout_vacancy_weight, 2.0, 0.0, 20.0, "logit",
           "Burnout target per unit ward vacancy rate.", "assumption"),
      real("burnout.fear_weight", &P::burnout_fear_weight, 1.5, 0.0, 20.0, "logit",
           "Burnout target per unit fear above the reference.", "assumption"),
      real("burnout.resilience_weight", &P::burnout_resilience_weight, 1.5, 0.0, 10.0, "logit",
           "Burnout target reduction per standard deviation of personal resilience.", "calibrated"),
      real("burnout.bullying_weight", &P::burnout_bullying_weight, 0.5, 0.0, 10.0, "logit",
           "Burnout target added while a clinician was bullied in the last 90 days.", "assumption"),
      real("burnout.peer_weight", &P::burnout_peer_weight, 0.05, 0.0, 1.0, "per week",
           "Share of the gap to the ward's mean burnout closed at each weekly team meeting.",
           "Bakker et al. 2005 (burnout contagion)"),
      real("burnout.initial_mean", &P::burnout_initial_mean, 0.4, 0.01, 0.99, "1",
           "Median burnout of clinicians at the start.", "calibrated"),
      // ---- target focus ----
      real("focus.half_life", &P::focus_half_life, 30.0, 1.0, 3650.0, "day",
           "Half-life of target focus moving toward its target.", "assumption"),
      real("focus.intercept", &P::focus_intercept, -1.2, -10.0, 10.0, "logit",
           "Intercept of a clinician's target-focus target (share of effort on measured work).",
           "assumption"),
      real("focus.pressure_weight", &P::focus_pressure_weight, 2.5, 0.0, 20.0, "logit",
           "Target focus per unit felt pressure above 0.5.",
           "Braganza 2018 (effort shifts from goal to proxy)"),
      real("focus.fear_weight", &P::focus_fear_weight, 1.0, 0.0, 20.0, "logit",
           "Target focus per unit fear above the reference (defensive compliance).", "assumption"),
      real("focus.target_count_weight", &P::focus_target_count_weight, 0.3, 0.0, 5.0, "logit",
           "Target focus per unit ln(target_count / 10).",
           "Confederation 2007 ('short-term thinking')"),
      real("focus.surveillance_weight", &P::focus_surveillance_weight, 0.5, 0.0, 10.0, "logit",
           "Target focus per unit surveillance intensity (compliance ticking).", "Berwick 2013"),
      real("focus.balance_weight", &P::focus_balance_weight, 1.5, 0.0, 10.0, "logit",
           "Target focus reduction when targets are fully balanced with safety.", "Francis 2013"),
      real("focus.initial_mean", &P::focus_initial_mean, 0.3, 0.01, 0.99, "1",
           "Target focus of clinicians at the start and of new hires.", "assumption"),
      // ---- speaking up ----
      real("speak_up.witness_rate", &P::witness_rate, 0.014, 0.0, 1.0, "per incident",
           "Chance a clinician on the ward witnesses each safety incident there that day.",
           "calibrated to ~30% witnessing an incident per month (NHS Staff Survey 2008-19)"),
      real("speak_up.intercept", &P::speak_intercept, 6.3, -10.0, 20.0, "logit",
           "Intercept of the chance a witness speaks up (reports).",
           "calibrated to 90-96% reporting the last incident witnessed (Staff Survey)"),
      real("speak_up.severity_weight", &P::speak_severity_weight, 1.0, 0.0, 10.0, "logit",
           "Added when the witnessed incident harmed the patient.",
           "Schwappach & Gehring 2014 (45-96% by case)"),
      real("speak_up.fear_weight", &P::speak_fear_weight, 6.0, 0.0, 30.0, "logit",
           "Reduction per unit fear.", "calibrated; Edmondson 1996 (~10x reporting spread)"),
      real("speak_up.futility_weight", &P::speak_futility_weight, 2.0, 0.0, 30.0, "logit",
           "Reduction per unit futility (recent concerns that went nowhere).",
           "Morrison & Milliken 2000"),
      real("speak_up.boldness_weight", &P::speak_boldness_weight, 0.5, 0.0, 10.0, "logit",
           "Added per standard deviation of boldness.", "assumption"),
      real("speak_up.protection_weight", &P::speak_protection_weight, 0.5, 0.0, 10.0, "logit",
           "Added at full whistleblower protection.", "Francis 2015"),
      real("speak_up.trust_weight", &P::speak_trust_weight, 1.0, 0.0, 10.0, "logit",
           "Added per unit manager-clinician trust above 0.5.", "assumption"),
      real("speak_up.futility_learning", &P::futility_learning, 0.3, 0.0, 1.0, "1",
           "Step of futility toward 1 (concern ignored or punished) or 0 (addressed).",
           "assumption"),
      real("speak_up.futility_half_life", &P::futility_half_life, 180.0, 1.0, 3650.0, "day",
           "Half-life of futility's return to its prior without new experience.", "assumption"),
      real("speak_up.futility_prior", &P::futility_prior, 0.4, 0.0, 1.0, "1",
           "Futility of a new hire and the level it returns to.",
           "Staff Survey: 57-60% confident concerns are addressed"),
      // ---- manager responses ----
      real("response.punish_intercept", &P::punish_intercept, -3.0, -20.0, 10.0, "logit",
           "Intercept of the chance a manager punishes a concern raised ('shooting the "
           "messenger').",
           "calibrated (11-14% expect blame: NPSA 2009, 2013)"),
      real("response.punish_fear_weight", &P::punish_fear_weight, 2.0, 0.0, 20.0, "logit",
           "Punishment log-odds per unit manager fear above the reference.", "assumption"),
      real("response.punish_pressure_weight", &P::punish_pressure_weight, 2.0, 0.0, 20.0, "logit",
           "Punishment log-odds per unit manager felt pressure above 0.5.", "assumption"),
      real("response.punish_style_weight", &P::punish_style_weight, 1.0, 0.0, 20.0, "logit",
           "Punishment log-odds per unit autocratic style (1 - 2 * relational).", "HCC 2008"),
      real("response.punish_misconduct_weight", &P::punish_misconduct_weight, 1.5, 0.0, 20.0,
           "logit", "Punishment log-odds added by a manager prone to misconduct.", "Kark 2019"),
      real("response.punish_candour_weight", &P::punish_candour_weight, 0.5, 0.0, 20.0, "logit",
           "Punishment log-odds removed at a full duty of candour.", "Francis 2013"),
      real("response.punish_protection_weight", &P::punish_protection_weight, 1.0, 0.0, 20.0,
           "logit", "Punishment log-odds removed at full whistleblower protection.",
           "Francis 2015"),
      real("response.address_intercept", &P::address_intercept, -0.4, -20.0, 20.0, "logit",
           "Intercept of the chance a manager addresses (acts on) a concern not punished.",
           "calibrated to 57-60% confident of action (Staff Survey 2017-23)"),
      real("response.address_competence_weight", &P::address_competence_weight, 2.0, 0.0, 20.0,
           "logit", "Address log-odds per unit manager competence above 0.5.", "West et al. 2002"),
      real("response.address_style_weight", &P::address_style_weight, 1.0, 0.0, 20.0, "logit",
           "Address log-odds per unit relational style above 0.5.", "assumption"),
      real("response.address_pressure_weight", &P::address_pressure_weight, 1.5, 0.0, 20.0, "logit",
           "Address log-odds removed per unit felt pressure above 0.5, unless "
           "targets are balanced with safety.",
           "HCC 2008 (boards focused on targets)"),
      real("response.address_attention_weight", &P::address_attention_weight, 1.0, 0.0, 20.0,
           "logit", "Address log-odds per unit board attention to safety above 0.5.", "assumption"),
      real("response.address_voice_weight", &P::address_voice_weight, 0.5, 0.0, 5.0, "logit",
           "Address log-odds added at full clinician voice (clinicians shape what is done about "
           "their concerns).",
           "assumption"),
      real("response.forward_intercept", &P::forward_intercept, -0.3, -20.0, 20.0, "logit",
           "Intercept of the chance a manager forwards a concern to the board.", "calibrated"),
      real("response.forward_escalation_weight", &P::forward_escalation_weight, 3.0, 0.0, 20.0,
           "logit", "Forward log-odds per unit escalation norm.", "CMI 2013 commentary on Francis"),
      real("response.forward_fear_weight", &P::forward_fear_weight, 3.0, 0.0, 20.0, "logit",
           "Forward log-odds removed per unit manager fear above the reference.", "Francis 2013"),
      real("response.forward_bias_weight", &P::forward_bias_weight, 2.0, 0.0, 20.0, "logit",
           "Forward log-odds removed per unit good-news bias.",
           "Francis 2013 ('more weight to positive information')"),
      real("response.forward_severity_weight", &P::forward_severity_weight, 1.0, 0.0, 20.0, "logit",
           "Forward log-odds added when the concern is about harm.", "assumption"),
      // ---- bullying ----
      real("bullying.manager_rate", &P::manager_bullying_rate, 0.18, 0.0, 10.0, "per year",
           "Base yearly hazard of a clinician being bullied by her manager (neutral manager, "
           "felt pressure 0.5).",
           "calibrated to 10-13% per year (NHS Staff Survey 2015-23)"),
      real("bullying.colleague_rate", &P::colleague_bullying_rate, 0.18, 0.0, 10.0, "per year",
           "Base yearly hazard of a clinician being bullied by a colleague.",
           "NHS Staff Survey (18-19% per year)"),
      real("bullying.pressure_weight", &P::bullying_pressure_weight, 2.0, 0.0, 20.0, "log-hazard",
           "Manager bullying per unit pressure the manager passes down above 0.5.",
           "Francis 2013; Mawritz et al. 2012"),
      real("bullying.style_weight", &P::bullying_style_weight, 1.0, 0.0, 20.0, "log-hazard",
           "Manager bullying per unit autocratic style (1 - 2 * relational).", "HCC 2008"),
      real("bullying.misconduct_weight", &P::bullying_misconduct_weight, 1.5, 0.0, 20.0,
           "log-hazard", "Manager bullying added by a manager prone to misconduct.", "Kark 2019"),
      real("bullying.code_weight", &P::bullying_code_weight, 1.0, 0.0, 20.0, "log-hazard",
           "Manager bullying log-hazard removed at a full code of conduct.", "assumption"),
      real("bullying.colleague_burnout_weight", &P::colleague_burnout_weight, 1.5, 0.0, 20.0,
           "log-hazard", "Colleague bullying per unit ward mean burnout above the reference.",
           "assumption"),
      real("bullying.colleague_fear_weight", &P::colleague_fear_weight, 1.0, 0.0, 20.0,
           "log-hazard", "Colleague bullying per unit ward mean fear above the reference.",
           "assumption"),
      // ---- harm ----
      real("harm.base_hazard", &P::harm_base_hazard, 0.010, 0.0, 1.0, "per patient-day",
           "Harm hazard of a patient of acuity 1 on a ward at every reference level.",
           "calibrated (~10 adverse events per 1,000 bed-days; assumption)"),
      real("harm.staffing_log_odds", &P::staffing_log_odds, 0.06578774, 0.0, 1.0,
           "per patient per nurse",
           "Log-hazard of harm per extra patient per nurse on duty, ln(1.068).",
           "Aiken et al. 2014 (OR 1.068)"),
      real("harm.reference_ppn", &P::reference_ppn, 7.0, 0.5, 30.0, "patients per nurse",
           "Patients per nurse on duty at which the staffing term is neutral (and workload is "
           "'normal' for burnout).",
           "assumption"),
      real("harm.latent_weight", &P::latent_weight, 1.65, 0.0, 20.0, "log-hazard",
           "Log-hazard of harm per unit latent hazard above harm.latent_reference.",
           "calibrated; Cooke & Rohleder 2006; raised from 1.5 with facts 6 and 12 in view "
           "(docs/calibration.md)"),
      real("harm.latent_reference", &P::latent_reference, 0.25, 0.0, 1.0, "1",
           "Latent hazard at which the latent term is neutral.", "assumption"),
      real("harm.focus_weight", &P::focus_harm_weight, 1.0, 0.0, 20.0, "log-hazard",
           "Log-hazard of harm per unit ward mean target focus above harm.focus_reference "
           "(care displaced by measured work).",
           "assumption; HCC 2009"),
      real("harm.focus_reference", &P::focus_reference, 0.3, 0.0, 1.0, "1",
           "Target focus at which the focus term is neutral.", "assumption"),
      real("harm.burnout_weight", &P::burnout_harm_weight, 0.05, 0.0, 20.0, "log-hazard",
           "Log-hazard of harm per unit ward mean burnout above harm.burnout_reference (small: "
           "Aiken's OR is a total effect of staffing, part of which runs through burnout).",
           "assumption"),
      real("harm.burnout_reference", &P::burnout_reference, 0.35, 0.0, 1.0, "1",
           "Burnout at which burnout terms (harm, leaving, colleague bullying) are neutral.",
           "assumption"),
      real("harm.skill_weight", &P::skill_harm_weight, 0.74, 0.0, 20.0, "log-hazard",
           "Log-hazard of harm removed per unit ward mean skill above harm.skill_reference.",
           "Aiken et al. 2014 (OR 0.929 per +10% graduate nurses)"),
      real("harm.skill_reference", &P::skill_reference, 0.6, 0.0, 1.0, "1",
           "Skill at which the skill term is neutral.", "assumption"),
      real("harm.harm_share_of_incidents", &P::harm_share_of_incidents, 0.32, 0.01, 1.0, "1",
           "Share of safety incidents that harm the patient; the rest are no-harm incidents.",
           "NRLS 2012 (68% no harm)"),
      real("harm.fatal_share", &P::fatal_share, 0.09, 0.0, 1.0, "1",
           "Share of harm events that kill the patient.",
           "calibrated (mid_staffs mortality ratio 1.2-1.45: HCC 2009; Dr Foster)"),
      real("harm.background_mortality", &P::background_mortality, 0.0025, 0.0, 1.0,
           "per patient-day", "Daily hazard of death unrelated to care, per unit acuity.",
           "calibrated"),
      real("harm.delayed_acuity", &P::delayed_acuity, 0.5, 0.0, 2.0, "1",
           "Acuity multiplier of a medically fit patient awaiting social care.", "assumption"),
      // ---- learning ----
      real("learning.hazard_growth", &P::hazard_growth, 0.0025, 0.0, 1.0, "per day",
           "Daily growth of a ward's latent hazard toward 1 (new risks, organisational "
           "forgetting).",
           "calibrated; Cooke & Rohleder 2006"),
      real("learning.fix_effect", &P::fix_effect, 0.05, 0.0, 1.0, "1",
           "Share of a ward's latent hazard removed by one completed fix.", "calibrated"),
      real("learning.training_fix_boost", &P::training_fix_boost, 0.5, 0.0, 10.0, "1",
           "Relative increase of the fix effect at full training investment (QI skills).",
           "Berwick 2013"),
      real("learning.initial_latent", &P::initial_latent, 0.25, 0.0, 1.0, "1",
           "Latent hazard of every ward at the start.", "calibrated"),
      real("learning.board_action_fixes", &P::board_action_fixes, 2.0, 0.0, 100.0, "fixes per ward",
           "Fixes started on every ward by a month of full board action.", "assumption"),
      real("learning.walkround_fixes", &P::walkround_fixes, 3.0, 0.0, 100.0, "fixes",
           "Fixes started on a ward when the board acts on an issue raised on a walkround.",
           "assumption"),
      real("learning.walkround_futility_step", &P::walkround_futility_step, 0.2, 0.0, 1.0, "1",
           "Step of every ward member's futility toward 0 (issue acted on) or 1 (ignored) "
           "after a walkround on which an issue was raised.",
           "Singer & Tucker 2014 (walkrounds backfire without follow-up)"),
      real("learning.walkround_word_of_mouth", &P::walkround_word_of_mouth, 0.5, 0.0, 1.0, "1",
           "Share of the walkround futility step felt by the trust's staff on wards not visited "
           "(they hear what became of the issue).",
           "assumption; Singer & Tucker 2014 (safety climate falls trust-wide without follow-up)"),
      real("learning.walkround_attention_step", &P::walkround_attention_step, 0.25, 0.0, 1.0, "1",
           "Step of the board's attention to safety toward 1 each time it acts on an issue raised "
           "on a walkround.",
           "assumption; walkrounds exist to engage leaders with safety (Frankel et al. 2003)"),
      // ---- complaints ----
      real("complaints.harmed_probability", &P::complaint_harmed_probability, 0.25, 0.0, 1.0, "1",
           "Chance a harmed patient or family complains at discharge or death.", "assumption"),
      real("complaints.base_probability", &P::complaint_base_probability, 0.01, 0.0, 1.0, "1",
           "Chance an unharmed patient complains at discharge, at reference burnout.",
           "assumption"),
      real("complaints.burnout_weight", &P::complaint_burnout_weight, 1.0, 0.0, 20.0, "log-odds",
           "Complaint odds per unit ward mean burnout above the reference.", "assumption"),
      real("complaints.reference_rate", &P::complaint_reference, 4.0, 0.01, 1000.0,
           "per 1,000 bed-days",
           "National norm for complaints against which the board and the regulator read a "
           "trust's complaint rate.",
           "calibrated"),
      // ---- targets ----
      lever(real("targets.ae_standard", &P::ae_standard, 0.95, 0.0, 1.0, "1",
                 "4-hour A&E standard: share of attendances to leave within 4 hours.",
                 "BMJ 2005 (98% from 2005, 95% from 2010)")),
      lever(real("targets.rtt_standard", &P::rtt_standard, 0.92, 0.0, 1.0, "1",
                 "18-week referral-to-treatment standard (incomplete pathways).", "QualityWatch")),
      real("targets.ae_arrivals_per_bed", &P::ae_arrivals_per_bed, 0.25, 0.0, 10.0, "per day",
           "A&E attendances per bed per day.", "assumption"),
      real("targets.ae_median_minutes", &P::ae_median_minutes, 97.0, 1.0, 1000.0, "minute",
           "Median time in A&E at reference occupancy, delays and target focus.",
           "calibrated (75% leave within 3 h: NHS IC 2009)"),
      real("targets.ae_spread", &P::ae_spread, 0.6, 0.01, 5.0, "1",
           "Standard deviation of log time in A&E.", "assumption"),
      real("targets.ae_occupancy_weight", &P::ae_occupancy_weight, 3.0, 0.0, 50.0, "log-minute",
           "Log median time in A&E per unit bed occupancy above 0.9 (exit block).",
           "Lane et al. 2000"),
      real("targets.ae_delayed_weight", &P::ae_delayed_weight, 2.0, 0.0, 50.0, "log-minute",
           "Log median time in A&E per unit share of beds held by delayed discharges.",
           "Wolstenholme et al. 2007"),
      real("targets.ae_effort_weight", &P::ae_effort_weight, 0.2, 0.0, 10.0, "log-minute",
           "Log median time in A&E removed per unit trust mean target focus above the "
           "reference: the real gain from targets.",
           "Propper et al. 2010; Kelman & Friedman 2009"),
      real("targets.gaming_intercept", &P::gaming_intercept, 0.0, -20.0, 20.0, "logit",
           "Intercept of a trust's threshold gaming.", "calibrated"),
      real("targets.gaming_pressure_weight", &P::gaming_pressure_weight, 5.0, 0.0, 50.0, "logit",
           "Gaming per unit mean manager felt pressure above 0.5.", "Bevan & Hood 2006"),
      real("targets.gaming_balance_weight", &P::gaming_balance_weight, 2.0, 0.0, 50.0, "logit",
           "Gaming removed when targets are fully balanced with safety.", "Francis 2013"),
      real("targets.voice_gaming_weight", &P::voice_gaming_weight, 1.0, 0.0, 10.0, "logit",
           "Gaming removed at full clinician voice (clinicians refuse to move patients to meet the "
           "clock).",
           "assumption"),
      real("targets.threshold_window", &P::threshold_window, 180.0, 0.0, 1000.0, "minute",
           "Patients who would leave within this many minutes after 4 hours can be moved out "
           "just before it (clock-stopping moves).",
           "BBC 2013; NHS IC 2009"),
      real("targets.reporting_distortion", &P::reporting_distortion, 0.6, 0.0, 1.0, "1",
           "Share of remaining 4-hour breaches hidden from official figures at full gaming.",
           "calibrated to 96% official vs 77% experienced (Bevan & Hood 2006)"),
      real("targets.elective_referrals_per_bed", &P::elective_referrals_per_bed, 0.35, 0.0, 100.0,
           "per week", "Elective referrals per bed per week.", "assumption"),
      real("targets.elective_capacity", &P::elective_capacity, 0.13, 0.0, 1.0, "per week",
           "Share of the elective waiting list treated per week at reference conditions (clinics "
           "flex with the list, so the list settles where treatments match referrals).",
           "calibrated (18-week share ~0.92: QualityWatch)"),
      real("targets.elective_effort_weight", &P::elective_effort_weight, 0.2, 0.0, 10.0, "1",
           "Log elective capacity per unit trust mean target focus above the reference.",
           "Propper et al. 2010"),
      real("targets.resourcing_capacity_weight", &P::resourcing_capacity_weight, 0.1, 0.0, 2.0, "1",
           "Log gain in elective capacity, and log fall in the median A&E time, per unit of target "
           "stringency fully resourced.",
           "assumption; Francis 2013"),
      real("targets.autonomy_capacity_weight", &P::autonomy_capacity_weight, 0.1, 0.0, 2.0, "1",
           "Log gain in elective capacity at full local autonomy (local prioritisation of theatre "
           "and clinic time).",
           "assumption; NHS Confederation 2007 and Morgan 2008 ('real autonomy')"),
      real("targets.rtt_priority_share", &P::rtt_priority_share, 0.1, 0.0, 1.0, "1",
           "Share of elective capacity given first to patients about to breach 18 weeks, at full "
           "gaming.",
           "Bevan & Hood 2006 (threshold effects)"),
      real("targets.rtt_distortion", &P::rtt_distortion, 0.3, 0.0, 1.0, "1",
           "Share of 18-week breaches hidden from official figures at full gaming.",
           "Bevan & Hood 2006 (output distortion)"),
      // ---- board beliefs and attention ----
      real("board.quality_aspiration", &P::quality_aspiration, 10.0, 0.0, 1000.0,
           "harm per 1,000 bed-days",
           "The harm rate the board regards as normal; also what it assumes of a ward whose "
           "staff say nothing on a walkround.",
           "calibrated (= harm.base_hazard * 1,000)"),
      real("board.incident_reference", &P::incident_reference, 9.8, 0.001, 1000.0,
           "per 1,000 bed-days",
           "National norm of recorded incidents; the board reads its recorded incident rate "
           "relative to it as relative harm.",
           "calibrated"),
      real("board.forward_reference", &P::forward_reference, 5.7, 0.001, 1000.0,
           "per 1,000 bed-days", "Norm of concerns forwarded to the board.", "calibrated"),
      real("board.incident_weight", &P::incident_weight, 0.3, 0.0, 1.0, "per month",
           "Weight of the recorded-incident channel in the board's monthly update.", "assumption"),
      real("board.disclosure_weight", &P::disclosure_weight, 0.3, 0.0, 1.0, "per month",
           "Weight of harm disclosed under a full duty of candour in the board's monthly update "
           "(disclosures read as the known share openness.candour_disclosure of the harm that "
           "happened).",
           "assumption; Francis 2013 (candour as information)"),
      real("board.forward_weight", &P::forward_weight, 0.2, 0.0, 1.0, "per month",
           "Weight of concerns forwarded by managers.", "assumption"),
      real("board.complaint_weight", &P::complaint_weight, 0.2, 0.0, 1.0, "per month",
           "Weight of complaints at openness.complaints_heard = 1.", "assumption"),
      real("board.walkround_weight", &P::walkround_weight, 0.4, 0.0, 1.0, "per month",
           "Weight of walkround observations at 4 or more visits a month.", "assumption"),
      real("board.mortality_weight", &P::mortality_weight, 0.05, 0.0, 1.0, "per month",
           "Weight of the mortality ratio without systematic quality information.",
           "Jarman 2013 (alerts viewed 847 times, dismissed)"),
      lever(real("board.quality_information", &P::quality_information, 0.0, 0.0, 1.0, "1",
                 "Systematic quality information to the board: adds up to 0.3 to the mortality "
                 "channel's weight.",
                 "HCC 2008/2009")),
      real("board.mortality_to_harm", &P::mortality_to_harm, 4.0, 0.0, 100.0, "1",
           "How the board turns a mortality ratio into a harm estimate: aspiration * (1 + k * "
           "(ratio - 1)).",
           "calibrated (about 1 / share of deaths from harm)"),
      real("board.target_belief_weight", &P::target_belief_weight, 0.5, 0.0, 1.0, "per month",
           "Weight of the month's official target figures in perceived target performance.",
           "assumption"),
      real("board.attention_half_life", &P::attention_half_life, 90.0, 1.0, 3650.0, "day",
           "Half-life of the board's attention to safety moving toward its target.", "assumption"),
      real("board.attention_intercept", &P::attention_intercept, 0.0, -20.0, 20.0, "logit",
           "Intercept of the board's attention to safety (vs targets).", "assumption"),
      real("board.attention_balance_weight", &P::attention_balance_weight, 2.0, 0.0, 20.0, "logit",
           "Attention to safety added when targets are fully balanced with safety.",
           "Francis 2013"),
      real("board.attention_pressure_weight", &P::attention_pressure_weight, 3.0, 0.0, 20.0,
           "logit", "Attention to safety removed per unit board felt pressure above 0.5.",
           "Jha & Epstein 2009 (finance 93% vs quality 63% of agendas)"),
      real("board.attention_quality_weight", &P::attention_quality_weight, 3.0, 0.0, 20.0, "logit",
           "Attention to safety per unit relative excess of perceived harm over aspiration.",
           "assumption"),
      real("board.action_gain", &P::action_gain, 2.0, 0.0, 50.0, "1",
           "Board action per unit relative excess of perceived harm (capped at 1) before "
           "attention.",
           "assumption"),
      // ---- manager-clinician relationship ----
      real("relationship.initial_trust", &P::initial_trust, 0.35, 0.0, 1.0, "1",
           "Manager-clinician trust on a ward when its manager is new (churn resets trust).",
           "NHS Confederation 2007"),
      real("relationship.half_life", &P::trust_half_life, 180.0, 1.0, 3650.0, "day",
           "Half-life of trust building, shortened by relationship.development_speedup at full "
           "relationship development.",
           "assumption"),
      real("relationship.development_speedup", &P::development_speedup, 0.5, 0.0, 0.99, "1",
           "Share by which full relationship development shortens the half-life of "
           "manager-clinician trust (the half-life is scaled by 1 - speedup * development).",
           "assumption"),
      real("relationship.intercept", &P::trust_intercept, 0.0, -20.0, 20.0, "logit",
           "Intercept of the trust target.", "assumption"),
      real("relationship.development_weight", &P::trust_development_weight, 2.0, 0.0, 20.0, "logit",
           "Trust target per unit relationship development.", "assumption"),
      real("relationship.style_weight", &P::trust_style_weight, 1.0, 0.0, 20.0, "logit",
           "Trust target per unit (2 * relational style - 1) of the ward's manager.", "assumption"),
      real("relationship.punishment_weight", &P::trust_punishment_weight, 0.3, 0.0, 20.0, "logit",
           "Largest reduction of the trust target by the ward's memory of punished concerns: "
           "weight * M / (M + fear.punishment_memory_scale).",
           "assumption"),
  };
}

const std::vector<Entry>& entries() {
  static const std::vector<Entry> all = table();  // immutable after first use
  return all;
}

// What each parameter stands for (sim::ParameterKind). Levers are marked in
// the table (lever(...)): what the centre, a regulator or a board can set
// directly. Settings only define the run's outputs; a value fitted to
// national figures is calibrated (its source says so); the size and make-up
// of trusts, their patients and the labour market is structure; everything
// else is behaviour.
sim::ParameterKind kind_of(const Entry& entry) {
  const auto& p = entry.spec;
  using Kind = sim::ParameterKind;
  static const std::set<std::string_view> settings = {
      "regulator.problem_threshold", "leadership.competent_level", "system.burn_in_days",
      "system.burn_in_with_scenario"};
  static const std::set<std::string_view> structure = {"staffing.social_care_need",
                                                       "staffing.skill_mean",
                                                       "staffing.new_hire_skill_share",
                                                       "leadership.competence_mean",
                                                       "leadership.relational_style_mean",
                                                       "leadership.misconduct_rate",
                                                       "leadership.candidate_pool",
                                                       "leadership.initial_pool",
                                                       "leadership.pool_competence_mean",
                                                       "leadership.pool_misconduct_share",
                                                       "leadership.history_detection_references",
                                                       "leadership.history_detection_database",
                                                       "targets.ae_arrivals_per_bed",
                                                       "targets.elective_referrals_per_bed",
                                                       "harm.harm_share_of_incidents"};
  if (p.kind == Kind::lever)  // marked in the table
    return Kind::lever;
  if (settings.contains(p.name))
    return Kind::setting;
  if (p.source.find("calibrated") != std::string::npos)
    return Kind::calibrated;
  // Fixed when a run is created (the table's structure mark), or the make-up of
  // trusts, patients and the labour market.
  if (p.structural || p.name.starts_with("system.") || p.name.starts_with("trust.") ||
      structure.contains(p.name))
    return Kind::structure;
  return Kind::behaviour;
}

}  // namespace

std::vector<sim::ParameterSpec> parameter_specs() {
  std::vector<sim::ParameterSpec> specs;
  for (const auto& e : entries()) {
    specs.push_back(e.spec);
    specs.back().kind = kind_of(e);
  }
  return specs;
}

Params default_params() {
  Params p{};
  for (const auto& e : entries())
    p.*(e.field) = e.spec.default_value;
  return p;
}

Params burn_in_params(const Params& run, const sim::ParameterSet* burn_in) {
  Params p = run;
  for (const auto& e : entries()) {
    if (e.spec.kind == sim::ParameterKind::lever)
      p.*(e.field) = burn_in != nullptr ? burn_in->real(e.spec.name) : e.spec.default_value;
  }
  return p;
}

Params keep_structure(Params next, const Params& built) {
  for (const auto& e : entries()) {
    if (e.spec.structural)
      next.*(e.field) = built.*(e.field);
  }
  return next;
}

Params read_params(const sim::ParameterSet& set) {
  Params p{};
  for (const auto& e : entries())
    p.*(e.field) = set.real(e.spec.name);
  return p;
}

}  // namespace candour::models::nhs
