#include "cli/serve/model_json.hpp"

#include <cmath>

#include "cli/serve/charts.hpp"

namespace candour::cli::serve {
namespace {

// JSON has no infinity: an unbounded end is null.
nlohmann::json bound(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json value_json(const sim::ParameterValue& value) {
  switch (value.type()) {
    case sim::ParameterType::integer:
      return value.integer();
    case sim::ParameterType::boolean:
      return value.flag();
    case sim::ParameterType::real:
      break;
  }
  return value.real();
}

nlohmann::json parameter_json(const sim::ParameterSpec& spec) {
  const auto typed = [&](double number) {
    return value_json(sim::ParameterValue::of(spec.type, number));
  };
  return {{"name", spec.name},
          {"type", sim::type_name(spec.type)},
          {"default", typed(spec.default_value)},
          {"min", typed(spec.min)},
          {"max", typed(spec.max)},
          {"unit", spec.unit},
          {"description", spec.description},
          {"source", spec.source},
          {"kind", sim::kind_name(spec.kind)},
          {"structural", spec.structural}};
}

nlohmann::json model_json(const sim::ModelDefinition& model) {
  const auto registry = sim::registry_for(model);
  auto levers = nlohmann::json::array();
  auto settings = nlohmann::json::array();
  for (const auto& spec : registry.specs()) {
    if (spec.kind == sim::ParameterKind::lever)
      levers.push_back(parameter_json(spec));
    else if (spec.name == sim::run_keys::days || spec.name == sim::run_keys::seed)
      settings.push_back(parameter_json(spec));
  }
  auto metrics = nlohmann::json::array();
  for (const auto& m : model.metrics)
    metrics.push_back({{"name", m.name},
                       {"unit", m.unit},
                       {"description", m.description},
                       {"scope", m.scope == sim::MetricScope::system ? "system" : "per_unit"},
                       {"valid_min", bound(m.valid_min)},
                       {"valid_max", bound(m.valid_max)}});
  auto charts = nlohmann::json::array();
  for (const auto& chart : charts_for(model))
    charts.push_back({{"title", chart.title}, {"metrics", chart.metrics}});
  return {{"name", model.name},
          {"description", model.description},
          {"unit_dimension", model.unit_dimension},
          {"levers", levers},
          {"settings", settings},
          {"metrics", metrics},
          {"charts", charts}};
}

nlohmann::json catalogue_json(const ScenarioCatalogue& catalogue) {
  auto list = nlohmann::json::array();
  for (const auto& entry : catalogue.entries())
    list.push_back({{"name", entry.name},
                    {"title", entry.resolved.scenario.title},
                    {"model", entry.resolved.model->name},
                    {"units", entry.units}});
  return list;
}

nlohmann::json scenario_json(const CatalogueEntry& entry) {
  auto values = nlohmann::json::object();
  for (const auto& [name, value] : entry.resolved.scenario.parameters.values())
    values[name] = value_json(value);
  return {{"name", entry.name},
          {"title", entry.resolved.scenario.title},
          {"model", entry.resolved.model->name},
          {"units", entry.units},
          {"timeline_days",
           [&] {
             auto days = nlohmann::json::array();
             for (const auto& change : entry.resolved.scenario.timeline)
               days.push_back(change.day);
             return days;
           }()},
          {"toml", entry.resolved.scenario.resolved_toml},
          {"values", values}};
}

}  // namespace candour::cli::serve
