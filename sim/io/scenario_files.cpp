// Reading scenario files and following `extends` chains: missing, unreadable,
// malformed and empty files, and cycles, each reported where they are caused.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "sim/io/scenario_detail.hpp"

namespace candour::sim::io {
namespace detail {
namespace {

// A missing file is the fault of whoever named it: report it there.
[[noreturn]] void cannot_read(const fs::path& file, const Reference* by, const std::string& why) {
  if (by != nullptr)
    throw ScenarioError(by->file, by->line, by->key,
                        "cannot read " + in_quotes(file.string()) + ", named by " +
                            in_quotes(by->key) + ": " + why);
  throw ScenarioError(file, 0, "", "cannot read the scenario file: " + why);
}

std::string read_text(const fs::path& file, const Reference* by) {
  std::error_code error;
  const auto status = fs::status(file, error);
  if (!fs::exists(status))
    cannot_read(
        file, by,
        error && error != std::errc::no_such_file_or_directory ? error.message() : "no such file");
  if (fs::is_directory(status))
    cannot_read(file, by, "it is a folder, not a file");
  std::ifstream in(file, std::ios::binary);
  if (!in)
    cannot_read(file, by, std::strerror(errno));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad())
    cannot_read(file, by, std::strerror(errno));
  return text;
}

// Names in a cycle message, short where the files share a folder.
std::string chain_text(const std::vector<fs::path>& paths, const fs::path& folder) {
  std::string text;
  for (const auto& path : paths) {
    if (!text.empty())
      text += " -> ";
    text += (folder.empty() ? path : path.lexically_proximate(folder)).string();
  }
  return text;
}

// The same file reached by two spellings (./a.toml, ../x/a.toml, a link) has
// one identity; a path that cannot be resolved stands for itself.
fs::path identity(const fs::path& file) {
  std::error_code error;
  fs::path resolved = fs::weakly_canonical(file, error);
  return error ? fs::absolute(file, error).lexically_normal() : resolved;
}

}  // namespace

toml::table read_scenario_file(const fs::path& file, const Reference* by) {
  toml::table table = parse_toml(read_text(file, by), file);
  if (table.empty())
    throw ScenarioError(file, 0, "",
                        "empty scenario: the file holds no settings (only blank lines or "
                        "comments); give at least `model`, `extends` or one parameter");
  return table;
}

std::vector<ChainFile> read_chain(const fs::path& file, const Reference* by) {
  std::vector<ChainFile> chain;
  std::vector<fs::path> canonical;  // of each file in `chain`, to find cycles
  fs::path current = file;
  std::optional<Reference> reference;
  if (by != nullptr)
    reference = *by;
  for (;;) {
    toml::table table = read_scenario_file(current, reference ? &*reference : nullptr);
    canonical.push_back(identity(current));
    chain.push_back({current, std::move(table)});
    const auto base = declared_string(chain.back(), "extends");
    if (!base)
      break;
    // Every file of a chain is read and checked in full, the names compared
    // for cycles: a bound keeps the cost small and catches runaway chains.
    if (chain.size() >= kMaxExtendsChain)
      throw ScenarioError(current, base->line, "extends",
                          "extends chain longer than " + std::to_string(kMaxExtendsChain) +
                              " files, starting at " + file.string() + "; at most " +
                              std::to_string(kMaxExtendsChain) + " are allowed");
    fs::path next = (current.parent_path() / base->value).lexically_normal();
    const fs::path next_canonical = identity(next);
    if (std::find(canonical.begin(), canonical.end(), next_canonical) != canonical.end()) {
      std::vector<fs::path> names;
      for (const auto& link : chain)
        names.push_back(link.path);
      auto repeat = std::find(canonical.begin(), canonical.end(), next_canonical);
      names.push_back(chain[static_cast<std::size_t>(repeat - canonical.begin())].path);
      throw ScenarioError(current, base->line, "extends",
                          "extends cycle: " + chain_text(names, file.parent_path()));
    }
    reference = Reference{current, base->line, "extends"};
    current = std::move(next);
  }
  return chain;
}

std::optional<Declared> declared_string(const ChainFile& file, std::string_view key) {
  const toml::node* node = file.table.get(key);
  if (node == nullptr)
    return std::nullopt;
  const auto* text = node->as_string();
  if (text == nullptr)
    throw ScenarioError(file.path, line_of(*node), std::string(key),
                        in_quotes(key) + " expects a string, got " + describe(*node));
  if ((key == "model" || key == "extends") && text->get().empty())
    throw ScenarioError(file.path, line_of(*node), std::string(key),
                        in_quotes(key) + " must not be empty");
  return Declared{text->get(), file.path, line_of(*node)};
}

std::optional<Declared> declared_model(const std::vector<ChainFile>& chain) {
  std::optional<Declared> model;
  for (const auto& file : chain) {
    auto declared = declared_string(file, "model");
    if (!declared)
      continue;
    if (!model) {
      model = std::move(declared);
    } else if (declared->value != model->value) {
      // Every file of a chain is read against one registry: one model.
      throw ScenarioError(model->file, model->line, "model",
                          "model " + in_quotes(model->value) + " differs from model " +
                              in_quotes(declared->value) + " declared in " +
                              declared->file.string() + ":" + std::to_string(declared->line) +
                              ", which this file extends; a chain is for one model");
    }
  }
  return model;
}

}  // namespace detail

ScenarioFiles::ScenarioFiles(const std::filesystem::path& file)
    : file_(file),
      chain_(std::make_shared<detail::ChainFiles>(
          detail::ChainFiles{detail::read_chain(file, nullptr)})) {
  if (const auto declared = detail::declared_model(chain_->files))
    model_ = ModelDeclaration{declared->value, declared->file, declared->line};
}

}  // namespace candour::sim::io
