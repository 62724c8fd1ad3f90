#include "sim/io/run_writer.hpp"

#include <fmt/chrono.h>
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <numeric>
#include <stdexcept>
#include <system_error>

#include "sim/io/disk_space.hpp"
#include "sim/io/file_moves.hpp"

namespace candour::sim::io {
namespace {

// Rows per chunk: about the rows one flush writes. A file in SWMR mode never
// reuses the space a rewritten chunk leaves, so a chunk filled over many
// flushes (64 rows at 4 or 5 a flush) left up to 16 dead copies of itself:
// 5 years of 50 trusts recorded weekly took 3.8 times its data (40 MB for
// 10.4 MB; 9.0 MB with 5-row chunks). Sized to a flush, a chunk is written at
// most twice (by the flush that starts it and the one that completes it). At
// least 4 rows (smaller chunks are mostly index and compress badly), at most
// 64 (docs/file-format.md, "Storage").
hdf5::AppendLayout append_layout(const sim::ParameterSet& parameters) {
  const auto every = parameters.integer(sim::run_keys::record_every);
  const auto flush = parameters.integer(sim::run_keys::flush_every);
  hdf5::AppendLayout layout;
  layout.chunk_rows =
      static_cast<std::size_t>(std::clamp<std::int64_t>((flush + every - 1) / every, 4, 64));
  return layout;
}

// Names a run's root already uses; a model's unit dimension and metrics may
// not take one (every metric is linked into the root as well, for netCDF
// readers such as xarray).
constexpr const char* kReservedNames[] = {"time",   "metrics",   "parameters",
                                          "timing", "parameter", "phase"};

// The dimension scale `name` (0 .. n-1) of a table's rows, attached to it, so
// that netCDF readers (xarray with h5netcdf) accept the table.
void index_rows(hdf5::Location root, const hdf5::Dataset& table, const std::string& name,
                const std::string& description) {
  std::vector<std::int64_t> index(hdf5::shape(table).at(0));
  std::iota(index.begin(), index.end(), 0);
  auto scale = hdf5::write_dataset(root, name, std::span<const std::int64_t>(index));
  hdf5::write_attribute(scale, "units", "1");
  hdf5::write_attribute(scale, "long_name", description);
  hdf5::make_dimension_scale(scale, name);
  hdf5::attach_dimension_scale(table, scale, 0);
}

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
    values.push_back(
        value.real());  // float64: exact for integers below 2^53; the seed attribute holds it whole
    units.push_back(spec->unit);
    types.emplace_back(sim::type_name(spec->type));
  }
  return {{"name", std::move(names)},
          {"value", std::move(values)},
          {"unit", std::move(units)},
          {"type", std::move(types)}};
}

std::filesystem::path with_suffix(std::filesystem::path path, const char* suffix) {
  path += suffix;
  return path;
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
                     const sim::ParameterRegistry& registry, const sim::ParameterSet& parameters,
                     Existing existing)
    : path_(file),
      partial_(with_suffix(file, ".partial")),
      existing_(existing),
      append_layout_(append_layout(parameters)) {
  auto table = parameter_table(registry, parameters);  // fail before touching the file
  // The 1.10 format: SWMR needs it (files need HDF5 >= 1.10 to read).
  // Rows arrive a flush at a time and chunks hold about a flush's rows: no
  // chunk cache (docs/file-format.md, "Storage").
  file_ = hdf5::create_file(partial_, hdf5::Format::latest, hdf5::ChunkCache::none);
  try {
    root_ = hdf5::root_group(file_);
    write_header(provenance, table);
  } catch (...) {
    root_.reset();
    file_.reset();
    std::error_code ignored;
    std::filesystem::remove(partial_, ignored);
    throw;
  }
}

RunWriter::~RunWriter() {
  if (finished_)
    return;
  try {
    if (began_ && !out_of_room_)
      write_pending();
  } catch (...) {
    // A destructor must not throw; the rows flushed before are safe.
  }
  close_datasets();
  root_.reset();
  file_.reset();
  if (!partial_.empty()) {  // never put in place: nothing to keep
    std::error_code ignored;
    std::filesystem::remove(partial_, ignored);
  }
}

