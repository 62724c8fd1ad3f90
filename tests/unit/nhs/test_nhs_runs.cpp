// Whole NHS runs: determinism, timelines and common random numbers, the
// metric table, and the scenario files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "nhs_test_support.hpp"
#include "sim/io/scenario.hpp"

using namespace nhs_test;

namespace {
// Harm events on each day in [from, to), from the cumulative count (rows are
// taken at the end of each day: row t is time t).
std::vector<double> daily_harm(const MemorySink& sink, std::size_t from, std::size_t to) {
  std::vector<double> out;
  for (std::size_t t = from; t < to; ++t)
    out.push_back(sink.value(t + 1, "harm_events") - sink.value(t, "harm_events"));
  return out;
}

int equal_days(const std::vector<double>& a, const std::vector<double>& b) {
  int n = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    n += a[i] == b[i] ? 1 : 0;
  return n;
}
}  // namespace

TEST_CASE("an NHS run is identical for one and two threads", "[nhs][determinism]") {
  const auto one = run(small_plan(120, 1));
  const auto two = run(small_plan(120, 2));
  REQUIRE(one.rows.size() == 121);
  CHECK(identical(one.rows, two.rows));
  CHECK(one.value(120, "harm_events") > 0);  // randomness was exercised
}

TEST_CASE("another seed gives another NHS run", "[nhs][determinism]") {
  auto plan = small_plan(120);
  const auto a = run(plan);
  plan.parameters.set("run.seed", 2);
  const auto b = run(plan);
  CHECK_FALSE(identical(a.rows.back(), b.rows.back()));
}

TEST_CASE("a lever changed from day d leaves earlier rows alone and keeps common random numbers",
          "[nhs][timeline]") {
  auto plan = small_plan(160);
  // Before the reform: no duty of candour, no protection (the NHS before 2014).
  plan.parameters.set("openness.duty_of_candour", 0.0);
  plan.parameters.set("openness.whistleblower_protection", 0.0);
  const auto steady = run(plan);
  auto reform = plan;
  sim::TimelineChange change{100, "whistleblower protection", plan.parameters};
  change.parameters.set("openness.whistleblower_protection", 1.0);
  change.parameters.set("openness.duty_of_candour", 1.0);
  reform.timeline.push_back(change);
  const auto reformed = run(reform);
  auto other = plan;
  other.parameters.set("run.seed", 99);
  const auto luck = run(other);

  // Identical up to the end of day 99 (row at time 100).
  for (std::size_t r = 0; r <= 100; ++r)
    REQUIRE(identical(steady.rows[r], reformed.rows[r]));
  // The reform took effect: candour records harm the witnesses did not report.
  CHECK(reformed.value(160, "incidents_recorded") > steady.value(160, "incidents_recorded"));
  // Speaking up changed, but each bed's harm draws did not: the harm counts of
  // the following month agree day by day, unlike a run with other random numbers.
  const auto a = daily_harm(steady, 100, 130);
  const auto b = daily_harm(reformed, 100, 130);
  const auto c = daily_harm(luck, 100, 130);
  CHECK(a[0] == b[0]);
  CHECK(equal_days(a, b) >= 25);
  CHECK(equal_days(a, b) > equal_days(a, c) + 8);
}

TEST_CASE("every scenario starts from the same settled state at day 0", "[nhs][burn_in]") {
  auto plan = small_plan(30);
  const auto base = run(plan);
  plan.parameters.set("pressure.penalty_severity", 1.0);
  plan.parameters.set("finance.cost_improvement", 0.1);
  const auto harsh = run(plan);
  // Row 0 is the state the burn-in left, every metric of it (pressure included)
  // computed under the burn-in's levers; the scenario's levers act from day 0.
  for (const char* m : {"harm_rate", "fear_mean_nurse", "burnout_mean_doctor", "latent_hazard",
                        "pressure_board", "gaming"})
    CHECK(base.value(0, m) == harsh.value(0, m));
  CHECK(base.value(1, "pressure_board") < harsh.value(1, "pressure_board"));
  // The burn-in is not counted: cumulative counts start at zero on day 0.
  CHECK(base.value(0, "harm_events") == 0.0);
  CHECK(base.value(0, "harm_rate") > 0.0);  // but rates read the burn-in's last 30 days
}

TEST_CASE("the burn-in runs under the levers of the scenario's burn-in set", "[nhs][burn_in]") {
  auto plan = small_plan(10);
  const auto defaults = run(plan);
  // A named burn-in with harsher levers starts the run from another state.
  auto harsh = sim::registry_for(models::nhs_model()).defaults();
  harsh.set("pressure.penalty_severity", 1.0);
  harsh.set("pressure.target_stringency", 1.0);
  plan.burn_in = harsh;
  const auto from_harsh = run(plan);
  CHECK(from_harsh.value(0, "pressure_board") > defaults.value(0, "pressure_board"));
  // Only its levers count: its constants and structure are the run's.
  harsh.set("trust.wards", 40);
  harsh.set("fear.intercept", 3.0);
  plan.burn_in = harsh;
  const auto same = run(plan);
  CHECK(identical(same.rows, from_harsh.rows));
}

