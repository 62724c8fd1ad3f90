#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "sim/core/row_layout.hpp"

using namespace candour::sim;

namespace {
std::vector<MetricSpec> metrics() {
  return {{"harm", "event", "Harm events.", MetricScope::system},
          {"harm_by_unit", "event", "Harm events per unit.", MetricScope::per_unit},
          {"fear", "1", "Mean fear.", MetricScope::system},
          {"fear_by_unit", "1", "Mean fear per unit.", MetricScope::per_unit}};
}
}  // namespace

TEST_CASE("a row holds each metric in order, one value or one per unit", "[row_layout]") {
  const RowLayout layout(metrics(), 3);
  REQUIRE(layout.size() == 4);
  REQUIRE(layout.units() == 3);
  REQUIRE(layout.length() == 1 + 3 + 1 + 3);
  CHECK(layout.slot(0).offset == 0);
  CHECK(layout.slot(0).width == 1);
  CHECK(layout.slot(1).offset == 1);
  CHECK(layout.slot(1).width == 3);
  CHECK(layout.slot(2).offset == 4);
  CHECK(layout.slot(3).offset == 5);
  CHECK(layout.slot(3).width == 3);
  const std::vector<double> row{10, 1, 2, 3, 0.5, 0.1, 0.2, 0.3};
  const auto per_unit = layout.values(row, layout.index_of("fear_by_unit"));
  REQUIRE(per_unit.size() == 3);
  CHECK(per_unit[0] == 0.1);
  CHECK(per_unit[2] == 0.3);
  CHECK(layout.values(row, layout.index_of("fear"))[0] == 0.5);
}

TEST_CASE("a metric is found by name, with the nearest name when it is not there", "[row_layout]") {
  const RowLayout layout(metrics(), 2);
  CHECK(layout.find("fear") == 2);
  CHECK(layout.find("no_such") == layout.size());
  CHECK(layout.slot("harm_by_unit").offset == 1);
  REQUIRE_THROWS_WITH(layout.index_of("fearr"),
                      Catch::Contains("no metric 'fearr'") && Catch::Contains("'fear'"));
}

TEST_CASE("two metrics with one name make no layout", "[row_layout]") {
  auto twice = metrics();
  twice.push_back(twice.front());
  REQUIRE_THROWS_WITH(RowLayout(twice, 2), Catch::Contains("'harm' is declared twice"));
}

TEST_CASE("with no units a per-unit metric takes no room", "[row_layout]") {
  const RowLayout layout(metrics(), 0);
  CHECK(layout.length() == 2);
  CHECK(layout.slot(2).offset == 1);
}