void RunWriter::write_header(const Provenance& p, const std::vector<hdf5::Column>& parameters) {
  namespace h = hdf5;
  h::write_attribute(root_, "format_version", kFormatVersion);
  // CF-style global attributes, for netCDF readers (xarray).
  h::write_attribute(root_, "Conventions", "CF-1.8");
  h::write_attribute(root_, "title", p.title);
  h::write_attribute(root_, "source",
                     "Candour " + p.candour_version + " (" + p.git_commit + "), model " + p.model);
  h::write_attribute(root_, "label", p.label);
  h::write_attribute(root_, "candour_version", p.candour_version);
  h::write_attribute(root_, "git_commit", p.git_commit);
  h::write_attribute(root_, "model", p.model);
  h::write_attribute(root_, "scenario_file", p.scenario_file);
  h::write_attribute(root_, "scenario", p.scenario_toml);
  h::write_attribute(root_, "extends_chain", p.extends_chain);
  h::write_attribute(root_, "seed", p.seed);
  h::write_attribute(root_, "threads", p.threads);
  h::write_attribute(root_, "ranks", p.ranks);
  h::write_attribute(root_, "ensemble", p.ensemble);
  h::write_attribute(root_, "ensemble_member", p.ensemble_member);
  h::write_attribute(root_, "host", p.host);
  h::write_attribute(root_, "command_line", p.command_line);
  h::write_attribute(root_, "started_at", utc_timestamp());
  // 0 until finish(): a reader tells a killed run from a finished one by it.
  h::write_attribute(root_, "completed", 0);
  auto table = h::write_table(root_, "parameters", parameters);
  index_rows(root_, table, "parameter", "Row of /parameters.");
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
  for (const auto& metric : layout.metrics()) {
    check_name(metric.name, "metric");
    // Every metric is linked into the root too: no root name may be taken twice.
    for (const char* reserved : kReservedNames) {
      if (metric.name == reserved || metric.name == unit_dimension)
        throw std::invalid_argument("metric '" + metric.name + "' clashes with the run's /" +
                                    metric.name);
    }
  }

  // Every attribute is written before SWMR starts: SWMR forbids new ones.
  hdf5::write_attribute(root_, "unit_dimension", unit_dimension);

  time_ = hdf5::create_appendable(root_, "time", {}, append_layout_);
  hdf5::write_attribute(time_, "units", "day");
  hdf5::write_attribute(time_, "description", "Simulated time of each row: days since the start.");
  hdf5::write_attribute(time_, "long_name", "simulated time (days since the start)");
  hdf5::make_dimension_scale(time_, "time");

  std::vector<std::int64_t> index(layout.units());
  std::iota(index.begin(), index.end(), 0);
  unit_index_ = hdf5::write_dataset(root_, unit_dimension, std::span<const std::int64_t>(index));
  hdf5::write_attribute(unit_index_, "units", "1");
  const std::string unit_description =
      "Index (0-based) of each " + unit_dimension + " along per-" + unit_dimension + " metrics.";
  hdf5::write_attribute(unit_index_, "description", unit_description);
  hdf5::write_attribute(unit_index_, "long_name", unit_description);
  hdf5::make_dimension_scale(unit_index_, unit_dimension);

  auto metrics = hdf5::create_group(root_, "metrics");
  for (std::size_t i = 0; i < layout.size(); ++i) {
    const auto& spec = layout.metric(i);
    const bool per_unit = spec.scope == sim::MetricScope::per_unit;
    std::vector<std::size_t> row_shape;
    if (per_unit)
      row_shape.push_back(layout.units());
    Series s{layout.slot(i),
             hdf5::create_appendable(metrics, spec.name, row_shape, append_layout_)};
    hdf5::write_attribute(s.data, "units", spec.unit);
    hdf5::write_attribute(s.data, "description", spec.description);
    hdf5::write_attribute(s.data, "long_name", spec.description);  // the CF name of the same
    hdf5::write_attribute(s.data, "scope", per_unit ? "per_unit" : "system");
    // The model's headline metrics, in the order readers (analysis/ reports) show them.
    hdf5::write_attribute(s.data, "in_summary", std::int64_t{spec.in_summary});
    // A running total since day 0 rather than a level: sum differences, not rows.
    hdf5::write_attribute(s.data, "cumulative", std::int64_t{spec.cumulative ? 1 : 0});
    // CF's names for the range every value lies in, when the model declares one.
    if (std::isfinite(spec.valid_min))
      hdf5::write_attribute(s.data, "valid_min", spec.valid_min);
    if (std::isfinite(spec.valid_max))
      hdf5::write_attribute(s.data, "valid_max", spec.valid_max);
    hdf5::attach_dimension_scale(s.data, time_, 0);
    if (per_unit)
      hdf5::attach_dimension_scale(s.data, unit_index_, 1);
    // The same dataset under the root too: xarray.open_dataset(file) reads
    // the root group only.
    hdf5::link(metrics, spec.name, root_, spec.name);
    series_.push_back(std::move(s));
  }
  row_length_ = layout.length();

  hdf5::start_swmr_write(file_);
  hdf5::flush(root_);
  publish();
  began_ = true;
}

