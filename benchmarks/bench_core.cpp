// Engine micro-benchmarks: the cost of a random draw, of a deterministic
// reduction, and of a whole toy-model day, by thread count.
#include <benchmark/benchmark.h>

#include <vector>

#include "models/toy/toy_model.hpp"
#include "sim/core/distributions.hpp"
#include "sim/core/engine.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/random.hpp"

using namespace candour::sim;

static void BM_UniformDraw(benchmark::State& state) {
  RandomStream stream(1, stream_id("bench"));
  std::uint64_t agent = 0;
  for (auto _ : state) {
    auto rng = stream.rng(0, agent++);
    benchmark::DoNotOptimize(uniform(rng));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UniformDraw);

static void BM_PoissonDraw(benchmark::State& state) {
  RandomStream stream(1, stream_id("bench"));
  std::uint64_t agent = 0;
  for (auto _ : state) {
    auto rng = stream.rng(0, agent++);
    benchmark::DoNotOptimize(poisson(rng, 4.0));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PoissonDraw);

static void BM_DeterministicSum(benchmark::State& state) {
  std::vector<double> values(10'000'000, 1.5);
  Executor executor(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(executor.sum(values.size(), [&](std::size_t i) { return values[i]; }));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(values.size()));
}
BENCHMARK(BM_DeterministicSum)->Arg(1)->Arg(2)->UseRealTime();

namespace {
struct NullSink final : RecordSink {
  void begin(const ModelDefinition&, const RowLayout&) override {}
  void record(Day, std::span<const double>) override {}
  void flush() override {}
};
}  // namespace

// Agent-days per second of the toy model: 200,000 agents for 30 days.
static void BM_ToyModelRun(benchmark::State& state) {
  auto model = candour::models::toy_model();
  RunPlan plan;
  plan.parameters = registry_for(model).defaults();
  plan.parameters.set("toy.agents", 200'000);
  plan.parameters.set(run_keys::days, 30);
  plan.threads = static_cast<int>(state.range(0));
  NullSink sink;
  for (auto _ : state)
    run_simulation(model, plan, sink);
  state.SetItemsProcessed(state.iterations() * 200'000 * 30);
}
BENCHMARK(BM_ToyModelRun)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
