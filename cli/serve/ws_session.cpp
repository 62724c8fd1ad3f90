#include "cli/serve/ws_session.hpp"

namespace candour::cli::serve {

WsSession::WsSession(tcp::socket&& socket, ServerState& state)
    : ws_(std::move(socket)), state_(state) {}

void WsSession::run(http::request<http::string_body> request) {
  // Pings keep a quiet page's connection and find a vanished one.
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws_.read_message_max(state_.config().limits.max_message);
  ws_.async_accept(request, beast::bind_front_handler(&WsSession::on_accept, shared_from_this()));
}

void WsSession::on_accept(beast::error_code error) {
  if (error)
    return;
  // The worker posts to the stream's executor and holds no reference to this
  // session: only the connection's handlers keep it, so it always ends here.
  std::weak_ptr<WsSession> weak = shared_from_this();
  auto executor = ws_.get_executor();
  auto backlog = backlog_;
  Outbox outbox{[weak, executor, backlog](std::string text) {
                  *backlog += text.size();
                  net::post(executor, [weak, text = std::move(text)]() mutable {
                    if (auto self = weak.lock())
                      self->push(std::move(text));
                  });
                },
                [backlog]() -> std::size_t { return backlog->load(); }};
  session_ = std::make_unique<RunSession>(state_, std::move(outbox));
  read();
}

void WsSession::read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::on_read, shared_from_this()));
}

void WsSession::on_read(beast::error_code error, std::size_t bytes) {
  if (error) {
    end();
    return;
  }
  if (session_)
    session_->receive(beast::buffers_to_string(buffer_.data()));
  buffer_.consume(bytes);
  read();
}

void WsSession::push(std::string text) {
  outgoing_.push_back(std::move(text));
  if (outgoing_.size() == 1)
    write();
}

void WsSession::write() {
  ws_.text(true);
  ws_.async_write(net::buffer(outgoing_.front()),
                  beast::bind_front_handler(&WsSession::on_write, shared_from_this()));
}

void WsSession::on_write(beast::error_code error, std::size_t) {
  *backlog_ -= outgoing_.front().size();
  outgoing_.pop_front();
  if (error) {
    for (const auto& text : outgoing_)
      *backlog_ -= text.size();
    outgoing_.clear();
    end();
    return;
  }
  if (!outgoing_.empty())
    write();
}

void WsSession::end() {
  // Stops the worker after its day and gives back the run slots.
  session_.reset();
}

}  // namespace candour::cli::serve
