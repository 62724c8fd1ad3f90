"""Comparing scenarios over replicate runs.

A scenario's replicates (the same scenario with different seeds) are
independent draws of a run-level outcome, such as a metric's final-year mean.
Two scenarios are compared on the difference of their replicate means, with a
95% confidence interval from Welch's t interval (default: unequal variances,
no pooling) or a bootstrap (BCa, scipy.stats.bootstrap), and an effect size,
Hedges' g (Cohen's d with the small-sample correction).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Sequence

import numpy as np
import pandas as pd
from scipy import stats as sps

METHODS = ("welch", "bootstrap")


@dataclass(frozen=True)
class Comparison:
    """A minus B on one outcome, over replicates."""

    n_a: int
    n_b: int
    mean_a: float
    mean_b: float
    sd_a: float
    sd_b: float
    difference: float  # mean_a - mean_b
    ci_low: float
    ci_high: float
    confidence: float
    method: str  # "welch" or "bootstrap"
    hedges_g: float  # standardised difference (pooled SD), small-sample corrected
    df: float  # Welch-Satterthwaite degrees of freedom (nan for bootstrap)
    p_value: float  # two-sided Welch t test (reported for both methods)

    def as_dict(self) -> dict:
        return asdict(self)


def mean_interval(values: Sequence[float], confidence: float = 0.95) -> tuple[float, float, float]:
    """Mean and its t confidence interval; the interval is nan with fewer than two values."""
    x = _clean(values)
    if len(x) == 0:
        return math.nan, math.nan, math.nan
    mean = float(x.mean())
    if len(x) < 2:
        return mean, math.nan, math.nan
    half = sps.t.ppf(0.5 + confidence / 2, len(x) - 1) * x.std(ddof=1) / math.sqrt(len(x))
    return mean, mean - half, mean + half


def welch_interval(
    a: Sequence[float], b: Sequence[float], confidence: float = 0.95
) -> tuple[float, float, float, float, float]:
    """Welch's t interval for mean(a) - mean(b): (difference, low, high, df, two-sided p).

    Written out (rather than scipy's ttest_ind(...).confidence_interval()) because
    that method only arrived in scipy 1.11 and Debian 12 ships 1.10.
    """
    x, y = _clean(a), _clean(b)
    if len(x) < 2 or len(y) < 2:
        raise ValueError(f"Welch's interval needs at least 2 replicates per side (got {len(x)} and {len(y)})")
    difference = float(x.mean() - y.mean())
    va, vb = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
    se2 = va + vb
    if se2 == 0.0:
        # Every replicate identical on both sides (a deterministic outcome): no sampling error.
        return difference, difference, difference, math.inf, 0.0 if difference != 0 else 1.0
    df = se2**2 / (va**2 / (len(x) - 1) + vb**2 / (len(y) - 1))
    se = math.sqrt(se2)
    half = sps.t.ppf(0.5 + confidence / 2, df) * se
    p = 2 * sps.t.sf(abs(difference) / se, df)
    return difference, difference - half, difference + half, float(df), float(p)


def bootstrap_interval(
    a: Sequence[float],
    b: Sequence[float],
    confidence: float = 0.95,
    resamples: int = 9999,
    seed: int = 0,
) -> tuple[float, float, float]:
    """Bootstrap (BCa) interval for mean(a) - mean(b), resampling each side separately:
    (difference, low, high). Seeded, so the same data give the same interval."""
    x, y = _clean(a), _clean(b)
    if len(x) < 2 or len(y) < 2:
        raise ValueError(f"the bootstrap needs at least 2 replicates per side (got {len(x)} and {len(y)})")
    difference = float(x.mean() - y.mean())
    if x.std() == 0 and y.std() == 0:
        return difference, difference, difference
    result = sps.bootstrap(
        (x, y),
        lambda p, q, axis: p.mean(axis=axis) - q.mean(axis=axis),
        vectorized=True,
        n_resamples=resamples,
        confidence_level=confidence,
        method="BCa",
        random_state=np.random.default_rng(seed),
    )
    return difference, float(result.confidence_interval.low), float(result.confidence_interval.high)


def percent_change(
    a: Sequence[float], b: Sequence[float], confidence: float = 0.95
) -> tuple[float, float, float]:
    """How much larger mean(a) is than mean(b), in percent, with a confidence interval:
    (change, low, high). The interval is for the ratio of the means on the log scale by the delta
    method, se^2 = var(a) / (n_a mean(a)^2) + var(b) / (n_b mean(b)^2), with Welch-Satterthwaite
    degrees of freedom, then turned back into percent; it stays above -100%. NaN unless both sides
    have 2 or more values, all positive (a ratio of a quantity that can reach 0 or below means
    little: compare such metrics by their difference)."""
    x, y = _clean(a), _clean(b)
    if len(x) < 2 or len(y) < 2 or (x <= 0).any() or (y <= 0).any():
        return math.nan, math.nan, math.nan
    ma, mb = x.mean(), y.mean()
    change = ma / mb - 1
    va, vb = x.var(ddof=1) / (len(x) * ma**2), y.var(ddof=1) / (len(y) * mb**2)
    se2 = va + vb
    if se2 == 0:
        return 100 * change, 100 * change, 100 * change
    df = se2**2 / (va**2 / (len(x) - 1) + vb**2 / (len(y) - 1))
    half = sps.t.ppf(0.5 + confidence / 2, df) * math.sqrt(se2)
    log_ratio = math.log(ma / mb)
    return 100 * change, 100 * math.expm1(log_ratio - half), 100 * math.expm1(log_ratio + half)


def hedges_g(a: Sequence[float], b: Sequence[float]) -> float:
    """(mean(a) - mean(b)) / pooled SD, times Hedges' correction 1 - 3 / (4 (na + nb) - 9).
    About 0.2 is small, 0.5 medium, 0.8 large (Cohen). Infinite when the replicates do not
    vary at all but the means differ."""
    x, y = _clean(a), _clean(b)
    na, nb = len(x), len(y)
    if na < 2 or nb < 2:
        return math.nan
    pooled = math.sqrt(((na - 1) * x.var(ddof=1) + (nb - 1) * y.var(ddof=1)) / (na + nb - 2))
    difference = x.mean() - y.mean()
    if pooled == 0.0:
        return 0.0 if difference == 0 else math.copysign(math.inf, difference)
    correction = 1 - 3 / (4 * (na + nb) - 9)
    return float(difference / pooled * correction)


def compare(
    a: Sequence[float],
    b: Sequence[float],
    method: str = "welch",
    confidence: float = 0.95,
    resamples: int = 9999,
    seed: int = 0,
) -> Comparison:
    """A against B: difference of means with its interval (`method` "welch" or "bootstrap")
    and Hedges' g."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    x, y = _clean(a), _clean(b)
    difference, low, high, df, p = welch_interval(x, y, confidence)
    if method == "bootstrap":
        difference, low, high = bootstrap_interval(x, y, confidence, resamples, seed)
        df = math.nan
    return Comparison(
        n_a=len(x),
        n_b=len(y),
        mean_a=float(x.mean()),
        mean_b=float(y.mean()),
        sd_a=float(x.std(ddof=1)),
        sd_b=float(y.std(ddof=1)),
        difference=difference,
        ci_low=low,
        ci_high=high,
        confidence=confidence,
        method=method,
        hedges_g=hedges_g(x, y),
        df=df,
        p_value=p,
    )


def compare_outcomes(
    outcomes: pd.DataFrame,
    scenario_a: str,
    scenario_b: str,
    metrics: Sequence[str] | None = None,
    **options,
) -> pd.DataFrame:
    """Compares two scenarios metric by metric on run-level outcomes (a table with columns
    scenario, metric, value and optionally statistic, one row per run and metric, such as
    `runs.final_year_outcomes`). One row per metric: statistic, units, the Comparison's fields."""
    units = {k: v.get("units", "") for k, v in outcomes.attrs.get("metrics", {}).items()}
    names = list(metrics) if metrics else list(dict.fromkeys(outcomes["metric"]))
    rows = []
    for metric in names:
        part = outcomes[outcomes["metric"] == metric]
        if part.empty:
            raise KeyError(f"no metric {metric!r} in the runs")
        a = part.loc[part["scenario"] == scenario_a, "value"].to_numpy()
        b = part.loc[part["scenario"] == scenario_b, "value"].to_numpy()
        result = compare(a, b, **options)
        statistic = part["statistic"].iloc[0] if "statistic" in part else "value"
        rows.append({"metric": metric, "statistic": statistic, "units": units.get(metric, ""),
                     **result.as_dict()})
    return pd.DataFrame(rows)


def without_data(outcomes: pd.DataFrame, scenarios: Sequence[str], metrics: Sequence[str] | None = None,
                 least: int = 2) -> list[str]:
    """Metrics that some scenario has fewer than `least` finite outcomes for (a share of events
    that never happened is NaN in every run): they cannot be compared."""
    names = list(metrics) if metrics else list(dict.fromkeys(outcomes["metric"]))
    finite = outcomes[np.isfinite(outcomes["value"].to_numpy(dtype=float))]
    counts = finite.groupby(["metric", "scenario"]).size()
    return [m for m in names if any(counts.get((m, s), 0) < least for s in scenarios)]


def _clean(values: Sequence[float]) -> np.ndarray:
    x = np.asarray(values, dtype=float).ravel()
    return x[np.isfinite(x)]
