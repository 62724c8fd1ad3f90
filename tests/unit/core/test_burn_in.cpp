// The engine's two phases: the model's burn-in, run through the engine's own
// loop before day 0, then start() and the recorded days.
#include <catch2/catch.hpp>

#include <memory>
#include <utility>
#include <vector>

#include "sim/core/burn_in_store.hpp"
#include "sim/core/engine.hpp"
#include "tests/support/memory_sink.hpp"
#include "tests/unit/hdf5/scratch.hpp"

using namespace candour::sim;

namespace {

// What the engine asked of the simulation, in order.
struct Log {
  std::vector<std::pair<std::size_t, Day>> steps;  // (process, day)
  std::size_t steps_before_start = 0;
  int starts = 0;
  double level_at_start = 0;
  bool keyed = false;  // burn_in_key() names the burn-in, but no checkpoint is written
};

// A counter that the daily step raises by the lever "test.step" and the
// weekly step doubles; start() records what the burn-in left.
class Logged final : public Simulation {
 public:
  Logged(const ParameterSet& p, std::shared_ptr<Log> log)
      : log_(std::move(log)), burn_in_(p.integer("test.burn_in")), step_(p.real("test.step")) {}
  void run_process(std::size_t process, Day day) override {
    log_->steps.emplace_back(process, day);
    level_ = process == 0 ? level_ + step_ : 2 * level_;
  }
  Day burn_in_days() const override { return burn_in_; }
  std::string burn_in_key() const override { return log_->keyed ? "level" : ""; }
  void start(const ParameterSet& p) override {
    ++log_->starts;
    log_->steps_before_start = log_->steps.size();
    log_->level_at_start = level_;
    apply_parameters(p);
  }
  void apply_parameters(const ParameterSet& p) override { step_ = p.real("test.step"); }
  std::size_t unit_count() const override { return 1; }
  void record(Day, std::span<double> row) const override { row[0] = level_; }

 private:
  std::shared_ptr<Log> log_;
  Day burn_in_;
  double step_;
  double level_ = 0;
};

ModelDefinition logged_model(std::shared_ptr<Log> log) {
  ModelDefinition m;
  m.name = "logged";
  m.parameters = {{"test.burn_in", ParameterType::integer, 0, 0, 1000, "day", "Burn-in.", "test"},
                  {"test.step", ParameterType::real, 1, 0, 10, "1", "Daily step.", "test"}};
  m.metrics = {{"level", "1", "The counter.", MetricScope::system}};
  m.schedule = {{"add", Period::daily, "Adds the step."}, {"double", Period::weekly, "Doubles."}};
  m.create = [log](const ParameterSet& p, const RunContext&) -> std::unique_ptr<Simulation> {
    // The burn-in runs under half the run's step: start() must switch it.
    auto burn_in = p;
    burn_in.set("test.step", p.real("test.step") / 2);
    return std::make_unique<Logged>(burn_in, log);
  };
  return m;
}

RunPlan plan_for(const ModelDefinition& model, Day burn_in, Day days) {
  RunPlan plan;
  plan.parameters = registry_for(model).defaults();
  plan.parameters.set("test.burn_in", static_cast<double>(burn_in));
  plan.parameters.set(run_keys::days, static_cast<double>(days));
  plan.threads = 1;
  return plan;
}

}  // namespace

