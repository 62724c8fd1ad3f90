// Daily patient care: harm and deaths, discharges and delayed discharges,
// complaints, admissions. Patients are agents while they occupy a bed; a bed
// keeps its id, and each patient's draws are keyed by (day, bed).
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/distributions.hpp"

namespace candour::models::nhs {

namespace {

// A stay is counted down in an int16; no stay comes near this cap (the mean
// is trust.length_of_stay times acuity), which only keeps the count in range.
constexpr std::int64_t kLongestStay = 30000;

// The ward's own running harm rate (what its staff see of harm, read by
// board attention and fear) forgets with a 30-day half-life, the horizon of
// the 30-day rates the board and regulator read.
constexpr double kHarmRateHalfLife = 30.0;

// Slots of nhs.harm's shared blocks (sim::SharedUniforms).
constexpr std::uint32_t kIncidentSlot = 0;
constexpr std::uint32_t kDeathSlot = 1;

void admit(Beds& B, std::size_t b, const Params& p, sim::AgentRng& rng) {
  const double acuity =
      std::exp(sim::normal(rng, 0.0, p.acuity_spread) - 0.5 * p.acuity_spread * p.acuity_spread);
  B.occupied[b] = 1;
  B.harmed[b] = 0;
  B.acuity[b] = static_cast<float>(acuity);
  const double mean_extra = std::max(0.0, p.length_of_stay * acuity - 1.0);
  B.days_left[b] = static_cast<std::int16_t>(
      std::min<std::int64_t>(1 + sim::poisson(rng, mean_extra), kLongestStay));
  B.social_care[b] = sim::uniform(rng) < social_care_need(p) ? 1 : 0;
}

}  // namespace

void patient_care(State& s, const Params& p, const Context& c, Day day) {
  const auto& L = s.layout;
  auto& B = s.beds;
  auto& W = s.wards;
  const auto step = static_cast<std::uint64_t>(day);
  const double expected_per_acuity = p.background_mortality + p.harm_base_hazard * p.fatal_share;
  const double social_exit = social_care_exit(p);
  const double harm_rate_step = adjustment_rate(kHarmRateHalfLife);
  const double disclose = p.duty_of_candour * p.candour_disclosure;
  c.executor.for_each(
      L.trust_of_ward.size(),
      [&](std::size_t w) {
        const double multiplier = W.harm_multiplier[w];
        const double complaint_odds =
            std::exp(p.complaint_burnout_weight * (W.mean_burnout[w] - p.burnout_reference));
        const double p_complain_unharmed =
            complaint_odds * p.complaint_base_probability /
            (1.0 - p.complaint_base_probability + complaint_odds * p.complaint_base_probability);
        // The two daily decisions of every occupied bed share Philox blocks
        // with the neighbouring beds; the rare incident draws its own.
        sim::SharedUniforms incident_draw(c.streams.harm, step, kIncidentSlot);
        sim::SharedUniforms death_draw(c.streams.harm, step, kDeathSlot);
        std::int32_t incidents = 0, harms = 0;
        double bed_days = 0, deaths = 0, harm_deaths = 0, expected = 0, complaints = 0,
               disclosed = 0;
        for (std::size_t b = L.beds_of_ward.begin(w); b < L.beds_of_ward.end(w); ++b) {
          if (B.occupied[b]) {
            const double acuity = B.acuity[b] * (B.social_care[b] == 2 ? p.delayed_acuity : 1.0);
            const double h = harm_hazard(p, acuity, multiplier);
            bed_days += 1;
            expected += expected_per_acuity * acuity;
            // Draws at fixed places: incident and background death every
            // day, harm and fatal on an incident.
            const double u_incident = incident_draw(b), u_death = death_draw(b);
            bool died = false;
            if (sim::happens(u_incident, h / p.harm_share_of_incidents)) {
              ++incidents;
              auto rng = c.streams.harm.rng(step, b);
              const double u_harm = sim::uniform(rng), u_fatal = sim::uniform(rng);
              if (u_harm < p.harm_share_of_incidents) {
                ++harms;
                B.harmed[b] = 1;
                if (disclose > 0) {
                  auto d = c.streams.complaint.rng(step, b, 1);
                  disclosed += sim::uniform(d) < disclose ? 1 : 0;
                }
                if (u_fatal < p.fatal_share) {
                  died = true;
                  harm_deaths += 1;
                }
              }
            }
            if (!died && sim::happens(u_death, p.background_mortality * acuity))
              died = true;
            bool leaves = died;
            if (!died) {
              if (B.days_left[b] > 0)
                --B.days_left[b];
              if (B.days_left[b] == 0) {
                if (B.social_care[b] == 1)
                  B.social_care[b] = 2;  // medically fit, waiting for social care
                if (B.social_care[b] == 2) {
                  auto r = c.streams.discharge.rng(step, b);
                  leaves = sim::uniform(r) < social_exit;
                } else {
                  leaves = true;
                }
              }
            }
            if (leaves) {
              deaths += died ? 1 : 0;
              auto r = c.streams.complaint.rng(step, b);
              const double p_complain =
                  B.harmed[b] ? p.complaint_harmed_probability : p_complain_unharmed;
              complaints += sim::uniform(r) < p_complain ? 1 : 0;
              B.occupied[b] = 0;
            }
          }
          if (!B.occupied[b]) {
            auto rng = c.streams.admission.rng(step, b);
            if (sim::uniform(rng) < p.admission_probability)
              admit(B, b, p, rng);
          }
        }
        W.incidents_today[w] = incidents;
        W.harm_today[w] = harms;
        if (bed_days > 0)
          W.harm_rate[w] = adjust(W.harm_rate[w], kPerThousand * harms / bed_days, harm_rate_step);
        ward_count(s, w, Tally::harm) += harms;
        ward_count(s, w, Tally::harm_deaths) += harm_deaths;
        ward_count(s, w, Tally::deaths) += deaths;
        ward_count(s, w, Tally::expected_deaths) += expected;
        ward_count(s, w, Tally::bed_days) += bed_days;
        ward_count(s, w, Tally::incidents) += incidents;
        ward_count(s, w, Tally::recorded_incidents) += disclosed;
        ward_count(s, w, Tally::disclosed_harm) += disclosed;
        ward_count(s, w, Tally::complaints) += complaints;
        ward_count(s, w, Tally::nurse_patient_days) += W.patients[w] * W.patients_per_nurse[w];
      },
      kWardsPerTask);
  gather_ward_counts(s, c);
}

}  // namespace candour::models::nhs
