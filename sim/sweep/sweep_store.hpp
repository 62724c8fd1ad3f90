#pragma once
// The sweep's HDF5 file (layout in docs/file-format.md, "Sweep files"): the
// header (provenance, design, run list) written once at creation, then one
// row per run written when the run finishes, flagged complete only after its
// values, and flushed. Rows are preallocated and indexed by run id, so the
// order runs finish in never shows in the file, a killed sweep keeps every
// finished run, and a resumed sweep fills in the rest to the same content as
// an uninterrupted one.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/io/hdf5.hpp"
#include "sim/sweep/design.hpp"
#include "sim/sweep/run.hpp"
#include "sim/sweep/sweep_plan.hpp"

namespace candour::sim::sweep {

// Runs whose id % count == index - 1 (a batch-array job's part of a sweep).
struct Shard {
  std::size_t index = 1;  // 1-based
  std::size_t count = 1;
  bool contains(std::size_t run) const { return run % count == index - 1; }
  bool operator==(const Shard&) const = default;
};

// Everything in a sweep file except the runs' results: the same for every
// executor, shard and restart of one sweep.
struct SweepHeader {
  std::string candour_version, git_commit;
  std::string title, model, sweep_file, scenario_file;
  std::string sweep_toml;     // the sweep file's text
  std::string scenario_toml;  // the base scenario, resolved, with [set] applied
  std::string design_kind;
  std::int64_t samples = 0, base_samples = 0, trajectories = 0, levels = 0;
  std::int64_t second_order = 0;  // saltelli with BA_i blocks
  std::int64_t replicates = 1;
  std::uint64_t seed = 0;
  std::string seed_policy;
  Shard shard;
  std::vector<std::string> parameters, units, axis_kinds;
  Matrix design;       // points x parameters, in parameter values
  Matrix unit_design;  // the same points in [0, 1]^k
  std::vector<std::int64_t> run_point, run_replicate, run_seed;
  std::vector<std::string> statistics, statistic_units, statistic_descriptions;
  std::vector<std::int64_t> statistic_cumulative;  // 1: a statistic of a running total
  std::vector<std::int64_t> statistic_in_summary;  // the metric's headline place (0: none)
  std::vector<double> statistic_valid_min, statistic_valid_max;
  std::vector<std::string> series_metrics, series_units;
  std::vector<double> series_time;  // days

  std::size_t runs() const { return run_point.size(); }
  // Names the first field in which two headers of the same sweep would
  // differ, ignoring the file names (sweep_file, scenario_file and the
  // resolved scenario's first line, which name paths as they were spelled)
  // and the shard; empty when none does.
  std::string difference(const SweepHeader& other) const;
};

SweepHeader make_header(const SweepPlan& plan, const std::string& candour_version,
                        const std::string& git_commit, Shard shard = {});

// Bytes a new file for the sweep takes on disk, at most: every dataset is
// allocated in full when the file is created.
std::uint64_t file_bytes(const SweepPlan& plan);

// The output path holds something other than this sweep (another sweep, a
// file that is not a sweep file): the user's to sort out, and left untouched.
struct NotThisSweep : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One run's stored row.
struct StoredRun {
  std::vector<double> summary;
  std::vector<double> series;
};

class SweepStore {
 public:
  // Creates a new sweep file: written under a temporary name and renamed into
  // place, so `path` is either absent or a whole header, never half of one.
  static SweepStore create(const std::filesystem::path& path, const SweepHeader& header);
  // Opens an existing sweep file for reading, or for writing more runs.
  static SweepStore open(const std::filesystem::path& path, bool writable);
  // The store for running `header`'s sweep into `path`: a new file, or the
  // existing one to resume when it holds the same sweep. Throws NotThisSweep
  // when `path` holds anything else, which it then never touches (not even
  // by opening it for writing).
  static SweepStore create_or_resume(const std::filesystem::path& path, const SweepHeader& header);

  const SweepHeader& header() const { return header_; }
  const std::filesystem::path& path() const { return path_; }
  // One flag per run: its row is complete.
  const std::vector<std::uint8_t>& completed() const { return completed_; }
  std::size_t completed_count() const;

  // Writes the run's row, then its completed flag, flushing the file after
  // each (without `flush`, the caller flushes once at the end).
  void write(const RunOutcome& outcome);
  void write(std::size_t run, const StoredRun& row, bool flush = true);
  void flush();
  StoredRun read(std::size_t run) const;
  // The summary rows of runs first .. first + count - 1, row-major (NaN for
  // runs not completed).
  std::vector<double> read_summaries(std::size_t first, std::size_t count) const;
  void close();

 private:
  SweepStore() = default;
  void open_datasets();

  std::filesystem::path path_;
  SweepHeader header_;
  io::hdf5::File file_;
  io::hdf5::Dataset summary_, series_, completed_data_;
  std::vector<std::uint8_t> completed_;
};

// The header of a sweep file.
SweepHeader read_header(const io::hdf5::File& file);

}  // namespace candour::sim::sweep
