#pragma once
// One page's WebSocket: reads its messages into a RunSession and writes the
// session's messages back in order. When the connection ends (the tab
// closed, the network gone, no answer to pings) the RunSession goes with it,
// stopping its runs.
#include <atomic>
#include <deque>
#include <memory>
#include <string>

#include "cli/serve/beast.hpp"
#include "cli/serve/run_session.hpp"

namespace candour::cli::serve {

class WsSession : public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(tcp::socket&& socket, ServerState& state);
  // Completes the upgrade asked for by `request`.
  void run(http::request<http::string_body> request);

 private:
  void on_accept(beast::error_code error);
  void read();
  void on_read(beast::error_code error, std::size_t bytes);
  void push(std::string text);  // on the stream's executor
  void write();
  void on_write(beast::error_code error, std::size_t bytes);
  void end();

  websocket::stream<beast::tcp_stream> ws_;
  ServerState& state_;
  beast::flat_buffer buffer_;
  std::deque<std::string> outgoing_;  // on the stream's executor only
  // Bytes queued and not yet written; shared with the run session's outbox,
  // which must never own this session (its worker would then end it).
  std::shared_ptr<std::atomic<std::size_t>> backlog_ =
      std::make_shared<std::atomic<std::size_t>>(0);
  std::unique_ptr<RunSession> session_;
};

}  // namespace candour::cli::serve
