// Mechanisms of the NHS model, tested process by process on a small state.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/nhs/formulas.hpp"
#include "tests/unit/nhs/mechanism_fixture.hpp"

using namespace nhs_test;

namespace {

// Every clinician witnesses something today, and every witness speaks up.
void busy_day(State& s) {
  for (std::size_t w = 0; w < s.wards.incidents_today.size(); ++w) {
    s.wards.incidents_today[w] = 2000;
    s.wards.harm_today[w] = 600;
  }
}

}  // namespace

TEST_CASE("punished concerns raise the speaker's fear and the ward's memory of punishment",
          "[nhs][fear]") {
  Params p = small_params();
  p.speak_intercept = 40;  // everyone who witnesses speaks up
  Fixture f(p);
  busy_day(f.s);
  const double before = mean_fear(f.s);
  Params always = p, never = p;
  always.punish_intercept = 40;
  never.punish_intercept = -40;
  State punished = f.s, spared = f.s;
  speaking_up(punished, always, f.context, 0);
  speaking_up(spared, never, f.context, 0);
  CHECK(mean_fear(punished) > before + 0.05);
  CHECK(mean_fear(spared) <= before);
  CHECK(punished.wards.punishment_memory[0] > 0);
  CHECK(spared.wards.punishment_memory[0] == 0);
  CHECK(punished.tallies.total(0, Tally::concerns_punished) > 0);
  CHECK(spared.tallies.total(0, Tally::concerns_addressed) > 0);

  // The ward's memory of punishment frightens the whole team, by at most
  // fear.punishment_memory_weight however many concerns were punished.
  auto fear_after = [&](double memory) {
    State s = f.s;
    for (auto& m : s.wards.punishment_memory)
      m = memory;
    for (int day = 0; day < 60; ++day)
      staff_states(s, p, f.context, day);
    return mean_fear(s);
  };
  const double none = fear_after(0.0), some = fear_after(10.0), endless = fear_after(1e9);
  CHECK(some > none + 0.02);
  CHECK(endless < fear_after(1e3) + 0.005);  // saturated
}

TEST_CASE("fear falls toward its target at the stated half-life", "[nhs][fear]") {
  Params p = small_params();
  p.fear_amplification = 0.0;    // so the target does not move with fear itself
  p.fear_boldness_weight = 0.5;  // no target as high as the start
  Fixture f(p);
  auto& C = f.s.clinicians;
  for (auto& x : C.fear)
    x = 0.95;
  State settled = f.s, half = f.s;
  for (int day = 0; day < 3000; ++day)
    staff_states(settled, p, f.context, day);
  const int half_life = static_cast<int>(p.fear_half_life);
  for (int day = 0; day < half_life; ++day)
    staff_states(half, p, f.context, day);
  for (std::size_t i = 0; i < C.fear.size(); ++i) {
    if (!C.present[i])
      continue;
    const double target = settled.clinicians.fear[i];
    CHECK(target < 0.9);
    CHECK(half.clinicians.fear[i] - target == Approx(0.5 * (0.95 - target)).epsilon(1e-6));
  }
}

TEST_CASE("harm events follow the harm hazard on wards with more patients per nurse",
          "[nhs][harm]") {
  Params p = small_params();
  p.wards = 8;
  p.managers = 4;
  p.beds_per_ward = 20;
  p.harm_base_hazard = 0.05;
  p.harm_share_of_incidents = 1.0;
  p.fatal_share = 0.0;
  p.background_mortality = 0.0;
  p.admission_probability = 1.0;
  Fixture f(p, 11);
  const double gradient = std::pow(1.068, 3.0);  // three more patients per nurse
  double low = 0, high = 0;
  for (int day = 0; day < 1000; ++day) {
    for (std::size_t w = 0; w < 8; ++w)
      f.s.wards.harm_multiplier[w] = w < 4 ? 1.0 : gradient;
    patient_care(f.s, p, f.context, day);
    for (std::size_t w = 0; w < 8; ++w)
      (w < 4 ? low : high) += f.s.wards.harm_today[w];
  }
  REQUIRE(low > 3000);
  // The hazard ratio carries into the event ratio (less a little for 1 - exp(-h)).
  CHECK(high / low == Approx(gradient).epsilon(0.06));
}

TEST_CASE("scarce social care fills beds with delayed discharges", "[nhs][patients]") {
  Params scarce = small_params(), ample = small_params();
  scarce.social_care_capacity = 0.0;
  ample.social_care_capacity = 1.0;
  Fixture a(scarce, 5), b(ample, 5);
  for (int day = 0; day < 200; ++day) {
    patient_care(a.s, scarce, a.context, day);
    patient_care(b.s, ample, b.context, day);
  }
  ward_aggregates(a.s, scarce, a.context);
  ward_aggregates(b.s, ample, b.context);
  double delayed_a = 0, delayed_b = 0;
  for (std::size_t w = 0; w < 4; ++w) {
    delayed_a += a.s.wards.delayed[w];
    delayed_b += b.s.wards.delayed[w];
  }
  CHECK(delayed_a > 2 * delayed_b);
}

