#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <vector>

#include "sim/core/distributions.hpp"
#include "sim/core/random.hpp"

using namespace candour::sim;

namespace {
// Mean and variance of n draws of `draw(rng_for_i)`, one agent per draw.
template <class Draw>
std::pair<double, double> moments(std::size_t n, Draw draw) {
  RandomStream stream(42, stream_id("moments"));
  double sum = 0.0, sum_sq = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    auto rng = stream.rng(7, i);
    double x = draw(rng);
    sum += x;
    sum_sq += x * x;
  }
  double mean = sum / static_cast<double>(n);
  return {mean, sum_sq / static_cast<double>(n) - mean * mean};
}

// Checks a sample mean against the true one within 4 standard errors.
void require_mean(double sample_mean, double mean, double variance, std::size_t n) {
  INFO("sample mean " << sample_mean << " expected " << mean);
  REQUIRE(std::abs(sample_mean - mean) < 4.0 * std::sqrt(variance / static_cast<double>(n)));
}
}  // namespace

TEST_CASE("Philox4x64-10 matches the Random123 known answer", "[random]") {
  // Known-answer vector from Random123's kat_vectors: philox4x64_10, zero counter and key.
  Philox philox;
  auto out = philox(Philox::ctr_type{{0, 0, 0, 0}}, Philox::key_type{{0, 0}});
  REQUIRE(out[0] == 0x16554d9eca36314cULL);
  REQUIRE(out[1] == 0xdb20fe9d672d0fdcULL);
  REQUIRE(out[2] == 0xd7e772cee186176bULL);
  REQUIRE(out[3] == 0x7e68b68aec7ba23bULL);
}

TEST_CASE("the same key gives the same draws", "[random]") {
  RandomStream a(123, stream_id("harm")), b(123, stream_id("harm"));
  auto ra = a.rng(10, 99, 1);
  auto rb = b.rng(10, 99, 1);
  for (int i = 0; i < 100; ++i)
    REQUIRE(ra() == rb());
}

TEST_CASE("each part of the key changes the draws", "[random]") {
  auto first = [](const RandomStream& s, std::uint64_t step, std::uint64_t agent,
                  std::uint32_t slot) {
    auto rng = s.rng(step, agent, slot);
    return rng();
  };
  RandomStream base(1, stream_id("harm"));
  const auto reference = first(base, 5, 6, 0);
  REQUIRE(first(RandomStream(2, stream_id("harm")), 5, 6, 0) != reference);  // seed
  REQUIRE(first(RandomStream(1, stream_id("fear")), 5, 6, 0) != reference);  // stream
  REQUIRE(first(base, 4, 6, 0) != reference);                                // step
  REQUIRE(first(base, 5, 7, 0) != reference);                                // agent
  REQUIRE(first(base, 5, 6, 1) != reference);                                // slot
}

TEST_CASE("streams with different keys are uncorrelated", "[random]") {
  RandomStream a(9, stream_id("a")), b(9, stream_id("b"));
  const std::size_t n = 20000;
  double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    auto ra = a.rng(0, i);
    auto rb = b.rng(0, i);
    double x = uniform(ra), y = uniform(rb);
    sx += x, sy += y, sxy += x * y, sxx += x * x, syy += y * y;
  }
  double dn = static_cast<double>(n);
  double r = (sxy / dn - sx / dn * sy / dn) /
             std::sqrt((sxx / dn - sx / dn * sx / dn) * (syy / dn - sy / dn * sy / dn));
  // Under independence r ~ N(0, 1/n): 4 standard errors.
  REQUIRE(std::abs(r) < 4.0 / std::sqrt(dn));
}

