// Fuzz target: the sweep-file reader (sim/sweep/sweep_file) and what a sweep
// builds from it before running anything: validation against the model, the
// plan, its design, the file header and the size and memory estimates. A bad
// input must give a SweepError (a ScenarioError); anything else thrown, and
// any crash or sanitizer report, is a finding. Runs nothing.
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

#include "sim/sweep/run.hpp"
#include "sim/sweep/sweep_file.hpp"
#include "sim/sweep/sweep_plan.hpp"
#include "sim/sweep/sweep_store.hpp"
#include "tests/fuzz/fuzz_models.hpp"

namespace {

namespace fs = std::filesystem;
using namespace candour;
using namespace candour::sim::sweep;

// Designs the harness builds in full; larger ones (up to the sweep's own
// bound of 10^7 runs) are only checked, so that an input stays fast.
constexpr double kBuiltRuns = 1e4;

// A folder of this process's own, with base scenarios for both models.
// Removed when the process ends.
struct Folder {
  fs::path p;
  Folder() {
    p = fs::temp_directory_path() / ("candour_fuzz_sweep_" + std::to_string(getpid()));
    fs::create_directories(p);
    std::ofstream(p / "base.toml") << "model = \"toy\"\n[run]\ndays = 30\nrecord_every = 5\n"
                                      "[toy]\nagents = 100\n[[timeline]]\nday = 10\n"
                                      "[timeline.set]\ntoy.shock_rate = 0.2\n";
    std::ofstream(p / "nhs.toml") << "model = \"nhs\"\n[run]\ndays = 30\n";
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

const sim::ModelDefinition& lookup(const sim::io::ScenarioFiles& files) {
  return fuzz::model_of(files);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto spec = parse_sweep(text, folder() / "sweep.toml");
    if (point_count(spec.design.value, axes_of(spec)) * static_cast<double>(spec.replicates) >
        kBuiltRuns) {
      validate(spec, fuzz::model("toy"));
      return 0;
    }
    const SweepPlan plan(std::move(spec), lookup);
    const auto header = make_header(plan, "fuzz", "fuzz");
    if (header.runs() != plan.runs() || header.design.rows != plan.points())
      __builtin_trap();
    file_bytes(plan);
    run_memory_bytes(plan);
    for (std::size_t run = 0; run < plan.runs() && run < 4; ++run)
      plan.run_plan(run);
  } catch (const sim::io::ScenarioError&) {
    // Bad input, reported as it should be.
  }
  return 0;
}
