#include "cli/serve/run_session.hpp"

#include <chrono>

#include "cli/serve/charts.hpp"
#include "cli/serve/model_json.hpp"
#include "cli/serve/page_values.hpp"

namespace candour::cli::serve {
namespace {

using json = nlohmann::json;

// The page is sent rows as fast as it reads them, and no faster: beyond this
// many bytes waiting, the worker waits.
constexpr std::size_t kBacklogBytes = 4u << 20;
constexpr sim::Day kViewEvery = 7;  // days between views of the unit shown while running
constexpr int kMaxRunsPerPage = 2;  // a policy and the run it is compared with

const char* mode_name(int mode) {
  static const char* names[] = {"idle", "paused", "running", "finished"};
  return names[mode];
}

json view_json(const sim::UnitView& view) {
  auto parts = json::array();
  for (const auto& part : view.parts)
    parts.push_back({{"role", part.role}, {"parent", part.parent}, {"values", part.values}});
  return {{"fields", view.fields}, {"units", view.units}, {"parts", parts}};
}

}  // namespace

RunSession::RunSession(ServerState& server, Outbox outbox)
    : server_(server), outbox_(std::move(outbox)), worker_([this] { work(); }) {}

RunSession::~RunSession() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  stop_ = true;
  wake_.notify_all();
  worker_.join();
  runs_.clear();
  server_.release_runs(slots_);
}

void RunSession::receive(const std::string& text) {
  json message = json::parse(text, nullptr, false);
  if (message.is_object() && message.value("type", "") == "reset")
    stop_ = true;  // a burn-in in progress ends after its day
  {
    std::lock_guard lock(mutex_);
    inbox_.push_back(std::move(message));
  }
  wake_.notify_all();
}

bool RunSession::active() const {
  return mode_ == Mode::running || (mode_ == Mode::paused && steps_left_ > 0);
}

void RunSession::work() {
  for (;;) {
    std::deque<json> messages;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return closing_.load() || !inbox_.empty() || active(); });
      if (closing_)
        return;
      messages.swap(inbox_);
    }
    for (const auto& message : messages) {
      try {
        handle(message);
      } catch (const sim::io::ScenarioError& e) {
        send_error(e.what(), e.key);
      } catch (const ExplorerRefusal& e) {
        send_error(e.what());
      } catch (const std::exception& e) {
        send_error(std::string("the server failed: ") + e.what());
      }
      if (stop_ && !closing_)
        stop_ = false;  // a reset was handled
    }
    if (!active())
      continue;
    const auto day_started = std::chrono::steady_clock::now();
    try {
      step_runs();
    } catch (const std::exception& e) {
      send_error(std::string("the run failed: ") + e.what());
      reset();
      continue;
    }
    wait_for_page();
    if (pace_ > 0.0 && mode_ == Mode::running) {
      const auto until = day_started + std::chrono::duration<double>(1.0 / pace_);
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, until, [&] { return closing_.load() || !inbox_.empty(); });
    }
  }
}

void RunSession::wait_for_page() {
  while (outbox_.backlog() > kBacklogBytes) {
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, std::chrono::milliseconds(5), [&] { return closing_.load(); }))
      return;
  }
}

