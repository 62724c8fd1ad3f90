// The mechanisms model v2 added (docs/ODD.md 6.3), one at a time on a small
// state: individual accountability, local autonomy, layered oversight,
// resources attached to targets, reorganisation, integrated care,
// clinicians' voice, support for middle managers, appraisal, and a
// fit-and-proper screen that covers conduct.
#include <catch2/catch.hpp>

#include "models/nhs/formulas.hpp"
#include "tests/unit/nhs/mechanism_fixture.hpp"

using namespace nhs_test;

namespace {

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v)
    sum += x;
  return sum / static_cast<double>(v.size());
}

// Managers' mean fear after `days` of leaders' states from the fixture's start.
double managers_fear_after(const Params& p, int days) {
  Fixture f(p);
  for (int day = 0; day < days; ++day)
    leadership_states(f.s, p);
  return mean_of(f.s.managers.fear);
}

}  // namespace

TEST_CASE("individual accountability raises leaders' fear, by at most its weight",
          "[nhs][accountability]") {
  Params none = small_params();
  none.fit_and_proper = 0;
  none.manager_database = 0;
  none.mandatory_references = 0;
  none.strike_off = 0;
  CHECK(accountability_exposure(none) == 0.0);
  Params full = none;
  full.fit_and_proper = 1;
  full.manager_database = 1;
  full.strike_off = 1;
  full.accountability_test_weight = full.accountability_record_weight =
      full.accountability_barring_weight = 1.0;
  CHECK(accountability_exposure(full) == 1.0);  // capped: a share of full exposure
  Params some = none;
  some.strike_off = 1;
  CHECK(accountability_exposure(some) == Approx(some.accountability_barring_weight));
  CHECK(managers_fear_after(full, 120) > managers_fear_after(none, 120) + 0.02);
}

TEST_CASE("the able avoid leading a failing trust where accountability is personal",
          "[nhs][accountability]") {
  Params p = small_params();
  p.fit_and_proper = 0;  // no screen: competence is what the market offers
  p.manager_database = 1;
  p.strike_off = 1;
  auto mean_hired_competence = [&](double alert_score, const Params& params) {
    Fixture f(params);
    f.s.centre.pool = 0;  // fresh candidates only
    f.s.trusts.alert_score[0] = alert_score;
    double sum = 0;
    const int hires = 400;
    for (int day = 0; day < hires; ++day) {
      hire_leader(f.s, f.s.managers, 0, 0, 0, params, f.context, day);
      sum += f.s.managers.competence[0];
    }
    return sum / hires;
  };
  const double healthy = mean_hired_competence(0.0, p);
  const double failing = mean_hired_competence(50.0, p);
  CHECK(failing < healthy - 0.03);
  // At most the deterrence's share of the mean, whatever the failure.
  CHECK(failing > healthy * (1.0 - p.accountability_deterrence) - 0.02);
  Params unexposed = p;
  unexposed.manager_database = 0;
  unexposed.strike_off = 0;
  CHECK(mean_hired_competence(50.0, unexposed) == Approx(healthy).margin(0.005));
}

TEST_CASE("the fit-and-proper screen finds misconduct through mandatory references",
          "[nhs][accountability]") {
  Params p = small_params();
  p.misconduct_rate = 0.5;
  p.fit_and_proper = 1;
  p.competence_standard = 0;  // nobody fails on competence
  CandidateMarket market;     // fresh candidates only (recycled share 0)
  Fixture f(p);
  auto misconduct_share = [&](const Params& params) {
    int bad = 0;
    const int n = 2000;
    for (int id = 0; id < n; ++id)
      bad += screened_candidate(market, params, f.context.streams.leader_hire, 0,
                                static_cast<std::uint64_t>(id))
                 .misconduct;
    return bad / static_cast<double>(n);
  };
  Params mandatory = p;
  mandatory.mandatory_references = 1;
  const double plain = misconduct_share(p), checked = misconduct_share(mandatory);
  CHECK(plain < 0.5);  // references alone find a little
  CHECK(checked < plain - 0.1);
  CHECK(checked > 0.0);  // the last candidate must be hired
}

TEST_CASE("local autonomy speeds decisions", "[nhs][autonomy]") {
  Params p = small_params();
  auto pending_after_a_day = [&](double autonomy) {
    Params q = p;
    q.local_autonomy = autonomy;
    Fixture f(q);
    for (auto& x : f.s.wards.pending_fixes)
      x = 10.0;
    learning(f.s, q);
    return f.s.wards.pending_fixes[0];
  };
  const double central = pending_after_a_day(0.0), local = pending_after_a_day(1.0);
  CHECK(central == Approx(10.0 * (1.0 - 1.0 / p.decision_delay)));
  CHECK(local == Approx(10.0 * (1.0 - 1.0 / (p.decision_delay * (1.0 - p.autonomy_speedup)))));
  CHECK(elective_capacity_gain(p) < elective_capacity_gain([&] {
          Params q = p;
          q.local_autonomy = 1;
          return q;
        }()));
}

