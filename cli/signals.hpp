#pragma once
// Signals for the long commands (run, sweep). SIGINT (Ctrl-C), SIGTERM and
// SIGHUP ask the work to stop: the run finishes the simulated day it is on,
// flushes and closes its file, marked interrupted; a sweep lets no run start,
// abandons those in progress and closes its file, every finished run kept.
// A second such signal ends the process at once (what it leaves is still
// readable: see docs/reliability.md). SIGPIPE is ignored for the whole
// process, so a closed pipe silences the output and the work goes on.
//
// The engine knows nothing of signals: it is handed stop_requested() as a
// plain callback (sim::StopFn).
#include <signal.h>

#include <array>
#include <string>

#include "sim/core/engine.hpp"

namespace candour::cli {

// Once at start-up: writes to a closed pipe fail with EPIPE instead of killing.
void ignore_sigpipe();

// Handles SIGINT, SIGTERM and SIGHUP while it lives; restores the previous
// handling when it goes. One at a time.
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // The signal received, or 0.
  int received() const;
  // A callback for the engine and the sweep executor: true once a signal came.
  sim::StopFn stop_requested() const;

 private:
  std::array<struct sigaction, 3> previous_{};  // SIGINT, SIGTERM, SIGHUP as they were
};

// "SIGINT", "SIGTERM", "SIGHUP".
std::string signal_name(int signal);
// 128 + the signal's number, as shells report a process a signal ended:
// 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP.
int exit_code_for(int signal);

}  // namespace candour::cli
