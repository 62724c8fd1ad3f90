#pragma once
// A small NHS state for testing one process at a time: four wards of ten
// posts and ten beds under two managers, its daily aggregates and pressure
// computed, with a single-threaded executor.
#include "models/nhs/processes.hpp"

namespace nhs_test {

using namespace candour;
using namespace candour::models::nhs;

inline Params small_params() {
  Params p = default_params();
  p.wards = 4;
  p.managers = 2;
  p.clinicians_per_ward = 10;
  p.beds_per_ward = 10;
  return p;
}

struct Fixture {
  explicit Fixture(const Params& params, std::uint64_t seed = 3)
      : p(params), executor(1), context{executor, Streams(seed)}, s(build_state(p, context)) {
    ward_aggregates(s, p, context);
    pressure_cascade(s, p);
  }
  Params p;
  sim::Executor executor;
  Context context;
  State s;
};

// Mean fear of the clinicians in post.
inline double mean_fear(const State& s) {
  double sum = 0, n = 0;
  for (std::size_t i = 0; i < s.clinicians.fear.size(); ++i) {
    if (s.clinicians.present[i]) {
      sum += s.clinicians.fear[i];
      n += 1;
    }
  }
  return sum / n;
}

}  // namespace nhs_test
