#pragma once
// Printing that never stops the work. SIGPIPE is ignored (cli/signals.hpp),
// so a write to a stream whose reader went away (`candour run ... | head -2`)
// fails with EPIPE instead of killing the process, and fmt reports that by
// throwing. Nothing `candour` prints is worth ending a run for: a failed
// write is dropped, and the stream's error flag tells the caller it is gone.
#include <fmt/core.h>

#include <cstdio>
#include <utility>

namespace candour::cli {

template <class... Args>
void print_to(std::FILE* stream, fmt::format_string<Args...> format, Args&&... args) noexcept {
  try {
    fmt::print(stream, format, std::forward<Args>(args)...);
  } catch (...) {
    // The stream is closed or full; std::ferror(stream) is now set.
  }
}

}  // namespace candour::cli
