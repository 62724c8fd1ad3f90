#pragma once
// A lever moved in the middle of a run is a timeline stage: from the day it
// moves, the parameters in force are the scenario's (its own stages
// included) with every move so far applied. Written into the run's resolved
// scenario, such stages let `candour run` reproduce the run exactly.
#include <span>
#include <string>
#include <vector>

#include "sim/core/engine.hpp"
#include "sim/core/parameters.hpp"

namespace candour::cli::serve {

struct LeverMove {
  sim::Day day = 0;  // takes effect at the start of this day (1 .. run.days - 1)
  std::string name;
  sim::ParameterValue value;
};

// The label of the stage a move makes: "page: openness.escalation_norm = 0.8".
std::string move_label(const LeverMove& move);

// The timeline of a run whose scenario has `stages` (each with its full set,
// sorted by day) and `initial` parameters, once `moves` (sorted by day) are
// made: one stage per day that has a scenario stage or a move, each holding
// the scenario's set in force that day with every move up to that day
// applied. A move on a scenario stage's day joins that stage.
std::vector<sim::TimelineChange> timeline_with_moves(std::span<const sim::TimelineChange> stages,
                                                     const sim::ParameterSet& initial,
                                                     std::span<const LeverMove> moves);

}  // namespace candour::cli::serve
