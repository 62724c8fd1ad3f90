// The probe that facts 13 and 14 use only reads the NHS simulation's state:
// a probed run must record exactly what an unprobed run records.
#include <catch2/catch.hpp>

#include <memory>

#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/probe.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

TEST_CASE("the validation probe leaves NHS runs unchanged", "[validation]") {
  const auto recipe = scenario("mid_staffs", {"trust.wards=12", "trust.managers=4"});
  const std::vector<std::string> metrics{"harm_rate", "fear_mean_clinicians", "burnout_mean_nurse",
                                         "perception_gap"};
  const auto plain = run_once(model(), recipe, 5, metrics, 120);
  auto panel = std::make_shared<ClinicianPanel>();
  auto boards = std::make_shared<BoardAtStart>();
  const auto with_panel = observed(model(), sim::Period::daily, record_panel(panel));
  const auto with_boards = observed(model(), sim::Period::daily, record_boards(boards));
  const auto a = run_once(with_panel, recipe, 5, metrics, 120);
  const auto b = run_once(with_boards, recipe, 5, metrics, 120);
  for (const auto& m : metrics) {
    CHECK(a.series(m) == plain.series(m));
    CHECK(b.series(m) == plain.series(m));
  }
  // Weekly observations on the day before each team meeting.
  REQUIRE(panel->days.size() == 17);
  CHECK(panel->days.front() == 5);
  CHECK(panel->fear.front().size() == panel->ward_of_post.size());
  CHECK(panel->pressure.front().size() == 12);
  CHECK(boards->top_competence.size() == 1);
  CHECK(boards->top_competence[0] >= boards->mean_competence[0]);
}
