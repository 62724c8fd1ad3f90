#pragma once
// The named scenarios a page may pick: the *.toml files of one folder, each
// read and validated once when the server starts. A page names a scenario by
// its name only, never by a path.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cli/scenario_options.hpp"

namespace candour::cli::serve {

struct CatalogueEntry {
  std::string name;  // the file's stem: "mid_staffs"
  std::filesystem::path file;
  ResolvedScenario resolved;  // as the file says, without overrides
  std::size_t units = 0;      // per the model's footprint (0 if unknown)
};

class ScenarioCatalogue {
 public:
  // Reads every scenario in `folder` (not its sub-folders); a file that does
  // not validate is left out and its error kept in problems().
  explicit ScenarioCatalogue(const std::filesystem::path& folder);
  const std::vector<CatalogueEntry>& entries() const { return entries_; }
  const std::vector<std::string>& problems() const { return problems_; }
  // The entry named `name`, or nullptr.
  const CatalogueEntry* find(std::string_view name) const;
  // The nearest name to `name`, for a message.
  std::string nearest(std::string_view name) const;

 private:
  std::vector<CatalogueEntry> entries_;
  std::vector<std::string> problems_;
};

}  // namespace candour::cli::serve
