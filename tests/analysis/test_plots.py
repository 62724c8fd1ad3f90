"""The plotting commands write real, non-empty PNGs that show what they should."""

from __future__ import annotations

import unittest

import numpy as np
from matplotlib import image

import helpers
from candour_analysis import load_runs
from candour_analysis.plots import PALETTE, plot_timeseries, replicate_summary


def read_png(path) -> np.ndarray:
    with open(path, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return image.imread(path)[:, :, :3]


def has_colour(pixels: np.ndarray, hex_colour: str, tolerance: float = 0.02) -> bool:
    rgb = np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return bool((np.abs(pixels - rgb).max(axis=2) < tolerance).any())


class PlotCommands(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("plots")
        cls.base = helpers.replicates(cls.work, helpers.DATA / "toy_base.toml", [1, 2, 3], prefix="base")
        cls.small = helpers.replicates(cls.work, helpers.TOY_SCENARIOS / "toy_small.toml", [1, 2, 3], days=730)

    def check(self, result, out):
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"wrote {out}", result.stdout)
        pixels = read_png(out)
        self.assertGreater(pixels.shape[1], 500)
        self.assertGreater(pixels.shape[0], 250)
        self.assertGreater(pixels.std(), 0.05, "the image is blank")
        return pixels

    def test_time_series_one_colour_per_scenario(self):
        out = self.work / "series.png"
        pixels = self.check(helpers.analysis_command("plot", *self.base, *self.small, "-m", "mean_level", "-m",
                                                     "shocks", "-o", out), out)
        self.assertTrue(has_colour(pixels, PALETTE[0]), "first scenario's colour missing")
        self.assertTrue(has_colour(pixels, PALETTE[1]), "second scenario's colour missing")
        self.assertFalse(has_colour(pixels, PALETTE[2]), "a third colour for two scenarios")

    def test_time_series_spread_band(self):
        out = self.work / "spread.png"
        self.check(helpers.analysis_command("plot", *self.base, "--band", "spread", "--title", "Base", "-o", out),
                   out)

    def test_per_unit_spread(self):
        out = self.work / "groups.png"
        self.check(helpers.analysis_command("plot", self.base[0], self.small[0], "--per-unit", "group_mean_level",
                                            "-o", out), out)

    def test_unknown_metric_is_bad_input(self):
        result = helpers.analysis_command("plot", self.base[0], "-m", "harm", "-o", self.work / "x.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("no system metric 'harm'", result.stderr)
        self.assertIn("mean_level", result.stderr)
        result = helpers.analysis_command("plot", self.base[0], "-m", "group_mean_level", "-o", self.work / "x.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--per-unit", result.stderr)
        self.assertFalse((self.work / "x.png").exists())

    def test_replicate_band_is_the_t_interval(self):
        frame = load_runs(self.base)
        summary = replicate_summary(frame, "ci")
        row = summary[(summary["metric"] == "mean_level") & (summary["day"] == 400)].iloc[0]
        values = frame[(frame["metric"] == "mean_level") & (frame["day"] == 400)]["value"].to_numpy()
        from scipy import stats
        half = stats.t.ppf(0.975, 2) * values.std(ddof=1) / np.sqrt(3)
        self.assertAlmostEqual(row["mean"], values.mean())
        self.assertAlmostEqual(row["high"] - row["mean"], half)
        self.assertEqual(row["n"], 3)
        spread = replicate_summary(frame, "spread")
        row = spread[(spread["metric"] == "mean_level") & (spread["day"] == 400)].iloc[0]
        self.assertAlmostEqual(row["low"], np.quantile(values, 0.025))

    def test_output_format_follows_the_file_name(self):
        # .pdf and .svg are vector files, not PNG bytes under another name; --dpi sets a PNG's size.
        pdf, svg = self.work / "series.pdf", self.work / "series.svg"
        for out in (pdf, svg):
            result = helpers.analysis_command("plot", *self.base, "-m", "mean_level", "-o", out)
            self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(pdf.read_bytes()[:5], b"%PDF-")
        text = svg.read_text()
        self.assertTrue(text.startswith("<?xml"), text[:40])
        self.assertIn("<svg", text[:2000])
        self.assertIn("<path", text)
        small, large = self.work / "dpi100.png", self.work / "dpi200.png"
        self.check(helpers.analysis_command("plot", *self.base, "-m", "mean_level", "-o", small), small)
        self.check(helpers.analysis_command("plot", *self.base, "-m", "mean_level", "--dpi", "200", "-o", large),
                   large)
        self.assertEqual(read_png(large).shape[0], 2 * read_png(small).shape[0])
        # An extension we cannot write is refused before any work, and nothing is written.
        result = helpers.analysis_command("plot", *self.base, "-o", self.work / "series.jpeg")
        self.assertEqual(result.returncode, 2)
        self.assertIn(".jpeg", result.stderr)
        self.assertIn(".pdf", result.stderr)
        self.assertFalse((self.work / "series.jpeg").exists())

    def test_bands_stay_inside_the_metrics_range(self):
        # A share near 1 over three replicates: the t interval reaches past 1, the band must not;
        # a count near 0: the band must not go below 0.
        import pandas as pd
        rows = [("a", r, "share", 10.0, v) for r, v in enumerate([0.99, 0.97, 0.80])]
        rows += [("a", r, "count", 10.0, v) for r, v in enumerate([0.0, 0.0, 9.0])]
        rows += [("a", r, "free", 10.0, v) for r, v in enumerate([0.99, 0.97, 0.80])]
        frame = pd.DataFrame(rows, columns=["scenario", "replicate", "metric", "day", "value"])
        frame.attrs["metrics"] = {"share": {"valid_min": 0.0, "valid_max": 1.0},
                                  "count": {"valid_min": 0.0, "valid_max": float("inf")}, "free": {}}
        summary = replicate_summary(frame, "ci").set_index("metric")
        self.assertEqual(summary.loc["share", "high"], 1.0)
        self.assertGreater(summary.loc["share", "low"], 0.0)
        self.assertEqual(summary.loc["count", "low"], 0.0)
        self.assertGreater(summary.loc["free", "high"], 1.0)  # undeclared: the t interval as it is
        self.assertAlmostEqual(summary.loc["free", "low"], summary.loc["share", "low"])

    def test_figure_has_units_and_titles(self):
        figure = plot_timeseries(load_runs(self.base), ["shocks"])
        ax = figure.axes[0]
        self.assertEqual(ax.get_ylabel(), "shocks (event, running total)")
        self.assertEqual(ax.get_title(loc="left"), "Cumulative number of shocks")
        self.assertEqual(ax.get_xlabel(), "time (years)")
        self.assertAlmostEqual(ax.get_xlim()[1], 2.0, delta=0.15)  # 730 days


class SweepPlotCommands(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("sweep_plots")
        cls.line = helpers.run_sweep(helpers.DATA / "toy_line.toml", cls.work / "line.h5")
        cls.grid = helpers.run_sweep(helpers.DATA / "toy_grid.toml", cls.work / "grid.h5")
        cls.saltelli = helpers.run_sweep(helpers.DATA / "toy_saltelli.toml", cls.work / "saltelli.h5")
        cls.morris = helpers.run_sweep(helpers.DATA / "toy_morris.toml", cls.work / "morris.h5")

    check = PlotCommands.check

    def test_response(self):
        out = self.work / "response.png"
        self.check(helpers.analysis_command("response", self.line, "-s", "mean_level.final_year_mean",
                                            "--axis", "toy.pull", "-o", out), out)
        out = self.work / "response_by.png"
        self.check(helpers.analysis_command("response", self.grid, "-s", "shocks.final", "--axis", "toy.pull",
                                            "--by", "toy.shock_rate", "-o", out), out)

    def test_heatmap(self):
        out = self.work / "heat.png"
        self.check(helpers.analysis_command("heatmap", self.grid, "-s", "shocks.final_year_count", "-o", out), out)
        result = helpers.analysis_command("heatmap", self.line, "-s", "shocks.final", "-o", self.work / "no.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("needs two", result.stderr)

    def test_sobol_and_morris_plots(self):
        out = self.work / "sobol.png"
        result = helpers.analysis_command("sobol", self.saltelli, "-s", "shocks.final_year_count", "--resamples",
                                          "100", "--plot", out, "--csv", self.work / "sobol.csv")
        self.check(result, out)
        self.assertIn("toy.shock_rate", result.stdout)
        self.assertIn("S1_low", (self.work / "sobol.csv").read_text())
        out = self.work / "morris.png"
        result = helpers.analysis_command("morris", self.morris, "-s", "shocks.final_year_count", "--plot", out)
        self.check(result, out)
        self.assertIn("mu_star", result.stdout)

    def test_wrong_file_kind_is_bad_input(self):
        result = helpers.analysis_command("sobol", self.grid)
        self.assertEqual(result.returncode, 2)
        self.assertIn("Sobol indices need a saltelli design", result.stderr)
        result = helpers.analysis_command("plot", self.grid, "-o", self.work / "no.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("is a sweep file", result.stderr)


if __name__ == "__main__":
    unittest.main()
