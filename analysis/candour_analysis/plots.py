"""Figures (matplotlib, object-oriented: no pyplot, so no display and no global state).

Every function returns a matplotlib Figure; `save(figure, path)` writes it in the format its
name asks for (.png, or vector .pdf, .svg, .eps).
Conventions: time in years, units on every axis, titles from the metrics'
own descriptions, one colour per scenario kept in the order scenarios were
given, and a caption saying what the band is.
"""

from __future__ import annotations

import math
import os
import textwrap
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from scipy import stats as sps

from . import runs as runs_module
from .sweeps import Sweep

BANDS = ("ci", "spread", "none")
# Colour-blind-safe qualitative palette (Okabe & Ito 2008), in a fixed order.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def unit_text(units: str) -> str:
    """How units read on an axis: "1" (a ratio or index) is shown as "unitless"."""
    return "unitless" if units in ("", "1") else units


def axis_label(name: str, units: str) -> str:
    return f"{name} ({unit_text(units)})"


def number_text(value: float) -> str:
    """A value as people read it: 3 significant digits, thousands in full with separators."""
    if not np.isfinite(value):
        return "n/a"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def title_text(description: str, fallback: str, width: int = 80) -> str:
    text = (description or fallback).strip().rstrip(".")
    return "\n".join(textwrap.wrap(text, width)) or fallback


def readable_ticks(ax, axis: str = "y") -> None:
    """Thousands with separators (120,000, not 120000 or 1.2e5) on a value axis that reaches them."""
    from matplotlib.ticker import FuncFormatter, ScalarFormatter

    low, high = ax.get_ylim() if axis == "y" else ax.get_xlim()
    target = ax.yaxis if axis == "y" else ax.xaxis
    if max(abs(low), abs(high)) >= 1e4 and isinstance(target.get_major_formatter(), ScalarFormatter):
        target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))


def band_caption(band: str, confidence: float = 0.95) -> str:
    if band == "ci":
        return (f"Line: mean over replicate runs. Band: {confidence:.0%} confidence interval of that "
                "mean (t interval over replicates, cut to the metric's possible range, e.g. 0 to 1 "
                "for a share: the mean lies in it, so the coverage is kept).")
    if band == "spread":
        return (f"Line: mean over replicate runs. Band: middle {confidence:.0%} of the replicates "
                "(percentiles), the run-to-run spread.")
    return "Line: mean over replicate runs."


DEFAULT_DPI = 100  # keeps a PNG to a few tens of KB; use 300 for print
FORMATS = ("png", "pdf", "svg", "eps")  # raster, then vector


def figure_format(path: str | os.PathLike) -> str:
    """The format a file name asks for ("png", "pdf", "svg", "eps"); ValueError for others."""
    suffix = os.path.splitext(os.fspath(path))[1].lower().lstrip(".")
    if suffix not in FORMATS:
        got = f"'.{suffix}'" if suffix else "no extension"
        raise ValueError(f"{os.fspath(path)}: {got}; a figure is written as "
                         + ", ".join(f".{f}" for f in FORMATS) + " (vector: .pdf, .svg, .eps)")
    return suffix


def save(figure: Figure, path, dpi: int | None = None) -> None:
    """Writes the figure in the format its file name asks for (PNG into a file object). `dpi`
    sets a PNG's resolution (default 100); vector formats scale without it. PDF and SVG are
    written without a creation date, so the same figure gives the same bytes."""
    fmt = "png" if hasattr(path, "write") else figure_format(path)
    metadata = {"pdf": {"CreationDate": None}, "svg": {"Date": None}}.get(fmt)
    figure.savefig(path, dpi=dpi or DEFAULT_DPI, format=fmt, metadata=metadata)


def _caption(figure: Figure, text: str, top: float = 1.0) -> None:
    """A small caption under the axes saying how to read the figure; the layout keeps room for
    it (and, with `top` < 1, for a legend above)."""
    width_in, height_in = figure.get_figwidth(), figure.get_figheight()
    lines = textwrap.wrap(text, int(width_in * 15))
    figure.text(0.01, 0.04 / height_in, "\n".join(lines), fontsize=7.5, color="#444444", va="bottom")
    bottom = (0.1 + 0.14 * len(lines)) / height_in
    figure.get_layout_engine().set(rect=(0, bottom, 1, top - bottom))


def _as_frame(data) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, runs_module.Run):
        return runs_module.stack_runs([data])
    return runs_module.stack_runs(list(data))


