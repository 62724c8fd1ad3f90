#pragma once
// Progress on long work: a redrawn bar with rate and ETA on a terminal, plain
// lines at every tenth when the output is a file or a pipe, nothing when quiet.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace candour::cli {

enum class ProgressStyle { bar, lines, quiet };

// A bar when `stream` is a terminal, lines otherwise; quiet wins.
ProgressStyle progress_style_for(std::FILE* stream, bool quiet);

class Progress {
 public:
  // `what` names the unit of work ("days", "runs").
  Progress(std::int64_t total, std::string what, ProgressStyle style, std::FILE* out = stderr);
  void update(std::int64_t done);
  void finish();

 private:
  void draw(std::int64_t done, bool final);

  std::int64_t total_;
  std::string what_;
  ProgressStyle style_;
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  int last_tenth_ = -1;
  bool finished_ = false;
};

// "1h 02m", "3m 20s", "12s".
std::string format_duration(double seconds);

}  // namespace candour::cli
