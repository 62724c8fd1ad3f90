"""Sobol and Morris estimators against functions whose indices are known analytically."""

from __future__ import annotations

import math
import unittest

import numpy as np
from scipy.stats import qmc

import helpers  # noqa: F401  (puts analysis/ on sys.path when run by hand)
from candour_analysis import elementary_effects, morris_indices, sobol_indices
from candour_analysis.sensitivity import complete_base_samples


def saltelli_design(n: int, k: int, seed: int = 0) -> np.ndarray:
    """The simulator's Saltelli layout (sim/sweep/design.hpp): A, B, AB_1 .. AB_k in blocks of n
    rows, A and B the halves of a 2k-dimensional Sobol sequence (here scipy's, scrambled)."""
    base = qmc.Sobol(2 * k, scramble=True, seed=seed).random(n)
    a, b = base[:, :k], base[:, k:]
    blocks = [a, b]
    for i in range(k):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
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
        with self.assertRaisesRegex(ValueError, "N \\(k \\+ 2\\)"):
            sobol_indices(np.ones(11), ["a", "b", "c"])
        y = np.arange(5 * 4, dtype=float)
        y[6] = np.nan  # B's row 2
        with self.assertRaisesRegex(ValueError, "missing"):
            sobol_indices(y, ["a", "b", "c"])
        kept = complete_base_samples(y, 3)
        self.assertEqual(len(kept), 5 * 3)
        np.testing.assert_array_equal(kept[:3], [0.0, 1.0, 3.0])  # A without row 2

    def test_bootstrap_is_seeded(self):
        x = saltelli_design(256, 3, seed=4)
        y = ishigami(x)
        one = sobol_indices(y, ["a", "b", "c"], resamples=100, seed=7)
        two = sobol_indices(y, ["a", "b", "c"], resamples=100, seed=7)
        np.testing.assert_array_equal(one.to_numpy(), two.to_numpy())


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