void RunWriter::publish() {
  // The file at its temporary name is whole, in SWMR mode and flushed: from
  // now on a kill leaves it readable, so it may take the user's name.
  try {
    move_into_place(partial_, path_, existing_ == Existing::replace);
  } catch (const std::filesystem::filesystem_error& e) {
    if (e.code() == std::errc::file_exists)
      throw OutputExists(path_.string() + " exists (written by something else meanwhile?); " +
                         "it was left as it is");
    throw;
  }
  partial_.clear();
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
  check_room(pending_bytes());
  write_pending();
  hdf5::flush(root_);
}

// At most what the next write_pending() adds to the file: HDF5 writes whole
// chunks, and a compressed chunk rewritten at a flush may move, so count
// every chunk the rows touch, plus one, at full size; and room for metadata.
std::uint64_t RunWriter::pending_bytes() const {
  constexpr std::uint64_t kMetadata = 1 << 20;
  const std::uint64_t rows = pending_times_.size();
  const std::uint64_t chunk_rows = append_layout_.chunk_rows;
  std::uint64_t bytes = kMetadata + ((rows + chunk_rows - 1) / chunk_rows + 1) * chunk_rows * 8;
  for (const auto& s : series_)
    bytes += ((rows + chunk_rows - 1) / chunk_rows + 1) * chunk_rows * s.slot.width * 8;
  return bytes;
}

std::uint64_t RunWriter::memory_bytes(const sim::ModelDefinition& model, std::size_t units,
                                      const sim::ParameterSet& parameters) {
  const auto every = static_cast<std::uint64_t>(parameters.integer(sim::run_keys::record_every));
  const auto flush = static_cast<std::uint64_t>(parameters.integer(sim::run_keys::flush_every));
  const std::uint64_t rows = flush / every + 2;
  const std::uint64_t row_bytes = sim::RowLayout(model.metrics, units).length() * sizeof(double);
  // Buffered rows (a vector may hold twice its size), and the block of one
  // metric copied out of them at a flush.
  std::uint64_t bytes = 2 * rows * row_bytes + rows * units * sizeof(double);
  // Each metric's chunk in HDF5's cache, and the same again to compress it.
  const std::uint64_t chunk_rows = append_layout(parameters).chunk_rows;
  for (const auto& metric : model.metrics) {
    const std::uint64_t width = metric.scope == sim::MetricScope::per_unit ? units : 1;
    bytes += 2 * std::min<std::uint64_t>(chunk_rows * width * sizeof(double), 1 << 20);
  }
  return bytes;
}

