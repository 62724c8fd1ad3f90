#include "tests/validation/harness/replicates.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "sim/io/scenario.hpp"

namespace candour::validation {

Scale validation_scale() {
  const char* value = std::getenv("CANDOUR_VALIDATION_SCALE");
  if (value == nullptr || std::string_view(value).empty() || std::string_view(value) == "ci")
    return Scale::ci;
  if (std::string_view(value) == "full")
    return Scale::full;
  throw std::invalid_argument(
      std::string("CANDOUR_VALIDATION_SCALE must be 'ci' or 'full', not '") + value + "'");
}

const char* scale_name(Scale scale) {
  return scale == Scale::full ? "full" : "ci";
}

namespace {

// key=value texts checked against the registry exactly as --set checks them.
void apply(sim::ParameterSet& set, const sim::ParameterRegistry& registry,
           const std::vector<std::string>& overrides) {
  for (const auto& given : sim::io::parse_overrides(overrides, registry))
    set.set(given.name, given.value);
}

}  // namespace

RunRecipe load_recipe(const std::filesystem::path& scenario, const sim::ModelDefinition& model,
                      const std::vector<std::string>& overrides, std::string label) {
  const sim::io::ScenarioFiles files(scenario);
  if (files.model() && files.model()->name != model.name)
    throw std::invalid_argument(scenario.string() + " is for model '" + files.model()->name +
                                "', not '" + model.name + "'");
  const auto registry = sim::registry_for(model);
  const auto loaded = sim::io::load_scenario(files, model.name, registry,
                                             sim::io::parse_overrides(overrides, registry));
  return {label.empty() ? scenario.stem().string() : std::move(label), loaded.parameters,
          loaded.timeline, loaded.burn_in};
}

RunRecipe default_recipe(const sim::ModelDefinition& model,
                         const std::vector<std::string>& overrides, std::string label) {
  const auto registry = sim::registry_for(model);
  RunRecipe recipe{label.empty() ? "defaults" : std::move(label), registry.defaults(), {}};
  apply(recipe.parameters, registry, overrides);
  return recipe;
}

RunRecipe with_overrides(const RunRecipe& recipe, const sim::ModelDefinition& model,
                         const std::vector<std::string>& overrides, std::string label) {
  const auto registry = sim::registry_for(model);
  RunRecipe out = recipe;
  if (!label.empty())
    out.label = std::move(label);
  apply(out.parameters, registry, overrides);
  for (auto& stage : out.timeline)
    apply(stage.parameters, registry, overrides);
  return out;
}

std::uint64_t replicate_seed(std::uint64_t base, int replicate) {
  return base + static_cast<std::uint64_t>(replicate);
}

MetricRecorder run_once(const sim::ModelDefinition& model, const RunRecipe& recipe,
                        std::uint64_t seed, const std::vector<std::string>& metrics, sim::Day days,
                        sim::Day record_every) {
  sim::RunPlan plan;
  plan.parameters = recipe.parameters;
  plan.timeline = recipe.timeline;
  plan.threads = 1;
  plan.burn_in = recipe.burn_in;
  auto settle = [&](sim::ParameterSet& set) {
    set.set(sim::run_keys::seed, static_cast<double>(seed));
    if (days > 0)
      set.set(sim::run_keys::days, static_cast<double>(days));
    set.set(sim::run_keys::record_every, static_cast<double>(record_every));
    // Nothing is written to disk; a flush is a no-op for this sink.
    set.set(sim::run_keys::flush_every, 36500.0);
  };
  settle(plan.parameters);
  for (auto& stage : plan.timeline)
    settle(stage.parameters);
  MetricRecorder recorder(metrics);
  sim::run_simulation(model, plan, recorder);
  return recorder;
}

std::vector<std::vector<MetricRecorder>> run_replicates(const sim::ModelDefinition& model,
                                                        const std::vector<RunRecipe>& recipes,
                                                        Budget budget, std::uint64_t base_seed,
                                                        const std::vector<std::string>& metrics,
                                                        sim::Day record_every) {
  const auto r = static_cast<std::size_t>(budget.replicates);
  auto flat = run_in_parallel<MetricRecorder>(recipes.size() * r, [&](std::size_t i) {
    return run_once(model, recipes[i / r], replicate_seed(base_seed, static_cast<int>(i % r)),
                    metrics, budget.days, record_every);
  });
  std::vector<std::vector<MetricRecorder>> out(recipes.size());
  for (std::size_t i = 0; i < flat.size(); ++i)
    out[i / r].push_back(std::move(flat[i]));
  return out;
}

std::vector<double> per_replicate(const std::vector<MetricRecorder>& runs,
                                  const std::function<double(const MetricRecorder&)>& summary) {
  std::vector<double> out;
  out.reserve(runs.size());
  for (const auto& run : runs)
    out.push_back(summary(run));
  return out;
}

}  // namespace candour::validation
