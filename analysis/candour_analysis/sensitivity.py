"""Global sensitivity indices: Sobol (variance-based) and Morris (elementary effects).

Hand-written because SALib, the usual Python library for both, is not packaged
in Debian 12 and PyPI is out of reach here. The estimators are the standard
published ones, cited at each function, and are checked against functions with
known indices (Ishigami, linear models) in tests/analysis/.

The designs come from the simulator (`candour sweep`, sim/sweep/design.hpp):
- Saltelli: N (k + 2) points in blocks of N rows: A, B, AB_1 .. AB_k, where
  AB_i is A with column i taken from B.
- Morris: r trajectories of k + 1 points on a p-level grid of [0, 1]^k; each
  step moves exactly one factor by +-delta.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import pandas as pd


def _saltelli_blocks(y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    y = np.asarray(y, dtype=float).ravel()
    if k < 1 or len(y) % (k + 2) != 0:
        raise ValueError(
            f"a Saltelli design for {k} factors has N (k + 2) = N x {k + 2} outputs; got {len(y)}"
        )
    n = len(y) // (k + 2)
    a = y[:n]
    b = y[n : 2 * n]
    ab = y[2 * n :].reshape(k, n)  # row i: f(AB_i)
    return a, b, ab


def _sobol_estimates(a: np.ndarray, b: np.ndarray, ab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First-order and total indices from one set of samples (vectorised over a leading axis of
    bootstrap resamples when given 2-D a, b and 3-D ab).

    First order, Saltelli et al. (2010), Comput. Phys. Commun. 181:259, Table 2 (b):
        V_i = mean_j f(B)_j (f(AB_i)_j - f(A)_j)
    Total, Jansen (1999), the same table (f):
        VT_i = mean_j (f(A)_j - f(AB_i)_j)^2 / 2
    Both divided by Var(Y) estimated from the A and B samples together.

    The output is first centred on the mean of A and B: the first-order estimator is unbiased
    for any shift of Y, but its variance grows with the mean squared, which makes it useless
    for outputs far from zero relative to their spread (a mean level near 0.5 varying by 0.01).
    SALib centres (and scales) the same way.
    """
    both = np.concatenate([a, b], axis=-1)
    centre = np.mean(both, axis=-1, keepdims=True)
    a, b, ab = a - centre, b - centre, ab - centre[..., None]
    variance = np.var(both, axis=-1, ddof=1)
    first = np.mean(b[..., None, :] * (ab - a[..., None, :]), axis=-1)
    total = 0.5 * np.mean((a[..., None, :] - ab) ** 2, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return first / variance[..., None], total / variance[..., None]


def sobol_indices(
    y: Sequence[float],
    parameters: Sequence[str],
    resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices of output `y` from a Saltelli design, in
    that design's row order, with percentile bootstrap intervals (the N base samples resampled
    with replacement, `resamples` times, seeded).

    S1: share of the output's variance due to the factor alone. ST: due to the factor with all
    its interactions. ST - S1 measures interactions; sum of S1 <= 1. Estimates from small N can
    fall below 0 or above 1: read them with their intervals.

    Returns one row per parameter: S1, S1_low, S1_high, ST, ST_low, ST_high.
    """
    parameters = list(parameters)
    k = len(parameters)
    a, b, ab = _saltelli_blocks(np.asarray(y, dtype=float), k)
    n = len(a)
    if not (np.isfinite(a).all() and np.isfinite(b).all() and np.isfinite(ab).all()):
        raise ValueError("the output has missing (nan) values: drop incomplete base samples first")
    constant = bool(np.ptp(np.concatenate([a, b])) == 0)
    s1, st = _sobol_estimates(a, b, ab)
    rng = np.random.default_rng(seed)
    lows, highs = {}, {}
    if resamples > 0 and n > 1 and not constant:
        # Resample in batches to bound memory (resamples x k x N doubles).
        batch = max(1, int(2e7 // max(1, k * n)))
        # A resample can draw a constant output by chance (NaN indices); nanquantile skips it.
        s1_boot, st_boot = [], []
        for start in range(0, resamples, batch):
            idx = rng.integers(0, n, size=(min(batch, resamples - start), n))
            f, t = _sobol_estimates(a[idx], b[idx], ab[:, idx].transpose(1, 0, 2))
            s1_boot.append(f)
            st_boot.append(t)
        alpha = (1 - confidence) / 2
        for key, boot in (("S1", np.concatenate(s1_boot)), ("ST", np.concatenate(st_boot))):
            lows[key] = np.nanquantile(boot, alpha, axis=0)
            highs[key] = np.nanquantile(boot, 1 - alpha, axis=0)
    else:
        for key in ("S1", "ST"):
            lows[key] = highs[key] = np.full(k, np.nan)
    frame = pd.DataFrame(
        {
            "S1": s1,
            "S1_low": lows["S1"],
            "S1_high": highs["S1"],
            "ST": st,
            "ST_low": lows["ST"],
            "ST_high": highs["ST"],
        },
        index=pd.Index(parameters, name="parameter"),
    )
    # A constant output has no variance to share out: every index is undefined (NaN).
    frame.attrs.update(base_samples=n, resamples=resamples, confidence=confidence, constant=constant)
    return frame


def complete_base_samples(y: Sequence[float], k: int) -> np.ndarray:
    """Drops every base sample j (row j of A, B and each AB_i) with a missing output, so that a
    partly finished Saltelli sweep still gives unbiased (if wider) estimates."""
    a, b, ab = _saltelli_blocks(np.asarray(y, dtype=float), k)
    keep = np.isfinite(a) & np.isfinite(b) & np.isfinite(ab).all(axis=0)
    return np.concatenate([a[keep], b[keep], ab[:, keep].ravel()])


def elementary_effects(unit_design: np.ndarray, y: Sequence[float]) -> np.ndarray:
    """Elementary effects of a Morris design: r x k, EE[t, i] = (y after the step that moves
    factor i in trajectory t - y before) / the step, in unit-hypercube coordinates (so an
    effect is the output's change per full range of the factor).

    Morris (1991), Technometrics 33:161. A trajectory whose outputs are missing gives nan
    effects for the factors its missing steps move.
    """
    x = np.asarray(unit_design, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    points, k = x.shape
    if points % (k + 1) != 0 or len(y) != points:
        raise ValueError(
            f"a Morris design for {k} factors has r (k + 1) rows and one output per row; "
            f"got {points} rows and {len(y)} outputs"
        )
    r = points // (k + 1)
    effects = np.full((r, k), np.nan)
    for t in range(r):
        block = x[t * (k + 1) : (t + 1) * (k + 1)]
        out = y[t * (k + 1) : (t + 1) * (k + 1)]
        for step in range(k):
            delta = block[step + 1] - block[step]
            moved = np.flatnonzero(np.abs(delta) > 1e-12)
            if len(moved) != 1:
                raise ValueError(
                    f"trajectory {t} step {step} moves {len(moved)} factors; a Morris "
                    "trajectory moves exactly one per step"
                )
            i = moved[0]
            effects[t, i] = (out[step + 1] - out[step]) / delta[i]
    return effects


def morris_indices(
    unit_design: np.ndarray,
    y: Sequence[float],
    parameters: Sequence[str],
    resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Morris screening: per factor mu (mean effect), mu* (mean absolute effect, Campolongo et al.
    2007, the ranking measure) and sigma (SD of the effects: non-linearity or interactions), with
    a percentile bootstrap interval for mu* over trajectories. Effects are per full range of the
    factor (unit-hypercube coordinates), so they compare across factors of different units."""
    parameters = list(parameters)
    effects = elementary_effects(unit_design, y)
    if effects.shape[1] != len(parameters):
        raise ValueError(f"{effects.shape[1]} factors in the design, {len(parameters)} names")
    mu = np.nanmean(effects, axis=0)
    mu_star = np.nanmean(np.abs(effects), axis=0)
    counts = np.sum(np.isfinite(effects), axis=0)
    sigma = np.array(
        [np.nanstd(effects[:, i], ddof=1) if counts[i] > 1 else math.nan for i in range(len(parameters))]
    )
    low = high = np.full(len(parameters), np.nan)
    r = effects.shape[0]
    if resamples > 0 and r > 1:
        rng = np.random.default_rng(seed)
        idx = rng.integers(0, r, size=(resamples, r))
        boot = np.nanmean(np.abs(effects)[idx], axis=1)  # resamples x k
        alpha = (1 - confidence) / 2
        low = np.nanquantile(boot, alpha, axis=0)
        high = np.nanquantile(boot, 1 - alpha, axis=0)
    frame = pd.DataFrame(
        {"mu": mu, "mu_star": mu_star, "mu_star_low": low, "mu_star_high": high,
         "sigma": sigma, "trajectories": counts},
        index=pd.Index(parameters, name="parameter"),
    )
    frame.attrs.update(resamples=resamples, confidence=confidence)
    return frame
