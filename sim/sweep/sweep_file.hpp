#pragma once
// Sweep files (TOML): a base scenario, the axes to vary, a design, the number
// of replicates, the seed policy and what to keep. Reading checks the file's
// own structure; validate() then checks it against the base scenario's model
// (parameter names and ranges, metric names). Both report the first problem
// as a SweepError naming file, line and key, with the nearest valid name.
#include <cstddef>
#include <cstdint>
#include <filesystem>
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

// A problem in a sweep file. A kind of ScenarioError, so the command line
// reports both alike: what() is "<file>:<line>: <key>: <message>".
struct SweepError : io::ScenarioError {
  SweepError(const std::string& file, std::size_t line, const std::string& key,
             const std::string& message);
};

// A value given where it was written, for error messages.
template <class T>
struct Located {
  T value{};
  std::size_t line = 0;
};

// How a value was written: the sweep accepts for each parameter what a
// scenario file does (true/false for a boolean, no decimal point for an integer).
enum class Written { boolean, integer, real };

// An axis with the lines of its table, its parameter and its values.
struct AxisEntry {
  Axis value;
  std::size_t line = 0;            // [[axis]]
  std::size_t parameter_line = 0;  // parameter = ...
  std::size_t values_line = 0;     // values / linear / log / uniform / loguniform
  std::vector<Written> written;    // values: how each was written
};

// A fixed parameter value applied to the base scenario before the axes.
struct Setting {
  std::string parameter;
  double value = 0.0;
  std::size_t line = 0;
  Written written = Written::real;
};

struct SweepSpec {
  std::filesystem::path file;  // the sweep file as given
  std::string text;            // its text: provenance, and the check before resuming
  std::string title;
  Located<std::filesystem::path> scenario;  // base scenario, resolved against file's folder
  std::vector<Setting> settings;            // [set]
  std::vector<AxisEntry> axes;              // [[axis]], in file order
  Located<DesignSpec> design;               // [design]
  std::size_t replicates = 1;
  std::optional<std::uint64_t> seed;  // absent (or "base"): the base scenario's run.seed
  SeedPolicy seed_policy = SeedPolicy::common;
  std::vector<Located<std::string>> keep_series;  // system metrics kept as time series
  // What a report on the sweep shows first (metrics or statistics); read by
  // analysis/ from the sweep's text.
  std::vector<Located<std::string>> report;
};

// Reads and structurally checks a sweep file. Throws SweepError.
SweepSpec read_sweep_file(const std::filesystem::path& file);
// The same from text already read; `file` names it in messages and anchors
// the base scenario's relative path.
SweepSpec parse_sweep(const std::string& text, const std::filesystem::path& file);

// Checks the sweep against the base scenario's model: every axis and setting
// names a parameter (nearest name suggested), every value lies in the
// parameter's range and suits its type, and every kept series is a system
// metric. Fills in each axis's type and unit. Throws SweepError.
void validate(SweepSpec& spec, const ModelDefinition& model);

// The axes without their locations.
std::vector<Axis> axes_of(const SweepSpec& spec);

}  // namespace candour::sim::sweep
