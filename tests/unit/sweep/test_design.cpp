#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "sim/sweep/design.hpp"

using namespace candour::sim::sweep;

namespace {
Axis list_axis(std::string name, std::vector<double> values) {
  Axis a;
  a.parameter = std::move(name);
  a.kind = AxisKind::values;
  a.values = std::move(values);
  return a;
}
Axis uniform_axis(std::string name, double min, double max) {
  Axis a;
  a.parameter = std::move(name);
  a.kind = AxisKind::uniform;
  a.min = min;
  a.max = max;
  return a;
}
}  // namespace

TEST_CASE("a grid has the product of the axis sizes with the first axis slowest",
          "[sweep][design]") {
  std::vector<Axis> axes = {list_axis("a", {1, 2}), list_axis("b", {10, 20, 30}),
                            list_axis("c", {0.5, 0.25})};
  const auto m = grid(axes);
  REQUIRE(m.rows == 12);
  REQUIRE(m.cols == 3);
  // Row r = ((ia * 3) + ib) * 2 + ic.
  for (std::size_t ia = 0; ia < 2; ++ia)
    for (std::size_t ib = 0; ib < 3; ++ib)
      for (std::size_t ic = 0; ic < 2; ++ic) {
        const auto r = (ia * 3 + ib) * 2 + ic;
        CHECK(m.at(r, 0) == axes[0].values[ia]);
        CHECK(m.at(r, 1) == axes[1].values[ib]);
        CHECK(m.at(r, 2) == axes[2].values[ic]);
      }
  DesignSpec spec;
  REQUIRE(point_count(spec, axes) == 12);
  REQUIRE(parameter_design(spec, axes, unit_design(spec, axes, 1)) == m);
}

TEST_CASE("a grid without axes is the base scenario alone", "[sweep][design]") {
  const auto m = grid({});
  REQUIRE(m.rows == 1);
  REQUIRE(m.cols == 0);
}

TEST_CASE("linear and log ranges include both end points exactly", "[sweep][design]") {
  Axis lin;
  lin.kind = AxisKind::linear;
  lin.from = 0.1;
  lin.to = 0.7;
  lin.steps = 7;
  const auto l = lin.levels();
  REQUIRE(l.size() == 7);
  REQUIRE(l.front() == 0.1);
  REQUIRE(l.back() == 0.7);
  REQUIRE(l[3] == Approx(0.4));
  Axis lg;
  lg.kind = AxisKind::log;
  lg.from = 0.001;
  lg.to = 10.0;
  lg.steps = 5;
  const auto g = lg.levels();
  REQUIRE(g.front() == 0.001);
  REQUIRE(g.back() == 10.0);
  REQUIRE(g[1] == Approx(0.01));
  REQUIRE(g[2] == Approx(0.1));
  lin.type = candour::sim::ParameterType::integer;
  lin.from = 1;
  lin.to = 4;
  lin.steps = 3;
  REQUIRE(lin.levels() == std::vector<double>{1, 3, 4});  // 2.5 rounds away from zero
}

TEST_CASE("a latin hypercube fills every stratum of every axis exactly once", "[sweep][design]") {
  const std::size_t n = 37, k = 5;
  const auto m = latin_hypercube(n, k, 2024);
  REQUIRE(m.rows == n);
  REQUIRE(m.cols == k);
  for (std::size_t c = 0; c < k; ++c) {
    std::vector<int> hits(n, 0);
    for (std::size_t r = 0; r < n; ++r) {
      const double u = m.at(r, c);
      REQUIRE(u >= 0.0);
      REQUIRE(u < 1.0);
      hits[static_cast<std::size_t>(u * n)] += 1;
    }
    REQUIRE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
  }
  // Columns are paired by independent permutations: not all in the same order.
  bool differs = false;
  for (std::size_t r = 0; r < n; ++r)
    differs |= static_cast<std::size_t>(m.at(r, 0) * n) != static_cast<std::size_t>(m.at(r, 1) * n);
  REQUIRE(differs);
  REQUIRE(latin_hypercube(n, k, 2024) == m);
  REQUIRE_FALSE(latin_hypercube(n, k, 2025) == m);
}

