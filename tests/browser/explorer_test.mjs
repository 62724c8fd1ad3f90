// End-to-end test of the explorer in Debian's Chromium, headless, driven by
// playwright-core: load the page, pick mid_staffs, move the candour lever,
// run 100 days beside the unchanged scenario, check the charts drew both runs
// and that they differ, download your run and compare it, dataset by
// dataset, with `candour run` for the same settings.
//
// node tests/browser/explorer_test.mjs CANDOUR WORKDIR [SCREENSHOT]
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, rmSync, copyFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const [candour, workdir, screenshot] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, "..", "..");
const lever = "openness.duty_of_candour";
const days = 100;

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

function check(condition, message) {
  if (!condition) fail(message);
  console.log(`ok: ${message}`);
}

function startServer(downloads) {
  return new Promise((resolve, reject) => {
    const server = spawn(candour, ["serve", "--port", "0", "--output-dir", downloads],
      { cwd: repository, stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    server.stdout.on("data", (chunk) => {
      text += chunk;
      const found = text.match(/http:\/\/[^/\s]+\//);
      if (found) resolve({ server, url: found[0] });
    });
    server.on("exit", (code) => reject(new Error(`candour serve exited with ${code}`)));
  });
}

rmSync(workdir, { recursive: true, force: true });
mkdirSync(workdir, { recursive: true });
const downloads = path.join(workdir, "downloads");
const { server, url } = await startServer(downloads);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1300 }, acceptDownloads: true });
  page.on("pageerror", (e) => fail(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll("#scenario option").length > 0);
  await page.selectOption("#scenario", "mid_staffs");
  await page.waitForFunction(() => window.explorer.scenario && window.explorer.scenario.name === "mid_staffs");
  const levers = await page.locator(".lever").count();
  check(levers > 5, `the page made ${levers} lever controls from the registry`);
  await page.fill("#days", String(days));

  // A bad value first: the server's message, as a scenario file would get it.
  const number = page.locator(`.lever[data-name="${lever}"] input[type=number]`);
  await number.fill("2");
  await number.dispatchEvent("change");
  await page.click("#run");
  await page.waitForSelector("#error:not([hidden])");
  const error = await page.textContent("#error");
  check(error.includes(`page: '${lever}'`) && error.includes("2"), `a bad value is shown: ${error}`);

  // The candour lever on, then run.
  await number.fill("1");
  await number.dispatchEvent("change");
  await page.click("#run");
  await page.waitForFunction(() => window.explorer.state === "finished", null, { timeout: 120000 });
  const seen = await page.evaluate(() => {
    const e = window.explorer;
    return { times: e.charts.times.length, values: e.charts.values, metrics: e.charts.metrics,
      firstRow: e.firstRowAt - e.runPressedAt, canvases: document.querySelectorAll("#charts canvas").length,
      error: document.getElementById("error").hidden ? "" : document.getElementById("error").textContent };
  });
  check(seen.error === "", "no error after the run");
  check(seen.times === days + 1, `the charts hold ${seen.times} times (0..${days})`);
  check(seen.canvases >= 8, `${seen.canvases} charts drawn (4 of both runs, 4 of their difference)`);
  for (const [i, metric] of seen.metrics.entries())
    check(seen.values[0][i].length === days + 1 && seen.values[1][i].length === days + 1,
      `${metric} has ${days + 1} rows of both runs`);
  const differs = seen.metrics.filter((_, i) =>
    seen.values[0][i].some((v, t) => v !== seen.values[1][i][t]));
  check(differs.length > 0, `your run differs from the unchanged one in ${differs.join(", ")}`);
  console.log(`time from pressing run to the first chart row: ${(seen.firstRow / 1000).toFixed(2)} s`);

  // Organisation view: a ward to click.
  await page.click("#organisation .ward >> nth=0");
  const part = await page.textContent("#part");
  check(part.includes("harm_rate") && part.includes("fear"), "a clicked ward shows its state");

  const shot = path.join(workdir, "explorer.png");
  await page.screenshot({ path: shot, fullPage: true });
  if (screenshot) copyFileSync(shot, screenshot);

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download0")]);
  const downloaded = path.join(workdir, "explorer_download.h5");
  await download.saveAs(downloaded);

  // The same settings through `candour run`.
  const reference = path.join(workdir, "candour_run.h5");
  execFileSync(candour, ["run", "scenarios/mid_staffs.toml", "--days", String(days), "--set",
    `${lever}=1`, "-o", reference, "--quiet"], { cwd: repository, stdio: "inherit" });
  execFileSync("/usr/bin/python3", [path.join(here, "compare_runs.py"), downloaded, reference],
    { stdio: "inherit" });
  console.log("ok: the download equals `candour run` with the same scenario, lever and seed");
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
