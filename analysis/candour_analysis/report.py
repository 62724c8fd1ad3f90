"""A self-contained HTML report: provenance, summary tables with units, comparisons and figures.

Figures are inlined as base64 PNG, so the page is one file that can be mailed
or attached to a paper and opens anywhere without its inputs.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import math
import warnings
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from . import __version__, plots, stats
from .hdf5_files import file_kind
from .runs import DAYS_PER_YEAR, IncompleteRunWarning, Run, final_year_means, load_run, stack_runs
from .sweeps import IncompleteSweepWarning, Sweep, load_sweep

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 62rem; margin: 2rem auto;
       padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
h3 { margin-top: 1.6rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .88rem; }
th, td { border: 1px solid #d0d0d0; padding: .25rem .55rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { background: #fff4d6; border-left: 4px solid #e6a700; padding: .5rem .8rem; margin: 1rem 0; }
.muted { color: #555; font-size: .9rem; } figure { margin: 1rem 0; } img { max-width: 100%; }
figcaption { color: #444; font-size: .85rem; } pre { background: #f6f6f6; padding: .6rem; overflow-x: auto;
font-size: .8rem; } details { margin: .4rem 0; }
"""


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


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{_e(title)}</h2>{body}</section>'


# --- runs ---------------------------------------------------------------------

def _run_provenance(runs: Sequence[Run]) -> str:
    rows = []
    for r in runs:
        m = r.metadata
        state = ("finished" if r.completed
                 else f"<strong>incomplete</strong>: up to day {_number(r.last_day)}")
        rows.append([
            _e(r.label), _e(r.path.name), _e(r.seed), _e(m.get("model", "")),
            _e(m.get("candour_version", "")), f"<code>{_e(m.get('git_commit', ''))}</code>",
            _e(m.get("started_at", "")), state,
        ])
    return _table(["scenario", "file", "seed", "model", "Candour version", "commit", "started (UTC)",
                   "state"], rows)


def _summary_rows(outcomes: pd.DataFrame, scenarios: Sequence[str], info: dict) -> list:
    rows = []
    for metric in dict.fromkeys(outcomes["metric"]):
        meta = info.get(metric, {})
        for i, scenario in enumerate(scenarios):
            rows_of = (outcomes["metric"] == metric) & (outcomes["scenario"] == scenario)
            values = outcomes.loc[rows_of, "value"]
            mean, low, high = stats.mean_interval(values.to_numpy())
            interval = f"{_number(low)} to {_number(high)}" if math.isfinite(low) else "n/a (one run)"
            rows.append([
                f"<strong>{_e(metric)}</strong>" if i == 0 else "",
                _e(meta.get("description", "")) if i == 0 else "",
                _e(scenario), _number(mean), interval, _e(plots.unit_text(meta.get("units", ""))),
                str(values.size),
            ])
    return rows


def _comparison_rows(outcomes: pd.DataFrame, scenarios: Sequence[str], method: str) -> tuple[list, list]:
    rows, skipped = [], []
    reference = scenarios[0]
    for other in scenarios[1:]:
        try:
            table = stats.compare_outcomes(outcomes, other, reference, method=method)
        except ValueError as error:
            skipped.append(f"{other} against {reference}: {error}")
            continue
        for _, c in table.iterrows():
            rows.append([
                _e(other), _e(c["metric"]), _number(c["mean_a"]), _number(c["mean_b"]),
                _number(c["difference"]), f"{_number(c['ci_low'])} to {_number(c['ci_high'])}",
                _e(plots.unit_text(c["units"])), _number(c["hedges_g"], 3), _number(c["p_value"], 2),
                f"{c['n_a']} / {c['n_b']}",
            ])
    return rows, skipped


def _fold(title: str, html_text: str) -> str:
    return f"<details><summary>{_e(title)}</summary>{html_text}</details>"


def _per_unit_choice(runs: Sequence[Run], shown: Sequence[str], limit: int = 4) -> list[str]:
    """Per-unit metrics to draw: the per-unit forms (`<metric>_by_<unit>` and the like) of the
    metrics shown, else the first few."""
    common = [m for m in runs[0].per_unit_metrics() if all(m in r.metrics for r in runs)]
    matched = [m for name in shown for m in common if m.startswith(name + "_")]
    return list(dict.fromkeys(matched or common))[:limit]


