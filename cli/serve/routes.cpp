#include "cli/serve/routes.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>

#include <nlohmann/json.hpp>

#include "cli/model_catalogue.hpp"
#include "cli/serve/model_json.hpp"

namespace candour::cli::serve {
namespace {

using json = nlohmann::json;

Response error(unsigned status, const std::string& message) {
  return {status, "application/json", json{{"error", message}}.dump(), {}};
}

Response json_response(const json& body) {
  return {200, "application/json", body.dump(), {}};
}

// A name the page may ask for under a folder: letters, digits, '_', '-' and
// '.', in at most one level of sub-folder, never '..': nothing outside the
// folder can be named.
bool is_safe_name(std::string_view name) {
  if (name.empty() || name.size() > 200 || name.front() == '.' || name.front() == '/')
    return false;
  if (name.find("..") != std::string_view::npos || std::count(name.begin(), name.end(), '/') > 1)
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == '/';
  });
}

std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error))
    return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return std::nullopt;
  return std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Response file_response(const std::filesystem::path& folder, std::string_view name,
                       bool attachment = false) {
  if (!is_safe_name(name))
    return error(404, "no such file: " + std::string(name));
  const auto path = folder / std::string(name);
  auto body = read_file(path);
  if (!body)
    return error(404, "no such file: " + std::string(name));
  return {200, content_type_of(path), std::move(*body),
          attachment ? path.filename().string() : std::string()};
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string content_type_of(const std::filesystem::path& file) {
  const auto extension = file.extension().string();
  if (extension == ".html")
    return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs")
    return "text/javascript; charset=utf-8";
  if (extension == ".css")
    return "text/css; charset=utf-8";
  if (extension == ".json")
    return "application/json";
  if (extension == ".md")
    return "text/markdown; charset=utf-8";
  if (extension == ".png")
    return "image/png";
  if (extension == ".svg")
    return "image/svg+xml";
  if (extension == ".h5")
    return "application/x-hdf5";
  return "application/octet-stream";
}

Response route(const ServerState& state, std::string_view method, std::string_view target) {
  if (method != "GET" && method != "HEAD")
    return error(405, "only GET is served here (the explorer talks over its WebSocket, /ws)");
  target = target.substr(0, target.find_first_of("?#"));
  const auto& config = state.config();
  if (target == "/")
    return file_response(config.web_dir, "index.html");
  if (target == "/api/scenarios")
    return json_response(catalogue_json(state.catalogue()));
  if (starts_with(target, "/api/scenarios/")) {
    const auto name = target.substr(std::string_view("/api/scenarios/").size());
    if (const auto* entry = state.catalogue().find(name))
      return json_response(scenario_json(*entry));
    return error(404, "no scenario named '" + std::string(name) + "'; did you mean '" +
                          state.catalogue().nearest(name) + "'?");
  }
  if (starts_with(target, "/api/models/")) {
    const auto name = target.substr(std::string_view("/api/models/").size());
    try {
      return json_response(model_json(find_model(name)));
    } catch (const std::invalid_argument& e) {
      return error(404, e.what());
    }
  }
  if (target == "/api/limits") {
    const auto& limits = config.limits;
    return json_response({{"max_days", limits.max_days},
                          {"max_units", limits.max_units},
                          {"max_runs", limits.max_runs},
                          {"runs_in_progress", state.runs_in_progress()}});
  }
  if (target == "/docs/ODD.md")
    return file_response(config.docs_dir, "ODD.md");
  if (starts_with(target, "/files/")) {
    const auto name = target.substr(std::string_view("/files/").size());
    if (!state.wrote_file(name))
      return error(404, "no file named '" + std::string(name) + "' was written by this server");
    return file_response(config.output_dir, name, true);
  }
  if (starts_with(target, "/api/"))
    return error(404, "no such route: " + std::string(target));
  return file_response(config.web_dir, target.substr(1));
}

}  // namespace candour::cli::serve
