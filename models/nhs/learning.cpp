// Ward learning: latent hazard grows as new risks appear and lessons are
// forgotten, and falls as fixes complete. Addressed concerns, board actions
// and acted-on walkround issues start fixes, which complete after the
// decision delay (a first-order delay).
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/distributions.hpp"

namespace candour::models::nhs {

void learning(State& s, const Params& p) {
  auto& W = s.wards;
  // Local autonomy shortens the wait for decisions (Confederation 2007).
  const double completion =
      1.0 / (p.decision_delay * (1.0 - p.autonomy_speedup * p.local_autonomy));
  const double effect =
      std::min(1.0, p.fix_effect * (1.0 + p.training_fix_boost * p.training_investment));
  const double memory_decay = std::exp2(-1.0 / p.punishment_memory_half_life);
  for (std::size_t w = 0; w < W.latent.size(); ++w) {
    const double completed = W.pending_fixes[w] * completion;
    W.pending_fixes[w] -= completed;
    const double remaining = std::pow(1.0 - effect, completed);
    W.latent[w] = clamp01((W.latent[w] + p.hazard_growth * (1.0 - W.latent[w])) * remaining);
    W.punishment_memory[w] *= memory_decay;
  }
  const double response_decay = std::exp2(-1.0 / p.board_response_half_life);
  for (auto& m : s.trusts.board_response_memory)
    m *= response_decay;
  const double distraction_decay = std::exp2(-1.0 / p.distraction_half_life);
  for (auto& d : s.trusts.distraction)
    d *= distraction_decay;
}

void close_day(State& s, const Params& p, const Context& c) {
  gather_ward_counts(s, c);
  s.centre.fear_climate *= std::exp2(-1.0 / p.climate_half_life);
  s.centre.pool *= std::exp2(-1.0 / p.pool_half_life);
  s.tallies.close_day();
}

void budget_cycle(State& s, const Params& p, const Context& c, Day day) {
  // Each trust's financial position for the coming year: its deviation from
  // the national cost-improvement target is drawn afresh.
  const auto year = static_cast<std::uint64_t>((day + 1) / sim::kDaysPerYear);
  for (std::size_t t = 0; t < s.layout.trusts; ++t) {
    auto rng = c.streams.budget.rng(year, t);
    s.trusts.finance_offset[t] = p.finance_spread * sim::normal(rng, 0.0, 1.0);
  }
  set_trust_finances(s, p);
}

}  // namespace candour::models::nhs
