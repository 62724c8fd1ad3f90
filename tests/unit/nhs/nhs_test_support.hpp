#pragma once
// Small NHS runs for unit tests: a few wards, a short burn-in, in memory.
#include <cstring>
#include <string>
#include <vector>

#include "models/nhs/nhs_model.hpp"
#include "sim/core/engine.hpp"
#include "tests/support/memory_sink.hpp"

namespace nhs_test {

using namespace candour;

using test::MemorySink;

// A small trust: 12 wards of 10 posts and 10 beds, 4 managers, a short burn-in.
inline sim::RunPlan small_plan(sim::Day days = 120, int threads = 1) {
  auto model = models::nhs_model();
  sim::RunPlan plan;
  plan.parameters = sim::registry_for(model).defaults();
  plan.parameters.set("run.days", static_cast<double>(days));
  plan.parameters.set("trust.wards", 12);
  plan.parameters.set("trust.managers", 4);
  plan.parameters.set("trust.clinicians_per_ward", 10);
  plan.parameters.set("trust.beds_per_ward", 10);
  plan.parameters.set("system.burn_in_days", 60);
  plan.threads = threads;
  return plan;
}

// Bit-for-bit equality (so that NaN, an undefined ratio, equals itself).
inline bool identical(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

inline bool identical(const std::vector<std::vector<double>>& a,
                      const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t r = 0; r < a.size(); ++r)
    if (!identical(a[r], b[r]))
      return false;
  return true;
}

inline MemorySink run(const sim::RunPlan& plan) {
  MemorySink sink;
  sim::run_simulation(models::nhs_model(), plan, sink);
  return sink;
}

}  // namespace nhs_test
