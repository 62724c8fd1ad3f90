#pragma once
// Where a run came from, as `candour run` records it in the run's file.
#include <string>

#include "cli/scenario_options.hpp"
#include "sim/io/run_writer.hpp"

namespace candour::cli {

// The provenance of one run of `resolved` (its seed included) made by
// `command_line` on `threads` worker threads, named `label` for analysis.
sim::io::Provenance run_provenance(const ResolvedScenario& resolved,
                                   const std::string& command_line, int threads,
                                   const std::string& label);

}  // namespace candour::cli