TEST_CASE("distribution means and variances", "[random]") {
  const std::size_t n = 40000;
  SECTION("uniform") {
    auto [m, v] = moments(n, [](AgentRng& r) { return uniform(r); });
    require_mean(m, 0.5, 1.0 / 12.0, n);
    REQUIRE(v == Approx(1.0 / 12.0).epsilon(0.03));
  }
  SECTION("bernoulli") {
    auto [m, v] = moments(n, [](AgentRng& r) { return bernoulli(r, 0.3) ? 1.0 : 0.0; });
    require_mean(m, 0.3, 0.21, n);
  }
  SECTION("poisson, small and large mean") {
    auto [m, v] = moments(n, [](AgentRng& r) { return double(poisson(r, 3.5)); });
    require_mean(m, 3.5, 3.5, n);
    REQUIRE(v == Approx(3.5).epsilon(0.04));
    auto [m2, v2] = moments(n, [](AgentRng& r) { return double(poisson(r, 250.0)); });
    require_mean(m2, 250.0, 250.0, n);
    REQUIRE(v2 == Approx(250.0).epsilon(0.04));
  }
  SECTION("normal") {
    auto [m, v] = moments(n, [](AgentRng& r) { return normal(r, 2.0, 3.0); });
    require_mean(m, 2.0, 9.0, n);
    REQUIRE(v == Approx(9.0).epsilon(0.03));
  }
  SECTION("beta") {
    // Beta(2, 5): mean 2/7, variance ab/((a+b)^2 (a+b+1)) = 10/392.
    auto [m, v] = moments(n, [](AgentRng& r) { return beta(r, 2.0, 5.0); });
    require_mean(m, 2.0 / 7.0, 10.0 / 392.0, n);
    REQUIRE(v == Approx(10.0 / 392.0).epsilon(0.04));
    auto [m2, v2] = moments(n, [](AgentRng& r) { return beta_mean(r, 0.2, 10.0); });
    require_mean(m2, 0.2, 0.2 * 0.8 / 11.0, n);
  }
  SECTION("exponential") {
    auto [m, v] = moments(n, [](AgentRng& r) { return exponential(r, 0.5); });
    require_mean(m, 2.0, 4.0, n);
    REQUIRE(v == Approx(4.0).epsilon(0.05));
  }
  SECTION("event with hazard") {
    auto [m, v] = moments(n, [](AgentRng& r) { return event_with_hazard(r, 0.2) ? 1.0 : 0.0; });
    double p = 1.0 - std::exp(-0.2);
    require_mean(m, p, p * (1 - p), n);
  }
}

TEST_CASE("stream ids are stable across builds", "[random]") {
  // FNV-1a 64 of "harm"; if this changes, every published result changes.
  REQUIRE(stream_id("") == 0xcbf29ce484222325ULL);
  REQUIRE(stream_id("a") == 0xaf63dc4c8601ec8cULL);
}

TEST_CASE("happens(u, h) is the direct comparison u < 1 - exp(-h), bit for bit", "[random]") {
  // The shortcut is exact only if the rounded 1 - exp(-h) never exceeds h.
  // Every hazard from 1e-300 to 10, 64 per factor of two, and their
  // neighbours one ulp either side.
  std::size_t checked = 0;
  for (double h = 1e-300; h < 10.0; h *= std::exp2(1.0 / 64.0)) {
    for (const double x : {std::nextafter(h, 0.0), h, std::nextafter(h, 20.0)}) {
      const double p = -std::expm1(-x);
      REQUIRE(p <= x);
      // Draws at the probability, just below it, and at the hazard.
      for (const double u : {p, std::nextafter(p, 0.0), x, 0.0})
        REQUIRE(happens(u, x) == (u < -std::expm1(-x)));
      ++checked;
    }
  }
  REQUIRE(checked > 3 * 60000);
  // And over a sample of draws against typical daily hazards.
  RandomStream stream(3, stream_id("happens"));
  for (std::uint64_t i = 0; i < 100000; ++i) {
    auto rng = stream.rng(0, i);
    const double u = uniform(rng), h = 0.05 * uniform(rng);
    REQUIRE(happens(u, h) == (u < -std::expm1(-h)));
  }
}

