// Building a system of trusts: sizes, posts, beds, leaders, and their
// starting states, drawn from the distributions the parameters state.
#include <algorithm>
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/distributions.hpp"

namespace candour::models::nhs {

using sim::stream_id;

Streams::Streams(std::uint64_t seed)
    : initial(seed, stream_id("nhs.initial")),
      trust_traits(seed, stream_id("nhs.trust_traits")),
      budget(seed, stream_id("nhs.budget")),
      admission(seed, stream_id("nhs.admission")),
      harm(seed, stream_id("nhs.harm")),
      discharge(seed, stream_id("nhs.discharge")),
      complaint(seed, stream_id("nhs.complaint")),
      witness(seed, stream_id("nhs.witness")),
      speak_up(seed, stream_id("nhs.speak_up")),
      response(seed, stream_id("nhs.response")),
      bullying(seed, stream_id("nhs.bullying")),
      leave(seed, stream_id("nhs.leave")),
      fill(seed, stream_id("nhs.fill")),
      hire(seed, stream_id("nhs.hire")),
      leader_leave(seed, stream_id("nhs.leader_leave")),
      leader_hire(seed, stream_id("nhs.leader_hire")),
      conduct(seed, stream_id("nhs.conduct")),
      reorganisation(seed, stream_id("nhs.reorganisation")),
      walkround(seed, stream_id("nhs.walkround")),
      regulator(seed, stream_id("nhs.regulator")),
      emergency(seed, stream_id("nhs.emergency")),
      referrals(seed, stream_id("nhs.referrals")) {}

namespace {

// Slots of the initial stream, so that each kind of agent draws its own numbers.
enum InitialSlot : std::uint32_t { kClinician, kBed };
// A starting leader's tenure is slot k - 1 and her screened candidates take
// the slots from k on (25 at most), for managers and board members apart.
constexpr std::uint32_t kManagerDraws = 16, kBoardDraws = 48;

// Draws allowed to find an incumbent's traits (the acceptance chance is at
// least exp(-leave_burnout_weight - leave_fear_weight), 8% at the defaults);
// the last draw is kept if none is accepted.
constexpr std::uint64_t kIncumbentAttempts = 64;

std::size_t count_of(double x) {
  return static_cast<std::size_t>(std::llround(x));
}

void build_layout(State& s, const Params& p, const Context& c) {
  auto& L = s.layout;
  L.trusts = count_of(p.trusts);
  auto& T = s.trusts;
  sim::resize_columns(T, L.trusts);  // every trust column; the rest are set in init_trusts
  std::vector<std::uint32_t> ward_trust, manager_trust, board_trust, manager_ward;
  for (std::size_t t = 0; t < L.trusts; ++t) {
    auto rng = c.streams.trust_traits.rng(0, t);
    const double z_size = sim::normal(rng, 0.0, 1.0);
    const double z_culture = sim::normal(rng, 0.0, 1.0);
    T.size[t] = std::exp(p.size_spread * z_size - 0.5 * p.size_spread * p.size_spread);
    T.culture[t] = p.culture_spread * z_culture;
    const std::size_t wards = std::max<std::size_t>(1, count_of(p.wards * T.size[t]));
    const std::size_t managers =
        std::clamp<std::size_t>(count_of(p.managers * T.size[t]), 1, wards);
    const std::size_t first_manager = manager_trust.size();
    for (std::size_t w = 0; w < wards; ++w) {
      ward_trust.push_back(static_cast<std::uint32_t>(t));
      manager_ward.push_back(static_cast<std::uint32_t>(first_manager + w * managers / wards));
    }
    for (std::size_t m = 0; m < managers; ++m)
      manager_trust.push_back(static_cast<std::uint32_t>(t));
    for (std::size_t b = 0; b < count_of(p.board_members); ++b)
      board_trust.push_back(static_cast<std::uint32_t>(t));
  }
  L.wards_of_trust = sim::GroupRanges::from_sorted_ids(ward_trust, L.trusts);
  L.managers_of_trust = sim::GroupRanges::from_sorted_ids(manager_trust, L.trusts);
  L.board_of_trust = sim::GroupRanges::from_sorted_ids(board_trust, L.trusts);
  L.wards_of_manager = sim::GroupRanges::from_sorted_ids(manager_ward, manager_trust.size());
  L.trust_of_ward = ward_trust;
  L.manager_of_ward = manager_ward;
  L.trust_of_manager = manager_trust;
  L.trust_of_board = board_trust;

  const std::size_t wards = ward_trust.size();
  const std::size_t posts = count_of(p.clinicians_per_ward);
  const std::size_t beds = count_of(p.beds_per_ward);
  std::vector<std::uint32_t> post_ward, bed_ward;
  for (std::size_t w = 0; w < wards; ++w) {
    for (std::size_t k = 0; k < posts; ++k) {
      post_ward.push_back(static_cast<std::uint32_t>(w));
      L.slot_in_ward.push_back(static_cast<std::uint16_t>(k));
      // Doctors spread evenly through the funding order, so cuts hit both types.
      const bool doctor = std::floor((k + 1) * p.doctor_share) > std::floor(k * p.doctor_share);
      L.is_doctor.push_back(doctor ? 1 : 0);
    }
    for (std::size_t b = 0; b < beds; ++b)
      bed_ward.push_back(static_cast<std::uint32_t>(w));
  }
  L.posts_of_ward = sim::GroupRanges::from_sorted_ids(post_ward, wards);
  L.beds_of_ward = sim::GroupRanges::from_sorted_ids(bed_ward, wards);
  L.ward_of_post = post_ward;
}

void init_clinicians(State& s, const Params& p, const Context& c, Day start) {
  auto& C = s.clinicians;
  const std::size_t n = s.layout.ward_of_post.size();
  sim::resize_columns(C, n);
  C.last_bullied_by_manager.assign(n, kLongAgo);
  C.last_bullied_by_colleague.assign(n, kLongAgo);
  C.last_witnessed.assign(n, kLongAgo);
  // Start near the steady state of leaving and filling.
  const double leave_per_day = p.leave_rate / 365.0;
  const double expected_gap = leave_per_day * p.time_to_fill;
  const double vacancy0 = expected_gap / (1.0 + expected_gap);
  const double belief = policy_climate(p);
  c.executor.for_each(n, [&](std::size_t i) {
    auto rng = c.streams.initial.rng(0, i, kClinician);
    const double culture = s.trusts.culture[s.layout.trust_of_ward[s.layout.ward_of_post[i]]];
    C.present[i] = sim::uniform(rng) >= vacancy0 ? 1 : 0;
    C.belief[i] = belief;
    // Those in post are those who stayed: fearful and burnt-out people leave
    // sooner, so the traits of incumbents are the hires' traits weighted by how
    // long each would stay. Drawn by rejection on the relative leaving hazard
    // the traits imply at the starting fear and burnout (6.1).
    double fear = 0, burnout = 0;
    for (std::uint64_t attempt = 1; attempt <= kIncumbentAttempts; ++attempt) {
      auto traits = c.streams.initial.rng(attempt, i, kClinician);
      C.boldness[i] = sim::normal(traits, 0.0, 1.0);
      C.resilience[i] = sim::normal(traits, 0.0, 1.0);
      fear = logistic(logit(p.fear_initial_mean) + culture + belief -
                      p.fear_boldness_weight * C.boldness[i]);
      burnout =
          logistic(logit(p.burnout_initial_mean) - p.burnout_resilience_weight * C.resilience[i]);
      const double stays = std::exp(-p.leave_burnout_weight * burnout - p.leave_fear_weight * fear);
      if (sim::uniform(traits) < stays)
        break;
    }
    const double relative_hazard =
        (s.layout.is_doctor[i] ? p.doctor_leave_multiplier : 1.0) *
        std::exp(p.leave_burnout_weight * (burnout - p.burnout_reference) +
                 p.leave_fear_weight * (fear - p.fear_reference));
    C.skill_ceiling[i] = sim::beta_mean(rng, p.skill_mean, kSkillCeilingConcentration);
    const double tenure =
        std::min(40.0 * 365.0, sim::exponential(rng, leave_per_day * relative_hazard + 1e-9));
    C.hired_day[i] = static_cast<std::int32_t>(start) - static_cast<std::int32_t>(tenure);
    C.skill[i] = C.skill_ceiling[i] * (p.new_hire_skill_share +
                                       (1.0 - p.new_hire_skill_share) *
                                           (1.0 - std::exp2(-tenure / p.skill_growth_half_life)));
    C.fear[i] = fear;
    C.burnout[i] = burnout;
    C.focus[i] = p.focus_initial_mean;
    C.futility[i] = p.futility_prior;
  });
}

void init_beds(State& s, const Params& p, const Context& c) {
  auto& B = s.beds;
  const std::size_t n = s.layout.beds_of_ward.member_count();
  sim::resize_columns(B, n);
  B.acuity.assign(n, 1.0f);
  c.executor.for_each(n, [&](std::size_t i) {
    auto rng = c.streams.initial.rng(0, i, kBed);
    if (sim::uniform(rng) < 0.9) {
      B.occupied[i] = 1;
      const double acuity = std::exp(sim::normal(rng, 0.0, p.acuity_spread) -
                                     0.5 * p.acuity_spread * p.acuity_spread);
      B.acuity[i] = static_cast<float>(acuity);
      B.days_left[i] = static_cast<std::int16_t>(
          1 + sim::uniform_int(rng, 0,
                               std::max<std::int64_t>(0, std::llround(p.length_of_stay * acuity))));
      B.social_care[i] = sim::uniform(rng) < social_care_need(p) ? 1 : 0;
    }
  });
}

// A leader at the start: a fresh candidate who passed the trust's
// fit-and-proper screen (as every later hire must), with a tenure from the
// steady state of the base leaving hazard and the yearly training of the years
// already served (6.1).
void init_leader(Leaders& l, std::size_t i, double culture, double leave_per_year, const Params& p,
                 const Context& c, std::uint32_t first_slot, Day start) {
  CandidateMarket market;
  market.fresh_competence = p.competence_mean;
  market.style_mean = logistic(logit(p.relational_style_mean) - culture);
  const Candidate leader = screened_candidate(market, p, c.streams.initial, 0, i, first_slot);
  auto rng = c.streams.initial.rng(0, i, first_slot - 1);
  l.style[i] = leader.style;
  l.misconduct[i] = leader.misconduct ? 1 : 0;
  l.recycled[i] = 0;
  l.fear[i] = logistic(logit(p.fear_initial_mean) + culture);
  const double tenure =
      std::min(30.0 * 365.0, sim::exponential(rng, leave_per_year / 365.0 + 1e-9));
  l.hired_day[i] = static_cast<std::int32_t>(start) - static_cast<std::int32_t>(tenure);
  l.competence[i] = 1.0 - (1.0 - leader.competence) *
                              std::pow(1.0 - yearly_development(p), std::floor(tenure / 365.0));
}

void init_leaders(State& s, const Params& p, const Context& c, Day start) {
  const auto& L = s.layout;
  sim::resize_columns(s.managers, L.trust_of_manager.size());
  sim::resize_columns(s.board, L.trust_of_board.size());
  for (std::size_t j = 0; j < L.trust_of_manager.size(); ++j)
    init_leader(s.managers, j, s.trusts.culture[L.trust_of_manager[j]], p.manager_leave_rate, p, c,
                kManagerDraws, start);
  for (std::size_t b = 0; b < L.trust_of_board.size(); ++b)
    init_leader(s.board, b, s.trusts.culture[L.trust_of_board[b]], p.board_leave_rate, p, c,
                kBoardDraws, start);
  sim::resize_columns(s.manager_pressure, L.trust_of_manager.size());
  s.manager_pressure.felt.assign(L.trust_of_manager.size(), 0.5);
}

void init_wards(State& s, const Params& p) {
  auto& W = s.wards;
  const std::size_t n = s.layout.trust_of_ward.size();
  const double posts = static_cast<double>(count_of(p.clinicians_per_ward));
  sim::resize_columns(W, n);
  W.latent.assign(n, p.initial_latent);
  W.establishment.assign(n, posts);
  W.initial_establishment.assign(n, posts);
  W.harm_rate.assign(n, p.quality_aspiration);
  for (std::size_t w = 0; w < n; ++w) {
    const std::size_t j = s.layout.manager_of_ward[w];
    // Start at the trust level the ward's manager would settle at.
    W.trust[w] = trust_target(p, s.managers.style[j], 0.0);
  }
  s.ward_counts.assign(n * kTallyCount, 0.0);
}

void init_trusts(State& s, const Params& p) {
  auto& T = s.trusts;
  const std::size_t n = s.layout.trusts;
  T.board_pressure.assign(n, 0.5);
  T.perceived_harm.assign(n, p.quality_aspiration);
  T.perceived_targets.assign(n, p.ae_standard);
  T.attention.assign(n, 0.5);
  T.ae_official.assign(n, p.ae_standard);
  T.ae_experienced.assign(n, p.ae_standard);
  T.rtt_true.assign(n, p.rtt_standard);
  T.rtt_official.assign(n, p.rtt_standard);
  T.inquiry_end.assign(n, kNoDay);
  T.first_alert.assign(n, kNoDay);
  T.last_alert.assign(n, kNoDay);
  T.last_referral.assign(n, kLongAgo);
  // Waiting list: the steady state of weekly referrals treated at the reference rate.
  for (std::size_t t = 0; t < n; ++t) {
    const double beds = static_cast<double>(s.layout.beds_of_ward.size(0)) *
                        static_cast<double>(s.layout.wards_of_trust.size(t));
    const double weekly = p.elective_referrals_per_bed * beds;
    for (std::size_t b = 0; b < kWeekBins; ++b)
      T.waiting[t][b] = weekly * std::pow(1.0 - p.elective_capacity, static_cast<double>(b));
  }
  s.centre.pool = p.initial_pool * static_cast<double>(n);
  s.centre.pool_competence = p.pool_competence_mean;
  s.centre.pool_misconduct = p.pool_misconduct_share;
  s.tallies.resize(n);
}

}  // namespace

void set_trust_finances(State& s, const Params& p) {
  // The trust's deviation from the national target is redrawn each budget
  // year (budget_cycle); here the lever is applied to the current deviation.
  for (std::size_t t = 0; t < s.layout.trusts; ++t)
    s.trusts.cost_improvement[t] = std::max(0.0, p.cost_improvement + s.trusts.finance_offset[t]);
}

State build_state(const Params& p, const Context& c, Day start) {
  State s;
  build_layout(s, p, c);
  init_clinicians(s, p, c, start);
  init_beds(s, p, c);
  init_leaders(s, p, c, start);
  init_wards(s, p);
  init_trusts(s, p);
  budget_cycle(s, p, c, -1);
  return s;
}

}  // namespace candour::models::nhs
