#pragma once
// The NHS model's outputs: one table of metrics (metrics.cpp), each recorded
// system-wide and (mostly) per trust, computed from the state and the
// tallies. The same table gives the ModelDefinition its MetricSpecs and fills
// each record row, so the two cannot drift apart; adding a metric, even one
// that needs a new per-trust sum, is a change to metrics.cpp alone.
#include <span>
#include <vector>

#include "models/nhs/parameters.hpp"
#include "models/nhs/state.hpp"
#include "sim/core/model.hpp"
#include "sim/core/parallel.hpp"

namespace candour::models::nhs {

// The MetricSpecs of the table: each system metric followed by its per-trust
// version ("<name>_by_trust").
std::vector<sim::MetricSpec> metric_specs();

// Fills one record row, in metric_specs() order, from the state at `time`
// (days since day 0) under the parameters in force.
void write_metrics(const State& state, const Params& params, const sim::Executor& executor,
                   Day time, std::span<double> row);

}  // namespace candour::models::nhs
