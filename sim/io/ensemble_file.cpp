#include "sim/io/ensemble_file.hpp"

#include <fstream>
#include <sstream>

#include "sim/io/toml_reader.hpp"

namespace candour::sim::io {

namespace fs = std::filesystem;

CalibratedEnsemble read_ensemble(const fs::path& folder, const ParameterRegistry& registry) {
  CalibratedEnsemble ensemble{folder, folder / "ensemble.toml", {}};
  const auto& file = ensemble.file;
  if (!fs::is_directory(folder))
    throw ScenarioError(folder, 0, "",
                        "--ensemble expects a folder holding ensemble.toml (such as "
                        "scenarios/calibrated); this is not a folder");
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw ScenarioError(file, 0, "",
                        "cannot read the ensemble: no ensemble.toml in " + folder.string() +
                            " (scripts/calibrate writes it)");
  std::stringstream text;
  text << in.rdbuf();
  const auto table = parse_toml(text.str(), file);

  const auto* names = table.get("parameters");
  if (names == nullptr || !names->is_array())
    throw ScenarioError(file, names ? line_of(*names) : 0, "parameters",
                        "'parameters' expects a list of the calibrated parameters' names");
  std::vector<const ParameterSpec*> specs;
  for (const auto& node : *names->as_array()) {
    const auto* name = node.value<std::string>() ? &node : nullptr;
    if (name == nullptr)
      throw ScenarioError(file, line_of(node), "parameters",
                          "'parameters' holds " + describe(node) + "; expected names");
    const auto text_name = *node.value<std::string>();
    const auto* spec = registry.find(text_name);
    if (spec == nullptr)
      throw ScenarioError(
          file, line_of(node), "parameters",
          unknown_key_message(text_name, nearest_name(text_name, registry)) + " in 'parameters'");
    if (spec->kind == ParameterKind::setting)
      throw ScenarioError(
          file, line_of(node), "parameters",
          in_quotes(text_name) + " is a run setting, not something an ensemble can calibrate");
    specs.push_back(spec);
  }
  const auto* members = table.get("member");
  if (members == nullptr || !members->is_array_of_tables() || members->as_array()->empty())
    throw ScenarioError(file, members ? line_of(*members) : 0, "member",
                        "the ensemble has no [[member]] tables");
  std::size_t number = 0;
  for (const auto& node : *members->as_array()) {
    ++number;
    const auto& member = *node.as_table();
    const auto key = "member[" + std::to_string(number) + "].values";
    const auto* values = member.get("values");
    if (values == nullptr || !values->is_array())
      throw ScenarioError(file, line_of(node), key, in_quotes(key) + " expects a list of numbers");
    const auto& list = *values->as_array();
    if (list.size() != specs.size())
      throw ScenarioError(file, line_of(*values), key,
                          in_quotes(key) + " has " + std::to_string(list.size()) + " values for " +
                              std::to_string(specs.size()) + " parameters");
    std::vector<Override> overrides;
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const int line = line_of(list[i]);
      overrides.push_back(
          {specs[i]->name, parameter_value(*specs[i], list[i], file, line), file, line});
    }
    ensemble.members.push_back(std::move(overrides));
  }
  return ensemble;
}

}  // namespace candour::sim::io
