// The server over real sockets: HTTP routes, WebSocket runs, two pages at
// once, the bound on runs, a closed page's runs stopping, and a download.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/serve/beast.hpp"
#include "cli/serve/http_server.hpp"
#include "tests/unit/serve/serve_support.hpp"

using namespace candour;
using namespace candour::cli::serve;
using nlohmann::json;

namespace {

class RunningServer {
 public:
  explicit RunningServer(ServeConfig config) : state_(std::move(config)), server_(state_) {
    std::filesystem::create_directories(state_.config().web_dir);
    std::ofstream(state_.config().web_dir / "index.html")
        << "<!doctype html><title>explorer</title>";
    port_ = server_.listen("127.0.0.1", 0);
    thread_ = std::thread([this] { server_.run(); });
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  unsigned short port() const { return port_; }
  ServerState& state() { return state_; }

 private:
  ServerState state_;
  HttpServer server_;
  unsigned short port_ = 0;
  std::thread thread_;
};

http::response<http::string_body> http_get(unsigned short port, const std::string& target) {
  net::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, "127.0.0.1");
  http::write(socket, request);
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(socket, buffer, response);
  return response;
}

class Page {
 public:
  explicit Page(unsigned short port) : ws_(io_) {
    ws_.next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    ws_.handshake("127.0.0.1", "/ws");
  }
  void send(const json& message) { ws_.write(net::buffer(message.dump())); }
  json read() {
    beast::flat_buffer buffer;
    ws_.read(buffer);
    return json::parse(beast::buffers_to_string(buffer.data()));
  }
  // Reads until a message of `type` (and state `state`, for "state"); every
  // message on the way is kept in `seen`.
  json until(const std::string& type, const std::string& state = {}) {
    for (int i = 0; i < 100000; ++i) {
      auto message = read();
      seen.push_back(message);
      if (message["type"] == type && (state.empty() || message["state"] == state))
        return message;
    }
    FAIL("no " << type << " message");
    return {};
  }
  std::vector<json> rows(int run) const {
    std::vector<json> found;
    for (const auto& m : seen)
      if (m["type"] == "row" && m["run"] == run)
        found.push_back(m);
    return found;
  }
  void close() { ws_.close(websocket::close_code::normal); }

  std::vector<json> seen;

