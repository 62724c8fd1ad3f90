#include <catch2/catch.hpp>

#include "cli/serve/lever_moves.hpp"

using namespace candour;
using cli::serve::LeverMove;
using cli::serve::timeline_with_moves;

namespace {

sim::ParameterSet set_of(double a, double b) {
  sim::ParameterSet set;
  set.set("x.a", a);
  set.set("x.b", b);
  return set;
}

}  // namespace

TEST_CASE("a lever move is a stage holding the scenario's set with the move applied",
          "[serve][moves]") {
  const auto initial = set_of(1, 1);
  const std::vector<LeverMove> moves{{10, "x.a", 5.0}};
  const auto timeline = timeline_with_moves({}, initial, moves);
  REQUIRE(timeline.size() == 1);
  CHECK(timeline[0].day == 10);
  CHECK(timeline[0].parameters == set_of(5, 1));
  CHECK(timeline[0].label == "page: x.a = 5.0");
}

TEST_CASE("moves persist through later scenario stages and join a stage on their day",
          "[serve][moves]") {
  const auto initial = set_of(1, 1);
  const std::vector<sim::TimelineChange> stages{{20, "reform", set_of(2, 2)},
                                                {30, "later", set_of(3, 3)}};
  const std::vector<LeverMove> moves{{10, "x.a", 5.0}, {20, "x.b", 7.0}};
  const auto timeline = timeline_with_moves(stages, initial, moves);
  REQUIRE(timeline.size() == 3);
  CHECK(timeline[0].day == 10);
  CHECK(timeline[0].parameters == set_of(5, 1));
  CHECK(timeline[1].day == 20);  // the scenario's stage, with both moves
  CHECK(timeline[1].parameters == set_of(5, 7));
  CHECK(timeline[1].label == "reform; page: x.b = 7.0");
  CHECK(timeline[2].day == 30);
  CHECK(timeline[2].parameters == set_of(5, 7));
  CHECK(timeline[2].label == "later");
}

TEST_CASE("without moves the scenario's timeline is unchanged", "[serve][moves]") {
  const std::vector<sim::TimelineChange> stages{{20, "reform", set_of(2, 2)}};
  const auto timeline = timeline_with_moves(stages, set_of(1, 1), {});
  REQUIRE(timeline.size() == 1);
  CHECK(timeline[0].parameters == set_of(2, 2));
  CHECK(timeline[0].label == "reform");
}