TEST_CASE("a saltelli design has N times k plus 2 rows with AB_i equal to A but column i from B",
          "[sweep][design]") {
  const std::size_t n = 16, k = 3;
  const auto m = saltelli(n, k);
  REQUIRE(m.rows == n * (k + 2));
  REQUIRE(m.cols == k);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t ab = (2 + i) * n + j;
      for (std::size_t c = 0; c < k; ++c) {
        const double expected = c == i ? m.at(n + j, c) : m.at(j, c);
        REQUIRE(m.at(ab, c) == expected);
      }
    }
  }
  // A and B come from a low-discrepancy sequence: with N = 16 points each
  // column of A and of B has one point in each sixteenth of [0, 1) (a Sobol
  // net property of the block the design starts at).
  for (std::size_t c = 0; c < 2 * k; ++c) {
    std::set<std::size_t> cells;
    for (std::size_t j = 0; j < n; ++j) {
      const double u = m.at((c < k ? 0 : n) + j, c % k);
      REQUIRE(u >= 0.0);
      REQUIRE(u < 1.0);
      cells.insert(static_cast<std::size_t>(u * n));
    }
    REQUIRE(cells.size() == n);
  }
  // Every row of A differs from its row of B, so every AB_i row carries information.
  for (std::size_t j = 0; j < n; ++j) {
    bool differs = false;
    for (std::size_t c = 0; c < k; ++c)
      differs |= m.at(j, c) != m.at(n + j, c);
    REQUIRE(differs);
  }
  DesignSpec spec;
  spec.kind = DesignKind::saltelli;
  spec.base_samples = n;
  std::vector<Axis> axes = {uniform_axis("a", 0, 1), uniform_axis("b", 0, 1),
                            uniform_axis("c", 0, 1)};
  REQUIRE(point_count(spec, axes) == n * (k + 2));
}

TEST_CASE("each step of a morris trajectory changes exactly one factor by delta",
          "[sweep][design]") {
  const std::size_t r = 12, p = 4, k = 4;
  const auto m = morris(r, p, k, 7);
  REQUIRE(m.rows == r * (k + 1));
  const double delta = static_cast<double>(p) / (2.0 * (p - 1));
  for (std::size_t t = 0; t < r; ++t) {
    std::set<std::size_t> moved;
    for (std::size_t s = 0; s < k; ++s) {
      std::size_t changed = 0, which = 0;
      for (std::size_t c = 0; c < k; ++c) {
        const double a = m.at(t * (k + 1) + s, c), b = m.at(t * (k + 1) + s + 1, c);
        if (a != b) {
          ++changed;
          which = c;
          REQUIRE(std::abs(b - a) == Approx(delta));
        }
      }
      REQUIRE(changed == 1);
      moved.insert(which);
    }
    REQUIRE(moved.size() == k);  // every factor moved once
    for (std::size_t s = 0; s <= k; ++s)
      for (std::size_t c = 0; c < k; ++c) {
        const double u = m.at(t * (k + 1) + s, c);
        REQUIRE(u >= 0.0);
        REQUIRE(u <= 1.0);
        const double level = u * (p - 1);
        REQUIRE(level == Approx(std::round(level)).margin(1e-12));  // on the p-level grid
      }
  }
  REQUIRE_THROWS(morris(2, 3, 2, 1));  // odd level counts cannot keep delta on the grid
}

TEST_CASE("unit coordinates map through uniform and log-uniform axes", "[sweep][design]") {
  Axis u = uniform_axis("x", 2.0, 4.0);
  REQUIRE(u.at(0.0) == 2.0);
  REQUIRE(u.at(0.5) == 3.0);
  REQUIRE(u.at(1.0) == 4.0);
  Axis lu = u;
  lu.kind = AxisKind::loguniform;
  lu.min = 0.01;
  lu.max = 1.0;
  REQUIRE(lu.at(0.5) == Approx(0.1));
  Axis list = list_axis("y", {5, 6, 7, 8});
  REQUIRE(list.at(0.0) == 5);
  REQUIRE(list.at(0.26) == 6);
  REQUIRE(list.at(0.999) == 8);
  REQUIRE(list.at(1.0) == 8);
}
