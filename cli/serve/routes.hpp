#pragma once
// The server's HTTP routes as a plain function of method and target, so that
// they are tested without a socket:
//   GET /                      the page (index.html of the built page)
//   GET /<file>                the page's other files
//   GET /api/scenarios         the scenarios a page may pick
//   GET /api/scenarios/<name>  one scenario: its title and every value
//   GET /api/models/<name>     a model's levers, settings, metrics and charts
//   GET /api/limits            the server's bounds
//   GET /docs/ODD.md           the model description the levers link to
//   GET /files/<name>          a run file this server wrote (a download)
// The WebSocket (/ws) is upgraded by the server itself.
#include <filesystem>
#include <string>
#include <string_view>

#include "cli/serve/server_state.hpp"

namespace candour::cli::serve {

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string attachment;  // a file name: sent as a download
};

Response route(const ServerState& state, std::string_view method, std::string_view target);

// The content type of a file by its extension.
std::string content_type_of(const std::filesystem::path& file);

}  // namespace candour::cli::serve
