#include "models/toy/toy_model.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "sim/core/distributions.hpp"
#include "sim/core/groups.hpp"
#include "sim/core/random.hpp"

namespace candour::models {
namespace {

using namespace candour::sim;

class ToySimulation final : public Simulation {
 public:
  ToySimulation(const ParameterSet& p, const RunContext& context)
      : executor_(*context.executor),
        shocks_(context.seed, stream_id("toy.shock")),
        traits_(context.seed, stream_id("toy.trait")) {
    const auto agents = static_cast<std::size_t>(p.integer("toy.agents"));
    const auto groups = static_cast<std::size_t>(p.integer("toy.groups"));
    std::vector<std::uint32_t> group_of(agents);
    for (std::size_t i = 0; i < agents; ++i)
      group_of[i] = static_cast<std::uint32_t>(i * groups / agents);
    groups_ = GroupRanges::from_sorted_ids(group_of, groups);
    group_of_ = std::move(group_of);
    level_.resize(agents);
    next_level_.resize(agents);
    for (std::size_t i = 0; i < agents; ++i) {
      auto rng = traits_.rng(0, i);
      level_[i] = uniform(rng);
    }
    group_mean_.assign(groups, 0.0);
    apply_parameters(p);
    update_group_means(0);
  }

  void run_process(std::size_t process, Day day) override {
    (this->*timetable()[process].run)(day);
  }

  void apply_parameters(const ParameterSet& p) override {
    pull_ = p.real("toy.pull");
    shock_rate_ = p.real("toy.shock_rate");
  }

  std::size_t unit_count() const override { return groups_.group_count(); }
  std::size_t agent_slots() const override { return level_.size(); }

  void record(Day, std::span<double> row) const override {
    std::size_t at = 0;
    for (const auto& metric : metrics())
      at += (this->*metric.write)(row.subspan(at));
  }

  // The timetable and the metrics, each step and metric with its function.
  struct Step {
    ProcessSpec spec;
    void (ToySimulation::*run)(Day);
  };
  struct Metric {
    MetricSpec spec;
    std::size_t (ToySimulation::*write)(std::span<double>) const;  // returns values written
  };
  static const std::vector<Step>& timetable();
  static const std::vector<Metric>& metrics();

 private:
  void drift(Day day) {
    // An event with hazard shock_rate_ (event_with_hazard), its expm1 once a
    // day; the daily draws of four agents share a Philox block, and a shocked
    // agent draws her shock from her own generator.
    const double p_shock = -std::expm1(-shock_rate_);
    const auto step = static_cast<std::uint64_t>(day);
    // Each agent's update is its own, so a reduction that also counts the
    // shocks (an integer sum: exact in any order) visits each once.
    shocks_seen_ += executor_.reduce(
        level_.size(), std::int64_t{0},
        [&](std::size_t begin, std::size_t end, std::int64_t shocked) {
          SharedUniforms shock_draw(shocks_, step);
          for (std::size_t i = begin; i < end; ++i) {
            const double target = group_mean_[group_of_[i]];
            double x = level_[i] + pull_ * (target - level_[i]);
            if (shock_draw(i) < p_shock) {
              auto rng = shocks_.rng(step, i);
              x = std::fmin(1.0, std::fmax(0.0, x + normal(rng, 0.0, 0.2)));
              ++shocked;
            }
            next_level_[i] = x;
          }
          return shocked;
        },
        [](std::int64_t a, std::int64_t b) { return a + b; });
    level_.swap(next_level_);
  }

  void update_group_means(Day) {
    executor_.for_each(
        groups_.group_count(),
        [&](std::size_t g) {
          double s = 0.0;
          for (std::size_t i = groups_.begin(g); i < groups_.end(g); ++i)
            s += level_[i];
          group_mean_[g] = s / static_cast<double>(std::max<std::size_t>(1, groups_.size(g)));
        },
        1);
  }

  void count_week(Day) { ++weeks_; }

