#include "cli/serve/scenario_catalogue.hpp"

#include <algorithm>

namespace candour::cli::serve {

ScenarioCatalogue::ScenarioCatalogue(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error))
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    try {
      ScenarioOptions options;
      options.file = file.string();
      CatalogueEntry entry{file.stem().string(), file, resolve_scenario(options), 0};
      if (entry.resolved.model->footprint)
        entry.units = entry.resolved.model->footprint(entry.resolved.scenario.parameters).units;
      entries_.push_back(std::move(entry));
    } catch (const sim::io::ScenarioError& e) {
      problems_.push_back(e.what());
    }
  }
}

const CatalogueEntry* ScenarioCatalogue::find(std::string_view name) const {
  for (const auto& entry : entries_)
    if (entry.name == name)
      return &entry;
  return nullptr;
}

std::string ScenarioCatalogue::nearest(std::string_view name) const {
  std::string best;
  std::size_t best_distance = 0;
  for (const auto& entry : entries_) {
    const auto distance = sim::edit_distance(name, entry.name);
    if (best.empty() || distance < best_distance) {
      best = entry.name;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace candour::cli::serve
