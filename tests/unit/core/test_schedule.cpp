#include <catch2/catch.hpp>

#include "sim/core/schedule.hpp"

using namespace candour::sim;

namespace {
int count_due(Period p, Day days) {
  int n = 0;
  for (Day d = 0; d < days; ++d)
    n += is_due(p, d) ? 1 : 0;
  return n;
}
}  // namespace

TEST_CASE("periods run the right number of times in five years", "[schedule]") {
  const Day five_years = 5 * 365;
  REQUIRE(count_due(Period::daily, five_years) == five_years);
  REQUIRE(count_due(Period::weekly, five_years) == five_years / 7);
  REQUIRE(count_due(Period::monthly, five_years) == 60);
  REQUIRE(count_due(Period::quarterly, five_years) == 20);
  REQUIRE(count_due(Period::yearly, five_years) == 5);
}

TEST_CASE("periods end on the last day of the period", "[schedule]") {
  REQUIRE(is_due(Period::monthly, 30));  // 31 January
  REQUIRE(!is_due(Period::monthly, 29));
  REQUIRE(is_due(Period::monthly, 58));    // 28 February
  REQUIRE(is_due(Period::quarterly, 89));  // 31 March
  REQUIRE(!is_due(Period::quarterly, 58));
  REQUIRE(is_due(Period::yearly, 364));
  REQUIRE(is_due(Period::yearly, 729));
  REQUIRE(is_due(Period::weekly, 6));
}

TEST_CASE("period names round-trip", "[schedule]") {
  for (Period p :
       {Period::daily, Period::weekly, Period::monthly, Period::quarterly, Period::yearly}) {
    REQUIRE(parse_period(period_name(p)) == p);
  }
  REQUIRE(!parse_period("fortnightly").has_value());
}