def replicate_summary(frame: pd.DataFrame, band: str = "ci", confidence: float = 0.95) -> pd.DataFrame:
    """Per scenario, metric and day: replicate mean, band low/high and replicate count n.
    With one replicate the band is that run itself."""
    grouped = frame.groupby(["scenario", "metric", "day"], sort=False)["value"]
    out = grouped.agg(mean="mean", sd="std", n="count").reset_index()
    if band == "ci":
        t = sps.t.ppf(0.5 + confidence / 2, np.maximum(out["n"] - 1, 1))
        half = np.where(out["n"] > 1, t * out["sd"] / np.sqrt(out["n"]), 0.0)
        # The interval cut to the metric's possible range (a share's [0, 1], a count's [0, inf)):
        # the true mean lies in that range, so the cut interval covers it whenever the t
        # interval does, and never shows impossible values.
        info = frame.attrs.get("metrics", {})
        lo = out["metric"].map(lambda m: info.get(m, {}).get("valid_min", -math.inf)).astype(float)
        hi = out["metric"].map(lambda m: info.get(m, {}).get("valid_max", math.inf)).astype(float)
        out["low"] = np.clip(out["mean"] - half, lo, hi)
        out["high"] = np.clip(out["mean"] + half, lo, hi)
    elif band == "spread":
        alpha = (1 - confidence) / 2
        q = grouped.quantile([alpha, 1 - alpha]).unstack()
        q.columns = ["low", "high"]
        out = out.merge(q.reset_index(), on=["scenario", "metric", "day"])
    else:
        out["low"] = out["high"] = out["mean"]
    out["years"] = out["day"] / runs_module.DAYS_PER_YEAR
    return out


def plot_timeseries(
    data,
    metrics: Sequence[str] | None = None,
    band: str = "ci",
    confidence: float = 0.95,
    title: str | None = None,
    width: float = 8.0,
    panel_height: float = 2.6,
) -> Figure:
    """System metrics over time, one panel per metric, one colour per scenario: the replicate mean
    and a band (`band`: "ci" for the confidence interval of the mean, "spread" for the middle
    `confidence` share of replicates, "none"). `data`: a long frame from load_runs, a Run or
    Runs. Scheduled timeline changes are marked with dotted lines."""
    if band not in BANDS:
        raise ValueError(f"band must be one of {BANDS}")
    frame = _as_frame(data)
    info = frame.attrs.get("metrics", {})
    names = list(metrics) if metrics else list(dict.fromkeys(frame["metric"]))
    missing = [m for m in names if m not in set(frame["metric"])]
    if missing:
        raise KeyError(f"no system metric {missing}; the runs have {sorted(set(frame['metric']))}")
    scenarios = frame.attrs.get("scenarios") or list(dict.fromkeys(frame["scenario"]))
    summary = replicate_summary(frame[frame["metric"].isin(names)], band, confidence)
    counts = frame.groupby("scenario")["run"].nunique()

    figure = Figure(figsize=(width, panel_height * len(names) + 1.1), layout="constrained")
    axes = figure.subplots(len(names), 1, sharex=True, squeeze=False)[:, 0]
    for ax, metric in zip(axes, names):
        meta = info.get(metric, {})
        for index, scenario in enumerate(scenarios):
            part = summary[(summary["scenario"] == scenario) & (summary["metric"] == metric)]
            if part.empty:
                continue
            label = f"{scenario} (n = {counts.get(scenario, 0)})"
            ax.plot(part["years"], part["mean"], color=colour(index), lw=1.6, label=label)
            if band != "none" and (part["high"] > part["low"]).any():
                ax.fill_between(part["years"], part["low"], part["high"], color=colour(index),
                                alpha=0.22, lw=0)
        _mark_timeline(ax, frame.attrs.get("timeline", {}), scenarios)
        ax.set_title(title_text(meta.get("description", ""), metric), fontsize=10, loc="left")
        units = meta.get("units", "")
        ax.set_ylabel(axis_label(metric, f"{unit_text(units)}, running total" if meta.get("cumulative")
                                 else units), fontsize=9)
        readable_ticks(ax)
        ax.grid(True, alpha=0.3)
        ax.tick_params(labelsize=8)
    axes[-1].set_xlabel("time (years)", fontsize=9)
    # matplotlib 3.6 (Debian 12) has no loc="outside ...": keep room at the top for the legend.
    height = figure.get_figheight()
    top = 1.0
    if title:
        figure.text(0.5, 1 - 0.05 / height, title, fontsize=11, ha="center", va="top")
        top -= 0.3 / height
    handles, labels = axes[0].get_legend_handles_labels()
    if handles:
        columns = min(4, len(handles))
        figure.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, top), ncols=columns,
                      fontsize=9, frameon=False)
        top -= (0.1 + 0.25 * math.ceil(len(handles) / columns)) / height
    caption = band_caption(band, confidence)
    incomplete = frame.attrs.get("incomplete", [])
    if incomplete:
        caption += f" {len(incomplete)} run(s) did not finish: their lines stop early."
    figure.get_layout_engine().set(h_pad=0.08)
    _caption(figure, caption, top)
    return figure


