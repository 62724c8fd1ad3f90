#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <vector>

#include "models/toy/toy_model.hpp"
#include "sim/core/engine.hpp"
#include "sim/core/summary.hpp"
#include "sim/io/run_writer.hpp"
#include "tests/support/memory_sink.hpp"
#include "tests/support/run_reader.hpp"
#include "tests/unit/hdf5/scratch.hpp"

using namespace candour::sim;
namespace h5 = candour::sim::io::hdf5;
using candour::sim::io::Provenance;
using candour::sim::io::RunWriter;
using candour::test::MemorySink;
using candour::test::RunReader;
using candour::test::ScratchDir;

namespace {

Provenance test_provenance(std::uint64_t seed) {
  Provenance p;
  p.candour_version = "0.1.0";
  p.git_commit = "abc123def456";
  p.model = "toy";
  p.scenario_file = "scenarios/toy.toml";
  p.scenario_toml = "model = \"toy\"\n[toy]\nagents = 2000\n";
  p.command_line = "candour run scenarios/toy.toml";
  p.host = "ward-7";
  p.seed = seed;
  p.threads = 2;
  p.ranks = 1;
  p.extends_chain = {"scenarios/baseline.toml"};
  return p;
}

ParameterSet toy_parameters(const ParameterRegistry& registry, Day days, std::uint64_t seed) {
  auto p = registry.defaults();
  p.set("toy.agents", 2000);
  p.set(run_keys::days, static_cast<double>(days));
  p.set(run_keys::seed, static_cast<double>(seed));
  p.set(run_keys::record_every, 1);
  p.set(run_keys::flush_every, 10);
  return p;
}

// Every value a reader returns for every metric equals the rows the engine
// recorded, in the engine's row layout.
void require_rows_equal(const RunReader& reader, const ModelDefinition& model,
                        const MemorySink& memory, std::size_t rows) {
  REQUIRE(reader.rows() == rows);
  const auto time = reader.time();
  REQUIRE(time.size() == rows);
  for (std::size_t r = 0; r < rows; ++r)
    REQUIRE(time[r] == static_cast<double>(memory.times[r]));
  const RowLayout layout(model.metrics, reader.units());
  REQUIRE(layout.length() == memory.rows.front().size());
  for (std::size_t i = 0; i < layout.size(); ++i) {
    const auto series = reader.metric(layout.metric(i).name);
    const auto slot = layout.slot(i);
    REQUIRE(series.rows() == rows);
    REQUIRE(series.columns == slot.width);
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < slot.width; ++c)
        REQUIRE(series.at(r, c) == memory.rows[r][slot.offset + c]);
  }
}

}  // namespace

