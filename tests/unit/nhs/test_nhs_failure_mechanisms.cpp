// Mechanisms added for stylised facts 4, 8, 12 and 14: what the regulator
// sees, what a board that acts on walkrounds changes, how cut posts empty, and
// how failure and leadership churn feed each other.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "tests/unit/nhs/mechanism_fixture.hpp"

using namespace nhs_test;

namespace {

// Every ward has a true problem that no internal channel has seen, and its
// staff have fear `fear` and no futility.
void silent_problems(State& s, double fear) {
  for (std::size_t w = 0; w < s.wards.latent.size(); ++w) {
    s.wards.latent[w] = 0.9;
    s.wards.forwarded_this_month[w] = 0;
    s.wards.walkround_issue_this_month[w] = 0;
    s.wards.mean_fear[w] = fear;
    s.wards.mean_futility[w] = 0.0;
  }
}

double detected(const Params& p, State s, const Context& c) {
  regulator_data(s, p, c, 30);
  REQUIRE(s.tallies.total(0, Tally::problem_wards) == 4);
  return s.tallies.total(0, Tally::problem_wards_detected);
}

}  // namespace

TEST_CASE("the regulator finds a silent problem only if it looks, from records or staff",
          "[nhs][regulator]") {
  Params p = small_params();
  Fixture f(p, 5);
  silent_problems(f.s, 1.0);  // staff tell nobody
  Params blind = p, watching = p;
  blind.surveillance_intensity = 0.0;
  watching.surveillance_intensity = 1.0;
  // Layered oversight keeps only part of each body's vigilance.
  const double looked = -std::expm1(-p.monitoring_rate * oversight_vigilance(watching));
  CHECK(detected(blind, f.s, f.context) == 0.0);
  CHECK(detected(watching, f.s, f.context) ==
        Approx(4 * looked * p.inspection_coverage).epsilon(1e-12));

  // Under scrutiny the regulator always looks; open staff tell it the rest.
  State scrutinised = f.s;
  scrutinised.trusts.under_investigation[0] = 1;
  scrutinised.trusts.investigation_end[0] = 100000;
  CHECK(detected(blind, scrutinised, f.context) == Approx(4 * p.inspection_coverage));
  silent_problems(scrutinised, 0.0);
  CHECK(detected(blind, scrutinised, f.context) == Approx(4.0));

  // A concern forwarded to the board counts whatever the regulator does.
  State reported = f.s;
  reported.wards.forwarded_this_month[2] = 1;
  CHECK(detected(blind, reported, f.context) == 1.0);
}

TEST_CASE("a trust's first alert keeps its day across the burn-in, until a year without one",
          "[nhs][regulator]") {
  Params p = small_params();
  p.referral_threshold = 0.0;  // every assessment is an alert
  p.background_referral_rate = 0.0;
  p.referral_weight = 0.0;  // and none is referred
  Fixture f(p);
  CHECK(f.s.trusts.first_alert[0] == kNoDay);
  regulator_assessment(f.s, p, f.context, -91);  // in the burn-in
  CHECK(f.s.trusts.first_alert[0] == -91);
  regulator_assessment(f.s, p, f.context, 0);
  regulator_assessment(f.s, p, f.context, 91);
  CHECK(f.s.trusts.first_alert[0] == -91);
  CHECK(f.s.tallies.total(0, Tally::alerts) == 3);
  // Then no alerts: the episode lasts until a year has passed since the last.
  Params quiet = p;
  quiet.referral_threshold = 1e9;
  regulator_assessment(f.s, quiet, f.context, 91 + 273);
  CHECK(f.s.trusts.first_alert[0] == -91);
  regulator_assessment(f.s, quiet, f.context, 91 + 365);
  CHECK(f.s.trusts.first_alert[0] == kNoDay);
}

TEST_CASE("an investigation starts when the regulator's inquiry ends", "[nhs][regulator]") {
  Params p = small_params();
  p.background_referral_rate = 50.0;  // referred for certain
  p.investigation_probability = 1.0;
  Fixture f(p);
  // Deaths at twice the expected number: an alert score far above the threshold.
  f.s.tallies.add(0, Tally::deaths, 20);
  f.s.tallies.add(0, Tally::expected_deaths, 10);
  regulator_assessment(f.s, p, f.context, 0);
  REQUIRE(f.s.tallies.total(0, Tally::referrals) == 1);
  CHECK(f.s.trusts.inquiry_end[0] == std::llround(p.inquiry_time));
  CHECK(f.s.trusts.under_investigation[0] == 0);
  CHECK(f.s.tallies.total(0, Tally::investigations) == 0);
  // Under inquiry the trust is not referred again, and nothing starts early.
  regulator_assessment(f.s, p, f.context, 91);
  CHECK(f.s.tallies.total(0, Tally::referrals) == 1);
  regulator_data(f.s, p, f.context, f.s.trusts.inquiry_end[0] - 1);
  CHECK(f.s.trusts.under_investigation[0] == 0);
  const auto start = f.s.trusts.inquiry_end[0];
  regulator_data(f.s, p, f.context, start);
  CHECK(f.s.trusts.under_investigation[0] == 1);
  CHECK(f.s.trusts.inquiry_end[0] == kNoDay);
  CHECK(f.s.tallies.total(0, Tally::investigations) == 1);
  CHECK(f.s.trusts.investigation_end[0] == start + std::llround(p.investigation_duration));
  // Its delay is counted from the first alert (day 0) to the start.
  CHECK(f.s.tallies.total(0, Tally::alert_to_investigation_days) == Approx(start));
}

