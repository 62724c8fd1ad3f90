#include <catch2/catch.hpp>

#include <set>

#include "sim/sweep/seeds.hpp"

using namespace candour::sim::sweep;

TEST_CASE("common random numbers give every design point the replicate's seed", "[sweep][seeds]") {
  for (std::size_t rep = 0; rep < 5; ++rep) {
    const auto s = run_seed(42, SeedPolicy::common, 0, rep);
    for (std::size_t point = 1; point < 20; ++point)
      REQUIRE(run_seed(42, SeedPolicy::common, point, rep) == s);
  }
  std::set<std::uint64_t> replicate_seeds;
  for (std::size_t rep = 0; rep < 100; ++rep)
    replicate_seeds.insert(run_seed(42, SeedPolicy::common, 0, rep));
  REQUIRE(replicate_seeds.size() == 100);
}

TEST_CASE("independent seeds differ across points and replicates and stay in range",
          "[sweep][seeds]") {
  std::set<std::uint64_t> seeds;
  for (std::size_t point = 0; point < 30; ++point)
    for (std::size_t rep = 0; rep < 10; ++rep) {
      const auto s = run_seed(7, SeedPolicy::independent, point, rep);
      REQUIRE(s < (std::uint64_t{1} << 53));
      seeds.insert(s);
    }
  REQUIRE(seeds.size() == 300);
  REQUIRE(run_seed(7, SeedPolicy::independent, 3, 2) == run_seed(7, SeedPolicy::independent, 3, 2));
  REQUIRE(run_seed(7, SeedPolicy::common, 0, 0) != run_seed(8, SeedPolicy::common, 0, 0));
}
