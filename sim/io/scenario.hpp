#pragma once
// Scenario files: TOML descriptions of one run (which model, how long, which
// seed, every parameter that differs from the defaults, and reforms from a
// given day), read strictly against a model's parameter registry. The format
// is documented for users in docs/scenarios.md.
//
// Nothing here writes a file: a caller can rely on a scenario being valid
// before it creates any output.
#include <filesystem>
#include <memory>
#include <optional>
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
  std::string message;  // what() without the location
  // what() is "<file>:<line>: <message>", or "<file>: <message>" for line 0.
  ScenarioError(std::filesystem::path file, int line, std::string key, const std::string& message);
};

// One run, fully resolved.
struct Scenario {
  std::filesystem::path file;                // as given
  std::string model;                         // the model it was read for
  std::string title;                         // `title = "..."`, inherited through extends
  std::optional<std::string> description;    // `description = "..."`, likewise
  std::vector<std::filesystem::path> chain;  // the file and every file it extends, child first
  // Every file read: the chain, then each timeline stage's scenario and the
  // files it extends (an output must never be one of them).
  std::vector<std::filesystem::path> inputs;
  sim::ParameterSet parameters;  // registry defaults, then the chain (base first), then --set
  std::vector<sim::TimelineChange> timeline;  // sorted by day; each holds the full set from then on
  // The parameters whose levers the burn-in runs under: the scenario named by
  // `burn_in` (inherited through extends), resolved; absent when no file of the
  // chain names one (the model's defaults then).
  std::optional<sim::ParameterSet> burn_in;
  // The whole resolved scenario as TOML (every parameter, model, title and the
  // timeline), for provenance. Loading it gives the same model, title,
  // parameters and timeline.
  std::string resolved_toml;
};

// Where a scenario's chain names its model: the child-most `model = "..."`.
struct ModelDeclaration {
  std::string name;
  std::filesystem::path file;
  int line = 0;
};

namespace detail {
struct ChainFiles;
}

// A scenario file and every file it extends, each read and parsed once:
// enough to see which model it is for before its parameters are read.
// Throws ScenarioError for a missing, unreadable, malformed or empty file in
// the chain, a cycle, or two files naming different models.
class ScenarioFiles {
 public:
  explicit ScenarioFiles(const std::filesystem::path& file);
  const std::filesystem::path& file() const { return file_; }
  // The model the chain names; nullopt when no file names one (the caller
  // chooses, e.g. the command's default model).
  const std::optional<ModelDeclaration>& model() const { return model_; }
  const detail::ChainFiles& chain() const { return *chain_; }

 private:
  std::filesystem::path file_;
  std::shared_ptr<const detail::ChainFiles> chain_;
  std::optional<ModelDeclaration> model_;
};

// A value given outside the scenario's files (--set, --days, --seed, a
// sweep's [set]), already checked against the registry. It wins over the
// files and over every timeline stage.
struct Override {
  std::string name;
  sim::ParameterValue value;
  std::filesystem::path origin;  // the option ("--set") or the file that gives it
  int line = 0;                  // 0 for an option
};

// Reads, resolves and validates a scenario for `model` (whose registry is
// `registry`). Throws ScenarioError on the first problem found.
Scenario load_scenario(const ScenarioFiles& files, const std::string& model,
                       const sim::ParameterRegistry& registry,
                       const std::vector<Override>& overrides = {});

// The engine's plan for a run of `scenario`: its parameters, timeline and
// burn-in levers. Every caller that runs a loaded scenario builds its plan
// here, so none can drop a part of it (the burn-in, say).
sim::RunPlan run_plan(const Scenario& scenario, int threads, sim::StopFn stop = {});

// The resolved TOML of `scenario` as it stands (Scenario::resolved_toml is
// this at loading): for a caller that adds timeline stages to a loaded
// scenario (the explorer of `candour serve`, when a lever moves mid-run), so
// that its record still reproduces the run.
std::string resolved_scenario_toml(const Scenario& scenario,
                                   const sim::ParameterRegistry& registry);

// The resolved TOML without its first line, the comment naming the file it
// was read from: what the run depends on. Two spellings of one path
// (sw/../a.toml, /abs/a.toml), or two copies of one file, give the same
// content, so a sweep started with one resumes with the other.
std::string_view resolved_toml_content(std::string_view resolved_toml);

// Reads one value for `spec` given as text on the command line (--set,
// --days, --seed), written as in a TOML file: 0.3, 1e-3, 60, true. Checks
// type, finiteness and range; throws ScenarioError naming `origin` (the
// option) as its file, line 0.
sim::ParameterValue parse_value(const sim::ParameterSpec& spec, std::string_view text,
                                std::string_view origin = "--set");

// The value `text` for the parameter `name`, from `origin` (an option, a
// page): an unknown name is reported with the nearest valid one, the value
// read as parse_value reads it. Throws ScenarioError naming `origin`.
Override parse_override(const sim::ParameterRegistry& registry, std::string_view name,
                        std::string_view text, std::string_view origin);

// "key=value" texts of --set, each checked against the registry.
std::vector<Override> parse_overrides(const std::vector<std::string>& texts,
                                      const sim::ParameterRegistry& registry);

}  // namespace candour::sim::io
