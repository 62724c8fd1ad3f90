// A parallel loop that races: both of its tasks add to one shared total
// without synchronisation. Built only under ThreadSanitizer
// (tests/tsan/tsan.cmake), which must report it. With --without-race each
// task adds to its own slot and the loop is clean.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

#include "sim/core/parallel.hpp"

int main(int argc, char** argv) {
  const bool race = !(argc > 1 && std::strcmp(argv[1], "--without-race") == 0);
  const candour::sim::Executor executor(2);
  constexpr std::size_t kTasks = 2;
  std::vector<double> own(kTasks, 0.0);
  double shared = 0.0;
  std::atomic<int> started{0};
  executor.for_each(
      kTasks,
      [&](std::size_t i) {
        // Each task waits (up to 10 s) until the other has started, so that
        // the two run on different threads even on a loaded machine: else
        // one thread may run both, and there is nothing to report.
        started.fetch_add(1);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (started.load() < 2 && std::chrono::steady_clock::now() < deadline)
          std::this_thread::yield();
        if (race)
          shared += 1.0;  // the race
        else
          own[i] += 1.0;
      },
      1);
  const double total = shared + own[0] + own[1];
  std::printf("total %.0f, both tasks at once: %s\n", total, started.load() == 2 ? "yes" : "no");
  return total == 2.0 ? 0 : 1;
}
