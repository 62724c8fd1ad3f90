#pragma once
// What a model declares to the engine: parameters, metrics, the timetable of
// processes, and how to build one simulation from resolved parameters. The
// model owns its agent columns and update rules; the engine owns the clock,
// the recording, the threads and the output.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <limits>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/burn_in_cache.hpp"
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
  // Position in the end-of-run summary and analysis defaults (1 first; rates
  // and levels before counts); 0 for a metric not shown there.
  int in_summary = 0;
  // A running total since day 0: every summary reports its count over a
  // period (end minus start), never the mean of the running total.
  bool cumulative = false;
  // The range every value lies in (a share: [0, 1]; a count: [0, inf)), so
  // that readers can keep intervals inside it. Unbounded when not declared.
  double valid_min = -std::numeric_limits<double>::infinity();
  double valid_max = std::numeric_limits<double>::infinity();
};

// A named step of the timetable: what it does and how often. The model's
// timetable is a list of these in the order they run within a day; the
// simulation runs step i when the engine calls run_process(i, day).
struct ProcessSpec {
  std::string name;
  Period period = Period::daily;
  std::string description;
};

// The inside of one unit (a trust in the NHS model) at a moment, for a
// viewer such as `candour serve`: its parts (a board, managers, wards), each
// with the same named fields, NaN where a field does not apply to a part.
struct UnitPart {
  std::string role;            // "board", "manager", "ward", ...
  std::int64_t parent = -1;    // index of the part it reports to; -1 for none
  std::vector<double> values;  // one per UnitView::fields
};

struct UnitView {
  std::vector<std::string> fields;
  std::vector<std::string> units;  // of each field
  std::vector<UnitPart> parts;
};

// One simulation in progress: the model's state between steps.
//
// The engine drives it through two phases. The burn-in (burn_in_days() days,
// unrecorded) settles the agents; start() then puts the run's own parameters
// in force for day 0. The state between the two (after the last burn-in day,
// before start) depends only on what create() was given, and is everything
// the simulation holds besides its parameters: a checkpoint of it can stand
// in for the burn-in.
class Simulation {
 public:
  virtual ~Simulation() = default;
  // Runs step `process` of the model's timetable for `day`. Burn-in days are
  // negative (day -burn_in_days() is the first); recorded days start at 0.
  virtual void run_process(std::size_t process, Day day) = 0;
  // Days of burn-in to run before day 0 (0: none).
  virtual Day burn_in_days() const { return 0; }
  // Burn in once (sim/core/burn_in_cache.hpp). Everything the state after the
  // burn-in depends on (the seed and what create() read), as bytes: two
  // simulations with the same key reach the same state. Empty: not reusable.
  virtual std::string burn_in_key() const { return {}; }
  // A copy of the state now (after the burn-in), and putting such a copy in
  // place of running the burn-in. Called only when burn_in_key() is not empty.
  virtual std::shared_ptr<const BurntIn> save_burn_in() const { return nullptr; }
  virtual void restore_burn_in(const BurntIn& saved) { (void)saved; }
  // The same state written to a stream, and read back from one: the
  // checkpoint a BurnInStore keeps on disk for later runs. What is read was
  // written by write_burn_in of a simulation with the same burn_in_key() in
  // the same build; read_burn_in returns false, leaving the state as it was,
  // when it is not such a state. Called only when burn_in_key() is not empty.
  // A model without them refuses to write, so that nothing claims a
  // checkpoint was saved (the run reports it as not saved and goes on).
  virtual void write_burn_in(std::ostream& out) const {
    (void)out;
    throw std::logic_error("this model keeps no burn-in checkpoints");
  }
  virtual bool read_burn_in(std::istream& in) {
    (void)in;
    return false;
  }
  // Ends the burn-in: `parameters` (the run's, in force from day 0) take over.
  virtual void start(const ParameterSet& parameters) { apply_parameters(parameters); }
  // Parameters change mid-run on the days a scenario's timeline says.
  virtual void apply_parameters(const ParameterSet& parameters) = 0;
  // Number of units along the per-unit metric dimension.
  virtual std::size_t unit_count() const = 0;
  // Places an agent can occupy (posts, beds, seats), filled or not: what a
  // day's processes visit, so the measure of work in agent-days (0: unknown).
  virtual std::size_t agent_slots() const { return 0; }
  // Writes the metrics at `time` (days since day 0) into `row`, metric by
  // metric in declaration order (RowLayout): one value for a system metric,
  // unit_count() for a per-unit one.
  virtual void record(Day time, std::span<double> row) const = 0;
  // The parts of unit `unit` (< unit_count()) as they stand; empty for a
  // model that shows none.
  virtual UnitView view_unit(std::size_t unit) const {
    (void)unit;
    return {};
  }
};

// Everything a simulation may use from the engine at creation.
struct RunContext {
  std::uint64_t seed = 1;
  const Executor* executor = nullptr;
  // The levers the burn-in runs under (RunPlan::burn_in); null: the model's defaults.
  const ParameterSet* burn_in = nullptr;
};

// What one simulation of a model takes, estimated from its parameters before
// it is built, so that a structure the machine cannot hold is refused with the
// estimate instead of failing in the middle of allocating it.
struct Footprint {
  std::uint64_t state_bytes = 0;  // agent columns, and what building and a day's processes add
  std::size_t units = 0;          // the unit_count() the simulation will have
};

// System metrics best drawn together over time, under a title: the live
// charts of `candour serve`'s explorer.
struct ChartSpec {
  std::string title;
  std::vector<std::string> metrics;
};

struct ModelDefinition {
  std::string name;
  std::string description;
  std::string unit_dimension = "unit";  // name of the per-unit axis ("trust")
  std::vector<ParameterSpec> parameters;
  std::vector<MetricSpec> metrics;
  std::vector<ProcessSpec> schedule;  // the timetable, in run order within a day
  std::function<std::unique_ptr<Simulation>(const ParameterSet&, const RunContext&)> create;
  // An upper estimate, from the structure parameters; empty: none known.
  std::function<Footprint(const ParameterSet&)> footprint;
  // What to chart; empty: the explorer draws the headline metrics two to a chart.
  std::vector<ChartSpec> charts;
};

// The registry a scenario is validated against: run settings plus the model's.
ParameterRegistry registry_for(const ModelDefinition& model);

}  // namespace candour::sim
