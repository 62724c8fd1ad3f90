// Per-trust tallies: totals, and trailing windows read from a history that
// keeps each tally only as far back as it is read.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "models/nhs/state.hpp"

using namespace candour::models::nhs;

namespace {
// A different count each day and trust, so that a window reading the wrong
// day or trust gives a different sum.
double count_on(std::int64_t day, std::size_t trust, Tally t) {
  return static_cast<double>((day * 7 + static_cast<std::int64_t>(trust) * 13 +
                              static_cast<std::int64_t>(index_of(t)) * 3) %
                             11);
}
}  // namespace

TEST_CASE("every window a tally keeps is the sum of the last days' counts, for every tally",
          "[nhs][tallies]") {
  constexpr std::size_t kTrusts = 3;
  constexpr std::int64_t kDays = 800;  // past the longest ring twice
  Tallies tallies;
  tallies.resize(kTrusts);
  std::vector<std::vector<double>> daily(kTallyCount * kTrusts);
  for (std::int64_t day = 0; day < kDays; ++day) {
    for (std::size_t trust = 0; trust < kTrusts; ++trust)
      for (std::size_t k = 0; k < kTallyCount; ++k) {
        const auto t = static_cast<Tally>(k);
        tallies.add(trust, t, count_on(day, trust, t));
        daily[trust * kTallyCount + k].push_back(count_on(day, trust, t));
      }
    // Windows are read after a day's counts are added and before it closes;
    // every 11th day meets many ring positions and stays cheap under ASan.
    for (std::size_t trust = 0; day % 11 == 0 && trust < kTrusts; ++trust)
      for (std::size_t k = 0; k < kTallyCount; ++k) {
        const auto t = static_cast<Tally>(k);
        const std::int64_t longest = longest_window(t);
        for (std::int64_t days : {std::int64_t{1}, std::int64_t{30}, longest}) {
          if (days == 0 || days > longest)
            continue;
          // The days closed in the window, and today's counts so far.
          double expected = 0.0;
          for (std::int64_t d = std::max<std::int64_t>(0, day - days); d <= day; ++d)
            expected += daily[trust * kTallyCount + k][static_cast<std::size_t>(d)];
          REQUIRE(tallies.window(trust, t, days) == expected);
        }
      }
    tallies.close_day();
  }
}

TEST_CASE("a window longer than its tally keeps is refused", "[nhs][tallies]") {
  Tallies tallies;
  tallies.resize(2);
  CHECK_NOTHROW(tallies.window(1, Tally::deaths, 365));
  CHECK_THROWS_AS(tallies.window(1, Tally::deaths, 366), std::logic_error);
  CHECK_THROWS_AS(tallies.window(0, Tally::bed_days, 91), std::logic_error);
  CHECK_THROWS_AS(tallies.window(0, Tally::reorganisations, 1), std::logic_error);
}

TEST_CASE("totals count from the origin, while windows reach back before it", "[nhs][tallies]") {
  Tallies tallies;
  tallies.resize(1);
  for (int day = 0; day < 40; ++day) {
    tallies.add(0, Tally::incidents, 2.0);
    tallies.close_day();
  }
  tallies.set_origin();
  tallies.add(0, Tally::incidents, 5.0);
  CHECK(tallies.total(0, Tally::incidents) == 5.0);
  CHECK(tallies.window(0, Tally::incidents, 30) == 30 * 2.0 + 5.0);
}
