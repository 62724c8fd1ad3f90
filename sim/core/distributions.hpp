#pragma once
// The distributions the models draw from, as free functions over any uniform
// random bit generator (normally an AgentRng). Each but the uniform delegates
// to Boost.Random, whose algorithms are fixed in its source.
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

#include "sim/core/random.hpp"

namespace candour::sim {

// Uniform on [0, 1): one 64-bit word's 53 high bits (unit_interval). Not
// Boost's uniform_01, whose conversion of the whole word and retry loop (a
// rounded 2^64 - 1 is 1) were the hottest line of a run.
template <class Rng>
double uniform(Rng& rng) {
  static_assert(Rng::min() == 0 && Rng::max() == std::numeric_limits<std::uint64_t>::max(),
                "sim::uniform takes 64-bit words");
  return unit_interval(rng());
}

// Uniform integer on [lo, hi], both inclusive.
template <class Rng>
std::int64_t uniform_int(Rng& rng, std::int64_t lo, std::int64_t hi) {
  return boost::random::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
}

// True with probability p (p is clamped to [0, 1]).
template <class Rng>
bool bernoulli(Rng& rng, double p) {
  return boost::random::bernoulli_distribution<double>(std::fmin(1.0, std::fmax(0.0, p)))(rng);
}

// An event with hazard h (per step) happens with probability 1 - exp(-h).
template <class Rng>
bool event_with_hazard(Rng& rng, double hazard) {
  return bernoulli(rng, -std::expm1(-hazard));
}

// Given a uniform draw u on [0, 1), whether an event with hazard h (per step)
// happens: u < 1 - exp(-h). Since 1 - exp(-h) < h, a draw at or above h
// decides it without the expm1, which is computed only for the rare draws
// below (most hazards here are far below 0.01 a day). The answer is the
// same, bit for bit, as the direct comparison: expm1 is accurate to within
// an ulp, so its rounded result never exceeds h (tested).
inline bool happens(double u, double hazard) {
  return u < hazard && u < -std::expm1(-hazard);
}

template <class Rng>
std::int64_t poisson(Rng& rng, double mean) {
  if (mean <= 0.0)
    return 0;
  return boost::random::poisson_distribution<std::int64_t, double>(mean)(rng);
}

template <class Rng>
double normal(Rng& rng, double mean, double sd) {
  return boost::random::normal_distribution<double>(mean, sd)(rng);
}

// Beta(alpha, beta) on (0, 1).
template <class Rng>
double beta(Rng& rng, double alpha, double beta_) {
  return boost::random::beta_distribution<double>(alpha, beta_)(rng);
}

// Beta with the given mean in (0, 1) and concentration alpha + beta = kappa.
template <class Rng>
double beta_mean(Rng& rng, double mean, double kappa) {
  return beta(rng, mean * kappa, (1.0 - mean) * kappa);
}

template <class Rng>
double exponential(Rng& rng, double rate) {
  return boost::random::exponential_distribution<double>(rate)(rng);
}

}  // namespace candour::sim
