// [[timeline]]: stages resolved to full sets, inheritance, named scenarios, --set.
#include "scenario_support.hpp"

using namespace candour;
using namespace candour::testing;
using Catch::Matchers::Contains;

TEST_CASE("timeline stages hold the full set sorted by day", "[scenario][timeline]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml",
                           "model = \"toy\"\n[run]\ndays = 100\n[toy]\npull = 0.1\n"
                           "[[timeline]]\nday = 60\nlabel = \"second\"\n[timeline.set]\n"
                           "toy.shock_rate = 0.5\n"
                           "[[timeline]]\nday = 30\n[timeline.set]\ntoy.pull = 0.7\n");
  auto scenario = load_toy(file);
  REQUIRE(scenario.timeline.size() == 2);
  const auto& first = scenario.timeline[0];
  const auto& second = scenario.timeline[1];
  CHECK(first.day == 30);
  CHECK(first.label == "day 30");  // the default label
  CHECK(second.day == 60);
  CHECK(second.label == "second");

  auto expected_first = scenario.parameters;
  expected_first.set("toy.pull", 0.7);
  CHECK(first.parameters == expected_first);
  auto expected_second = expected_first;  // a stage starts from the one before
  expected_second.set("toy.shock_rate", 0.5);
  CHECK(second.parameters == expected_second);
  CHECK(scenario.parameters.real("toy.pull") == 0.1);  // the initial set is untouched
}

TEST_CASE("the timeline is inherited through extends unless the child has its own",
          "[scenario][timeline]") {
  ScratchFolder folder;
  folder.write(
      "base.toml",
      "model = \"toy\"\n[run]\ndays = 100\n[[timeline]]\nday = 50\nlabel = \"base reform\"\n"
      "[timeline.set]\ntoy.pull = 0.9\n");
  auto inherits = folder.write("inherits.toml", "extends = \"base.toml\"\n[toy]\npull = 0.2\n");
  auto replaces = folder.write("replaces.toml",
                               "extends = \"base.toml\"\n[[timeline]]\nday = 20\n"
                               "label = \"own\"\n");
  auto cancels = folder.write("cancels.toml", "extends = \"base.toml\"\ntimeline = []\n");

  auto inherited = load_toy(inherits);
  REQUIRE(inherited.timeline.size() == 1);
  CHECK(inherited.timeline[0].day == 50);
  CHECK(inherited.timeline[0].label == "base reform");
  CHECK(inherited.parameters.real("toy.pull") == 0.2);
  CHECK(inherited.timeline[0].parameters.real("toy.pull") == 0.9);

  auto replaced = load_toy(replaces);
  REQUIRE(replaced.timeline.size() == 1);
  CHECK(replaced.timeline[0].day == 20);
  CHECK(replaced.timeline[0].label == "own");
  CHECK(replaced.timeline[0].parameters == replaced.parameters);

  CHECK(load_toy(cancels).timeline.empty());
}

TEST_CASE("a timeline stage takes a named scenario then its own set", "[scenario][timeline]") {
  ScratchFolder folder;
  // The named scenario's run settings are ignored: a timeline cannot change them.
  folder.write("reforms/francis.toml",
               "model = \"toy\"\n[run]\ndays = 5\nseed = 99\n[toy]\nshock_rate = 0.05\n");
  auto file = folder.write("s.toml",
                           "model = \"toy\"\n[run]\ndays = 365\nseed = 4\n"
                           "[toy]\npull = 0.6\nshock_rate = 0.9\nagents = 300\n"
                           "[[timeline]]\nday = 100\nlabel = \"Francis\"\n"
                           "scenario = \"reforms/francis.toml\"\n"
                           "[timeline.set]\ntoy.enabled = false\n");
  auto scenario = load_toy(file);
  REQUIRE(scenario.timeline.size() == 1);
  const auto& stage = scenario.timeline[0].parameters;
  CHECK(stage.real("toy.shock_rate") == 0.05);  // from the named scenario
  CHECK(stage.real("toy.pull") == 0.1);         // the named scenario's default, not 0.6
  CHECK(stage.flag("toy.enabled") == false);    // the stage's own set
  CHECK(stage.integer("run.days") == 365);      // the main scenario's run settings
  CHECK(stage.integer("run.seed") == 4);
  // Structure: the run's, not the named scenario's default of 5000 agents.
  CHECK(stage.integer("toy.agents") == 300);
  CHECK(scenario.inputs == std::vector<fs::path>{file, folder.path() / "reforms/francis.toml"});
}