TEST_CASE("the run's constants hold in the burn-in too", "[nhs][burn_in]") {
  auto plan = small_plan(10);
  const auto defaults = run(plan);
  plan.parameters.set("fear.intercept", 1.0);  // a behavioural constant
  const auto fearful = run(plan);
  CHECK(fearful.value(0, "fear_mean_nurse") > defaults.value(0, "fear_mean_nurse") + 0.05);
}

TEST_CASE("the NHS metric table matches the recorded rows", "[nhs][metrics]") {
  auto plan = small_plan(10);
  plan.parameters.set("system.trusts", 3);
  const auto sink = run(plan);
  const auto model = models::nhs_model();
  REQUIRE(sink.units() == 3);
  REQUIRE(sink.rows[0].size() == sim::RowLayout(model.metrics, 3).length());
  std::set<std::string> names;
  int summary = 0;
  for (const auto& m : model.metrics) {
    INFO(m.name);
    CHECK(names.insert(m.name).second);
    CHECK_FALSE(m.unit.empty());
    CHECK(m.description.size() > 10);
    summary += m.in_summary > 0 ? 1 : 0;
  }
  // Every system metric has its per-trust version, except the two the
  // centre holds (one value for the whole system).
  for (const auto& m : model.metrics) {
    INFO(m.name);
    if (m.scope != sim::MetricScope::system)
      continue;
    const bool centre = m.name == "fear_climate" || m.name == "manager_pool";
    CHECK(names.count(m.name + "_by_trust") == (centre ? 0 : 1));
  }
  CHECK(summary >= 8);
  CHECK(summary <= 16);
  for (const char* m : {"harm_events_by_trust", "perception_gap_by_trust", "referrals_by_trust",
                        "fear_mean_nurse_by_trust"})
    CHECK(names.count(m) == 1);
}

TEST_CASE("trust metrics add up to the system metrics", "[nhs][metrics]") {
  auto plan = small_plan(90);
  plan.parameters.set("system.trusts", 3);
  plan.parameters.set("system.size_spread", 0.5);
  const auto sink = run(plan);
  const std::size_t last = sink.rows.size() - 1;
  const auto& row = sink.rows[last];
  const std::size_t at = sink.offset("harm_events_by_trust");
  CHECK(row[at] + row[at + 1] + row[at + 2] == sink.value(last, "harm_events"));
  const std::size_t rate = sink.offset("harm_rate_by_trust");
  const double lo = std::min({row[rate], row[rate + 1], row[rate + 2]});
  const double hi = std::max({row[rate], row[rate + 1], row[rate + 2]});
  CHECK(sink.value(last, "harm_rate") >= lo);
  CHECK(sink.value(last, "harm_rate") <= hi);
  // Trusts differ in size.
  const std::size_t beds = sink.offset("funded_posts_by_trust");
  CHECK(row[beds] != row[beds + 1]);
}

TEST_CASE("every scenario file loads and says which source it encodes", "[nhs][scenarios]") {
  const auto registry = sim::registry_for(models::nhs_model());
  const std::filesystem::path dir = CANDOUR_SCENARIO_DIR;
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml")
      continue;
    INFO(entry.path().string());
    ++count;
    const sim::io::ScenarioFiles files(entry.path());
    REQUIRE(files.model());  // every chain names its model (baseline.toml does)
    CHECK(files.model()->name == "nhs");
    const auto scenario = sim::io::load_scenario(files, "nhs", registry);
    CHECK_FALSE(scenario.title.empty());
    CHECK(scenario.parameters.integer("run.days") == 1825);
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const bool cites = text.str().find("Source") != std::string::npos ||
                       text.str().find("source") != std::string::npos;
    CHECK(cites);
  }
  CHECK(count == 15);
  auto load = [&](const char* name) {
    return sim::io::load_scenario(sim::io::ScenarioFiles(dir / name), "nhs", registry);
  };
  const auto timeline = load("mid_staffs_then_francis.toml");
  REQUIRE(timeline.timeline.size() == 1);
  CHECK(timeline.timeline[0].day == 1095);
  CHECK(timeline.parameters.real("finance.cost_improvement") > 0.0);
  CHECK(timeline.timeline[0].parameters.real("openness.duty_of_candour") == 1.0);
  CHECK(timeline.timeline[0].parameters.real("finance.cost_improvement") == 0.0);
  const auto england = load("nhs_england.toml");
  CHECK(england.parameters.integer("system.trusts") == 200);
  // Two eras: the reports of 2007-2013 burn in under the NHS before 2013, the
  // later ones under the NHS after 2014 (the defaults).
  const auto before = load("baseline_2000s.toml");
  for (const char* name :
       {"baseline_2000s", "mid_staffs", "hcc_lessons", "confederation_2007", "francis",
        "francis_managers", "berwick_2013", "mid_staffs_then_francis"}) {
    INFO(name);
    const auto s = load((std::string(name) + ".toml").c_str());
    REQUIRE(s.burn_in.has_value());
    CHECK(*s.burn_in == before.parameters);
  }
  for (const char* name :
       {"baseline", "kark", "kark_implemented", "berwick_2019", "integrated_care", "nhs_england"}) {
    INFO(name);
    CHECK_FALSE(load((std::string(name) + ".toml").c_str()).burn_in);
  }
}