void RunSession::handle(const json& message) {
  if (!message.is_object() || !message.contains("type") || !message["type"].is_string())
    throw ExplorerRefusal("a message must be a JSON object with a \"type\"");
  const std::string type = message["type"];
  if (type == "start") {
    start(message);
  } else if (type == "reset") {
    reset();
  } else if (type == "play" || type == "pause" || type == "step") {
    if (runs_.empty())
      throw ExplorerRefusal("nothing to " + type + ": start a run first");
    if (mode_ == Mode::finished)
      throw ExplorerRefusal("the run has ended; reset to run it again");
    if (type == "play") {
      mode_ = Mode::running;
    } else if (type == "pause") {
      mode_ = Mode::paused;
      steps_left_ = 0;
      send_views();
    } else {
      mode_ = Mode::paused;
      const auto days = message.value("days", json(7));
      if (!days.is_number_integer() || days.get<std::int64_t>() < 1 ||
          days.get<std::int64_t>() > server_.config().limits.max_days)
        throw ExplorerRefusal("\"days\" of a step is a whole number from 1 to " +
                              std::to_string(server_.config().limits.max_days));
      steps_left_ = days.get<sim::Day>();
    }
    send_state();
  } else if (type == "set") {
    move(message);
  } else if (type == "view") {
    const auto unit = message.value("unit", json(0));
    if (!unit.is_number_unsigned())
      throw ExplorerRefusal("\"unit\" of a view is a whole number from 0");
    unit_ = unit.get<std::size_t>();
    send_views();
  } else if (type == "pace") {
    const auto pace = message.value("days_per_second", json(0));
    if (!pace.is_number() || pace.get<double>() < 0.0 || pace.get<double>() > 1e6)
      throw ExplorerRefusal("\"days_per_second\" is a number from 0 (as fast as possible) up");
    pace_ = pace.get<double>();
  } else if (type == "download") {
    download(message);
  } else {
    throw ExplorerRefusal("unknown message type '" + type +
                          "'; expected start, play, pause, step, set, view, pace, reset or "
                          "download");
  }
}

void RunSession::start(const json& message) {
  reset();
  const std::string name = message.value("scenario", "");
  const auto* entry = server_.catalogue().find(name);
  if (entry == nullptr)
    throw ExplorerRefusal("no scenario named '" + name + "'; did you mean '" +
                          server_.catalogue().nearest(name) + "'?");
  const auto& requests = message.value("runs", json::array());
  if (!requests.is_array() || requests.empty() || requests.size() > kMaxRunsPerPage)
    throw ExplorerRefusal("\"runs\" lists one or two runs, each {\"label\", \"set\"}");
  const auto& limits = server_.config().limits;
  std::vector<std::unique_ptr<ExplorerRun>> runs;
  for (const auto& request : requests) {
    if (!request.is_object())
      throw ExplorerRefusal("each of \"runs\" is an object {\"label\", \"set\"}");
    const auto overrides =
        page_overrides(entry->resolved.registry, request.value("set", json::object()));
    runs.push_back(std::make_unique<ExplorerRun>(request.value("label", "run"), *entry, overrides,
                                                 limits.max_days, limits.max_units));
  }
  const int count = static_cast<int>(runs.size());
  if (!server_.take_runs(count))
    throw ExplorerRefusal("this server is running " + std::to_string(server_.runs_in_progress()) +
                          " runs, its most at a time (candour serve --max-runs " +
                          std::to_string(limits.max_runs) +
                          "): close another explorer tab or wait for its runs to end");
  slots_ = count;
  runs_ = std::move(runs);

  const auto charts = charts_for(*entry->resolved.model);
  std::vector<std::string> charted;
  for (const auto& chart : charts)
    charted.insert(charted.end(), chart.metrics.begin(), chart.metrics.end());
  auto started = json{{"type", "started"}, {"scenario", name}, {"metrics", charted}};
  auto run_list = json::array();
  for (const auto& run : runs_) {
    const auto& scenario = run->resolved().scenario;
    auto stages = json::array();
    for (const auto& change : scenario.timeline)
      stages.push_back({{"day", change.day}, {"label", change.label}});
    run_list.push_back({{"label", run->label()},
                        {"days", run->days()},
                        {"seed", scenario.parameters.integer(sim::run_keys::seed)},
                        {"command", run->equivalent_command()},
                        {"stages", stages}});
  }
  started["runs"] = run_list;
  send(started);

  const auto pace = message.value("days_per_second", json(0));
  pace_ = pace.is_number() && pace.get<double>() > 0 ? pace.get<double>() : 0.0;
  send(json{{"type", "state"}, {"state", "burn-in"}, {"day", 0}});
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    auto& run = *runs_[i];
    const bool started_ok = run.start(
        server_.config().threads_per_run, [this] { return stop_.load(); },
        [this, i](sim::Day time, std::span<const double> row) { send_row(i, time, row); });
    if (!started_ok) {  // a reset or the page closing stopped the burn-in
      reset();
      return;
    }
    std::vector<std::size_t> columns;
    for (const auto& metric : charted)
      columns.push_back(run.rows().layout().slot(metric).offset);
    chart_columns_.push_back(std::move(columns));
    // The time-0 row was recorded before its columns were known: send it now.
    send_row(i, run.rows().times().front(), run.rows().rows().front());
  }
  if (unit_ >= runs_.front()->units())
    unit_ = 0;
  const auto play = message.value("play", false);
  const auto steps = message.value("steps", json(0));
  mode_ = play ? Mode::running : Mode::paused;
  if (steps.is_number_integer() && steps.get<std::int64_t>() > 0)
    steps_left_ = std::min<sim::Day>(steps.get<sim::Day>(), server_.config().limits.max_days);
  send_views();
  send_state();
}