TEST_CASE("a toy run written to HDF5 reads back row for row", "[hdf5][run_writer]") {
  ScratchDir dir("roundtrip");
  const auto path = dir / "toy.h5";
  const auto model = candour::models::toy_model();
  const auto registry = registry_for(model);
  const auto parameters = toy_parameters(registry, 120, 7);
  MemorySink memory;
  RunResult result;
  {
    RunWriter writer(path, test_provenance(7), registry, parameters);
    TeeSink tee({&writer, &memory});
    result = run_simulation(model, RunPlan{parameters, {}, 2}, tee);
    writer.finish(result);
  }
  RunReader reader(path);
  REQUIRE(reader.completed());
  REQUIRE_FALSE(reader.writer_left_open());
  REQUIRE(memory.rows.size() == 121);
  REQUIRE(memory.rows.back()[1] > 0);  // shocks happened: the values are not trivial
  require_rows_equal(reader, model, memory, 121);
  REQUIRE(reader.unit_dimension() == "group");
  REQUIRE(reader.units() == 8);

  const auto metrics = reader.metrics();  // in name order
  REQUIRE(metrics.size() == model.metrics.size());
  for (const auto& spec : model.metrics) {
    auto it = std::find_if(metrics.begin(), metrics.end(),
                           [&](const auto& m) { return m.name == spec.name; });
    REQUIRE(it != metrics.end());
    REQUIRE(it->units == spec.unit);
    REQUIRE(it->description == spec.description);
    REQUIRE(it->scope == spec.scope);
    REQUIRE(it->columns == (spec.scope == MetricScope::system ? 1u : 8u));
  }

  const auto p = reader.provenance();
  const auto expected = test_provenance(7);
  REQUIRE(p.candour_version == expected.candour_version);
  REQUIRE(p.git_commit == expected.git_commit);
  REQUIRE(p.model == expected.model);
  REQUIRE(p.scenario_file == expected.scenario_file);
  REQUIRE(p.scenario_toml == expected.scenario_toml);
  REQUIRE(p.command_line == expected.command_line);
  REQUIRE(p.host == expected.host);
  REQUIRE(p.seed == 7);
  REQUIRE(p.threads == 2);
  REQUIRE(p.ranks == 1);
  REQUIRE(p.extends_chain == expected.extends_chain);
  REQUIRE(h5::read_integer_attribute(reader.root(), "format_version") ==
          candour::sim::io::kFormatVersion);

  const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  REQUIRE(std::regex_match(reader.started_at(), iso));
  REQUIRE(reader.finished_at().has_value());
  REQUIRE(std::regex_match(*reader.finished_at(), iso));
  REQUIRE(*reader.finished_at() >= reader.started_at());
  REQUIRE(reader.wall_seconds() == result.wall_seconds);

  const auto stored = reader.parameters();
  REQUIRE(stored.size() == parameters.values().size());
  for (const auto& row : stored) {
    REQUIRE(row.value == parameters.real(row.name));
    REQUIRE(row.unit == registry.find(row.name)->unit);
    REQUIRE(row.type == type_name(registry.find(row.name)->type));
  }

  const auto timing = reader.timing();
  REQUIRE(timing.size() == result.phases.size());
  for (std::size_t i = 0; i < timing.size(); ++i) {
    REQUIRE(timing[i].name == result.phases[i].name);
    REQUIRE(timing[i].period == result.phases[i].period);
    REQUIRE(timing[i].calls == result.phases[i].calls);
    REQUIRE(timing[i].seconds == result.phases[i].seconds);
  }
  REQUIRE(timing[0].calls == 120);
}

TEST_CASE("the time series datasets are chunked compressed and extendible", "[hdf5][run_writer]") {
  ScratchDir dir("layout");
  const auto path = dir / "toy.h5";
  const auto model = candour::models::toy_model();
  const auto registry = registry_for(model);
  const auto parameters = toy_parameters(registry, 30, 1);
  {
    RunWriter writer(path, test_provenance(1), registry, parameters);
    writer.finish(run_simulation(model, RunPlan{parameters, {}, 1}, writer));
  }
  auto file = h5::open_file(path);
  auto time = h5::open_dataset(file, "time");
  auto levels = h5::open_dataset(h5::open_group(file, "metrics"), "group_mean_level");
  auto shocks = h5::open_dataset(h5::open_group(file, "metrics"), "shocks");
  auto groups = h5::open_dataset(file, "group");
  REQUIRE(h5::read_string_attribute(time, "units") == "day");
  REQUIRE(h5::shape(levels) == std::vector<std::size_t>{31, 8});
  // One flush's rows a chunk: flushed every 10 days, recorded daily.
  REQUIRE(h5::chunk_shape(levels) == std::vector<std::size_t>{10, 8});
  REQUIRE(h5::chunk_shape(shocks) == std::vector<std::size_t>{10});
  REQUIRE(h5::chunk_shape(time) == std::vector<std::size_t>{10});
  REQUIRE(h5::filter_names(shocks).size() == 2);
  REQUIRE(h5::read_string_attribute(shocks, "scope") == "system");
  REQUIRE(h5::read_string_attribute(levels, "scope") == "per_unit");
  REQUIRE(h5::is_attached(levels, time, 0));
  REQUIRE(h5::is_attached(levels, groups, 1));
  REQUIRE(h5::is_attached(shocks, time, 0));
  REQUIRE(h5::read_integers(groups) == std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7});
}

