// The progress display's rate and ETA, on a fake clock: set-up before the
// first unit of work (a model's burn-in) must not count as slow work.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "cli/progress.hpp"

namespace {

using candour::cli::Progress;
using candour::cli::ProgressStyle;
using candour::cli::RateFrom;

// What a Progress printed into a temporary file.
struct Captured {
  std::FILE* file = std::tmpfile();
  ~Captured() { std::fclose(file); }
  std::string text() const {
    std::string out;
    std::rewind(file);
    for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file))
      out += static_cast<char>(c);
    return out;
  }
};

}  // namespace

TEST_CASE("days are timed from the first day, not from before a burn-in", "[cli][progress]") {
  Captured out;
  double now = 100.0;
  Progress progress(1000, "days", ProgressStyle::lines, out.file, RateFrom::since_first_update,
                    [&] { return now; });
  now = 130.0;  // 30 s of burn-in before day 1
  progress.update(1);
  now = 131.0;  // then 99 days in one second: 99 days/s, 900 days to go
  progress.update(100);
  const auto text = out.text();
  INFO(text);
  REQUIRE(text.find("0%  1/1000 days  rate ?  elapsed 30s  ETA ?") != std::string::npos);
  REQUIRE(text.find("10%  100/1000 days  99 days/s  elapsed 31s  ETA 9s") != std::string::npos);
}

TEST_CASE("runs are timed from the start", "[cli][progress]") {
  Captured out;
  double now = 0.0;
  Progress progress(10, "runs", ProgressStyle::lines, out.file, RateFrom::since_start,
                    [&] { return now; });
  now = 4.0;  // the first two runs finish together after 4 s
  progress.update(2);
  const auto text = out.text();
  INFO(text);
  REQUIRE(text.find("20%  2/10 runs  0.5 runs/s  elapsed 4s  ETA 16s") != std::string::npos);
}

TEST_CASE("a quiet progress prints nothing", "[cli][progress]") {
  Captured out;
  Progress progress(10, "runs", ProgressStyle::quiet, out.file);
  progress.update(5);
  progress.finish();
  REQUIRE(out.text().empty());
}