TEST_CASE("the headline metrics have one place each, rates before counts", "[nhs][metrics]") {
  const auto model = models::nhs_model();
  std::vector<const sim::MetricSpec*> headline(16, nullptr);
  int last_rate = 0, first_count = 1000;
  for (const auto& m : model.metrics) {
    INFO(m.name);
    if (m.in_summary == 0)
      continue;
    REQUIRE(m.scope == sim::MetricScope::system);
    REQUIRE(m.in_summary < static_cast<int>(headline.size()));
    CHECK(headline[static_cast<std::size_t>(m.in_summary)] == nullptr);  // each place once
    headline[static_cast<std::size_t>(m.in_summary)] = &m;
    if (m.cumulative)
      first_count = std::min(first_count, m.in_summary);
    else
      last_rate = std::max(last_rate, m.in_summary);
  }
  CHECK(last_rate < first_count);
  REQUIRE(headline[1] != nullptr);
  CHECK(headline[1]->name == "harm_rate");
  CHECK(headline[2]->name == "speak_up_rate");
}

namespace {
// A run through `cache`, and whether its burn-in came from it.
std::pair<MemorySink, bool> run_with(const sim::RunPlan& plan, sim::BurnInCache& cache) {
  auto with_cache = plan;
  with_cache.burn_in_cache = &cache;
  MemorySink sink;
  const auto result = sim::run_simulation(models::nhs_model(), with_cache, sink);
  return {sink, result.burn_in_reused};
}
}  // namespace

TEST_CASE("a burn-in reused from the cache gives the rows of a fresh one, bit for bit",
          "[nhs][burn_in][burn_in_cache]") {
  sim::BurnInCache cache(std::uint64_t{1} << 30);
  auto plan = small_plan(40);
  const auto [first, first_reused] = run_with(plan, cache);
  CHECK_FALSE(first_reused);
  CHECK(identical(first.rows, run(plan).rows));
  // Another lever from day 0, and a timeline change: the same burn-in, reused.
  plan.parameters.set("openness.whistleblower_protection", 1.0);
  sim::TimelineChange change{20, "harsher", plan.parameters};
  change.parameters.set("pressure.penalty_severity", 1.0);
  plan.timeline = {change};
  const auto [reform, reform_reused] = run_with(plan, cache);
  CHECK(reform_reused);
  CHECK(identical(reform.rows, run(plan).rows));
  CHECK_FALSE(identical(reform.rows.back(), first.rows.back()));  // the levers acted
  // Two threads read the state the same way.
  plan.threads = 2;
  const auto [two_threads, two_threads_reused] = run_with(plan, cache);
  CHECK(two_threads_reused);  // one burn-in for the three runs
  CHECK(identical(two_threads.rows, reform.rows));
}

TEST_CASE("runs that burn in differently never share a burnt-in state",
          "[nhs][burn_in][burn_in_cache]") {
  sim::BurnInCache cache(std::uint64_t{1} << 30);
  auto plan = small_plan(10);
  run_with(plan, cache);
  // Another seed, a behavioural constant, the structure, the burn-in's
  // length, the burn-in's levers (a named burn-in set, or its own levers):
  // each burns in afresh, and matches a run without the cache.
  std::vector<sim::RunPlan> others(7, plan);
  others[0].parameters.set("run.seed", 2);
  others[1].parameters.set("fear.intercept", 1.0);
  others[2].parameters.set("trust.wards", 13);
  others[3].parameters.set("system.burn_in_days", 61);
  auto harsh = sim::registry_for(models::nhs_model()).defaults();
  harsh.set("pressure.penalty_severity", 1.0);
  others[4].burn_in = harsh;
  others[5].parameters.set("system.burn_in_with_scenario", 1);
  others[5].parameters.set("pressure.penalty_severity", 1.0);
  others[6].parameters.set("pressure.penalty_severity", 1.0);  // a lever only: shared
  for (std::size_t i = 0; i < others.size(); ++i) {
    INFO("variant " << i);
    const auto [rows, reused] = run_with(others[i], cache);
    CHECK(reused == (i == 6));
    CHECK(identical(rows.rows, run(others[i]).rows));
  }
}
