// The explorer page: pick a scenario, set levers, run it live beside the
// unchanged scenario from the same seed, move levers mid-run, download.
import { connect, getJson } from "./connection.js";
import { buildLevers } from "./levers.js";
import { Charts } from "./charts.js";
import { Organisation } from "./organisation.js";

const $ = (id) => document.getElementById(id);
const page = {
  scenario: null,  // /api/scenarios/<name>
  model: null,     // /api/models/<name>
  levers: null,
  charts: null,
  state: "idle",
  day: 0,
  days: 0,
  views: [null, null],
  runs: [],
  firstRowAt: null,
  runPressedAt: null,
};
// For tests and the curious: what the page holds.
window.explorer = page;

function showError(message) {
  $("error").hidden = !message;
  $("error").textContent = message || "";
}

function showStatus() {
  const text = {
    idle: "Ready: set the levers and press Run.",
    "burn-in": "Settling the organisation (burn-in, not recorded)...",
    paused: "Paused.",
    running: "Running...",
    finished: "Finished: download the runs, or Reset.",
  }[page.state] || page.state;
  $("status").textContent = page.days ? `${text} Day ${page.day} of ${page.days}.` : text;
  const started = page.state !== "idle";
  $("download0").disabled = page.state !== "finished";
  $("download1").disabled = page.state !== "finished" || page.runs.length < 2;
  $("pause").disabled = page.state !== "running";
  for (const id of ["scenario", "days", "seed", "compare"]) $(id).disabled = started;
}

const socket = connect(onMessage, () => {
  page.state = "disconnected";
  showError("The connection to the server closed: reload the page (is `candour serve` still running?).");
});

function onMessage(message) {
  switch (message.type) {
    case "started":
      page.runs = message.runs;
      page.days = message.runs[0].days;
      page.charts.clear(message.metrics, message.runs.map((r) => r.label === "unchanged" ? "unchanged" : "yours"));
      $("markers").replaceChildren();
      $("commands").textContent = "";
      for (const [r, run] of message.runs.entries())
        for (const stage of run.stages) if (r === 0) addMarker({ run: r, day: stage.day, label: stage.label });
      break;
    case "row":
      if (page.firstRowAt === null && message.time > 0) page.firstRowAt = performance.now();
      page.charts.addRow(message.run, message.time, message.values);
      if (message.run === 0) page.day = message.time;
      break;
    case "state":
      page.state = message.state;
      if (message.days) page.days = message.days;
      page.day = message.day;
      showStatus();
      break;
    case "view":
      page.views[message.run] = message;
      fillUnits(message.units_count);
      showView();
      break;
    case "marker":
      addMarker(message);
      break;
    case "file": {
      const link = document.createElement("a");
      link.href = message.url;
      link.download = message.name;
      document.body.append(link);
      link.click();
      link.remove();
      $("commands").textContent += `${message.name}: the same file as\n  ${message.command}\n`;
      break;
    }
    case "error":
      showError(message.message);
      break;
  }
}

function addMarker(marker) {
  page.charts.addMarker(marker);
  const line = document.createElement("div");
  line.className = "marker";
  line.textContent = `day ${marker.day}: ${marker.label}`;
  $("markers").append(line);
}

function fillUnits(count) {
  const select = $("unit");
  if (select.options.length === count) return;
  const chosen = Number(select.value) || 0;
  select.replaceChildren();
  for (let i = 0; i < count; ++i) select.add(new Option(`${page.model.unit_dimension} ${i}`, i));
  select.value = Math.min(chosen, count - 1);
}

const organisation = new Organisation($("organisation"), $("part"));
function showView() {
  const run = Number($("view-run").value);
  const view = page.views[run] || page.views[0];
  if (view && view.parts.length) organisation.show(view, $("colour-by").value);
}

async function pickScenario(name) {
  showError("");
  page.scenario = await getJson(`/api/scenarios/${encodeURIComponent(name)}`);
  if (!page.model || page.model.name !== page.scenario.model) {
    page.model = await getJson(`/api/models/${encodeURIComponent(page.scenario.model)}`);
    page.levers = buildLevers($("levers"), page.model.levers, onLever);
    page.charts = new Charts($("charts"), page.model);
  }
  page.levers.reset(page.scenario.values);
  $("days").value = Math.min(page.scenario.values["run.days"], limits.max_days);
  $("seed").value = page.scenario.values["run.seed"];
}

function onLever(name, value) {
  page.levers.mark();
  if (page.state === "idle" || page.state === "finished" || page.state === "disconnected") return;
  // Mid-run: a timeline stage from the next day on, in your run only.
  showError("");
  socket.send({ type: "set", run: 0, name, value });
}

function settings() {
  const set = {};
  const days = $("days").value.trim(), seed = $("seed").value.trim();
  if (days !== String(page.scenario.values["run.days"])) set["run.days"] = days === "" ? days : Number(days);
  if (seed !== String(page.scenario.values["run.seed"])) set["run.seed"] = seed === "" ? seed : Number(seed);
  return set;
}

function start(extra) {
  showError("");
  const common = settings();
  const runs = [{ label: "yours", set: { ...common, ...page.levers.changed() } }];
  if ($("compare").checked) runs.push({ label: "unchanged", set: common });
  page.runPressedAt = performance.now();
  page.firstRowAt = null;
  socket.send({ type: "start", scenario: $("scenario").value, runs,
    days_per_second: Number($("pace").value), ...extra });
}

$("run").addEventListener("click", () => {
  if (page.state === "paused") socket.send({ type: "play" });
  else if (page.state === "idle" || page.state === "finished") start({ play: true });
});
$("pause").addEventListener("click", () => socket.send({ type: "pause" }));
$("step").addEventListener("click", () => {
  if (page.state === "paused") socket.send({ type: "step", days: 7 });
  else if (page.state === "idle" || page.state === "finished") start({ steps: 7 });
});
$("reset").addEventListener("click", () => {
  socket.send({ type: "reset" });
  page.levers.reset(page.scenario.values);
  showError("");
});
$("pace").addEventListener("change", () => socket.send({ type: "pace", days_per_second: Number($("pace").value) }));
$("download0").addEventListener("click", () => socket.send({ type: "download", run: 0 }));
$("download1").addEventListener("click", () => socket.send({ type: "download", run: 1 }));
$("unit").addEventListener("change", () => socket.send({ type: "view", unit: Number($("unit").value) }));
$("colour-by").addEventListener("change", showView);
$("view-run").addEventListener("change", showView);
$("scenario").addEventListener("change", () => pickScenario($("scenario").value).catch((e) => showError(e.message)));

let limits = { max_days: 3650 };
async function main() {
  limits = await getJson("/api/limits");
  const scenarios = await getJson("/api/scenarios");
  for (const s of scenarios) $("scenario").add(new Option(`${s.name}: ${s.title}`, s.name));
  const initial = scenarios.find((s) => s.name === "baseline") || scenarios[0];
  $("scenario").value = initial.name;
  await pickScenario(initial.name);
  showStatus();
}
main().catch((e) => showError(e.message));
