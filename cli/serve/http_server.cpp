#include "cli/serve/http_server.hpp"

#include <chrono>
#include <optional>

#include "cli/serve/beast.hpp"
#include "cli/serve/routes.hpp"
#include "cli/serve/ws_session.hpp"

namespace candour::cli::serve {
namespace {

constexpr std::size_t kMaxRequestBody = 64 * 1024;
constexpr auto kRequestTimeout = std::chrono::seconds(30);

http::response<http::string_body> respond(const ServerState& state,
                                          const http::request<http::string_body>& request) {
  const auto method = request.method_string();
  const auto target = request.target();
  const auto routed = route(state, std::string_view(method.data(), method.size()),
                            std::string_view(target.data(), target.size()));
  http::response<http::string_body> response{static_cast<http::status>(routed.status),
                                             request.version()};
  response.set(http::field::server, "candour serve");
  response.set(http::field::content_type, routed.content_type);
  response.set(http::field::cache_control, "no-store");
  if (!routed.attachment.empty())
    response.set(http::field::content_disposition,
                 "attachment; filename=\"" + routed.attachment + "\"");
  response.keep_alive(request.keep_alive());
  response.body() = routed.body;
  response.prepare_payload();
  return response;
}

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, ServerState& state)
      : stream_(std::move(socket)), state_(state) {}

  void run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&HttpSession::read, shared_from_this()));
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(kMaxRequestBody);
    stream_.expires_after(kRequestTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
  }

  void on_read(beast::error_code error, std::size_t) {
    if (error) {
      close();
      return;
    }
    if (websocket::is_upgrade(parser_->get())) {
      if (parser_->get().target() != "/ws") {
        close();
        return;
      }
      stream_.expires_never();  // the WebSocket keeps its own timeouts
      std::make_shared<WsSession>(stream_.release_socket(), state_)->run(parser_->release());
      return;
    }
    response_ = respond(state_, parser_->get());
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(&HttpSession::on_write, shared_from_this()));
  }

  void on_write(beast::error_code error, std::size_t) {
    const bool keep_alive = response_->keep_alive();
    response_.reset();
    if (error || !keep_alive) {
      close();
      return;
    }
    read();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  ServerState& state_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
};

}  // namespace

struct HttpServer::Impl {
  explicit Impl(ServerState& s) : state(s), acceptor(io), signals(io) {}

  void accept() {
    acceptor.async_accept(net::make_strand(io),
                          [this](beast::error_code error, tcp::socket socket) {
                            if (error)
                              return;  // the acceptor was closed: the server stops
                            std::make_shared<HttpSession>(std::move(socket), state)->run();
                            accept();
                          });
  }

  ServerState& state;
  net::io_context io;
  tcp::acceptor acceptor;
  net::signal_set signals;
};

HttpServer::HttpServer(ServerState& state) : impl_(std::make_unique<Impl>(state)) {}

HttpServer::~HttpServer() = default;

unsigned short HttpServer::listen(const std::string& host, unsigned short port) {
  const tcp::endpoint endpoint(net::ip::make_address(host), port);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(net::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen(net::socket_base::max_listen_connections);
  impl_->accept();
  return impl_->acceptor.local_endpoint().port();
}

void HttpServer::run(bool on_signals) {
  if (on_signals) {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.async_wait([this](beast::error_code error, int) {
      if (!error)
        stop();
    });
  }
  impl_->io.run();
}

void HttpServer::stop() {
  net::post(impl_->io, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
    impl_->signals.cancel(ignored);
    impl_->io.stop();
  });
}

}  // namespace candour::cli::serve
