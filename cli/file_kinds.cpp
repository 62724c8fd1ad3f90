#include "cli/file_kinds.hpp"

#include <fstream>
#include <iterator>
#include <regex>

namespace candour::cli {
namespace {

bool is_hdf5(const std::string& head) {
  static const std::string signature("\x89HDF\r\n\x1a\n", 8);
  return head.compare(0, signature.size(), signature) == 0;
}

}  // namespace

std::optional<std::string> wrong_kind(const std::filesystem::path& file, InputKind expected) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::string text;
  text.resize(1 << 16);  // the first 64 KiB say what a file is
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  const std::string name = file.string();
  if (is_hdf5(text))
    return "an HDF5 file (the output of `candour run` or `candour sweep`), not a " +
           std::string(expected == InputKind::scenario ? "scenario" : "sweep file") +
           ": give the " +
           (expected == InputKind::scenario
                ? "scenario file (TOML, e.g. scenarios/baseline.toml)"
                : "sweep file (TOML, e.g. scenarios/sweeps/surveillance.toml)") +
           "; to look inside " + name + ", use `candour-analysis info " + name + "`";
  static const std::regex sweep_table(R"((^|\n)\s*\[(design|\[axis\])\])");
  static const std::regex model_key(R"((^|\n)\s*model\s*=)");
  const bool looks_sweep = std::regex_search(text, sweep_table);
  if (expected == InputKind::scenario && looks_sweep)
    return "a sweep file (it has [design] or [[axis]]), not a scenario: run it with `candour "
           "sweep " +
           name + "`";
  if (expected == InputKind::sweep && !looks_sweep && std::regex_search(text, model_key))
    return "a scenario file (it names a model), not a sweep file: run it with `candour run " +
           name + "`, or write a sweep file whose scenario = \"" + file.filename().string() +
           "\" (docs/sweeps.md)";
  return std::nullopt;
}

}  // namespace candour::cli
