#pragma once
// The one screen `candour sweep` ends with: how far the sweep moved the
// model's headline outcomes across its design points.
#include <string>

#include "sim/sweep/sweep_plan.hpp"
#include "sim/sweep/sweep_store.hpp"

namespace candour::cli {

// Per headline metric, its final-year statistic (mean, or count for a running
// total) averaged over each point's finished replicates: the lowest and the
// highest point, with the parameter values there.
std::string format_sweep_summary(const sim::sweep::SweepPlan& plan,
                                 const sim::sweep::SweepStore& store);

}  // namespace candour::cli
