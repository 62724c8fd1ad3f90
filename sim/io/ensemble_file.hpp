#pragma once
// A calibrated ensemble (DIR/ensemble.toml, written by scripts/calibrate):
// the names of the calibrated parameters and, for each member, their values.
// `candour run --ensemble DIR` and `candour sweep --ensemble DIR` run a
// scenario once per member with the member's values in place of the
// registry defaults (docs/calibration.md).
#include <cstddef>
#include <filesystem>
#include <vector>

#include "sim/core/parameters.hpp"
#include "sim/io/scenario.hpp"

namespace candour::sim::io {

struct CalibratedEnsemble {
  std::filesystem::path folder;
  std::filesystem::path file;  // folder / "ensemble.toml"
  // members[m]: member m + 1's values as overrides of the scenario (origin:
  // the file, line: the member's values), one per calibrated parameter.
  std::vector<std::vector<Override>> members;
};

// Reads DIR/ensemble.toml against `registry`: `parameters` (names, each a
// parameter of the model, not a run setting) and one [[member]] per member
// with `values` (one per name, each of its parameter's type and range).
// Throws ScenarioError naming the file, line and key.
CalibratedEnsemble read_ensemble(const std::filesystem::path& folder,
                                 const ParameterRegistry& registry);

}  // namespace candour::sim::io
