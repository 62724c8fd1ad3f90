"""A self-contained HTML report: key findings first, wide tables with units, figures, and the
provenance that makes it reproducible at the end.

Figures are inlined as base64 PNG and every table's CSV as a download link, so the page is one
file that can be mailed or attached to a paper and opens anywhere without its inputs;
`write_report` also writes each table's CSV beside the page (`REPORT-summary.csv`, ...).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import math
import os
import re
import tomllib
import warnings
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from . import __version__, plots, stats
from .hdf5_files import file_kind
from .inputs import parse_inputs
from .runs import (DAYS_PER_YEAR, IncompleteRunWarning, Run, final_year_outcomes, headline_order, load_run,
                   outcome_name, outcome_rule, stack_runs)
from .sweeps import IncompleteSweepWarning, Sweep, load_sweep

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 70rem; margin: 2rem auto;
       padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
h3 { margin-top: 1.6rem; }
table { border-collapse: collapse; margin: .6rem 0 .3rem; font-size: .88rem; }
th, td { border: 1px solid #d0d0d0; padding: .25rem .55rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
td small { color: #555; white-space: nowrap; }
.note { background: #fff4d6; border-left: 4px solid #e6a700; padding: .5rem .8rem; margin: 1rem 0; }
.findings { background: #eef5fb; border: 1px solid #9cc3e4; border-radius: 4px; padding: .4rem 1rem 1rem;
            margin: 1rem 0 1.6rem; }
.findings h2 { border: none; margin-top: .6rem; }
.csv { font-size: .8rem; margin: 0 0 1rem; }
.muted { color: #555; font-size: .9rem; } figure { margin: 1rem 0; } img { max-width: 100%; }
figcaption { color: #444; font-size: .85rem; } pre { background: #f6f6f6; padding: .6rem; overflow-x: auto;
font-size: .8rem; } details { margin: .4rem 0; }
"""

HEADLINE_RATES = 6  # headline metrics in the key findings


def _e(value) -> str:
    return html.escape(str(value))


def _number(value: float, digits: int = 4) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if abs(value) >= 10 ** digits:
        return f"{value:,.0f}"
    return f"{value:.{digits}g}"


def _percent(value: float) -> str:
    return "n/a" if not math.isfinite(value) else f"{value:+.1f}%"


