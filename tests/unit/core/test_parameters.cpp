#include <catch2/catch.hpp>

#include "sim/core/parameters.hpp"

using namespace candour::sim;

TEST_CASE("edit distance", "[parameters]") {
  REQUIRE(edit_distance("", "") == 0);
  REQUIRE(edit_distance("kitten", "sitting") == 3);
  REQUIRE(edit_distance("abc", "") == 3);
  REQUIRE(edit_distance("flaw", "lawn") == 2);
}

TEST_CASE("the registry suggests the nearest name", "[parameters]") {
  ParameterRegistry registry(run_parameters());
  registry.add({"pressure.target_stringency", ParameterType::real, 0.5, 0, 1, "1", "", ""});
  registry.add({"pressure.penalty_severity", ParameterType::real, 0.5, 0, 1, "1", "", ""});
  REQUIRE(registry.nearest("pressure.target_stringncy").front() == "pressure.target_stringency");
  REQUIRE(registry.nearest("target_stringency").front() == "pressure.target_stringency");
  REQUIRE(registry.nearest("run.seeds").front() == "run.seed");
  REQUIRE_THROWS_AS(registry.add({"run.seed", ParameterType::integer, 1, 0, 1, "", "", ""}),
                    std::invalid_argument);
}

TEST_CASE("defaults and typed reads", "[parameters]") {
  ParameterRegistry registry(run_parameters());
  auto set = registry.defaults();
  REQUIRE(set.integer(run_keys::days) == 5 * 365);
  REQUIRE(set.integer(run_keys::seed) == 1);
  set.set("x.flag", 1.0);
  REQUIRE(set.flag("x.flag"));
  REQUIRE_THROWS_AS(set.real("no.such"), std::out_of_range);
}