TEST_CASE("a board that acts on walkround issues gains attention and a memory that calms staff",
          "[nhs][walkrounds]") {
  Params p = small_params();
  p.walkround_rate = 20;
  Fixture f(p, 5);
  for (std::size_t w = 0; w < 4; ++w) {
    f.s.wards.mean_fear[w] = 0.0;
    f.s.wards.mean_futility[w] = 0.0;
  }
  f.s.trusts.attention[0] = 0.2;
  Params acted = p, ignored = p;
  acted.walkround_follow_up = 1.0;
  ignored.walkround_follow_up = 0.0;
  State a = f.s, b = f.s;
  walkrounds(a, acted, f.context, 30);
  walkrounds(b, ignored, f.context, 30);
  CHECK(a.trusts.board_response_memory[0] == 20.0);
  CHECK(b.trusts.board_response_memory[0] == 0.0);
  CHECK(a.trusts.attention[0] ==
        Approx(1.0 - 0.8 * std::pow(1.0 - p.walkround_attention_step, 20)).epsilon(1e-12));
  CHECK(b.trusts.attention[0] == 0.2);

  // The memory lowers every clinician's fear target, by at most
  // fear.board_response_weight however long the record, and fades at its half-life.
  auto fear_after = [&](double memory) {
    State s = f.s;
    s.trusts.board_response_memory[0] = memory;
    for (int day = 0; day < 60; ++day)
      staff_states(s, p, f.context, day);
    return mean_fear(s);
  };
  const double none = fear_after(0.0), some = fear_after(10.0), long_record = fear_after(1e3),
               endless = fear_after(1e9);
  CHECK(some < none - 0.02);
  CHECK(long_record < some);
  CHECK(endless > long_record - 0.005);  // saturated: no more calm from more issues
  State fading = f.s;
  fading.trusts.board_response_memory[0] = 8.0;
  for (int day = 0; day < static_cast<int>(p.board_response_half_life); ++day)
    learning(fading, p);
  CHECK(fading.trusts.board_response_memory[0] == Approx(4.0).epsilon(1e-9));
}

TEST_CASE("holders of cut posts are moved out at the clearance rate", "[nhs][finance]") {
  Params p = small_params();
  p.clinicians_per_ward = 100;
  p.leave_rate = 0.0;        // nobody leaves of her own accord
  p.time_to_fill = 1000000;  // and nobody is hired
  Params kept = p;
  kept.cut_clearance_rate = 0.0;
  Fixture f(p, 11);
  for (auto& e : f.s.wards.establishment)
    e = 50.0;  // half of every ward's posts cut
  auto occupancy = [&](const Params& q) {
    State s = f.s;
    double cut_before = 0, cut_after = 0, funded_before = 0, funded_after = 0;
    const auto& L = s.layout;
    auto count = [&](double& cut, double& kept_posts) {
      for (std::size_t i = 0; i < s.clinicians.present.size(); ++i) {
        if (!s.clinicians.present[i])
          continue;
        const std::size_t w = L.ward_of_post[i];
        (funded(s.wards.establishment[w], L.slot_in_ward[i]) ? kept_posts : cut) += 1;
      }
    };
    count(cut_before, funded_before);
    for (int day = 0; day < 365; ++day)
      staff_turnover(s, q, f.context, day);
    count(cut_after, funded_after);
    REQUIRE(cut_before > 150);
    CHECK(funded_after == funded_before);
    return cut_after / cut_before;
  };
  // A year at one clearance a year leaves exp(-1) of the cut posts' holders.
  CHECK(occupancy(p) == Approx(std::exp(-p.cut_clearance_rate)).margin(0.1));
  CHECK(occupancy(kept) == 1.0);
}

TEST_CASE("leaders of a publicly failing trust leave sooner", "[nhs][leadership]") {
  Params p = small_params();
  Fixture f(p, 23);
  auto leavers = [&](double alert_score) {
    State s = f.s;
    s.trusts.alert_score[0] = alert_score;
    for (int day = 0; day < 3 * 3650; ++day)
      leadership_turnover(s, p, f.context, day);
    return s.tallies.total(0, Tally::manager_leavers) + s.tallies.total(0, Tally::board_leavers);
  };
  const double calm = leavers(0.0), failing = leavers(4.0), collapsed = leavers(400.0);
  // At alert score S each leader's hazard is 1 + weight * S / (S + 2) times
  // the calm one (board weight 6, managers' 1): at S = 4 five and 1.67
  // times; the multiples saturate at 1 + weight, so never beyond 7 times.
  CHECK(calm > 40);
  CHECK(failing > 1.3 * calm);
  const double most = 1.0 + std::max(p.failure_leave_weight, p.board_failure_leave_weight);
  CHECK(collapsed < 1.1 * most * calm);
  CHECK(collapsed > failing);
}

TEST_CASE("a new manager drops part of the improvement work in progress", "[nhs][leadership]") {
  Params p = small_params();
  Fixture f(p, 5);
  auto& W = f.s.wards;
  for (std::size_t w = 0; w < 4; ++w) {
    W.pending_fixes[w] = 10.0;
    W.trust[w] = 0.9;
  }
  hand_over_wards(f.s, 0, p);
  const auto& R = f.s.layout.wards_of_manager;
  for (std::size_t w = 0; w < 4; ++w) {
    const bool hers = w >= R.begin(0) && w < R.end(0);
    CHECK(W.pending_fixes[w] == (hers ? 10.0 * (1.0 - p.handover_loss) : 10.0));
    CHECK(W.trust[w] == (hers ? p.initial_trust : 0.9));
  }
}
