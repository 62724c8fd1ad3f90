#include "cli/output_path.hpp"

#include <fmt/core.h>

namespace candour::cli {
namespace fs = std::filesystem;

fs::path checked_output(const std::optional<std::string>& given, const fs::path& fallback,
                        std::span<const fs::path> inputs, ExistingOutput existing) {
  if (given && given->empty())
    throw OutputRefused(fallback.empty()
                            ? "the output path is empty; give a file name"
                            : "the output path is empty (-o ''); give a file name, or leave out "
                              "-o for " +
                                  fallback.string());
  const fs::path output = given ? fs::path(*given) : fallback;
  std::error_code error;
  const auto status = fs::status(output, error);
  if (!output.has_filename() || fs::is_directory(status))
    throw OutputRefused(fmt::format(
        "the output {} names a folder; give a file name, e.g. {}", output.string(),
        (output / (fallback.filename().empty() ? "out.h5" : fallback.filename())).string()));
  if (!fs::exists(status))
    return output;
  for (const auto& input : inputs) {
    if (fs::equivalent(output, input, error))
      throw OutputRefused(fmt::format(
          "the output {} is the input {}; an input is never overwritten: choose another output",
          output.string(), input.string()));
  }
  if (existing == ExistingOutput::refuse_unless_overwrite)
    throw OutputRefused(fmt::format(
        "the output {} exists; give --overwrite to replace it, or choose another output",
        output.string()));
  if (existing == ExistingOutput::refuse)
    throw OutputRefused(fmt::format(
        "the output {} exists; this command writes a new file: remove it or choose another output",
        output.string()));
  return output;
}

}  // namespace candour::cli