TEST_CASE("finish writes the rows still buffered and marks the run complete",
          "[hdf5][run_writer]") {
  ScratchDir dir("finish");
  const auto path = dir / "toy.h5";
  const auto model = candour::models::toy_model();
  const auto registry = registry_for(model);
  const auto parameters = toy_parameters(registry, 10, 1);
  {
    RunWriter writer(path, test_provenance(1), registry, parameters);
    writer.begin(model, RowLayout(model.metrics, 8));
    std::vector<double> row(RowLayout(model.metrics, 8).length(), 0.5);
    writer.record(0, row);
    writer.record(1, row);
    writer.flush();
    writer.record(2, row);  // buffered: finish() must write it
    RunResult result;
    result.wall_seconds = 0.25;
    writer.finish(result);
  }
  RunReader reader(path);
  REQUIRE(reader.rows() == 3);
  REQUIRE(reader.completed());
  REQUIRE(reader.wall_seconds() == 0.25);
  REQUIRE(reader.metric("mean_level").values == std::vector<double>{0.5, 0.5, 0.5});
  REQUIRE(reader.time() == std::vector<double>{0, 1, 2});
  REQUIRE(reader.timing().empty());  // no phases in this result: an empty table
  REQUIRE(h5::exists(h5::root_group(h5::open_file(path)), "timing"));
}

TEST_CASE("a writer dropped before finish leaves an incomplete run with every row",
          "[hdf5][run_writer]") {
  ScratchDir dir("unfinished");
  const auto path = dir / "toy.h5";
  const auto model = candour::models::toy_model();
  const auto registry = registry_for(model);
  const auto parameters = toy_parameters(registry, 25, 3);
  MemorySink memory;
  {
    RunWriter writer(path, test_provenance(3), registry, parameters);
    TeeSink tee({&writer, &memory});
    run_simulation(model, RunPlan{parameters, {}, 1}, tee);
    // As if the run failed after its last step: no finish().
  }
  RunReader reader(path);
  REQUIRE_FALSE(reader.completed());
  REQUIRE_FALSE(reader.writer_left_open());  // the destructor closed it cleanly
  REQUIRE_FALSE(reader.finished_at().has_value());
  REQUIRE_FALSE(reader.wall_seconds().has_value());
  REQUIRE(reader.timing().empty());
  require_rows_equal(reader, model, memory, 26);
}

TEST_CASE("a run killed after a flush keeps the flushed rows", "[hdf5][run_writer][kill]") {
  ScratchDir dir("killed");
  const auto path = dir / "killed.h5";
  const auto model = candour::models::toy_model();
  const auto registry = registry_for(model);
  const auto parameters = toy_parameters(registry, 100, 1);
  const std::size_t width = RowLayout(model.metrics, 8).length();
  auto row_for = [&](Day t) {
    std::vector<double> row(width);
    for (std::size_t i = 0; i < width; ++i)
      row[i] = static_cast<double>(t) + 0.001 * static_cast<double>(i);
    return row;
  };
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child writes 10 rows, flushes, buffers 5 more, and dies by SIGKILL:
    // no destructor, no close. It never returns into Catch.
    try {
      RunWriter writer(path, test_provenance(1), registry, parameters);
      writer.begin(model, RowLayout(model.metrics, 8));
      for (Day t = 0; t < 10; ++t)
        writer.record(t, row_for(t));
      writer.flush();
      for (Day t = 10; t < 15; ++t)
        writer.record(t, row_for(t));
      ::raise(SIGKILL);
    } catch (...) {
    }
    ::_exit(1);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(WTERMSIG(status) == SIGKILL);

  RunReader reader(path);
  REQUIRE(reader.writer_left_open());  // SWMR flags still set: opened in SWMR read mode
  REQUIRE_FALSE(reader.completed());
  REQUIRE(reader.rows() == 10);
  const auto levels = reader.metric("group_mean_level");
  const auto mean = reader.metric("mean_level");
  for (std::size_t r = 0; r < 10; ++r) {
    const auto expected = row_for(static_cast<Day>(r));
    REQUIRE(mean.at(r) == expected[0]);
    for (std::size_t u = 0; u < 8; ++u)
      REQUIRE(levels.at(r, u) == expected[3 + u]);
  }
  REQUIRE(reader.provenance().host == "ward-7");
}

