// What a viewer sees inside one trust: its board, its managers and their
// wards, each with the state a student asks about first (fear, harm, burnout,
// staffing).
#include <limits>

#include "models/nhs/simulation.hpp"

namespace candour::models::nhs {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

double mean_over(const std::vector<double>& column, std::size_t begin, std::size_t end) {
  if (begin == end)
    return kNone;
  double sum = 0.0;
  for (std::size_t i = begin; i < end; ++i)
    sum += column[i];
  return sum / static_cast<double>(end - begin);
}

}  // namespace

sim::UnitView NhsSimulation::view_unit(std::size_t trust) const {
  const auto& L = state_.layout;
  const auto& W = state_.wards;
  sim::UnitView view;
  view.fields = {"fear",         "harm_rate",          "burnout",
                 "vacancy_rate", "patients_per_nurse", "staff_present"};
  view.units = {"1", "per 1,000 bed-days", "1", "1", "patients per nurse", "clinicians"};
  if (trust >= L.trusts)
    return view;
  // The board as one part: its members' mean fear.
  view.parts.push_back(
      {"board",
       -1,
       {mean_over(state_.board.fear, L.board_of_trust.begin(trust), L.board_of_trust.end(trust)),
        kNone, kNone, kNone, kNone, kNone}});
  const std::size_t first_manager = L.managers_of_trust.begin(trust);
  for (std::size_t m = first_manager; m < L.managers_of_trust.end(trust); ++m)
    view.parts.push_back(
        {"manager", 0, {state_.managers.fear[m], kNone, kNone, kNone, kNone, kNone}});
  for (std::size_t w = L.wards_of_trust.begin(trust); w < L.wards_of_trust.end(trust); ++w) {
    const auto manager = static_cast<std::int64_t>(L.manager_of_ward[w] - first_manager) + 1;
    view.parts.push_back({"ward",
                          manager,
                          {W.mean_fear[w], W.harm_rate[w], W.mean_burnout[w], W.vacancy_rate[w],
                           W.patients_per_nurse[w], W.present[w]}});
  }
  return view;
}

}  // namespace candour::models::nhs