TEST_CASE("walkrounds help only where what staff raise is acted on", "[nhs][walkrounds]") {
  Params p = small_params();
  p.walkround_rate = 20;
  Fixture f(p);
  for (std::size_t w = 0; w < 4; ++w) {  // staff who dare to speak
    f.s.wards.mean_fear[w] = 0.0;
    f.s.wards.mean_futility[w] = 0.0;
  }
  Params acted = p, ignored = p;
  acted.walkround_follow_up = 1.0;
  ignored.walkround_follow_up = 0.0;
  State a = f.s, b = f.s;
  const Day month_end = 30;
  walkrounds(a, acted, f.context, month_end);
  walkrounds(b, ignored, f.context, month_end);
  double fixes_a = 0, fixes_b = 0, futility_a = 0, futility_b = 0, futility_0 = 0;
  for (std::size_t w = 0; w < 4; ++w) {
    fixes_a += a.wards.pending_fixes[w];
    fixes_b += b.wards.pending_fixes[w];
  }
  for (std::size_t i = 0; i < f.s.clinicians.futility.size(); ++i) {
    futility_a += a.clinicians.futility[i];
    futility_b += b.clinicians.futility[i];
    futility_0 += f.s.clinicians.futility[i];
  }
  CHECK(a.tallies.total(0, Tally::walkround_issues) == 20);
  CHECK(fixes_a > 0);
  CHECK(fixes_b == 0);
  CHECK(futility_a < futility_0);
  CHECK(futility_b > futility_0);
}

TEST_CASE("the fit-and-proper test with the database keeps dismissed managers out",
          "[nhs][leadership]") {
  Params open = small_params(), screened = small_params();
  screened.fit_and_proper = 1.0;
  screened.manager_database = 1.0;
  Params tested_only = screened;
  tested_only.manager_database = 0.0;
  auto recycled_share = [](const Params& p) {
    Fixture f(p, 17);
    double recycled = 0;
    const int hires = 400;
    for (int k = 0; k < hires; ++k) {
      f.s.centre.pool = 30.0;  // as many dismissed managers on the market as fresh candidates
      hire_leader(f.s, f.s.managers, 0, 0, 0, p, f.context, k);
      recycled += f.s.managers.recycled[0];
    }
    return recycled / hires;
  };
  const double none = recycled_share(open);
  const double with_database = recycled_share(screened);
  const double without_database = recycled_share(tested_only);
  CHECK(none == Approx(0.5).margin(0.1));
  CHECK(with_database < 0.2);
  CHECK(without_database > with_database + 0.1);
}

TEST_CASE("a cost-improvement target freezes posts unless a floor protects them",
          "[nhs][finance]") {
  Params p = small_params();
  p.cost_improvement = 0.12;
  Fixture f(p);
  for (auto& q : f.s.trusts.cost_improvement)
    q = 0.12;
  Params floored = p;
  floored.safe_staffing_floor = 4.0;
  State cut = f.s, protected_ = f.s;
  for (int month = 0; month < 12; ++month) {
    cut.trusts.perceived_harm[0] = 0.0;  // a board that sees no harm halts nothing
    protected_.trusts.perceived_harm[0] = 0.0;
    board_meeting(cut, p);
    board_meeting(protected_, floored);
  }
  CHECK(cut.wards.establishment[0] == Approx(10.0 * std::pow(1.0 - 0.01, 12)));
  CHECK(protected_.wards.establishment[0] > cut.wards.establishment[0]);
}

TEST_CASE("a trust's culture offset holds its clinicians' fear apart for good",
          "[nhs][fear][culture]") {
  Params p = small_params();
  p.fear_amplification = 0.0;  // so the target does not move with fear itself
  Fixture f(p);
  // The same trust and the same staff under two cultures, kappa = +-0.4
  // logit (6.1): long after any start the settled fear differs by exactly
  // 2 * 0.4 in logit, for every clinician (6.3.4), and stays strictly
  // between 0 and 1.
  State fearful = f.s, open = f.s;
  fearful.trusts.culture.assign(fearful.trusts.culture.size(), 0.4);
  open.trusts.culture.assign(open.trusts.culture.size(), -0.4);
  for (int day = 0; day < 3000; ++day) {
    staff_states(fearful, p, f.context, day);
    staff_states(open, p, f.context, day);
  }
  int checked = 0;
  for (std::size_t i = 0; i < f.s.clinicians.fear.size(); ++i) {
    if (!f.s.clinicians.present[i])
      continue;
    const double a = fearful.clinicians.fear[i], b = open.clinicians.fear[i];
    CHECK(logit(a) - logit(b) == Approx(0.8).epsilon(1e-6));
    CHECK(b > 0.0);
    CHECK(a < 1.0);
    ++checked;
  }
  CHECK(checked > 20);
}

TEST_CASE("a reform reaches incumbents through relearning and new hires at once",
          "[nhs][fear][reform]") {
  Params p = small_params();
  Fixture f(p);
  Params reform = p;
  reform.whistleblower_protection = 1.0;
  reform.duty_of_candour = 1.0;
  const double before = policy_climate(p), after = policy_climate(reform);
  REQUIRE(after < before);
  State s = f.s;
  const auto H = static_cast<int>(p.relearning_half_life);
  for (int day = 0; day < H; ++day)
    staff_states(s, reform, f.context, day);
  // After one half-life, an incumbent has learned half the change.
  for (std::size_t i = 0; i < s.clinicians.belief.size(); ++i) {
    if (!s.clinicians.present[i])
      continue;
    CHECK(s.clinicians.belief[i] == Approx(0.5 * (before + after)).epsilon(1e-6));
  }
  // A new hire starts from the climate the reform sets.
  State hired = f.s;
  for (auto& present : hired.clinicians.present)
    present = 0;
  for (int day = 0; day < 400; ++day)
    staff_turnover(hired, reform, f.context, day);
  int checked = 0;
  for (std::size_t i = 0; i < hired.clinicians.belief.size(); ++i) {
    if (!hired.clinicians.present[i])
      continue;
    CHECK(hired.clinicians.belief[i] == Approx(after));
    ++checked;
  }
  CHECK(checked > 10);
}
