#include "models/nhs/metrics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/columns.hpp"

namespace candour::models::nhs {

namespace {

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
  Snapshot(const State& state, const Params& params, const sim::Executor& executor, Day time);
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

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The q-quantile of `values` (nearest rank, lower); NaN when empty.
double quantile(std::vector<double>& values, double q) {
  if (values.empty())
    return kNaN;
  const auto k = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

double years(double days) {
  return days / sim::kDaysPerYear;
}

}  // namespace

Snapshot::Snapshot(const State& state, const Params& params, const sim::Executor& executor, Day now)
    : s(state), p(params), time(now) {
  const auto& L = s.layout;
  const std::size_t n = L.trusts;
  sim::resize_columns(static_cast<TrustSums&>(*this), n);

  // Each trust's statistics depend on its own agents alone and are written
  // to its own entries: the trusts are summed in parallel, one per task, and
  // each agent is still added in order, so the sums are the same to the bit
  // on any number of threads. The system's quantiles are of every trust's
  // values together; a quantile does not depend on their order.
  struct TrustValues {
    std::array<std::vector<double>, kStaffTypes> fear;
    std::array<std::vector<double>, 2> burnout;
  };
  std::vector<TrustValues> values(n);
  const auto& C = s.clinicians;
  const auto& W = s.wards;
  const auto last_month = static_cast<std::int32_t>(time) - 30;
  const auto last_year = static_cast<std::int32_t>(time) - 365;
  auto add_fear = [&](std::size_t type, std::size_t t, double f) {
    count[type][t] += 1;
    fear[type][t] += f;
    secure[type][t] += f < 0.5 ? 1 : 0;
    values[t].fear[type].push_back(f);
  };
  executor.for_each(
      n,
      [&](std::size_t t) {
        auto& fear_trust = values[t].fear;
        auto& burnout_trust = values[t].burnout;
        for (std::size_t w = L.wards_of_trust.begin(t); w < L.wards_of_trust.end(t); ++w) {
          const double passed = s.manager_pressure.passed_logit[L.manager_of_ward[w]];
          for (std::size_t i = L.posts_of_ward.begin(w); i < L.posts_of_ward.end(w); ++i) {
            const bool is_funded = funded(W.establishment[w], L.slot_in_ward[i]);
            funded_posts[t] += is_funded ? 1 : 0;
            if (!C.present[i]) {
              (is_funded ? vacancies : frozen)[t] += 1;
              continue;
            }
            const std::size_t kind = L.is_doctor[i] ? 1 : 0;
            add_fear(kNurse + kind, t, C.fear[i]);
            burnout[kind][t] += C.burnout[i];
            burnt_out[kind][t] += C.burnout[i] > 0.5 ? 1 : 0;
            burnout_trust[kind].push_back(C.burnout[i]);
            clinicians[t] += 1;
            focus[t] += C.focus[i];
            clinician_felt[t] +=
                logistic(passed + p.fear_amplification * (C.fear[i] - p.fear_reference));
            clinician_tenure[t] += static_cast<double>(time - C.hired_day[i]);
            witnessed[t] += C.last_witnessed[i] >= last_month ? 1 : 0;
            bullied_by_manager[t] += C.last_bullied_by_manager[i] >= last_year ? 1 : 0;
            bullied_by_colleague[t] += C.last_bullied_by_colleague[i] >= last_year ? 1 : 0;
          }
          latent[t] += W.latent[w];
          problem_wards[t] += W.latent[w] >= p.problem_threshold ? 1 : 0;
          patients[t] += W.patients[w];
          beds[t] += static_cast<double>(L.beds_of_ward.size(w));
          delayed[t] += W.delayed[w];
          nurse_patients[t] += W.patients[w] * W.patients_per_nurse[w];
        }
        for (std::size_t j = L.managers_of_trust.begin(t); j < L.managers_of_trust.end(t); ++j) {
          add_fear(kManager, t, s.managers.fear[j]);
          manager_felt[t] += s.manager_pressure.felt[j];
          manager_tenure[t] += static_cast<double>(time - s.managers.hired_day[j]);
          competent[t] += s.managers.competence[j] >= p.competent_level ? 1 : 0;
          recycled[t] += s.managers.recycled[j];
          misconduct[t] += s.managers.misconduct[j];
        }
        for (std::size_t b = L.board_of_trust.begin(t); b < L.board_of_trust.end(t); ++b) {
          add_fear(kBoard, t, s.board.fear[b]);
          board_tenure[t] += static_cast<double>(time - s.board.hired_day[b]);
        }
        for (std::size_t k = 0; k < kStaffTypes; ++k)
          fear_p90[k][t] = quantile(fear_trust[k], 0.9);
        for (std::size_t k = 0; k < 2; ++k)
          burnout_p90[k][t] = quantile(burnout_trust[k], 0.9);
        const auto& bins = s.trusts.waiting[t];
        waiting[t] = std::accumulate(bins.begin(), bins.end(), 0.0);
        waiting_within[t] = std::accumulate(bins.begin(), bins.begin() + 18, 0.0);
      },
      1);
  std::vector<double> all;
  auto system_p90 = [&](auto part) {
    all.clear();
    for (const auto& v : values)
      all.insert(all.end(), part(v).begin(), part(v).end());
    return quantile(all, 0.9);
  };
  for (std::size_t k = 0; k < kStaffTypes; ++k)
    fear_p90_all[k] = system_p90([k](const TrustValues& v) -> const auto& { return v.fear[k]; });
  for (std::size_t k = 0; k < 2; ++k)
    burnout_p90_all[k] =
        system_p90([k](const TrustValues& v) -> const auto& { return v.burnout[k]; });
}

namespace {

using Kind = MetricDef::Kind;
using sim::MetricScope;

MetricDef make(const char* name, const char* unit, const char* description, int summary, Kind kind,
               std::function<Ratio(const Snapshot&, std::size_t)> value) {
  MetricDef d;
  d.spec = {name, unit, description, MetricScope::system, summary};
  d.kind = kind;
  d.value = std::move(value);
  return d;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

// The range every value of the metric lies in (file attributes valid_min and
// valid_max; analysis keeps intervals inside it). Checked on real runs by
// tests/analysis/test_nhs_analysis.py.
MetricDef within(MetricDef d, double lo, double hi) {
  d.spec.valid_min = lo;
  d.spec.valid_max = hi;
  return d;
}
MetricDef share(MetricDef d) {
  return within(std::move(d), 0.0, 1.0);
}
MetricDef nonnegative(MetricDef d) {
  return within(std::move(d), 0.0, kInf);
}

// A cumulative count of a tally.
MetricDef total(const char* name, const char* unit, const char* description, Tally tally,
                int summary = 0) {
  auto d = make(name, unit, description, summary, Kind::count,
                [tally](const Snapshot& x, std::size_t t) {
                  return Ratio{x.s.tallies.total(t, tally), 1.0};
                });
  d.spec.cumulative = true;
  return nonnegative(std::move(d));
}

// scale * (sum of `num` over the last `days`) / (sum of `den` over the same days).
MetricDef windowed(const char* name, const char* unit, const char* description, Tally num,
                   Tally den, Day days, double scale = 1.0, int summary = 0) {
  // Checked when the metrics are defined rather than at the first record.
  if (days > longest_window(num) || days > longest_window(den))
    throw std::logic_error(std::string(name) + ": window longer than its tallies keep");
  // Tallies never fall and scales are positive: a rate is at least 0.
  return nonnegative(
      make(name, unit, description, summary, Kind::ratio, [=](const Snapshot& x, std::size_t t) {
        return Ratio{scale * x.s.tallies.window(t, num, days), x.s.tallies.window(t, den, days)};
      }));
}

// The mean of a per-trust sum over a per-trust count.
MetricDef mean_of(const char* name, const char* unit, const char* description,
                  PerTrust Snapshot::*sum, PerTrust Snapshot::*n, double scale = 1.0,
                  int summary = 0) {
  // Every per-trust sum the model averages is of non-negative quantities.
  return nonnegative(
      make(name, unit, description, summary, Kind::ratio, [=](const Snapshot& x, std::size_t t) {
        return Ratio{scale * (x.*sum)[t], (x.*n)[t]};
      }));
}

// A current per-trust count.
MetricDef current(const char* name, const char* unit, const char* description,
                  PerTrust Snapshot::*v) {
  return nonnegative(
      make(name, unit, description, 0, Kind::count, [=](const Snapshot& x, std::size_t t) {
        return Ratio{(x.*v)[t], 1.0};
      }));
}

// A trust-level state averaged over trusts weighted by beds.
MetricDef bed_weighted(const char* name, const char* unit, const char* description,
                       std::function<double(const Snapshot&, std::size_t)> value, int summary = 0) {
  return make(name, unit, description, summary, Kind::ratio,
              [value](const Snapshot& x, std::size_t t) {
                return Ratio{value(x, t) * x.beds[t], x.beds[t]};
              });
}

std::vector<MetricDef> build_table() {
  std::vector<MetricDef> m;
  // ---- actual quality ----
  m.push_back(total("harm_events", "event",
                    "Patients harmed by their care: true count, cumulative since day 0.",
                    Tally::harm, 14));
  m.push_back(windowed("harm_rate", "per 1,000 bed-days",
                       "Actual quality: harm events per 1,000 occupied bed-days over the last "
                       "30 days.",
                       Tally::harm, Tally::bed_days, 30, kPerThousand, 1));
  m.push_back(total("deaths_from_harm", "death", "Deaths caused by harm, cumulative since day 0.",
                    Tally::harm_deaths, 13));
  m.push_back(
      total("deaths", "death", "All inpatient deaths, cumulative since day 0.", Tally::deaths));
  m.push_back(windowed("mortality_ratio", "1",
                       "Observed over expected inpatient deaths over the last 365 days; expected "
                       "is the case-mix death rate at reference care (1 = as expected).",
                       Tally::deaths, Tally::expected_deaths, 365, 1.0, 7));
  m.push_back(total("incidents_true", "incident",
                    "Safety incidents that happened (harmful or not), cumulative.",
                    Tally::incidents));
  m.push_back(total("incidents_recorded", "incident",
                    "Incidents recorded (reports by staff who spoke up, and harm disclosed under "
                    "the duty of candour), cumulative.",
                    Tally::recorded_incidents));
  m.push_back(windowed("recorded_incident_rate", "per 1,000 bed-days",
                       "Recorded incidents per 1,000 bed-days over the last 30 days (what the "
                       "board and regulator see of safety).",
                       Tally::recorded_incidents, Tally::bed_days, 30, kPerThousand));
  m.push_back(windowed("reporting_ratio", "1", "Recorded over true incidents in the last 30 days.",
                       Tally::recorded_incidents, Tally::incidents, 30));
  m.push_back(share(mean_of("bed_occupancy", "1", "Occupied beds over beds, now.",
                            &Snapshot::patients, &Snapshot::beds)));
  // ---- what the board perceives ----
  m.push_back(nonnegative(bed_weighted(
      "perceived_harm_rate", "per 1,000 bed-days",
      "The board's belief about harm per 1,000 bed-days (system: bed-weighted mean of boards).",
      [](const Snapshot& x, std::size_t t) { return x.s.trusts.perceived_harm[t]; }, 4)));
  {
    MetricDef d = make(
        "perception_gap", "per 1,000 bed-days",
        "Actual minus perceived harm rate: how much safer the board believes care is than it is "
        "(positive = over-optimistic board).",
        3, Kind::custom, [](const Snapshot& x, std::size_t t) {
          const double bd = x.s.tallies.window(t, Tally::bed_days, 30);
          const double actual =
              bd > 0 ? kPerThousand * x.s.tallies.window(t, Tally::harm, 30) / bd : kNaN;
          return Ratio{actual - x.s.trusts.perceived_harm[t], 1.0};
        });
    d.system = [](const Snapshot& x) {
      double harm = 0, bd = 0, perceived = 0, beds = 0;
      for (std::size_t t = 0; t < x.s.layout.trusts; ++t) {
        harm += x.s.tallies.window(t, Tally::harm, 30);
        bd += x.s.tallies.window(t, Tally::bed_days, 30);
        perceived += x.s.trusts.perceived_harm[t] * x.beds[t];
        beds += x.beds[t];
      }
      return (bd > 0 ? kPerThousand * harm / bd : kNaN) - (beds > 0 ? perceived / beds : kNaN);
    };
    m.push_back(d);
  }
  m.push_back(share(bed_weighted(
      "perceived_target_performance", "1",
      "The board's belief about its target performance (mean of official 4-hour and 18-week "
      "shares, smoothed monthly).",
      [](const Snapshot& x, std::size_t t) { return x.s.trusts.perceived_targets[t]; })));
  // ---- targets ----
  m.push_back(share(windowed("ae_4_hour_official", "1",
                             "Official share of A&E attendances within 4 hours, last 30 days.",
                             Tally::ae_official, Tally::ae_attendances, 30, 1.0, 8)));
  m.push_back(
      share(windowed("ae_4_hour_experienced", "1",
                     "Share of A&E attendances that really left within 4 hours (as patients "
                     "experience it), last 30 days.",
                     Tally::ae_experienced, Tally::ae_attendances, 30, 1.0, 9)));
  m.push_back(
      share(windowed("ae_bunching", "1",
                     "Share of A&E attendances leaving in the 10 minutes before 4 hours, last "
                     "30 days.",
                     Tally::ae_bunched, Tally::ae_attendances, 30)));
  m.push_back(share(make("rtt_18_week_official", "1",
                         "Official share of the elective waiting list within 18 weeks (system: "
                         "list-weighted).",
                         0, Kind::ratio, [](const Snapshot& x, std::size_t t) {
                           return Ratio{x.s.trusts.rtt_official[t] * x.waiting[t], x.waiting[t]};
                         })));
  m.push_back(share(mean_of("rtt_18_week_true", "1",
                            "True share of the elective waiting list within 18 weeks.",
                            &Snapshot::waiting_within, &Snapshot::waiting)));
  m.push_back(current("waiting_list", "patient", "Patients on the elective waiting list, now.",
                      &Snapshot::waiting));
  {
    MetricDef d = make("targets_met", "1",
                       "Share of the two standards (4-hour, 18-week) met on official figures "
                       "(system: mean over trusts).",
                       10, Kind::ratio, [](const Snapshot& x, std::size_t t) {
                         const auto& T = x.s.trusts;
                         const double met = (T.ae_official[t] >= x.p.ae_standard ? 0.5 : 0.0) +
                                            (T.rtt_official[t] >= x.p.rtt_standard ? 0.5 : 0.0);
                         return Ratio{met, 1.0};
                       });
    m.push_back(share(d));
  }
  m.push_back(share(make("gaming", "1",
                         "Threshold gaming: share of near-breach patients moved out just before 4 "
                         "hours (system: mean over trusts).",
                         0, Kind::ratio, [](const Snapshot& x, std::size_t t) {
                           return Ratio{x.s.trusts.gaming[t], 1.0};
                         })));
  // ---- fear, psychological safety, burnout by staff type ----
  static const char* fear_descriptions[] = {
      "Mean fear of board members (0..1).", "Mean fear of managers (0..1).",
      "Mean fear of nurses (0..1).", "Mean fear of doctors (0..1)."};
  static const char* fear_names[] = {"fear_mean_board", "fear_mean_manager", "fear_mean_nurse",
                                     "fear_mean_doctor"};
  static const char* p90_names[] = {"fear_p90_board", "fear_p90_manager", "fear_p90_nurse",
                                    "fear_p90_doctor"};
  static const char* safety_names[] = {"psychological_safety_board", "psychological_safety_manager",
                                       "psychological_safety_nurse", "psychological_safety_doctor"};
  for (std::size_t k = 0; k < kStaffTypes; ++k) {
    m.push_back(share(make(fear_names[k], "1", fear_descriptions[k], 0, Kind::ratio,
                           [k](const Snapshot& x, std::size_t t) {
                             return Ratio{x.fear[k][t], x.count[k][t]};
                           })));
  }
  m.push_back(
      share(make("fear_mean_clinicians", "1", "Mean fear of clinicians (nurses and doctors).", 6,
                 Kind::ratio, [](const Snapshot& x, std::size_t t) {
                   return Ratio{x.fear[kNurse][t] + x.fear[kDoctor][t],
                                x.count[kNurse][t] + x.count[kDoctor][t]};
                 })));
  for (std::size_t k = 0; k < kStaffTypes; ++k) {
    MetricDef d = make(p90_names[k], "1", "90th percentile of fear in this staff type.", 0,
                       Kind::custom, [k](const Snapshot& x, std::size_t t) {
                         return Ratio{x.fear_p90[k][t], 1.0};
                       });
    d.system = [k](const Snapshot& x) { return x.fear_p90_all[k]; };
    m.push_back(share(d));
  }
  for (std::size_t k = 0; k < kStaffTypes; ++k) {
    m.push_back(share(make(safety_names[k], "1",
                           "Psychological safety: share of this staff type whose fear is below 0.5 "
                           "(would feel secure raising concerns).",
                           0, Kind::ratio, [k](const Snapshot& x, std::size_t t) {
                             return Ratio{x.secure[k][t], x.count[k][t]};
                           })));
  }
  m.push_back(share(make("psychological_safety_clinicians", "1",
                         "Share of clinicians whose fear is below 0.5 (would feel secure raising "
                         "concerns; Staff Survey 72%).",
                         5, Kind::ratio, [](const Snapshot& x, std::size_t t) {
                           return Ratio{x.secure[kNurse][t] + x.secure[kDoctor][t],
                                        x.count[kNurse][t] + x.count[kDoctor][t]};
                         })));
  static const char* burnout_names[] = {"burnout_mean_nurse", "burnout_mean_doctor"};
  static const char* burnt_out_names[] = {"burnt_out_share_nurse", "burnt_out_share_doctor"};
  static const char* burnout_p90_names[] = {"burnout_p90_nurse", "burnout_p90_doctor"};
  for (std::size_t k = 0; k < 2; ++k) {
    m.push_back(share(make(burnout_names[k], "1", "Mean burnout (0..1).", 0, Kind::ratio,
                           [k](const Snapshot& x, std::size_t t) {
                             return Ratio{x.burnout[k][t], x.count[kNurse + k][t]};
                           })));
    m.push_back(share(make(burnt_out_names[k], "1",
                           "Share with burnout above 0.5 (often or always burnt out; Staff Survey "
                           "30-34%).",
                           0, Kind::ratio, [k](const Snapshot& x, std::size_t t) {
                             return Ratio{x.burnt_out[k][t], x.count[kNurse + k][t]};
                           })));
    MetricDef d = make(burnout_p90_names[k], "1", "90th percentile of burnout.", 0, Kind::custom,
                       [k](const Snapshot& x, std::size_t t) {
                         return Ratio{x.burnout_p90[k][t], 1.0};
                       });
    d.system = [k](const Snapshot& x) { return x.burnout_p90_all[k]; };
    m.push_back(share(d));
  }
  m.push_back(share(mean_of("target_focus", "1",
                            "Mean share of clinicians' effort on measured, target-driven work.",
                            &Snapshot::focus, &Snapshot::clinicians)));
  // ---- pressure felt at each level (loop 1) ----
  m.push_back(share(bed_weighted(
      "pressure_board", "1", "Pressure the board feels from the centre and its finances (0..1).",
      [](const Snapshot& x, std::size_t t) { return x.s.trusts.board_pressure[t]; })));
  m.push_back(share(make("pressure_managers", "1", "Mean pressure managers feel from their board.",
                         0, Kind::ratio, [](const Snapshot& x, std::size_t t) {
                           return Ratio{x.manager_felt[t], x.count[kManager][t]};
                         })));
  m.push_back(share(mean_of("pressure_clinicians", "1",
                            "Mean pressure clinicians feel from their managers.",
                            &Snapshot::clinician_felt, &Snapshot::clinicians)));
  // ---- concerns ----
  m.push_back(total("concerns_seen", "concern",
                    "Incidents witnessed by clinicians (one per witness), cumulative.",
                    Tally::concerns_seen));
  m.push_back(total("concerns_raised", "concern",
                    "Witnessed incidents reported to a manager, cumulative.",
                    Tally::concerns_raised));
  m.push_back(total("concerns_addressed", "concern", "Concerns a manager acted on, cumulative.",
                    Tally::concerns_addressed));
  m.push_back(total("concerns_punished", "concern",
                    "Concerns whose speaker was punished, cumulative.", Tally::concerns_punished));
  m.push_back(total("concerns_forwarded", "concern",
                    "Concerns a manager passed to the board, cumulative.",
                    Tally::concerns_forwarded));
  m.push_back(share(windowed("speak_up_rate", "1",
                             "Share of witnessed incidents reported, last 30 days (Staff Survey "
                             "90-96%).",
                             Tally::concerns_raised, Tally::concerns_seen, 30, 1.0, 2)));
  m.push_back(
      share(windowed("address_rate", "1", "Share of raised concerns addressed, last 30 days.",
                     Tally::concerns_addressed, Tally::concerns_raised, 30)));
  m.push_back(share(windowed("punish_rate", "1", "Share of raised concerns punished, last 30 days.",
                             Tally::concerns_punished, Tally::concerns_raised, 30)));
  m.push_back(share(windowed("forward_rate", "1",
                             "Share of raised concerns forwarded to the board, last 30 days.",
                             Tally::concerns_forwarded, Tally::concerns_raised, 30)));
  m.push_back(
      share(mean_of("witnessed_share", "1",
                    "Share of clinicians who witnessed an incident in the last 30 days (Staff "
                    "Survey ~30%).",
                    &Snapshot::witnessed, &Snapshot::clinicians)));
  m.push_back(total("bullying_by_manager", "event",
                    "Bullying of clinicians by managers, "
                    "cumulative.",
                    Tally::bullying_by_manager));
  m.push_back(total("bullying_by_colleague", "event",
                    "Bullying of clinicians by colleagues, "
                    "cumulative.",
                    Tally::bullying_by_colleague));
  m.push_back(share(mean_of("bullied_by_manager_share", "1",
                            "Share of clinicians bullied by a manager in the last 365 days (Staff "
                            "Survey 10-13%).",
                            &Snapshot::bullied_by_manager, &Snapshot::clinicians)));
  m.push_back(
      share(mean_of("bullied_by_colleague_share", "1",
                    "Share of clinicians bullied by a colleague in the last 365 days (Staff "
                    "Survey 18-19%).",
                    &Snapshot::bullied_by_colleague, &Snapshot::clinicians)));
  m.push_back(
      total("walkrounds", "visit", "Board walkround visits, cumulative.", Tally::walkrounds));
  m.push_back(total("walkround_issues", "issue", "Issues staff raised on walkrounds, cumulative.",
                    Tally::walkround_issues));
  m.push_back(total("walkround_issues_acted", "issue",
                    "Walkround issues the board acted on, cumulative.", Tally::walkround_acted));
  m.push_back(total("complaints", "complaint",
                    "Complaints by patients and families, "
                    "cumulative.",
                    Tally::complaints));
  m.push_back(windowed("complaint_rate", "per 1,000 bed-days",
                       "Complaints per 1,000 bed-days, last 90 days.", Tally::complaints,
                       Tally::bed_days, 90, kPerThousand));
  // ---- workforce ----
  m.push_back(total("clinician_leavers", "person", "Clinicians who left, cumulative.",
                    Tally::clinician_leavers));
  m.push_back(windowed("clinician_turnover", "per year",
                       "Clinician leavers per clinician in post, last 365 days, per year "
                       "(nurse leaver rate 10-12%).",
                       Tally::clinician_leavers, Tally::clinician_days, 365, 365.0, 11));
  m.push_back(mean_of("clinician_tenure", "year", "Mean time in post of clinicians in post.",
                      &Snapshot::clinician_tenure, &Snapshot::clinicians, 1.0 / 365.0));
  m.push_back(total("manager_leavers", "person", "Managers who left or were dismissed, cumulative.",
                    Tally::manager_leavers));
  m.push_back(total("manager_dismissals", "person",
                    "Managers dismissed (misconduct, missed targets, investigation), "
                    "cumulative.",
                    Tally::manager_dismissals));
  m.push_back(windowed("manager_turnover", "per year",
                       "Manager leavers per manager in post, last 365 days, per year.",
                       Tally::manager_leavers, Tally::manager_days, 365, 365.0, 12));
  m.push_back(nonnegative(make("manager_tenure", "year", "Mean time in post of managers in post.",
                               0, Kind::ratio, [](const Snapshot& x, std::size_t t) {
                                 return Ratio{years(x.manager_tenure[t]), x.count[kManager][t]};
                               })));
  m.push_back(windowed("manager_completed_tenure", "year",
                       "Mean completed time in post of managers who left in the last 365 days.",
                       Tally::manager_spell_days, Tally::manager_leavers, 365, 1.0 / 365.0));
  m.push_back(total("board_leavers", "person",
                    "Board members who left or were replaced, "
                    "cumulative.",
                    Tally::board_leavers));
  m.push_back(nonnegative(make("board_tenure", "year", "Mean time in post of board members.", 0,
                               Kind::ratio, [](const Snapshot& x, std::size_t t) {
                                 return Ratio{years(x.board_tenure[t]), x.count[kBoard][t]};
                               })));
  m.push_back(windowed("board_turnover", "per year",
                       "Board members who left or were replaced per board seat, last 365 days, per "
                       "year.",
                       Tally::board_leavers, Tally::board_days, 365, 365.0));
  m.push_back(windowed("board_completed_tenure", "year",
                       "Mean completed time in post of board members who left in the last 365 "
                       "days (HSJ 2018: chief executives of inadequate trusts, 11 months).",
                       Tally::board_spell_days, Tally::board_leavers, 365, 1.0 / 365.0));
  m.push_back(total("reorganisations", "reorganisation",
                    "Reorganisations and mergers of trusts, cumulative.", Tally::reorganisations));
  m.push_back(
      current("vacancies", "post", "Funded clinical posts vacant, now.", &Snapshot::vacancies));
  m.push_back(share(mean_of("vacancy_rate", "1", "Vacant funded posts over funded posts, now.",
                            &Snapshot::vacancies, &Snapshot::funded_posts)));
  m.push_back(current("frozen_posts", "post",
                      "Empty posts no longer funded (cut by cost improvement), now.",
                      &Snapshot::frozen));
  m.push_back(
      current("funded_posts", "post", "Funded clinical posts, now.", &Snapshot::funded_posts));
  m.push_back(mean_of("patients_per_nurse", "patients per nurse",
                      "Patients per nurse on duty, patient-weighted over wards, now.",
                      &Snapshot::nurse_patients, &Snapshot::patients));
  m.push_back(current("delayed_discharges", "patient",
                      "Medically fit patients waiting for social care, now.", &Snapshot::delayed));
  m.push_back(
      share(make("competent_manager_share", "1",
                 "Share of managers with competence at or above leadership.competent_level.", 0,
                 Kind::ratio, [](const Snapshot& x, std::size_t t) {
                   return Ratio{x.competent[t], x.count[kManager][t]};
                 })));
  m.push_back(share(make("recycled_manager_share", "1",
                         "Share of managers hired from the pool of previously dismissed managers.",
                         0, Kind::ratio, [](const Snapshot& x, std::size_t t) {
                           return Ratio{x.recycled[t], x.count[kManager][t]};
                         })));
  m.push_back(share(make("misconduct_manager_share", "1",
                         "Share of managers prone to misconduct (hidden truth).", 0, Kind::ratio,
                         [](const Snapshot& x, std::size_t t) {
                           return Ratio{x.misconduct[t], x.count[kManager][t]};
                         })));
  // ---- learning and detection ----
  m.push_back(share(
      make("latent_hazard", "1", "Mean latent hazard of wards (0..1).", 0, Kind::ratio,
           [](const Snapshot& x, std::size_t t) {
             return Ratio{x.latent[t], static_cast<double>(x.s.layout.wards_of_trust.size(t))};
           })));
  m.push_back(current("problem_wards", "ward",
                      "Wards with a true problem (latent hazard at or above "
                      "regulator.problem_threshold), now.",
                      &Snapshot::problem_wards));
  m.push_back(total("problem_ward_months", "ward-month",
                    "Monthly count of problem wards, cumulative.", Tally::problem_wards));
  m.push_back(total("problem_ward_months_detected", "ward-month",
                    "Problem ward-months seen by the board (forwarded concern, walkround issue) "
                    "or the regulator (referral, investigation), cumulative.",
                    Tally::problem_wards_detected));
  m.push_back(share(windowed("problem_detection_share", "1",
                             "Share of problem ward-months detected, last 365 days.",
                             Tally::problem_wards_detected, Tally::problem_wards, 365)));
  // ---- regulator ----
  m.push_back(make("alert_score", "alert score",
                   "The regulator's alert score at its last quarterly assessment (system: "
                   "mean over trusts).",
                   0, Kind::ratio, [](const Snapshot& x, std::size_t t) {
                     return Ratio{x.s.trusts.alert_score[t], 1.0};
                   }));
  m.push_back(total("alerts", "alert",
                    "Quarterly assessments with an alert score at or above "
                    "the referral threshold, cumulative.",
                    Tally::alerts));
  m.push_back(
      total("referrals", "referral", "Referrals to the regulator, cumulative.", Tally::referrals));
  m.push_back(total("investigations", "investigation", "Formal investigations started, cumulative.",
                    Tally::investigations, 15));
  m.push_back(
      nonnegative(make("under_investigation", "trust", "Trusts under investigation now.", 0,
                       Kind::count, [](const Snapshot& x, std::size_t t) {
                         return Ratio{static_cast<double>(x.s.trusts.under_investigation[t]), 1.0};
                       })));
  m.push_back(nonnegative(make("alert_to_investigation", "day",
                               "Mean days from the first alert of a trust's current episode of "
                               "alerts (6.3.13) to its investigation, over investigations so far "
                               "that followed an alert.",
                               0, Kind::ratio, [](const Snapshot& x, std::size_t t) {
                                 return Ratio{
                                     x.s.tallies.total(t, Tally::alert_to_investigation_days),
                                     x.s.tallies.total(t, Tally::alerted_investigations)};
                               })));
  {
    MetricDef d = make("fear_climate", "1",
                       "System fear climate after investigations (centre; decays with "
                       "regulator.climate_half_life).",
                       0, Kind::custom, nullptr);
    d.system = [](const Snapshot& x) { return x.s.centre.fear_climate; };
    d.per_trust = false;
    m.push_back(nonnegative(d));
  }
  {
    MetricDef d = make("manager_pool", "manager", "Dismissed managers on the job market (centre).",
                       0, Kind::custom, nullptr);
    d.system = [](const Snapshot& x) { return x.s.centre.pool; };
    d.per_trust = false;
    m.push_back(nonnegative(d));
  }
  return m;
}

// Every metric, in recording order.
const std::vector<MetricDef>& metric_table() {
  static const std::vector<MetricDef> table = build_table();  // immutable after first use
  return table;
}

}  // namespace

std::vector<sim::MetricSpec> metric_specs() {
  std::vector<sim::MetricSpec> specs;
  for (const auto& d : metric_table()) {
    specs.push_back(d.spec);
    if (d.per_trust) {
      auto per = d.spec;
      per.name += "_by_trust";
      per.scope = sim::MetricScope::per_unit;
      per.in_summary = 0;
      specs.push_back(per);
    }
  }
  return specs;
}

void write_metrics(const State& state, const Params& params, const sim::Executor& executor,
                   Day time, std::span<double> row) {
  const Snapshot x(state, params, executor, time);
  const std::size_t trusts = x.s.layout.trusts;
  std::size_t at = 0;
  std::vector<Ratio> values(trusts);
  for (const auto& d : metric_table()) {
    if (d.value) {
      for (std::size_t t = 0; t < trusts; ++t)
        values[t] = d.value(x, t);
    }
    double system = 0.0;
    switch (d.kind) {
      case Kind::count:
        for (const auto& v : values)
          system += v.num;
        break;
      case Kind::ratio: {
        double num = 0, den = 0;
        for (const auto& v : values) {
          num += v.num;
          den += v.den;
        }
        system = den != 0 ? num / den : kNaN;
        break;
      }
      case Kind::custom:
        system = d.system(x);
        break;
    }
    row[at++] = system;
    if (d.per_trust) {
      for (std::size_t t = 0; t < trusts; ++t) {
        const auto& v = values[t];
        row[at++] = d.kind == Kind::count || d.kind == Kind::custom ? v.num
                    : v.den != 0                                    ? v.num / v.den
                                                                    : kNaN;
      }
    }
  }
}

}  // namespace candour::models::nhs
