// The model's functional forms, one mechanism at a time.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/nhs/formulas.hpp"

using namespace candour::models::nhs;

namespace {
Params defaults() {
  return default_params();
}
}  // namespace

TEST_CASE("each extra patient per nurse multiplies the harm hazard by Aiken's 1.068",
          "[nhs][harm]") {
  const Params p = defaults();
  WardConditions ward;
  for (double ppn : {4.0, 7.0, 9.5}) {
    ward.patients_per_nurse = ppn;
    const double before = harm_multiplier(p, ward);
    ward.patients_per_nurse = ppn + 1.0;
    const double after = harm_multiplier(p, ward);
    CHECK(after / before == Approx(1.068).epsilon(1e-9));
  }
  // At every reference level the ward is the reference ward.
  const WardConditions reference{p.reference_ppn, p.latent_reference, p.focus_reference,
                                 p.burnout_reference, p.skill_reference};
  CHECK(harm_multiplier(p, reference) == Approx(1.0));
  CHECK(harm_hazard(p, 2.0, 1.0) == Approx(2.0 * p.harm_base_hazard));
}

TEST_CASE("latent hazard target focus and burnout raise harm and skill lowers it", "[nhs][harm]") {
  const Params p = defaults();
  const WardConditions base;
  auto with = [&](auto change) {
    WardConditions w = base;
    change(w);
    return harm_multiplier(p, w) / harm_multiplier(p, base);
  };
  CHECK(with([](WardConditions& w) { w.latent_hazard += 0.2; }) > 1.0);
  CHECK(with([](WardConditions& w) { w.target_focus += 0.2; }) > 1.0);
  CHECK(with([](WardConditions& w) { w.burnout += 0.2; }) > 1.0);
  CHECK(with([](WardConditions& w) { w.skill += 0.1; }) ==
        Approx(std::exp(-0.1 * p.skill_harm_weight)));
}

TEST_CASE("a bounded state closes half its gap to the target in one half-life", "[nhs][dynamics]") {
  for (double half_life : {7.0, 30.0, 90.0}) {
    const double rate = adjustment_rate(half_life);
    double fear = 0.9;
    const double target = 0.2;
    for (int day = 0; day < static_cast<int>(half_life); ++day)
      fear = adjust(fear, target, rate);
    CHECK(fear - target == Approx(0.5 * (0.9 - target)).epsilon(1e-9));
  }
  // A monthly step of a 90-day half-life equals thirty daily steps.
  CHECK(adjustment_rate(90.0, 30.0) == Approx(1.0 - std::pow(1.0 - adjustment_rate(90.0), 30.0)));
}

TEST_CASE("fear and futility silence witnesses and protection gives them voice",
          "[nhs][speaking_up]") {
  Params p = defaults();
  const double calm = speak_up_probability(p, false, 0.1, 0.2, 0.0, 0.5);
  const double afraid = speak_up_probability(p, false, 0.8, 0.2, 0.0, 0.5);
  const double futile = speak_up_probability(p, false, 0.1, 0.9, 0.0, 0.5);
  CHECK(afraid < calm);
  CHECK(futile < calm);
  CHECK(speak_up_probability(p, true, 0.8, 0.2, 0.0, 0.5) > afraid);
  p.whistleblower_protection = 1.0;
  CHECK(speak_up_probability(p, false, 0.8, 0.2, 0.0, 0.5) > afraid);
}

TEST_CASE("fearful autocratic pressured managers punish more and candour makes it rarer",
          "[nhs][speaking_up]") {
  Params p = defaults();
  const ManagerView calm{0.2, 0.4, 0.8, 0.7, false};
  const ManagerView harsh{0.8, 0.9, 0.1, 0.3, true};
  CHECK(punish_probability(p, harsh) > 5 * punish_probability(p, calm));
  CHECK(address_probability(p, calm, 0.5) > address_probability(p, harsh, 0.5));
  CHECK(forward_probability(p, calm, true) > forward_probability(p, harsh, true));
  const double before = punish_probability(p, harsh);
  p.duty_of_candour = 1.0;
  p.whistleblower_protection = 1.0;
  CHECK(punish_probability(p, harsh) < before);
  // The good-news bias filters what reaches the board.
  Params biased = defaults();
  biased.good_news_bias = 0.9;
  CHECK(forward_probability(biased, calm, true) < forward_probability(defaults(), calm, true));
}

TEST_CASE("each level amplifies pressure by its fear and autocracy and damps it by competence",
          "[nhs][pressure]") {
  const Params p = defaults();
  const double neutral = amplification(p, p.fear_reference, 0.5, 0.5);
  CHECK(neutral == Approx(p.amplification));
  CHECK(amplification(p, 0.8, 0.5, 0.5) > neutral);
  CHECK(amplification(p, p.fear_reference, 0.1, 0.5) > neutral);
  CHECK(amplification(p, p.fear_reference, 0.5, 0.9) < neutral);
  Params balanced = p;
  balanced.balanced_with_safety = 1.0;
  CHECK(effective_penalty(balanced) < effective_penalty(p));
}

TEST_CASE("saturating stocks reach half their effect at their scale and never exceed it",
          "[nhs][bounds]") {
  CHECK(saturating(0.0, 3.0) == 0.0);
  CHECK(saturating(3.0, 3.0) == Approx(0.5));
  CHECK(saturating(1e12, 3.0) < 1.0);
  CHECK(saturating(1e12, 3.0) == Approx(1.0));
  CHECK(bounded(0.01, 1.0) == Approx(0.01).epsilon(1e-3));  // linear near zero
  CHECK(bounded(50.0, 1.0) == Approx(1.0));
  CHECK(bounded(-50.0, 2.0) == Approx(-2.0));
}

TEST_CASE("the policy climate is lower (safer) with protection and candour", "[nhs][fear]") {
  Params p = default_params();
  p.whistleblower_protection = 0.0;
  p.duty_of_candour = 0.0;
  p.clinician_voice = 0.0;
  const double none = policy_climate(p);
  CHECK(none == 0.0);
  p.whistleblower_protection = 1.0;
  CHECK(policy_climate(p) == Approx(-p.fear_protection_weight));
  p.duty_of_candour = 1.0;
  CHECK(policy_climate(p) == Approx(-p.fear_protection_weight - p.fear_candour_weight));
  p.clinician_voice = 1.0;
  CHECK(policy_climate(p) ==
        Approx(-p.fear_protection_weight - p.fear_candour_weight - p.fear_voice_weight));
}

TEST_CASE("a manager's trust target falls with punished concerns by at most its weight",
          "[nhs][bounds]") {
  const Params p = default_params();
  const double clean = trust_target(p, 0.5, 0.0);
  const double scarred = trust_target(p, 0.5, 1e9);
  CHECK(scarred < clean);
  CHECK(logit(clean) - logit(scarred) == Approx(p.trust_punishment_weight).epsilon(1e-6));
}
