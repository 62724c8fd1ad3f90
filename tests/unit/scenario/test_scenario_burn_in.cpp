// `burn_in`: the scenario whose levers the burn-in runs under, named by a
// file (inherited through extends) or written as a table (as the resolved
// scenario writes it).
#include "scenario_support.hpp"

using namespace candour;
using namespace candour::testing;
using Catch::Matchers::Contains;

TEST_CASE("without burn_in the scenario has none", "[scenario][burn_in]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n[toy]\npull = 0.25\n");
  CHECK_FALSE(load_toy(file).burn_in.has_value());
}

TEST_CASE("burn_in names a scenario, resolved through its own extends chain",
          "[scenario][burn_in]") {
  ScratchFolder folder;
  folder.write("eras/root.toml", "model = \"toy\"\n[toy]\nagents = 70\n");
  folder.write("eras/old.toml", "extends = \"root.toml\"\n[toy]\npull = 0.6\n");
  auto file = folder.write("reform.toml",
                           "model = \"toy\"\nburn_in = \"eras/old.toml\"\n[toy]\npull = 0.1\n");
  const auto scenario = load_toy(file);
  REQUIRE(scenario.burn_in.has_value());
  auto expected = toy_registry().defaults();
  expected.set("toy.agents", 70);
  expected.set("toy.pull", 0.6);
  CHECK(*scenario.burn_in == expected);
  CHECK(scenario.parameters.real("toy.pull") == 0.1);  // the run keeps its own
}

TEST_CASE("burn_in is inherited, and the child-most declaration wins", "[scenario][burn_in]") {
  ScratchFolder folder;
  folder.write("old.toml", "model = \"toy\"\n[toy]\npull = 0.6\n");
  folder.write("new.toml", "model = \"toy\"\n[toy]\npull = 0.2\n");
  // An era's baseline names itself: every scenario that extends it burns in under it.
  folder.write("era.toml", "model = \"toy\"\nburn_in = \"old.toml\"\n[toy]\nshock_rate = 0.01\n");
  auto inherits = folder.write("inherits.toml", "extends = \"era.toml\"\n[toy]\npull = 0.9\n");
  auto overrides =
      folder.write("overrides.toml", "extends = \"era.toml\"\nburn_in = \"new.toml\"\n");
  REQUIRE(load_toy(inherits).burn_in.has_value());
  CHECK(load_toy(inherits).burn_in->real("toy.pull") == 0.6);
  REQUIRE(load_toy(overrides).burn_in.has_value());
  CHECK(load_toy(overrides).burn_in->real("toy.pull") == 0.2);
}

TEST_CASE("a scenario may name itself as its burn-in", "[scenario][burn_in]") {
  ScratchFolder folder;
  auto file =
      folder.write("era.toml", "model = \"toy\"\nburn_in = \"era.toml\"\n[toy]\npull = 0.45\n");
  const auto scenario = load_toy(file);
  REQUIRE(scenario.burn_in.has_value());
  CHECK(*scenario.burn_in == scenario.parameters);
}

TEST_CASE("an override from the command line changes the run, not the burn-in",
          "[scenario][burn_in]") {
  ScratchFolder folder;
  folder.write("old.toml", "model = \"toy\"\n[toy]\npull = 0.6\n");
  auto file = folder.write("s.toml", "model = \"toy\"\nburn_in = \"old.toml\"\n");
  const auto scenario = load_toy(file, {"toy.pull=0.05"});
  CHECK(scenario.parameters.real("toy.pull") == 0.05);
  CHECK(scenario.burn_in->real("toy.pull") == 0.6);
}

TEST_CASE("a [burn_in] table sets the burn-in's parameters over the defaults",
          "[scenario][burn_in]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n[burn_in.toy]\npull = 0.7\n");
  const auto scenario = load_toy(file);
  REQUIRE(scenario.burn_in.has_value());
  auto expected = toy_registry().defaults();
  expected.set("toy.pull", 0.7);
  CHECK(*scenario.burn_in == expected);
}

TEST_CASE("resolved_toml keeps the burn-in and reads back to it", "[scenario][burn_in]") {
  ScratchFolder folder;
  folder.write("old.toml", "model = \"toy\"\n[toy]\npull = 0.6\nagents = 90\n");
  auto file =
      folder.write("s.toml", "model = \"toy\"\nburn_in = \"old.toml\"\n[toy]\npull = 0.1\n");
  const auto original = load_toy(file);
  CHECK_THAT(original.resolved_toml, Contains("[burn_in.toy]"));
  const auto copy = load_toy(folder.write("resolved.toml", original.resolved_toml));
  REQUIRE(copy.burn_in.has_value());
  CHECK(*copy.burn_in == *original.burn_in);
  CHECK(copy.parameters == original.parameters);
}

TEST_CASE("a bad burn_in is reported where it is written", "[scenario][burn_in][errors]") {
  ScratchFolder folder;
  SECTION("a missing file") {
    auto file = folder.write("s.toml", "model = \"toy\"\n\nburn_in = \"nowhere.toml\"\n");
    const auto error = load_error(file);
    check_location(error, file, 3, "burn_in");
    CHECK_THAT(error.what(), Contains("nowhere.toml"));
  }
  SECTION("an empty name") {
    auto file = folder.write("s.toml", "model = \"toy\"\nburn_in = \"\"\n");
    check_location(load_error(file), file, 2, "burn_in");
  }
  SECTION("a number") {
    auto file = folder.write("s.toml", "model = \"toy\"\nburn_in = 3\n");
    const auto error = load_error(file);
    check_location(error, file, 2, "burn_in");
    CHECK_THAT(error.what(), Contains("expects a scenario file name"));
  }
  SECTION("a run setting in the table") {
    auto file = folder.write("s.toml", "model = \"toy\"\n[burn_in.run]\nseed = 4\n");
    const auto error = load_error(file);
    check_location(error, file, 3, "run.seed");
  }
  SECTION("an unknown parameter in the table") {
    auto file = folder.write("s.toml", "model = \"toy\"\n[burn_in.toy]\npul = 0.2\n");
    const auto error = load_error(file);
    check_location(error, file, 3, "toy.pul");
    CHECK_THAT(error.what(), Contains("toy.pull"));
  }
}
