"""The calibration's report: sensitivity of policy effects over the ensemble, and the Markdown of
the run ending in `calibration: N of M targets within tolerance`. See calibration.py."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING

import numpy as np

from . import history_matching as hm
from .calibration_runs import SweepRunner, _write_json

if TYPE_CHECKING:
    from .calibration import Calibration
    from .calibration_setup import Config

# ---------------------------------------------------------------- sensitivity over the ensemble


def emulator_sobol(x: np.ndarray, y: np.ndarray, most_active: int, seed: int,
                   base_samples: int = 4096) -> tuple[np.ndarray, np.ndarray, float]:
    """First-order and total Sobol indices of y over the box x spans (each input uniform between
    its lowest and highest value), computed on a Gaussian-process emulator's mean fitted to
    (x, y) rather than on new runs (Oakley and O'Hagan 2004), with the Saltelli (2010) and Jansen
    estimators of sensitivity.py. Inputs outside the emulator's active set get 0; the third value
    is the share of the runs' variance the emulator's mean explains (the rest is the nugget:
    seed noise and inputs left out)."""
    from .sensitivity import _sobol_estimates

    low, high = x.min(axis=0), x.max(axis=0)
    scaled = (x - low) / np.where(high > low, high - low, 1.0)
    emulator = hm.fit_emulator(scaled, y, most_active, seed=seed)
    rng = np.random.default_rng(seed)
    k = x.shape[1]
    a, b = rng.random((base_samples, k)), rng.random((base_samples, k))
    fa, fb = emulator.predict(a)[0], emulator.predict(b)[0]
    first, total = np.zeros(k), np.zeros(k)
    ab = []
    for i in emulator.active:
        m = a.copy()
        m[:, i] = b[:, i]
        ab.append(emulator.predict(m)[0])
    if emulator.active:
        f1, ft = _sobol_estimates(fa, fb, np.array(ab))
        first[emulator.active], total[emulator.active] = f1, ft
    explained = float(np.var(np.concatenate([fa, fb])) / max(np.var(y), 1e-300))
    return first, total, min(explained, 1.0)


def run_sensitivity(cal: "Calibration", members_unit: np.ndarray, candour: str, threads: int,
                    log) -> dict:
    """Each [[sensitivity]] pair over the first members: the effect policy - comparator per
    member (one run each, common seeds), and its Sobol indices over the ensemble's ranges."""
    out = {}
    n = min(cal.config.sensitivity_members, len(members_unit))
    if not cal.config.sensitivity or n < 8:
        return out
    values = cal.values(members_unit[:n])
    for pair in cal.config.sensitivity:
        folder = cal.state / "sensitivity" / pair["name"]
        done = folder / "result.json"
        if done.exists():
            out[pair["name"]] = json.loads(done.read_text())
            continue
        log(f"sensitivity {pair['name']}: {n} members x 2 scenarios")
        runner = SweepRunner(candour, [pair["policy"], pair["comparator"]], threads, log)
        rows = runner.run(folder, cal.parameters, values, 1, cal.config.seed + 2000)
        result = {}
        for outcome in pair["outcomes"]:
            stat = f"{outcome}.final_year_mean"
            effect = rows["policy"][stat] - rows["comparator"][stat]
            ok = np.isfinite(effect)
            first, total, explained = emulator_sobol(members_unit[:n][ok], effect[ok],
                                                     cal.config.most_active, cal.config.seed)
            order = np.argsort(-total)[:3]
            result[outcome] = {
                "effect": [float(v) for v in np.quantile(effect[ok], [0.05, 0.5, 0.95])],
                "share_positive": float(np.mean(effect[ok] > 0)),
                "explained": explained,
                "top": [{"parameter": cal.parameters[i].name, "first": float(first[i]),
                         "total": float(total[i])} for i in order if total[i] > 0]}
        _write_json(done, result)
        out[pair["name"]] = result
    return out


def sensitivity_report(result: dict, config: "Config") -> str:
    if not result:
        return ""
    lines = ["### Sensitivity of policy effects over the ensemble\n",
             f"The effect (policy minus comparator, final-year mean, one run per member with common "
             f"seeds) over {config.sensitivity_members} members, and the parameters with the largest "
             f"total Sobol index over the ensemble's ranges (an emulator of the effect: `explained` "
             f"is the share of the members' spread its mean accounts for; the rest is seed noise "
             f"and parameters it leaves out).\n",
             "| comparison | outcome | effect median [90% range] | share of members > 0 | explained | "
             "deciding parameters (first-order / total index) |",
             "|---|---|---|---|---|---|"]
    for name, outcomes in result.items():
        for outcome, r in outcomes.items():
            p5, p50, p95 = r["effect"]
            top = "; ".join(f"`{t['parameter']}` ({t['first']:.2f} / {t['total']:.2f})" for t in r["top"])
            lines.append(f"| {name} | `{outcome}` | {_fmt(p50)} [{_fmt(p5)}, {_fmt(p95)}] | "
                         f"{r['share_positive']:.2f} | {r['explained']:.2f} | {top or 'none'} |")
    return "\n".join(lines) + "\n\n"


# ---------------------------------------------------------------- the report


def within_tolerance(values: np.ndarray, low: float, high: float) -> tuple[bool, float, float, float]:
    """(met, 5th, 50th, 95th percentile): met when the tolerance holds the ensemble's median and
    overlaps its central 90% range."""
    v = values[np.isfinite(values)]
    if len(v) == 0:
        return False, math.nan, math.nan, math.nan
    p5, p50, p95 = np.quantile(v, [0.05, 0.5, 0.95])
    return bool(low <= p50 <= high and p95 >= low and p5 <= high), float(p5), float(p50), float(p95)


def _fmt(x: float) -> str:
    if not np.isfinite(x):
        return "n/a"
    return f"{x:.3g}" if abs(x) < 100 else f"{x:.0f}"


def report(result: dict, cal: Calibration, check: np.ndarray, runs_check: np.ndarray,
           wall_seconds: float, sensitivity: dict | None = None) -> str:
    """The Markdown of the run, ending in `calibration: N of M targets within tolerance`."""
    specs, params = cal.specs, cal.parameters
    out = []
    out.append("### Waves\n")
    out.append("| wave | points | runs | targets matched | dropped (no point within the cutoff) | "
               "emulators with >= 95% of LOO errors within 3 sd | non-implausible share of the prior box |")
    out.append("|---|---|---|---|---|---|---|")
    reps = cal.config.replicates * len(cal.config.experiments)
    out.append(f"| 0 | 1 (defaults) | {reps} | replicate variance | | | 1 |")
    for r in result["waves"]:
        good = sum(1 for s in r.loo.values() if s["within_3"] >= 0.95)
        out.append(f"| {r.wave} | {r.points} | {r.runs} | {len(r.matched)} | "
                   f"{', '.join(f'`{d}`' for d in r.dropped) or 'none'} | {good} of {len(r.loo)} | "
                   f"{r.volume:.3g} |")
    out.append("")
    last = result["waves"][-1]
    out.append("### Emulators of the last wave (leave-one-out)\n")
    out.append("| target | active parameters | LOO within 2 sd | within 3 sd |")
    out.append("|---|---|---|---|")
    for name, s in last.loo.items():
        active = ", ".join(f"`{params[i].name}`" for i in s["active"])
        out.append(f"| `{name}` | {active} | {s['within_2']:.2f} | {s['within_3']:.2f} |")
    out.append("")
    out.append("### Targets over the ensemble\n")
    n_check = len(check)
    out.append(f"Each target's median and central 90% range over {n_check} members (one run each; "
               f"per-trust targets over {len(runs_check)} members of `nhs_england`). **Met**: the "
               f"tolerance holds the median and overlaps the 90% range.\n")
    out.append("| target | published | tolerance | source | ensemble median [90% range] | "
               "members within tolerance | history matched | met | note |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    met_count = judged = 0
    dropped_all = {}
    for r in result["waves"]:
        dropped_all.update(r.dropped)
    for j, t in enumerate(specs):
        values = runs_check[:, j] if t.check == "runs" else check[:, j]
        if not t.measure or len(values) == 0:
            out.append(f"| {t.quantity} | {t.published} | {_fmt(t.low)}-{_fmt(t.high)} | {t.source} | "
                       f"not measured | | no | n/a | {t.note} |")
            continue
        met, p5, p50, p95 = within_tolerance(values, t.low, t.high)
        share = float(np.mean((values >= t.low) & (values <= t.high))) if len(values) else math.nan
        judged += 1
        met_count += met
        matched = "yes" if t.name in last.matched else (
            f"no: {dropped_all[t.name]}" if t.name in dropped_all else "no")
        out.append(f"| {t.quantity} | {t.published} | {_fmt(t.low)}-{_fmt(t.high)} | {t.source} | {_fmt(p50)} "
                   f"[{_fmt(p5)}, {_fmt(p95)}] | {share:.2f} | {matched} | {'yes' if met else 'no'} | "
                   f"{t.note} |")
    out.append("")
    out.append("### Parameters: prior and final ranges\n")
    members = cal.values(result["members"])
    out.append("| parameter | default | prior range | ensemble 5%-95% | share of prior width |")
    out.append("|---|---|---|---|---|")
    for j, p in enumerate(params):
        q5, q95 = np.quantile(members[:, j], [0.05, 0.95])
        out.append(f"| `{p.name}` | {_fmt(p.default)} | {_fmt(p.low)} to {_fmt(p.high)} | {_fmt(q5)} to "
                   f"{_fmt(q95)} | {(q95 - q5) / (p.high - p.low):.2f} |")
    out.append("")
    out.append(sensitivity_report(sensitivity or {}, cal.config))
    total_runs = reps + sum(r.runs for r in result["waves"]) + n_check * len(cal.config.experiments)
    out.append(f"{total_runs} sweep runs and {len(runs_check)} run-check runs in all; "
               f"wall time of this invocation {wall_seconds / 60:.1f} min.\n")
    out.append(f"calibration: {met_count} of {judged} targets within tolerance")
    return "\n".join(out) + "\n"


