#pragma once
// Burn-in checkpoints on disk for the commands (`candour run` and `candour
// sweep`, option --burn-in-cache DIR): the folder's check and the build's
// name. A checkpoint is read only by the build that wrote it, since another
// build (another commit, compiler or set of flags) may compute a burn-in
// differently.
#include <optional>
#include <string>

#include "sim/core/burn_in_store.hpp"

namespace candour::cli {

// The version, commit and compiler, and the size and modification time of
// the executable itself: rebuilding it, even from an unchanged tree, starts
// a new set of checkpoints.
std::string build_identity();

// --burn-in-cache DIR: a folder, or a path where one can be made. An error
// message when it names something else; empty when fine (or not given).
std::string burn_in_cache_problem(const std::string& folder);

// The store of --burn-in-cache DIR for this build; empty when DIR is empty.
std::optional<sim::BurnInStore> burn_in_store_for(const std::string& folder);

// The option's help, the same for every command that takes it.
inline constexpr const char* kBurnInCacheHelp =
    "Keep burn-in checkpoints in this folder (made if missing) and start from one when a "
    "later run has the same seed and burn-in: identical results, without the burn-in's time; "
    "read only by the build that wrote it";

}  // namespace candour::cli