def _mark_timeline(ax, timeline: dict, scenarios: Sequence[str]) -> None:
    """Dotted vertical lines at the days a scenario's timeline changes parameters; grey and labelled
    once when every scenario shares the event, else in the scenario's colour."""
    events: dict[tuple, list[int]] = {}
    for index, scenario in enumerate(scenarios):
        for day, label in timeline.get(scenario, []):
            events.setdefault((day, label), []).append(index)
    for (day, label), owners in events.items():
        shared = len(owners) == len(scenarios)
        col = "#777777" if shared else colour(owners[0])
        x = day / runs_module.DAYS_PER_YEAR
        ax.axvline(x, color=col, ls=":", lw=1.1)
        if label:
            ax.annotate(label, (x, 1), xycoords=("data", "axes fraction"), xytext=(2, -2),
                        textcoords="offset points", fontsize=7, color=col, va="top", rotation=90)


def plot_per_unit(
    runs: Iterable[runs_module.Run],
    metric: str,
    lower: float = 0.1,
    upper: float = 0.9,
    width: float = 8.0,
    labels: Sequence[str] | None = None,
) -> Figure:
    """How a per-unit (per-trust) metric spreads across units over time: the median unit and the
    band between the `lower` and `upper` quantiles across units, one colour per variant (first
    run of each; `labels`, one per run, default `runs.variant_labels`)."""
    runs = list(runs)
    labels = list(labels) if labels is not None else runs_module.variant_labels(runs)
    first: dict[str, runs_module.Run] = {}
    for run, label in zip(runs, labels):
        first.setdefault(label, run)
    figure = Figure(figsize=(width, 3.6), layout="constrained")
    ax = figure.subplots()
    meta = None
    for index, (scenario, run) in enumerate(first.items()):
        values = run.per_unit(metric)
        meta = run.metrics[metric]
        years = values.index.to_numpy() / runs_module.DAYS_PER_YEAR
        ax.plot(years, values.median(axis=1), color=colour(index), lw=1.6,
                label=f"{scenario}: median {run.unit_dimension}")
        ax.fill_between(years, values.quantile(lower, axis=1), values.quantile(upper, axis=1),
                        color=colour(index), alpha=0.2, lw=0)
    if meta is None:
        raise ValueError("no runs given")
    ax.set_title(title_text(meta.description, metric), fontsize=10, loc="left")
    ax.set_ylabel(axis_label(metric, meta.units), fontsize=9)
    readable_ticks(ax)
    ax.set_xlabel("time (years)", fontsize=9)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, frameon=False)
    unit = runs[0].unit_dimension
    _caption(figure, f"Line: the median {unit}. Band: {lower:.0%} to {upper:.0%} of {unit}s "
             f"(quantiles across {unit}s), in the first run of each scenario.")
    return figure


def _statistic_title(statistic: str) -> str:
    metric, _, kind = statistic.rpartition(".")
    words = {"final": "at the end of the run", "run_mean": "mean over the run",
             "final_year_mean": "mean over the final year",
             "final_year_count": "count in the final year"}
    return f"{metric}, {words[kind]}" if metric and kind in words else statistic


def _is_discrete(sweep: Sweep, parameter: str) -> bool:
    return sweep.axis_kinds.get(parameter) in ("values", "linear", "log") and sweep.design_kind == "grid"


