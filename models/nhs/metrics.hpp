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
#include "sim/core/columns.hpp"
#include "sim/core/model.hpp"

namespace candour::models::nhs {

// Staff types for per-type outputs.
enum StaffType : std::size_t { kBoard, kManager, kNurse, kDoctor, kStaffTypes };

using PerTrust = std::vector<double>;

// Per-trust sums over agents, one column per sum, one value per trust.
struct TrustSums {
  std::array<PerTrust, kStaffTypes> count, fear, secure, fear_p90;
  std::array<PerTrust, 2> burnout, burnt_out, burnout_p90;  // nurse, doctor
  PerTrust clinicians, focus, clinician_felt, clinician_tenure, witnessed, bullied_by_manager,
      bullied_by_colleague;
  PerTrust manager_felt, manager_tenure, competent, recycled, misconduct, board_tenure;
  PerTrust funded_posts, vacancies, frozen, latent, problem_wards, patients, beds, delayed,
      nurse_patients, waiting, waiting_within;
  // Every column, named (sim/core/columns.hpp).
  static constexpr auto columns() {
    using T = TrustSums;
    return std::tuple{sim::Column{"count", &T::count},
                      sim::Column{"fear", &T::fear},
                      sim::Column{"secure", &T::secure},
                      sim::Column{"fear_p90", &T::fear_p90},
                      sim::Column{"burnout", &T::burnout},
                      sim::Column{"burnt_out", &T::burnt_out},
                      sim::Column{"burnout_p90", &T::burnout_p90},
                      sim::Column{"clinicians", &T::clinicians},
                      sim::Column{"focus", &T::focus},
                      sim::Column{"clinician_felt", &T::clinician_felt},
                      sim::Column{"clinician_tenure", &T::clinician_tenure},
                      sim::Column{"witnessed", &T::witnessed},
                      sim::Column{"bullied_by_manager", &T::bullied_by_manager},
                      sim::Column{"bullied_by_colleague", &T::bullied_by_colleague},
                      sim::Column{"manager_felt", &T::manager_felt},
                      sim::Column{"manager_tenure", &T::manager_tenure},
                      sim::Column{"competent", &T::competent},
                      sim::Column{"recycled", &T::recycled},
                      sim::Column{"misconduct", &T::misconduct},
                      sim::Column{"board_tenure", &T::board_tenure},
                      sim::Column{"funded_posts", &T::funded_posts},
                      sim::Column{"vacancies", &T::vacancies},
                      sim::Column{"frozen", &T::frozen},
                      sim::Column{"latent", &T::latent},
                      sim::Column{"problem_wards", &T::problem_wards},
                      sim::Column{"patients", &T::patients},
                      sim::Column{"beds", &T::beds},
                      sim::Column{"delayed", &T::delayed},
                      sim::Column{"nurse_patients", &T::nurse_patients},
                      sim::Column{"waiting", &T::waiting},
                      sim::Column{"waiting_within", &T::waiting_within}};
  }
};
static_assert(sim::lists_every_column<TrustSums>());

// What the metrics read at one record: the state, the parameters in force,
// and the per-trust sums over agents, taken once.
struct Snapshot : TrustSums {
  Snapshot(const State& state, const Params& params, Day time);
  const State& s;
  const Params& p;
  Day time;  // days simulated
  std::array<double, kStaffTypes> fear_p90_all{};
  std::array<double, 2> burnout_p90_all{};
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
