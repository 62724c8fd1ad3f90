#pragma once
// Internals of the scenario reader, shared by its source files only: toml++
// stays out of sim/io/scenario.hpp so that the command line and the sweep code
// do not compile it.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/io/scenario.hpp"
#include "sim/io/toml_reader.hpp"

namespace candour::sim::io::detail {

namespace fs = std::filesystem;

// Where a file was named from (an `extends` or a timeline `scenario` key), so
// that a missing file is reported at the line that names it.
struct Reference {
  fs::path file;
  int line = 0;
  std::string key;
};

// One file of an extends chain, parsed.
struct ChainFile {
  fs::path path;  // as given, or the referencing file's folder / the named path
  toml::table table;
};

// A whole chain, child first.
struct ChainFiles {
  std::vector<ChainFile> files;
};

// A string-valued top-level key (model, title, description, extends).
struct Declared {
  std::string value;
  fs::path file;
  int line = 0;
};

using Assignment = ParameterAssignment;

// One [[timeline]] entry as written (not yet resolved against the run).
struct TimelineEntry {
  fs::path file;  // the file that declares it (relative `scenario` paths start there)
  int line = 0;
  Day day = 0;
  int day_line = 0;
  std::string label;
  std::optional<std::string> scenario;
  int scenario_line = 0;
  std::vector<Assignment> set;
};

// A `burn_in` key as written: a scenario file to take the burn-in's levers
// from, or a [burn_in] table of parameters (as the resolved TOML writes it).
struct BurnInEntry {
  fs::path file;  // the file that declares it (a relative scenario path starts there)
  int line = 0;
  std::optional<std::string> scenario;
  std::optional<std::vector<Assignment>> set;
};

// What one file says, checked against the registry (timeline not yet resolved).
struct FileContent {
  std::optional<Declared> model, title, description;
  std::vector<Assignment> parameters;                  // in file order
  std::optional<std::vector<TimelineEntry>> timeline;  // present if the file declares one
  std::optional<BurnInEntry> burn_in;                  // present if the file declares one
};

// A chain resolved to its parameters (defaults, then base first, child last).
struct ResolvedChain {
  std::vector<fs::path> files;       // child first
  std::optional<std::string> model;  // as declared in the chain, if it is
  std::string title;
  std::optional<std::string> description;
  ParameterSet parameters;
  std::vector<TimelineEntry> timeline;  // from the child-most file that declares one
  // Every parameter the chain's files assign, with the file that assigns it.
  std::vector<std::pair<fs::path, Assignment>> assignments;
  std::optional<BurnInEntry> burn_in;  // from the child-most file that declares one
};

// --- scenario_files: reading files and extends chains -------------------------
// Reads and parses one scenario file; a missing file is reported at `by` if given.
toml::table read_scenario_file(const fs::path& file, const Reference* by);
// The most files an extends chain may have, the scenario itself included.
inline constexpr std::size_t kMaxExtendsChain = 32;
// The file and every file it extends, child first; checks cycles and length.
std::vector<ChainFile> read_chain(const fs::path& file, const Reference* by);
// A top-level string key, type-checked.
std::optional<Declared> declared_string(const ChainFile& file, std::string_view key);
// The chain's model: the child-most declaration, if any; bases must agree.
std::optional<Declared> declared_model(const std::vector<ChainFile>& chain);

// --- scenario_parameters: parameter tables ------------------------------------
enum class Section { top_level, timeline_set, burn_in_set };
// Every parameter in `table`, checked, in file order. At top level the keys
// model, title, description, extends and timeline are skipped (read elsewhere);
// in a timeline's `set`, run.* keys are refused.
std::vector<Assignment> read_parameters(const toml::table& table, const ParameterRegistry& registry,
                                        const fs::path& file, Section section);
// The refusal of a structure parameter (ParameterSpec::structural) in a timeline stage.
std::string structure_in_timeline(std::string_view name);
// Everything one file declares, checked.
FileContent read_content(const ChainFile& file, const ParameterRegistry& registry);
// Resolves a chain's parameters (no overrides, timeline not resolved).
ResolvedChain resolve_chain(const std::vector<ChainFile>& chain, const ParameterRegistry& registry);

// `burn_in`: the scenario (or table) whose levers the burn-in runs under.
BurnInEntry read_burn_in(const toml::node& node, const ParameterRegistry& registry,
                         const fs::path& file);
// The full parameter set it names (defaults, then the named chain or the table).
// Appends every file a named scenario reads to `files_read`.
ParameterSet resolve_burn_in(const BurnInEntry& entry, const ParameterRegistry& registry,
                             std::vector<fs::path>& files_read);

// --- scenario_timeline: [[timeline]] -----------------------------------------
std::vector<TimelineEntry> read_timeline(const toml::node& node, const ParameterRegistry& registry,
                                         const fs::path& file);
// Stages in day order, each holding its full parameter set (see docs/scenarios.md).
// Appends every file a stage's `scenario` reads to `files_read`.
std::vector<TimelineChange> resolve_timeline(const std::vector<TimelineEntry>& entries,
                                             const std::string& model, const ParameterSet& initial,
                                             const std::vector<Override>& overrides,
                                             const ParameterRegistry& registry,
                                             std::vector<fs::path>& files_read);

// --- scenario_resolved: the resolved scenario as TOML -------------------------
std::string resolved_toml(const Scenario& scenario, const std::optional<std::string>& description,
                          const ParameterRegistry& registry);

// --- scenario.cpp ---------------------------------------------------------------
void apply_assignments(ParameterSet& set, const std::vector<Assignment>& assignments);
void apply_overrides(ParameterSet& set, const std::vector<Override>& overrides);

}  // namespace candour::sim::io::detail
