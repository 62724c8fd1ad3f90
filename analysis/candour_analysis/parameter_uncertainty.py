"""Policy effects over a calibrated ensemble, with parameter and seed uncertainty apart.

`candour run SCENARIO --ensemble scenarios/calibrated --seeds 1-R` runs every member m of the
ensemble (a parameter set the calibration did not rule out) with R seeds. For a policy A against
a comparator B run with the same members and seeds, the effect of run (m, r) is
d[m, r] = A[m, r] - B[m, r]. Its variance over the ensemble splits, as in a one-way random-effects
model (balanced: every member has the same R seeds), into

    parameter share  V_param = Var_m(mean_r d[m, r]) - V_seed / R   (the members' true means)
    seed share       V_seed  = mean_m Var_r(d[m, r])                (the luck of one run)

each estimated without bias (V_param floored at 0), so that V_param + V_seed is the variance of
the effect in one run of a member drawn at random. The interval reported is
estimate +- z sqrt(V_param + V_seed): where the effect of the policy in one trust-run lies given
what we know of the parameters and what luck does, the normal approximation stated.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import pandas as pd
from scipy import stats as sps


@dataclass(frozen=True)
class EnsembleEffect:
    members: int
    seeds: int  # per member
    estimate: float  # mean effect over members and seeds
    low: float
    high: float
    confidence: float
    parameter_var: float
    seed_var: float
    parameter_share: float  # of parameter_var + seed_var
    seed_share: float
    standard_error: float  # of the estimate itself (members' spread over sqrt(members))

    def as_dict(self) -> dict:
        return asdict(self)


def ensemble_effect(frame: pd.DataFrame, confidence: float = 0.95) -> EnsembleEffect:
    """The effect over a balanced member x seed table: columns `member`, `seed`, `effect`.
    ValueError when the table is not balanced or has fewer than 2 members."""
    data = frame.dropna(subset=["effect"])
    table = data.pivot_table(index="member", columns="seed", values="effect", aggfunc="mean")
    if table.isna().any().any():
        raise ValueError("every member needs the same seeds (a balanced member x seed table); "
                         "some member lacks a seed, or its effect is undefined (NaN)")
    m, r = table.shape
    if m < 2:
        raise ValueError("an ensemble effect needs at least 2 members")
    values = table.to_numpy(dtype=float)
    member_means = values.mean(axis=1)
    estimate = float(member_means.mean())
    between = float(member_means.var(ddof=1))
    if r >= 2:
        seed_var = float(values.var(axis=1, ddof=1).mean())
        parameter_var = max(between - seed_var / r, 0.0)
    else:  # one seed per member: parameters and luck cannot be told apart
        seed_var, parameter_var = math.nan, between
    total = parameter_var + (0.0 if math.isnan(seed_var) else seed_var)
    z = float(sps.norm.ppf(0.5 + confidence / 2))
    half = z * math.sqrt(total)
    share = (lambda v: v / total if total > 0 and not math.isnan(v) else math.nan)
    return EnsembleEffect(m, r, estimate, estimate - half, estimate + half, confidence,
                          parameter_var, seed_var, share(parameter_var), share(seed_var),
                          math.sqrt(between / m))


def ensemble_runs(runs) -> bool:
    """True when every run file came from `candour run --ensemble` (its ensemble_member > 0)."""
    return bool(runs) and all(int(r.metadata.get("ensemble_member", 0) or 0) > 0 for r in runs)


def compare_ensemble(outcomes_a: pd.DataFrame, outcomes_b: pd.DataFrame, metrics,
                     confidence: float = 0.95) -> pd.DataFrame:
    """A minus B per metric, paired by member and seed. The outcomes have columns member, seed,
    metric, statistic, value (one row per run and metric)."""
    rows = []
    keys = ["member", "seed", "metric"]
    merged = outcomes_a.merge(outcomes_b, on=keys, suffixes=("_a", "_b"))
    for metric in metrics:
        part = merged[merged["metric"] == metric]
        if part.empty:
            continue
        frame = pd.DataFrame({"member": part["member"], "seed": part["seed"],
                              "effect": part["value_a"] - part["value_b"]})
        effect = ensemble_effect(frame, confidence)
        rows.append({"metric": metric, "statistic": part["statistic_a"].iloc[0],
                     "mean_a": float(part["value_a"].mean()), "mean_b": float(part["value_b"].mean()),
                     **effect.as_dict()})
    return pd.DataFrame(rows)
