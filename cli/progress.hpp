#pragma once
// Progress on long work: a redrawn bar with rate and ETA on a terminal, plain
// lines at every tenth when the output is a file or a pipe, nothing when quiet.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

namespace candour::cli {

enum class ProgressStyle { bar, lines, quiet };

// A bar when `stream` is a terminal, lines otherwise; quiet wins.
ProgressStyle progress_style_for(std::FILE* stream, bool quiet);

// What the rate and the ETA are measured over:
// - since_start: all the time since the Progress was made (runs of a sweep,
//   whose first result arrives after real work);
// - since_first_update: from the first update on, so that set-up before the
//   first unit of work (a model's burn-in before day 1) never counts as work
//   done at a slow rate. Until two updates apart in time, no rate is shown.
enum class RateFrom { since_start, since_first_update };

class Progress {
 public:
  using Clock = std::function<double()>;  // seconds, monotonic; steady_clock by default

  // `what` names the unit of work ("days", "runs").
  Progress(std::int64_t total, std::string what, ProgressStyle style, std::FILE* out = stderr,
           RateFrom rate_from = RateFrom::since_start, Clock clock = {});
  void update(std::int64_t done);
  void finish();

 private:
  void draw(std::int64_t done, double now);

  std::int64_t total_;
  std::string what_;
  ProgressStyle style_;
  std::FILE* out_;
  RateFrom rate_from_;
  Clock clock_;
  double start_ = 0.0;          // the Progress was made
  double rate_start_ = 0.0;     // the rate is measured from here ...
  std::int64_t rate_done_ = 0;  // ... and this much work done then
  bool rate_started_ = false;
  double last_draw_ = 0.0;
  int last_tenth_ = -1;
  bool finished_ = false;
};

// "1h 02m", "3m 20s", "12s".
std::string format_duration(double seconds);

}  // namespace candour::cli
