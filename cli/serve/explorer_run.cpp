#include "cli/serve/explorer_run.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "cli/run_provenance.hpp"
#include "sim/io/run_writer.hpp"

namespace candour::cli::serve {
namespace {

bool is_label(const std::string& label) {
  return !label.empty() && label.size() <= 32 &&
         std::all_of(label.begin(), label.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

bool is_run_setting(const std::string& name) {
  return name.rfind("run.", 0) == 0;
}

}  // namespace

ExplorerRun::ExplorerRun(std::string label, const CatalogueEntry& entry,
                         const std::vector<sim::io::Override>& overrides, std::int64_t max_days,
                         std::size_t max_units)
    : label_(std::move(label)),
      scenario_name_(entry.name),
      scenario_file_(entry.file),
      overrides_(overrides) {
  if (!is_label(label_))
    throw ExplorerRefusal("a run's label is 1 to 32 of a-z, 0-9, _ and -; got '" + label_ + "'");
  resolved_.model = entry.resolved.model;
  resolved_.registry = entry.resolved.registry;
  const sim::io::ScenarioFiles files(entry.file);
  resolved_.scenario =
      sim::io::load_scenario(files, resolved_.model->name, resolved_.registry, overrides_);
  file_timeline_ = resolved_.scenario.timeline;
  const auto& parameters = resolved_.scenario.parameters;
  const auto days = parameters.integer(sim::run_keys::days);
  if (days > max_days)
    throw ExplorerRefusal(fmt::format(
        "{} = {} is more than this server runs: at most {} days (candour serve --max-days); "
        "use `candour run` for longer runs",
        sim::run_keys::days, days, max_days));
  if (resolved_.model->footprint) {
    const auto units = resolved_.model->footprint(parameters).units;
    if (units > max_units)
      throw ExplorerRefusal(fmt::format(
          "this run has {} {}s; this server runs at most {} (candour serve --max-units): "
          "set fewer, or use `candour run`",
          units, resolved_.model->unit_dimension, max_units));
  }
}

ExplorerRun::~ExplorerRun() = default;

bool ExplorerRun::start(int threads, sim::StopFn stop, RowStore::OnRecord on_record) {
  threads_ = threads;
  rows_.listen(std::move(on_record));
  auto plan = sim::io::run_plan(resolved_.scenario, threads, std::move(stop));
  stepper_ = std::make_unique<sim::RunStepper>(*resolved_.model, std::move(plan), rows_);
  if (stepper_->start())
    return true;
  stepper_.reset();
  return false;
}

void ExplorerRun::step() {
  stepper_->step();
  if (stepper_->done())
    result_ = stepper_->finish();
}

bool ExplorerRun::started() const {
  return stepper_ != nullptr;
}

bool ExplorerRun::done() const {
  return stepper_ && stepper_->done();
}

sim::Day ExplorerRun::day() const {
  return stepper_ ? stepper_->day() : 0;
}

sim::Day ExplorerRun::days() const {
  return resolved_.scenario.parameters.integer(sim::run_keys::days);
}

std::size_t ExplorerRun::units() const {
  return stepper_ ? stepper_->layout().units() : 0;
}

sim::UnitView ExplorerRun::view(std::size_t unit) const {
  if (!stepper_ || unit >= units())
    return {};
  return stepper_->simulation().view_unit(unit);
}

void ExplorerRun::move(const std::string& name, const sim::ParameterValue& value) {
  const auto* spec = resolved_.registry.find(name);
  if (spec == nullptr || spec->structural || is_run_setting(name))
    throw ExplorerRefusal("'" + name +
                          "' cannot change in the middle of a run (a run setting or the "
                          "structure, fixed when the run is built); reset to change it");
  if (!stepper_ || day() == 0)
    throw ExplorerRefusal(
        "no day has run yet: set '" + name +
        "' before pressing run (a change mid-run starts on day 1 at the earliest)");
  if (done())
    throw ExplorerRefusal("the run has ended; reset to run it again");
  const LeverMove move{day(), name, value};
  // A second move of the same lever on the same day replaces the first.
  std::erase_if(moves_, [&](const auto& m) { return m.day == move.day && m.name == move.name; });
  moves_.push_back(move);
  auto& scenario = resolved_.scenario;
  scenario.timeline = timeline_with_moves(file_timeline_, scenario.parameters, moves_);
  scenario.resolved_toml = sim::io::resolved_scenario_toml(scenario, resolved_.registry);
  std::vector<sim::TimelineChange> pending;
  for (const auto& change : scenario.timeline)
    if (change.day >= day())
      pending.push_back(change);
  stepper_->replace_pending(std::move(pending));
}

std::string ExplorerRun::equivalent_command() const {
  if (!moves_.empty())
    return "candour run SCENARIO.toml, with SCENARIO.toml the file's `scenario` attribute "
           "(the scenario " +
           scenario_file_.string() + " with the page's values and lever moves as timeline stages)";
  std::string command = "candour run " + scenario_file_.string();
  for (const auto& given : overrides_) {
    if (given.name == sim::run_keys::days)
      command += " --days " + given.value.toml();
    else if (given.name == sim::run_keys::seed)
      command += " --seed " + given.value.toml();
    else
      command += " --set " + given.name + "=" + given.value.toml();
  }
  return command;
}

std::filesystem::path ExplorerRun::write_file(const std::filesystem::path& folder) const {
  if (!result_)
    throw ExplorerRefusal(
        fmt::format("the run is on day {} of {}: download it once it ends", day(), days()));
  std::filesystem::create_directories(folder);
  const auto& parameters = resolved_.scenario.parameters;
  const auto seed = parameters.integer(sim::run_keys::seed);
  const auto flush_every = parameters.integer(sim::run_keys::flush_every);
  const auto provenance = run_provenance(resolved_, equivalent_command(), threads_, label_);
  for (int n = 1; n <= 1000; ++n) {
    const auto name = fmt::format("{}_{}_seed{}{}.h5", scenario_name_, label_, seed,
                                  n == 1 ? std::string() : "_" + std::to_string(n));
    const auto path = folder / name;
    if (std::filesystem::exists(path))
      continue;
    try {
      sim::io::RunWriter writer(path, provenance, resolved_.registry, parameters,
                                sim::io::Existing::refuse);
      // The rows as the engine gave them, flushed on the same days.
      writer.begin(*resolved_.model, rows_.layout());
      for (std::size_t i = 0; i < rows_.rows().size(); ++i) {
        writer.record(rows_.times()[i], rows_.rows()[i]);
        if (rows_.times()[i] > 0 && rows_.times()[i] % flush_every == 0)
          writer.flush();
      }
      writer.finish(*result_);
      return path;
    } catch (const sim::io::OutputExists&) {
      continue;  // taken meanwhile: the next name
    }
  }
  throw ExplorerRefusal("no free file name for " + scenario_name_ + " in " + folder.string());
}

}  // namespace candour::cli::serve
