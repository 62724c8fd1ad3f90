// Loop 1, the pressure cascade: the centre's targets, penalties, surveillance
// and the trust's finances set the board's felt pressure; each level passes
// it down amplified by its own fear and autocratic style and damped by its
// competence and relational style.
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"

namespace candour::models::nhs {

void pressure_cascade(State& s, const Params& p) {
  const auto& L = s.layout;
  auto& T = s.trusts;
  // Targets that come with the resources to meet them press less (Francis).
  const double centre = p.stringency_weight * p.target_stringency *
                            (1.0 - p.resourcing_damping * p.target_resourcing) +
                        p.penalty_weight * effective_penalty(p) +
                        p.target_count_weight * std::log(p.target_count / 10.0) +
                        p.surveillance_pressure_weight * p.surveillance_intensity;
  const double shielding = 1.0 - p.autonomy_shielding * p.local_autonomy;
  for (std::size_t t = 0; t < L.trusts; ++t) {
    const double miss = (std::max(0.0, p.ae_standard - T.ae_official[t]) +
                         std::max(0.0, p.rtt_standard - T.rtt_official[t])) /
                        0.05;
    const double x = p.board_pressure_intercept + shielding * centre + p.target_miss_weight * miss +
                     p.finance_pressure_weight * T.cost_improvement[t] +
                     p.climate_pressure_weight * climate_effect(s.centre.fear_climate) +
                     p.distraction_pressure_weight * T.distraction[t];
    T.board_pressure[t] = logistic(x);
    double fear = 0, style = 0, competence = 0;
    const auto n = static_cast<double>(L.board_of_trust.size(t));
    for (std::size_t b = L.board_of_trust.begin(t); b < L.board_of_trust.end(t); ++b) {
      fear += s.board.fear[b];
      style += s.board.style[b];
      competence += s.board.competence[b];
    }
    T.board_passed_logit[t] = x + amplification(p, fear / n, style / n, competence / n);

    double felt_sum = 0, fear_sum = 0;
    for (std::size_t j = L.managers_of_trust.begin(t); j < L.managers_of_trust.end(t); ++j) {
      s.manager_pressure.felt[j] = logistic(T.board_passed_logit[t]);
      // A supported middle manager absorbs pressure rather than passing it on.
      s.manager_pressure.passed_logit[j] =
          T.board_passed_logit[t] +
          amplification(p, s.managers.fear[j], s.managers.style[j], s.managers.competence[j]) -
          p.support_damping * p.manager_support;
      felt_sum += s.manager_pressure.felt[j];
      fear_sum += s.managers.fear[j];
    }
    const auto m = static_cast<double>(L.managers_of_trust.size(t));
    T.manager_pressure[t] = felt_sum / m;
    T.manager_fear[t] = fear_sum / m;
  }
}

}  // namespace candour::models::nhs
