#pragma once
// Boost.Beast and Asio as the server uses them. <utility> first: Boost 1.74's
// Asio uses std::exchange without including it, which GCC 12 in C++20 mode
// does not forgive.
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace candour::cli::serve {
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;
}  // namespace candour::cli::serve