def response_table(
    sweep: Sweep, statistic: str, parameter: str, by: str | None = None, confidence: float = 0.95,
    bins: int = 10,
) -> pd.DataFrame:
    """The statistic against one axis: per level (grid) or per quantile bin of the axis (sampling
    designs), mean over finished runs with its t confidence interval and count. With `by`, one
    curve per level of that second axis."""
    sweep.check_parameter(parameter)
    if by:
        sweep.check_parameter(by)
    runs = sweep.finite_runs(statistic)[[parameter, statistic] + ([by] if by else [])]
    key = parameter
    if not _is_discrete(sweep, parameter):
        edges = np.unique(np.quantile(runs[parameter], np.linspace(0, 1, bins + 1)))
        runs = runs.assign(bin=pd.cut(runs[parameter], edges, include_lowest=True))
        key = "bin"
    groups = [by, key] if by else key
    rows = []
    lo, hi = sweep.valid_range(statistic)
    for labels, part in runs.groupby(groups, observed=True):
        labels = labels if isinstance(labels, tuple) else (labels,)
        values = part[statistic].to_numpy()
        n = len(values)
        mean = values.mean()
        half = (sps.t.ppf(0.5 + confidence / 2, n - 1) * values.std(ddof=1) / math.sqrt(n)) if n > 1 else 0.0
        # Cut to the statistic's possible range, as replicate_summary does.
        row = {"x": part[parameter].mean(), "mean": mean, "low": max(mean - half, lo),
               "high": min(mean + half, hi), "n": n}
        if by:
            row[by] = labels[0]
        rows.append(row)
    return pd.DataFrame(rows)


def plot_response(
    sweep: Sweep,
    statistic: str,
    parameter: str,
    by: str | None = None,
    confidence: float = 0.95,
    width: float = 7.0,
) -> Figure:
    """The response of one output to one axis of a sweep (e.g. the inverted U of harm against
    surveillance), with the confidence band of the mean over runs at each level."""
    table = response_table(sweep, statistic, parameter, by, confidence)
    figure = Figure(figsize=(width, 4.2), layout="constrained")
    ax = figure.subplots()
    discrete = _is_discrete(sweep, parameter)
    if not discrete:
        done = sweep.finite_runs(statistic)
        ax.scatter(done[parameter], done[statistic], s=8, color="#999999", alpha=0.5, lw=0,
                   label="one run")
    curves = [(None, table)] if not by else list(table.groupby(by, sort=True))
    for index, (level, part) in enumerate(curves):
        part = part.sort_values("x")
        label = "mean" if level is None else f"{by} = {level:g}"
        ax.plot(part["x"], part["mean"], color=colour(index), lw=1.8, marker="o" if discrete else None,
                ms=4, label=label)
        ax.fill_between(part["x"], part["low"], part["high"], color=colour(index), alpha=0.22, lw=0)
    if sweep.axis_kinds.get(parameter) in ("log", "loguniform"):
        ax.set_xscale("log")
    ax.set_xlabel(axis_label(parameter, sweep.parameter_units.get(parameter, "")), fontsize=9)
    ax.set_ylabel(axis_label(statistic, sweep.units(statistic)), fontsize=9)
    readable_ticks(ax)
    ax.set_title(f"{_statistic_title(statistic)} against {parameter}", fontsize=10, loc="left")
    ax.grid(True, alpha=0.3)
    if by or not discrete:  # one unlabelled curve needs no legend
        ax.legend(fontsize=8, frameon=False)
    others = [p for p in sweep.parameters if p not in (parameter, by)]
    if discrete:
        caption = (f"Line: mean over the finished runs at each level ({sweep.replicates} replicate(s) "
                   f"per point); band: {confidence:.0%} confidence interval of that mean")
    else:
        caption = ("Dots: single runs. Line: mean of the runs in each tenth of the axis (quantile "
                   f"bins); band: {confidence:.0%} confidence interval of that mean")
    caption += f", pooled over {', '.join(others)}." if others else "."
    _caption(figure, caption)
    return figure


def plot_heatmap(sweep: Sweep, statistic: str, x: str, y: str, width: float = 7.0) -> Figure:
    """A grid sweep's output over two axes: each cell the mean over its finished runs (and over any
    other axes), annotated with its value when the grid is small enough to read."""
    for p in (x, y):
        sweep.check_parameter(p)
    table = sweep.finite_runs(statistic).pivot_table(index=y, columns=x, values=statistic, aggfunc="mean")
    table = table.sort_index(ascending=False)
    figure = Figure(figsize=(width, 5.0), layout="constrained")
    ax = figure.subplots()
    image = ax.imshow(table.to_numpy(), aspect="auto", cmap="viridis")
    ax.set_xticks(range(table.shape[1]), [f"{v:g}" for v in table.columns], fontsize=8)
    ax.set_yticks(range(table.shape[0]), [f"{v:g}" for v in table.index], fontsize=8)
    ax.set_xlabel(axis_label(x, sweep.parameter_units.get(x, "")), fontsize=9)
    ax.set_ylabel(axis_label(y, sweep.parameter_units.get(y, "")), fontsize=9)
    ax.set_title(_statistic_title(statistic), fontsize=10, loc="left")
    bar = figure.colorbar(image, ax=ax)
    bar.set_label(axis_label(statistic, sweep.units(statistic)), fontsize=9)
    readable_ticks(bar.ax)
    if table.size <= 120:
        values = table.to_numpy()
        finite = values[np.isfinite(values)]
        middle = (finite.min() + finite.max()) / 2 if finite.size else 0
        for (i, j), value in np.ndenumerate(values):
            if np.isfinite(value):
                ax.text(j, i, number_text(value), ha="center", va="center", fontsize=7.5,
                        color="black" if value > middle else "white")
    others = [p for p in sweep.parameters if p not in (x, y)]
    caption = f"Cell: mean over {sweep.replicates} replicate(s)"
    caption += f", pooled over {', '.join(others)}." if others else "."
    _caption(figure, caption)
    return figure


