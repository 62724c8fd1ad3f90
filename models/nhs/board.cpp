// Loop 3, filtered information upward, at the top: board walkrounds (a bypass
// channel that helps only where what staff raise is acted on) and the monthly
// board meeting, where the board updates what it believes about harm and
// targets, decides how much attention safety gets, acts on what it believes,
// and meets its cost-improvement target by freezing posts (loop 4).
#include <algorithm>
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/distributions.hpp"

namespace candour::models::nhs {

void walkrounds(State& s, const Params& p, const Context& c, Day day) {
  const auto& L = s.layout;
  auto& W = s.wards;
  auto& T = s.trusts;
  auto& C = s.clinicians;
  const auto step = static_cast<std::uint64_t>(day);
  const double whole = std::floor(p.walkround_rate);
  for (std::size_t t = 0; t < L.trusts; ++t) {
    auto count_rng = c.streams.walkround.rng(step, t, 0);
    const auto visits = static_cast<std::uint32_t>(
        whole + (sim::uniform(count_rng) < p.walkround_rate - whole ? 1 : 0));
    const auto first = static_cast<std::int64_t>(L.wards_of_trust.begin(t));
    const auto last = static_cast<std::int64_t>(L.wards_of_trust.end(t)) - 1;
    for (std::uint32_t v = 0; v < visits; ++v) {
      auto rng = c.streams.walkround.rng(step, t, 1 + v);
      const auto w = static_cast<std::size_t>(sim::uniform_int(rng, first, last));
      const double u_raise = sim::uniform(rng), u_act = sim::uniform(rng);
      s.tallies.add(t, Tally::walkrounds, 1);
      const double openness = (1.0 - W.mean_fear[w]) * (1.0 - W.mean_futility[w]);
      double observed = p.quality_aspiration;  // staff say nothing: all looks normal
      if (u_raise < openness) {
        s.tallies.add(t, Tally::walkround_issues, 1);
        W.walkround_issue_this_month[w] = 1;
        observed = W.harm_rate[w];
        const bool acted = u_act < p.walkround_follow_up;
        if (acted) {
          // Acting on what it heard on the ward turns the board's attention to safety.
          s.tallies.add(t, Tally::walkround_acted, 1);
          W.pending_fixes[w] += p.walkround_fixes;
          T.attention[t] += p.walkround_attention_step * (1.0 - T.attention[t]);
          // A board seen to act makes speaking up safer across the trust (staff_states).
          T.board_response_memory[t] += 1.0;
        }
        // Staff learn from what happens to what they raised (futility), and the
        // rest of the trust hears of it at second hand. Posts are stored ward by
        // ward and wards trust by trust, so the trust's posts are one range.
        const std::size_t trust_posts_begin = L.posts_of_ward.begin(L.wards_of_trust.begin(t));
        const std::size_t trust_posts_end = L.posts_of_ward.end(L.wards_of_trust.end(t) - 1);
        for (std::size_t i = trust_posts_begin; i < trust_posts_end; ++i) {
          if (!C.present[i])
            continue;
          const bool visited = i >= L.posts_of_ward.begin(w) && i < L.posts_of_ward.end(w);
          const double reach = visited ? 1.0 : p.walkround_word_of_mouth;
          const double step = p.walkround_futility_step * reach;
          if (acted) {
            C.futility[i] *= 1.0 - step;
          } else {
            C.futility[i] = jump_toward_one(C.futility[i], step);
          }
        }
      }
      T.walkround_observed_sum[t] += observed;
      T.walkround_observations[t] += 1;
    }
  }
}

namespace {

// The board's monthly update of perceived harm from its channels: each moves
// the belief toward its own estimate with its weight; bad news (an estimate
// above the belief) is discounted by the good-news bias.
class BeliefUpdate {
 public:
  BeliefUpdate(double belief, double bias) : belief_(belief), bias_(bias) {}
  void channel(double estimate, double weight) {
    if (weight <= 0)
      return;
    const double w = weight * (estimate > belief_ ? 1.0 - bias_ : 1.0);
    weight_ += w;
    shift_ += w * (estimate - belief_);
  }
  double result() const { return belief_ + (weight_ > 1.0 ? shift_ / weight_ : shift_); }

