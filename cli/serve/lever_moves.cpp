#include "cli/serve/lever_moves.hpp"

#include <set>

namespace candour::cli::serve {

std::string move_label(const LeverMove& move) {
  return "page: " + move.name + " = " + move.value.toml();
}

std::vector<sim::TimelineChange> timeline_with_moves(std::span<const sim::TimelineChange> stages,
                                                     const sim::ParameterSet& initial,
                                                     std::span<const LeverMove> moves) {
  std::set<sim::Day> days;
  for (const auto& stage : stages)
    days.insert(stage.day);
  for (const auto& move : moves)
    days.insert(move.day);
  std::vector<sim::TimelineChange> timeline;
  for (const sim::Day day : days) {
    sim::TimelineChange change{day, "", initial};
    for (const auto& stage : stages) {  // the scenario's set in force on `day`
      if (stage.day > day)
        break;
      change.parameters = stage.parameters;
      if (stage.day == day)
        change.label = stage.label;
    }
    for (const auto& move : moves) {
      if (move.day > day)
        break;
      change.parameters.set(move.name, move.value);
      if (move.day == day)
        change.label += (change.label.empty() ? "" : "; ") + move_label(move);
    }
    timeline.push_back(std::move(change));
  }
  return timeline;
}

}  // namespace candour::cli::serve
