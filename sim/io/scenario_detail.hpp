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

#include <toml++/toml.h>

#include "sim/io/scenario.hpp"

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

// A string-valued top-level key (model, title, description, extends).
struct Declared {
  std::string value;
  fs::path file;
  int line = 0;
};

// One parameter value read from a file, already checked.
struct Assignment {
  std::string name;
  double value = 0.0;
  int line = 0;
};

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

// What one file says, checked against the registry (timeline not yet resolved).
struct FileContent {
  std::optional<Declared> model, title, description;
  std::vector<Assignment> parameters;                  // in file order
  std::optional<std::vector<TimelineEntry>> timeline;  // present if the file declares one
};

// A chain resolved to its parameters (defaults, then base first, child last).
struct ResolvedChain {
  std::vector<ChainFile> files;      // child first
  std::optional<std::string> model;  // as declared in the chain, if it is
  std::string title;
  std::optional<std::string> description;
  ParameterSet parameters;
  std::vector<TimelineEntry> timeline;  // from the child-most file that declares one
  // Every parameter the chain's files assign, with the file that assigns it.
  std::vector<std::pair<fs::path, Assignment>> assignments;
};

// --- scenario_values: describing nodes in messages ---------------------------
int line_of(const toml::node& node);
int line_of(const toml::key& key);
std::string format_number(double value);       // shortest text that reads back exactly
std::string describe(const toml::node& node);  // "a string (\"0.6\")", "a float (2.5)", ...
std::string in_quotes(std::string_view name);  // 'name'

// --- scenario_values: one value for one parameter -----------------------------
// Checks type, finiteness and range of `node` for `spec`; errors name file and line.
double to_parameter_value(const ParameterSpec& spec, const toml::node& node, const fs::path& file,
                          int line);
// The nearest valid name to `name`: a registry name or one of `words`.
std::string nearest_name(std::string_view name, const ParameterRegistry& registry,
                         std::span<const std::string> words = {});
// The nearest of `words` to `name` (empty if there are none).
std::string nearest_word(std::string_view name, std::span<const std::string> words);
std::string unknown_key_message(std::string_view name, std::string_view suggestion);

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
inline constexpr const char* kDefaultModel = "nhs";

// --- scenario_parameters: parameter tables ------------------------------------
enum class Section { top_level, timeline_set };
// True if `name` is a table of parameters, e.g. "pressure" for "pressure.target_stringency".
bool is_table_name(const ParameterRegistry& registry, std::string_view name);
// Every parameter in `table`, checked, in file order. At top level the keys
// model, title, description, extends and timeline are skipped (read elsewhere);
// in a timeline's `set`, run.* keys are refused.
std::vector<Assignment> read_parameters(const toml::table& table, const ParameterRegistry& registry,
                                        const fs::path& file, Section section);
// The refusal of a structure parameter (ParameterSpec::structural) in a timeline stage.
std::string structure_in_timeline(std::string_view name);
// Everything one file declares, checked.
FileContent read_content(const ChainFile& file, const ParameterRegistry& registry);
// Reads a chain and resolves its parameters (no --set, timeline not resolved).
ResolvedChain resolve_chain(const fs::path& file, const ParameterRegistry& registry,
                            const Reference* by);

// --- scenario_timeline: [[timeline]] -----------------------------------------
std::vector<TimelineEntry> read_timeline(const toml::node& node, const ParameterRegistry& registry,
                                         const fs::path& file);
// Stages in day order, each holding its full parameter set (see docs/scenarios.md).
// Appends every file a stage's `scenario` reads to `files_read`.
std::vector<TimelineChange> resolve_timeline(const std::vector<TimelineEntry>& entries,
                                             const std::string& model, const ParameterSet& initial,
                                             const std::vector<Assignment>& overrides,
                                             const ParameterRegistry& registry,
                                             std::vector<fs::path>& files_read);

// --- scenario_resolved: the resolved scenario as TOML -------------------------
std::string resolved_toml(const Scenario& scenario, const std::optional<std::string>& description,
                          const ParameterRegistry& registry);

// --- scenario.cpp: --set ------------------------------------------------------
std::vector<Assignment> parse_overrides(const std::vector<std::string>& overrides,
                                        const ParameterRegistry& registry);
void apply_assignments(ParameterSet& set, const std::vector<Assignment>& assignments);

}  // namespace candour::sim::io::detail
