#pragma once
// Writes one run to HDF5 as it proceeds: provenance, the resolved parameters,
// every recorded row of every metric, and the phase timings at the end. The
// layout is documented in docs/file-format.md.
#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/engine.hpp"
#include "sim/io/hdf5.hpp"

namespace candour::sim::io {

// Where a run came from, stored as root attributes of its file.
struct Provenance {
  std::string candour_version, git_commit, model, scenario_file;
  std::string title;          // the scenario's title (its file name when it has none)
  std::string label;          // the user's name for the run (`candour run --label`); may be empty
  std::string scenario_toml;  // the full resolved scenario text
  std::string command_line, host;
  std::uint64_t seed = 0;
  int threads = 0;
  int ranks = 1;
  std::string ensemble;              // the calibrated ensemble's folder (--ensemble); may be empty
  std::int64_t ensemble_member = 0;  // the member run (1, 2, ...); 0 without an ensemble
  std::vector<std::string>
      extends_chain;  // the scenario file and every file it extends, child first
};

// Version of the layout in docs/file-format.md; bumped when a reader would
// have to change.
inline constexpr std::int64_t kFormatVersion = 1;

// What a writer may do to a file already at its path.
enum class Existing { refuse, replace };

// The path exists and the writer was not allowed to replace it.
struct OutputExists : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A RecordSink that streams a run into an HDF5 file.
//
// Rows are kept in memory and written at flush() (the engine flushes every
// run.flush_every days and at the end). The writer builds its file
// under a temporary name (`<file>.partial`) and puts it in place only once
// every dataset exists and the file is in single-writer/multiple-reader
// (SWMR) mode, so at the final path there is at every moment either no file
// or one that h5py opens with swmr=True, holding every row up to the last
// flush and completed == 0; finish() then marks it complete in a copy that
// replaces it whole (docs/file-format.md).
class RunWriter final : public sim::RecordSink {
 public:
  // Creates `<file>.partial` (truncating a stale one) and writes the
  // provenance and parameters into it; begin() moves it to `file`. With
  // Existing::refuse, a file already at `file` is never touched (begin()
  // throws OutputExists).
  RunWriter(const std::filesystem::path& file, Provenance provenance,
            const sim::ParameterRegistry& registry, const sim::ParameterSet& parameters,
            Existing existing = Existing::refuse);
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;
  // An unfinished writer writes its buffered rows and closes; the run stays
  // marked incomplete. One that never began removes its temporary file.
  ~RunWriter() override;

  void begin(const sim::ModelDefinition& model, const sim::RowLayout& layout) override;
  void record(sim::Day time, std::span<const double> row) override;
  // Writes the buffered rows and flushes. Throws DiskFull, writing nothing,
  // when the file could not take them (a full disk, a file-size limit): a
  // write that failed halfway could leave the file unreadable.
  void flush() override;
  // Writes the remaining rows, finished_at, wall_seconds, /timing and then
  // completed = 1, and closes. The writer takes no more calls after this.
  // Throws DiskFull when there is no room for the rows or for the copy the
  // end is written into; the file is then closed with completed = 0.
  void finish(const sim::RunResult& result);
  // The same for a run stopped early (a signal): completed stays 0 and the
  // root attribute `interrupted` says why ("SIGINT").
  void finish_interrupted(const sim::RunResult& result, const std::string& reason);
  // The file's path (the temporary name holds it until begin()).
  const std::filesystem::path& path() const { return path_; }

  // Memory a writer of this run holds at most: the rows buffered between
  // flushes, and HDF5's chunk being filled (and compressed) for each metric.
  static std::uint64_t memory_bytes(const sim::ModelDefinition& model, std::size_t units,
                                    const sim::ParameterSet& parameters);

 private:
  struct Series {
    sim::RowSlot slot;  // where the metric's values sit in a recorded row
    hdf5::Dataset data;
  };

  void write_header(const Provenance& provenance, const std::vector<hdf5::Column>& parameters);
  void publish();
  void write_ending(const sim::RunResult& result, const std::string* interrupted);
  void write_pending();
  void check_room(std::uint64_t bytes);
  std::uint64_t pending_bytes() const;
  void close_datasets();
  void require_state(bool began, const char* call) const;

  std::filesystem::path path_;
  std::filesystem::path partial_;  // the temporary name until begin() publishes the file
  Existing existing_ = Existing::refuse;
  hdf5::AppendLayout append_layout_;  // chunking of every series (append_layout)
  hdf5::File file_;
  hdf5::Group root_;
  hdf5::Dataset time_, unit_index_;
  std::vector<Series> series_;
  std::size_t row_length_ = 0;
  std::vector<double> pending_times_;
  std::vector<double> pending_rows_;  // row-major, row_length_ values per row
  bool began_ = false;
  bool finished_ = false;
  bool out_of_room_ = false;  // after DiskFull: write no more rows, only close
};

// Current time in UTC as ISO 8601 to the second, e.g. "2026-11-23T11:46:54Z".
std::string utc_timestamp();

}  // namespace candour::sim::io
