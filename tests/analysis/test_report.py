"""The HTML report: self-contained, with provenance, summary with units, comparison and figures."""

from __future__ import annotations

import base64
import re
import shutil
import unittest
from html.parser import HTMLParser

import h5py
import numpy as np

import helpers
from candour_analysis import load_run


class Page(HTMLParser):
    """Collects section ids, headings, images and external references of a page."""

    def __init__(self):
        super().__init__()
        self.sections, self.headings, self.images, self.external = [], [], [], []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.sections.append(attrs.get("id"))
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = ""
        if tag == "img":
            self.images.append(attrs["src"])
        for key in ("src", "href"):
            value = attrs.get(key, "")
            if value and not value.startswith(("data:", "#")):
                self.external.append(value)
        if tag in ("link", "script"):
            self.external.append(tag)

    def handle_data(self, data):
        if self._heading is not None:
            self._heading += data

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4") and self._heading is not None:
            self.headings.append(self._heading.strip())
            self._heading = None


def parse(path) -> tuple[str, Page]:
    text = path.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    return text, page


class RunReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("report")
        cls.base = helpers.replicates(cls.work, helpers.DATA / "toy_base.toml", [1, 2, 3], prefix="base")
        cls.small = helpers.replicates(cls.work, helpers.TOY_SCENARIOS / "toy_small.toml", [4, 5, 6], days=730)
        cls.out = cls.work / "report.html"
        cls.result = helpers.analysis_command("report", *cls.base, *cls.small, "-o", cls.out, "--title", "Toy report")

    def test_writes_a_self_contained_page(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        text, page = parse(self.out)
        self.assertEqual(page.external, [], "the page must not load anything from outside")
        self.assertEqual(len(page.images), 2)  # three metrics in one time-series figure; one across groups
        for src in page.images:
            self.assertTrue(src.startswith("data:image/png;base64,"))
            self.assertEqual(base64.b64decode(src.split(",", 1)[1])[:8], b"\x89PNG\r\n\x1a\n")
        self.assertIn("<title>Toy report</title>", text)

    def test_has_the_expected_sections(self):
        # Key findings first, the provenance that makes it reproducible last.
        _, page = parse(self.out)
        self.assertEqual(page.sections, ["key-findings", "summary", "comparison", "timeseries", "per-unit",
                                         "provenance"])
        for heading in ("Key findings", "Summary", "Comparison", "Time series", "Across groups", "Provenance",
                        "Runs", "Scenarios"):
            self.assertIn(heading, page.headings)

    def test_key_findings_give_percent_change_with_an_interval(self):
        from candour_analysis import final_year_outcomes, load_runs
        from candour_analysis.stats import percent_change
        text, _ = parse(self.out)
        box = text[text.index('id="key-findings"'):text.index('id="summary"')]
        self.assertIn("<strong>toy_small</strong> against toy_base", box)
        outcomes = final_year_outcomes(load_runs(self.base + self.small))
        level = outcomes[outcomes["metric"] == "mean_level"]
        change, low, high = percent_change(level[level["scenario"] == "toy_small"]["value"],
                                           level[level["scenario"] == "toy_base"]["value"])
        self.assertIn(f"mean_level <strong>{change:+.1f}%</strong> <small>({low:+.1f}% to {high:+.1f}%)</small>",
                      box)
        self.assertNotIn("shocks", box)  # a count, not a headline rate

    def test_every_table_has_its_csv_beside_the_page(self):
        import pandas as pd
        for name in ("key-findings", "summary", "comparison"):
            path = self.out.with_name(f"report-{name}.csv")
            self.assertTrue(path.exists(), path)
            self.assertIn(f'download="{name}.csv"', self.out.read_text())
        summary = pd.read_csv(self.out.with_name("report-summary.csv"))
        self.assertEqual(set(summary["scenario"]), {"toy_base", "toy_small"})
        row = summary[(summary["metric"] == "shocks") & (summary["scenario"] == "toy_base")].iloc[0]
        expected = np.mean([load_run(p).final_year()["shocks"] for p in self.base])
        self.assertAlmostEqual(row["mean"], expected)
        self.assertEqual(row["outcome"], "final-year count")
        self.assertEqual(row["runs"], 3)

    def test_provenance_names_seed_version_and_commit(self):
        text, _ = parse(self.out)
        run = load_run(self.base[0])
        self.assertIn(f"<code>{run.metadata['git_commit']}</code>", text)
        self.assertIn(f"<td>{run.metadata['candour_version']}</td>", text)
        for seed in (1, 2, 3, 4, 5, 6):
            self.assertIn(f"<td>{seed}</td>", text)
        self.assertIn("toy_base</strong> (3 replicate(s))", text)
        # The resolved scenario text, escaped, for reproduction.
        self.assertIn("[[timeline]]", text)
        self.assertIn("label = &#x27;reform&#x27;", text)

    def test_summary_and_comparison_have_units_and_numbers(self):
        text, _ = parse(self.out)
        summary = text[text.index('id="summary"'):text.index('id="comparison"')]
        self.assertIn("<td>event</td>", summary)  # shocks
        self.assertIn("<td>unitless</td>", summary)  # mean_level (units "1")
        self.assertIn("Cumulative number of shocks.", summary)
        # The summary's shocks mean for toy_base is the mean of the three runs' final-year means.
        expected = np.mean([load_run(p).final_year()["shocks"] for p in self.base])
        self.assertIn(f"{expected:,.0f}" if expected >= 1e4 else f"{expected:.4g}", summary)
        comparison = text[text.index('id="comparison"'):text.index('id="timeseries"')]
        self.assertIn("Welch", comparison)
        self.assertIn("Hedges", comparison)
        self.assertIn("<th>toy_small minus toy_base</th>", comparison)  # variants as columns
        self.assertIn("<strong>shocks</strong>", comparison)

    def test_headline_metrics_first_the_rest_folded(self):
        text, _ = parse(self.out)
        summary = text[text.index('id="summary"'):text.index('id="comparison"')]
        folded = summary.index("<details><summary>The other 1 system metrics</summary>")
        self.assertLess(summary.index("<strong>shocks</strong>"), folded)
        self.assertGreater(summary.index("<strong>weeks</strong>"), folded)

    def test_incomplete_run_is_flagged_in_place(self):
        copy = self.work / "unfinished.h5"
        shutil.copy(self.base[0], copy)
        with h5py.File(copy, "r+") as f:
            f.attrs["completed"] = np.int64(0)
        out = self.work / "unfinished.html"
        result = helpers.analysis_command("report", copy, *self.base[1:], "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        text, _ = parse(out)
        self.assertIn('class="note"', text)
        self.assertIn("incomplete run", text)
        self.assertIn("up to day 730", text)
        self.assertNotIn('id="comparison"', text)  # a single scenario


class SweepReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("report_sweeps")
        cls.grid = helpers.run_sweep(helpers.DATA / "toy_grid.toml", cls.work / "grid.h5")
        cls.saltelli = helpers.run_sweep(helpers.DATA / "toy_saltelli.toml", cls.work / "saltelli.h5")
        cls.morris = helpers.run_sweep(helpers.DATA / "toy_morris.toml", cls.work / "morris.h5")
        cls.out = cls.work / "sweeps.html"
        cls.result = helpers.analysis_command("report", cls.grid, cls.saltelli, cls.morris, "-o", cls.out,
                                              "--resamples", "100")

    def test_sections_per_sweep(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        text, page = parse(self.out)
        self.assertEqual(page.sections, ["sweep-grid", "sweep-saltelli", "sweep-morris", "provenance"])
        for heading in ("Sweep: Toy grid of pull and shock rate", "Sweep: Toy Sobol", "Sweep: Toy Morris",
                        "Design", "Responses", "Sensitivity (variance shares)", "Sensitivity (Sobol)",
                        "Sensitivity (Morris)"):
            self.assertIn(heading, page.headings)
        self.assertEqual(page.external, [])
        # A constant statistic (weeks run) is not chosen by default: it has nothing to explain.
        self.assertNotIn("weeks.final_year_count", "".join(page.headings))
        self.assertIn("shocks.final_year_count", page.headings)

    def test_sweep_provenance_and_design(self):
        text, _ = parse(self.out)
        grid = text[text.index('id="sweep-grid"'):text.index('id="sweep-saltelli"')]
        provenance = text[text.index('id="provenance"'):]
        self.assertIn("<td>design</td><td>grid</td>", provenance)
        self.assertIn("All 24 runs finished", grid)
        self.assertIn("<td>toy.shock_rate</td><td>per day</td><td>log</td>", grid)
        self.assertIn("Heat map of", grid)
        sobol = text[text.index('id="sweep-saltelli"'):text.index('id="sweep-morris"')]
        self.assertRegex(sobol, r"<td>toy\.shock_rate</td><td class=\"num\">[01]\.\d+</td>")
        self.assertIn("Jansen", sobol)
        self.assertIn("<td>seed policy</td><td>common</td>", provenance)
        self.assertIn("N = 32 base samples is small", sobol)  # the warning, in place


if __name__ == "__main__":
    unittest.main()