def runs_section(
    runs: Sequence[Run],
    metrics: Sequence[str] | None = None,
    method: str = "welch",
    band: str = "ci",
    days: int = DAYS_PER_YEAR,
    per_figure: int = 3,
) -> str:
    """The report's part for run files: provenance, summary, comparison, time series, trusts.
    Shown: `metrics`, else the model's headline metrics (the rest in folded tables), else all."""
    frame = stack_runs(runs)
    every = list(dict.fromkeys(frame["metric"]))
    if metrics:
        missing = sorted(set(metrics) - set(every))
        if missing:
            raise KeyError(f"no system metric {missing}; the runs have {sorted(every)}")
        shown, rest = list(metrics), []
    else:
        headline = [m for m in every if frame.attrs["metrics"][m].get("headline")]
        shown, rest = (headline, [m for m in every if m not in headline]) if headline else (every, [])
    scenarios = frame.attrs["scenarios"]
    info = frame.attrs["metrics"]
    outcomes = final_year_means(frame[frame["metric"].isin(shown + rest)], days)
    outcomes.attrs = frame.attrs
    parts = []

    notes = []
    for r in runs:
        if not r.completed:
            notes.append(f'<p class="note">{_e(r.incomplete_message())}</p>')
    counts = frame.groupby("scenario")["run"].nunique()
    intro = (f"<p>{len(runs)} run(s) of {len(scenarios)} scenario(s): "
             + ", ".join(f"<strong>{_e(s)}</strong> ({counts[s]} replicate(s))" for s in scenarios)
             + ". Replicates are runs of the same scenario with different seeds.</p>")
    parts.append(_section("provenance", "Provenance", intro + "".join(notes) + _run_provenance(runs)))

    window = "final year" if days == DAYS_PER_YEAR else f"last {days} days"
    header = ["metric", "meaning", "scenario", f"mean over the {window}", "95% CI of the mean", "units",
              "runs"]

    def summary_table(names):
        return _table(header, _summary_rows(outcomes[outcomes["metric"].isin(names)], scenarios, info),
                      numeric={3, 4, 6})

    lead = (f"<p>Each run's mean over its {window} (the last {days} simulated days), averaged over "
            "replicates, with the 95% t confidence interval of that average."
            + (" The model's headline metrics first; the others below, folded." if rest else "") + "</p>")
    body = lead + summary_table(shown)
    if rest:
        body += _fold(f"The other {len(rest)} system metrics", summary_table(rest))
    parts.append(_section("summary", "Summary", body))

    if len(scenarios) > 1:
        how = ("Welch's t interval (unequal variances)" if method == "welch"
               else "a BCa bootstrap interval (9,999 resamples, each scenario resampled separately)")
        body = (f"<p>Each scenario against <strong>{_e(scenarios[0])}</strong> (the first given), on "
                f"the {window} mean: difference = scenario minus {_e(scenarios[0])}, with the 95% "
                f"confidence interval from {how}. Hedges' g is the difference in units of the "
                "replicates' standard deviation (about 0.2 small, 0.5 medium, 0.8 large); p is "
                "Welch's two-sided test.</p>")
        header_c = ["scenario", "metric", "scenario mean", f"{scenarios[0]} mean", "difference", "95% CI",
                    "units", "Hedges' g", "p", "runs"]
        for names, folded in ((shown, False), (rest, True)):
            if not names:
                continue
            rows, skipped = _comparison_rows(outcomes[outcomes["metric"].isin(names)], scenarios, method)
            text = _table(header_c, rows, numeric={2, 3, 4, 5, 7, 8}) if rows else ""
            text += "".join(f'<p class="note">Not compared: {_e(t)}</p>' for t in skipped)
            body += _fold(f"The other {len(names)} system metrics", text) if folded else text
        parts.append(_section("comparison", "Comparison", body))

    figures = []
    for start in range(0, len(shown), per_figure):
        chunk = shown[start:start + per_figure]
        figures.append(figure_html(plots.plot_timeseries(frame, chunk, band=band),
                                   alt="Time series of " + ", ".join(chunk)))
    more = (f"<p class=\"muted\">{len(rest)} other system metrics are in the files; draw any of them "
            "with <code>candour-analysis plot FILES -m METRIC -o OUT.png</code> or list them in "
            "<code>report -m</code>.</p>" if rest else "")
    parts.append(_section("timeseries", "Time series",
                          f"<p class=\"muted\">{_e(plots.band_caption(band))} Dotted lines mark "
                          "scheduled changes in the scenario's timeline.</p>" + "".join(figures) + more))

    per_unit = _per_unit_choice(runs, shown)
    if per_unit:
        unit = runs[0].unit_dimension
        figs = "".join(figure_html(plots.plot_per_unit(runs, m), alt=f"{m} across {unit}s") for m in per_unit)
        parts.append(_section("per-unit", f"Across {unit}s",
                              f"<p>How metrics vary between {unit}s: the median {unit} and the middle 80% "
                              f"of {unit}s, in the first run of each scenario. "
                              f"<code>candour-analysis plot FILES --per-unit METRIC</code> draws others.</p>"
                              + figs))

    texts = []
    for scenario in scenarios:
        first = next(r for r in runs if r.label == scenario)
        texts.append(_fold(f"{scenario}: resolved scenario of {first.path.name}",
                           f"<pre>{_e(first.metadata.get('scenario', ''))}</pre>"))
    parts.append(_section("scenarios", "Scenarios",
                          "<p>The full resolved scenario each run was made from: running it again "
                          "with the same seed reproduces the run.</p>" + "".join(texts)))
    return "".join(parts)


# --- sweeps -------------------------------------------------------------------

