#pragma once
// The NHS model's outputs: one table of metrics, each recorded system-wide
// and (mostly) per trust, computed from the state and the tallies. The same
// table gives the ModelDefinition its MetricSpecs and fills each record row,
// so the two cannot drift apart.
#include <array>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "models/nhs/parameters.hpp"
#include "models/nhs/state.hpp"
#include "sim/core/model.hpp"

namespace candour::models::nhs {

// Staff types for per-type outputs.
enum StaffType : std::size_t { kBoard, kManager, kNurse, kDoctor, kStaffTypes };

// Per-trust sums over agents, taken once per record.
struct Snapshot {
  Snapshot(const State& state, const Params& params, Day time);
  const State& s;
  const Params& p;
  Day time;  // days simulated
  using PerTrust = std::vector<double>;
  std::array<PerTrust, kStaffTypes> count, fear, secure, fear_p90;
  std::array<double, kStaffTypes> fear_p90_all{};
  std::array<PerTrust, 2> burnout, burnt_out, burnout_p90;  // nurse, doctor
  std::array<double, 2> burnout_p90_all{};
  PerTrust clinicians, focus, clinician_felt, clinician_tenure, witnessed, bullied_by_manager,
      bullied_by_colleague;
  PerTrust manager_felt, manager_tenure, competent, recycled, misconduct, board_tenure;
  PerTrust funded_posts, vacancies, frozen, latent, problem_wards, patients, beds, delayed,
      nurse_patients, waiting, waiting_within;
};

struct Ratio {
  double num = 0.0;
  double den = 1.0;
};

struct MetricDef {
  enum class Kind {
    count,  // system value = sum of the trusts' values
    ratio,  // value = num / den; system value = sum num / sum den (NaN when den is 0)
    custom  // per-trust value = num; system value from `system`
  };
  sim::MetricSpec spec;  // the system-wide metric; the per-trust one is derived from it
  Kind kind = Kind::ratio;
  std::function<Ratio(const Snapshot&, std::size_t trust)> value;
  std::function<double(const Snapshot&)> system;  // Kind::custom only
  bool per_trust = true;
};

// Every metric, in recording order.
const std::vector<MetricDef>& metric_table();

// The MetricSpecs of the table: each system metric followed by its per-trust
// version ("<name>_by_trust").
std::vector<sim::MetricSpec> metric_specs();

// Fills one record row in metric_specs() order.
void write_metrics(const Snapshot& snapshot, std::span<double> row);

}  // namespace candour::models::nhs