TEST_CASE("bad input is refused with a clear error", "[hdf5][run_writer][errors]") {
  ScratchDir dir("bad");
  const auto model = candour::models::toy_model();
  const auto registry = registry_for(model);
  auto parameters = toy_parameters(registry, 10, 1);

  SECTION("a parameter outside the registry, before the file exists") {
    parameters.set("toy.unknown", 1.0);
    REQUIRE_THROWS_WITH(RunWriter(dir / "bad.h5", test_provenance(1), registry, parameters),
                        Catch::Contains("toy.unknown"));
    REQUIRE_FALSE(std::filesystem::exists(dir / "bad.h5"));
  }
  SECTION("an unwritable path") {
    REQUIRE_THROWS_AS(
        RunWriter(dir / "missing_dir" / "x.h5", test_provenance(1), registry, parameters),
        h5::Error);
  }
  SECTION("a unit dimension that clashes with the layout") {
    auto clashing = model;
    clashing.unit_dimension = "time";
    RunWriter writer(dir / "clash.h5", test_provenance(1), registry, parameters);
    REQUIRE_THROWS_WITH(writer.begin(clashing, RowLayout(clashing.metrics, 8)),
                        Catch::Contains("clashes"));
  }
  SECTION("calls out of order or rows of the wrong length") {
    RunWriter writer(dir / "order.h5", test_provenance(1), registry, parameters);
    std::vector<double> row(RowLayout(model.metrics, 8).length(), 0.0);
    REQUIRE_THROWS_AS(writer.record(0, row), std::logic_error);
    writer.begin(model, RowLayout(model.metrics, 8));
    REQUIRE_THROWS_AS(writer.begin(model, RowLayout(model.metrics, 8)), std::logic_error);
    std::vector<double> short_row(3, 0.0);
    REQUIRE_THROWS_AS(writer.record(0, short_row), std::invalid_argument);
    writer.record(0, row);
    writer.finish(RunResult{});
    REQUIRE_THROWS_AS(writer.flush(), std::logic_error);
    REQUIRE_THROWS_AS(writer.finish(RunResult{}), std::logic_error);
  }
  SECTION("a file that is not HDF5") {
    const auto text = dir / "notes.txt";
    std::ofstream(text) << "not an HDF5 file\n";
    REQUIRE_THROWS_WITH(RunReader(text), Catch::Contains("notes.txt"));
  }
}

TEST_CASE("the file takes its name only once it has begun", "[hdf5][run_writer][kill]") {
  ScratchDir dir("publish");
  const auto path = dir / "run.h5";
  const auto model = candour::models::toy_model();
  const auto registry = registry_for(model);
  const auto parameters = toy_parameters(registry, 10, 1);
  {
    RunWriter writer(path, test_provenance(1), registry, parameters);
    // Set-up (the burn-in) happens here: nothing is at the final path yet.
    REQUIRE_FALSE(std::filesystem::exists(path));
    REQUIRE(std::filesystem::exists(dir / "run.h5.partial"));
  }
  // A writer that never began leaves nothing behind.
  REQUIRE_FALSE(std::filesystem::exists(path));
  REQUIRE_FALSE(std::filesystem::exists(dir / "run.h5.partial"));

  RunWriter writer(path, test_provenance(1), registry, parameters);
  writer.begin(model, RowLayout(model.metrics, 8));
  REQUIRE(std::filesystem::exists(path));
  REQUIRE_FALSE(std::filesystem::exists(dir / "run.h5.partial"));
}

