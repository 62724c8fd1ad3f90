#pragma once
// Naming what a file given to the wrong command is: a sweep file given to
// `run`, a scenario given to `sweep`, an HDF5 output given as either.
#include <filesystem>
#include <optional>
#include <string>

namespace candour::cli {

enum class InputKind { scenario, sweep };

// What `file` is and which command takes it ("a sweep file ..., not a
// scenario: run it with `candour sweep FILE`"), when it is
// plainly not a file of kind `expected`; nullopt when it may be (the readers
// then check it properly) or cannot be read (they report that).
std::optional<std::string> wrong_kind(const std::filesystem::path& file, InputKind expected);

}  // namespace candour::cli
