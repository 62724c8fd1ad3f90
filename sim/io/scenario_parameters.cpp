// A scenario's parameter tables (read by the one TOML reader, with the
// scenario's keywords and timeline rules), and a chain of files merged base
// first.
#include <array>

#include "sim/io/scenario_detail.hpp"

namespace candour::sim::io::detail {
namespace {

// Top-level keys that are not parameters.
const std::array<std::string, 5> kKeywords = {"model", "title", "description", "extends",
                                              "timeline"};

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
    rules.refuse = [](const ParameterSpec& spec) -> std::optional<std::string> {
      if (spec.name.starts_with("run."))
        return in_quotes(spec.name) +
               " cannot change in a timeline: a run's length, seed and recording are fixed for "
               "the whole run; set it in the scenario's [run] table";
      if (spec.structural)
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

  // Title, description and timeline: the child-most file that declares them.
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
  }
  return resolved;
}

}  // namespace candour::sim::io::detail
