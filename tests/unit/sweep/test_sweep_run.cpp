#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string_view>

#include "models/toy/toy_model.hpp"
#include "sim/sweep/executor.hpp"
#include "sim/sweep/sweep_store.hpp"

using namespace candour::sim;
using namespace candour::sim::sweep;

namespace {
const std::filesystem::path kData = CANDOUR_SWEEP_TEST_DATA;

const ModelDefinition& lookup(const candour::sim::io::ScenarioFiles& files) {
  static const auto toy = candour::models::toy_model();
  if (!files.model() || files.model()->name != "toy")
    throw std::invalid_argument("only the toy model here");
  return toy;
}

SweepPlan grid_plan() {
  return SweepPlan(read_sweep_file(kData / "toy_grid.toml"), lookup);
}

// A fresh folder per test case, removed at the end.
struct TempFolder {
  std::filesystem::path path;
  explicit TempFolder(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             ("candour_sweep_" + name + "_" + std::to_string(getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempFolder() { std::filesystem::remove_all(path); }
};
}  // namespace

TEST_CASE("a sweep plan numbers runs point by point with common seeds", "[sweep][plan]") {
  const auto plan = grid_plan();
  REQUIRE(plan.points() == 6);
  REQUIRE(plan.replicates() == 2);
  REQUIRE(plan.runs() == 12);
  const auto k = plan.key(5);
  REQUIRE(k.point == 2);
  REQUIRE(k.replicate == 1);
  REQUIRE(k.seed == plan.key(1).seed);  // common random numbers: replicate 1 everywhere
  REQUIRE(k.seed != plan.key(4).seed);
  REQUIRE_THROWS_AS(plan.key(12), std::out_of_range);
  // The toy model's level (mean_level) has three statistics, its running totals (shocks,
  // weeks) two each: a count, never a mean of the running total.
  REQUIRE(plan.statistics() == std::vector<std::string>{"mean_level.final", "mean_level.run_mean",
                                                        "mean_level.final_year_mean",
                                                        "shocks.final", "shocks.final_year_count",
                                                        "weeks.final", "weeks.final_year_count"});
  REQUIRE(plan.statistic_columns()[4].cumulative);
  REQUIRE(plan.statistic_columns()[4].valid_min == 0.0);
  REQUIRE(plan.statistic_columns()[2].description.find("Mean level over all agents.") !=
          std::string::npos);
  REQUIRE(plan.record_times() == std::vector<Day>{0, 5, 10, 15, 20});
}

TEST_CASE("a run's plan holds its point's values through every timeline stage", "[sweep][plan]") {
  const auto plan = grid_plan();
  // Point 3: pull = 0.2 (second level), shock_rate = 0.1 (second level).
  const auto run = plan.run_plan(3 * 2 + 1);
  REQUIRE(run.parameters.real("toy.pull") == 0.2);
  REQUIRE(run.parameters.real("toy.shock_rate") == 0.1);
  REQUIRE(run.parameters.integer("run.seed") == static_cast<std::int64_t>(plan.key(7).seed));
  REQUIRE(run.threads == 1);
  REQUIRE(run.timeline.size() == 1);
  // The base scenario's reform sets shock_rate = 0.2 on day 10; the swept value wins.
  REQUIRE(run.timeline[0].parameters.real("toy.shock_rate") == 0.1);
  REQUIRE(run.timeline[0].parameters.real("toy.pull") == 0.2);
}

TEST_CASE("a run's outcome depends only on its point and seed", "[sweep][run]") {
  const auto plan = grid_plan();
  const auto a = execute_run(plan, 4);
  const auto b = execute_run(plan, 4);
  REQUIRE(a.summary == b.summary);
  REQUIRE(a.series == b.series);
  REQUIRE(a.series.size() == plan.record_times().size() * 2);
  REQUIRE(a.summary.size() == plan.statistics().size());
  // Another replicate at the same point, and another point, give other results.
  REQUIRE(execute_run(plan, 5).summary != a.summary);
  REQUIRE(execute_run(plan, 0).summary != a.summary);
  // The last series row is the final value of each kept metric.
  REQUIRE(a.series[a.series.size() - 2] == a.summary[0]);  // mean_level.final
  REQUIRE(a.series.back() == a.summary[3]);                // shocks.final
}

TEST_CASE("the local executor gives the same outcomes on one thread and on two",
          "[sweep][executor]") {
  const auto plan = grid_plan();
  const auto runs = pending_runs(std::vector<std::uint8_t>(plan.runs(), 0), 1, 1);
  REQUIRE(runs.size() == 12);
  std::vector<std::vector<double>> one(plan.runs()), two(plan.runs());
  std::size_t calls = 0;
  run_local(plan, runs, 1, [&](const RunOutcome& o) {
    one[o.run] = o.summary;
    ++calls;
  });
  run_local(plan, runs, 2, [&](const RunOutcome& o) { two[o.run] = o.summary; });
  REQUIRE(calls == 12);
  REQUIRE(one == two);
}

TEST_CASE("pending runs skip completed runs and other shards", "[sweep][executor]") {
  std::vector<std::uint8_t> completed = {1, 0, 0, 1, 0, 0, 0};
  REQUIRE(pending_runs(completed, 1, 1) == std::vector<std::size_t>{1, 2, 4, 5, 6});
  REQUIRE(pending_runs(completed, 1, 2) == std::vector<std::size_t>{2, 4, 6});
  REQUIRE(pending_runs(completed, 2, 2) == std::vector<std::size_t>{1, 5});
}

TEST_CASE("a sweep file stores rows by run id and resumes to the same content", "[sweep][store]") {
  TempFolder folder("store");
  const auto plan = grid_plan();
  const auto header = make_header(plan, "test", "abc");
  const auto whole_path = folder.path / "whole.h5";
  const auto resumed_path = folder.path / "resumed.h5";

  {
    auto whole = SweepStore::create_or_resume(whole_path, header);
    const auto runs = pending_runs(whole.completed(), 1, 1);
    run_local(plan, runs, 2, [&](const RunOutcome& o) { whole.write(o); });
  }
  {
    // Half the runs, then the store is dropped (as a killed process drops it).
    auto first = SweepStore::create_or_resume(resumed_path, header);
    for (std::size_t run : {0, 3, 4, 11})
      first.write(execute_run(plan, run));
  }
  {
    auto second = SweepStore::create_or_resume(resumed_path, header);
    REQUIRE(second.completed_count() == 4);
    const auto rest = pending_runs(second.completed(), 1, 1);
    REQUIRE(rest.size() == 8);
    run_local(plan, rest, 2, [&](const RunOutcome& o) { second.write(o); });
  }
  auto a = SweepStore::open(whole_path, false);
  auto b = SweepStore::open(resumed_path, false);
  REQUIRE(a.header().difference(header).empty());
  REQUIRE(a.header().design == header.design);
  REQUIRE(a.header().run_seed == header.run_seed);
  REQUIRE(a.completed_count() == 12);
  REQUIRE(b.completed_count() == 12);
  for (std::size_t run = 0; run < 12; ++run) {
    const auto x = a.read(run), y = b.read(run);
    REQUIRE(x.summary == y.summary);
    REQUIRE(x.series == y.series);
    REQUIRE(x.summary == execute_run(plan, run).summary);
  }
}

TEST_CASE("a sweep file of another sweep is never resumed or overwritten", "[sweep][store]") {
  TempFolder folder("refuse");
  const auto plan = grid_plan();
  const auto path = folder.path / "sweep.h5";
  SweepStore::create_or_resume(path, make_header(plan, "test", "abc")).write(execute_run(plan, 0));
  auto other = make_header(plan, "test", "abc");
  other.sweep_toml += "\n# edited\n";
  try {
    SweepStore::create_or_resume(path, other);
    FAIL("resumed another sweep");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains("sweep file's text"));
  }
  auto shard = make_header(plan, "test", "abc", Shard{2, 3});
  REQUIRE_THROWS_WITH(SweepStore::create_or_resume(path, shard), Catch::Contains("shard"));
  auto build = make_header(plan, "test", "def");
  REQUIRE_THROWS_WITH(SweepStore::create_or_resume(path, build), Catch::Contains("build"));
  // The file still holds its one finished run.
  REQUIRE(SweepStore::open(path, false).completed_count() == 1);
  // A file that is not a sweep is not overwritten either.
  const auto text = folder.path / "notes.h5";
  { std::ofstream(text) << "not HDF5"; }
  REQUIRE_THROWS_WITH(SweepStore::create_or_resume(text, make_header(plan, "t", "c")),
                      Catch::Contains("cannot be resumed as a sweep file"));
}

TEST_CASE("a sweep resumes whatever the spelling of its scenario's path", "[sweep][store]") {
  const auto plan = grid_plan();
  const auto header = make_header(plan, "test", "abc");
  const std::string_view first_line = "# Resolved scenario from ";
  REQUIRE(std::string_view(header.scenario_toml).starts_with(first_line));
  const auto content = header.scenario_toml.substr(header.scenario_toml.find('\n'));
  auto respelled = header;
  respelled.scenario_file = "./elsewhere/../" + header.scenario_file;
  respelled.sweep_file = "/somewhere/" + header.sweep_file;
  respelled.scenario_toml = std::string(first_line) + "./elsewhere/../base.toml: every" + content;
  REQUIRE(respelled.difference(header).empty());
  REQUIRE(header.difference(respelled).empty());
  // The content still counts, to the last character.
  auto edited = respelled;
  edited.scenario_toml += " ";
  REQUIRE(edited.difference(header) == "the resolved base scenario");
  auto no_first_line = header;
  no_first_line.scenario_toml = content;
  REQUIRE(no_first_line.difference(header) == "the resolved base scenario");
}

TEST_CASE("unfinished runs read as missing values", "[sweep][store]") {
  TempFolder folder("missing");
  const auto plan = grid_plan();
  auto store = SweepStore::create_or_resume(folder.path / "s.h5", make_header(plan, "t", "c"));
  store.write(execute_run(plan, 1));
  const auto unfinished = store.read(2);
  REQUIRE(std::isnan(unfinished.summary.front()));
  REQUIRE_FALSE(std::isnan(store.read(1).summary.front()));
  REQUIRE(store.completed()[1] == 1);
  REQUIRE(store.completed()[2] == 0);
}

TEST_CASE("a sweep that keeps no series resumes", "[sweep][store]") {
  TempFolder folder("no_series");
  // The grid without keep_series: the file then has no /series group.
  std::ifstream in(kData / "toy_grid.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("keep_series"),
               text.find('\n', text.find("keep_series")) - text.find("keep_series"), "");
  const auto plan = SweepPlan(parse_sweep(text, kData / "no_series.toml"), lookup);
  REQUIRE(plan.series_metrics().empty());
  const auto header = make_header(plan, "test", "abc");
  const auto path = folder.path / "s.h5";
  SweepStore::create_or_resume(path, header).write(execute_run(plan, 0));
  auto resumed = SweepStore::create_or_resume(path, header);  // threw "what is kept differs"
  REQUIRE(resumed.completed_count() == 1);
}

TEST_CASE("a refused resume leaves the file untouched", "[sweep][store]") {
  TempFolder folder("untouched");
  const auto plan = grid_plan();
  const auto path = folder.path / "s.h5";
  SweepStore::create_or_resume(path, make_header(plan, "test", "abc")).write(execute_run(plan, 0));
  const auto before = std::filesystem::last_write_time(path);
  std::ifstream original(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(original)),
                          std::istreambuf_iterator<char>());
  REQUIRE_THROWS_AS(SweepStore::create_or_resume(path, make_header(plan, "test", "other")),
                    NotThisSweep);
  std::ifstream after(path, std::ios::binary);
  REQUIRE(std::string((std::istreambuf_iterator<char>(after)), std::istreambuf_iterator<char>()) ==
          bytes);
  REQUIRE(std::filesystem::last_write_time(path) == before);
}

TEST_CASE("a run that fails is named and stops the sweep", "[sweep][executor]") {
  const auto plan = grid_plan();
  std::vector<std::size_t> runs{0, 1, 99};  // run 99 does not exist: execute_run throws
  std::vector<std::uint64_t> done;
  REQUIRE_THROWS_WITH(run_local(plan, runs, 1, [&](const RunOutcome& o) { done.push_back(o.run); }),
                      Catch::Contains("run 99") && Catch::Contains("failed"));
}

TEST_CASE("a stop request starts no run and writes none in progress", "[sweep][executor]") {
  const auto plan = grid_plan();
  std::vector<std::size_t> runs(plan.runs());
  std::iota(runs.begin(), runs.end(), std::size_t{0});
  std::vector<std::uint64_t> done;
  std::atomic<int> asked{0};
  // Stops during the third run (each run asks once at set-up and after every day).
  run_local(
      plan, runs, 1, [&](const RunOutcome& o) { done.push_back(o.run); },
      [&] { return ++asked > 2 * 22 + 5; });
  REQUIRE(done == std::vector<std::uint64_t>{0, 1});
  REQUIRE(execute_run(plan, 2, [] { return true; }) == std::nullopt);
}

TEST_CASE("a sweep file that cannot be created leaves nothing behind", "[sweep][store]") {
  TempFolder folder("cannot_create");
  const auto header = make_header(grid_plan(), "test", "abc");
  const auto path = folder.path / "s.h5";
  // In a child process, under a file-size limit (SIGXFSZ ignored, so a write
  // past it fails with EFBIG, as on a full disk): creating the file fails.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{4096, RLIM_INFINITY};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    int code = 2;
    try {
      SweepStore::create(path, header);
    } catch (const std::exception&) {
      code = 0;  // failed, as it must
    }
    ::_exit(code);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE_FALSE(std::filesystem::exists(path));
  REQUIRE_FALSE(std::filesystem::exists(folder.path / "s.h5.partial"));
}