 private:
  net::io_context io_;
  websocket::stream<tcp::socket> ws_;
};

json start_toy(double pull, int runs = 1, double pace = 0) {
  json list = json::array();
  for (int r = 0; r < runs; ++r)
    list.push_back({{"label", r == 0 ? "yours" : "unchanged"}, {"set", {{"toy.pull", pull}}}});
  return {{"type", "start"},
          {"scenario", "toy_small"},
          {"runs", list},
          {"play", true},
          {"days_per_second", pace}};
}

int runs_in_progress(unsigned short port) {
  return json::parse(http_get(port, "/api/limits").body())["runs_in_progress"];
}

// Waits (at most 20 s) until the server has `count` runs in progress.
bool settles_at(unsigned short port, int count) {
  for (int i = 0; i < 2000; ++i) {
    if (runs_in_progress(port) == count)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

TEST_CASE("the server answers HTTP on its port", "[serve][server]") {
  RunningServer server(test::toy_config(test::fresh_folder("server_http")));
  const auto page = http_get(server.port(), "/");
  CHECK(page.result() == http::status::ok);
  CHECK(page.body().find("<title>explorer</title>") != std::string::npos);
  const auto list = json::parse(http_get(server.port(), "/api/scenarios").body());
  CHECK(list.size() == 3);
  CHECK(http_get(server.port(), "/../CMakeLists.txt").result() == http::status::not_found);
}

TEST_CASE("two pages at once each get their own run, to the end", "[serve][server]") {
  RunningServer server(test::toy_config(test::fresh_folder("server_two")));
  Page first(server.port()), second(server.port());
  first.send(start_toy(0.05));
  second.send(start_toy(0.3));
  first.until("state", "finished");
  second.until("state", "finished");
  const auto a = first.rows(0), b = second.rows(0);
  REQUIRE(a.size() == 61);  // time 0 and days 1..60
  REQUIRE(b.size() == 61);
  CHECK(a.back()["time"] == 60);
  CHECK(a.front()["values"] == b.front()["values"]);  // the same seed and start
  CHECK(a.back()["values"] != b.back()["values"]);    // different pulls
  CHECK(settles_at(server.port(), 2));                // finished runs keep their slots until reset
  first.send({{"type", "reset"}});
  second.send({{"type", "reset"}});
  CHECK(settles_at(server.port(), 0));
}

TEST_CASE("a comparison's two runs differ by the policy alone", "[serve][server]") {
  RunningServer server(test::toy_config(test::fresh_folder("server_compare")));
  Page page(server.port());
  json start = start_toy(0.1, 2);
  start["runs"][1]["set"] = json::object();
  start["runs"][0]["set"]["toy.pull"] = 0.4;
  page.send(start);
  page.until("state", "finished");
  const auto yours = page.rows(0), unchanged = page.rows(1);
  REQUIRE(yours.size() == unchanged.size());
  CHECK(yours.front()["values"] == unchanged.front()["values"]);
  CHECK(yours.back()["values"] != unchanged.back()["values"]);
}

TEST_CASE("a bad value is an error on the page and starts nothing", "[serve][server]") {
  RunningServer server(test::toy_config(test::fresh_folder("server_bad")));
  Page page(server.port());
  page.send(start_toy(2.0));
  const auto error = page.until("error");
  CHECK(error["key"] == "toy.pull");
  CHECK(error["message"].get<std::string>().find("page: 'toy.pull'") != std::string::npos);
  page.send({{"type", "start"}, {"scenario", "toy_smal"}, {"runs", {{{"label", "yours"}}}}});
  CHECK(page.until("error")["message"].get<std::string>().find("did you mean 'toy_small'") !=
        std::string::npos);
  page.send({{"type", "jump"}});
  CHECK(page.until("error")["message"].get<std::string>().find("unknown message type") !=
        std::string::npos);
  CHECK(runs_in_progress(server.port()) == 0);
}

TEST_CASE("runs are bounded per server, and a closed page's runs stop", "[serve][server]") {
  auto config = test::toy_config(test::fresh_folder("server_limit"));
  config.limits.max_runs = 2;
  RunningServer server(config);
  Page first(server.port());
  first.send(start_toy(0.1, 2, 2.0));  // two days a second: still running below
  first.until("state", "running");
  Page second(server.port());
  second.send(start_toy(0.1));
  CHECK(second.until("error")["message"].get<std::string>().find("--max-runs 2") !=
        std::string::npos);
  first.close();  // the tab closes: its runs stop and give back their slots
  CHECK(settles_at(server.port(), 0));
  second.send(start_toy(0.1));
  second.until("state", "finished");
  CHECK(second.rows(0).size() == 61);
}

TEST_CASE("pause, step a week and a lever moved mid-run", "[serve][server]") {
  RunningServer server(test::toy_config(test::fresh_folder("server_step")));
  Page page(server.port());
  json start = start_toy(0.1);
  start["play"] = false;
  start["steps"] = 7;
  page.send(start);
  auto paused = page.until("state", "paused");
  while (paused["day"] != 7)
    paused = page.until("state", "paused");
  page.send({{"type", "set"}, {"run", 0}, {"name", "toy.pull"}, {"value", 0.5}});
  const auto marker = page.until("marker");
  CHECK(marker["day"] == 7);
  CHECK(marker["label"] == "page: toy.pull = 0.5");
  page.send({{"type", "set"}, {"run", 0}, {"name", "toy.agents"}, {"value", 10}});
  CHECK(page.until("error")["message"].get<std::string>().find("cannot change in the middle") !=
        std::string::npos);
  page.send({{"type", "step"}, {"days", 7}});
  paused = page.until("state", "paused");  // at once: the step is accepted
  while (paused["day"] == 7)
    paused = page.until("state", "paused");
  CHECK(paused["day"] == 14);
  page.send({{"type", "play"}});
  page.until("state", "finished");
  CHECK(page.rows(0).size() == 61);
}

TEST_CASE("a finished run downloads from the output folder only", "[serve][server]") {
  const auto folder = test::fresh_folder("server_download");
  RunningServer server(test::toy_config(folder / "downloads"));
  Page page(server.port());
  page.send(start_toy(0.2));
  page.until("state", "finished");
  page.send({{"type", "download"}, {"run", 0}});
  const auto file = page.until("file");
  CHECK(file["name"] == "toy_small_yours_seed7.h5");
  CHECK(file["command"] ==
        "candour run " +
            (std::filesystem::path(CANDOUR_SCENARIO_DATA) / "toy_small.toml").string() +
            " --set toy.pull=0.2");
  const auto response = http_get(server.port(), file["url"]);
  CHECK(response.result() == http::status::ok);
  CHECK(response.body().substr(1, 3) == "HDF");
  CHECK(std::filesystem::exists(folder / "downloads" / "toy_small_yours_seed7.h5"));
  // Nothing else was written: the downloads folder holds that one file.
  CHECK(std::distance(std::filesystem::directory_iterator(folder / "downloads"),
                      std::filesystem::directory_iterator()) == 2);  // and web/ of the test
}
