#pragma once
// Joining the files of a sharded sweep (`candour merge`).
#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace candour::sim::sweep {

struct MergeReport {
  std::size_t runs = 0;        // in the sweep
  std::size_t completed = 0;   // in the merged file
  std::size_t duplicates = 0;  // runs found in more than one input (all identical)
};

// The inputs cannot be merged, or the output exists: bad input, and nothing
// was written.
struct MergeRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Writes every completed run of `inputs` (sweep files of one sweep, typically
// its shards) into a new sweep file `output` that holds the whole sweep, as
// an unsharded run would have written it; runs no input completed stay
// missing, for `candour sweep` to resume into `output`. Throws MergeRefused
// if `output` exists, if an input is not a readable sweep file, if the inputs
// hold different sweeps, or if two inputs disagree about a run; anything else
// thrown (a full disk) is a failure to write, and leaves no output.
MergeReport merge_sweeps(const std::filesystem::path& output,
                         const std::vector<std::filesystem::path>& inputs);

}  // namespace candour::sim::sweep
