"""Scenario comparisons on synthetic data with known answers, and on real replicate runs."""

from __future__ import annotations

import math
import unittest

import numpy as np
import pandas as pd
from scipy import stats as sps

import helpers
from candour_analysis import (bootstrap_interval, compare, compare_outcomes, final_year_outcomes, hedges_g,
                              load_runs, welch_interval)
from candour_analysis.stats import mean_interval


class Welch(unittest.TestCase):
    def test_interval_by_hand(self):
        a = [1.0, 2.0, 3.0, 4.0, 5.0]  # mean 3, variance 2.5
        b = [2.0, 4.0, 6.0, 8.0, 10.0]  # mean 6, variance 10
        difference, low, high, df, p = welch_interval(a, b)
        self.assertEqual(difference, -3.0)
        # se^2 = 2.5/5 + 10/5 = 2.5; df = 2.5^2 / (0.5^2/4 + 2^2/4) = 6.25 / 1.0625
        self.assertAlmostEqual(df, 6.25 / 1.0625, places=12)
        half = sps.t.ppf(0.975, 6.25 / 1.0625) * math.sqrt(2.5)
        self.assertAlmostEqual(low, -3.0 - half, places=12)
        self.assertAlmostEqual(high, -3.0 + half, places=12)
        # scipy's own Welch test agrees on p.
        self.assertAlmostEqual(p, sps.ttest_ind(a, b, equal_var=False).pvalue, places=12)

    def test_coverage_is_nominal(self):
        # Unequal sizes and variances, where a pooled interval would be wrong: the 95% Welch
        # interval must cover the true difference in 95% of repetitions (4 standard errors of a
        # proportion over 4000 repetitions: +-0.014).
        rng = np.random.default_rng(20261123)
        repetitions, covered = 4000, 0
        for _ in range(repetitions):
            a = rng.normal(1.0, 1.0, size=6)
            b = rng.normal(0.0, 3.0, size=20)
            _, low, high, _, _ = welch_interval(a, b)
            covered += low <= 1.0 <= high
        rate = covered / repetitions
        self.assertLess(abs(rate - 0.95), 4 * math.sqrt(0.95 * 0.05 / repetitions), rate)

    def test_identical_replicates_give_an_exact_difference(self):
        difference, low, high, _, _ = welch_interval([2.0, 2.0, 2.0], [1.0, 1.0])
        self.assertEqual((difference, low, high), (1.0, 1.0, 1.0))
        self.assertEqual(hedges_g([2.0, 2.0, 2.0], [1.0, 1.0]), math.inf)

    def test_needs_two_replicates_a_side(self):
        with self.assertRaisesRegex(ValueError, "at least 2 replicates"):
            welch_interval([1.0], [1.0, 2.0])

    def test_mean_interval(self):
        mean, low, high = mean_interval([1.0, 2.0, 3.0])
        half = sps.t.ppf(0.975, 2) * 1.0 / math.sqrt(3)
        self.assertEqual(mean, 2.0)
        self.assertAlmostEqual(low, 2.0 - half)
        self.assertAlmostEqual(high, 2.0 + half)
        self.assertTrue(math.isnan(mean_interval([4.0])[1]))


class Bootstrap(unittest.TestCase):
    def test_agrees_with_welch_on_large_normal_samples(self):
        rng = np.random.default_rng(1)
        a, b = rng.normal(0.5, 1.0, 300), rng.normal(0.0, 2.0, 250)
        _, wl, wh, _, _ = welch_interval(a, b)
        d, bl, bh = bootstrap_interval(a, b, resamples=4000)
        self.assertAlmostEqual(d, a.mean() - b.mean())
        self.assertLess(abs((bh - bl) - (wh - wl)) / (wh - wl), 0.1)
        self.assertLess(abs((bl + bh) / 2 - (wl + wh) / 2), 0.1 * (wh - wl))

    def test_is_reproducible_by_seed(self):
        a, b = [1.0, 2.5, 2.0, 4.0], [0.5, 0.0, 1.5, 1.0, 0.7]
        self.assertEqual(bootstrap_interval(a, b, seed=3), bootstrap_interval(a, b, seed=3))
        self.assertNotEqual(bootstrap_interval(a, b, seed=3), bootstrap_interval(a, b, seed=4))