TEST_CASE("layered oversight relaxes vigilance unless roles are clear", "[nhs][oversight]") {
  Params p = small_params();
  p.oversight_layers = 1;
  CHECK(oversight_vigilance(p) == 1.0);
  p.oversight_layers = 5;
  p.role_clarity = 0.2;
  const double five = oversight_vigilance(p);
  CHECK(five == Approx(1.0 / (1.0 + p.diffusion_weight * 4 * 0.8)));
  p.oversight_layers = 3;
  CHECK(oversight_vigilance(p) > five);
  p.role_clarity = 1.0;
  CHECK(oversight_vigilance(p) == 1.0);
  p.role_clarity = 0.5;
  CHECK(effective_surveillance(p) == Approx(p.surveillance_intensity * oversight_vigilance(p)));
}

TEST_CASE("targets that come with resources press less and add capacity", "[nhs][targets]") {
  Params bare = small_params();
  bare.target_stringency = 1;
  bare.target_resourcing = 0;
  Params resourced = bare;
  resourced.target_resourcing = 1;
  Fixture a(bare), b(resourced);
  CHECK(b.s.trusts.board_pressure[0] < a.s.trusts.board_pressure[0] - 0.02);
  CHECK(elective_capacity_gain(resourced) > elective_capacity_gain(bare));
}

TEST_CASE("a reorganisation replaces managers and distracts the board for months",
          "[nhs][reorganisation]") {
  Params p = small_params();
  p.reorganisation_rate = 1e6;  // certain this month (the registry caps it at 1 a year)
  p.reorganisation_manager_replacement = 1;
  const Day day = 30;
  auto reorganised = [&](const Params& q) {
    Fixture f(q);
    reorganisations(f.s, q, f.context, day);
    return f.s;
  };
  const State careless = reorganised(p);
  CHECK(careless.tallies.total(0, Tally::reorganisations) == 1);
  CHECK(careless.trusts.distraction[0] == Approx(1.0));
  int replaced = 0;
  for (auto hired : careless.managers.hired_day)
    replaced += hired == day;
  CHECK(replaced == static_cast<int>(careless.managers.hired_day.size()));
  Params careful = p;
  careful.reorganisation_care = 1;
  const State cared = reorganised(careful);
  CHECK(cared.trusts.distraction[0] ==
        Approx(1.0 - p.reorganisation_care_protection * 1.0).margin(1e-12));
  // Distraction fades with its half-life.
  State s = careless;
  for (int d = 0; d < static_cast<int>(p.distraction_half_life); ++d)
    learning(s, p);
  CHECK(s.trusts.distraction[0] == Approx(0.5).epsilon(1e-6));
}

TEST_CASE("integrated care gets medically fit patients home sooner and fewer need it",
          "[nhs][social_care]") {
  Params p = small_params();
  p.care_integration = 0;
  const double exit_apart = social_care_exit(p), need_apart = social_care_need(p);
  CHECK(exit_apart ==
        Approx(p.social_care_exit_floor + p.social_care_exit_gain * p.social_care_capacity));
  p.care_integration = 1;
  CHECK(social_care_exit(p) > exit_apart);
  CHECK(social_care_exit(p) <= p.social_care_exit_floor + p.social_care_exit_gain);
  CHECK(social_care_need(p) == Approx(need_apart * (1.0 - p.integration_need_reduction)));
}

TEST_CASE("clinicians with a voice feel less pressure and see concerns acted on", "[nhs][voice]") {
  Params quiet = small_params();
  quiet.clinician_voice = 0;
  Params heard = quiet;
  heard.clinician_voice = 1;
  CHECK(clinician_felt_pressure(heard, 0.5, 0.3) < clinician_felt_pressure(quiet, 0.5, 0.3));
  const ManagerView manager;
  CHECK(address_probability(heard, manager, 0.5) > address_probability(quiet, manager, 0.5));
  CHECK(policy_climate(heard) < policy_climate(quiet));  // safer, learned slowly
}

TEST_CASE("supported middle managers fear less and pass less pressure down", "[nhs][support]") {
  Params alone = small_params();
  alone.manager_support = 0;
  Params supported = alone;
  supported.manager_support = 1;
  Fixture a(alone), b(supported);
  CHECK(b.s.manager_pressure.passed_logit[0] ==
        Approx(a.s.manager_pressure.passed_logit[0] - alone.support_damping));
  CHECK(managers_fear_after(supported, 120) < managers_fear_after(alone, 120) - 0.01);
}

TEST_CASE("appraisal adds to leaders' yearly development", "[nhs][appraisal]") {
  Params p = small_params();
  p.appraisal = 0;
  const double without = yearly_development(p);
  p.appraisal = 1;
  CHECK(yearly_development(p) == Approx(without + p.appraisal_gain));
  p.training_investment = p.appraisal = 1;
  p.training_gain = p.appraisal_gain = 1;
  CHECK(yearly_development(p) == 1.0);  // never more than the whole gap
}
