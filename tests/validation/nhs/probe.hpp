#pragma once
// Observations below the trust level, which the recorded metrics do not
// carry: a read-only observer that the engine calls as the last step of the
// day, with the NHS simulation's state. The observer never changes the state,
// so a probed run gives the same metrics as an unprobed one (tested).
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "models/nhs/simulation.hpp"
#include "sim/core/model.hpp"

namespace candour::validation::nhs {

using Observer = std::function<void(const models::nhs::NhsSimulation&, sim::Day)>;

// `base` (the NHS model) with `observer` called once when the run starts
// (day -1: after the burn-in, with the scenario's parameters in force) and
// then at the end of every recorded day on which `period` is due.
sim::ModelDefinition observed(const sim::ModelDefinition& base, sim::Period period,
                              Observer observer);

// Weekly clinician panel: each post's fear and burnout and who holds it, with
// the ward-level drivers of both (docs/ODD.md, loops 2 and 4), for contagion tests.
struct ClinicianPanel {
  std::vector<sim::Day> days;
  std::vector<std::uint32_t> ward_of_post;
  std::size_t wards = 0;
  // One vector per observation, one value per post (NaN while vacant).
  std::vector<std::vector<float>> fear, burnout;
  std::vector<std::vector<std::int32_t>> hired_day;
  // One vector per observation, one value per ward: pressure passed down by
  // the ward's manager (0..1), manager-clinician trust, remembered punished
  // concerns, patients per nurse on duty, vacancy rate.
  std::vector<std::vector<float>> pressure, trust, punishment_memory, patients_per_nurse,
      vacancy_rate;
};

// An observer that fills `panel` on the days with day % 7 == weekday (use it
// with a daily probe). Weekday 5 is the end of the day before the NHS
// model's weekly team meetings (day % 7 == 6), so each week's change holds
// one meeting, at its start.
Observer record_panel(std::shared_ptr<ClinicianPanel> panel, int weekday = 5);

// Each trust's board at the start of the run: the single most competent
// member ("the chief executive") and the board means, plus the trust's
// starting culture offset and size.
struct BoardAtStart {
  std::vector<double> top_competence, top_style, top_fear;
  std::vector<double> mean_competence, mean_style;
  std::vector<double> culture, size;
  std::vector<double> managers, board_members;  // posts per trust
};

// An observer that fills `boards` at the start only.
Observer record_boards(std::shared_ptr<BoardAtStart> boards);

}  // namespace candour::validation::nhs
