#pragma once
// What a model declares to the engine: parameters, metrics, the timetable of
// processes, and how to build one simulation from resolved parameters. The
// model owns its agent columns and update rules; the engine owns the clock,
// the recording, the threads and the output.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sim/core/parallel.hpp"
#include "sim/core/parameters.hpp"
#include "sim/core/schedule.hpp"

namespace candour::sim {

// System-wide metrics have one value per record; per-unit metrics one value
// per unit (trust, in the NHS model) per record.
enum class MetricScope { system, per_unit };

struct MetricSpec {
  std::string name;
  std::string unit;
  std::string description;
  MetricScope scope = MetricScope::system;
  bool in_summary = false;  // shown in the end-of-run summary
  // A running total since day 0 (the summary then reports the final year's
  // increase, not the mean of the running total).
  bool cumulative = false;
};

// A named step of the timetable, as declared (for describe and the docs).
struct ProcessSpec {
  std::string name;
  Period period = Period::daily;
  std::string description;
};

// A named step bound to one simulation's state.
struct Process {
  std::string name;
  Period period = Period::daily;
  std::function<void(Day)> run;
};

// One simulation in progress: the model's state between steps.
class Simulation {
 public:
  virtual ~Simulation() = default;
  // The processes in the order they run within a day. Called once per run.
  virtual std::vector<Process> processes() = 0;
  // Parameters change mid-run on the days a scenario's timeline says.
  virtual void apply_parameters(const ParameterSet& parameters) = 0;
  // Number of units along the per-unit metric dimension.
  virtual std::size_t unit_count() const = 0;
  // Writes the current metrics into `row`, metric by metric in declaration
  // order: one value for a system metric, unit_count() for a per-unit one.
  virtual void record(std::span<double> row) const = 0;
};

// Everything a simulation may use from the engine at creation.
struct RunContext {
  std::uint64_t seed = 1;
  const Executor* executor = nullptr;
};

struct ModelDefinition {
  std::string name;
  std::string description;
  std::string unit_dimension = "unit";  // name of the per-unit axis ("trust")
  std::vector<ParameterSpec> parameters;
  std::vector<MetricSpec> metrics;
  std::vector<ProcessSpec> schedule;
  std::function<std::unique_ptr<Simulation>(const ParameterSet&, const RunContext&)> create;
};

// The registry a scenario is validated against: run settings plus the model's.
ParameterRegistry registry_for(const ModelDefinition& model);

// Length of one record row for `units` units.
std::size_t row_length(const ModelDefinition& model, std::size_t units);

}  // namespace candour::sim
