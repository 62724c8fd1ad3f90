#include "sim/sweep/sweep_store.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <system_error>

#include "sim/io/file_moves.hpp"
#include "sim/io/scenario.hpp"

namespace candour::sim::sweep {
namespace hdf5 = io::hdf5;
namespace {

constexpr const char* kFormat = "candour-sweep";
// 2: running totals keep final and final_year_count (no means); the summary
// carries each statistic's description, cumulative flag and valid range.
constexpr std::int64_t kFormatVersion = 2;
const double kMissing = std::numeric_limits<double>::quiet_NaN();

void write_matrix(hdf5::Location parent, std::string_view name, const Matrix& m) {
  const std::size_t dims[] = {m.rows, m.cols};
  auto data = hdf5::create_filled(parent, name, dims, hdf5::Element::float64, kMissing);
  hdf5::write_rows(data, 0, m.data);
}

Matrix read_matrix(hdf5::Location parent, std::string_view name) {
  auto data = hdf5::open_dataset(parent, name);
  const auto dims = hdf5::shape(data);
  Matrix m(dims.at(0), dims.at(1));
  if (m.rows * m.cols > 0)
    m.data = hdf5::read_reals(data);
  return m;
}

void write_header(const hdf5::File& file, const SweepHeader& h) {
  hdf5::Object root(file);
  hdf5::write_attribute(root, "candour_version", h.candour_version);
  hdf5::write_attribute(root, "git_commit", h.git_commit);
  hdf5::write_attribute(root, "title", h.title);
  hdf5::write_attribute(root, "model", h.model);
  hdf5::write_attribute(root, "sweep_file", h.sweep_file);
  hdf5::write_attribute(root, "scenario_file", h.scenario_file);
  hdf5::write_attribute(root, "design", h.design_kind);
  hdf5::write_attribute(root, "samples", h.samples);
  hdf5::write_attribute(root, "base_samples", h.base_samples);
  hdf5::write_attribute(root, "second_order", h.second_order);
  hdf5::write_attribute(root, "trajectories", h.trajectories);
  hdf5::write_attribute(root, "levels", h.levels);
  hdf5::write_attribute(root, "replicates", h.replicates);
  hdf5::write_attribute(root, "seed", h.seed);
  hdf5::write_attribute(root, "seed_policy", h.seed_policy);
  hdf5::write_attribute(root, "shard_index", static_cast<std::int64_t>(h.shard.index));
  hdf5::write_attribute(root, "shard_count", static_cast<std::int64_t>(h.shard.count));
  hdf5::write_attribute(root, "points", static_cast<std::int64_t>(h.design.rows));
  hdf5::write_attribute(root, "runs", static_cast<std::int64_t>(h.runs()));

  auto provenance = hdf5::create_group(file, "provenance");
  hdf5::write_text(provenance, "sweep_toml", h.sweep_toml);
  hdf5::write_text(provenance, "scenario_toml", h.scenario_toml);

  auto design = hdf5::create_group(file, "design");
  write_matrix(design, "values", h.design);
  write_matrix(design, "unit_values", h.unit_design);
  for (const char* name : {"values", "unit_values"}) {
    auto data = hdf5::open_dataset(design, name);
    hdf5::write_attribute(data, "parameters", h.parameters);
    hdf5::write_attribute(data, "units", h.units);
    hdf5::write_attribute(data, "axis_kinds", h.axis_kinds);
  }

  auto runs = hdf5::create_group(file, "runs");
  hdf5::write_dataset(runs, "point", std::span<const std::int64_t>(h.run_point));
  hdf5::write_dataset(runs, "replicate", std::span<const std::int64_t>(h.run_replicate));
  hdf5::write_dataset(runs, "seed", std::span<const std::int64_t>(h.run_seed));
  const std::size_t flag_dims[] = {h.runs()};
  hdf5::create_filled(runs, "completed", flag_dims, hdf5::Element::uint8, 0);
  const std::size_t summary_dims[] = {h.runs(), h.statistics.size()};
  auto summary =
      hdf5::create_filled(runs, "summary", summary_dims, hdf5::Element::float64, kMissing);
  hdf5::write_attribute(summary, "statistics", h.statistics);
  hdf5::write_attribute(summary, "units", h.statistic_units);
  hdf5::write_attribute(summary, "descriptions", h.statistic_descriptions);
  hdf5::write_attribute(summary, "cumulative",
                        std::span<const std::int64_t>(h.statistic_cumulative));
  hdf5::write_attribute(summary, "in_summary",
                        std::span<const std::int64_t>(h.statistic_in_summary));
  hdf5::write_attribute(summary, "valid_min", std::span<const double>(h.statistic_valid_min));
  hdf5::write_attribute(summary, "valid_max", std::span<const double>(h.statistic_valid_max));

  if (!h.series_metrics.empty()) {
    auto series = hdf5::create_group(file, "series");
    auto time = hdf5::write_dataset(series, "time", std::span<const double>(h.series_time));
    hdf5::write_attribute(time, "units", "day");
    const std::size_t dims[] = {h.runs(), h.series_time.size(), h.series_metrics.size()};
    auto values = hdf5::create_filled(series, "values", dims, hdf5::Element::float64, kMissing);
    hdf5::write_attribute(values, "metrics", h.series_metrics);
    hdf5::write_attribute(values, "units", h.series_units);
    hdf5::make_dimension_scale(time, "time");
    hdf5::attach_dimension_scale(values, time, 1);
  }
  // Last, so that only a whole header says what the file is.
  hdf5::write_attribute(root, "format", kFormat);
  hdf5::write_attribute(root, "format_version", kFormatVersion);
}

}  // namespace

std::string SweepHeader::difference(const SweepHeader& o) const {
  if (candour_version != o.candour_version || git_commit != o.git_commit)
    return "the Candour build (" + candour_version + " " + git_commit + " versus " +
           o.candour_version + " " + o.git_commit + ")";
  if (model != o.model)
    return "the model";
  if (sweep_toml != o.sweep_toml)
    return "the sweep file's text";
  // Its first line names the scenario's path as spelled on this command line.
  if (io::resolved_toml_content(scenario_toml) != io::resolved_toml_content(o.scenario_toml))
    return "the resolved base scenario";
  if (design_kind != o.design_kind || samples != o.samples || base_samples != o.base_samples ||
      second_order != o.second_order || trajectories != o.trajectories || levels != o.levels ||
      parameters != o.parameters || !(design == o.design) || !(unit_design == o.unit_design))
    return "the design";
  if (replicates != o.replicates || seed != o.seed || seed_policy != o.seed_policy ||
      run_point != o.run_point || run_replicate != o.run_replicate || run_seed != o.run_seed)
    return "the runs (replicates or seeds)";
  if (statistics != o.statistics || series_metrics != o.series_metrics ||
      series_time != o.series_time)
    return "what is kept";
  return "";
}

SweepHeader make_header(const SweepPlan& plan, const std::string& candour_version,
                        const std::string& git_commit, Shard shard) {
  SweepHeader h;
  const auto& spec = plan.spec();
  h.candour_version = candour_version;
  h.git_commit = git_commit;
  h.title = spec.title.empty() ? plan.base().title : spec.title;
  h.model = plan.model().name;
  h.sweep_file = spec.file.string();
  h.scenario_file = spec.scenario.value.string();
  h.sweep_toml = spec.text;
  h.scenario_toml = plan.base().resolved_toml;
  const auto& d = spec.design.value;
  h.design_kind = std::string(design_kind_name(d.kind));
  h.samples = static_cast<std::int64_t>(d.samples);
  h.base_samples = static_cast<std::int64_t>(d.base_samples);
  h.second_order = d.second_order ? 1 : 0;
  h.trajectories = static_cast<std::int64_t>(d.trajectories);
  h.levels = static_cast<std::int64_t>(d.levels);
  h.replicates = static_cast<std::int64_t>(plan.replicates());
  h.seed = plan.seed();
  h.seed_policy = std::string(seed_policy_name(spec.seed_policy));
  h.shard = shard;
  for (const auto& axis : plan.axes()) {
    h.parameters.push_back(axis.parameter);
    h.units.push_back(axis.unit);
    h.axis_kinds.push_back(std::string(axis_kind_name(axis.kind)));
  }
  h.design = plan.design();
  h.unit_design = plan.unit_design();
  for (std::size_t run = 0; run < plan.runs(); ++run) {
    const auto k = plan.key(run);
    h.run_point.push_back(static_cast<std::int64_t>(k.point));
    h.run_replicate.push_back(static_cast<std::int64_t>(k.replicate));
    h.run_seed.push_back(static_cast<std::int64_t>(k.seed));
  }
  for (const auto& column : plan.statistic_columns()) {
    h.statistics.push_back(column.name);
    h.statistic_units.push_back(column.unit);
    h.statistic_descriptions.push_back(column.description);
    h.statistic_cumulative.push_back(column.cumulative ? 1 : 0);
    h.statistic_in_summary.push_back(column.in_summary);
    h.statistic_valid_min.push_back(column.valid_min);
    h.statistic_valid_max.push_back(column.valid_max);
  }
  h.series_metrics = plan.series_metrics();
  h.series_units = plan.series_units();
  // The file has /series/time only when series are kept (read_header reads
  // it back only then), so a header without series has no times either:
  // otherwise a sweep without keep_series could never be resumed.
  if (!h.series_metrics.empty())
    for (auto t : plan.record_times())
      h.series_time.push_back(static_cast<double>(t));
  return h;
}

SweepHeader read_header(const hdf5::File& file) {
  hdf5::Object root(file);
  if (!hdf5::has_attribute(root, "format") ||
      hdf5::read_string_attribute(root, "format") != kFormat)
    throw std::runtime_error("not a Candour sweep file (no format = \"candour-sweep\" attribute)");
  const auto version = hdf5::read_integer_attribute(root, "format_version");
  if (version != kFormatVersion)
    throw std::runtime_error("sweep file format version " + std::to_string(version) +
                             "; this Candour reads version " + std::to_string(kFormatVersion));
  SweepHeader h;
  h.candour_version = hdf5::read_string_attribute(root, "candour_version");
  h.git_commit = hdf5::read_string_attribute(root, "git_commit");
  h.title = hdf5::read_string_attribute(root, "title");
  h.model = hdf5::read_string_attribute(root, "model");
  h.sweep_file = hdf5::read_string_attribute(root, "sweep_file");
  h.scenario_file = hdf5::read_string_attribute(root, "scenario_file");
  h.design_kind = hdf5::read_string_attribute(root, "design");
  h.samples = hdf5::read_integer_attribute(root, "samples");
  h.base_samples = hdf5::read_integer_attribute(root, "base_samples");
  h.second_order = hdf5::read_integer_attribute(root, "second_order");
  h.trajectories = hdf5::read_integer_attribute(root, "trajectories");
  h.levels = hdf5::read_integer_attribute(root, "levels");
  h.replicates = hdf5::read_integer_attribute(root, "replicates");
  h.seed = static_cast<std::uint64_t>(hdf5::read_integer_attribute(root, "seed"));
  h.seed_policy = hdf5::read_string_attribute(root, "seed_policy");
  h.shard.index = static_cast<std::size_t>(hdf5::read_integer_attribute(root, "shard_index"));
  h.shard.count = static_cast<std::size_t>(hdf5::read_integer_attribute(root, "shard_count"));

  auto provenance = hdf5::open_group(file, "provenance");
  h.sweep_toml = hdf5::read_text(provenance, "sweep_toml");
  h.scenario_toml = hdf5::read_text(provenance, "scenario_toml");

  auto design = hdf5::open_group(file, "design");
  h.design = read_matrix(design, "values");
  h.unit_design = read_matrix(design, "unit_values");
  auto values = hdf5::open_dataset(design, "values");
  h.parameters = hdf5::read_strings_attribute(values, "parameters");
  h.units = hdf5::read_strings_attribute(values, "units");
  h.axis_kinds = hdf5::read_strings_attribute(values, "axis_kinds");

  auto runs = hdf5::open_group(file, "runs");
  h.run_point = hdf5::read_integers(hdf5::open_dataset(runs, "point"));
  h.run_replicate = hdf5::read_integers(hdf5::open_dataset(runs, "replicate"));
  h.run_seed = hdf5::read_integers(hdf5::open_dataset(runs, "seed"));
  auto summary = hdf5::open_dataset(runs, "summary");
  h.statistics = hdf5::read_strings_attribute(summary, "statistics");
  h.statistic_units = hdf5::read_strings_attribute(summary, "units");
  h.statistic_descriptions = hdf5::read_strings_attribute(summary, "descriptions");
  for (const double flag : hdf5::read_reals_attribute(summary, "cumulative"))
    h.statistic_cumulative.push_back(static_cast<std::int64_t>(flag));
  for (const double rank : hdf5::read_reals_attribute(summary, "in_summary"))
    h.statistic_in_summary.push_back(static_cast<std::int64_t>(rank));
  h.statistic_valid_min = hdf5::read_reals_attribute(summary, "valid_min");
  h.statistic_valid_max = hdf5::read_reals_attribute(summary, "valid_max");
  if (hdf5::exists(file, "series")) {
    auto series = hdf5::open_group(file, "series");
    h.series_time = hdf5::read_reals(hdf5::open_dataset(series, "time"));
    auto data = hdf5::open_dataset(series, "values");
    h.series_metrics = hdf5::read_strings_attribute(data, "metrics");
    h.series_units = hdf5::read_strings_attribute(data, "units");
  }
  return h;
}

std::uint64_t file_bytes(const SweepPlan& plan) {
  // Per run: point, replicate and seed (int64), the completed flag, the
  // summary row and the kept series; per point its values in parameter and
  // unit coordinates; the texts; and a generous allowance for the metadata.
  const std::uint64_t runs = plan.runs();
  const std::uint64_t times = plan.record_times().size();
  const std::uint64_t per_run =
      8 * 3 + 1 + 8 * plan.statistics().size() + 8 * times * plan.series_metrics().size();
  const std::uint64_t design = 16 * plan.points() * plan.axes().size();
  const std::uint64_t text = plan.spec().text.size() + plan.base().resolved_toml.size();
  constexpr std::uint64_t kMetadata = 256 * 1024;
  return runs * per_run + design + text + 8 * times + kMetadata;
}

SweepStore SweepStore::create(const std::filesystem::path& path, const SweepHeader& header) {
  auto partial = path;
  partial += ".partial";
  try {
    auto file = hdf5::create_file(partial, hdf5::Format::compatible);
    write_header(file, header);
    file.close();
    // Never over a file that appeared meanwhile: that one is someone else's.
    io::move_into_place(partial, path, false);
  } catch (...) {
    // A full disk: nothing half-written is left behind under either name.
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw;
  }
  return open(path, true);
}

SweepStore SweepStore::open(const std::filesystem::path& path, bool writable) {
  SweepStore store;
  store.path_ = path;
  store.file_ =
      hdf5::open_file(path, writable ? hdf5::Access::read_write : hdf5::Access::read_only);
  store.header_ = read_header(store.file_);
  store.open_datasets();
  return store;
}

SweepStore SweepStore::create_or_resume(const std::filesystem::path& path,
                                        const SweepHeader& header) {
  if (!std::filesystem::exists(path))
    return create(path, header);
  // Read-only first: a file that is not this sweep is never opened for writing.
  SweepStore existing;
  try {
    existing = open(path, false);
  } catch (const std::exception& e) {
    throw NotThisSweep(path.string() + " exists but cannot be resumed as a sweep file (" +
                       e.what() +
                       "); if another sweep is writing it, let that one finish; otherwise "
                       "remove it or choose another output");
  }
  auto different = existing.header().difference(header);
  if (different.empty() && !(existing.header().shard == header.shard))
    different = "the shard (" + std::to_string(existing.header().shard.index) + "/" +
                std::to_string(existing.header().shard.count) + ")";
  if (!different.empty())
    throw NotThisSweep(path.string() + " holds another sweep (" + different +
                       " differs), so it cannot be resumed; remove it or choose another output");
  existing.close();
  return open(path, true);
}

void SweepStore::open_datasets() {
  auto runs = hdf5::open_group(file_, "runs");
  summary_ = hdf5::open_dataset(runs, "summary");
  completed_data_ = hdf5::open_dataset(runs, "completed");
  if (!header_.series_metrics.empty())
    series_ = hdf5::open_dataset(hdf5::open_group(file_, "series"), "values");
  const auto flags = hdf5::read_integers(completed_data_);
  completed_.assign(flags.begin(), flags.end());
}

std::size_t SweepStore::completed_count() const {
  return static_cast<std::size_t>(std::count(completed_.begin(), completed_.end(), 1));
}

void SweepStore::write(const RunOutcome& outcome) {
  write(static_cast<std::size_t>(outcome.run), StoredRun{outcome.summary, outcome.series});
}

void SweepStore::write(std::size_t run, const StoredRun& row, bool flush_now) {
  if (run >= header_.runs())
    throw std::out_of_range("run " + std::to_string(run) + " is not in the sweep");
  if (row.summary.size() != header_.statistics.size() ||
      row.series.size() != header_.series_time.size() * header_.series_metrics.size())
    throw std::invalid_argument("run " + std::to_string(run) + ": row does not fit the sweep file");
  hdf5::write_rows(summary_, run, row.summary);
  if (series_)
    hdf5::write_rows(series_, run, row.series);
  // Values reach the file before the flag that vouches for them.
  if (flush_now)
    hdf5::flush(file_);
  const std::uint8_t done[] = {1};
  hdf5::write_rows(completed_data_, run, done);
  if (flush_now)
    hdf5::flush(file_);
  completed_[run] = 1;
}

void SweepStore::flush() {
  hdf5::flush(file_);
}

std::vector<double> SweepStore::read_summaries(std::size_t first, std::size_t count) const {
  return hdf5::read_rows(summary_, first, count);
}

StoredRun SweepStore::read(std::size_t run) const {
  StoredRun row;
  row.summary = hdf5::read_rows(summary_, run, 1);
  if (series_)
    row.series = hdf5::read_rows(series_, run, 1);
  return row;
}

void SweepStore::close() {
  summary_.close();
  series_.reset();
  completed_data_.close();
  file_.close();
}

}  // namespace candour::sim::sweep
