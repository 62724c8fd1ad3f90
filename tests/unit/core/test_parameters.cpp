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

TEST_CASE("a parameter value keeps its type", "[parameters]") {
  const ParameterValue real(0.25), integer(std::int64_t{9007199254740993}), flag(true);
  CHECK(real.type() == ParameterType::real);
  CHECK(integer.type() == ParameterType::integer);
  CHECK(flag.type() == ParameterType::boolean);
  CHECK(integer.integer() == 9007199254740993);  // 2^53 + 1, exact
  CHECK(real.real() == 0.25);
  CHECK(flag.real() == 1.0);
  CHECK(ParameterValue(3).type() == ParameterType::integer);  // an int literal is an integer
  CHECK(ParameterValue(3.0).integer() == 3);                  // a whole real reads as one
  CHECK_THROWS_AS(ParameterValue(2.5).integer(), std::invalid_argument);
  CHECK_THROWS_AS(ParameterValue(1e19).integer(), std::invalid_argument);
  CHECK(ParameterValue(0.0).flag() == false);
  // Equal only with the same type and value.
  CHECK(ParameterValue(1.0) != ParameterValue(std::int64_t{1}));
  CHECK(ParameterValue(std::int64_t{1}) == ParameterValue(1));
}

TEST_CASE("a value of a declared type from a number", "[parameters]") {
  CHECK(ParameterValue::of(ParameterType::integer, 2.6) == ParameterValue(std::int64_t{3}));
  CHECK(ParameterValue::of(ParameterType::integer, -2.5) == ParameterValue(std::int64_t{-3}));
  CHECK(ParameterValue::of(ParameterType::boolean, 1.0) == ParameterValue(true));
  CHECK(ParameterValue::of(ParameterType::real, 2.6) == ParameterValue(2.6));
}

TEST_CASE("values print as TOML reads them back", "[parameters]") {
  CHECK(ParameterValue(0.3).toml() == "0.3");
  CHECK(ParameterValue(100.0).toml() == "100.0");  // a real stays a real
  CHECK(ParameterValue(1e-7).toml() == "1e-07");
  CHECK(ParameterValue(std::int64_t{9223372036854775807}).toml() == "9223372036854775807");
  CHECK(ParameterValue(false).toml() == "false");
}

TEST_CASE("defaults take their declared types and the seed its full range", "[parameters]") {
  ParameterRegistry registry(run_parameters());
  const auto set = registry.defaults();
  CHECK(set.value(run_keys::days).type() == ParameterType::integer);
  const auto* seed = registry.find(run_keys::seed);
  REQUIRE(seed != nullptr);
  CHECK(seed->max >= 9223372036854775807.0);
}