def default_statistics(sweep: Sweep, limit: int = 4) -> list[str]:
    """The first `limit` final-year means (the outcome policy questions usually ask about) that
    vary across the sweep's finished runs (a constant has no response and no sensitivity)."""
    chosen = [s for s in sweep.statistics if s.endswith(".final_year_mean")] or sweep.statistics
    done = sweep.completed_runs
    varying = [s for s in chosen if done[s].nunique(dropna=True) > 1]
    return (varying or chosen)[:limit]


def sweep_section(sweep: Sweep, statistics: Sequence[str] | None = None, resamples: int = 1000) -> str:
    """The report's part for one sweep file: provenance, design, summary, responses, indices."""
    statistics = list(statistics) if statistics else default_statistics(sweep)
    for s in statistics:
        sweep.check_statistic(s)
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
    summary_rows = []
    for s in statistics:
        v = done_runs[s]
        summary_rows.append([_e(s), _e(plots.unit_text(sweep.units(s))), _number(v.mean()), _number(v.std()),
                             _number(v.min()), _number(v.max())])
    summary = _table(["statistic", "units", "mean over runs", "SD", "lowest", "highest"], summary_rows,
                     numeric={2, 3, 4, 5})
    body = [f"<h3>Provenance</h3>{note}{provenance}", f"<h3>Design</h3>{design}",
            f"<h3>Summary</h3><p>Over the {done} finished runs.</p>{summary}"]

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
            parts.append(f"<h4>{_e(s)}</h4>" + _table(["parameter", "S1", "95% CI", "ST", "95% CI"], rows,
                                                      numeric={1, 2, 3, 4}))
            parts.append(figure_html(plots.plot_sobol(indices), alt=f"Sobol indices of {s}"))
        body.append("<h3>Sensitivity (Sobol)</h3>" + "".join(parts))
    if sweep.design_kind == "morris":
        parts = ["<p>Morris screening: mu* ranks parameters by influence (mean absolute elementary "
                 "effect per full range of the parameter), sigma flags non-linearity or interactions.</p>"]
        for s in statistics:
            indices = sweep.morris(s, resamples=resamples)
            rows = [[_e(p), _number(r.mu_star, 3),
                     f"{_number(r.mu_star_low, 3)} to {_number(r.mu_star_high, 3)}",
                     _number(r.mu, 3), _number(r.sigma, 3)] for p, r in indices.iterrows()]
            parts.append(f"<h4>{_e(s)} ({_e(plots.unit_text(sweep.units(s)))} per full range)</h4>"
                         + _table(["parameter", "mu*", "95% CI", "mu", "sigma"], rows, numeric={1, 2, 3, 4}))
            parts.append(figure_html(plots.plot_morris(indices), alt=f"Morris screening of {s}"))
        body.append("<h3>Sensitivity (Morris)</h3>" + "".join(parts))

    texts = "".join(f"<details><summary>{_e(name)}</summary><pre>{_e(text)}</pre></details>"
                    for name, text in sweep.provenance.items())
    body.append("<h3>Sweep and base scenario</h3>" + texts)
    return _section(anchor, f"Sweep: {sweep.title}", "".join(body))


# --- the page -----------------------------------------------------------------

def build_report(
    paths: Sequence[str | Path],
    title: str = "Candour report",
    metrics: Sequence[str] | None = None,
    statistics: Sequence[str] | None = None,
    method: str = "welch",
    band: str = "ci",
    resamples: int = 1000,
) -> str:
    """The HTML text of a report on run files and/or sweep files."""
    run_paths = [p for p in paths if file_kind(p) == "run"]
    sweep_paths = [p for p in paths if p not in run_paths]
    with warnings.catch_warnings():
        # The report states incompleteness itself, in place.
        warnings.simplefilter("ignore", IncompleteRunWarning)
        warnings.simplefilter("ignore", IncompleteSweepWarning)
        runs = [load_run(p) for p in run_paths]
        sweeps = [load_sweep(p) for p in sweep_paths]
    body = []
    if runs:
        body.append(runs_section(runs, metrics, method, band))
    for sweep in sweeps:
        body.append(sweep_section(sweep, statistics, resamples))
    contents = []
    if runs:
        contents += [("provenance", "Provenance"), ("summary", "Summary")]
        if len({r.label for r in runs}) > 1:
            contents.append(("comparison", "Comparison"))
        contents += [("timeseries", "Time series")]
    for sweep in sweeps:
        anchor = "sweep-" + "".join(c if c.isalnum() else "-" for c in sweep.path.stem)
        contents.append((anchor, f"Sweep: {sweep.title}"))
    toc = "<nav><p>" + " &middot; ".join(f'<a href="#{a}">{_e(t)}</a>' for a, t in contents) + "</p></nav>"
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    inputs = ", ".join(_e(Path(p).name) for p in paths)
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{_e(title)}</title>"
        f"<style>{STYLE}</style></head><body><h1>{_e(title)}</h1>"
        f"<p class=\"muted\">Made {now} by candour-analysis {__version__} from {inputs}.</p>"
        f"{toc}{''.join(body)}</body></html>\n"
    )


def write_report(paths: Sequence[str | Path], out: str | Path, **options) -> Path:
    """Writes the report to `out` and returns its path."""
    out = Path(out)
    out.write_text(build_report(paths, **options), encoding="utf-8")
    return out
