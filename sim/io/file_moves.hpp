#pragma once
// Putting a file in place in one step, so that a path holds either nothing
// (or the old file) or the whole new file, never half of one: what a process
// killed at any moment leaves behind. Used by the run writer and the sweeps.
#include <filesystem>

namespace candour::sim::io {

// Renames `from` to `to` (same file system). With `replace` false an
// existing `to` is never overwritten, not even one created a moment ago by
// another process: that throws std::filesystem::filesystem_error with
// errc::file_exists. Other failures throw filesystem_error too.
void move_into_place(const std::filesystem::path& from, const std::filesystem::path& to,
                     bool replace);

}  // namespace candour::sim::io
