#include "tests/validation/nhs/probe.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/nhs/formulas.hpp"

namespace candour::validation::nhs {

namespace {

using models::nhs::NhsSimulation;

// Forwards everything to the NHS simulation and adds the observer as the
// day's last process (model() below appends it to the timetable). The
// observer sees the state once when the run starts (day -1, after the
// burn-in) and then on the recorded days only.
class ObservedSimulation final : public sim::Simulation {
 public:
  ObservedSimulation(std::unique_ptr<sim::Simulation> inner, std::size_t inner_steps,
                     Observer observer)
      : inner_(std::move(inner)), inner_steps_(inner_steps), observer_(std::move(observer)) {
    nhs_ = dynamic_cast<const NhsSimulation*>(inner_.get());
    if (nhs_ == nullptr)
      throw std::invalid_argument("the probe observes the NHS model only");
  }
  void run_process(std::size_t process, sim::Day day) override {
    if (process < inner_steps_)
      inner_->run_process(process, day);
    else if (day >= 0)
      observer_(*nhs_, day);
  }
  sim::Day burn_in_days() const override { return inner_->burn_in_days(); }
  void start(const sim::ParameterSet& p) override {
    inner_->start(p);
    observer_(*nhs_, -1);
  }
  void apply_parameters(const sim::ParameterSet& p) override { inner_->apply_parameters(p); }
  std::size_t unit_count() const override { return inner_->unit_count(); }
  void record(sim::Day time, std::span<double> row) const override { inner_->record(time, row); }

 private:
  std::unique_ptr<sim::Simulation> inner_;
  const NhsSimulation* nhs_ = nullptr;
  std::size_t inner_steps_;
  Observer observer_;
};

constexpr float kVacant = std::numeric_limits<float>::quiet_NaN();

}  // namespace

sim::ModelDefinition observed(const sim::ModelDefinition& base, sim::Period period,
                              Observer observer) {
  sim::ModelDefinition m = base;
  m.schedule.push_back({"validation_probe", period, "Validation probe (read-only observer)."});
  m.create = [create = base.create, steps = base.schedule.size(), observer](
                 const sim::ParameterSet& p, const sim::RunContext& c) {
    return std::unique_ptr<sim::Simulation>(
        std::make_unique<ObservedSimulation>(create(p, c), steps, observer));
  };
  return m;
}

Observer record_panel(std::shared_ptr<ClinicianPanel> panel, int weekday) {
  return [panel, weekday](const NhsSimulation& sim, sim::Day day) {
    const auto& s = sim.state();
    const auto& L = s.layout;
    const auto& C = s.clinicians;
    const auto& W = s.wards;
    if (day < 0) {
      panel->ward_of_post = L.ward_of_post;
      panel->wards = L.trust_of_ward.size();
      return;
    }
    if (day % 7 != weekday)
      return;
    const std::size_t posts = L.ward_of_post.size(), wards = panel->wards;
    std::vector<float> fear(posts, kVacant), burnout(posts, kVacant);
    std::vector<std::int32_t> hired(posts, 0);
    for (std::size_t i = 0; i < posts; ++i) {
      if (!C.present[i])
        continue;
      fear[i] = static_cast<float>(C.fear[i]);
      burnout[i] = static_cast<float>(C.burnout[i]);
      hired[i] = C.hired_day[i];
    }
    std::vector<float> pressure(wards), trust(wards), memory(wards), ppn(wards), vacancy(wards);
    for (std::size_t w = 0; w < wards; ++w) {
      pressure[w] = static_cast<float>(
          models::nhs::logistic(s.manager_pressure.passed_logit[L.manager_of_ward[w]]));
      trust[w] = static_cast<float>(W.trust[w]);
      memory[w] = static_cast<float>(W.punishment_memory[w]);
      ppn[w] = static_cast<float>(W.patients_per_nurse[w]);
      vacancy[w] = static_cast<float>(W.vacancy_rate[w]);
    }
    panel->days.push_back(day);
    panel->fear.push_back(std::move(fear));
    panel->burnout.push_back(std::move(burnout));
    panel->hired_day.push_back(std::move(hired));
    panel->pressure.push_back(std::move(pressure));
    panel->trust.push_back(std::move(trust));
    panel->punishment_memory.push_back(std::move(memory));
    panel->patients_per_nurse.push_back(std::move(ppn));
    panel->vacancy_rate.push_back(std::move(vacancy));
  };
}

Observer record_boards(std::shared_ptr<BoardAtStart> boards) {
  return [boards](const NhsSimulation& sim, sim::Day day) {
    if (day >= 0)
      return;
    const auto& s = sim.state();
    const auto& L = s.layout;
    const auto& B = s.board;
    for (std::size_t t = 0; t < L.trusts; ++t) {
      std::size_t top = L.board_of_trust.begin(t);
      double competence = 0, style = 0;
      for (std::size_t b = L.board_of_trust.begin(t); b < L.board_of_trust.end(t); ++b) {
        if (B.competence[b] > B.competence[top])
          top = b;
        competence += B.competence[b];
        style += B.style[b];
      }
      const auto n = static_cast<double>(L.board_of_trust.size(t));
      boards->top_competence.push_back(B.competence[top]);
      boards->top_style.push_back(B.style[top]);
      boards->top_fear.push_back(B.fear[top]);
      boards->mean_competence.push_back(competence / n);
      boards->mean_style.push_back(style / n);
      boards->culture.push_back(s.trusts.culture[t]);
      boards->size.push_back(s.trusts.size[t]);
      boards->managers.push_back(static_cast<double>(L.managers_of_trust.size(t)));
      boards->board_members.push_back(n);
    }
  };
}

}  // namespace candour::validation::nhs
