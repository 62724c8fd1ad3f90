// Fuzz target: the scenario reader and validator (sim/io/scenario*). Any
// bytes as a scenario file, read against the NHS and the toy registries,
// with a base file beside it to extend and a --set override taken from its
// first line. A bad input must give a ScenarioError; anything else thrown,
// and any crash or sanitizer report, is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sim/io/scenario.hpp"
#include "tests/fuzz/fuzz_models.hpp"

namespace {

namespace fs = std::filesystem;
using namespace candour;

// A folder of this process's own, with a base scenario to extend.
// Removed when the process ends.
struct Folder {
  fs::path p;
  Folder() {
    p = fs::temp_directory_path() / ("candour_fuzz_scenario_" + std::to_string(getpid()));
    fs::create_directories(p);
    std::ofstream(p / "base.toml") << "model = \"toy\"\n[toy]\npull = 0.2\n";
  }
  ~Folder() {
    std::error_code ignored;
    fs::remove_all(p, ignored);
  }
};

const fs::path& folder() {
  static const Folder folder;
  return folder.p;
}

const sim::ParameterRegistry& registry(bool nhs) {
  static const auto toy = sim::registry_for(fuzz::model("toy"));
  static const auto nhs_registry = sim::registry_for(fuzz::model("nhs"));
  return nhs ? nhs_registry : toy;
}

void load(const fs::path& file, bool nhs, const std::vector<std::string>& overrides) {
  try {
    const sim::io::ScenarioFiles files(file);
    const auto& reg = registry(nhs);
    sim::io::load_scenario(files, nhs ? "nhs" : "toy", reg,
                           sim::io::parse_overrides(overrides, reg));
  } catch (const sim::io::ScenarioError&) {
    // Bad input, reported as it should be.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const fs::path file = folder() / "scenario.toml";
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(text.data(), static_cast<std::streamsize>(size));
  for (bool nhs : {false, true})
    load(file, nhs, {});
  // The first line as a --set override of a real, an integer and a boolean.
  const std::string first(text.substr(0, text.find('\n')));
  for (const char* key : {"toy.pull=", "toy.agents=", "toy.enabled=", ""})
    load(file, false, {std::string(key) + first});
  return 0;
}
