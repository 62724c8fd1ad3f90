#pragma once
// The whole state of an NHS simulation to a stream and back: the burn-in
// checkpoint a run keeps on disk (sim/core/burn_in_store.hpp). The bytes are
// Boost.Serialization's binary archive: read only by the same build on the
// same kind of machine, which the store's key ensures.
#include <iosfwd>

#include "models/nhs/state.hpp"

namespace candour::models::nhs {

void write_state(std::ostream& out, const State& state);

// Replaces `state` with the one read from `in`. False, with `state`
// unchanged, when `in` does not hold an archive of a state with `state`'s
// layout sizes (a damaged or foreign checkpoint).
bool read_state(std::istream& in, State& state);

}  // namespace candour::models::nhs
