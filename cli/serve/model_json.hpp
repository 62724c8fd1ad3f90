#pragma once
// What the page is told about a model and its scenarios, as JSON: the levers
// (parameters of kind lever) that become its sliders and switches, each with
// type, range, unit and meaning; the run settings; the metrics and charts.
// Everything comes from the model's registry, so the page follows the model.
#include <nlohmann/json.hpp>

#include "cli/serve/scenario_catalogue.hpp"
#include "sim/core/model.hpp"

namespace candour::cli::serve {

// {name, description, unit_dimension, levers: [...], settings: [...],
//  metrics: [...], charts: [...]}
nlohmann::json model_json(const sim::ModelDefinition& model);

// One parameter: {name, type, default, min, max, unit, description, source, kind}.
nlohmann::json parameter_json(const sim::ParameterSpec& spec);

// A value as JSON of its parameter's type (a number or a boolean).
nlohmann::json value_json(const sim::ParameterValue& value);

// [{name, title, model, units}] for the scenario picker.
nlohmann::json catalogue_json(const ScenarioCatalogue& catalogue);

// One scenario: {name, title, model, units, toml, values: {every parameter: value}}.
nlohmann::json scenario_json(const CatalogueEntry& entry);

}  // namespace candour::cli::serve
