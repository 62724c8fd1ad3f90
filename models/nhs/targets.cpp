// Loop 5, target focus versus care, at the front door (4-hour A&E standard)
// and on the elective waiting list (18 weeks). Targets work partly for real
// (target focus shortens waits and raises elective capacity) and partly by
// gaming (patients moved out just before 4 hours; breaches hidden from the
// official figures), so official and experienced performance diverge.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/distributions.hpp"

namespace candour::models::nhs {

namespace {

double gaming_share(const Params& p, const Trusts& T, std::size_t t) {
  // Clinicians with a voice refuse to move patients to meet the clock.
  return logistic(p.gaming_intercept + p.gaming_pressure_weight * (T.manager_pressure[t] - 0.5) -
                  p.gaming_balance_weight * p.balanced_with_safety -
                  p.voice_gaming_weight * p.clinician_voice);
}

}  // namespace

void emergency_department(State& s, const Params& p, const Context& c, Day day) {
  auto& T = s.trusts;
  for (std::size_t t = 0; t < s.layout.trusts; ++t) {
    const double occupancy = T.beds[t] > 0 ? T.patients[t] / T.beds[t] : 0.0;
    const double delayed_share = T.beds[t] > 0 ? T.delayed[t] / T.beds[t] : 0.0;
    const double mu = std::log(p.ae_median_minutes) + p.ae_occupancy_weight * (occupancy - 0.9) +
                      p.ae_delayed_weight * delayed_share -
                      p.ae_effort_weight * (T.mean_focus[t] - p.focus_reference) -
                      p.resourcing_capacity_weight * p.target_resourcing * p.target_stringency;
    auto share_within = [&](double minutes) {
      return normal_cdf((std::log(minutes) - mu) / p.ae_spread);
    };
    const double within = share_within(240.0);
    const double gaming = gaming_share(p, T, t);
    T.gaming[t] = gaming;
    // Threshold gaming: patients who would leave soon after 4 hours are moved
    // out (admitted, parked in a decision unit) in the 10 minutes before it.
    const double moved = gaming * (share_within(240.0 + p.threshold_window) - within);
    const double bunched = (within - normal_cdf((std::log(230.0) - mu) / p.ae_spread)) + moved;
    const double official =
        within + moved + p.reporting_distortion * gaming * (1.0 - within - moved);
    auto rng = c.streams.emergency.rng(static_cast<std::uint64_t>(day), t);
    const auto attendances =
        static_cast<double>(sim::poisson(rng, p.ae_arrivals_per_bed * T.beds[t]));
    s.tallies.add(t, Tally::ae_attendances, attendances);
    s.tallies.add(t, Tally::ae_official, attendances * official);
    s.tallies.add(t, Tally::ae_experienced, attendances * within);
    s.tallies.add(t, Tally::ae_bunched, attendances * bunched);
    // What the board and the centre read: the last 30 days (with today's,
    // which the totals already hold).
    const double seen = s.tallies.window(t, Tally::ae_attendances, 30);
    if (seen > 0) {
      T.ae_official[t] = s.tallies.window(t, Tally::ae_official, 30) / seen;
      T.ae_experienced[t] = s.tallies.window(t, Tally::ae_experienced, 30) / seen;
      T.ae_bunching[t] = s.tallies.window(t, Tally::ae_bunched, 30) / seen;
    }
  }
}

namespace {

// Treats up to `amount` patients from the bins in `order`; returns what is left.
double treat(std::array<double, kWeekBins>& bins, double amount, const std::vector<int>& order) {
  for (int b : order) {
    if (amount <= 0)
      break;
    const double taken = std::min(amount, bins[static_cast<std::size_t>(b)]);
    bins[static_cast<std::size_t>(b)] -= taken;
    amount -= taken;
  }
  return amount;
}

}  // namespace

void elective_waiting_list(State& s, const Params& p, const Context& c, Day day) {
  auto& T = s.trusts;
  const auto& L = s.layout;
  // The gaming order: those about to breach 18 weeks first.
  const std::vector<int> near_breach = {17, 16, 15, 14, 13, 12};
  for (std::size_t t = 0; t < L.trusts; ++t) {
    auto& bins = T.waiting[t];
    const double referrals_mean = p.elective_referrals_per_bed * T.beds[t];
    double funded = 0;
    for (std::size_t w = L.wards_of_trust.begin(t); w < L.wards_of_trust.end(t); ++w)
      funded += s.wards.initial_establishment[w];
    const double staffing = funded > 0 ? T.clinicians_present[t] / funded : 1.0;
    const double delayed_share = T.beds[t] > 0 ? T.delayed[t] / T.beds[t] : 0.0;
    const double listed = std::accumulate(bins.begin(), bins.end(), 0.0);
    double capacity =
        listed * std::min(1.0, p.elective_capacity * staffing * std::max(0.0, 1.0 - delayed_share) *
                                   std::exp(p.elective_effort_weight *
                                                (T.mean_focus[t] - p.focus_reference) +
                                            elective_capacity_gain(p)));
    // Clinical priority takes patients from every week alike; under gaming, a
    // share of the capacity goes first to those about to breach 18 weeks.
    const double gaming = T.gaming[t];
    const double unused = treat(bins, capacity * gaming * p.rtt_priority_share, near_breach);
    const double by_priority = capacity * (1.0 - gaming * p.rtt_priority_share) + unused;
    const double remaining = std::accumulate(bins.begin(), bins.end(), 0.0);
    if (remaining > 0) {
      const double share = std::min(1.0, by_priority / remaining);
      for (auto& b : bins)
        b -= share * b;
    }
    // A week passes.
    bins[kWeekBins - 1] += bins[kWeekBins - 2];
    for (std::size_t b = kWeekBins - 2; b > 0; --b)
      bins[b] = bins[b - 1];
    auto rng = c.streams.referrals.rng(static_cast<std::uint64_t>(day), t);
    bins[0] = static_cast<double>(sim::poisson(rng, referrals_mean));
    const double total = std::accumulate(bins.begin(), bins.end(), 0.0);
    const double within = std::accumulate(bins.begin(), bins.begin() + 18, 0.0);
    T.rtt_true[t] = total > 0 ? within / total : 1.0;
    T.rtt_official[t] = T.rtt_true[t] + p.rtt_distortion * gaming * (1.0 - T.rtt_true[t]);
  }
}

}  // namespace candour::models::nhs