void RunWriter::check_room(std::uint64_t bytes) {
  if (const auto lacking = lacks_room(path_, bytes)) {
    out_of_room_ = true;
    throw DiskFull("cannot write more rows to " + path_.string() + ": " + *lacking +
                   "; it keeps every row written so far (completed = 0)");
  }
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
  // Time last, and only once the metrics' rows are in the file: HDF5 writes
  // its metadata in no set order, so without this flush a kill could leave
  // /time longer than a metric. With it, /time never runs ahead, and a file
  // cut short holds every row up to len(/time) (a metric may hold more).
  if (file_)
    hdf5::flush(root_);
  hdf5::append_rows(time_, pending_times_);
  pending_times_.clear();
  pending_rows_.clear();
}

void RunWriter::finish(const sim::RunResult& result) {
  write_ending(result, nullptr);
}

void RunWriter::finish_interrupted(const sim::RunResult& result, const std::string& reason) {
  write_ending(result, &reason);
}

void RunWriter::write_ending(const sim::RunResult& result, const std::string* interrupted) {
  require_state(true, "finish");
  check_room(pending_bytes());
  write_pending();
  std::filesystem::path finishing;
  try {
    // SWMR allows no new attributes or datasets, and reopening the file for
    // ordinary writing marks it "open for write", which a kill would leave
    // set and which no reader accepts. So close the file (ending SWMR
    // cleanly, every row safe), write the end into a copy, and let the copy
    // replace the file whole: at every moment the path holds one or the other.
    close_datasets();
    root_.close();
    file_.close();
    finishing = with_suffix(path_, ".finishing");
    std::error_code error;
    const auto size = std::filesystem::file_size(path_, error);
    if (const auto lacking = error ? std::nullopt : lacks_room(finishing, size + (1 << 20)))
      throw DiskFull("cannot mark " + path_.string() + " complete: " + *lacking +
                     " for the copy it is finished in; it keeps every row (completed = 0)");
    std::filesystem::copy_file(path_, finishing, std::filesystem::copy_options::overwrite_existing);
    file_ = hdf5::open_file(finishing, hdf5::Access::read_write);
    root_ = hdf5::root_group(file_);
    hdf5::write_attribute(root_, "finished_at", utc_timestamp());
    hdf5::write_attribute(root_, "wall_seconds", result.wall_seconds);
    hdf5::write_attribute(root_, "burn_in_days", static_cast<std::int64_t>(result.burn_in_days));
    hdf5::write_attribute(root_, "burn_in_seconds", result.burn_in_seconds);
    hdf5::write_attribute(root_, "burn_in_from", std::string(sim::burn_in_source(result)));
    hdf5::write_attribute(root_, "agent_slots", static_cast<std::int64_t>(result.agent_slots));
    std::vector<std::string> names, periods;
    std::vector<std::int64_t> calls;
    std::vector<double> seconds;
    for (const auto& phase : result.phases) {
      names.push_back(phase.name);
      periods.emplace_back(sim::period_name(phase.period));
      calls.push_back(phase.calls);
      seconds.push_back(phase.seconds);
    }
    auto timing = hdf5::write_table(root_, "timing",
                                    {{"name", std::move(names)},
                                     {"period", std::move(periods)},
                                     {"calls", std::move(calls)},
                                     {"seconds", std::move(seconds)}});
    index_rows(root_, timing, "phase", "Row of /timing.");
    if (interrupted != nullptr)
      hdf5::write_attribute(root_, "interrupted", *interrupted);
    // Last, so that completed == 1 promises everything above is there.
    hdf5::write_attribute(root_, "completed", interrupted == nullptr ? 1 : 0);
    hdf5::flush(root_);
    close_datasets();
    root_.close();
    file_.close();
    std::filesystem::rename(finishing, path_);
  } catch (...) {
    root_.reset();
    file_.reset();
    if (!finishing.empty()) {
      std::error_code ignored;
      std::filesystem::remove(finishing, ignored);
    }
    throw;
  }
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
