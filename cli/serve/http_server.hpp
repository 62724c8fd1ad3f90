#pragma once
// The explorer's server: accepts connections on one address, answers HTTP
// requests through route() and upgrades /ws to a WebSocket (WsSession). One
// thread runs every connection; each page's runs step on a thread of their
// own.
#include <memory>
#include <string>

#include "cli/serve/server_state.hpp"

namespace candour::cli::serve {

class HttpServer {
 public:
  explicit HttpServer(ServerState& state);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds host:port (port 0: any free port) and gives the port bound.
  // Throws std::system_error when it cannot (the port is taken, ...).
  unsigned short listen(const std::string& host, unsigned short port);
  // Serves until stop() is called (from any thread) or SIGINT/SIGTERM
  // arrives when `on_signals` is true.
  void run(bool on_signals = false);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace candour::cli::serve
