"""The analysis tool on real NHS-model runs: the numbers agree with `candour run`'s own summary,
variants are never pooled, metrics undefined in every run are skipped, declared ranges hold."""

from __future__ import annotations

import csv
import math
import re
import subprocess
import unittest

import h5py
import numpy as np

import helpers
from candour_analysis import load_run
from test_plots import has_colour, read_png
from candour_analysis.plots import PALETTE

DAYS = 400  # more than a year, so that the final year is not the whole run


def run_with_summary(scenario, out, seed, *extra) -> str:
    """`candour run` with its end-of-run summary on stdout (not -q)."""
    command = [helpers.candour(), "run", str(scenario), "-o", str(out), "--seed", str(seed), "--days", str(DAYS),
               "--threads", "1", *extra]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed: {result.stderr}")
    return result.stdout


def summary_value(stdout: str, label: str, column: int = 0) -> float:
    """A number from the summary table: column 0 is the final year, 1 the whole run."""
    for line in stdout.splitlines():
        if line.strip().startswith(label + " ") or line.strip().startswith(label + "*"):
            cells = re.split(r"\s{2,}", line.strip())
            return float(cells[1 + column].replace(",", ""))
    raise AssertionError(f"no line for {label!r} in:\n{stdout}")


class NhsRuns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("nhs")
        scenario = helpers.REPO / "scenarios" / "baseline.toml"
        cls.base, cls.base_out, cls.strict = [], [], []
        for seed in (1, 2):
            path = cls.work / f"baseline_{seed}.h5"
            cls.base_out.append(run_with_summary(scenario, path, seed))
            cls.base.append(path)
        for seed in (3, 4):
            path = cls.work / f"strict_{seed}.h5"
            run_with_summary(scenario, path, seed, "--set", "pressure.target_stringency=0.9")
            cls.strict.append(path)
        cls.mid_staffs = cls.work / "mid_staffs.h5"
        run_with_summary(helpers.REPO / "scenarios" / "mid_staffs.toml", cls.mid_staffs, 5)

    def test_running_total_matches_the_run_summary(self):
        # deaths_from_harm is a running total: its final-year figure is a count (end minus start),
        # the number `candour run` prints, in compare, its CSV and the report alike.
        printed = [summary_value(out, "deaths from harm") for out in self.base_out]
        whole = [summary_value(out, "deaths from harm", 1) for out in self.base_out]
        self.assertTrue(all(p < w for p, w in zip(printed, whole)))  # the final year is part of the run
        csv_path = self.work / "compare.csv"
        result = helpers.analysis_command("compare", *self.base, "--against", *self.strict, "-m", "deaths_from_harm",
                                          "--csv", csv_path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("final-year count", result.stdout)
        self.assertIn("the count in that period (end minus start) for running totals", result.stdout)
        with csv_path.open() as f:
            row = next(csv.DictReader(f))
        self.assertEqual(float(row["mean_a"]), np.mean(printed))
        self.assertEqual(row["statistic"], "final-year count")
        for path, value in zip(self.base, printed):
            self.assertEqual(load_run(path).final_year()["deaths_from_harm"], value)
        report = self.work / "report.html"
        result = helpers.analysis_command("report", *self.base, "-m", "deaths_from_harm", "-o", report)
        self.assertEqual(result.returncode, 0, result.stderr)
        summary = report.read_text()
        summary = summary[summary.index('id="summary"'):summary.index('id="timeseries"')]
        self.assertIn(f"{np.mean(printed):,.0f}" if np.mean(printed) >= 1e4 else f"{np.mean(printed):.4g}", summary)
        self.assertIn("final-year count", summary)

    def test_compare_without_metrics_skips_undefined_ones(self):
        result = helpers.analysis_command("compare", *self.base, "--against", *self.strict)
        self.assertEqual(result.returncode, 0, result.stderr)
        notes = [line for line in result.stderr.splitlines() if "left out" in line]
        self.assertEqual(len(notes), 1, result.stderr)
        self.assertIn("alert_to_investigation", notes[0])
        self.assertIn("problem_detection_share", notes[0])
        self.assertIn("harm_rate", result.stdout)
        self.assertNotIn("problem_detection_share", result.stdout)
        # Asked for by name, an undefined metric is an error that names it.
        result = helpers.analysis_command("compare", *self.base, "--against", *self.strict, "-m",
                                          "problem_detection_share")
        self.assertEqual(result.returncode, 2)
        self.assertIn("problem_detection_share", result.stderr)

    def test_variants_made_with_set_are_two_series(self):
        out = self.work / "variants.png"
        result = helpers.analysis_command("plot", self.base[0], self.strict[0], "-m", "harm_rate", "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("differ in pressure.target_stringency", result.stderr)
        pixels = read_png(out)
        self.assertTrue(has_colour(pixels, PALETTE[0]) and has_colour(pixels, PALETTE[1]), "two series expected")
        labelled = self.work / "labelled.png"
        result = helpers.analysis_command("plot", f"{self.base[0]}:baseline", f"{self.strict[0]}:strict", "-m",
                                          "harm_rate", "-o", labelled)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("warning", result.stderr)
        self.assertTrue(has_colour(read_png(labelled), PALETTE[1]))
        # compare will not pool a side whose runs differ.
        result = helpers.analysis_command("compare", self.base[0], self.strict[0], "--against", *self.base)
        self.assertEqual(result.returncode, 2)
        self.assertIn("pressure.target_stringency", result.stderr)

    def test_declared_ranges_hold_in_real_runs(self):
        # Every value of every metric lies in the range the model declares for it (shares in
        # [0, 1], counts and rates at or above 0), which the figures' bands rely on.
        declared = 0
        for path in [*self.base, *self.strict, self.mid_staffs]:
            with h5py.File(path, "r") as f:
                for name, data in f["metrics"].items():
                    low = float(data.attrs.get("valid_min", -math.inf))
                    high = float(data.attrs.get("valid_max", math.inf))
                    declared += math.isfinite(low) or math.isfinite(high)
                    values = data[()]
                    values = values[np.isfinite(values)]
                    if values.size:
                        self.assertGreaterEqual(values.min(), low, f"{path.name} {name}")
                        self.assertLessEqual(values.max(), high, f"{path.name} {name}")
        with h5py.File(self.base[0], "r") as f:
            self.assertEqual(f["metrics/speak_up_rate"].attrs["valid_max"], 1.0)
            self.assertEqual(f["metrics/deaths_from_harm"].attrs["valid_min"], 0.0)
            self.assertNotIn("valid_min", f["metrics/perception_gap"].attrs)  # can be either sign
        self.assertGreater(declared, 100)


if __name__ == "__main__":
    unittest.main()
