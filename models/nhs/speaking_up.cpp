// Loop 2 (fear and silence) and the start of loop 3 (filtered information):
// clinicians witness the day's incidents on their ward, speak up or stay
// silent, and their manager addresses, ignores or punishes the concern and
// forwards it to the board or not. Managers and colleagues bully.
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/distributions.hpp"

namespace candour::models::nhs {

namespace {

// Slots of nhs.bullying's shared blocks (sim::SharedUniforms).
constexpr std::uint32_t kByManagerSlot = 0;
constexpr std::uint32_t kByColleagueSlot = 1;

}  // namespace

void speaking_up(State& s, const Params& p, const Context& c, Day day) {
  const auto& L = s.layout;
  auto& C = s.clinicians;
  auto& W = s.wards;
  const auto& M = s.managers;
  const auto step = static_cast<std::uint64_t>(day);
  const auto today = static_cast<std::int32_t>(day);
  const double protection_softening = 1.0 - p.protection_softening * p.whistleblower_protection;
  c.executor.for_each(
      L.trust_of_ward.size(),
      [&](std::size_t w) {
        const std::size_t j = L.manager_of_ward[w];
        const std::size_t t = L.trust_of_ward[w];
        const double passed = logistic(s.manager_pressure.passed_logit[j]);
        const ManagerView manager{M.fear[j], passed, M.style[j], M.competence[j],
                                  M.misconduct[j] != 0};
        const double p_punish = punish_probability(p, manager);
        const double p_address = address_probability(p, manager, s.trusts.attention[t]);
        const double p_forward_harm = forward_probability(p, manager, true);
        const double p_forward_other = forward_probability(p, manager, false);
        const std::int32_t incidents = W.incidents_today[w];
        const double p_witness = -std::expm1(-p.witness_rate * incidents);
        const double harmful_share = incidents > 0 ? double(W.harm_today[w]) / incidents : 0.0;
        const double h_manager = p.manager_bullying_rate / sim::kDaysPerYear *
                                 std::exp(p.bullying_pressure_weight * (passed - 0.5) +
                                          p.bullying_style_weight * (1.0 - 2.0 * M.style[j]) +
                                          p.bullying_misconduct_weight * M.misconduct[j] -
                                          p.bullying_code_weight * p.code_of_conduct);
        const double h_colleague =
            p.colleague_bullying_rate / sim::kDaysPerYear *
            std::exp(p.colleague_burnout_weight * (W.mean_burnout[w] - p.burnout_reference) +
                     p.colleague_fear_weight * (W.mean_fear[w] - p.fear_reference));
        const double p_bullied_manager = -std::expm1(-h_manager);
        const double p_bullied_colleague = -std::expm1(-h_colleague);
        // The daily decisions of every clinician share Philox blocks with
        // her neighbours; whatever follows a rare event draws its own.
        sim::SharedUniforms witness_draw(c.streams.witness, step);
        sim::SharedUniforms manager_bullying_draw(c.streams.bullying, step, kByManagerSlot);
        sim::SharedUniforms colleague_bullying_draw(c.streams.bullying, step, kByColleagueSlot);
        double seen = 0, raised = 0, addressed = 0, punished = 0, forwarded = 0, bullied_m = 0,
               bullied_c = 0;
        for (std::size_t i = L.posts_of_ward.begin(w); i < L.posts_of_ward.end(w); ++i) {
          if (!C.present[i])
            continue;
          if (p_witness > 0) {
            if (witness_draw(i) < p_witness) {
              seen += 1;
              C.last_witnessed[i] = today;
              auto severity = c.streams.witness.rng(step, i);
              const bool harmful = sim::uniform(severity) < harmful_share;
              auto speak = c.streams.speak_up.rng(step, i);
              if (sim::uniform(speak) < speak_up_probability(p, harmful, C.fear[i], C.futility[i],
                                                             C.boldness[i], W.trust[w])) {
                raised += 1;
                auto response = c.streams.response.rng(step, i);
                const double u_response = sim::uniform(response),
                             u_forward = sim::uniform(response);
                if (u_response < p_punish) {
                  // Shooting the messenger: she and (through the ward's memory) her team fear more.
                  punished += 1;
                  C.fear[i] = jump_toward_one(C.fear[i], p.punishment_shock * protection_softening);
                  C.futility[i] = jump_toward_one(C.futility[i], p.futility_learning);
                } else {
                  if (u_response < p_punish + (1.0 - p_punish) * p_address) {
                    addressed += 1;
                    C.futility[i] -= p.futility_learning * C.futility[i];
                    C.fear[i] -= p.addressed_relief * C.fear[i];
                  } else {
                    C.futility[i] = jump_toward_one(C.futility[i], p.futility_learning);
                  }
                  if (u_forward < (harmful ? p_forward_harm : p_forward_other))
                    forwarded += 1;
                }
              }
            }
          }
          if (manager_bullying_draw(i) < p_bullied_manager) {
            bullied_m += 1;
            C.last_bullied_by_manager[i] = today;
            C.fear[i] = jump_toward_one(C.fear[i], p.bullying_shock);
          }
          if (colleague_bullying_draw(i) < p_bullied_colleague) {
            bullied_c += 1;
            C.last_bullied_by_colleague[i] = today;
            C.fear[i] = jump_toward_one(C.fear[i], p.colleague_bullying_shock);
          }
        }
        W.punishment_memory[w] += punished;
        W.pending_fixes[w] += addressed;
        W.forwarded_this_month[w] += static_cast<std::int32_t>(forwarded);
        ward_count(s, w, Tally::concerns_seen) += seen;
        ward_count(s, w, Tally::concerns_raised) += raised;
        ward_count(s, w, Tally::recorded_incidents) += raised;
        ward_count(s, w, Tally::concerns_addressed) += addressed;
        ward_count(s, w, Tally::concerns_punished) += punished;
        ward_count(s, w, Tally::concerns_forwarded) += forwarded;
        ward_count(s, w, Tally::bullying_by_manager) += bullied_m;
        ward_count(s, w, Tally::bullying_by_colleague) += bullied_c;
      },
      kWardsPerTask);
  gather_ward_counts(s, c);
}

}  // namespace candour::models::nhs
