// `candour serve`: the explorer, a page in the browser that runs scenarios
// live (docs/explorer.md).
#include <fmt/core.h>

#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/exit_codes.hpp"
#include "cli/serve/charts.hpp"
#include "cli/serve/http_server.hpp"
#include "cli/serve/serve_config.hpp"
#include "cli/serve/server_state.hpp"

#ifndef CANDOUR_WEB_DIR
#define CANDOUR_WEB_DIR "web"
#endif
#ifndef CANDOUR_DOCS_DIR
#define CANDOUR_DOCS_DIR "docs"
#endif

namespace candour::cli {
namespace {

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost";
}

int serve_pages(serve::ServeConfig config) {
  if (config.host == "localhost")
    config.host = "127.0.0.1";
  if (!std::filesystem::is_regular_file(config.web_dir / "index.html")) {
    print_to(stderr,
             "error: the explorer's page is not in {}: build it with `bash scripts/setup` (it "
             "needs npm), or give --web-dir\n",
             config.web_dir.string());
    return kExitRuntimeFailure;
  }
  if (!std::filesystem::is_directory(config.scenarios_dir)) {
    print_to(stderr, "error: no scenario folder {}: run from the repository, or give --scenarios\n",
             config.scenarios_dir.string());
    return kExitBadInput;
  }
  serve::ServerState state(config);
  for (const auto& problem : state.catalogue().problems())
    print_to(stderr, "warning: left out of the explorer: {}\n", problem);
  if (state.catalogue().entries().empty()) {
    print_to(stderr, "error: no valid scenario in {}\n", config.scenarios_dir.string());
    return kExitBadInput;
  }
  serve::HttpServer server(state);
  unsigned short port = 0;
  try {
    port = server.listen(config.host, config.port);
  } catch (const std::exception& e) {
    print_to(stderr, "error: cannot listen on {}:{}: {}\n", config.host, config.port, e.what());
    return kExitRuntimeFailure;
  }
  if (!is_loopback(config.host))
    print_to(stderr,
             "warning: listening on {}: anyone who can reach this machine can run "
             "simulations here\n",
             config.host);
  print_to(stdout,
           "Candour explorer: http://{}:{}/ ({} scenarios; downloads go to {}; Ctrl-C stops)\n",
           config.host.find(':') != std::string::npos ? "[" + config.host + "]" : config.host, port,
           state.catalogue().entries().size(), config.output_dir.string());
  std::fflush(stdout);
  server.run(true);
  print_to(stderr, "explorer stopped\n");
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, CommandContext& context) {
  struct Options {
    serve::ServeConfig config;
    std::string output_dir = "out/explorer", scenarios_dir = "scenarios";
    std::string web_dir = CANDOUR_WEB_DIR, docs_dir = CANDOUR_DOCS_DIR;
  };
  auto options = std::make_shared<Options>();
  auto& config = options->config;
  auto* command = app.add_subcommand(
      "serve", "The explorer: a page in the browser to move policy levers and watch a run live");
  command->add_option("--port", config.port, "TCP port (0: any free port)")->capture_default_str();
  command
      ->add_option("--host", config.host,
                   "Address to listen on; the default serves this machine only")
      ->capture_default_str();
  command
      ->add_option("--output-dir", options->output_dir,
                   "The one folder downloads are written to (created when needed)")
      ->capture_default_str();
  command->add_option("--scenarios", options->scenarios_dir, "Folder of the scenarios to offer")
      ->capture_default_str();
  command->add_option("--web-dir", options->web_dir, "Folder of the built page")
      ->capture_default_str();
  command->add_option("--docs-dir", options->docs_dir, "Folder of ODD.md, which levers link to")
      ->capture_default_str();
  command->add_option("--max-days", config.limits.max_days, "Most simulated days of one run")
      ->check(CLI::Range(1, 36500))
      ->capture_default_str();
  command->add_option("--max-units", config.limits.max_units, "Most units (trusts) in one run")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command
      ->add_option("--max-runs", config.limits.max_runs,
                   "Most runs at a time on this server (a comparison is two)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command->footer(
      "Open the address it prints in a browser. Closing a tab stops its runs.\n"
      "Exit codes: 0 stopped by Ctrl-C or SIGTERM, 1 cannot serve (no page built, port taken), "
      "2 bad arguments or no valid scenario.\n"
      "Examples: candour serve\n"
      "          candour serve --port 8090 --output-dir out/explorer\n"
      "          candour serve --host 0.0.0.0 --max-runs 8     # a classroom: others can reach it");
  command->callback([options, &context] {
    auto config = options->config;
    config.output_dir = options->output_dir;
    config.scenarios_dir = options->scenarios_dir;
    config.web_dir = options->web_dir;
    config.docs_dir = options->docs_dir;
    context.exit_code = serve_pages(std::move(config));
  });
}

}  // namespace candour::cli
