#include "tests/support/run_reader.hpp"

#include <algorithm>
#include <stdexcept>

namespace candour::test {
namespace {

// Opens read-only; falls back to SWMR read for a file its writer has open or
// left open when killed, which a plain open refuses.
hdf5::File open_run_file(const std::filesystem::path& path, bool& swmr) {
  try {
    swmr = false;
    return hdf5::open_file(path, hdf5::Access::read_only);
  } catch (const hdf5::Error& plain) {
    try {
      swmr = true;
      return hdf5::open_file(path, hdf5::Access::read_swmr);
    } catch (const hdf5::Error&) {
      throw plain;  // the plain error says why (missing file, not HDF5...)
    }
  }
}

}  // namespace

RunReader::RunReader(const std::filesystem::path& file)
    : file_(open_run_file(file, swmr_)), root_(hdf5::root_group(file_)) {}

bool RunReader::completed() const {
  return hdf5::has_attribute(root_, "completed") &&
         hdf5::read_integer_attribute(root_, "completed") == 1;
}

std::size_t RunReader::rows() const {
  if (!hdf5::exists(root_, "time"))
    return 0;
  std::size_t n = hdf5::shape(hdf5::open_dataset(root_, "time")).at(0);
  auto group = hdf5::open_group(root_, "metrics");
  for (const auto& name : hdf5::member_names(group))
    n = std::min(n, hdf5::shape(hdf5::open_dataset(group, name)).at(0));
  return n;
}

std::vector<double> RunReader::time() const {
  return hdf5::read_rows(hdf5::open_dataset(root_, "time"), 0, rows());
}

std::vector<MetricInfo> RunReader::metrics() const {
  std::vector<MetricInfo> out;
  auto group = hdf5::open_group(root_, "metrics");
  for (const auto& name : hdf5::member_names(group)) {
    auto data = hdf5::open_dataset(group, name);
    MetricInfo info;
    info.name = name;
    info.units = hdf5::read_string_attribute(data, "units");
    info.description = hdf5::read_string_attribute(data, "description");
    info.scope = hdf5::read_string_attribute(data, "scope") == "per_unit"
                     ? sim::MetricScope::per_unit
                     : sim::MetricScope::system;
    const auto dims = hdf5::shape(data);
    info.columns = dims.size() > 1 ? dims[1] : 1;
    out.push_back(std::move(info));
  }
  return out;
}

MetricSeries RunReader::metric(std::string_view name) const {
  auto data = hdf5::open_dataset(hdf5::open_group(root_, "metrics"), name);
  MetricSeries series;
  const std::size_t n = rows();
  series.time = hdf5::read_rows(hdf5::open_dataset(root_, "time"), 0, n);
  const auto dims = hdf5::shape(data);
  series.columns = dims.size() > 1 ? dims[1] : 1;
  series.values = hdf5::read_rows(data, 0, n);
  return series;
}

std::string RunReader::unit_dimension() const {
  return hdf5::read_string_attribute(root_, "unit_dimension");
}

std::size_t RunReader::units() const {
  return hdf5::shape(hdf5::open_dataset(root_, unit_dimension())).at(0);
}

Provenance RunReader::provenance() const {
  auto text = [&](const char* name) { return hdf5::read_string_attribute(root_, name); };
  auto integer = [&](const char* name) { return hdf5::read_integer_attribute(root_, name); };
  Provenance p;
  p.candour_version = text("candour_version");
  p.git_commit = text("git_commit");
  p.model = text("model");
  p.scenario_file = text("scenario_file");
  p.scenario_toml = text("scenario");
  p.command_line = text("command_line");
  p.host = text("host");
  p.seed = static_cast<std::uint64_t>(integer("seed"));
  p.threads = static_cast<int>(integer("threads"));
  p.ranks = static_cast<int>(integer("ranks"));
  p.extends_chain = hdf5::read_strings_attribute(root_, "extends_chain");
  return p;
}

std::vector<ParameterRow> RunReader::parameters() const {
  const auto table = hdf5::read_table(hdf5::open_dataset(root_, "parameters"));
  const auto& names = std::get<std::vector<std::string>>(hdf5::column(table, "name").values);
  const auto& values = std::get<std::vector<double>>(hdf5::column(table, "value").values);
  const auto& units = std::get<std::vector<std::string>>(hdf5::column(table, "unit").values);
  const auto& types = std::get<std::vector<std::string>>(hdf5::column(table, "type").values);
  std::vector<ParameterRow> out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out.push_back({names[i], values[i], units[i], types[i]});
  return out;
}

std::vector<sim::PhaseTiming> RunReader::timing() const {
  if (!hdf5::exists(root_, "timing"))
    return {};
  const auto table = hdf5::read_table(hdf5::open_dataset(root_, "timing"));
  const auto& names = std::get<std::vector<std::string>>(hdf5::column(table, "name").values);
  const auto& periods = std::get<std::vector<std::string>>(hdf5::column(table, "period").values);
  const auto& calls = std::get<std::vector<std::int64_t>>(hdf5::column(table, "calls").values);
  const auto& seconds = std::get<std::vector<double>>(hdf5::column(table, "seconds").values);
  std::vector<sim::PhaseTiming> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto period = sim::parse_period(periods[i]);
    if (!period)
      throw hdf5::Error("/timing: unknown period '" + periods[i] + "'");
    out.push_back({names[i], *period, calls[i], seconds[i]});
  }
  return out;
}

std::string RunReader::started_at() const {
  return hdf5::read_string_attribute(root_, "started_at");
}

std::optional<std::string> RunReader::finished_at() const {
  if (!hdf5::has_attribute(root_, "finished_at"))
    return std::nullopt;
  return hdf5::read_string_attribute(root_, "finished_at");
}

std::optional<double> RunReader::wall_seconds() const {
  if (!hdf5::has_attribute(root_, "wall_seconds"))
    return std::nullopt;
  return hdf5::read_real_attribute(root_, "wall_seconds");
}

}  // namespace candour::test
