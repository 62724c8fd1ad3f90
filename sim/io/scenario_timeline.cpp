// [[timeline]]: reforms from a given day. Each stage is resolved to the full
// parameter set in force from its day, so the engine needs no merging rules.
#include <algorithm>
#include <array>
#include <optional>
#include <tuple>

#include "sim/io/scenario_detail.hpp"

namespace candour::sim::io::detail {
namespace {

const std::array<std::string, 4> kStageKeys = {"day", "label", "scenario", "set"};

[[noreturn]] void fail(const fs::path& file, int line, const std::string& key,
                       const std::string& message) {
  throw ScenarioError(file, line, key, message);
}

// The parameter a key written straight into a stage stands for: toy.pull for
// `toy.pull = 0.3` (or a [timeline.toy] table holding pull), and for `pull =
// 0.3` when exactly one parameter is called ".pull".
std::optional<std::string> misplaced_parameter(const toml::node& node, const std::string& name,
                                               const ParameterRegistry& registry) {
  if (registry.find(name) != nullptr)
    return name;
  if (const auto* table = node.as_table()) {
    for (auto&& [key, value] : *table)
      if (auto found = misplaced_parameter(value, name + "." + std::string(key.str()), registry))
        return found;
    return std::nullopt;
  }
  std::optional<std::string> match;
  for (const auto& spec : registry.specs()) {
    if (spec.name.size() > name.size() && spec.name.ends_with("." + name)) {
      if (match)
        return std::nullopt;  // two parameters end that way: no guess
      match = spec.name;
    }
  }
  return match;
}

// Unknown keys of a stage, in file order; a parameter written straight into
// the stage gets a pointer to [timeline.set].
void check_stage_keys(const toml::table& stage, const ParameterRegistry& registry,
                      const fs::path& file) {
  std::vector<std::tuple<int, std::string, const toml::node*>> unknown;
  for (auto&& [key, node] : stage) {
    if (std::find(kStageKeys.begin(), kStageKeys.end(), key.str()) == kStageKeys.end())
      unknown.emplace_back(line_of(key), std::string(key.str()), &node);
  }
  if (unknown.empty())
    return;
  const auto& [line, key, node] = *std::min_element(unknown.begin(), unknown.end());
  if (const auto parameter = misplaced_parameter(*node, key, registry))
    fail(file, line, "timeline." + key,
         "unknown key " + in_quotes("timeline." + key) +
             "; parameters of a timeline stage go under [timeline.set]: write " + *parameter +
             " = ... below [timeline.set]");
  std::vector<std::string> words(kStageKeys.begin(), kStageKeys.end());
  fail(file, line, "timeline." + key,
       unknown_key_message("timeline." + key, "timeline." + nearest_word(key, words)));
}

const toml::node* stage_key(const toml::table& stage, std::string_view key) {
  return stage.get(key);
}

std::string stage_string(const toml::table& stage, std::string_view key, const fs::path& file) {
  const toml::node* node = stage_key(stage, key);
  const auto* text = node->as_string();
  if (text == nullptr)
    fail(file, line_of(*node), "timeline." + std::string(key),
         in_quotes("timeline." + std::string(key)) + " expects a string, got " + describe(*node));
  return text->get();
}

TimelineEntry read_stage(const toml::node& element, const ParameterRegistry& registry,
                         const fs::path& file) {
  const auto* stage = element.as_table();
  if (stage == nullptr)
    fail(file, line_of(element), "timeline",
         "each timeline stage must be a table ([[timeline]] with day = ...), got " +
             describe(element));
  check_stage_keys(*stage, registry, file);

  TimelineEntry entry;
  entry.file = file;
  entry.line = line_of(element);
  const toml::node* day = stage_key(*stage, "day");
  if (day == nullptr)
    fail(file, entry.line, "timeline.day",
         "timeline stage has no 'day' (the day of the run from which it applies)");
  if (const auto* n = day->as_integer()) {
    entry.day = n->get();
  } else {
    fail(file, line_of(*day), "timeline.day",
         "'timeline.day' expects an integer (a day of the run), got " + describe(*day));
  }
  entry.day_line = line_of(*day);
  entry.label = stage_key(*stage, "label") != nullptr ? stage_string(*stage, "label", file)
                                                      : "day " + std::to_string(entry.day);
  if (const toml::node* scenario = stage_key(*stage, "scenario")) {
    entry.scenario = stage_string(*stage, "scenario", file);
    entry.scenario_line = line_of(*scenario);
    if (entry.scenario->empty())
      fail(file, entry.scenario_line, "timeline.scenario", "'timeline.scenario' must not be empty");
  }
  if (const toml::node* set = stage_key(*stage, "set")) {
    const auto* table = set->as_table();
    if (table == nullptr)
      fail(file, line_of(*set), "timeline.set",
           "'timeline.set' expects a table of parameters ([timeline.set]), got " + describe(*set));
    entry.set = read_parameters(*table, registry, file, Section::timeline_set);
  }
  return entry;
}

bool is_run_key(std::string_view name) {
  return name.starts_with("run.");
}

}  // namespace

std::vector<TimelineEntry> read_timeline(const toml::node& node, const ParameterRegistry& registry,
                                         const fs::path& file) {
  const auto* stages = node.as_array();
  if (stages == nullptr)
    fail(file, line_of(node), "timeline",
         "'timeline' expects an array of tables, written [[timeline]] once per stage; got " +
             describe(node));
  std::vector<TimelineEntry> entries;
  for (const auto& element : *stages)
    entries.push_back(read_stage(element, registry, file));
  return entries;
}

std::vector<TimelineChange> resolve_timeline(const std::vector<TimelineEntry>& entries,
                                             const std::string& model, const ParameterSet& initial,
                                             const std::vector<Override>& overrides,
                                             const ParameterRegistry& registry,
                                             std::vector<fs::path>& files_read) {
  const Day days = initial.integer(run_keys::days);
  for (const auto& entry : entries) {
    if (entry.day < 1 || entry.day > days - 1)
      fail(entry.file, entry.day_line, "timeline.day",
           "timeline day " + std::to_string(entry.day) + " is outside the run: allowed [1, " +
               std::to_string(days - 1) + "] (run.days = " + std::to_string(days) + ")");
  }
  // Stable: of two stages on one day, the second written is the one reported.
  std::vector<const TimelineEntry*> sorted;
  for (const auto& entry : entries)
    sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->day < b->day; });
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i]->day == sorted[i - 1]->day)
      fail(sorted[i]->file, sorted[i]->day_line, "timeline.day",
           "two timeline stages on day " + std::to_string(sorted[i]->day) +
               ": this one and the one at " + sorted[i - 1]->file.string() + ":" +
               std::to_string(sorted[i - 1]->day_line) + "; merge them into one stage");
  }

  std::vector<TimelineChange> changes;
  ParameterSet current = initial;
  for (const auto* entry : sorted) {
    if (entry->scenario) {
      const Reference by{entry->file, entry->scenario_line, "timeline.scenario"};
      const fs::path path = (entry->file.parent_path() / *entry->scenario).lexically_normal();
      ResolvedChain named = resolve_chain(read_chain(path, &by), registry);
      for (const auto& link : named.files)
        files_read.push_back(link);
      // A stage file that names no model is taken to be for the main one.
      if (named.model && *named.model != model)
        fail(entry->file, entry->scenario_line, "timeline.scenario",
             "timeline scenario " + in_quotes(path.string()) + " is for model " +
                 in_quotes(*named.model) + ", but this scenario is for model " + in_quotes(model));
      // A stage's scenario brings its levers, not its structure: a value it
      // sets for a structure parameter must be the run's.
      for (const auto& [file, assignment] : named.assignments) {
        const auto* spec = registry.find(assignment.name);
        if (spec != nullptr && spec->structural &&
            assignment.value.real() != initial.real(assignment.name))
          fail(file, assignment.line, assignment.name,
               structure_in_timeline(assignment.name) + " (this file is the timeline scenario of " +
                   entry->file.string() + ":" + std::to_string(entry->scenario_line) +
                   "; the run has " + assignment.name + " = " +
                   initial.value(assignment.name).toml() + ")");
      }
      current = std::move(named.parameters);
      // A timeline cannot change the run's length, seed, recording or structure.
      for (const auto& [name, value] : initial.values()) {
        const auto* spec = registry.find(name);
        if (is_run_key(name) || (spec != nullptr && spec->structural))
          current.set(name, value);
      }
    }
    apply_assignments(current, entry->set);
    apply_overrides(current, overrides);  // the command line wins throughout
    changes.push_back({entry->day, entry->label, current});
  }
  return changes;
}

}  // namespace candour::sim::io::detail