def _table(header: Sequence[str], rows: Iterable[Sequence], numeric: set[int] = frozenset()) -> str:
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in header), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            cls = ' class="num"' if i in numeric else ""
            out.append(f"<td{cls}>{cell}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def figure_html(figure, caption: str = "", alt: str = "") -> str:
    """A matplotlib figure as an inline PNG <figure>."""
    buffer = io.BytesIO()
    plots.save(figure, buffer)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    cap = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    return f'<figure><img alt="{_e(alt or caption)}" src="data:image/png;base64,{data}">{cap}</figure>'


def _section(anchor: str, title: str, body: str, cls: str = "") -> str:
    extra = f' class="{cls}"' if cls else ""
    return f'<section id="{anchor}"{extra}><h2>{_e(title)}</h2>{body}</section>'


def _fold(title: str, html_text: str) -> str:
    return f"<details><summary>{_e(title)}</summary>{html_text}</details>"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "table"


class Tables:
    """The report's tables as data: each is shown in the page with a CSV link, and written beside
    the page by write_report."""

    def __init__(self):
        self.frames: dict[str, pd.DataFrame] = {}

    def link(self, name: str, frame: pd.DataFrame) -> str:
        """Keeps `frame` as `name`.csv and returns the page's link to it (a data: URI, so the page
        stays one file)."""
        name = _slug(name)
        base, k = name, 2
        while name in self.frames:
            name, k = f"{base}-{k}", k + 1
        self.frames[name] = frame
        data = base64.b64encode(frame.to_csv(index=False).encode("utf-8")).decode("ascii")
        return (f'<p class="csv">CSV: <a download="{_e(name)}.csv" href="data:text/csv;base64,{data}">'
                f"{_e(name)}.csv</a> (every column, full precision)</p>")


# --- runs ---------------------------------------------------------------------

def _interval(low: float, high: float) -> str:
    return f"{_number(low)} to {_number(high)}" if math.isfinite(low) and math.isfinite(high) else "n/a"


def _outcome_table(outcomes: pd.DataFrame, scenarios: Sequence[str]) -> pd.DataFrame:
    """Per metric and variant: mean over replicates, its 95% t interval and the run count."""
    rows = []
    info = outcomes.attrs.get("metrics", {})
    days = outcomes.attrs.get("days", DAYS_PER_YEAR)
    for metric in dict.fromkeys(outcomes["metric"]):
        meta = info.get(metric, {})
        for scenario in scenarios:
            values = outcomes.loc[(outcomes["metric"] == metric) & (outcomes["scenario"] == scenario), "value"]
            mean, low, high = stats.mean_interval(values.to_numpy())
            lo, hi = meta.get("valid_min", -math.inf), meta.get("valid_max", math.inf)
            rows.append({"metric": metric, "outcome": outcome_name(bool(meta.get("cumulative")), days),
                         "units": meta.get("units", ""), "scenario": scenario, "mean": mean,
                         "ci_low": max(low, lo) if math.isfinite(low) else low,
                         "ci_high": min(high, hi) if math.isfinite(high) else high,
                         "runs": int(np.isfinite(values.to_numpy(dtype=float)).sum())})
    return pd.DataFrame(rows)


def _wide_summary(table: pd.DataFrame, names: Sequence[str], scenarios: Sequence[str], info: dict) -> str:
    """Metrics as rows, variants as columns: mean with its interval beneath."""
    rows = []
    for metric in names:
        part = table[table["metric"] == metric].set_index("scenario")
        if part.empty:
            continue
        first = part.iloc[0]
        cells = [f"<strong>{_e(metric)}</strong><br><small>{_e(info.get(metric, {}).get('description', ''))}</small>",
                 _e(first["outcome"]), _e(plots.unit_text(first["units"]))]
        for scenario in scenarios:
            r = part.loc[scenario]
            cells.append(f"{_number(r['mean'])}<br><small>{_interval(r['ci_low'], r['ci_high'])}</small>")
        rows.append(cells)
    header = ["metric", "outcome", "units"] + list(scenarios)
    return _table(header, rows, numeric=set(range(3, 3 + len(scenarios))))


def _comparisons(outcomes: pd.DataFrame, scenarios: Sequence[str], method: str) -> tuple[pd.DataFrame, list]:
    """Every variant against the first, metric by metric; metrics without data are skipped and
    named."""
    tables, skipped = [], []
    reference = scenarios[0]
    for other in scenarios[1:]:
        empty = stats.without_data(outcomes, [other, reference])
        if empty:
            skipped.append(f"{other} against {reference} on {', '.join(empty)}: undefined (NaN) in all "
                           "but at most one run of a side")
        names = [m for m in dict.fromkeys(outcomes["metric"]) if m not in empty]
        if not names:
            continue
        try:
            table = stats.compare_outcomes(outcomes, other, reference, names, method=method)
        except ValueError as error:
            skipped.append(f"{other} against {reference}: {error}")
            continue
        table.insert(0, "against", reference)
        table.insert(0, "scenario", other)
        tables.append(table)
    return (pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()), skipped


def _wide_comparison(table: pd.DataFrame, names: Sequence[str], scenarios: Sequence[str]) -> str:
    rows = []
    for metric in names:
        part = table[table["metric"] == metric].set_index("scenario")
        if part.empty:
            continue
        first = part.iloc[0]
        cells = [f"<strong>{_e(metric)}</strong>", _e(first["statistic"]), _e(plots.unit_text(first["units"]))]
        for scenario in scenarios[1:]:
            if scenario not in part.index:
                cells.append("n/a")
                continue
            r = part.loc[scenario]
            cells.append(f"{_number(r['difference'])}<br><small>{_interval(r['ci_low'], r['ci_high'])}; "
                         f"g {_number(r['hedges_g'], 3)}; p {_number(r['p_value'], 2)}</small>")
        rows.append(cells)
    header = ["metric", "outcome", "units"] + [f"{s} minus {scenarios[0]}" for s in scenarios[1:]]
    return _table(header, rows, numeric=set(range(3, 2 + len(scenarios))))


def _key_findings(outcomes: pd.DataFrame, scenarios: Sequence[str], rates: Sequence[str], tables: Tables) -> str:
    """The box at the top: each variant against the first on the headline rates, as % change with
    its interval (or, for a metric that can be 0 or below, the difference)."""
    info = outcomes.attrs.get("metrics", {})
    if not rates:
        return ""
    rows, records = [], []
    reference = scenarios[0]
    if len(scenarios) == 1:
        table = _outcome_table(outcomes[outcomes["metric"].isin(rates)], scenarios)
        for _, r in table.iterrows():
            rows.append(f"<li><strong>{_e(r['metric'])}</strong>: {_number(r['mean'])} "
                        f"{_e(plots.unit_text(r['units']))} ({_interval(r['ci_low'], r['ci_high'])}, "
                        f"{r['runs']} runs)</li>")
        lead = (f"<p>{_e(reference)} over its final year, mean over replicates with its 95% interval. "
                "Give two or more variants (the first is the reference) to see the effect of each.</p>")
        return _section("key-findings", "Key findings", lead + "<ul>" + "".join(rows) + "</ul>"
                        + tables.link("key-findings", table), cls="findings")
    for other in scenarios[1:]:
        items = []
        for metric in rates:
            part = outcomes[outcomes["metric"] == metric]
            a = part.loc[part["scenario"] == other, "value"].to_numpy(dtype=float)
            b = part.loc[part["scenario"] == reference, "value"].to_numpy(dtype=float)
            change, low, high = stats.percent_change(a, b)
            record = {"scenario": other, "against": reference, "metric": metric,
                      "units": info.get(metric, {}).get("units", ""), "percent_change": change,
                      "percent_low": low, "percent_high": high}
            if math.isfinite(change):
                items.append(f"{_e(metric)} <strong>{_percent(change)}</strong> "
                             f"<small>({_percent(low)} to {_percent(high)})</small>")
            else:
                try:
                    c = stats.compare(a, b)
                except ValueError:
                    continue
                record.update(difference=c.difference, ci_low=c.ci_low, ci_high=c.ci_high)
                items.append(f"{_e(metric)} <strong>{_number(c.difference):s}</strong> "
                             f"{_e(plots.unit_text(record['units']))} "
                             f"<small>({_interval(c.ci_low, c.ci_high)})</small>")
            records.append(record)
        if items:
            rows.append(f"<li><strong>{_e(other)}</strong> against {_e(reference)}: " + "; ".join(items) + "</li>")
    lead = (f"<p>Each variant against <strong>{_e(reference)}</strong> (the first given) on the model's "
            "headline rates over the final year: change of the replicate mean in percent, with its 95% "
            "interval (ratio of means, delta method on the log scale); a metric that can be 0 or "
            "negative is given as a difference in its units. The tables below have every metric.</p>")
    return _section("key-findings", "Key findings", lead + "<ul>" + "".join(rows) + "</ul>"
                    + tables.link("key-findings", pd.DataFrame(records)), cls="findings")


def _per_unit_choice(runs: Sequence[Run], shown: Sequence[str], limit: int = 4) -> list[str]:
    """Per-unit metrics to draw: the per-unit forms (`<metric>_by_<unit>` and the like) of the
    metrics shown, else the first few."""
    common = [m for m in runs[0].per_unit_metrics() if all(m in r.metrics for r in runs)]
    matched = [m for name in shown for m in common if m.startswith(name + "_")]
    return list(dict.fromkeys(matched or common))[:limit]


def _run_provenance(runs: Sequence[Run], labels: dict) -> str:
    rows = []
    for r in runs:
        m = r.metadata
        state = ("finished" if r.completed
                 else f"<strong>incomplete</strong>: up to day {_number(r.last_day)}")
        rows.append([
            _e(labels.get(str(r.path), r.label)), _e(r.path.name), _e(r.seed), _e(m.get("model", "")),
            _e(m.get("candour_version", "")), f"<code>{_e(m.get('git_commit', ''))}</code>",
            _e(m.get("started_at", "")), state,
        ])
    return _table(["variant", "file", "seed", "model", "Candour version", "commit", "started (UTC)",
                   "state"], rows)


def runs_sections(
    runs: Sequence[Run],
    tables: Tables,
    metrics: Sequence[str] | None = None,
    method: str = "welch",
    band: str = "ci",
    days: int = DAYS_PER_YEAR,
    per_figure: int = 3,
) -> tuple[list[tuple[str, str, str]], str]:
    """The report's parts for run files: (anchor, title, html) of key findings, summary,
    comparison, time series and across trusts, and the provenance html for the page's end.
    Shown: `metrics`, else the model's headline metrics in their order (the rest in folded
    tables), else all."""
    frame = stack_runs(runs)
    every = list(dict.fromkeys(frame["metric"]))
    info = frame.attrs["metrics"]
    if metrics:
        missing = sorted(set(metrics) - set(every))
        if missing:
            raise KeyError(f"no system metric {missing}; the runs have {sorted(every)}")
        shown, rest = list(metrics), []
    else:
        headline = sorted((m for m in every if info[m].get("headline")), key=lambda m: info[m].get("rank", 0))
        shown, rest = (headline, [m for m in every if m not in headline]) if headline else (every, [])
    scenarios = frame.attrs["scenarios"]
    labels = frame.attrs["labels"]
    outcomes = final_year_outcomes(frame[frame["metric"].isin(shown + rest)], days)
    outcomes.attrs = {**frame.attrs, "days": days}
    parts = []

    rates = [m for m in shown if not info[m].get("cumulative")]
    rates = [m for m in rates if m not in stats.without_data(outcomes, scenarios, rates)][:HEADLINE_RATES]
    findings = _key_findings(outcomes, scenarios, rates, tables)
    if findings:
        parts.append(("key-findings", "Key findings", findings))

    notes = "".join(f'<p class="note">{_e(r.incomplete_message())}</p>' for r in runs if not r.completed)
    counts = frame.groupby("scenario")["run"].nunique()
    intro = (f"<p>{len(runs)} run(s) of {len(scenarios)} variant(s): "
             + ", ".join(f"<strong>{_e(s)}</strong> ({counts[s]} replicate(s))" for s in scenarios)
             + ". Replicates are runs of one variant with different seeds. "
             f"{_e(outcome_rule(days)).capitalize()}; averaged over replicates, with the 95% t "
             "interval of that average (cut to the metric's possible range).</p>")
    summary = _outcome_table(outcomes, scenarios)
    body = intro + notes + _wide_summary(summary, shown, scenarios, info)
    if rest:
        body += _fold(f"The other {len(rest)} system metrics", _wide_summary(summary, rest, scenarios, info))
    body += tables.link("summary", summary)
    parts.append(("summary", "Summary", _section("summary", "Summary", body)))

    if len(scenarios) > 1:
        how = ("Welch's t interval (unequal variances)" if method == "welch"
               else "a BCa bootstrap interval (9,999 resamples, each variant resampled separately)")
        comparison, skipped = _comparisons(outcomes, scenarios, method)
        body = (f"<p>Each variant minus <strong>{_e(scenarios[0])}</strong> (the first given) on "
                f"{_e(outcome_rule(days))}, with the 95% confidence interval from {how}, Hedges' g (the "
                "difference in units of the replicates' standard deviation: about 0.2 small, 0.5 "
                "medium, 0.8 large) and Welch's two-sided p.</p>")
        body += "".join(f'<p class="note">Not compared: {_e(t)}</p>' for t in skipped)
        if not comparison.empty:
            body += _wide_comparison(comparison, shown, scenarios)
            if rest:
                body += _fold(f"The other {len(rest)} system metrics", _wide_comparison(comparison, rest, scenarios))
            body += tables.link("comparison", comparison)
        parts.append(("comparison", "Comparison", _section("comparison", "Comparison", body)))

    figures = []
    for start in range(0, len(shown), per_figure):
        chunk = shown[start:start + per_figure]
        figures.append(figure_html(plots.plot_timeseries(frame, chunk, band=band),
                                   alt="Time series of " + ", ".join(chunk)))
    more = (f"<p class=\"muted\">{len(rest)} other system metrics are in the files; draw any of them "
            "with <code>candour-analysis plot FILES -m METRIC -o OUT.png</code> or list them in "
            "<code>report -m</code>.</p>" if rest else "")
    parts.append(("timeseries", "Time series", _section(
        "timeseries", "Time series", f"<p class=\"muted\">{_e(plots.band_caption(band))} Dotted lines mark "
        "scheduled changes in the scenario's timeline.</p>" + "".join(figures) + more)))

    per_unit = _per_unit_choice(runs, shown)
    if per_unit:
        unit = runs[0].unit_dimension
        run_labels = [labels[str(r.path)] for r in runs]
        figs = "".join(figure_html(plots.plot_per_unit(runs, m, labels=run_labels), alt=f"{m} across {unit}s")
                       for m in per_unit)
        parts.append(("per-unit", f"Across {unit}s", _section(
            "per-unit", f"Across {unit}s",
            f"<p>How metrics vary between {unit}s: the median {unit} and the middle 80% of {unit}s, in the "
            f"first run of each variant. <code>candour-analysis plot FILES --per-unit METRIC</code> draws "
            f"others.</p>" + figs)))

    texts = []
    for scenario in scenarios:
        first = next(r for r in runs if labels[str(r.path)] == scenario)
        texts.append(_fold(f"{scenario}: resolved scenario of {first.path.name}",
                           f"<pre>{_e(first.metadata.get('scenario', ''))}</pre>"))
    provenance = ("<h3>Runs</h3>" + _run_provenance(runs, labels)
                  + "<h3>Scenarios</h3><p>The full resolved scenario each variant was made from: running "
                  "it again with the same seed reproduces the run.</p>" + "".join(texts))
    return parts, provenance


# --- sweeps -------------------------------------------------------------------

def _sweep_text(sweep: Sweep) -> dict:
    try:
        return tomllib.loads(sweep.provenance.get("sweep_toml", ""))
    except tomllib.TOMLDecodeError:
        return {}


def default_statistics(sweep: Sweep, limit: int = 4) -> list[str]:
    """What a report shows of a sweep: its `report = [...]` key, else its kept series' metrics and
    then the model's headline metrics (their final-year statistics), keeping those that vary
    across finished runs (a constant has no response and no sensitivity); `limit` of them."""
    text = _sweep_text(sweep)
    if text.get("report"):
        return [sweep.resolve(name) for name in text["report"]]
    finals = [s for s in sweep.statistics if s.endswith((".final_year_mean", ".final_year_count"))]
    wanted = []
    for metric in list(text.get("keep_series", [])) + sweep.headline_metrics():
        try:
            wanted.append(sweep.resolve(metric))
        except KeyError:
            continue
    chosen = list(dict.fromkeys(wanted + finals)) or sweep.statistics
    done = sweep.completed_runs
    varying = [s for s in chosen if done[s].nunique(dropna=True) > 1]
    return (varying or chosen)[:limit]


def sweep_section(sweep: Sweep, tables: Tables, statistics: Sequence[str] | None = None,
                  resamples: int = 1000) -> tuple[str, str]:
    """The report's part for one sweep file (design, summary, responses, sensitivity) and its
    provenance for the page's end."""
    statistics = [sweep.resolve(s) for s in statistics] if statistics else default_statistics(sweep)
    m = sweep.metadata
    anchor = "sweep-" + "".join(c if c.isalnum() else "-" for c in sweep.path.stem)
    done = int(sweep.runs["completed"].sum())
    state = (f"{done} of {len(sweep.runs)} runs finished" if done < len(sweep.runs)
             else f"all {len(sweep.runs)} runs finished")
    provenance = _table(["", ""], [
        ["title", _e(sweep.title)], ["file", _e(sweep.path.name)],
        ["sweep file", _e(m.get("sweep_file", ""))],
        ["base scenario", _e(m.get("scenario_file", ""))], ["model", _e(m.get("model", ""))],
        ["design", _e(sweep.design_kind)], ["points", _e(len(sweep.design))],
        ["replicates per point", _e(sweep.replicates)], ["runs", state],
        ["sweep seed", _e(m.get("seed", ""))], ["seed policy", _e(m.get("seed_policy", ""))],
        ["Candour version", _e(m.get("candour_version", ""))],
        ["commit", f"<code>{_e(m.get('git_commit', ''))}</code>"],
    ])
    texts = "".join(f"<details><summary>{_e(name)}</summary><pre>{_e(text)}</pre></details>"
                    for name, text in sweep.provenance.items())
    provenance_html = f"<h3>Sweep: {_e(sweep.title)}</h3>{provenance}{texts}"
    note = ""
    if done < len(sweep.runs):
        note = (f'<p class="note">{len(sweep.runs) - done} runs have not finished; they are left out '
                "below. Run the same `candour sweep` command again to finish them.</p>")
    design_rows = []
    for p in sweep.parameters:
        column = sweep.design[p]
        design_rows.append([_e(p), _e(plots.unit_text(sweep.parameter_units.get(p, ""))),
                            _e(sweep.axis_kinds.get(p, "")), _number(column.min()), _number(column.max()),
                            _e(column.nunique())])
    design = _table(["parameter", "units", "axis", "lowest", "highest", "distinct values"], design_rows,
                    numeric={3, 4, 5})
    done_runs = sweep.completed_runs
    summary = pd.DataFrame([{"statistic": s, "units": sweep.units(s), "description": sweep.description(s),
                             "mean": done_runs[s].mean(), "sd": done_runs[s].std(), "lowest": done_runs[s].min(),
                             "highest": done_runs[s].max(), "runs": int(done_runs[s].notna().sum())}
                            for s in statistics])
    summary_rows = [[_e(r.statistic), _e(plots.unit_text(r.units)), _number(r.mean), _number(r.sd),
                     _number(r.lowest), _number(r.highest)] for r in summary.itertuples()]
    summary_html = _table(["statistic", "units", "mean over runs", "SD", "lowest", "highest"], summary_rows,
                          numeric={2, 3, 4, 5}) + tables.link(f"{anchor}-summary", summary)
    body = [note, f"<p>{_e(state).capitalize()}; {sweep.design_kind} design over "
                  f"{_e(', '.join(sweep.parameters))}; provenance at the end of the page.</p>",
            f"<h3>Design</h3>{design}",
            f"<h3>Summary</h3><p>Over the {done} finished runs.</p>{summary_html}"]

    figures = []
    grid2 = sweep.design_kind == "grid" and len(sweep.parameters) >= 2
    usable = []
    for s in statistics:
        try:
            sweep.finite_runs(s)
        except ValueError as error:
            figures.append(f'<p class="note">{_e(error)}</p>')
            continue
        usable.append(s)
        if grid2:
            figures.append(figure_html(plots.plot_heatmap(sweep, s, sweep.parameters[0], sweep.parameters[1]),
                                       alt=f"Heat map of {s}"))
        for p in sweep.parameters[:4]:
            figures.append(figure_html(plots.plot_response(sweep, s, p), alt=f"{s} against {p}"))
    body.append("<h3>Responses</h3>" + "".join(figures))
    statistics = usable
    body.append(_sensitivity_html(sweep, statistics, resamples, tables, anchor))
    return _section(anchor, f"Sweep: {sweep.title}", "".join(body)), provenance_html


def _sensitivity_html(sweep: Sweep, statistics: Sequence[str], resamples: int, tables: Tables, anchor: str) -> str:
    if sweep.design_kind == "saltelli":
        parts = ["<p>Sobol indices: S1 is the share of the output's variance due to a parameter "
                 "alone, ST with all its interactions (Saltelli et al. 2010 first-order estimator, "
                 f"Jansen total estimator, {resamples} bootstrap resamples of the base samples for "
                 "the 95% intervals; each point's output is its replicate mean).</p>"]
        for s in statistics:
            try:
                indices = sweep.sobol(s, resamples=resamples)
            except ValueError as error:
                parts.append(f'<h4>{_e(s)}</h4><p class="note">{_e(error)}</p>')
                continue
            if indices.attrs.get("constant"):
                parts.append(f"<h4>{_e(s)}</h4><p>The same value in every run: no variance to "
                             "apportion, so no Sobol indices.</p>")
                continue
            rows = [[_e(p), _number(r.S1, 3), f"{_number(r.S1_low, 3)} to {_number(r.S1_high, 3)}",
                     _number(r.ST, 3), f"{_number(r.ST_low, 3)} to {_number(r.ST_high, 3)}"]
                    for p, r in indices.iterrows()]
            warned = "".join(f'<p class="note">{_e(w)}</p>' for w in indices.attrs.get("warnings", []))
            parts.append(f"<h4>{_e(s)}</h4>" + warned
                         + _table(["parameter", "S1", "95% CI", "ST", "95% CI"], rows, numeric={1, 2, 3, 4})
                         + tables.link(f"{anchor}-sobol-{s}", indices.reset_index()))
            parts.append(figure_html(plots.plot_sobol(indices), alt=f"Sobol indices of {s}"))
        return "<h3>Sensitivity (Sobol)</h3>" + "".join(parts)
    if sweep.design_kind == "morris":
        parts = ["<p>Morris screening: mu* ranks parameters by influence (mean absolute elementary "
                 "effect per full range of the parameter), sigma flags non-linearity or interactions.</p>"]
        for s in statistics:
            indices = sweep.morris(s, resamples=resamples)
            rows = [[_e(p), _number(r.mu_star, 3),
                     f"{_number(r.mu_star_low, 3)} to {_number(r.mu_star_high, 3)}",
                     _number(r.mu, 3), _number(r.sigma, 3)] for p, r in indices.iterrows()]
            parts.append(f"<h4>{_e(s)} ({_e(plots.unit_text(sweep.units(s)))} per full range)</h4>"
                         + _table(["parameter", "mu*", "95% CI", "mu", "sigma"], rows, numeric={1, 2, 3, 4})
                         + tables.link(f"{anchor}-morris-{s}", indices.reset_index()))
            parts.append(figure_html(plots.plot_morris(indices), alt=f"Morris screening of {s}"))
        return "<h3>Sensitivity (Morris)</h3>" + "".join(parts)
    if sweep.design_kind == "grid" and hasattr(sweep, "variance_shares"):
        parts = ["<p>Variance shares: the share of the variance of the point means that each axis "
                 "explains alone (its main effect, from the grid's balanced ANOVA); what is left is "
                 "interaction between axes.</p>"]
        for s in statistics:
            try:
                shares = sweep.variance_shares(s)
            except ValueError as error:
                parts.append(f'<h4>{_e(s)}</h4><p class="note">{_e(error)}</p>')
                continue
            rows = [[_e(p), _number(r.share, 3)] for p, r in shares.iterrows()]
            warned = "".join(f'<p class="note">{_e(w)}</p>' for w in shares.attrs.get("warnings", []))
            parts.append(f"<h4>{_e(s)}</h4>" + warned + _table(["axis", "share of variance"], rows, numeric={1})
                         + tables.link(f"{anchor}-shares-{s}", shares.reset_index()))
        return "<h3>Sensitivity (variance shares)</h3>" + "".join(parts)
    return ""


# --- the page -----------------------------------------------------------------

def _compose(
    paths: Sequence[str | Path],
    title: str = "Candour report",
    metrics: Sequence[str] | None = None,
    statistics: Sequence[str] | None = None,
    method: str = "welch",
    band: str = "ci",
    resamples: int = 1000,
) -> tuple[str, Tables]:
    inputs = parse_inputs([os.fspath(p) for p in paths])
    run_inputs = [i for i in inputs if file_kind(i.path) == "run"]
    sweep_paths = [i.path for i in inputs if i not in run_inputs]
    with warnings.catch_warnings():
        # The report states incompleteness itself, in place.
        warnings.simplefilter("ignore", IncompleteRunWarning)
        warnings.simplefilter("ignore", IncompleteSweepWarning)
        runs = [load_run(i.path, label=i.label) for i in run_inputs]
        sweeps = [load_sweep(p) for p in sweep_paths]
    tables = Tables()
    parts: list[tuple[str, str, str]] = []
    provenance = []
    if runs:
        run_parts, run_provenance = runs_sections(runs, tables, metrics, method, band)
        parts += run_parts
        provenance.append(run_provenance)
    for sweep in sweeps:
        section, sweep_provenance = sweep_section(sweep, tables, statistics, resamples)
        anchor = "sweep-" + "".join(c if c.isalnum() else "-" for c in sweep.path.stem)
        parts.append((anchor, f"Sweep: {sweep.title}", section))
        provenance.append(sweep_provenance)
    parts.append(("provenance", "Provenance", _section(
        "provenance", "Provenance", "<p>Where every number on this page came from: the files, their "
        "seeds, the Candour build and the scenarios, enough to make them again.</p>" + "".join(provenance))))
    toc = "<nav><p>" + " &middot; ".join(f'<a href="#{a}">{_e(t)}</a>' for a, t, _ in parts) + "</p></nav>"
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    names = ", ".join(_e(Path(i.path).name) for i in inputs)
    page = (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{_e(title)}</title>"
        f"<style>{STYLE}</style></head><body><h1>{_e(title)}</h1>"
        f"<p class=\"muted\">Made {now} by candour-analysis {__version__} from {names}.</p>"
        f"{toc}{''.join(html_text for _, _, html_text in parts)}</body></html>\n"
    )
    return page, tables


def build_report(paths: Sequence[str | Path], **options) -> str:
    """The HTML text of a report on run files and/or sweep files (see write_report)."""
    return _compose(paths, **options)[0]


def write_report(paths: Sequence[str | Path], out: str | Path, **options) -> Path:
    """Writes the report to `out`, and each of its tables as `<out stem>-<table>.csv` beside it;
    returns the page's path."""
    out = Path(out)
    page, tables = _compose(paths, **options)
    out.write_text(page, encoding="utf-8")
    for name, frame in tables.frames.items():
        frame.to_csv(out.with_name(f"{out.stem}-{name}.csv"), index=False)
    return out
