"""Sobol and Morris estimators against functions whose indices are known analytically."""

from __future__ import annotations

import math
import unittest

import numpy as np
from scipy.stats import qmc

import helpers  # noqa: F401  (puts analysis/ on sys.path when run by hand)
from candour_analysis import elementary_effects, morris_indices, sobol_indices
from candour_analysis.sensitivity import complete_base_samples, first_order_given_data, variance_shares


def saltelli_design(n: int, k: int, seed: int = 0, second_order: bool = False) -> np.ndarray:
    """The simulator's Saltelli layout (sim/sweep/design.hpp): A, B, AB_1 .. AB_k in blocks of n
    rows, then with second_order BA_1 .. BA_k; A and B the halves of a 2k-dimensional Sobol
    sequence (here scipy's, scrambled)."""
    base = qmc.Sobol(2 * k, scramble=True, seed=seed).random(n)
    a, b = base[:, :k], base[:, k:]
    blocks = [a, b]
    for i in range(k):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    for i in range(k if second_order else 0):
        ba = b.copy()
        ba[:, i] = a[:, i]
        blocks.append(ba)
    return np.vstack(blocks)


def ishigami(x: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    z = -math.pi + 2 * math.pi * x  # inputs uniform on [-pi, pi]
    return np.sin(z[:, 0]) + a * np.sin(z[:, 1]) ** 2 + b * z[:, 2] ** 4 * np.sin(z[:, 0])


def ishigami_indices(a: float = 7.0, b: float = 0.1):
    """Analytic indices (Ishigami & Homma 1990; Saltelli et al. 2008, Global Sensitivity Analysis)."""
    pi4, pi8 = math.pi**4, math.pi**8
    v1 = 0.5 * (1 + b * pi4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * pi8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return [v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v]


def morris_design(r: int, p: int, k: int, seed: int) -> np.ndarray:
    """r Morris trajectories on a p-level grid, as the simulator builds them (sim/sweep/design.hpp)."""
    rng = np.random.default_rng(seed)
    delta = p / (2 * (p - 1))
    start_levels = np.arange(p // 2) / (p - 1)  # starts from which +delta stays in [0, 1]
    rows = []
    for _ in range(r):
        x = rng.choice(start_levels, size=k)
        signs = rng.choice([-1, 1], size=k)
        x = np.where(signs < 0, x + delta, x)  # start high when the factor will step down
        rows.append(x.copy())
        for i in rng.permutation(k):
            x[i] += signs[i] * delta
            rows.append(x.copy())
    return np.array(rows)


class Sobol(unittest.TestCase):
    def test_ishigami(self):
        x = saltelli_design(2**13, 3)
        result = sobol_indices(ishigami(x), ["x1", "x2", "x3"], resamples=300)
        first, total = ishigami_indices()
        np.testing.assert_allclose(result["S1"], first, atol=0.01)
        np.testing.assert_allclose(result["ST"], total, atol=0.01)
        for key, truth in (("S1", first), ("ST", total)):
            self.assertTrue((result[f"{key}_low"] <= result[key]).all())
            self.assertTrue((result[key] <= result[f"{key}_high"]).all())
            # Bootstrap intervals hold the truth (within the estimator's quasi-random-design bias).
            self.assertTrue((result[f"{key}_low"] - 0.01 <= truth).all(), result)
            self.assertTrue((np.array(truth) <= result[f"{key}_high"] + 0.01).all(), result)

    def test_linear_model(self):
        # Y = 1 X1 + 2 X2 + 3 X3, X uniform and independent: S_i = ST_i = a_i^2 / sum a^2.
        coefficients = np.array([1.0, 2.0, 3.0])
        x = saltelli_design(2**12, 3, seed=1)
        result = sobol_indices(x @ coefficients, ["a", "b", "c"], resamples=200)
        truth = coefficients**2 / (coefficients**2).sum()
        np.testing.assert_allclose(result["S1"], truth, atol=0.02)
        np.testing.assert_allclose(result["ST"], truth, atol=0.02)

    def test_an_offset_output_gives_the_same_indices(self):
        # A metric near 0.5 that varies by 0.01 must not lose its first-order indices to the
        # estimator's sensitivity to the output's mean.
        x = saltelli_design(2**10, 3, seed=2)
        y = x @ np.array([1.0, 2.0, 3.0])
        plain = sobol_indices(y, ["a", "b", "c"], resamples=0)
        offset = sobol_indices(1e4 + y, ["a", "b", "c"], resamples=0)
        np.testing.assert_allclose(plain[["S1", "ST"]], offset[["S1", "ST"]], atol=1e-8)

    def test_an_inert_factor_has_zero_total_index(self):
        x = saltelli_design(2**10, 3, seed=3)
        result = sobol_indices(np.sin(6 * x[:, 0]) + x[:, 1] ** 2, ["a", "b", "inert"], resamples=100)
        self.assertEqual(result.loc["inert", "ST"], 0.0)
        self.assertEqual(result.loc["inert", "ST_high"], 0.0)

    def test_constant_output_is_flagged(self):
        result = sobol_indices(np.ones(5 * 16), ["a", "b", "c"], resamples=50)
        self.assertTrue(result.attrs["constant"])
        self.assertTrue(result["S1"].isna().all())

    def test_bad_length_and_missing_values(self):
        with self.assertRaisesRegex(ValueError, "N x 5 outputs"):
            sobol_indices(np.ones(11), ["a", "b", "c"])
        y = np.arange(5 * 4, dtype=float)
        y[6] = np.nan  # B's row 2
        with self.assertRaisesRegex(ValueError, "missing"):
            sobol_indices(y, ["a", "b", "c"])
        kept = complete_base_samples(y, 3)
        self.assertEqual(len(kept), 5 * 3)
        np.testing.assert_array_equal(kept[:3], [0.0, 1.0, 3.0])  # A without row 2

    def test_ishigami_second_order(self):
        # Ishigami's only interaction is x1 with x3: S13 = V13 / V, S12 = S23 = 0.
        x = saltelli_design(2**13, 3, second_order=True)
        result = sobol_indices(ishigami(x), ["x1", "x2", "x3"], resamples=200, second_order=True)
        first, total = ishigami_indices()
        np.testing.assert_allclose(result["S1"], first, atol=0.01)
        np.testing.assert_allclose(result["ST"], total, atol=0.01)
        pairs = result.attrs["second_order"].set_index(["parameter", "with"])["S2"]
        np.testing.assert_allclose(pairs[("x1", "x3")], total[2], atol=0.02)  # V13 / V
        np.testing.assert_allclose(pairs[("x1", "x2")], 0.0, atol=0.02)
        np.testing.assert_allclose(pairs[("x2", "x3")], 0.0, atol=0.02)
        s2 = result.attrs["second_order"]
        self.assertTrue((s2["S2_low"] <= s2["S2"]).all() and (s2["S2"] <= s2["S2_high"]).all())
        self.assertEqual(result.attrs["warnings"], [])  # large N, consistent estimates

    def test_warns_when_n_is_small_or_s1_exceeds_st(self):
        x = saltelli_design(16, 3, seed=5)
        result = sobol_indices(ishigami(x), ["x1", "x2", "x3"], resamples=50)
        notes = " ".join(result.attrs["warnings"])
        self.assertIn("N = 16 base samples is small", notes)
        above = result.index[result["S1"] > result["ST"] + 0.01]
        for name in above:
            self.assertIn(f"S1 > ST for", notes)
            self.assertIn(name, notes)

    def test_bootstrap_is_seeded(self):
        x = saltelli_design(256, 3, seed=4)
        y = ishigami(x)
        one = sobol_indices(y, ["a", "b", "c"], resamples=100, seed=7)
        two = sobol_indices(y, ["a", "b", "c"], resamples=100, seed=7)
        np.testing.assert_array_equal(one.to_numpy(), two.to_numpy())


class GridShares(unittest.TestCase):
    def test_additive_grid_shares_are_exact(self):
        # Y = 2 a + b on a 3 x 4 grid: no interaction, shares proportional to each main effect's
        # variance over the grid's levels.
        import pandas as pd
        a, b = np.meshgrid([0.0, 0.5, 1.0], [0.0, 1.0, 2.0, 3.0], indexing="ij")
        table = pd.DataFrame({"a": a.ravel(), "b": b.ravel()})
        table["y"] = 2 * table["a"] + table["b"]
        shares = variance_shares(table, "y", ["a", "b"])
        va, vb = np.var(2 * np.array([0.0, 0.5, 1.0])), np.var([0.0, 1.0, 2.0, 3.0])
        np.testing.assert_allclose(shares["share"], [va / (va + vb), vb / (va + vb)], atol=1e-12)
        self.assertAlmostEqual(shares.attrs["interactions"], 0.0, places=12)
        self.assertEqual(shares["levels"].tolist(), [3, 4])

    def test_pure_interaction_has_no_main_effects(self):
        import pandas as pd
        a, b = np.meshgrid([-1.0, 1.0], [-1.0, 1.0], indexing="ij")
        table = pd.DataFrame({"a": a.ravel(), "b": b.ravel()})
        table["y"] = table["a"] * table["b"]
        shares = variance_shares(table, "y", ["a", "b"])
        np.testing.assert_allclose(shares["share"], [0.0, 0.0], atol=1e-12)
        self.assertAlmostEqual(shares.attrs["interactions"], 1.0)
        self.assertTrue(any("fewer than 3 levels" in w for w in shares.attrs["warnings"]))
        with self.assertRaisesRegex(ValueError, "every point of the grid"):
            variance_shares(table.iloc[:3], "y", ["a", "b"])


class GivenData(unittest.TestCase):
    def test_linear_model_from_a_latin_hypercube(self):
        # Y = a + 2 b + 3 c: S_i = c_i^2 / sum c^2. At N = 4000 one estimate's standard deviation
        # is about 0.012 (measured over 200 seeds), its bias about (M - 1) / N = 0.005: one draw
        # lies within 3 SD, and the mean of 20 draws within 0.01.
        coefficients = np.array([1.0, 2.0, 3.0])
        truth = coefficients**2 / (coefficients**2).sum()
        draws = []
        for seed in range(20):
            x = qmc.LatinHypercube(3, seed=seed).random(4000)
            draws.append(first_order_given_data(x, x @ coefficients, ["a", "b", "c"])["S1"].to_numpy())
        np.testing.assert_allclose(draws[0], truth, atol=0.036)
        np.testing.assert_allclose(np.mean(draws, axis=0), truth, atol=0.01)
        result = first_order_given_data(x, x @ coefficients, ["a", "b", "c"])
        self.assertAlmostEqual(result.attrs["bias"], 19 / 4000)


class Morris(unittest.TestCase):
    def test_linear_effects_are_exact(self):
        x = morris_design(r=12, p=4, k=3, seed=5)
        y = x @ np.array([2.0, -3.0, 0.0])
        result = morris_indices(x, y, ["a", "b", "c"], resamples=100)
        np.testing.assert_allclose(result["mu"], [2.0, -3.0, 0.0], atol=1e-12)
        np.testing.assert_allclose(result["mu_star"], [2.0, 3.0, 0.0], atol=1e-12)
        np.testing.assert_allclose(result["sigma"], [0.0, 0.0, 0.0], atol=1e-12)
        self.assertEqual(result["trajectories"].tolist(), [12, 12, 12])

    def test_interaction_shows_in_sigma(self):
        x = morris_design(r=40, p=4, k=3, seed=6)
        y = 4 * x[:, 0] * x[:, 1] + x[:, 2]
        result = morris_indices(x, y, ["a", "b", "c"], resamples=200)
        # d/dx1 = 4 x2: its effect depends on where x2 is, so sigma > 0; x3 is linear.
        self.assertGreater(result.loc["a", "sigma"], 0.5)
        self.assertGreater(result.loc["b", "sigma"], 0.5)
        self.assertAlmostEqual(result.loc["c", "sigma"], 0.0, places=12)
        self.assertAlmostEqual(result.loc["c", "mu_star"], 1.0, places=12)
        # mu* of a: mean of 4 x2 over the levels x2 takes, which lies within (0, 4).
        self.assertTrue(0 < result.loc["a", "mu_star"] < 4)
        self.assertLessEqual(result.loc["a", "mu_star_low"], result.loc["a", "mu_star"])
        self.assertLessEqual(result.loc["a", "mu_star"], result.loc["a", "mu_star_high"])

    def test_effects_use_the_signed_step(self):
        x = np.array([[0.0, 0.0], [2 / 3, 0.0], [2 / 3, 2 / 3],
                      [2 / 3, 2 / 3], [2 / 3, 0.0], [0.0, 0.0]])
        y = x @ np.array([1.0, 5.0])
        effects = elementary_effects(x, y)
        np.testing.assert_allclose(effects, [[1.0, 5.0], [1.0, 5.0]])

    def test_rejects_a_design_that_is_not_morris(self):
        x = np.array([[0.0, 0.0], [1.0, 1.0], [1.0, 0.0]])
        with self.assertRaisesRegex(ValueError, "moves 2 factors"):
            elementary_effects(x, np.zeros(3))


if __name__ == "__main__":
    unittest.main()
