#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/model_catalogue.hpp"
#include "cli/serve/charts.hpp"
#include "cli/serve/routes.hpp"
#include "tests/unit/serve/serve_support.hpp"

using namespace candour;
using namespace candour::cli::serve;
using nlohmann::json;

namespace {

ServerState& state() {
  static ServerState shared = [] {
    const auto folder = test::fresh_folder("routes");
    auto config = test::toy_config(folder / "out");
    std::filesystem::create_directories(config.web_dir);
    std::ofstream(config.web_dir / "index.html") << "<!doctype html><title>page</title>";
    std::ofstream(config.web_dir / "explorer.js") << "// js";
    std::filesystem::create_directories(config.docs_dir);
    std::ofstream(config.docs_dir / "ODD.md") << "# ODD";
    std::ofstream(folder / "secret.txt") << "not for the page";
    return ServerState(config);
  }();
  return shared;
}

Response get(std::string_view target) {
  return route(state(), "GET", target);
}

}  // namespace

TEST_CASE("the page and its files are served from the web folder", "[serve][routes]") {
  const auto index = get("/");
  CHECK(index.status == 200);
  CHECK(index.content_type == "text/html; charset=utf-8");
  CHECK(index.body.find("<title>page</title>") != std::string::npos);
  const auto script = get("/explorer.js?v=1");
  CHECK(script.status == 200);
  CHECK(script.content_type == "text/javascript; charset=utf-8");
  CHECK(get("/docs/ODD.md").body == "# ODD");
  CHECK(get("/missing.js").status == 404);
}

TEST_CASE("nothing outside the served folders can be named", "[serve][routes]") {
  for (const auto* target : {"/../secret.txt", "/..%2fsecret.txt", "//etc/passwd", "/./index.html",
                             "/web/../../secret.txt", "/files/../secret.txt", "/files/secret.txt"})
    CHECK(get(target).status == 404);
}

TEST_CASE("only files this server wrote are offered for download", "[serve][routes]") {
  auto& s = state();
  std::ofstream(s.config().output_dir / "toy_small_yours_seed7.h5") << "HDF";
  CHECK(get("/files/toy_small_yours_seed7.h5").status == 404);  // not written by it
  s.add_file("toy_small_yours_seed7.h5");
  const auto file = get("/files/toy_small_yours_seed7.h5");
  CHECK(file.status == 200);
  CHECK(file.attachment == "toy_small_yours_seed7.h5");
  CHECK(file.body == "HDF");
}

TEST_CASE("the scenario list and one scenario's values", "[serve][routes]") {
  const auto list = json::parse(get("/api/scenarios").body);
  REQUIRE(list.is_array());
  std::vector<std::string> names;
  for (const auto& entry : list)
    names.push_back(entry["name"]);
  CHECK(names == std::vector<std::string>{"toy_calm", "toy_reform", "toy_small"});
  const auto small = json::parse(get("/api/scenarios/toy_small").body);
  CHECK(small["model"] == "toy");
  CHECK(small["values"]["run.days"] == 60);
  CHECK(small["values"]["toy.pull"] == 0.1);
  CHECK(small["units"] == 4);
  const auto reform = json::parse(get("/api/scenarios/toy_reform").body);
  CHECK(reform["timeline_days"] == json::array({20, 40}));
  const auto missing = get("/api/scenarios/toy_smal");
  CHECK(missing.status == 404);
  CHECK(json::parse(missing.body)["error"].get<std::string>().find("did you mean 'toy_small'") !=
        std::string::npos);
}

TEST_CASE("a model's sliders are its levers, from the registry", "[serve][routes]") {
  const auto& model = cli::find_model("nhs");
  const auto body = json::parse(get("/api/models/nhs").body);
  std::size_t levers = 0;
  // Named: a range-for over a temporary's member would read a dead object.
  const auto registry = sim::registry_for(model);
  for (const auto& spec : registry.specs())
    levers += spec.kind == sim::ParameterKind::lever ? 1 : 0;
  REQUIRE(levers > 0);
  REQUIRE(body["levers"].size() == levers);
  for (const auto& lever : body["levers"]) {
    CHECK(lever["kind"] == "lever");
    CHECK_FALSE(lever["description"].get<std::string>().empty());
    if (lever["type"] != "boolean")
      CHECK(lever["min"].get<double>() <= lever["max"].get<double>());
  }
  const auto candour =
      std::find_if(body["levers"].begin(), body["levers"].end(),
                   [](const auto& l) { return l["name"] == "openness.duty_of_candour"; });
  REQUIRE(candour != body["levers"].end());
  CHECK((*candour)["type"] == "real");
  CHECK((*candour)["unit"] == "1");
  CHECK(body["charts"].size() == 4);
  CHECK(get("/api/models/nope").status == 404);
}

TEST_CASE("every chart names a system metric of its model", "[serve][routes]") {
  for (const auto& name : cli::model_names()) {
    INFO(name);
    CHECK(unknown_chart_metrics(cli::find_model(name)).empty());
    CHECK_FALSE(charts_for(cli::find_model(name)).empty());
  }
}

TEST_CASE("other methods and unknown routes are refused", "[serve][routes]") {
  CHECK(route(state(), "POST", "/api/scenarios").status == 405);
  CHECK(route(state(), "DELETE", "/files/x.h5").status == 405);
  CHECK(get("/api/nothing").status == 404);
  const auto limits = json::parse(get("/api/limits").body);
  CHECK(limits["max_runs"] == 4);
  CHECK(limits["runs_in_progress"] == 0);
}
