#pragma once
// One run of the explorer: a scenario from the catalogue with the page's
// values (read as `--set` values), stepped a day at a time by the engine's
// own loop, its rows kept, its levers movable mid-run (each move a timeline
// stage), and written on request through the same HDF5 writer as
// `candour run`, so that the file equals the one `candour run` writes for
// the same settings.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/scenario_options.hpp"
#include "cli/serve/lever_moves.hpp"
#include "cli/serve/row_store.hpp"
#include "cli/serve/scenario_catalogue.hpp"
#include "sim/core/engine.hpp"

namespace candour::cli::serve {

// A request the explorer refuses although its values are valid (a bound of
// the server, a move at a moment it cannot be made): shown on the page.
struct ExplorerRefusal : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ExplorerRun {
 public:
  // Resolves `entry` with `overrides` (already read by page_overrides) and
  // checks the server's bounds; throws sim::io::ScenarioError or
  // ExplorerRefusal. Builds nothing yet.
  ExplorerRun(std::string label, const CatalogueEntry& entry,
              const std::vector<sim::io::Override>& overrides, std::int64_t max_days,
              std::size_t max_units);
  ~ExplorerRun();

  // Builds the simulation and runs the burn-in, then records time 0; false
  // when `stop` said stop first. `on_record` hears every row.
  bool start(int threads, sim::StopFn stop, RowStore::OnRecord on_record);
  void step();  // the next day
  bool started() const;
  bool done() const;
  sim::Day day() const;
  sim::Day days() const;

  // Moves the lever `name` to `value` from the next day on; throws
  // ExplorerRefusal when no day has run yet or none is left, or `name` is
  // not a parameter a timeline stage may change.
  void move(const std::string& name, const sim::ParameterValue& value);
  const std::vector<LeverMove>& moves() const { return moves_; }

  const std::string& label() const { return label_; }
  const std::string& scenario_name() const { return scenario_name_; }
  const ResolvedScenario& resolved() const { return resolved_; }  // timeline with the moves
  const RowStore& rows() const { return rows_; }
  sim::UnitView view(std::size_t unit) const;
  std::size_t units() const;

  // The `candour run` command that writes the same file; with moves, the run
  // of the file's resolved scenario (its `scenario` attribute) does.
  std::string equivalent_command() const;
  // Writes the finished run into `folder` under a new name
  // (<scenario>_<label>_seed<S>[_<n>].h5, never replacing a file) and gives
  // its path. Throws ExplorerRefusal before the run is done.
  std::filesystem::path write_file(const std::filesystem::path& folder) const;

 private:
  std::string label_;
  std::string scenario_name_;
  std::filesystem::path scenario_file_;
  std::vector<sim::io::Override> overrides_;
  ResolvedScenario resolved_;
  std::vector<sim::TimelineChange> file_timeline_;  // the scenario's own stages
  std::vector<LeverMove> moves_;
  RowStore rows_;
  std::unique_ptr<sim::RunStepper> stepper_;
  std::optional<sim::RunResult> result_;
  int threads_ = 1;
};

}  // namespace candour::cli::serve
