// A scenario's parameter tables (read by the one TOML reader, with the
// scenario's keywords and timeline rules), and a chain of files merged base
// first.
#include <array>

#include "sim/io/scenario_detail.hpp"

namespace candour::sim::io::detail {
namespace {

// Top-level keys that are not parameters.
const std::array<std::string, 6> kKeywords = {"model",   "title",    "description",
                                              "extends", "timeline", "burn_in"};

}  // namespace

std::string structure_in_timeline(std::string_view name) {
  return in_quotes(name) +
         " is structure, built once when the run starts: a timeline cannot change it; set it at "
         "the top level of the scenario";
}

std::vector<Assignment> read_parameters(const toml::table& table, const ParameterRegistry& registry,
                                        const fs::path& file, Section section) {
  ParameterTableRules rules;
  if (section == Section::top_level) {
    rules.keywords = kKeywords;
  } else {
    rules.refuse = [section](const ParameterSpec& spec) -> std::optional<std::string> {
      if (section == Section::burn_in_set && spec.name.starts_with("run."))
        return in_quotes(spec.name) +
               " has no place in [burn_in]: the burn-in takes its levers from there and "
               "everything else (the run's length, seed, recording) from the run";
      if (spec.name.starts_with("run."))
        return in_quotes(spec.name) +
               " cannot change in a timeline: a run's length, seed and recording are fixed for "
               "the whole run; set it in the scenario's [run] table";
      if (section == Section::timeline_set && spec.structural)
        return structure_in_timeline(spec.name);
      return std::nullopt;
    };
  }
  return read_parameter_table(table, registry, file, rules);
}

FileContent read_content(const ChainFile& file, const ParameterRegistry& registry) {
  FileContent content;
  content.model = declared_string(file, "model");
  content.title = declared_string(file, "title");
  content.description = declared_string(file, "description");
  content.parameters = read_parameters(file.table, registry, file.path, Section::top_level);
  if (const toml::node* timeline = file.table.get("timeline"))
    content.timeline = read_timeline(*timeline, registry, file.path);
  if (const toml::node* burn_in = file.table.get("burn_in"))
    content.burn_in = read_burn_in(*burn_in, registry, file.path);
  return content;
}

ResolvedChain resolve_chain(const std::vector<ChainFile>& chain,
                            const ParameterRegistry& registry) {
  ResolvedChain resolved;
  for (const auto& link : chain)
    resolved.files.push_back(link.path);
  if (auto model = declared_model(chain))
    resolved.model = model->value;
  std::vector<FileContent> contents;
  for (const auto& link : chain)
    contents.push_back(read_content(link, registry));

  // Base first, so that the child's values win.
  resolved.parameters = registry.defaults();
  for (auto it = contents.rbegin(); it != contents.rend(); ++it)
    apply_assignments(resolved.parameters, it->parameters);
  for (std::size_t i = 0; i < contents.size(); ++i)
    for (const auto& assignment : contents[i].parameters)
      resolved.assignments.emplace_back(resolved.files[i], assignment);

  // Title, description, timeline and burn-in: the child-most file that declares them.
  bool title_found = false, description_found = false, timeline_found = false;
  for (auto& content : contents) {
    if (!title_found && content.title) {
      resolved.title = content.title->value;
      title_found = true;
    }
    if (!description_found && content.description) {
      resolved.description = content.description->value;
      description_found = true;
    }
    if (!timeline_found && content.timeline) {
      resolved.timeline = std::move(*content.timeline);
      timeline_found = true;
    }
    if (!resolved.burn_in && content.burn_in)
      resolved.burn_in = std::move(content.burn_in);
  }
  return resolved;
}

BurnInEntry read_burn_in(const toml::node& node, const ParameterRegistry& registry,
                         const fs::path& file) {
  BurnInEntry entry;
  entry.file = file;
  entry.line = line_of(node);
  if (const auto* text = node.as_string()) {
    if (text->get().empty())
      throw ScenarioError(file, entry.line, "burn_in",
                          "'burn_in' must not be empty: name the scenario whose levers the "
                          "burn-in runs under, e.g. burn_in = \"baseline.toml\"");
    entry.scenario = text->get();
  } else if (const auto* table = node.as_table()) {
    entry.set = read_parameters(*table, registry, file, Section::burn_in_set);
  } else {
    throw ScenarioError(file, entry.line, "burn_in",
                        "'burn_in' expects a scenario file name (a string) or a table of "
                        "parameters, got " +
                            describe(node));
  }
  return entry;
}

ParameterSet resolve_burn_in(const BurnInEntry& entry, const ParameterRegistry& registry,
                             std::vector<fs::path>& files_read) {
  if (entry.scenario) {
    const Reference by{entry.file, entry.line, "burn_in"};
    const fs::path path = (entry.file.parent_path() / *entry.scenario).lexically_normal();
    ResolvedChain named = resolve_chain(read_chain(path, &by), registry);
    for (const auto& link : named.files)
      files_read.push_back(link);
    return std::move(named.parameters);
  }
  ParameterSet set = registry.defaults();
  apply_assignments(set, *entry.set);
  return set;
}

}  // namespace candour::sim::io::detail
