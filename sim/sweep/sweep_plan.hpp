#pragma once
// A sweep made concrete: the validated sweep file, its base scenario, the
// design matrix and the list of runs. Every executor (threads, MPI ranks,
// shards) builds the same plan from the same file, and a run is a pure
// function of the plan and its run id.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/engine.hpp"
#include "sim/core/summary.hpp"
#include "sim/io/scenario.hpp"
#include "sim/sweep/sweep_file.hpp"

namespace candour::sim::sweep {

// The model of a base scenario (the command's model catalogue, which also
// knows the default for a scenario that names none). Throws
// std::invalid_argument or io::ScenarioError for an unknown model.
using ModelLookup = std::function<const ModelDefinition&(const io::ScenarioFiles&)>;

// Where one run sits in the sweep. Runs are numbered point by point:
// run = point * replicates + replicate.
struct RunKey {
  std::size_t run = 0;
  std::size_t point = 0;
  std::size_t replicate = 0;
  std::uint64_t seed = 0;
};

// The most runs (design points x replicates) a sweep may have: ten million,
// some 115 core-days of one-second runs, and a file header (run list, design)
// of a few hundred megabytes. Refused before anything is built.
inline constexpr std::size_t kMaxRuns = 10'000'000;

// One column of the sweep's summary table: a statistic of a system metric.
struct StatisticColumn {
  std::string name;  // "<metric>.<statistic>"
  std::string unit;
  std::string description;  // the statistic's meaning, then the metric's
  SummaryStatistic statistic = SummaryStatistic::final;
  bool cumulative = false;  // of a running total
  int in_summary = 0;       // the metric's place among the model's headline metrics (0: none)
  double valid_min = 0.0, valid_max = 0.0;
};

class SweepPlan {
 public:
  // Loads the base scenario (with [set] applied), checks the sweep against its
  // model and its size (at most kMaxRuns runs) and builds the design. Throws
  // SweepError or io::ScenarioError.
  // `member_values` (a calibrated ensemble member's, `candour sweep
  // --ensemble`) apply to the base scenario before [set], so that the sweep's
  // own [set] and axes win over them.
  SweepPlan(SweepSpec spec, const ModelLookup& lookup,
            const std::vector<io::Override>& member_values = {});

  const SweepSpec& spec() const { return spec_; }
  const ModelDefinition& model() const { return *model_; }
  const io::Scenario& base() const { return base_; }
  const std::vector<Axis>& axes() const { return axes_; }
  const Matrix& unit_design() const { return unit_; }  // coordinates in [0,1]^k
  const Matrix& design() const { return design_; }     // parameter values
  std::uint64_t seed() const { return seed_; }         // the sweep seed
  std::size_t points() const { return design_.rows; }
  std::size_t replicates() const { return spec_.replicates; }
  std::size_t runs() const { return points() * replicates(); }

  RunKey key(std::size_t run) const;
  // The run's plan: the base scenario with the point's values in force from
  // day 0 and through every timeline stage (as a --set would be), the run's
  // seed, and one thread (runs are parallel, not the agents within a run).
  RunPlan run_plan(std::size_t run) const;

  // The summary table's columns: for every system metric in declaration
  // order, "<metric>.<statistic>" for each of sim::statistics_for(cumulative).
  const std::vector<StatisticColumn>& statistic_columns() const { return statistic_columns_; }
  const std::vector<std::string>& statistics() const { return statistic_names_; }
  // The kept series (system metrics): names and units, in keep_series order.
  const std::vector<std::string>& series_metrics() const { return series_names_; }
  const std::vector<std::string>& series_units() const { return series_units_; }
  // The simulated days at which every run records a row (the same for all).
  const std::vector<Day>& record_times() const { return record_times_; }

 private:
  SweepSpec spec_;
  const ModelDefinition* model_ = nullptr;
  io::Scenario base_;
  std::vector<Axis> axes_;
  Matrix unit_;
  Matrix design_;
  std::uint64_t seed_ = 0;
  std::vector<StatisticColumn> statistic_columns_;
  std::vector<std::string> statistic_names_;
  std::vector<std::string> series_names_, series_units_;
  std::vector<Day> record_times_;
};

}  // namespace candour::sim::sweep
