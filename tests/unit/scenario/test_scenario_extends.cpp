// Reading values and following extends chains.
#include "scenario_support.hpp"

using namespace candour;
using namespace candour::testing;

TEST_CASE("an unset parameter keeps the registry default", "[scenario]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n[toy]\npull = 0.25\n");
  auto scenario = load_toy(file);
  auto expected = toy_registry().defaults();
  expected.set("toy.pull", 0.25);
  CHECK(scenario.parameters == expected);
  CHECK(scenario.model == "toy");
  CHECK(scenario.title.empty());
  CHECK(scenario.timeline.empty());
  CHECK(scenario.file == file);
  CHECK(scenario.chain == std::vector<std::filesystem::path>{file});
}

TEST_CASE("a scenario that names no model is read for the model its caller chooses", "[scenario]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "[run]\ndays = 30\n");
  CHECK(model_named(file).empty());
  const sim::io::ScenarioFiles files(file);
  CHECK(sim::io::load_scenario(files, "toy", toy_registry()).model == "toy");
}

TEST_CASE("an integer literal is accepted for a real parameter", "[scenario]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "[toy]\npull = 1\nshock_rate = 0\n");
  auto scenario = load_toy(file);
  CHECK(scenario.parameters.real("toy.pull") == 1.0);
  CHECK(scenario.parameters.real("toy.shock_rate") == 0.0);
}

TEST_CASE("dotted keys inline tables and nested tables name the same parameters", "[scenario]") {
  ScratchFolder folder;
  auto tables = folder.write("tables.toml", "[toy]\npull = 0.5\n[run]\nseed = 9\n");
  auto dotted = folder.write("dotted.toml", "toy.pull = 0.5\nrun.seed = 9\n");
  auto inline_tables = folder.write("inline.toml", "toy = { pull = 0.5 }\nrun = { seed = 9 }\n");
  auto expected = load_toy(tables).parameters;
  CHECK(expected.real("toy.pull") == 0.5);
  CHECK(expected.integer("run.seed") == 9);
  CHECK(load_toy(dotted).parameters == expected);
  CHECK(load_toy(inline_tables).parameters == expected);
}

TEST_CASE("an extends chain of three levels resolves base first and the child wins", "[scenario]") {
  ScratchFolder folder;
  folder.write("root.toml",
               "model = \"toy\"\ntitle = \"Root\"\n[run]\ndays = 100\nseed = 3\n"
               "[toy]\npull = 0.1\nshock_rate = 0.2\nagents = 50\n");
  // The middle file sits in a subfolder; its extends is relative to its own folder.
  folder.write("bases/middle.toml",
               "extends = \"../root.toml\"\ntitle = \"Middle\"\n[toy]\npull = 0.3\n");
  auto child = folder.write("child.toml",
                            "extends = \"bases/middle.toml\"\n[toy]\nshock_rate = 0.4\n"
                            "[run]\nseed = 11\n");
  auto scenario = load_toy(child);
  const auto& p = scenario.parameters;
  CHECK(p.integer("run.days") == 100);     // from root
  CHECK(p.integer("run.seed") == 11);      // child over root
  CHECK(p.real("toy.pull") == 0.3);        // middle over root
  CHECK(p.real("toy.shock_rate") == 0.4);  // child over root
  CHECK(p.integer("toy.agents") == 50);    // root only
  CHECK(p.integer("toy.groups") == 8);     // registry default
  CHECK(scenario.model == "toy");          // inherited from root
  CHECK(scenario.title == "Middle");       // nearest declaration wins
  REQUIRE(scenario.chain.size() == 3);
  CHECK(scenario.chain[0] == child);
  CHECK(scenario.chain[1] == folder.path() / "bases/middle.toml");
  CHECK(scenario.chain[2] == folder.path() / "root.toml");
}

TEST_CASE("the model named follows extends", "[scenario]") {
  ScratchFolder folder;
  folder.write("base.toml", "model = \"toy\"\n");
  auto child = folder.write("child.toml", "extends = \"base.toml\"\n[toy]\npull = 0.2\n");
  CHECK(model_named(child) == "toy");
  // The child's own declaration is what counts when it has one.
  auto own = folder.write("own.toml", "model = \"other\"\n[x]\ny = 1\n");
  CHECK(model_named(own) == "other");
}

TEST_CASE("reading a scenario's files reads no parameters", "[scenario]") {
  // The registry is not known yet, so parameter keys are not judged here.
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n[no_such_table]\nkey = 1\n");
  CHECK(model_named(file) == "toy");
  CHECK_THROWS_AS(load_toy(file), sim::io::ScenarioError);
}
