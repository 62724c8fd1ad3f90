#pragma once
// What names this program's build, for the burn-in checkpoints of
// `candour run --burn-in-cache`: a checkpoint is read only by the build that
// wrote it, since another build (another commit, compiler or set of flags)
// may compute a burn-in differently.
#include <string>

namespace candour::cli {

// The version, commit and compiler, and the size and modification time of
// the executable itself: rebuilding it, even from an unchanged tree, starts
// a new set of checkpoints.
std::string build_identity();

}  // namespace candour::cli
