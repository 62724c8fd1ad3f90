#pragma once
// Reads a run file written by RunWriter (docs/file-format.md): its
// provenance, parameters, metrics and timings, so the tests can check what
// was written. Opens finished runs, runs still being written, and runs
// killed before they finished. (Users read run files with the analysis
// package, h5py or xarray.)
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/engine.hpp"
#include "sim/io/hdf5.hpp"
#include "sim/io/run_writer.hpp"

namespace candour::test {

namespace hdf5 = sim::io::hdf5;
using sim::io::Provenance;

// A metric as declared in the file.
struct MetricInfo {
  std::string name, units, description;
  sim::MetricScope scope = sim::MetricScope::system;
  std::size_t columns = 1;  // 1 for a system metric, the unit count for a per-unit one
};

// A metric's values over time: one row per recorded time.
struct MetricSeries {
  std::vector<double> time;    // days, one per row
  std::vector<double> values;  // row-major, rows() x columns
  std::size_t columns = 1;
  std::size_t rows() const { return time.size(); }
  double at(std::size_t row, std::size_t column = 0) const {
    return values[row * columns + column];
  }
};

// One row of the /parameters table.
struct ParameterRow {
  std::string name;
  double value = 0.0;
  std::string unit, type;
};

class RunReader {
 public:
  // Opens `file` read-only. A file whose writer is still running or was
  // killed is opened in SWMR read mode (see writer_left_open()).
  explicit RunReader(const std::filesystem::path& file);

  // True once the writer finished the run (completed == 1).
  bool completed() const;
  // True when the file could only be opened in SWMR read mode: its writer
  // is still running or was killed (then completed() is false too).
  bool writer_left_open() const { return swmr_; }

  // Rows present in /time and in every metric: the rows up to the last flush.
  std::size_t rows() const;
  std::vector<double> time() const;
  std::vector<MetricInfo> metrics() const;  // in name order
  // Throws hdf5::Error when there is no such metric.
  MetricSeries metric(std::string_view name) const;
  std::string unit_dimension() const;
  std::size_t units() const;

  Provenance provenance() const;
  std::vector<ParameterRow> parameters() const;
  // Phase timings; empty until the run finished.
  std::vector<sim::PhaseTiming> timing() const;
  std::string started_at() const;
  std::optional<std::string> finished_at() const;
  std::optional<double> wall_seconds() const;

  // The file's root group, for any other attribute or dataset.
  const hdf5::Group& root() const { return root_; }

 private:
  bool swmr_ = false;  // before file_: open_run_file sets it while file_ is initialised
  hdf5::File file_;
  hdf5::Group root_;
};

}  // namespace candour::test
