#include "sim/io/run_writer.hpp"

#include <fmt/chrono.h>
#include <fmt/core.h>

#include <algorithm>
#include <ctime>
#include <numeric>
#include <stdexcept>

namespace candour::sim::io {
namespace {

// Names a run's root already uses; a model's unit dimension may not take one.
constexpr const char* kReservedNames[] = {"time", "metrics", "parameters", "timing"};

// The resolved parameters as a table: name, value, unit, type. Checked
// against the registry before anything is written.
std::vector<hdf5::Column> parameter_table(const sim::ParameterRegistry& registry,
                                          const sim::ParameterSet& parameters) {
  std::vector<std::string> names, units, types;
  std::vector<double> values;
  for (const auto& [name, value] : parameters.values()) {
    const auto* spec = registry.find(name);
    if (spec == nullptr)
      throw std::invalid_argument("parameter '" + name + "' is not in the parameter registry");
    names.push_back(name);
    values.push_back(value);
    units.push_back(spec->unit);
    types.emplace_back(sim::type_name(spec->type));
  }
  return {{"name", std::move(names)},
          {"value", std::move(values)},
          {"unit", std::move(units)},
          {"type", std::move(types)}};
}

void check_name(const std::string& name, const std::string& what) {
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
    throw std::invalid_argument(what + " '" + name + "' cannot name an HDF5 dataset");
}

}  // namespace

std::string utc_timestamp() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

RunWriter::RunWriter(const std::filesystem::path& file, Provenance provenance,
                     const sim::ParameterRegistry& registry, const sim::ParameterSet& parameters)
    : path_(file) {
  auto table = parameter_table(registry, parameters);  // fail before touching the file
  // The 1.10 format: SWMR needs it (files need HDF5 >= 1.10 to read).
  file_ = hdf5::create_file(file, hdf5::Format::latest);
  root_ = hdf5::root_group(file_);
  write_header(provenance, table);
}

RunWriter::RunWriter(hdf5::Group run, Provenance provenance, const sim::ParameterRegistry& registry,
                     const sim::ParameterSet& parameters)
    : root_(std::move(run)) {
  write_header(provenance, parameter_table(registry, parameters));
}

RunWriter::~RunWriter() {
  if (finished_)
    return;
  try {
    if (began_)
      write_pending();
  } catch (...) {
    // A destructor must not throw; the rows flushed before are safe.
  }
  close_datasets();
  root_.reset();
  file_.reset();
}

void RunWriter::write_header(const Provenance& p, const std::vector<hdf5::Column>& parameters) {
  namespace h = hdf5;
  h::write_attribute(root_, "format_version", kFormatVersion);
  h::write_attribute(root_, "candour_version", p.candour_version);
  h::write_attribute(root_, "git_commit", p.git_commit);
  h::write_attribute(root_, "model", p.model);
  h::write_attribute(root_, "scenario_file", p.scenario_file);
  h::write_attribute(root_, "scenario", p.scenario_toml);
  h::write_attribute(root_, "extends_chain", p.extends_chain);
  h::write_attribute(root_, "seed", p.seed);
  h::write_attribute(root_, "threads", p.threads);
  h::write_attribute(root_, "ranks", p.ranks);
  h::write_attribute(root_, "host", p.host);
  h::write_attribute(root_, "command_line", p.command_line);
  h::write_attribute(root_, "started_at", utc_timestamp());
  // 0 until finish(): a reader tells a killed run from a finished one by it.
  h::write_attribute(root_, "completed", 0);
  h::write_table(root_, "parameters", parameters);
}

void RunWriter::begin(const sim::ModelDefinition& model, const sim::RowLayout& layout) {
  if (began_)
    throw std::logic_error("RunWriter::begin called twice");
  if (finished_)
    throw std::logic_error("RunWriter::begin called after finish");
  const std::string& unit_dimension = model.unit_dimension;
  check_name(unit_dimension, "unit dimension");
  for (const char* reserved : kReservedNames) {
    if (unit_dimension == reserved)
      throw std::invalid_argument("unit dimension '" + unit_dimension +
                                  "' clashes with the run's /" + reserved);
  }
  for (const auto& metric : layout.metrics())
    check_name(metric.name, "metric");

  // Every attribute is written before SWMR starts: SWMR forbids new ones.
  hdf5::write_attribute(root_, "unit_dimension", unit_dimension);

  time_ = hdf5::create_appendable(root_, "time", {});
  hdf5::write_attribute(time_, "units", "day");
  hdf5::write_attribute(time_, "description", "Simulated time of each row: days since the start.");
  hdf5::make_dimension_scale(time_, "time");

  std::vector<std::int64_t> index(layout.units());
  std::iota(index.begin(), index.end(), 0);
  unit_index_ = hdf5::write_dataset(root_, unit_dimension, std::span<const std::int64_t>(index));
  hdf5::write_attribute(unit_index_, "units", "1");
  hdf5::write_attribute(
      unit_index_, "description",
      "Index (0-based) of each " + unit_dimension + " along per-" + unit_dimension + " metrics.");
  hdf5::make_dimension_scale(unit_index_, unit_dimension);

  auto metrics = hdf5::create_group(root_, "metrics");
  for (std::size_t i = 0; i < layout.size(); ++i) {
    const auto& spec = layout.metric(i);
    const bool per_unit = spec.scope == sim::MetricScope::per_unit;
    std::vector<std::size_t> row_shape;
    if (per_unit)
      row_shape.push_back(layout.units());
    Series s{layout.slot(i), hdf5::create_appendable(metrics, spec.name, row_shape)};
    hdf5::write_attribute(s.data, "units", spec.unit);
    hdf5::write_attribute(s.data, "description", spec.description);
    hdf5::write_attribute(s.data, "scope", per_unit ? "per_unit" : "system");
    // The model's headline metrics: what readers (analysis/ reports) show first.
    hdf5::write_attribute(s.data, "in_summary", std::int64_t{spec.in_summary ? 1 : 0});
    // A running total since day 0 rather than a level: sum differences, not rows.
    hdf5::write_attribute(s.data, "cumulative", std::int64_t{spec.cumulative ? 1 : 0});
    hdf5::attach_dimension_scale(s.data, time_, 0);
    if (per_unit)
      hdf5::attach_dimension_scale(s.data, unit_index_, 1);
    series_.push_back(std::move(s));
  }
  row_length_ = layout.length();

  if (file_)
    hdf5::start_swmr_write(file_);
  hdf5::flush(root_);
  began_ = true;
}

void RunWriter::record(sim::Day time, std::span<const double> row) {
  require_state(true, "record");
  if (row.size() != row_length_)
    throw std::invalid_argument("RunWriter::record: a row of " + std::to_string(row.size()) +
                                " values, expected " + std::to_string(row_length_));
  pending_times_.push_back(static_cast<double>(time));
  pending_rows_.insert(pending_rows_.end(), row.begin(), row.end());
}

void RunWriter::flush() {
  require_state(true, "flush");
  write_pending();
  hdf5::flush(root_);
}

void RunWriter::write_pending() {
  const std::size_t rows = pending_times_.size();
  if (rows == 0)
    return;
  std::vector<double> block;
  for (const auto& s : series_) {
    block.resize(rows * s.slot.width);
    for (std::size_t r = 0; r < rows; ++r) {
      const auto first =
          pending_rows_.begin() + static_cast<std::ptrdiff_t>(r * row_length_ + s.slot.offset);
      std::copy(first, first + static_cast<std::ptrdiff_t>(s.slot.width),
                block.begin() + static_cast<std::ptrdiff_t>(r * s.slot.width));
    }
    hdf5::append_rows(s.data, block);
  }
  // Time last: a reader of a file cut short trusts rows up to len(/time).
  hdf5::append_rows(time_, pending_times_);
  pending_times_.clear();
  pending_rows_.clear();
}

void RunWriter::finish(const sim::RunResult& result) {
  require_state(true, "finish");
  write_pending();
  if (file_) {
    // SWMR allows no new attributes or datasets, so close the file (which
    // ends SWMR mode cleanly, every row safe) and reopen it to finish.
    close_datasets();
    root_.close();
    file_.close();
    file_ = hdf5::open_file(path_, hdf5::Access::read_write);
    root_ = hdf5::root_group(file_);
  }
  hdf5::write_attribute(root_, "finished_at", utc_timestamp());
  hdf5::write_attribute(root_, "wall_seconds", result.wall_seconds);
  std::vector<std::string> names, periods;
  std::vector<std::int64_t> calls;
  std::vector<double> seconds;
  for (const auto& phase : result.phases) {
    names.push_back(phase.name);
    periods.emplace_back(sim::period_name(phase.period));
    calls.push_back(phase.calls);
    seconds.push_back(phase.seconds);
  }
  hdf5::write_table(root_, "timing",
                    {{"name", std::move(names)},
                     {"period", std::move(periods)},
                     {"calls", std::move(calls)},
                     {"seconds", std::move(seconds)}});
  // Last, so that completed == 1 promises everything above is there.
  hdf5::write_attribute(root_, "completed", 1);
  hdf5::flush(root_);
  close_datasets();
  root_.close();
  file_.close();
  finished_ = true;
}

void RunWriter::close_datasets() {
  for (auto& s : series_)
    s.data.reset();
  time_.reset();
  unit_index_.reset();
}

void RunWriter::require_state(bool began, const char* call) const {
  if (finished_)
    throw std::logic_error(std::string("RunWriter::") + call + " called after finish");
  if (began && !began_)
    throw std::logic_error(std::string("RunWriter::") + call + " called before begin");
}

}  // namespace candour::sim::io
