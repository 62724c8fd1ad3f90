// Loop 8, the regulator, and loop 6, surveillance's double edge. Monthly, the
// centre collects each trust's signals, counts true problems and whether any
// channel saw them, and closes investigations whose fieldwork is done.
// Quarterly, it scores each trust's signals, refers some and investigates a
// few. Surveillance raises the chance a problem is seen here, and (in
// pressure.cpp and leadership.cpp) the fear that silences the wards.
#include <algorithm>
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/distributions.hpp"

namespace candour::models::nhs {

namespace {

// The alert score of a trust's reported signals: mortality ratio excess (in
// units of regulator.smr_alert_unit) plus the relative excess of complaints.
double alert_score(const State& s, const Params& p, std::size_t t) {
  const auto& tally = s.tallies;
  const double expected = tally.window(t, Tally::expected_deaths, 365);
  const double ratio = expected > 0 ? tally.window(t, Tally::deaths, 365) / expected : 1.0;
  const double bed_days = tally.window(t, Tally::bed_days, 90);
  const double complaints =
      bed_days > 0 ? 1000.0 * tally.window(t, Tally::complaints, 90) / bed_days : 0.0;
  return std::max(0.0, ratio - 1.0) / p.smr_alert_unit +
         p.complaint_alert_weight * std::max(0.0, complaints / p.complaint_reference - 1.0);
}

// The inquiry is over: the formal investigation starts, its delay from the
// trust's first alert is counted, and the news weighs on every trust.
void start_investigation(State& s, const Params& p, std::size_t t, Day day) {
  auto& T = s.trusts;
  s.tallies.add(t, Tally::investigations, 1);
  if (T.first_alert[t] != kNoDay) {
    s.tallies.add(t, Tally::alerted_investigations, 1);
    s.tallies.add(t, Tally::alert_to_investigation_days,
                  static_cast<double>(day - T.first_alert[t]));
  }
  T.inquiry_end[t] = kNoDay;
  T.under_investigation[t] = 1;
  T.investigation_end[t] = static_cast<std::int32_t>(day + std::llround(p.investigation_duration));
  // News of one investigation among N trusts weighs on each less: 1 / sqrt(N).
  s.centre.fear_climate += p.fear_shock / std::sqrt(static_cast<double>(s.layout.trusts));
}

void conclude_investigation(State& s, const Params& p, const Context& c, std::size_t t, Day day) {
  const auto& L = s.layout;
  auto& T = s.trusts;
  // The findings reveal true quality to the (new) board.
  const double bed_days = s.tallies.window(t, Tally::bed_days, 90);
  if (bed_days > 0)
    T.perceived_harm[t] = 1000.0 * s.tallies.window(t, Tally::harm, 90) / bed_days;
  replace_leadership_after_investigation(s, t, p, c, day);
  T.attention[t] = std::max(T.attention[t], 0.9);
  for (std::size_t w = L.wards_of_trust.begin(t); w < L.wards_of_trust.end(t); ++w) {
    auto& e = s.wards.establishment[w];
    e += p.staffing_restoration * std::max(0.0, s.wards.initial_establishment[w] - e);
  }
  T.under_investigation[t] = 0;
  T.first_alert[t] = kNoDay;
}

}  // namespace

void regulator_data(State& s, const Params& p, const Context& c, Day day) {
  const auto& L = s.layout;
  auto& T = s.trusts;
  auto& W = s.wards;
  for (std::size_t t = 0; t < L.trusts; ++t) {
    if (T.inquiry_end[t] != kNoDay && T.inquiry_end[t] <= day)
      start_investigation(s, p, t, day);
    if (T.under_investigation[t] && T.investigation_end[t] <= day)
      conclude_investigation(s, p, c, t, day);
    // The regulator looks closely at a trust under scrutiny (referred in the
    // last 92 days, under inquiry or under investigation); otherwise its routine
    // monitoring looks at a ward's data with a chance that saturates in surveillance.
    const bool scrutiny =
        T.under_investigation[t] || T.inquiry_end[t] != kNoDay || day - T.last_referral[t] < 92;
    const double looked_at =
        scrutiny ? 1.0 : -std::expm1(-p.monitoring_rate * effective_surveillance(p));
    double problems = 0, detected = 0;
    for (std::size_t w = L.wards_of_trust.begin(t); w < L.wards_of_trust.end(t); ++w) {
      if (W.latent[w] >= p.problem_threshold) {
        problems += 1;
        if (W.forwarded_this_month[w] > 0 || W.walkround_issue_this_month[w] > 0) {
          detected += 1;
        } else {
          // The regulator finds the problem from the records or, failing that,
          // because the ward's staff tell its inspectors (as on a walkround); the
          // tally adds that chance rather than drawing it.
          const double disclosed = (1.0 - W.mean_fear[w]) * (1.0 - W.mean_futility[w]);
          detected += looked_at * (1.0 - (1.0 - p.inspection_coverage) * (1.0 - disclosed));
        }
      }
      W.forwarded_this_month[w] = 0;
      W.walkround_issue_this_month[w] = 0;
    }
    s.tallies.add(t, Tally::problem_wards, problems);
    s.tallies.add(t, Tally::problem_wards_detected, detected);
  }
}

void regulator_assessment(State& s, const Params& p, const Context& c, Day day) {
  auto& T = s.trusts;
  const auto step = static_cast<std::uint64_t>(day);
  for (std::size_t t = 0; t < s.layout.trusts; ++t) {
    const double score = alert_score(s, p, t);
    T.alert_score[t] = score;
    // The first alert of the current episode of alerts: a year without one
    // ends the episode, so a trust that alerted once long ago and then
    // recovered is not counted as having waited since.
    if (score >= p.referral_threshold) {
      s.tallies.add(t, Tally::alerts, 1);
      if (T.first_alert[t] == kNoDay)
        T.first_alert[t] = static_cast<std::int32_t>(day);
      T.last_alert[t] = static_cast<std::int32_t>(day);
    } else if (T.first_alert[t] != kNoDay && day - T.last_alert[t] >= sim::kDaysPerYear) {
      T.first_alert[t] = kNoDay;
    }
    if (T.under_investigation[t] || T.inquiry_end[t] != kNoDay)
      continue;  // already in the regulator's hands
    const double hazard = effective_surveillance(p) *
                          (p.background_referral_rate +
                           p.referral_weight * std::max(0.0, score - p.referral_threshold));
    auto rng = c.streams.regulator.rng(step, t);
    const double u_refer = sim::uniform(rng), u_investigate = sim::uniform(rng);
    if (u_refer >= -std::expm1(-hazard))
      continue;
    s.tallies.add(t, Tally::referrals, 1);
    T.last_referral[t] = static_cast<std::int32_t>(day);
    const double p_investigate =
        p.investigation_probability * std::min(1.0, score / p.investigation_threshold);
    if (u_investigate >= p_investigate)
      continue;
    // Decided: the regulator's inquiries (information from the trust, a
    // review of its data) come before the formal investigation.
    T.inquiry_end[t] = static_cast<std::int32_t>(day + std::llround(p.inquiry_time));
    if (T.inquiry_end[t] <= day)
      start_investigation(s, p, t, day);
  }
}

}  // namespace candour::models::nhs
