"""Global sensitivity indices: Sobol (variance-based) and Morris (elementary effects).

Hand-written because SALib, the usual Python library for both, is not packaged
in Debian 12 and PyPI is out of reach here. The estimators are the standard
published ones, cited at each function, and are checked against functions with
known indices (Ishigami, linear models) in tests/analysis/.

The designs come from the simulator (`candour sweep`, sim/sweep/design.hpp):
- Saltelli: N (k + 2) points in blocks of N rows: A, B, AB_1 .. AB_k, where
  AB_i is A with column i taken from B; with second_order, N (2k + 2): then
  BA_1 .. BA_k, BA_i being B with column i taken from A.
- Grid: the full factorial of the axes' levels; its main effects come from
  the balanced ANOVA decomposition (variance_shares).
- Morris: r trajectories of k + 1 points on a p-level grid of [0, 1]^k; each
  step moves exactly one factor by +-delta.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import pandas as pd


SMALL_N = 64  # base samples below which Sobol intervals are too wide to do more than rank
S1_ABOVE_ST = 0.01  # an S1 this far above its ST is flagged


def _saltelli_blocks(y: np.ndarray, k: int, second_order: bool = False):
    """f(A), f(B), f(AB_i) (k x N) and, for a second-order design, f(BA_i) (k x N; else None)."""
    y = np.asarray(y, dtype=float).ravel()
    blocks = 2 * k + 2 if second_order else k + 2
    if k < 1 or len(y) % blocks != 0:
        raise ValueError(
            f"a Saltelli design for {k} factors has N x {blocks} outputs"
            f"{' (second order)' if second_order else ''}; got {len(y)}"
        )
    n = len(y) // blocks
    a = y[:n]
    b = y[n : 2 * n]
    ab = y[2 * n : (2 + k) * n].reshape(k, n)  # row i: f(AB_i)
    ba = y[(2 + k) * n :].reshape(k, n) if second_order else None  # row i: f(BA_i)
    return a, b, ab, ba


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


def _second_order_estimates(a, b, ab, ba, first) -> np.ndarray:
    """Second-order indices S_ij (k x k, upper triangle; vectorised over a leading resample axis
    like _sobol_estimates). Saltelli (2002), Comput. Phys. Commun. 145:280, as SALib computes them:
        V_ij = mean_j (f(BA_i) f(AB_j) - f(A) f(B)),   S_ij = V_ij / Var(Y) - S_i - S_j,
    on the output centred as for the first-order indices. f(BA_i) and f(AB_j) share exactly
    columns i and j, so V_ij is the variance of E(Y | X_i, X_j), from which the first orders are
    taken away."""
    both = np.concatenate([a, b], axis=-1)
    centre = np.mean(both, axis=-1, keepdims=True)
    a, b = a - centre, b - centre
    ab, ba = ab - centre[..., None], ba - centre[..., None]
    variance = np.var(both, axis=-1, ddof=1)
    k = ab.shape[-2]
    out = np.full(first.shape[:-1] + (k, k), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        for i in range(k):
            for j in range(i + 1, k):
                closed = np.mean(ba[..., i, :] * ab[..., j, :] - a * b, axis=-1) / variance
                out[..., i, j] = closed - first[..., i] - first[..., j]
    return out


def sobol_indices(
    y: Sequence[float],
    parameters: Sequence[str],
    resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    second_order: bool = False,
) -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices of output `y` from a Saltelli design, in
    that design's row order, with percentile bootstrap intervals (the N base samples resampled
    with replacement, `resamples` times, seeded).

    S1: share of the output's variance due to the factor alone. ST: due to the factor with all
    its interactions. ST - S1 measures interactions; sum of S1 <= 1. Estimates from small N can
    fall below 0 or above 1: read them with their intervals.

    Returns one row per parameter: S1, S1_low, S1_high, ST, ST_low, ST_high. With
    `second_order` (a design with the BA_i blocks), `frame.attrs["second_order"]` is a table of
    every pair: S2, S2_low, S2_high. `frame.attrs["warnings"]` says when N is small or an S1
    exceeds its ST (impossible in theory, so a sign that noise dominates).
    """
    parameters = list(parameters)
    k = len(parameters)
    a, b, ab, ba = _saltelli_blocks(np.asarray(y, dtype=float), k, second_order)
    n = len(a)
    blocks = [a, b, ab] + ([ba] if second_order else [])
    if not all(np.isfinite(block).all() for block in blocks):
        raise ValueError("the output has missing (nan) values: drop incomplete base samples first")
    constant = bool(np.ptp(np.concatenate([a, b])) == 0)
    s1, st = _sobol_estimates(a, b, ab)
    s2 = _second_order_estimates(a, b, ab, ba, s1) if second_order else None
    rng = np.random.default_rng(seed)
    lows, highs = {}, {}
    alpha = (1 - confidence) / 2
    if resamples > 0 and n > 1 and not constant:
        # Resample in batches to bound memory (resamples x k x N doubles).
        batch = max(1, int(2e7 // max(1, 2 * k * n)))
        # A resample can draw a constant output by chance (NaN indices); nanquantile skips it.
        s1_boot, st_boot, s2_boot = [], [], []
        for start in range(0, resamples, batch):
            idx = rng.integers(0, n, size=(min(batch, resamples - start), n))
            ab_i = ab[:, idx].transpose(1, 0, 2)
            f, t = _sobol_estimates(a[idx], b[idx], ab_i)
            s1_boot.append(f)
            st_boot.append(t)
            if second_order:
                s2_boot.append(_second_order_estimates(a[idx], b[idx], ab_i, ba[:, idx].transpose(1, 0, 2), f))
        for key, boot in (("S1", np.concatenate(s1_boot)), ("ST", np.concatenate(st_boot))):
            lows[key] = np.nanquantile(boot, alpha, axis=0)
            highs[key] = np.nanquantile(boot, 1 - alpha, axis=0)
        if second_order:
            boot = np.concatenate(s2_boot)
            with np.errstate(invalid="ignore"):
                lows["S2"] = np.nanquantile(boot, alpha, axis=0)
                highs["S2"] = np.nanquantile(boot, 1 - alpha, axis=0)
    else:
        for key in ("S1", "ST"):
            lows[key] = highs[key] = np.full(k, np.nan)
        lows["S2"] = highs["S2"] = np.full((k, k), np.nan)
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
    if second_order:
        pairs = [(parameters[i], parameters[j], s2[i, j], lows["S2"][i, j], highs["S2"][i, j])
                 for i in range(k) for j in range(i + 1, k)]
        frame.attrs["second_order"] = pd.DataFrame(
            pairs, columns=["parameter", "with", "S2", "S2_low", "S2_high"])
    frame.attrs["warnings"] = [] if constant else sobol_warnings(frame)
    return frame


def sobol_warnings(frame: pd.DataFrame) -> list[str]:
    """What a reader of these indices must know: N too small for more than a ranking, and any
    first-order index above its total index (ST >= S1 always holds for the true indices)."""
    notes = []
    n = frame.attrs.get("base_samples", 0)
    if n < SMALL_N:
        notes.append(f"N = {n} base samples is small: the estimates can fall below 0 or above 1 and "
                     f"their intervals are wide, so read them as a rough ranking; use N >= 256 "
                     "(base_samples, a power of two) for narrow intervals")
    # Visible at the two decimals indices are read to; smaller excesses are rounding-level noise.
    above = frame.index[frame["S1"] > frame["ST"] + S1_ABOVE_ST]
    if len(above):
        notes.append("S1 > ST for " + ", ".join(f"{p} ({frame.loc[p, 'S1']:.3g} > {frame.loc[p, 'ST']:.3g})"
                                                for p in above)
                     + ": impossible for the true indices (the total includes the first order), so "
                     "estimation noise dominates these; increase base_samples")
    return notes


def variance_shares(table: pd.DataFrame, output: str, axes: Sequence[str]) -> pd.DataFrame:
    """Main-effect variance shares of a full-factorial grid: for each axis, the variance of the
    output's mean at each of its levels (averaged over the other axes' levels) over the variance
    of the output over all grid points. `table` has one row per grid point (its axis values and
    the output, e.g. the mean over the point's replicates). On a complete balanced grid this is
    the ANOVA decomposition: each share is the axis's main-effect sum of squares over the total,
    the shares add to at most 1, and 1 minus their sum is the interactions' share. Rows: axes
    (share, levels); attrs: interactions, points, warnings."""
    axes = list(axes)
    data = table[axes + [output]].dropna()
    levels = {axis: data[axis].nunique() for axis in axes}
    expected = int(np.prod(list(levels.values())))
    if len(data) != expected or data.duplicated(subset=axes).any():
        raise ValueError(f"variance shares need every point of the grid once with a value: {len(data)} of "
                         f"{expected} points have one (let the sweep finish, or the output is undefined "
                         "at some points)")
    y = data[output].to_numpy(dtype=float)
    total = np.mean((y - y.mean()) ** 2)
    if total == 0:
        raise ValueError(f"{output} is the same at every grid point: there is no variance to share out")
    shares = {axis: np.mean((data.groupby(axis)[output].transform("mean") - y.mean()) ** 2) / total
              for axis in axes}
    frame = pd.DataFrame({"share": [shares[a] for a in axes], "levels": [levels[a] for a in axes]},
                         index=pd.Index(axes, name="parameter"))
    interactions = max(0.0, 1.0 - float(frame["share"].sum()))
    notes = []
    if any(v < 3 for v in levels.values()):
        few = [a for a, v in levels.items() if v < 3]
        notes.append(f"{', '.join(few)} has fewer than 3 levels: its share measures a straight-line change "
                     "between them only")
    frame.attrs.update(interactions=interactions, points=expected, warnings=notes)
    return frame


def complete_base_samples(y: Sequence[float], k: int, second_order: bool = False) -> np.ndarray:
    """Drops every base sample j (row j of A, B and each AB_i, BA_i) with a missing output, so
    that a partly finished Saltelli sweep still gives unbiased (if wider) estimates."""
    a, b, ab, ba = _saltelli_blocks(np.asarray(y, dtype=float), k, second_order)
    keep = np.isfinite(a) & np.isfinite(b) & np.isfinite(ab).all(axis=0)
    if second_order:
        keep &= np.isfinite(ba).all(axis=0)
    parts = [a[keep], b[keep], ab[:, keep].ravel()] + ([ba[:, keep].ravel()] if second_order else [])
    return np.concatenate(parts)


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


def first_order_given_data(x: np.ndarray, y: Sequence[float], parameters: Sequence[str],
                           bins: int | None = None) -> pd.DataFrame:
    """First-order indices from any sample of independent inputs (a Latin hypercube): for each
    parameter, the variance of the output's mean within equal-count bins of that parameter over
    the output's variance (the correlation ratio, a "given-data" estimator; Plischke, Borgonovo
    & Smith 2013). With `bins` M (default about sqrt(N), at most 20) it is biased upward by about
    (M - 1) / N, which `bias` reports; below that level an index means nothing."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    keep = np.isfinite(y)
    x, y = x[keep], y[keep]
    n = len(y)
    if n < 10:
        raise ValueError(f"{n} runs with a value: too few for given-data indices (need 10 or more)")
    total = np.mean((y - y.mean()) ** 2)
    if total == 0:
        raise ValueError("the output is the same in every run: there is no variance to share out")
    m = bins or int(min(20, max(2, round(math.sqrt(n)))))
    shares = []
    for i in range(x.shape[1]):
        order = np.argsort(x[:, i], kind="stable")
        groups = np.array_split(y[order], m)
        means = np.array([g.mean() for g in groups])
        sizes = np.array([len(g) for g in groups])
        shares.append(float(np.sum(sizes * (means - y.mean()) ** 2) / n / total))
    frame = pd.DataFrame({"S1": shares}, index=pd.Index(list(parameters), name="parameter"))
    bias = (m - 1) / n
    notes = [f"given-data estimate from {n} runs in {m} bins per parameter: indices below about {bias:.2g} "
             "are what pure noise gives"]
    if n < SMALL_N:
        notes.append(f"{n} runs is few: read these as a rough ranking")
    frame.attrs.update(runs=n, bins=m, bias=bias, warnings=notes)
    return frame