 private:
  double belief_, bias_, weight_ = 0.0, shift_ = 0.0;
};

}  // namespace

void reorganisations(State& s, const Params& p, const Context& c, Day day) {
  // Boards "focused on ... mergers" lose sight of quality; reorganisation
  // replaces managers and breaks the thread of improvement work (HCC 2008:
  // seven investigated trusts had recent mergers or major reorganisation).
  const double chance = -std::expm1(-p.reorganisation_rate / 12.0);
  const double shock = 1.0 - p.reorganisation_care_protection * p.reorganisation_care;
  const auto step = static_cast<std::uint64_t>(day);
  for (std::size_t t = 0; t < s.layout.trusts; ++t) {
    auto rng = c.streams.reorganisation.rng(step, t);
    if (sim::uniform(rng) >= chance)
      continue;
    s.tallies.add(t, Tally::reorganisations, 1);
    auto& d = s.trusts.distraction[t];
    d = jump_toward_one(d, shock);
    restructure_managers(s, t, p.reorganisation_manager_replacement * shock, p, c, day);
  }
}

void board_meeting(State& s, const Params& p) {
  const auto& L = s.layout;
  auto& T = s.trusts;
  auto& W = s.wards;
  const auto& tally = s.tallies;
  const double aspiration = p.quality_aspiration;
  const double r_attention = adjustment_rate(p.attention_half_life, 365.0 / 12.0);
  for (std::size_t t = 0; t < L.trusts; ++t) {
    const double bed_days = tally.window(t, Tally::bed_days, 30);
    if (bed_days > 0) {
      auto per_1000 = [&](Tally k) { return kPerThousand * tally.window(t, k, 30) / bed_days; };
      BeliefUpdate update(T.perceived_harm[t], p.good_news_bias);
      // Staff's reports, read against the national norm of reporting, and harm
      // disclosed under the duty of candour, read for what it is: a known
      // share of the harm that happened (Francis: candour as information).
      const double reported = per_1000(Tally::recorded_incidents) - per_1000(Tally::disclosed_harm);
      const double disclosure = p.duty_of_candour * p.candour_disclosure;
      if (disclosure > 0)
        update.channel(per_1000(Tally::disclosed_harm) / disclosure,
                       p.disclosure_weight * p.duty_of_candour);
      update.channel(aspiration * reported / p.incident_reference, p.incident_weight);
      update.channel(aspiration * per_1000(Tally::concerns_forwarded) / p.forward_reference,
                     p.forward_weight);
      update.channel(aspiration * per_1000(Tally::complaints) / p.complaint_reference,
                     p.complaint_weight * p.complaints_heard);
      const double expected = tally.window(t, Tally::expected_deaths, 365);
      if (expected > 0) {
        const double ratio = tally.window(t, Tally::deaths, 365) / expected;
        update.channel(aspiration * std::max(0.0, 1.0 + p.mortality_to_harm * (ratio - 1.0)),
                       p.mortality_weight + 0.3 * p.quality_information);
      }
      if (T.walkround_observations[t] > 0) {
        const double n = T.walkround_observations[t];
        update.channel(T.walkround_observed_sum[t] / n,
                       p.walkround_weight * std::min(1.0, n / 4.0));
      }
      T.perceived_harm[t] = std::max(0.0, update.result());
    }
    T.walkround_observed_sum[t] = 0.0;
    T.walkround_observations[t] = 0;
    T.perceived_targets[t] =
        adjust(T.perceived_targets[t], 0.5 * (T.ae_official[t] + T.rtt_official[t]),
               p.target_belief_weight);

    // Attention to safety versus targets, and action on perceived harm.
    const double excess = aspiration > 0 ? T.perceived_harm[t] / aspiration - 1.0 : 0.0;
    const double attention_target = logistic(
        p.attention_intercept + p.attention_balance_weight * p.balanced_with_safety -
        p.attention_pressure_weight * (T.board_pressure[t] - 0.5) +
        p.attention_quality_weight * excess - p.distraction_attention_weight * T.distraction[t]);
    T.attention[t] = adjust(T.attention[t], attention_target, r_attention);
    const double alarm = clamp01(excess * p.action_gain);
    const double action = T.attention[t] * alarm;
    const double cut = T.cost_improvement[t] * (1.0 - p.safety_halt * action) / 12.0;
    const double restore = p.staffing_recovery * p.safety_halt * action;
    for (std::size_t w = L.wards_of_trust.begin(t); w < L.wards_of_trust.end(t); ++w) {
      W.pending_fixes[w] += action * p.board_action_fixes;
      double e = W.establishment[w] * (1.0 - cut);
      e += restore * std::max(0.0, W.initial_establishment[w] - e);
      if (p.safe_staffing_floor > 0) {
        const double nurses_needed =
            W.patients[w] / (p.safe_staffing_floor * p.nurse_duty_fraction);
        const double posts_needed = nurses_needed / std::max(0.05, 1.0 - p.doctor_share);
        e = std::max(e, std::min(posts_needed, static_cast<double>(L.posts_of_ward.size(w))));
      }
      W.establishment[w] = e;
    }
  }
}

}  // namespace candour::models::nhs