  std::size_t write_mean_level(std::span<double> out) const {
    out[0] = executor_.sum(level_.size(), [&](std::size_t i) { return level_[i]; }) /
             static_cast<double>(level_.size());
    return 1;
  }
  std::size_t write_shocks(std::span<double> out) const {
    out[0] = static_cast<double>(shocks_seen_);
    return 1;
  }
  std::size_t write_weeks(std::span<double> out) const {
    out[0] = static_cast<double>(weeks_);
    return 1;
  }
  std::size_t write_group_means(std::span<double> out) const {
    std::copy(group_mean_.begin(), group_mean_.end(), out.begin());
    return group_mean_.size();
  }

  const Executor& executor_;
  RandomStream shocks_;
  RandomStream traits_;
  GroupRanges groups_;
  std::vector<std::uint32_t> group_of_;
  std::vector<double> level_, next_level_, group_mean_;
  double pull_ = 0.0, shock_rate_ = 0.0;
  std::int64_t shocks_seen_ = 0, weeks_ = 0;
};

const std::vector<ToySimulation::Step>& ToySimulation::timetable() {
  static const std::vector<Step> steps = {
      {{"drift", Period::daily, "Each agent moves toward its group mean; random shocks."},
       &ToySimulation::drift},
      {{"group_means", Period::daily, "Reduction: group means of the levels."},
       &ToySimulation::update_group_means},
      {{"weekly_count", Period::weekly, "Counts weeks (tests the weekly period)."},
       &ToySimulation::count_week},
  };  // immutable after first use
  return steps;
}

const std::vector<ToySimulation::Metric>& ToySimulation::metrics() {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  static const std::vector<Metric> table = {
      {{"mean_level", "1", "Mean level over all agents.", MetricScope::system, 1},
       &ToySimulation::write_mean_level},
      // Running totals (cumulative) are counts: at least 0.
      {{"shocks", "event", "Cumulative number of shocks.", MetricScope::system, 2, true, 0.0, kInf},
       &ToySimulation::write_shocks},
      {{"weeks", "week", "Number of weekly processes run, cumulative.", MetricScope::system, 0,
        true, 0.0, kInf},
       &ToySimulation::write_weeks},
      {{"group_mean_level", "1", "Mean level in each group.", MetricScope::per_unit, 0},
       &ToySimulation::write_group_means},
  };  // immutable after first use
  return table;
}

}  // namespace

ModelDefinition toy_model() {
  ModelDefinition m;
  m.name = "toy";
  m.description = "Engine test model: agents drifting toward their group mean with random shocks.";
  m.unit_dimension = "group";
  using Kind = ParameterKind;
  m.parameters = {
      {"toy.agents", ParameterType::integer, 5000, 1, 10'000'000, "agent", "Number of agents.",
       "assumption", true, Kind::structure},
      {"toy.groups", ParameterType::integer, 8, 1, 100000, "group", "Number of groups.",
       "assumption", true, Kind::structure},
      {"toy.pull", ParameterType::real, 0.1, 0.0, 1.0, "per day",
       "Share of the gap to the group mean closed each day.", "assumption", false, Kind::behaviour},
      {"toy.shock_rate", ParameterType::real, 0.01, 0.0, 10.0, "per day",
       "Hazard of a random shock to an agent's level.", "assumption", false, Kind::behaviour},
      {"toy.enabled", ParameterType::boolean, 1, 0, 1, "1", "Unused flag for type tests.",
       "assumption", false, Kind::setting},
  };
  for (const auto& metric : ToySimulation::metrics())
    m.metrics.push_back(metric.spec);
  for (const auto& step : ToySimulation::timetable())
    m.schedule.push_back(step.spec);
  m.create = [](const ParameterSet& p, const RunContext& c) -> std::unique_ptr<Simulation> {
    return std::make_unique<ToySimulation>(p, c);
  };
  m.footprint = [](const ParameterSet& p) {
    // Per agent: level, next level, group id, and the day's shock flags.
    const auto agents = static_cast<std::uint64_t>(p.integer("toy.agents"));
    const auto groups = static_cast<std::uint64_t>(p.integer("toy.groups"));
    const std::uint64_t per_agent = 2 * sizeof(double) + 2 * sizeof(std::uint32_t) + sizeof(int);
    return Footprint{agents * per_agent + groups * 4 * sizeof(double),
                     static_cast<std::size_t>(groups)};
  };
  return m;
}

}  // namespace candour::models
