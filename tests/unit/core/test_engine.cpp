#include <catch2/catch.hpp>

#include <vector>

#include "models/toy/toy_model.hpp"
#include "sim/core/engine.hpp"
#include "sim/core/summary.hpp"
#include "tests/support/memory_sink.hpp"

using namespace candour::sim;

namespace {

using candour::test::MemorySink;

RunPlan toy_plan(int threads, Day days = 100) {
  auto model = candour::models::toy_model();
  RunPlan plan;
  plan.parameters = registry_for(model).defaults();
  plan.parameters.set(run_keys::days, static_cast<double>(days));
  plan.parameters.set(run_keys::record_every, 10);
  plan.parameters.set(run_keys::flush_every, 25);
  plan.threads = threads;
  return plan;
}
}  // namespace

TEST_CASE("the engine records at time 0 and every record_every days", "[engine]") {
  auto model = candour::models::toy_model();
  MemorySink sink;
  auto result = run_simulation(model, toy_plan(1), sink);
  REQUIRE(sink.times.front() == 0);
  REQUIRE(sink.times.back() == 100);
  REQUIRE(sink.times.size() == 11);
  REQUIRE(sink.units() == 8);
  REQUIRE(sink.rows.front().size() == 3 + 8);
  REQUIRE(sink.flushes == 4 + 1);  // days 25, 50, 75, 100, and at the end
  REQUIRE(result.records == 11);
  // The weekly process ran 14 times in 100 days (days 6, 13, ..., 97).
  REQUIRE(sink.rows.back()[2] == 14.0);
  REQUIRE(result.phases.size() == 3);
  REQUIRE(result.phases[0].calls == 100);
}

TEST_CASE("a run is identical to the bit for any thread count", "[engine][determinism]") {
  auto model = candour::models::toy_model();
  MemorySink one, two, four;
  run_simulation(model, toy_plan(1), one);
  run_simulation(model, toy_plan(2), two);
  run_simulation(model, toy_plan(4), four);
  REQUIRE(one.rows == two.rows);
  REQUIRE(one.rows == four.rows);
  REQUIRE(one.rows.back()[1] > 0.0);  // shocks happened, so randomness was exercised
}

TEST_CASE("another seed gives another run", "[engine][determinism]") {
  auto model = candour::models::toy_model();
  MemorySink a, b;
  auto plan = toy_plan(2);
  run_simulation(model, plan, a);
  plan.parameters.set(run_keys::seed, 2);
  run_simulation(model, plan, b);
  REQUIRE(a.rows.back() != b.rows.back());
}

TEST_CASE("timeline changes take effect on their day and not before", "[engine][timeline]") {
  auto model = candour::models::toy_model();
  MemorySink steady, changed;
  auto plan = toy_plan(2);
  run_simulation(model, plan, steady);
  TimelineChange change{50, "more shocks", plan.parameters};
  change.parameters.set("toy.shock_rate", 0.5);
  plan.timeline.push_back(change);
  run_simulation(model, plan, changed);
  // Rows are taken at days 0, 10, ..., 100: identical up to day 50.
  for (std::size_t r = 0; r <= 5; ++r)
    REQUIRE(steady.rows[r] == changed.rows[r]);
  REQUIRE(changed.rows.back()[1] > steady.rows.back()[1] * 5);
}

TEST_CASE("summary statistics of system metrics", "[engine][summary]") {
  auto model = candour::models::toy_model();
  SummarySink summary;
  MemorySink memory;
  TeeSink tee({&summary, &memory});
  auto plan = toy_plan(1, 730);
  run_simulation(model, plan, tee);
  auto s = summary.summaries();
  REQUIRE(s.size() == 3);  // the per-group metric is not summarised
  REQUIRE(s[0].name == "mean_level");
  REQUIRE(s[0].final_value == memory.rows.back()[0]);
  // Mean of the rows in (365, 730]: rows at 370, 380, ..., 730.
  double sum = 0.0;
  int n = 0;
  for (std::size_t r = 0; r < memory.times.size(); ++r) {
    if (memory.times[r] > 730 - 365) {
      sum += memory.rows[r][0];
      ++n;
    }
  }
  REQUIRE(n == 37);
  REQUIRE(s[0].final_year_mean == Approx(sum / n));
}

TEST_CASE("cumulative metrics are summarised by their final-year increase", "[engine][summary]") {
  auto model = candour::models::toy_model();
  model.metrics[1].cumulative = true;  // "shocks" is a running total
  SummarySink summary;
  MemorySink memory;
  TeeSink tee({&summary, &memory});
  run_simulation(model, toy_plan(1, 730), tee);
  const auto s = summary.summaries()[1];
  REQUIRE(s.cumulative);
  // Rows at 0, 10, ..., 730: the last at or before day 365 is day 360.
  REQUIRE(memory.times[36] == 360);
  REQUIRE(s.final_year_increase == memory.rows.back()[1] - memory.rows[36][1]);
  REQUIRE(s.final_year_increase > 0.0);
  // Sweeps keep a running total's count, never the mean of the running total.
  REQUIRE(statistic_value(s, SummaryStatistic::final_year_count) == s.final_year_increase);
  REQUIRE(statistics_for(true).size() == 2);
  REQUIRE(statistic_name(statistics_for(true)[1]) == "final_year_count");
  REQUIRE(statistic_name(statistics_for(false)[2]) == "final_year_mean");
}

TEST_CASE("a run shorter than a year counts a running total from day 0", "[engine][summary]") {
  auto model = candour::models::toy_model();
  SummarySink summary;
  MemorySink memory;
  TeeSink tee({&summary, &memory});
  run_simulation(model, toy_plan(1, 100), tee);
  const auto s = summary.summaries()[1];  // shocks, a running total in the toy model
  REQUIRE(s.cumulative);
  REQUIRE(s.final_year_increase == memory.rows.back()[1] - memory.rows.front()[1]);
}

TEST_CASE("a stop request ends the run after the day it is on", "[engine][stop]") {
  auto model = candour::models::toy_model();
  MemorySink whole, stopped;
  run_simulation(model, toy_plan(1), whole);
  auto plan = toy_plan(1);
  int asked = 0;
  plan.stop = [&] { return ++asked > 35; };  // once during set-up, then after days 1..35
  const auto result = run_simulation(model, plan, stopped);
  REQUIRE(result.interrupted);
  REQUIRE(result.days == 35);
  // Rows at days 0, 10, 20, 30, the same as the whole run's, and flushed.
  REQUIRE(stopped.times == std::vector<Day>{0, 10, 20, 30});
  REQUIRE(stopped.rows ==
          std::vector<std::vector<double>>(whole.rows.begin(), whole.rows.begin() + 4));
  REQUIRE(stopped.flushes == 1 + 1);  // day 25, and at the stop
  // Asked before day 0: nothing is recorded and the sink never begins.
  MemorySink nothing;
  plan.stop = [] { return true; };
  const auto early = run_simulation(model, plan, nothing);
  REQUIRE(early.interrupted);
  REQUIRE(early.records == 0);
  REQUIRE(nothing.begins == 0);
  REQUIRE(nothing.times.empty());
}

TEST_CASE("a timeline change to structure is refused", "[engine][timeline]") {
  auto model = candour::models::toy_model();
  auto plan = toy_plan(1);
  TimelineChange change{50, "more agents", plan.parameters};
  change.parameters.set("toy.agents", 9000);
  plan.timeline.push_back(change);
  MemorySink sink;
  REQUIRE_THROWS_WITH(run_simulation(model, plan, sink), Catch::Contains("toy.agents"));
}
