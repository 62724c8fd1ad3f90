// The NHS parameter registry: complete, documented, consistent with the struct.
#include <catch2/catch.hpp>

#include <cstring>
#include <set>
#include <string>

#include "models/nhs/nhs_model.hpp"
#include "models/nhs/parameters.hpp"

using namespace candour;
using models::nhs::Params;

TEST_CASE("every NHS parameter has a unit a description a source and a valid default",
          "[nhs][parameters]") {
  const auto specs = models::nhs::parameter_specs();
  REQUIRE(specs.size() > 100);
  std::set<std::string> names;
  for (const auto& s : specs) {
    INFO(s.name);
    CHECK(names.insert(s.name).second);
    CHECK(s.name.rfind("run.", 0) != 0);
    CHECK(s.name.find('.') != std::string::npos);
    CHECK_FALSE(s.unit.empty());
    CHECK(s.description.size() > 15);
    CHECK_FALSE(s.source.empty());
    CHECK(s.min <= s.default_value);
    CHECK(s.default_value <= s.max);
  }
  // The engine accepts the table with its own run settings.
  CHECK_NOTHROW(sim::registry_for(models::nhs_model()));
}

TEST_CASE("the registry fills every field of the parameter struct", "[nhs][parameters]") {
  // Params holds only doubles, one per table entry.
  REQUIRE(models::nhs::parameter_specs().size() == sizeof(Params) / sizeof(double));
  // Reading the defaults through a ParameterSet gives the table's defaults.
  const auto set = sim::registry_for(models::nhs_model()).defaults();
  const Params read = models::nhs::read_params(set);
  const Params defaults = models::nhs::default_params();
  CHECK(std::memcmp(&read, &defaults, sizeof(Params)) == 0);
  // A changed value arrives in its own field and nowhere else.
  auto changed = set;
  changed.set("openness.duty_of_candour", 0.75);
  const Params p = models::nhs::read_params(changed);
  CHECK(p.duty_of_candour == 0.75);
  CHECK(p.whistleblower_protection == defaults.whistleblower_protection);
}

TEST_CASE("every lever of the model brief is a parameter", "[nhs][parameters]") {
  const auto registry = sim::registry_for(models::nhs_model());
  for (const char* lever : {"pressure.target_stringency",
                            "pressure.target_count",
                            "pressure.penalty_severity",
                            "pressure.balanced_with_safety",
                            "finance.cost_improvement",
                            "regulator.surveillance_intensity",
                            "openness.duty_of_candour",
                            "openness.whistleblower_protection",
                            "openness.walkround_rate",
                            "openness.escalation_norm",
                            "leadership.training_investment",
                            "leadership.code_of_conduct",
                            "leadership.fit_and_proper",
                            "leadership.manager_database",
                            "leadership.strike_off",
                            "leadership.relationship_development",
                            "pressure.local_autonomy",
                            "staffing.safe_staffing_floor",
                            "staffing.social_care_capacity",
                            "leadership.decision_delay",
                            "regulator.referral_threshold",
                            "trust.wards",
                            "system.trusts"}) {
    INFO(lever);
    CHECK(registry.find(lever) != nullptr);
  }
  // Aiken's gradient is the harm default.
  CHECK(registry.find("harm.staffing_log_odds")->default_value == Approx(std::log(1.068)));
}

TEST_CASE("structure parameters survive a change of parameters", "[nhs][parameters]") {
  Params built = models::nhs::default_params();
  built.wards = 30;
  built.burn_in_days = 100;
  built.doctor_share = 0.5;
  Params next = models::nhs::default_params();
  next.wards = 5;
  next.burn_in_days = 0;
  next.doctor_share = 0.1;
  next.duty_of_candour = 1.0;
  next.finance_spread = 0.1;  // under [system] but a lever, not structure
  const Params kept = models::nhs::keep_structure(next, built);
  CHECK(kept.wards == 30);
  CHECK(kept.burn_in_days == 100);
  CHECK(kept.doctor_share == 0.5);
  CHECK(kept.duty_of_candour == 1.0);
  CHECK(kept.finance_spread == 0.1);
}

TEST_CASE("every parameter has a kind, and only policy choices are levers", "[nhs][parameters]") {
  const auto registry = sim::registry_for(models::nhs_model());
  std::set<std::string> levers;
  for (const auto& p : registry.specs()) {
    INFO(p.name);
    CHECK(p.kind != sim::ParameterKind::unassigned);
    if (p.kind == sim::ParameterKind::lever)
      levers.insert(p.name);
    // A value fitted to national figures describes behaviour, not a choice.
    if (p.source.find("calibrated") != std::string::npos)
      CHECK(p.kind == sim::ParameterKind::calibrated);
    if (p.name.rfind("run.", 0) == 0)
      CHECK(p.kind == sim::ParameterKind::setting);
  }
  // The 41 levers marked in models/nhs/parameters.cpp: the reforms the scenario files encode
  // among them.
  CHECK(levers.size() == 41);
  for (const char* name :
       {"pressure.target_stringency", "pressure.penalty_severity",
        "regulator.surveillance_intensity", "openness.duty_of_candour",
        "openness.whistleblower_protection", "leadership.fit_and_proper", "leadership.strike_off",
        "finance.cost_improvement", "staffing.safe_staffing_floor", "board.quality_information",
        "pressure.local_autonomy", "pressure.target_resourcing", "regulator.oversight_layers",
        "regulator.role_clarity", "leadership.appraisal", "leadership.manager_support",
        "openness.clinician_voice", "reorganisation.rate", "staffing.care_integration"})
    CHECK(levers.count(name) == 1);
  // Behavioural constants are not levers, however often scenarios change them.
  const auto kind = [&](const char* name) { return registry.find(name)->kind; };
  CHECK(kind("pressure.amplification") == sim::ParameterKind::calibrated);
  CHECK(kind("fear.half_life") == sim::ParameterKind::behaviour);
  // How far a board discounts bad news is its own choice of how it reads its
  // information (the HCC asked boards to lower that filter), so it is a lever.
  CHECK(kind("openness.good_news_bias") == sim::ParameterKind::lever);
  CHECK(kind("system.finance_spread") == sim::ParameterKind::structure);
  CHECK(kind("trust.wards") == sim::ParameterKind::structure);
  CHECK(kind("regulator.problem_threshold") == sim::ParameterKind::setting);
}