TEST_CASE("unit_interval keeps a word's 53 high bits, from 0 to below 1", "[random]") {
  REQUIRE(unit_interval(0) == 0.0);
  REQUIRE(unit_interval(~std::uint64_t{0}) == 1.0 - 0x1p-53);  // the largest: below 1
  REQUIRE(unit_interval(std::uint64_t{1} << 63) == 0.5);
  REQUIRE(unit_interval((std::uint64_t{1} << 11) - 1) == 0.0);  // the 11 low bits are dropped
  REQUIRE(unit_interval(std::uint64_t{1} << 11) == 0x1p-53);
  // sim::uniform is it, on the generator's next word.
  RandomStream stream(5, stream_id("unit"));
  auto a = stream.rng(1, 2), b = stream.rng(1, 2);
  for (int i = 0; i < 10; ++i)
    REQUIRE(uniform(a) == unit_interval(b()));
}

TEST_CASE("shared uniforms: four agents to a block, any visiting order", "[random]") {
  const RandomStream stream(11, stream_id("shared"));
  const std::uint64_t step = 17;
  const std::uint32_t slot = 3;
  constexpr std::uint64_t n = 4001;  // not a whole number of blocks
  // Agent i's draw is word i % 4 of block (step, i / 4, slot).
  SharedUniforms in_order(stream, step, slot);
  std::vector<double> forward(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    forward[i] = in_order(i);
    REQUIRE(forward[i] == unit_interval(stream.block(step, i / 4, slot)[i % 4]));
  }
  // Backwards, by strides, from a fresh object each time: the same draws.
  SharedUniforms backward(stream, step, slot);
  for (std::uint64_t i = n; i-- > 0;)
    REQUIRE(backward(i) == forward[i]);
  for (std::uint64_t i = 0; i < n; i += 7)
    REQUIRE(SharedUniforms(stream, step, slot)(i) == forward[i]);
  // Another step, slot or stream gives other draws.
  SharedUniforms other_step(stream, step + 1, slot), other_slot(stream, step, slot + 1),
      other_stream(RandomStream(11, stream_id("other")), step, slot);
  std::size_t same_step = 0, same_slot = 0, same_stream = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    same_step += other_step(i) == forward[i];
    same_slot += other_slot(i) == forward[i];
    same_stream += other_stream(i) == forward[i];
  }
  REQUIRE(same_step == 0);
  REQUIRE(same_slot == 0);
  REQUIRE(same_stream == 0);
}

TEST_CASE("shared blocks are never an agent generator's blocks", "[random]") {
  // block(step, g, slot) and the first words of rng(step, g, slot) have the
  // same first three counter words; the fourth keeps them apart.
  const RandomStream stream(2, stream_id("apart"));
  for (std::uint64_t g = 0; g < 100; ++g) {
    auto rng = stream.rng(9, g, 0);
    const auto block = stream.block(9, g, 0);
    for (int k = 0; k < 8; ++k) {
      const auto word = rng();
      for (const auto w : block)
        REQUIRE(word != w);
    }
  }
}

TEST_CASE("shared uniforms are uniform and independent between neighbours", "[random]") {
  const RandomStream stream(8, stream_id("shared moments"));
  SharedUniforms draw(stream, 0);
  constexpr std::size_t n = 40000;
  double sum = 0, sum_sq = 0, sum_lag = 0, previous = 0;
  std::array<std::size_t, 10> bins{};
  for (std::size_t i = 0; i < n; ++i) {
    const double u = draw(i);
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u, sum_sq += u * u, sum_lag += (u - 0.5) * (previous - 0.5);
    ++bins[static_cast<std::size_t>(u * 10)];
    previous = u;
  }
  require_mean(sum / n, 0.5, 1.0 / 12.0, n);
  REQUIRE(sum_sq / n - (sum / n) * (sum / n) == Approx(1.0 / 12.0).epsilon(0.03));
  // Neighbours (three in four share a block) are uncorrelated: r ~ N(0, 1/n).
  REQUIRE(std::abs(sum_lag / n / (1.0 / 12.0)) < 4.0 / std::sqrt(double(n)));
  // Each tenth holds n/10 draws within 4 binomial standard errors.
  for (const auto count : bins)
    REQUIRE(std::abs(double(count) - n / 10.0) < 4.0 * std::sqrt(n * 0.1 * 0.9));
}
