#include "sim/sweep/sweep_plan.hpp"

#include <fmt/core.h>

#include <filesystem>
#include <stdexcept>

namespace candour::sim::sweep {
namespace {

// Record days as the engine takes them: day 0, every record_every days, and the last day.
std::vector<Day> record_days(const ParameterSet& p) {
  const Day days = p.integer(run_keys::days);
  const Day every = p.integer(run_keys::record_every);
  std::vector<Day> times{0};
  for (Day t = 1; t <= days; ++t)
    if (t % every == 0 || t == days)
      times.push_back(t);
  return times;
}

// Refuses a design past kMaxRuns before a single row of it is allocated.
void check_size(const SweepSpec& spec, const std::vector<Axis>& axes) {
  const double points = point_count(spec.design.value, axes);
  const double runs = points * static_cast<double>(spec.replicates);
  if (runs <= static_cast<double>(kMaxRuns))
    return;
  const std::size_t line =
      spec.design.line > 0 ? spec.design.line : (spec.axes.empty() ? 0 : spec.axes.front().line);
  throw SweepError(
      spec.file, static_cast<int>(line), "design",
      fmt::format("in 'design': the sweep has {:.4g} points x {} replicates = {:.4g} runs; at "
                  "most {} runs are allowed (fewer levels, samples or replicates; "
                  "or split it into several sweeps)",
                  points, spec.replicates, runs, kMaxRuns));
}

}  // namespace

SweepPlan::SweepPlan(SweepSpec spec, const ModelLookup& lookup,
                     const std::vector<io::Override>& member_values)
    : spec_(std::move(spec)) {
  const auto& scenario_file = spec_.scenario.value;
  // A missing base scenario is the sweep file's fault: report it there.
  std::error_code error;
  if (!std::filesystem::is_regular_file(scenario_file, error))
    throw SweepError(
        spec_.file.string(), spec_.scenario.line, "scenario",
        "cannot read the base scenario " + scenario_file.string() +
            (std::filesystem::exists(scenario_file, error) ? ": not a file" : ": no such file"));
  const io::ScenarioFiles files(scenario_file);  // the extends chain, read once
  try {
    model_ = &lookup(files);
  } catch (const std::invalid_argument& e) {
    throw SweepError(spec_.file, static_cast<int>(spec_.scenario.line), "scenario",
                     "the base scenario " + scenario_file.string() + ": " + e.what());
  }
  validate(spec_, *model_);
  // [set] applies as --set would: typed as read, over the files and every stage.
  auto settings = member_values;
  settings.insert(settings.end(), spec_.settings.begin(), spec_.settings.end());
  base_ = io::load_scenario(files, model_->name, registry_for(*model_), settings);

  axes_ = axes_of(spec_);
  check_size(spec_, axes_);
  seed_ = spec_.seed ? *spec_.seed
                     : static_cast<std::uint64_t>(base_.parameters.integer(run_keys::seed));
  unit_ = sweep::unit_design(spec_.design.value, axes_, seed_);
  design_ = parameter_design(spec_.design.value, axes_, unit_);

  for (const auto& metric : model_->metrics) {
    if (metric.scope != MetricScope::system)
      continue;
    for (const auto statistic : statistics_for(metric.cumulative)) {
      StatisticColumn column;
      column.name = metric.name + "." + std::string(statistic_name(statistic));
      column.unit = metric.unit;
      column.description = std::string(statistic_meaning(statistic, metric.cumulative)) +
                           " of: " + metric.description;
      column.statistic = statistic;
      column.cumulative = metric.cumulative;
      column.in_summary = metric.in_summary;
      // A count over a period is at least 0 (a running total never falls).
      column.valid_min = statistic == SummaryStatistic::final_year_count ? 0.0 : metric.valid_min;
      column.valid_max = metric.valid_max;
      statistic_names_.push_back(column.name);
      statistic_columns_.push_back(std::move(column));
    }
  }
  for (const auto& kept : spec_.keep_series) {
    for (const auto& metric : model_->metrics)
      if (metric.name == kept.value) {
        series_names_.push_back(metric.name);
        series_units_.push_back(metric.unit);
      }
  }
  record_times_ = record_days(base_.parameters);
}

RunKey SweepPlan::key(std::size_t run) const {
  if (run >= runs())
    throw std::out_of_range("run " + std::to_string(run) + " is beyond the sweep's " +
                            std::to_string(runs()) + " runs");
  RunKey k;
  k.run = run;
  k.point = run / replicates();
  k.replicate = run % replicates();
  k.seed = run_seed(seed_, spec_.seed_policy, k.point, k.replicate);
  return k;
}

RunPlan SweepPlan::run_plan(std::size_t run) const {
  const auto k = key(run);
  // The burn-in keeps the base scenario's levers: a sweep point is a reform
  // from the same settled start (structure and constants follow the point).
  RunPlan plan = io::run_plan(base_, 1);
  auto apply = [&](ParameterSet& set) {
    for (std::size_t c = 0; c < axes_.size(); ++c)
      set.set(axes_[c].parameter, ParameterValue::of(axes_[c].type, design_.at(k.point, c)));
  };
  apply(plan.parameters);
  for (auto& change : plan.timeline)
    apply(change.parameters);
  const auto seed = static_cast<std::int64_t>(k.seed);  // below 2^53 (run_seed)
  plan.parameters.set(run_keys::seed, seed);
  for (auto& change : plan.timeline)
    change.parameters.set(run_keys::seed, seed);
  return plan;
}

}  // namespace candour::sim::sweep
