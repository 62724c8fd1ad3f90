#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <vector>

#include "sim/core/distributions.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/random.hpp"

using namespace candour::sim;

namespace {
// Values whose floating-point sum depends strongly on the order of addition.
std::vector<double> ill_conditioned(std::size_t n) {
  std::vector<double> v(n);
  RandomStream s(3, stream_id("values"));
  for (std::size_t i = 0; i < n; ++i) {
    auto rng = s.rng(0, i);
    v[i] = normal(rng, 0.0, 1.0) * std::pow(10.0, static_cast<double>(i % 17) - 8.0);
  }
  return v;
}

std::uint64_t bits(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}
}  // namespace

TEST_CASE("reductions are equal to the bit for 1 2 and 4 threads", "[parallel]") {
  const auto values = ill_conditioned(1'000'003);
  auto sum_with = [&](int threads) {
    Executor executor(threads);
    return executor.sum(values.size(), [&](std::size_t i) { return values[i]; });
  };
  const double one = sum_with(1);
  REQUIRE(bits(sum_with(2)) == bits(one));
  REQUIRE(bits(sum_with(4)) == bits(one));
  // The sum really is order-sensitive: a plain left-to-right sum differs in
  // the last bits, so the equality above is not a coincidence of exact sums.
  double serial = 0.0;
  for (double v : values)
    serial += v;
  CHECK(std::abs(serial - one) < 1e-12 * std::abs(one) + 1e-3);
  CHECK(bits(serial) != bits(one));
}

TEST_CASE("for_each visits every index once", "[parallel]") {
  Executor executor(2);
  std::vector<int> visits(100'000, 0);
  executor.for_each(visits.size(), [&](std::size_t i) { visits[i] += 1; });
  for (int v : visits)
    REQUIRE(v == 1);
}

TEST_CASE("generic reduce combines in a fixed order", "[parallel]") {
  // A non-commutative combination (string concatenation of block bounds)
  // must still give the same tree for any thread count.
  auto run = [](int threads) {
    Executor executor(threads);
    return executor.reduce(
        10'000, std::string{},
        [](std::size_t b, std::size_t e, std::string acc) {
          return acc + "[" + std::to_string(b) + "," + std::to_string(e) + ")";
        },
        [](const std::string& a, const std::string& b) { return a + b; }, 100);
  };
  const auto one = run(1);
  REQUIRE(run(2) == one);
  REQUIRE(run(3) == one);
  REQUIRE(one.rfind("[0,", 0) == 0);
}

TEST_CASE("an executor reports its thread count", "[parallel]") {
  REQUIRE(Executor(1).threads() == 1);
  REQUIRE(Executor(3).threads() == 3);
}
