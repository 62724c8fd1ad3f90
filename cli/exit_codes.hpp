#pragma once
// The `candour` command's exit codes (documented in the README and --help).
namespace candour::cli {
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeFailure = 1;  // the run or the file system failed
inline constexpr int kExitBadInput = 2;        // scenario, sweep file or arguments are wrong
}  // namespace candour::cli
