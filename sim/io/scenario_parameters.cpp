// Parameter tables: TOML tables and dotted keys mapped onto the registry's
// dotted names, every key checked, and a chain of files merged base first.
#include <algorithm>
#include <array>
#include <tuple>

#include "sim/io/scenario_detail.hpp"

namespace candour::sim::io::detail {
namespace {

// Top-level keys that are not parameters.
const std::array<std::string, 5> kKeywords = {"model", "title", "description", "extends",
                                              "timeline"};

bool is_keyword(std::string_view key) {
  return std::find(kKeywords.begin(), kKeywords.end(), key) != kKeywords.end();
}

// Every table name the registry implies ("a" and "a.b" for "a.b.c").
std::vector<std::string> table_names(const ParameterRegistry& registry, bool first_level_only) {
  std::vector<std::string> names;
  for (const auto& spec : registry.specs()) {
    for (auto dot = spec.name.find('.'); dot != std::string::npos;
         dot = spec.name.find('.', dot + 1)) {
      names.push_back(spec.name.substr(0, dot));
      if (first_level_only)
        break;
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

// A key found while walking the tables, checked afterwards in file order
// (toml++ keeps keys sorted by name, so the walk itself is not in file order).
struct Found {
  enum class Kind { value, table_for_parameter, empty_unknown_table };
  Kind kind = Kind::value;
  std::string name;
  const toml::node* node = nullptr;
  int line = 0;
  int column = 0;
};

void walk(const toml::table& table, const std::string& prefix, Section section,
          const ParameterRegistry& registry, std::vector<Found>& found) {
  for (auto&& [key, node] : table) {
    if (prefix.empty() && section == Section::top_level && is_keyword(key.str()))
      continue;
    std::string name =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    const auto where = node.source().begin;
    Found item{Found::Kind::value, name, &node, static_cast<int>(where.line),
               static_cast<int>(where.column)};
    if (const auto* sub = node.as_table()) {
      if (registry.find(name) != nullptr) {
        item.kind = Found::Kind::table_for_parameter;
      } else if (sub->empty()) {
        if (is_table_name(registry, name))
          continue;  // an empty known table says nothing
        item.kind = Found::Kind::empty_unknown_table;
      } else {
        // An unknown table with keys is reported at its first key, with the
        // nearest full name: [pressur] target_stringency finds pressure.target_stringency.
        walk(*sub, name, section, registry, found);
        continue;
      }
    }
    found.push_back(std::move(item));
  }
}

[[noreturn]] void reject(const fs::path& file, const Found& item, const std::string& message) {
  throw ScenarioError(file, item.line, item.name, message);
}

}  // namespace

std::string structure_in_timeline(std::string_view name) {
  return in_quotes(name) +
         " is structure, built once when the run starts: a timeline cannot change it; set it at "
         "the top level of the scenario";
}

bool is_table_name(const ParameterRegistry& registry, std::string_view name) {
  return std::any_of(registry.specs().begin(), registry.specs().end(), [&](const auto& spec) {
    return spec.name.size() > name.size() && spec.name.starts_with(name) &&
           spec.name[name.size()] == '.';
  });
}

std::vector<Assignment> read_parameters(const toml::table& table, const ParameterRegistry& registry,
                                        const fs::path& file, Section section) {
  std::vector<Found> found;
  walk(table, "", section, registry, found);
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });

  std::vector<Assignment> assignments;
  for (const auto& item : found) {
    const ParameterSpec* spec = registry.find(item.name);
    switch (item.kind) {
      case Found::Kind::table_for_parameter:
        to_parameter_value(*spec, *item.node, file, item.line);  // throws: wrong type
        break;
      case Found::Kind::empty_unknown_table: {
        std::string message = "unknown table [" + item.name + "]";
        auto tables = table_names(registry, false);
        if (auto near = nearest_word(item.name, tables); !near.empty())
          message += "; did you mean [" + near + "]?";
        reject(file, item, message);
      }
      case Found::Kind::value:
        if (spec == nullptr) {
          if (is_table_name(registry, item.name))
            reject(file, item,
                   in_quotes(item.name) + " is a table of parameters, not a value (write [" +
                       item.name + "] with its keys below it); got " + describe(*item.node));
          const bool top_level_key =
              section == Section::top_level && item.name.find('.') == std::string::npos;
          std::vector<std::string> words;
          if (top_level_key) {
            words.assign(kKeywords.begin(), kKeywords.end());
            auto tables = table_names(registry, true);
            words.insert(words.end(), tables.begin(), tables.end());
          }
          reject(file, item,
                 unknown_key_message(item.name, nearest_name(item.name, registry, words)));
        }
        if (section == Section::timeline_set && item.name.starts_with("run."))
          reject(file, item,
                 in_quotes(item.name) +
                     " cannot change in a timeline: a run's length, seed and recording are fixed "
                     "for the whole run; set it in the scenario's [run] table");
        if (section == Section::timeline_set && spec->structural)
          reject(file, item, structure_in_timeline(item.name));
        assignments.push_back(
            {item.name, to_parameter_value(*spec, *item.node, file, item.line), item.line});
        break;
    }
  }
  return assignments;
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

ResolvedChain resolve_chain(const fs::path& file, const ParameterRegistry& registry,
                            const Reference* by) {
  ResolvedChain resolved;
  resolved.files = read_chain(file, by);
  if (auto model = declared_model(resolved.files))
    resolved.model = model->value;
  std::vector<FileContent> contents;
  for (const auto& link : resolved.files)
    contents.push_back(read_content(link, registry));

  // Base first, so that the child's values win.
  resolved.parameters = registry.defaults();
  for (auto it = contents.rbegin(); it != contents.rend(); ++it)
    apply_assignments(resolved.parameters, it->parameters);
  for (std::size_t i = 0; i < contents.size(); ++i)
    for (const auto& assignment : contents[i].parameters)
      resolved.assignments.emplace_back(resolved.files[i].path, assignment);

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
