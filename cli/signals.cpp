#include "cli/signals.hpp"

#include <csignal>
#include <iterator>
#include <stdexcept>

namespace candour::cli {
namespace {

constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP};

// A signal handler reaches only static storage, and may only set a flag of
// this type: global mutable state that cannot be avoided, written by the
// handler and read by the work through StopSignals::stop_requested(). Hence
// also one StopSignals at a time.
volatile std::sig_atomic_t g_received = 0;
bool g_installed = false;

extern "C" void on_stop_signal(int signal) {
  if (g_received != 0) {
    // The second signal: the default action (ending the process), now.
    struct sigaction fallback {};
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal, &fallback, nullptr);
    raise(signal);
    return;
  }
  g_received = signal;
}

}  // namespace

void ignore_sigpipe() {
  std::signal(SIGPIPE, SIG_IGN);
}

StopSignals::StopSignals() {
  if (g_installed)
    throw std::logic_error("StopSignals: only one at a time");
  g_received = 0;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // interrupted reads and writes carry on
  for (std::size_t i = 0; i < std::size(kStopSignals); ++i)
    sigaction(kStopSignals[i], &action, &previous_[i]);
  g_installed = true;
}

StopSignals::~StopSignals() {
  for (std::size_t i = 0; i < std::size(kStopSignals); ++i)
    sigaction(kStopSignals[i], &previous_[i], nullptr);
  g_installed = false;
}

int StopSignals::received() const {
  return g_received;
}

sim::StopFn StopSignals::stop_requested() const {
  return [] { return g_received != 0; };
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "signal " + std::to_string(signal);
  }
}

int exit_code_for(int signal) {
  return 128 + signal;
}

}  // namespace candour::cli
