// The reduction phase that opens each day: ward and trust aggregates of day
// t, which every agent then reads. Agents interact only through these.
#include <algorithm>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"

namespace candour::models::nhs {

void ward_aggregates(State& s, const Params& p, const Context& c) {
  const auto& L = s.layout;
  const auto& C = s.clinicians;
  const auto& B = s.beds;
  auto& W = s.wards;
  c.executor.for_each(
      L.trust_of_ward.size(),
      [&](std::size_t w) {
        double present = 0, nurses = 0, fear = 0, burnout = 0, focus = 0, skill = 0, futility = 0;
        double funded_posts = 0, vacant_funded = 0;
        for (std::size_t i = L.posts_of_ward.begin(w); i < L.posts_of_ward.end(w); ++i) {
          const bool is_funded = funded(W.establishment[w], L.slot_in_ward[i]);
          funded_posts += is_funded ? 1 : 0;
          if (!C.present[i]) {
            vacant_funded += is_funded ? 1 : 0;
            continue;
          }
          present += 1;
          nurses += L.is_doctor[i] ? 0 : 1;
          fear += C.fear[i];
          burnout += C.burnout[i];
          focus += C.focus[i];
          skill += C.skill[i];
          futility += C.futility[i];
        }
        double patients = 0, delayed = 0;
        for (std::size_t b = L.beds_of_ward.begin(w); b < L.beds_of_ward.end(w); ++b) {
          patients += B.occupied[b];
          delayed += B.occupied[b] && B.social_care[b] == 2 ? 1 : 0;
        }
        W.present[w] = present;
        W.nurses_present[w] = nurses;
        W.patients[w] = patients;
        W.delayed[w] = delayed;
        // A ward with no nurse is run as if by half a nurse (cover from elsewhere).
        W.patients_per_nurse[w] = patients / (std::max(nurses, 0.5) * p.nurse_duty_fraction);
        W.vacancy_rate[w] = funded_posts > 0 ? vacant_funded / funded_posts : 0.0;
        if (present > 0) {
          W.mean_fear[w] = fear / present;
          W.mean_burnout[w] = burnout / present;
          W.mean_focus[w] = focus / present;
          W.mean_skill[w] = skill / present;
          W.mean_futility[w] = futility / present;
        }
        W.harm_multiplier[w] =
            harm_multiplier(p, {W.patients_per_nurse[w], W.latent[w], W.mean_focus[w],
                                W.mean_burnout[w], W.mean_skill[w]});
      },
      8);

  // Trust aggregates, summed over wards in index order.
  auto& T = s.trusts;
  for (std::size_t t = 0; t < L.trusts; ++t) {
    double patients = 0, beds = 0, delayed = 0, present = 0, focus = 0;
    for (std::size_t w = L.wards_of_trust.begin(t); w < L.wards_of_trust.end(t); ++w) {
      patients += W.patients[w];
      beds += static_cast<double>(L.beds_of_ward.size(w));
      delayed += W.delayed[w];
      present += W.present[w];
      focus += W.mean_focus[w] * W.present[w];
    }
    T.patients[t] = patients;
    T.beds[t] = beds;
    T.delayed[t] = delayed;
    T.clinicians_present[t] = present;
    T.mean_focus[t] = present > 0 ? focus / present : p.focus_initial_mean;
  }
}

void gather_ward_counts(State& s, const Context& c) {
  const auto& L = s.layout;
  // A trust's wards are added in ward order whichever thread takes the
  // trust, so each total is the same sum, in the same order, on any count.
  c.executor.for_each(
      L.trusts,
      [&](std::size_t t) {
        for (std::size_t w = L.wards_of_trust.begin(t); w < L.wards_of_trust.end(t); ++w) {
          double* row = &s.ward_counts[w * kTallyCount];
          for (std::size_t k = 0; k < kTallyCount; ++k) {
            if (row[k] != 0.0) {
              s.tallies.add(t, static_cast<Tally>(k), row[k]);
              row[k] = 0.0;
            }
          }
        }
      },
      1);
}

}  // namespace candour::models::nhs
