#pragma once
// Run seeds of a sweep. A run's seed is a pure function of the sweep seed, its
// replicate and (unless random numbers are common) its design point, so it
// never depends on which thread, rank or shard runs it.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace candour::sim::sweep {

enum class SeedPolicy {
  // Replicate r uses the same seed at every design point (common random
  // numbers): two points differ only through their parameters, not through
  // luck, so the differences between points are sharper for the same runs.
  common,
  // Every (point, replicate) pair gets its own seed: independent samples, as
  // some estimators (for example a regression over points) assume.
  independent,
};

std::string_view seed_policy_name(SeedPolicy policy);

// The seed of (point, replicate), below 2^53. run.seed takes any 63-bit
// value now; the 53 bits keep the seeds (and so the results) of every sweep
// as they were when values were stored as doubles.
std::uint64_t run_seed(std::uint64_t sweep_seed, SeedPolicy policy, std::size_t point,
                       std::size_t replicate);

}  // namespace candour::sim::sweep
