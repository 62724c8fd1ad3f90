// `candour describe`: every parameter, metric and process of a model, with
// default, unit, range and meaning; --format markdown for the docs.
#include <fmt/core.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/exit_codes.hpp"
#include "cli/model_catalogue.hpp"

namespace candour::cli {
namespace {

struct DescribeOptions {
  std::string model = kDefaultModel;
  std::string format = "text";
  std::string section = "all";
  bool levers = false;
};

std::string format_number(const sim::ParameterSpec& p, double value) {
  if (p.type == sim::ParameterType::boolean)
    return value != 0.0 ? "true" : "false";
  if (p.type == sim::ParameterType::integer)
    return fmt::format("{}", sim::integer_bound(value));
  return fmt::format("{:g}", value);
}

std::string markdown_cell(std::string text) {
  for (std::size_t at = text.find('|'); at != std::string::npos; at = text.find('|', at + 2)) {
    text.replace(at, 1, "\\|");
  }
  return text;
}

void describe_markdown(const sim::ModelDefinition& model, const std::string& section) {
  auto registry = sim::registry_for(model);
  if (section == "all" || section == "parameters") {
    print_to(stdout, "## Parameters of the `{}` model\n\n", model.name);
    print_to(stdout, "| name | type | default | range | unit | meaning | source | kind |\n");
    print_to(stdout, "|---|---|---|---|---|---|---|---|\n");
    for (const auto& p : registry.specs()) {
      print_to(stdout, "| `{}` | {} | {} | [{}, {}] | {} | {} | {} | {} |\n", p.name,
               sim::type_name(p.type), format_number(p, p.default_value), format_number(p, p.min),
               format_number(p, p.max), markdown_cell(p.unit), markdown_cell(p.description),
               markdown_cell(p.source), sim::kind_name(p.kind));
    }
    print_to(stdout, "\n");
  }
  if (section == "all" || section == "metrics") {
    print_to(
        stdout,
        "## Metrics of the `{}` model\n\n| name | scope | unit | meaning |\n|---|---|---|---|\n",
        model.name);
    for (const auto& m : model.metrics) {
      print_to(stdout, "| `{}` | {} | {} | {} |\n", m.name,
               m.scope == sim::MetricScope::system ? "system" : "per " + model.unit_dimension,
               markdown_cell(m.unit), markdown_cell(m.description));
    }
    print_to(stdout, "\n");
  }
  if (section == "all" || section == "schedule") {
    print_to(
        stdout,
        "## Schedule of the `{}` model (order within a day)\n\n| process | period | what it does "
        "|\n|---|---|---|\n",
        model.name);
    for (const auto& p : model.schedule) {
      print_to(stdout, "| `{}` | {} | {} |\n", p.name, sim::period_name(p.period),
               markdown_cell(p.description));
    }
    print_to(stdout, "\n");
  }
}

void describe_text(const sim::ModelDefinition& model, const std::string& section) {
  auto registry = sim::registry_for(model);
  print_to(stdout, "Model '{}': {}\n\n", model.name, model.description);
  if (section == "all" || section == "parameters") {
    print_to(stdout, "PARAMETERS (set in a scenario's [table] or with --set table.key=value)\n");
    for (const auto& p : registry.specs()) {
      print_to(stdout, "  {}  = {} {}   ({} in [{}, {}]; {})\n      {}\n      source: {}\n", p.name,
               format_number(p, p.default_value), p.unit == "1" ? "" : p.unit,
               sim::type_name(p.type), format_number(p, p.min), format_number(p, p.max),
               sim::kind_name(p.kind), p.description, p.source);
    }
    print_to(stdout, "\n");
  }
  if (section == "all" || section == "metrics") {
    print_to(stdout, "METRICS (datasets under /metrics in the output file)\n");
    for (const auto& m : model.metrics) {
      print_to(stdout, "  {}  [{}]  ({})\n      {}\n", m.name, m.unit,
               m.scope == sim::MetricScope::system ? "system" : "per " + model.unit_dimension,
               m.description);
    }
    print_to(stdout, "\n");
  }
  if (section == "all" || section == "schedule") {
    print_to(stdout, "SCHEDULE (one step is one day; processes in this order)\n");
    for (const auto& p : model.schedule) {
      print_to(stdout, "  {:<10} {}: {}\n", sim::period_name(p.period), p.name, p.description);
    }
  }
}

// The first sentence of a description, for one-line listings.
std::string first_sentence(const std::string& text) {
  const auto end = text.find(". ");
  return end == std::string::npos ? text : text.substr(0, end + 1);
}

// The policy levers, one line each: what a policy maker can set.
void describe_levers(const sim::ModelDefinition& model) {
  auto registry = sim::registry_for(model);
  std::size_t width = 4, unit_width = 4;
  for (const auto& p : registry.specs()) {
    if (p.kind == sim::ParameterKind::lever) {
      width = std::max(width, p.name.size());
      unit_width = std::max(unit_width, p.unit.size());
    }
  }
  print_to(stdout,
           "Policy levers of the '{}' model: what the centre, a regulator or a board can set.\n"
           "Set one in a scenario's table or with --set NAME=VALUE. Every other parameter is\n"
           "behaviour, calibrated, structure or a setting (`candour describe --section "
           "parameters`).\n\n",
           model.name);
  print_to(stdout, "  {:<{}}  {:>7}  {:<9}  {:<{}}  {}\n", "name", width, "default", "range",
           "unit", unit_width, "meaning");
  for (const auto& p : registry.specs()) {
    if (p.kind != sim::ParameterKind::lever)
      continue;
    print_to(stdout, "  {:<{}}  {:>7}  {:<9}  {:<{}}  {}\n", p.name, width,
             format_number(p, p.default_value),
             fmt::format("{}..{}", format_number(p, p.min), format_number(p, p.max)),
             p.unit == "1" ? "" : p.unit, unit_width, first_sentence(p.description));
  }
}

}  // namespace

void add_describe_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<DescribeOptions>();
  auto* command = app.add_subcommand(
      "describe", "List every parameter (default, unit, range, meaning), metric and process");
  command->add_option("--model", options->model, "Model to describe")
      ->check(CLI::IsMember(model_names()))
      ->capture_default_str();
  command->add_option("--format", options->format, "text or markdown")
      ->check(CLI::IsMember({"text", "markdown"}))
      ->capture_default_str();
  command->add_option("--section", options->section, "all, parameters, metrics or schedule")
      ->check(CLI::IsMember({"all", "parameters", "metrics", "schedule"}))
      ->capture_default_str();
  command->add_flag("--levers", options->levers,
                    "Only the policy levers (parameters of kind 'lever'), one line each");
  command->footer(
      "Each parameter has a kind: lever (a policy maker sets it), behaviour (how people "
      "respond), calibrated (fitted to national figures), structure (size and make-up of the "
      "system) or setting (of the run or its outputs).\n"
      "Examples: candour describe --levers\n"
      "          candour describe --section metrics\n"
      "          candour describe --format markdown --section parameters");
  command->callback([options, &context] {
    const auto& model = find_model(options->model);
    if (options->levers) {
      describe_levers(model);
    } else if (options->format == "markdown") {
      describe_markdown(model, options->section);
    } else {
      describe_text(model, options->section);
    }
    context.exit_code = kExitOk;
  });
}

}  // namespace candour::cli
