#pragma once
// Checks on an output path, made before anything is written: the user named
// it, so every refusal is bad input (exit 2) and touches nothing.
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

namespace candour::cli {

// The output path cannot be used as given; what() says why and what to do.
struct OutputRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What may already be at the output path.
enum class ExistingOutput {
  refuse,                   // merge: the file must not exist
  refuse_unless_overwrite,  // run: the file must not exist (--overwrite says replace)
  replace,                  // run --overwrite: an existing file is replaced (never an input)
  resume,  // sweep: an existing file is the same sweep, resumed (checked by the store)
};

// The output to write: `given` when the option was given (`-o ''` is refused,
// not taken to mean the default), else `fallback`. Throws OutputRefused when
// the path is empty, names a folder (or ends in '/'), is one of `inputs` (the
// same file under any name, whatever `existing` says), or exists and
// `existing` is a refusal.
std::filesystem::path checked_output(const std::optional<std::string>& given,
                                     const std::filesystem::path& fallback,
                                     std::span<const std::filesystem::path> inputs,
                                     ExistingOutput existing);

}  // namespace candour::cli
