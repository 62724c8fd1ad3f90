#pragma once
// Helpers for the scenario tests: a scratch folder of scenario files, the toy
// model's registry, and catching the one ScenarioError a bad input gives.
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/toy/toy_model.hpp"
#include "sim/io/scenario.hpp"

namespace candour::testing {

namespace fs = std::filesystem;

inline const sim::ParameterRegistry& toy_registry() {
  static const sim::ParameterRegistry registry = sim::registry_for(models::toy_model());
  return registry;
}

inline fs::path scenario_data() {
  return CANDOUR_SCENARIO_DATA;
}

// A fresh folder under the system's temporary folder, removed afterwards.
class ScratchFolder {
 public:
  ScratchFolder() {
    std::string pattern = (fs::temp_directory_path() / "candour_scenario_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("cannot create a temporary folder");
    path_ = pattern;
  }
  ~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  // Writes `text` to `name` (folders created as needed) and returns its path.
  fs::path write(const std::string& name, const std::string& text) const {
    fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Loads `file` for the toy model (or the model it names), with --set texts.
inline sim::io::Scenario load_toy(const fs::path& file, const std::vector<std::string>& sets = {}) {
  const sim::io::ScenarioFiles files(file);
  const auto registry = toy_registry();
  return sim::io::load_scenario(files, files.model() ? files.model()->name : "toy", registry,
                                sim::io::parse_overrides(sets, registry));
}

// The model `file` names (following extends), or "" when it names none.
inline std::string model_named(const fs::path& file) {
  const sim::io::ScenarioFiles files(file);
  return files.model() ? files.model()->name : "";
}

// The error loading `file` gives; fails the test if it loads.
inline sim::io::ScenarioError load_error(const fs::path& file,
                                         const std::vector<std::string>& sets = {}) {
  try {
    load_toy(file, sets);
  } catch (const sim::io::ScenarioError& error) {
    return error;
  }
  FAIL("expected a ScenarioError loading " << file);
  throw std::logic_error("unreachable");
}

// Checks the error names file, line and key, and that what() leads with them.
inline void check_location(const sim::io::ScenarioError& error, const fs::path& file, int line,
                           const std::string& key) {
  INFO(error.what());
  CHECK(error.file == file);
  CHECK(error.line == line);
  CHECK(error.key == key);
  std::string prefix = file.string();
  if (line > 0) {  // two appends: "x" + string draws a false -Wrestrict from GCC 12 at -O3
    prefix += ':';
    prefix += std::to_string(line);
  }
  prefix += ": ";
  CHECK(std::string(error.what()).rfind(prefix, 0) == 0);
}

}  // namespace candour::testing
