#pragma once
// Scenario files: TOML descriptions of one run (which model, how long, which
// seed, every parameter that differs from the defaults, and reforms from a
// given day), read strictly against a model's parameter registry. The format
// is documented for users in docs/scenarios.md.
//
// Nothing here writes a file: a caller can rely on a scenario being valid
// before it creates any output.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/engine.hpp"
#include "sim/core/parameters.hpp"

namespace candour::sim::io {

// A problem with a scenario: one clear message naming file, line and key.
// `line` is 0 when the problem is not on one line (an empty file, a --set
// option); `key` is empty when no key is involved (malformed TOML).
struct ScenarioError : std::runtime_error {
  std::filesystem::path file;
  int line = 0;
  std::string key;
  // what() is "<file>:<line>: <message>", or "<file>: <message>" for line 0.
  ScenarioError(std::filesystem::path file, int line, std::string key, const std::string& message);
};

// One run, fully resolved.
struct Scenario {
  std::filesystem::path file;                // as given
  std::string model = "nhs";                 // `model = "..."`, inherited through extends
  std::string title;                         // `title = "..."`, inherited through extends
  std::vector<std::filesystem::path> chain;  // the file and every file it extends, child first
  // Every file read: the chain, then each timeline stage's scenario and the
  // files it extends (an output must never be one of them).
  std::vector<std::filesystem::path> inputs;
  sim::ParameterSet parameters;  // registry defaults, then the chain (base first), then --set
  std::vector<sim::TimelineChange> timeline;  // sorted by day; each holds the full set from then on
  // The whole resolved scenario as TOML (every parameter, model, title and the
  // timeline), for provenance. Loading it gives the same model, title,
  // parameters and timeline.
  std::string resolved_toml;
};

// Only the model name (following extends), so the caller can pick the registry.
// Throws ScenarioError for a missing, unreadable or malformed file in the chain.
std::string read_model_name(const std::filesystem::path& file);

// Where the model is named: the child-most `model = "..."` of the chain, or
// the default model, file `file` and line 0, when no file names one.
struct ModelDeclaration {
  std::string name;
  std::filesystem::path file;
  int line = 0;
};
ModelDeclaration read_model_declaration(const std::filesystem::path& file);

// Reads, resolves and validates a scenario. `overrides` are "key=value" texts
// from the command line (--set); they win over the file and every timeline stage.
// Throws ScenarioError on the first problem found.
Scenario load_scenario(const std::filesystem::path& file, const sim::ParameterRegistry& registry,
                       const std::vector<std::string>& overrides = {});

// Reads the text of one value given on the command line for `spec` (used by
// --set, --days, --seed and by sweeps), written as in a TOML file: 0.3, 1e-3,
// 60, true. Checks type, finiteness and range; throws ScenarioError naming
// `origin` (the option) as its file, line 0.
double parse_value(const sim::ParameterSpec& spec, std::string_view text,
                   std::string_view origin = "--set");

}  // namespace candour::sim::io