void RunSession::reset() {
  runs_.clear();
  chart_columns_.clear();
  server_.release_runs(slots_);
  slots_ = 0;
  steps_left_ = 0;
  if (mode_ != Mode::idle) {
    mode_ = Mode::idle;
    send_state();
  }
}

void RunSession::step_runs() {
  bool all_done = true;
  for (auto& run : runs_) {
    if (!run->done())
      run->step();
    all_done = all_done && run->done();
  }
  const sim::Day day = runs_.front()->day();
  if (all_done) {
    mode_ = Mode::finished;
    steps_left_ = 0;
    send_views();
    send_state();
  } else if (steps_left_ > 0 && --steps_left_ == 0 && mode_ == Mode::paused) {
    send_views();
    send_state();
  } else if (day % kViewEvery == 0) {
    send_views();
  }
}

ExplorerRun& RunSession::run_at(const json& message) {
  const auto index = message.value("run", json(0));
  if (!index.is_number_unsigned() || index.get<std::size_t>() >= runs_.size())
    throw ExplorerRefusal("\"run\" names one of the " + std::to_string(runs_.size()) +
                          " runs started (0 first)");
  return *runs_[index.get<std::size_t>()];
}

void RunSession::move(const json& message) {
  if (runs_.empty())
    throw ExplorerRefusal("no run has started: the values set before pressing run are its start");
  auto& run = run_at(message);
  const std::string name = message.value("name", "");
  const auto value = page_value(run.resolved().registry, name, message.value("value", json()));
  run.move(name, value);
  const auto& made = run.moves().back();
  send(json{{"type", "marker"},
            {"run", message.value("run", json(0))},
            {"day", made.day},
            {"name", made.name},
            {"value", value_json(made.value)},
            {"label", move_label(made)}});
}

void RunSession::download(const json& message) {
  if (runs_.empty())
    throw ExplorerRefusal("no run to download: run one first");
  auto& run = run_at(message);
  const auto path = run.write_file(server_.config().output_dir);
  const auto name = path.filename().string();
  server_.add_file(name);
  send(json{{"type", "file"},
            {"run", message.value("run", json(0))},
            {"name", name},
            {"url", "/files/" + name},
            {"command", run.equivalent_command()}});
}

void RunSession::send(const json& message) {
  outbox_.send(message.dump());
}

void RunSession::send_row(std::size_t run, sim::Day time, std::span<const double> row) {
  if (run >= chart_columns_.size())
    return;  // the time-0 row of a run still in its burn-in: sent once it starts
  std::vector<double> values;
  for (const auto column : chart_columns_[run])
    values.push_back(row[column]);
  send(json{{"type", "row"}, {"run", run}, {"time", time}, {"values", values}});
}

void RunSession::send_views() {
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    if (!runs_[i]->started())
      continue;
    auto view = view_json(runs_[i]->view(unit_));
    view["type"] = "view";
    view["run"] = i;
    view["unit"] = unit_;
    view["units_count"] = runs_[i]->units();
    view["day"] = runs_[i]->day();
    send(view);
  }
}

void RunSession::send_state() {
  send(json{{"type", "state"},
            {"state", mode_name(static_cast<int>(mode_))},
            {"day", runs_.empty() ? 0 : runs_.front()->day()},
            {"days", runs_.empty() ? 0 : runs_.front()->days()}});
}

void RunSession::send_error(const std::string& message, const std::string& key) {
  send(json{{"type", "error"}, {"message", message}, {"key", key}});
}

}  // namespace candour::cli::serve