class EffectSize(unittest.TestCase):
    def test_hedges_g_by_hand(self):
        # Pooled SD 1, difference -1, correction 1 - 3 / (4 * 6 - 9) = 0.8.
        self.assertAlmostEqual(hedges_g([1.0, 2.0, 3.0], [2.0, 3.0, 4.0]), -0.8)

    def test_hedges_g_recovers_a_known_standardised_difference(self):
        rng = np.random.default_rng(2)
        g = hedges_g(rng.normal(1.5, 2.0, 20000), rng.normal(0.5, 2.0, 20000))
        self.assertAlmostEqual(g, 0.5, delta=0.03)

    def test_compare_carries_everything(self):
        result = compare([1.0, 2.0, 3.0], [2.0, 3.0, 4.0])
        self.assertEqual((result.n_a, result.n_b), (3, 3))
        self.assertEqual(result.difference, -1.0)
        self.assertEqual(result.method, "welch")
        self.assertLess(result.ci_low, -1.0)
        self.assertGreater(result.ci_high, -1.0)
        boot = compare([1.0, 2.0, 3.0, 2.5], [2.0, 3.0, 4.0, 3.5], method="bootstrap", resamples=2000)
        self.assertEqual(boot.method, "bootstrap")
        self.assertTrue(math.isnan(boot.df))
        with self.assertRaises(ValueError):
            compare([1.0, 2.0], [1.0, 2.0], method="guess")


class OnRealRuns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        work = helpers.work_dir("statistics")
        cls.calm = helpers.replicates(work, helpers.DATA / "toy_base.toml", [1, 2, 3, 4], prefix="base")
        cls.stormy = [
            helpers.run_scenario(helpers.DATA / "toy_base.toml", work / f"stormy_{s}.h5", seed=s,
                                 sets=("toy.shock_rate=0.1",))
            for s in [1, 2, 3, 4]
        ]

    def test_final_year_outcomes_and_comparison(self):
        frame = load_runs(self.calm + self.stormy, labels=["calm"] * 4 + ["stormy"] * 4)
        outcomes = final_year_outcomes(frame)
        self.assertEqual(len(outcomes), 8 * 3)
        # A level's outcome is its mean over days 370..730 (record_every = 5, the last 365 days);
        # a running total's is its count in them: the value at day 730 less that at day 365.
        one = frame[(frame["scenario"] == "calm") & (frame["seed"] == 2)].pivot(index="day", columns="metric",
                                                                                values="value")
        got = outcomes[(outcomes["scenario"] == "calm") & (outcomes["seed"] == 2)].set_index("metric")
        self.assertAlmostEqual(got.loc["mean_level", "value"], one.loc[one.index > 365, "mean_level"].mean())
        self.assertEqual(got.loc["mean_level", "statistic"], "final-year mean")
        self.assertEqual(got.loc["shocks", "value"], one.loc[730, "shocks"] - one.loc[365, "shocks"])
        self.assertEqual(got.loc["shocks", "statistic"], "final-year count")
        table = compare_outcomes(outcomes, "stormy", "calm", ["shocks"]).set_index("metric")
        # Five times the shock rate: many more cumulative shocks, far outside the noise.
        self.assertGreater(table.loc["shocks", "ci_low"], 0)
        self.assertGreater(table.loc["shocks", "hedges_g"], 5)
        self.assertEqual(table.loc["shocks", "units"], "event")
        self.assertIsInstance(table, pd.DataFrame)


if __name__ == "__main__":
    unittest.main()
