#pragma once
// Sweep files (TOML): a base scenario, the axes to vary, a design, the number
// of replicates, the seed policy and what to keep. Reading checks the file's
// own structure; validate() then checks it against the base scenario's model
// (parameter names, types and ranges, metric names). Both use the one TOML
// reader of scenario files (sim/io/toml_reader.hpp) and report the first
// problem as a scenario file would: naming file, line and key, with the
// nearest valid name.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/model.hpp"
#include "sim/io/scenario.hpp"
#include "sim/sweep/axis.hpp"
#include "sim/sweep/design.hpp"
#include "sim/sweep/seeds.hpp"

namespace candour::sim::sweep {

// A problem in a sweep file: the same error as a scenario file's, so the
// command line reports both alike ("<file>:<line>: <message>").
using SweepError = io::ScenarioError;

// A value given where it was written, for error messages.
template <class T>
struct Located {
  T value{};
  std::size_t line = 0;
};

// An axis with the lines of its table, its parameter and its values.
struct AxisEntry {
  Axis value;
  std::size_t line = 0;            // [[axis]]
  std::size_t parameter_line = 0;  // parameter = ...
  std::size_t values_line = 0;     // values / linear / log / uniform / loguniform
};

// The parsed file, kept so that validate() reads [set] and an axis's values
// against their parameters with the scenario reader itself (sweep_file.cpp).
struct SweepDocument;

struct SweepSpec {
  std::filesystem::path file;  // the sweep file as given
  std::string text;            // its text: provenance, and the check before resuming
  std::string title;
  Located<std::filesystem::path> scenario;  // base scenario, resolved against file's folder
  // [set]: fixed values applied to the base scenario (as --set would be),
  // typed and checked by validate().
  std::vector<io::Override> settings;
  std::vector<AxisEntry> axes;  // [[axis]], in file order
  Located<DesignSpec> design;   // [design]
  std::size_t replicates = 1;
  std::optional<std::uint64_t> seed;  // absent (or "base"): the base scenario's run.seed
  SeedPolicy seed_policy = SeedPolicy::common;
  std::vector<Located<std::string>> keep_series;  // system metrics kept as time series
  // What a report on the sweep shows first (metrics or statistics); read by
  // analysis/ from the sweep's text.
  std::vector<Located<std::string>> report;
  std::shared_ptr<const SweepDocument> document;
};

// Reads and structurally checks a sweep file. Throws SweepError.
SweepSpec read_sweep_file(const std::filesystem::path& file);
// The same from text already read; `file` names it in messages and anchors
// the base scenario's relative path.
SweepSpec parse_sweep(const std::string& text, const std::filesystem::path& file);

// Checks the sweep against the base scenario's model: every axis and setting
// names a parameter (nearest name suggested), every value lies in the
// parameter's range and is written as its type is in a scenario file, and
// every kept series is a system metric. Fills in the settings and each
// axis's type and unit. Throws SweepError.
void validate(SweepSpec& spec, const ModelDefinition& model);

// The axes without their locations.
std::vector<Axis> axes_of(const SweepSpec& spec);

}  // namespace candour::sim::sweep
