#include "sim/sweep/sweep_plan.hpp"

#include <fmt/core.h>

#include <charconv>
#include <filesystem>
#include <stdexcept>

namespace candour::sim::sweep {
namespace {

// Shortest text that reads back as exactly `value`.
std::string exact_text(double value) {
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

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
  throw SweepError(spec.file.string(), line, "design",
                   fmt::format("the sweep has {:.4g} points x {} replicates = {:.4g} runs; at "
                               "most {} runs are allowed (fewer levels, samples or replicates; "
                               "or split it into several sweeps)",
                               points, spec.replicates, runs, kMaxRuns));
}

}  // namespace

std::vector<std::string> setting_overrides(const SweepSpec& spec,
                                           const ParameterRegistry& registry) {
  std::vector<std::string> overrides;
  for (const auto& s : spec.settings) {
    const auto* p = registry.find(s.parameter);
    std::string text;
    if (p != nullptr && p->type == ParameterType::boolean)
      text = s.value != 0.0 ? "true" : "false";
    else
      text = exact_text(s.value);
    overrides.push_back(s.parameter + "=" + text);
  }
  return overrides;
}

SweepPlan::SweepPlan(SweepSpec spec, const ModelLookup& lookup) : spec_(std::move(spec)) {
  const auto& scenario_file = spec_.scenario.value;
  // A missing base scenario is the sweep file's fault: report it there.
  std::error_code error;
  if (!std::filesystem::is_regular_file(scenario_file, error))
    throw SweepError(
        spec_.file.string(), spec_.scenario.line, "scenario",
        "cannot read the base scenario " + scenario_file.string() +
            (std::filesystem::exists(scenario_file, error) ? ": not a file" : ": no such file"));
  const std::string model_name = io::read_model_name(scenario_file);
  try {
    model_ = &lookup(model_name);
  } catch (const std::invalid_argument& e) {
    throw SweepError(spec_.file.string(), spec_.scenario.line, "scenario",
                     "the base scenario " + scenario_file.string() + " names model '" + model_name +
                         "': " + e.what());
  }
  validate(spec_, *model_);
  const auto registry = registry_for(*model_);
  base_ = io::load_scenario(scenario_file, registry, setting_overrides(spec_, registry));

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
  RunPlan plan{base_.parameters, base_.timeline, 1};
  auto apply = [&](ParameterSet& set) {
    for (std::size_t c = 0; c < axes_.size(); ++c)
      set.set(axes_[c].parameter, design_.at(k.point, c));
  };
  apply(plan.parameters);
  for (auto& change : plan.timeline)
    apply(change.parameters);
  plan.parameters.set(run_keys::seed, static_cast<double>(k.seed));
  for (auto& change : plan.timeline)
    change.parameters.set(run_keys::seed, static_cast<double>(k.seed));
  return plan;
}

}  // namespace candour::sim::sweep