def plot_sobol(indices: pd.DataFrame, title: str | None = None, width: float = 7.0) -> Figure:
    """First-order and total Sobol indices per parameter, bars with their bootstrap intervals."""
    params = list(indices.index)
    figure = Figure(figsize=(width, 1.2 + 0.55 * len(params)), layout="constrained")
    ax = figure.subplots()
    y = np.arange(len(params))
    h = 0.38
    for offset, key, label, col in ((-h / 2, "S1", "first order S1 (alone)", colour(0)),
                                    (h / 2, "ST", "total ST (with interactions)", colour(1))):
        values = indices[key].to_numpy()
        err = np.vstack([values - indices[f"{key}_low"].to_numpy(),
                         indices[f"{key}_high"].to_numpy() - values])
        err = np.where(np.isfinite(err), np.maximum(err, 0), 0)
        ax.barh(y + offset, values, height=h, color=col, label=label, xerr=err,
                error_kw={"lw": 1, "capsize": 2, "ecolor": "#333333"})
    ax.set_yticks(y, params, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_xlabel("share of the output's variance", fontsize=9)
    ax.grid(True, axis="x", alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    statistic = indices.attrs.get("statistic", "")
    ax.set_title(title or f"Sobol indices of {_statistic_title(statistic)}", fontsize=10, loc="left")
    n = indices.attrs.get("base_samples")
    conf = indices.attrs.get("confidence", 0.95)
    _caption(figure, f"Whiskers: {conf:.0%} percentile bootstrap intervals"
             + (f" (N = {n} base samples)." if n else "."))
    return figure


def plot_morris(indices: pd.DataFrame, title: str | None = None, width: float = 6.5) -> Figure:
    """Morris screening: mu* (importance) against sigma (non-linearity or interactions)."""
    figure = Figure(figsize=(width, 4.8), layout="constrained")
    ax = figure.subplots()
    mu_star, sigma = indices["mu_star"].to_numpy(), indices["sigma"].to_numpy()
    err = np.vstack([mu_star - indices["mu_star_low"].to_numpy(),
                     indices["mu_star_high"].to_numpy() - mu_star])
    err = np.where(np.isfinite(err), np.maximum(err, 0), 0)
    ax.errorbar(mu_star, sigma, xerr=err, fmt="o", color=colour(0), ecolor="#999999", capsize=2, ms=5)
    for index, (name, a, b) in enumerate(zip(indices.index, mu_star, sigma)):
        # Staggered so that factors with near-equal indices stay legible.
        ax.annotate(name, (a, b), xytext=(4, 3 + 10 * (index % 3)), textcoords="offset points", fontsize=8)
    top = np.nanmax(np.concatenate([mu_star, sigma, [0]])) * 1.1 or 1
    ax.plot([0, top], [0, top], color="#bbbbbb", ls="--", lw=1, label="sigma = mu*")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    statistic = indices.attrs.get("statistic", "")
    units = unit_text(indices.attrs.get("units", ""))
    ax.set_xlabel(f"mu*: mean |elementary effect| ({units} per full range)", fontsize=9)
    ax.set_ylabel(f"sigma: SD of effects ({units} per full range)", fontsize=9)
    ax.set_title(title or f"Morris screening of {_statistic_title(statistic)}", fontsize=10, loc="left")
    ax.legend(fontsize=8, frameon=False)
    ax.grid(True, alpha=0.3)
    _caption(figure, "Right: more influential. Up: more non-linear or interacting. "
             "Whiskers: bootstrap intervals of mu* over trajectories.")
    return figure
