#pragma once
// One page's runs: the explorer's side of a WebSocket. Messages from the page
// (start, play, pause, step, set a lever, view a unit, reset, download) are
// queued and handled on a worker thread of the session's own, which steps
// the runs a day at a time and streams their rows back. When the page goes
// (its tab closed, its connection lost) the session is destroyed: the worker
// stops after the day it is on, even in a burn-in, and the run slots are
// given back. The protocol is described in docs/explorer.md.
#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "cli/serve/explorer_run.hpp"
#include "cli/serve/server_state.hpp"

namespace candour::cli::serve {

// How the session reaches its page; both callable from any thread.
struct Outbox {
  std::function<void(std::string)> send;  // queues one text message
  std::function<std::size_t()> backlog;   // bytes queued and not yet sent
};

class RunSession {
 public:
  RunSession(ServerState& server, Outbox outbox);
  RunSession(const RunSession&) = delete;
  RunSession& operator=(const RunSession&) = delete;
  ~RunSession();

  // One message from the page (any thread): queued for the worker. A reset
  // also stops a burn-in in progress at once.
  void receive(const std::string& text);

 private:
  enum class Mode { idle, paused, running, finished };

  void work();
  bool active() const;
  void handle(const nlohmann::json& message);
  void start(const nlohmann::json& message);
  void reset();
  void step_runs();
  void move(const nlohmann::json& message);
  void download(const nlohmann::json& message);
  void send(const nlohmann::json& message);
  void send_row(std::size_t run, sim::Day time, std::span<const double> row);
  void send_views();
  void send_state();
  void send_error(const std::string& message, const std::string& key = {});
  void wait_for_page();
  ExplorerRun& run_at(const nlohmann::json& message);

  ServerState& server_;
  Outbox outbox_;

  std::mutex mutex_;  // guards inbox_ and closing_
  std::condition_variable wake_;
  std::deque<nlohmann::json> inbox_;
  std::atomic<bool> closing_{false};
  std::atomic<bool> stop_{false};  // closing, or a reset: asked after every simulated day

  // The worker's own.
  std::vector<std::unique_ptr<ExplorerRun>> runs_;
  std::vector<std::vector<std::size_t>> chart_columns_;  // per run: offsets of the charted metrics
  int slots_ = 0;
  Mode mode_ = Mode::idle;
  sim::Day steps_left_ = 0;
  double pace_ = 0.0;  // simulated days per second; 0: as fast as the machine goes
  std::size_t unit_ = 0;

  std::thread worker_;  // last: starts once everything above exists
};

}  // namespace candour::cli::serve
