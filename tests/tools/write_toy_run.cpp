// candour_write_toy_run: runs the toy model into an HDF5 file with RunWriter,
// for the file-level tests (h5py round trip, h5diff across thread counts,
// the kill test). Optionally dumps every recorded row to CSV at full
// precision, and sleeps after each simulated day so a test can kill it
// mid-run.
#include <fmt/core.h>
#include <fmt/os.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "models/toy/toy_model.hpp"
#include "sim/core/engine.hpp"
#include "sim/core/summary.hpp"
#include "sim/io/run_writer.hpp"

namespace {

using namespace candour;

// Writes each recorded row as one CSV line: time, then every value. fmt's
// default float format is the shortest text that reads back to the same
// double, so the CSV compares exactly with the HDF5 file.
class CsvSink final : public sim::RecordSink {
 public:
  explicit CsvSink(const std::filesystem::path& path) : out_(fmt::output_file(path.string())) {}
  void begin(const sim::ModelDefinition&, const sim::RowLayout& layout) override {
    out_.print("time");
    for (const auto& metric : layout.metrics()) {
      if (metric.scope == sim::MetricScope::system) {
        out_.print(",{}", metric.name);
      } else {
        for (std::size_t u = 0; u < layout.units(); ++u)
          out_.print(",{}[{}]", metric.name, u);
      }
    }
    out_.print("\n");
  }
  void record(sim::Day time, std::span<const double> row) override {
    out_.print("{}", time);
    for (double v : row)
      out_.print(",{}", v);
    out_.print("\n");
  }
  void flush() override { out_.flush(); }

 private:
  fmt::ostream out_;
};

}  // namespace

int main(int argc, char** argv) {
  std::string file, csv;
  int threads = 1;
  sim::Day days = 120, record_every = 1, flush_every = 10;
  std::int64_t agents = 2000, seed = 1;
  int sleep_ms = 0;
  CLI::App app("Run the toy model into an HDF5 file (for the HDF5 tests)");
  app.add_option("file", file, "Output HDF5 file")->required();
  app.add_option("--threads", threads, "Worker threads");
  app.add_option("--days", days, "Simulated days");
  app.add_option("--agents", agents, "Toy agents");
  app.add_option("--seed", seed, "Run seed");
  app.add_option("--record-every", record_every, "Days between recorded rows");
  app.add_option("--flush-every", flush_every, "Days between flushes");
  app.add_option("--sleep-ms-per-day", sleep_ms, "Wall-clock pause after each simulated day");
  app.add_option("--csv", csv, "Also write every recorded row to this CSV file");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto model = models::toy_model();
    const auto registry = sim::registry_for(model);
    auto parameters = registry.defaults();
    parameters.set("toy.agents", static_cast<double>(agents));
    parameters.set(sim::run_keys::days, static_cast<double>(days));
    parameters.set(sim::run_keys::seed, static_cast<double>(seed));
    parameters.set(sim::run_keys::record_every, static_cast<double>(record_every));
    parameters.set(sim::run_keys::flush_every, static_cast<double>(flush_every));

    sim::io::Provenance provenance;
    provenance.candour_version = "test";
    provenance.git_commit = "test";
    provenance.model = model.name;
    provenance.scenario_file = "(none: candour_write_toy_run)";
    provenance.scenario_toml =
        fmt::format("model = \"toy\"\n[run]\ndays = {}\nseed = {}\n", days, seed);
    provenance.command_line = fmt::format("candour_write_toy_run {}", file);
    provenance.host = "test";
    provenance.seed = static_cast<std::uint64_t>(seed);
    provenance.threads = threads;

    const std::filesystem::path path(file);
    if (path.has_parent_path())
      std::filesystem::create_directories(path.parent_path());
    sim::io::RunWriter writer(path, provenance, registry, parameters, sim::io::Existing::replace);
    std::optional<CsvSink> csv_sink;
    std::vector<sim::RecordSink*> sinks{&writer};
    if (!csv.empty())
      sinks.push_back(&csv_sink.emplace(csv));
    sim::TeeSink tee(sinks);

    sim::RunPlan plan{parameters, {}, threads};
    auto result = sim::run_simulation(model, plan, tee, [&](sim::RunPhase, sim::Day, sim::Day) {
      if (sleep_ms > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
    });
    writer.finish(result);
  } catch (const std::exception& e) {
    fmt::print(stderr, "candour_write_toy_run: {}\n", e.what());
    return 1;
  }
  return 0;
}
