#pragma once
// The state of one NHS simulation as columns (structure of arrays): one
// std::vector per field, indexed by dense ids that never change during a run
// (a leaver's post keeps its id and the next hire takes it over). Groups are
// contiguous index ranges: wards within a trust, posts and beds within a ward,
// managers and board members within a trust.
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "sim/core/columns.hpp"
#include "sim/core/groups.hpp"
#include "sim/core/schedule.hpp"

namespace candour::models::nhs {

using sim::Day;

// Who sits where. Fixed at creation.
struct Layout {
  std::size_t trusts = 0;
  sim::GroupRanges wards_of_trust, managers_of_trust, board_of_trust;
  sim::GroupRanges posts_of_ward, beds_of_ward, wards_of_manager;
  std::vector<std::uint32_t> trust_of_ward, manager_of_ward, trust_of_manager, trust_of_board;
  std::vector<std::uint32_t> ward_of_post;
  std::vector<std::uint16_t> slot_in_ward;  // a post's index within its ward (funding order)
  std::vector<std::uint8_t> is_doctor;      // a post's staff type: nurse 0, doctor 1
};

// Clinicians, one entry per post (present = 0 while the post is vacant).
struct Clinicians {
  std::vector<std::uint8_t> present;
  std::vector<double> fear, burnout, focus, futility, skill;
  std::vector<double> boldness, resilience, skill_ceiling;  // traits drawn at hiring
  std::vector<double> belief;  // learned policy climate for speaking up (logit units of fear)
  std::vector<std::int32_t> hired_day, last_bullied_by_manager, last_bullied_by_colleague,
      last_witnessed;
  // Every column, named (sim/core/columns.hpp).
  static constexpr auto columns() {
    return std::tuple{
        sim::Column{"present", &Clinicians::present},
        sim::Column{"fear", &Clinicians::fear},
        sim::Column{"burnout", &Clinicians::burnout},
        sim::Column{"focus", &Clinicians::focus},
        sim::Column{"futility", &Clinicians::futility},
        sim::Column{"skill", &Clinicians::skill},
        sim::Column{"boldness", &Clinicians::boldness},
        sim::Column{"resilience", &Clinicians::resilience},
        sim::Column{"skill_ceiling", &Clinicians::skill_ceiling},
        sim::Column{"belief", &Clinicians::belief},
        sim::Column{"hired_day", &Clinicians::hired_day},
        sim::Column{"last_bullied_by_manager", &Clinicians::last_bullied_by_manager},
        sim::Column{"last_bullied_by_colleague", &Clinicians::last_bullied_by_colleague},
        sim::Column{"last_witnessed", &Clinicians::last_witnessed}};
  }
};
static_assert(sim::lists_every_column<Clinicians>());

// One entry per bed; a patient is an agent while she occupies it.
struct Beds {
  std::vector<std::uint8_t> occupied, harmed;
  std::vector<std::uint8_t> social_care;  // 0 none, 1 will need it, 2 waiting (delayed)
  std::vector<std::int16_t> days_left;
  std::vector<float> acuity;
  // Every column, named (sim/core/columns.hpp).
  static constexpr auto columns() {
    return std::tuple{
        sim::Column{"occupied", &Beds::occupied}, sim::Column{"harmed", &Beds::harmed},
        sim::Column{"social_care", &Beds::social_care}, sim::Column{"days_left", &Beds::days_left},
        sim::Column{"acuity", &Beds::acuity}};
  }
};
static_assert(sim::lists_every_column<Beds>());

// Leaders: managers and board members share their fields.
struct Leaders {
  std::vector<double> fear, competence, style;
  std::vector<std::uint8_t> misconduct, recycled;
  std::vector<std::int32_t> hired_day;
  // Every column, named (sim/core/columns.hpp).
  static constexpr auto columns() {
    return std::tuple{sim::Column{"fear", &Leaders::fear},
                      sim::Column{"competence", &Leaders::competence},
                      sim::Column{"style", &Leaders::style},
                      sim::Column{"misconduct", &Leaders::misconduct},
                      sim::Column{"recycled", &Leaders::recycled},
                      sim::Column{"hired_day", &Leaders::hired_day}};
  }
};
static_assert(sim::lists_every_column<Leaders>());

struct Wards {
  // state
  std::vector<double> latent, pending_fixes, trust, establishment, initial_establishment,
      punishment_memory, harm_rate;  // harm_rate: 30-day half-life average per 1,000 bed-days
  std::vector<std::int32_t> forwarded_this_month, walkround_issue_this_month;
  // today's events, from patient care, read by speaking up
  std::vector<std::int32_t> incidents_today, harm_today;
  // aggregates of day t, computed first each day
  std::vector<double> present, nurses_present, patients, delayed, patients_per_nurse, vacancy_rate,
      mean_fear, mean_burnout, mean_focus, mean_skill, mean_futility, harm_multiplier;
  // Every column, named (sim/core/columns.hpp).
  static constexpr auto columns() {
    return std::tuple{sim::Column{"latent", &Wards::latent},
                      sim::Column{"pending_fixes", &Wards::pending_fixes},
                      sim::Column{"trust", &Wards::trust},
                      sim::Column{"establishment", &Wards::establishment},
                      sim::Column{"initial_establishment", &Wards::initial_establishment},
                      sim::Column{"punishment_memory", &Wards::punishment_memory},
                      sim::Column{"harm_rate", &Wards::harm_rate},
                      sim::Column{"forwarded_this_month", &Wards::forwarded_this_month},
                      sim::Column{"walkround_issue_this_month", &Wards::walkround_issue_this_month},
                      sim::Column{"incidents_today", &Wards::incidents_today},
                      sim::Column{"harm_today", &Wards::harm_today},
                      sim::Column{"present", &Wards::present},
                      sim::Column{"nurses_present", &Wards::nurses_present},
                      sim::Column{"patients", &Wards::patients},
                      sim::Column{"delayed", &Wards::delayed},
                      sim::Column{"patients_per_nurse", &Wards::patients_per_nurse},
                      sim::Column{"vacancy_rate", &Wards::vacancy_rate},
                      sim::Column{"mean_fear", &Wards::mean_fear},
                      sim::Column{"mean_burnout", &Wards::mean_burnout},
                      sim::Column{"mean_focus", &Wards::mean_focus},
                      sim::Column{"mean_skill", &Wards::mean_skill},
                      sim::Column{"mean_futility", &Wards::mean_futility},
                      sim::Column{"harm_multiplier", &Wards::harm_multiplier}};
  }
};
static_assert(sim::lists_every_column<Wards>());

// Managers' per-day pressure (computed by the pressure cascade).
struct ManagerPressure {
  std::vector<double> felt;          // pressure the manager feels from the board
  std::vector<double> passed_logit;  // logit of the pressure she passes to clinicians
  // Every column, named (sim/core/columns.hpp).
  static constexpr auto columns() {
    return std::tuple{sim::Column{"felt", &ManagerPressure::felt},
                      sim::Column{"passed_logit", &ManagerPressure::passed_logit}};
  }
};
static_assert(sim::lists_every_column<ManagerPressure>());

inline constexpr std::size_t kWeekBins = 53;  // elective waits: weeks 0..51, and 52+

struct Trusts {
  std::vector<double> size, culture, finance_offset, cost_improvement;
  // board
  std::vector<double> board_pressure, board_passed_logit, perceived_harm, perceived_targets,
      attention;
  std::vector<double> walkround_observed_sum;  // this month's walkround observations
  std::vector<double> board_response_memory;   // walkround issues acted on, decaying
  std::vector<double> distraction;  // a board's distraction by reorganisation (0..1), decaying
  std::vector<std::int32_t> walkround_observations;
  // targets
  std::vector<double> gaming, ae_official, ae_experienced, ae_bunching, rtt_true, rtt_official;
  std::vector<std::array<double, kWeekBins>> waiting;
  // regulator
  std::vector<std::uint8_t> under_investigation;
  std::vector<std::int32_t> inquiry_end, investigation_end, first_alert, last_alert, last_referral;
  std::vector<double> alert_score;
  // aggregates of day t
  std::vector<double> patients, beds, delayed, clinicians_present, mean_focus, manager_pressure,
      manager_fear;
  // Every column, named (sim/core/columns.hpp).
  static constexpr auto columns() {
    return std::tuple{sim::Column{"size", &Trusts::size},
                      sim::Column{"culture", &Trusts::culture},
                      sim::Column{"finance_offset", &Trusts::finance_offset},
                      sim::Column{"cost_improvement", &Trusts::cost_improvement},
                      sim::Column{"board_pressure", &Trusts::board_pressure},
                      sim::Column{"board_passed_logit", &Trusts::board_passed_logit},
                      sim::Column{"perceived_harm", &Trusts::perceived_harm},
                      sim::Column{"perceived_targets", &Trusts::perceived_targets},
                      sim::Column{"attention", &Trusts::attention},
                      sim::Column{"walkround_observed_sum", &Trusts::walkround_observed_sum},
                      sim::Column{"board_response_memory", &Trusts::board_response_memory},
                      sim::Column{"distraction", &Trusts::distraction},
                      sim::Column{"walkround_observations", &Trusts::walkround_observations},
                      sim::Column{"gaming", &Trusts::gaming},
                      sim::Column{"ae_official", &Trusts::ae_official},
                      sim::Column{"ae_experienced", &Trusts::ae_experienced},
                      sim::Column{"ae_bunching", &Trusts::ae_bunching},
                      sim::Column{"rtt_true", &Trusts::rtt_true},
                      sim::Column{"rtt_official", &Trusts::rtt_official},
                      sim::Column{"waiting", &Trusts::waiting},
                      sim::Column{"under_investigation", &Trusts::under_investigation},
                      sim::Column{"inquiry_end", &Trusts::inquiry_end},
                      sim::Column{"investigation_end", &Trusts::investigation_end},
                      sim::Column{"first_alert", &Trusts::first_alert},
                      sim::Column{"last_alert", &Trusts::last_alert},
                      sim::Column{"last_referral", &Trusts::last_referral},
                      sim::Column{"alert_score", &Trusts::alert_score},
                      sim::Column{"patients", &Trusts::patients},
                      sim::Column{"beds", &Trusts::beds},
                      sim::Column{"delayed", &Trusts::delayed},
                      sim::Column{"clinicians_present", &Trusts::clinicians_present},
                      sim::Column{"mean_focus", &Trusts::mean_focus},
                      sim::Column{"manager_pressure", &Trusts::manager_pressure},
                      sim::Column{"manager_fear", &Trusts::manager_fear}};
  }
};
static_assert(sim::lists_every_column<Trusts>());

// The centre: what couples trusts.
struct Centre {
  double fear_climate = 0.0;
  double pool = 0.0;             // dismissed managers on the job market
  double pool_competence = 0.3;  // their mean competence
  double pool_misconduct = 0.4;  // their share prone to misconduct
  std::int64_t barred = 0;       // struck off
};

// Counts kept per trust, cumulative since day 0, with a history of end-of-day
// totals as long as each is read through a trailing window (longest_window).
enum class Tally : std::size_t {
  harm,
  harm_deaths,
  deaths,
  expected_deaths,
  bed_days,
  incidents,
  recorded_incidents,
  disclosed_harm,  // harm events disclosed under the duty of candour (also recorded incidents)
  concerns_seen,
  concerns_raised,
  concerns_addressed,
  concerns_punished,
  concerns_forwarded,
  bullying_by_manager,
  bullying_by_colleague,
  complaints,
  clinician_leavers,
  clinician_hires,
  clinician_spell_days,  // completed spells of leavers, in days
  clinician_days,        // headcount-days (turnover denominator)
  manager_leavers,
  manager_dismissals,
  manager_spell_days,
  manager_days,
  board_leavers,
  board_spell_days,  // completed spells of board members who left, in days
  board_days,        // board seat-days (turnover denominator)
  reorganisations,
  walkrounds,
  walkround_issues,
  walkround_acted,
  alerts,
  referrals,
  investigations,
  alerted_investigations,       // investigations of trusts that had raised an alert
  alert_to_investigation_days,  // summed over those
  ae_attendances,
  ae_official,
  ae_experienced,
  ae_bunched,
  problem_wards,
  problem_wards_detected,
  nurse_patient_days,  // sum over ward-days of patients * patients per nurse
  count_               // number of tallies
};
inline constexpr std::size_t kTallyCount = static_cast<std::size_t>(Tally::count_);
inline constexpr std::size_t index_of(Tally t) {
  return static_cast<std::size_t>(t);
}

// The longest trailing window, in days, through which each tally is read
// (Tallies::window): its history keeps that many days and no more. Tallies
// read only as totals keep none. A full year for all of them was a third of
// a 5-year run's peak memory. Windows are read only up to these lengths;
// Tallies::window refuses a longer one, so a new reader that needs more
// must raise its tally here.
inline constexpr std::int64_t longest_window(Tally t) {
  switch (t) {
    case Tally::deaths:
    case Tally::expected_deaths:
    case Tally::clinician_leavers:
    case Tally::clinician_days:
    case Tally::manager_leavers:
    case Tally::manager_days:
    case Tally::manager_spell_days:
    case Tally::board_leavers:
    case Tally::board_days:
    case Tally::board_spell_days:
    case Tally::problem_wards:
    case Tally::problem_wards_detected:
      return 365;  // mortality ratio, turnover and tenure, problem detection
    case Tally::harm:
    case Tally::bed_days:
    case Tally::complaints:
      return 90;  // the regulator's data
    case Tally::recorded_incidents:
    case Tally::disclosed_harm:
    case Tally::incidents:
    case Tally::ae_attendances:
    case Tally::ae_official:
    case Tally::ae_experienced:
    case Tally::ae_bunched:
    case Tally::concerns_seen:
    case Tally::concerns_raised:
    case Tally::concerns_addressed:
    case Tally::concerns_punished:
    case Tally::concerns_forwarded:
      return 30;  // monthly rates and the board's reading of them
    default:
      return 0;
  }
}

// Days of end-of-day totals a window of longest_window(t) days reads back.
inline constexpr std::size_t history_days(Tally t) {
  const auto days = longest_window(t);
  return days > 0 ? static_cast<std::size_t>(days) + 1 : 0;
}

// Doubles of history per trust: every tally's ring together.
inline constexpr std::size_t history_per_trust() {
  std::size_t sum = 0;
  for (std::size_t k = 0; k < kTallyCount; ++k)
    sum += history_days(static_cast<Tally>(k));
  return sum;
}

class Tallies {
 public:
  void resize(std::size_t trusts) {
    total_.assign(trusts * kTallyCount, 0.0);
    origin_.assign(trusts * kTallyCount, 0.0);
    std::size_t offset = 0;
    for (std::size_t k = 0; k < kTallyCount; ++k) {
      ring_days_[k] = history_days(static_cast<Tally>(k));
      ring_offset_[k] = offset;
      offset += ring_days_[k] * trusts;
    }
    history_.assign(offset, 0.0);
    trusts_ = trusts;
    days_closed_ = 0;
  }
  void add(std::size_t trust, Tally t, double value) { total_[at(trust, t)] += value; }
  // Count since the origin (day 0 of the run, after any burn-in).
  double total(std::size_t trust, Tally t) const {
    return total_[at(trust, t)] - origin_[at(trust, t)];
  }
  // Ends a day: its totals become history, each tally's as far back as it is read.
  void close_day() {
    for (std::size_t k = 0; k < kTallyCount; ++k) {
      if (ring_days_[k] == 0)
        continue;
      double* day = &history_[row(k, days_closed_)];
      for (std::size_t trust = 0; trust < trusts_; ++trust)
        day[trust] = total_[trust * kTallyCount + k];
    }
    ++days_closed_;
  }
  // Boost.Serialization (a burn-in checkpoint; the archive's headers are the caller's).
  template <class Archive>
  void serialize(Archive& archive, unsigned /*version*/) {
    archive& days_closed_& trusts_& ring_days_& ring_offset_& total_& origin_& history_;
  }
  // Makes the current totals the origin of total(); windows still reach back.
  void set_origin() { origin_ = total_; }
  // Sum over the last `days` closed days and anything added since (fewer days
  // at the very start), for days up to longest_window(t).
  double window(std::size_t trust, Tally t, std::int64_t days) const {
    const std::size_t k = index_of(t);
    if (days < 0 || days >= static_cast<std::int64_t>(ring_days_[k]))
      throw std::logic_error("Tallies::window: a window longer than longest_window() keeps");
    const std::int64_t start = days_closed_ - days;  // history at the end of day start - 1
    if (start <= 0)
      return total_[at(trust, t)];
    return total_[at(trust, t)] - history_[row(k, start - 1) + trust];
  }

 private:
  static std::size_t at(std::size_t trust, Tally t) { return trust * kTallyCount + index_of(t); }
  // Where tally k's totals at the end of `day` start: one per trust.
  std::size_t row(std::size_t k, std::int64_t day) const {
    return ring_offset_[k] + (static_cast<std::size_t>(day) % ring_days_[k]) * trusts_;
  }
  std::int64_t days_closed_ = 0;
  std::size_t trusts_ = 0;
  std::array<std::size_t, kTallyCount> ring_days_{}, ring_offset_{};
  std::vector<double> total_, origin_, history_;
};

// Everything that changes during a run.
struct State {
  Layout layout;
  Clinicians clinicians;
  Beds beds;
  Leaders managers, board;
  ManagerPressure manager_pressure;
  Wards wards;
  Trusts trusts;
  Centre centre;
  Tallies tallies;
  // per-ward scratch counts for the day, summed into tallies in ward order
  std::vector<double> ward_counts;  // wards * kTallyCount
};

}  // namespace candour::models::nhs