TEST_CASE("an existing file is replaced only when asked", "[hdf5][run_writer]") {
  ScratchDir dir("existing");
  const auto path = dir / "run.h5";
  const auto model = candour::models::toy_model();
  const auto registry = registry_for(model);
  const auto parameters = toy_parameters(registry, 10, 1);
  std::ofstream(path) << "someone else's results\n";
  {
    RunWriter writer(path, test_provenance(1), registry, parameters);
    REQUIRE_THROWS_AS(writer.begin(model, RowLayout(model.metrics, 8)),
                      candour::sim::io::OutputExists);
  }
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  REQUIRE(text == "someone else's results");
  REQUIRE_FALSE(std::filesystem::exists(dir / "run.h5.partial"));

  RunWriter writer(path, test_provenance(1), registry, parameters,
                   candour::sim::io::Existing::replace);
  writer.begin(model, RowLayout(model.metrics, 8));
  writer.record(0, std::vector<double>(RowLayout(model.metrics, 8).length(), 0.5));
  writer.finish(RunResult{});
  REQUIRE(RunReader(path).completed());
}

TEST_CASE("an interrupted run is closed properly and says why", "[hdf5][run_writer]") {
  ScratchDir dir("interrupted");
  const auto path = dir / "run.h5";
  const auto model = candour::models::toy_model();
  const auto registry = registry_for(model);
  auto parameters = toy_parameters(registry, 50, 1);
  MemorySink memory;
  RunWriter writer(path, test_provenance(1), registry, parameters);
  TeeSink tee({&writer, &memory});
  int asked = 0;
  RunPlan plan{parameters, {}, 1};
  plan.stop = [&] { return ++asked > 21; };  // asked at set-up, then after each day
  const auto result = run_simulation(model, plan, tee);
  REQUIRE(result.interrupted);
  REQUIRE(result.days == 21);
  writer.finish_interrupted(result, "SIGINT");
  RunReader reader(path);
  REQUIRE_FALSE(reader.writer_left_open());  // a plain read-only open works
  REQUIRE_FALSE(reader.completed());
  REQUIRE(reader.finished_at().has_value());
  auto file = h5::open_file(path);
  REQUIRE(h5::read_string_attribute(file, "interrupted") == "SIGINT");
  require_rows_equal(reader, model, memory, 22);
  REQUIRE_FALSE(std::filesystem::exists(dir / "run.h5.finishing"));
}

TEST_CASE("a chunk holds about one flush's rows, 4 to 64", "[hdf5][run_writer]") {
  // In SWMR mode a rewritten chunk's old copy is never reused: a chunk
  // filled over many flushes would leave dead copies behind.
  ScratchDir dir("chunk_rows");
  const auto model = candour::models::toy_model();
  const auto registry = registry_for(model);
  struct Case {
    std::int64_t record_every, flush_every;
    std::size_t chunk_rows;
  };
  for (const auto& c : {Case{7, 30, 5}, Case{1, 30, 30}, Case{1, 365, 64}, Case{30, 30, 4},
                        Case{2, 7, 4}, Case{1, 1, 4}}) {
    auto parameters = toy_parameters(registry, 60, 1);
    parameters.set(run_keys::record_every, static_cast<double>(c.record_every));
    parameters.set(run_keys::flush_every, static_cast<double>(c.flush_every));
    const auto path = dir / ("toy_" + std::to_string(c.record_every) + "_" +
                             std::to_string(c.flush_every) + ".h5");
    {
      RunWriter writer(path, test_provenance(1), registry, parameters);
      writer.finish(run_simulation(model, RunPlan{parameters, {}, 1}, writer));
    }
    auto file = h5::open_file(path);
    INFO("record every " << c.record_every << ", flush every " << c.flush_every);
    REQUIRE(h5::chunk_shape(h5::open_dataset(file, "time")) ==
            std::vector<std::size_t>{c.chunk_rows});
    REQUIRE(h5::chunk_shape(h5::open_dataset(h5::open_group(file, "metrics"), "shocks")) ==
            std::vector<std::size_t>{c.chunk_rows});
  }
}
