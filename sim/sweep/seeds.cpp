#include "sim/sweep/seeds.hpp"

#include "sim/core/random.hpp"

namespace candour::sim::sweep {

std::string_view seed_policy_name(SeedPolicy policy) {
  return policy == SeedPolicy::common ? "common" : "independent";
}

std::uint64_t run_seed(std::uint64_t sweep_seed, SeedPolicy policy, std::size_t point,
                       std::size_t replicate) {
  // One Philox draw keyed by the sweep seed: well mixed, so neighbouring
  // replicates get unrelated streams (seed + r would not guarantee that for
  // every model's use of the seed). Common numbers key on the replicate only.
  const RandomStream stream(sweep_seed, stream_id("sweep.run_seed"));
  const std::uint64_t where = policy == SeedPolicy::common ? 0 : point + 1;
  auto rng = stream.rng(replicate, where);
  return rng() & ((std::uint64_t{1} << 53) - 1);
}

}  // namespace candour::sim::sweep