TEST_CASE("a timeline stage may not change structure", "[scenario][timeline][errors]") {
  ScratchFolder folder;
  // Directly in the stage's set: refused at its line.
  auto in_set = folder.write("in_set.toml",
                             "model = \"toy\"\n[run]\ndays = 60\n[[timeline]]\nday = 10\n"
                             "[timeline.set]\ntoy.agents = 900\n");
  auto error = load_error(in_set);
  check_location(error, in_set, 7, "toy.agents");
  CHECK_THAT(error.what(), Contains("is structure"));
  // In the stage's named scenario, set to another value than the run's: refused there.
  auto stage = folder.write("stage.toml", "model = \"toy\"\n[toy]\npull = 0.3\ngroups = 2\n");
  auto named = folder.write("named.toml",
                            "model = \"toy\"\n[run]\ndays = 60\n[[timeline]]\nday = 10\n"
                            "scenario = \"stage.toml\"\n");
  auto error2 = load_error(named);
  check_location(error2, stage, 4, "toy.groups");
  CHECK_THAT(error2.what(), Contains("named.toml:6"));
  // The same value as the run's is no change: accepted.
  folder.write("same.toml", "model = \"toy\"\n[toy]\npull = 0.3\ngroups = 8\n");
  auto same = folder.write("uses_same.toml",
                           "model = \"toy\"\n[run]\ndays = 60\n[[timeline]]\nday = 10\n"
                           "scenario = \"same.toml\"\n");
  CHECK(load_toy(same).timeline.at(0).parameters.real("toy.pull") == 0.3);
}

TEST_CASE("a later stage builds on the named scenario of an earlier one", "[scenario][timeline]") {
  ScratchFolder folder;
  folder.write("calm.toml", "model = \"toy\"\n[toy]\nshock_rate = 0.01\n");
  auto file = folder.write("s.toml",
                           "model = \"toy\"\n[run]\ndays = 100\n[toy]\nshock_rate = 2\n"
                           "[[timeline]]\nday = 10\nscenario = \"calm.toml\"\n"
                           "[[timeline]]\nday = 20\n[timeline.set]\ntoy.pull = 0.5\n");
  auto scenario = load_toy(file);
  REQUIRE(scenario.timeline.size() == 2);
  CHECK(scenario.timeline[1].parameters.real("toy.shock_rate") == 0.01);
  CHECK(scenario.timeline[1].parameters.real("toy.pull") == 0.5);
}

TEST_CASE("command-line overrides win in the initial set and in every stage",
          "[scenario][timeline]") {
  ScratchFolder folder;
  folder.write("reform.toml", "model = \"toy\"\n[toy]\npull = 0.3\nshock_rate = 0.3\n");
  auto file = folder.write("s.toml",
                           "model = \"toy\"\n[run]\ndays = 100\n[toy]\npull = 0.1\n"
                           "[[timeline]]\nday = 10\nscenario = \"reform.toml\"\n"
                           "[[timeline]]\nday = 20\n[timeline.set]\ntoy.pull = 0.7\n"
                           "toy.shock_rate = 0.7\n");
  auto scenario = load_toy(file, {"toy.pull=0.9", "run.seed = 12"});
  CHECK(scenario.parameters.real("toy.pull") == 0.9);
  CHECK(scenario.parameters.integer("run.seed") == 12);
  REQUIRE(scenario.timeline.size() == 2);
  for (const auto& stage : scenario.timeline) {
    INFO(stage.label);
    CHECK(stage.parameters.real("toy.pull") == 0.9);
    CHECK(stage.parameters.integer("run.seed") == 12);
  }
  // Keys not overridden still follow the timeline.
  CHECK(scenario.timeline[0].parameters.real("toy.shock_rate") == 0.3);
  CHECK(scenario.timeline[1].parameters.real("toy.shock_rate") == 0.7);
}

TEST_CASE("a timeline scenario may be the extends base of the main file", "[scenario][timeline]") {
  // Only the named scenario's parameters are read, never its timeline, so
  // pointing back at a file of the chain does not loop.
  ScratchFolder folder;
  folder.write("base.toml",
               "model = \"toy\"\n[run]\ndays = 100\n[[timeline]]\nday = 50\n"
               "scenario = \"base.toml\"\n");
  auto child = folder.write("child.toml", "extends = \"base.toml\"\n[toy]\npull = 0.8\n");
  auto scenario = load_toy(child);
  REQUIRE(scenario.timeline.size() == 1);
  CHECK(scenario.parameters.real("toy.pull") == 0.8);
  CHECK(scenario.timeline[0].parameters.real("toy.pull") == 0.1);  // back to the base's value
}

TEST_CASE("a timeline scenario that names no model is for the main scenario's model",
          "[scenario][timeline]") {
  ScratchFolder folder;
  folder.write("reform.toml", "[toy]\npull = 0.4\n");
  auto file = folder.write("s.toml",
                           "model = \"toy\"\n[run]\ndays = 60\n[[timeline]]\nday = 10\n"
                           "scenario = \"reform.toml\"\n");
  auto scenario = load_toy(file);
  REQUIRE(scenario.timeline.size() == 1);
  CHECK(scenario.timeline[0].parameters.real("toy.pull") == 0.4);
}
