#include "cli/run_provenance.hpp"

#include <unistd.h>

#include "candour/build_info.hpp"

namespace candour::cli {
namespace {

std::string host_name() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0)
    return "unknown";
  return buffer;
}

}  // namespace

sim::io::Provenance run_provenance(const ResolvedScenario& resolved,
                                   const std::string& command_line, int threads,
                                   const std::string& label) {
  const auto& scenario = resolved.scenario;
  sim::io::Provenance provenance;
  provenance.candour_version = build_info::version;
  provenance.git_commit = build_info::git_commit;
  provenance.model = resolved.model->name;
  provenance.scenario_file = scenario.file.string();
  provenance.title = scenario.title.empty() ? scenario.file.stem().string() : scenario.title;
  provenance.label = label;
  provenance.scenario_toml = scenario.resolved_toml;
  provenance.command_line = command_line;
  provenance.host = host_name();
  provenance.seed = static_cast<std::uint64_t>(scenario.parameters.integer(sim::run_keys::seed));
  provenance.threads = threads;
  provenance.ranks = 1;
  for (const auto& f : scenario.chain)
    provenance.extends_chain.push_back(f.string());
  return provenance;
}

}  // namespace candour::cli
