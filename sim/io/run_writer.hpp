#pragma once
// Writes one run to HDF5 as it proceeds: provenance, the resolved parameters,
// every recorded row of every metric, and the phase timings at the end. The
// layout is documented in docs/file-format.md.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "sim/core/engine.hpp"
#include "sim/io/hdf5.hpp"

namespace candour::sim::io {

// Where a run came from, stored as root attributes of its file.
struct Provenance {
  std::string candour_version, git_commit, model, scenario_file;
  std::string scenario_toml;  // the full resolved scenario text
  std::string command_line, host;
  std::uint64_t seed = 0;
  int threads = 0;
  int ranks = 1;
  std::vector<std::string>
      extends_chain;  // the scenario file and every file it extends, child first
};

// Version of the layout in docs/file-format.md; bumped when a reader would
// have to change.
inline constexpr std::int64_t kFormatVersion = 1;

// A RecordSink that streams a run into an HDF5 file or group.
//
// Rows are kept in memory and written at flush() (the engine flushes every
// run.flush_every days and at the end). A writer that owns its file switches
// it to single-writer/multiple-reader (SWMR) mode once the datasets exist, so
// a run killed at any moment leaves a file with every row up to the last
// flush; such a file has completed == 0 and opens with h5py's swmr=True (or
// after `h5clear -s`). finish() marks the run complete.
class RunWriter final : public sim::RecordSink {
 public:
  // Creates (truncates) `file` and writes the provenance and parameters.
  RunWriter(const std::filesystem::path& file, Provenance provenance,
            const sim::ParameterRegistry& registry, const sim::ParameterSet& parameters);
  // Writes the same layout into `run`, a group of a file the caller keeps
  // open (a sweep stores many runs in one file). No SWMR: the caller owns
  // the file; flush() still flushes it.
  RunWriter(hdf5::Group run, Provenance provenance, const sim::ParameterRegistry& registry,
            const sim::ParameterSet& parameters);
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;
  // An unfinished writer writes its buffered rows and closes; the run stays
  // marked incomplete.
  ~RunWriter() override;

  void begin(const sim::ModelDefinition& model, const sim::RowLayout& layout) override;
  void record(sim::Day time, std::span<const double> row) override;
  void flush() override;
  // Writes the remaining rows, finished_at, wall_seconds, /timing and then
  // completed = 1, and closes. The writer takes no more calls after this.
  void finish(const sim::RunResult& result);

 private:
  struct Series {
    sim::RowSlot slot;  // where the metric's values sit in a recorded row
    hdf5::Dataset data;
  };

  void write_header(const Provenance& provenance, const std::vector<hdf5::Column>& parameters);
  void write_pending();
  void close_datasets();
  void require_state(bool began, const char* call) const;

  std::filesystem::path path_;  // empty when writing into a caller's group
  hdf5::File file_;
  hdf5::Group root_;
  hdf5::Dataset time_, unit_index_;
  std::vector<Series> series_;
  std::size_t row_length_ = 0;
  std::vector<double> pending_times_;
  std::vector<double> pending_rows_;  // row-major, row_length_ values per row
  bool began_ = false;
  bool finished_ = false;
};

// Current time in UTC as ISO 8601 to the second, e.g. "2026-11-23T11:46:54Z".
std::string utc_timestamp();

}  // namespace candour::sim::io