TEST_CASE("the engine runs the burn-in before day 0 on a calendar of its own",
          "[engine][burn_in]") {
  auto log = std::make_shared<Log>();
  const auto model = logged_model(log);
  candour::test::MemorySink sink;
  std::vector<std::pair<RunPhase, Day>> progress;
  const auto result =
      run_simulation(model, plan_for(model, 10, 7), sink, [&](RunPhase phase, Day done, Day total) {
        progress.emplace_back(phase, done);
        CHECK(total == (phase == RunPhase::burn_in ? 10 : 7));
      });
  REQUIRE(log->starts == 1);
  // Burn-in days -10 .. -1 on calendar days 0 .. 9: the daily step every day,
  // the weekly one on calendar day 6 (run day -4).
  REQUIRE(log->steps_before_start == 10 + 1);
  CHECK(log->steps.front() == std::pair<std::size_t, Day>{0, -10});
  CHECK(log->steps[7] == std::pair<std::size_t, Day>{1, -4});
  CHECK(log->steps[10] == std::pair<std::size_t, Day>{0, -1});
  // The burn-in ran under its own step (0.5): 7 days, doubled, 3 more days.
  CHECK(log->level_at_start == (7 * 0.5) * 2 + 3 * 0.5);
  // Then the recorded days 0 .. 6 under the run's step, from the state the
  // burn-in left; row 0 is that state.
  CHECK(log->steps[11] == std::pair<std::size_t, Day>{0, 0});
  CHECK(sink.value(0, "level") == log->level_at_start);
  CHECK(sink.rows.size() == 8);
  CHECK(result.burn_in_days == 10);
  CHECK(result.burn_in_seconds >= 0.0);
  CHECK(result.days == 7);
  // Phase timings count the recorded days only.
  CHECK(result.phases[0].calls == 7);
  CHECK(result.phases[1].calls == 1);
  // One progress call per day of each phase, the burn-in first.
  REQUIRE(progress.size() == 17);
  CHECK(progress[9] == std::pair<RunPhase, Day>{RunPhase::burn_in, 10});
  CHECK(progress[10] == std::pair<RunPhase, Day>{RunPhase::run, 1});
}

TEST_CASE("without a burn-in the run starts at once", "[engine][burn_in]") {
  auto log = std::make_shared<Log>();
  const auto model = logged_model(log);
  candour::test::MemorySink sink;
  const auto result = run_simulation(model, plan_for(model, 0, 3), sink);
  REQUIRE(log->starts == 1);
  CHECK(log->steps_before_start == 0);
  CHECK(result.burn_in_days == 0);
  CHECK(sink.rows.back()[0] == 3.0);
}

TEST_CASE("a stop request during the burn-in records nothing", "[engine][burn_in][stop]") {
  auto log = std::make_shared<Log>();
  const auto model = logged_model(log);
  candour::test::MemorySink sink;
  auto plan = plan_for(model, 10, 7);
  int asked = 0;
  plan.stop = [&] { return ++asked >= 4; };  // after burn-in day 4
  const auto result = run_simulation(model, plan, sink);
  CHECK(result.interrupted);
  CHECK(result.records == 0);
  CHECK(result.days == 0);
  CHECK(log->starts == 0);        // the run never started
  CHECK(log->steps.size() == 4);  // four burn-in days, none after
  CHECK(sink.begins == 0);        // so no writer ever created its file
  CHECK(sink.rows.empty());
}

TEST_CASE("a model without checkpoints says none was saved and burns in every time",
          "[engine][burn_in][burn_in_store]") {
  auto log = std::make_shared<Log>();
  log->keyed = true;
  const auto model = logged_model(log);
  candour::test::ScratchDir scratch("burn_in_no_checkpoints");
  const BurnInStore store(scratch / "checkpoints", "build");
  auto plan = plan_for(model, 10, 7);
  candour::test::MemorySink plain;
  run_simulation(model, plan, plain);
  plan.burn_in_store = &store;
  for (int run = 0; run < 2; ++run) {
    candour::test::MemorySink sink;
    const auto result = run_simulation(model, plan, sink);
    CHECK_FALSE(result.burn_in_saved);
    CHECK_FALSE(result.burn_in_read);
    CHECK(result.burn_in_store_error.find("keeps no burn-in checkpoints") != std::string::npos);
    CHECK(sink.rows == plain.rows);
  }
  CHECK(std::filesystem::is_empty(scratch / "checkpoints"));  // no file, not even a partial one
}
