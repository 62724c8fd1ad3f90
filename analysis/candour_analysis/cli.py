"""The `candour-analysis` command: info, plot, compare, response, heatmap, sobol, morris, report.

Exit codes follow `candour`'s: 0 success, 1 runtime failure, 2 bad input
(unreadable file, unknown metric or statistic, bad arguments).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Sequence

from . import __version__

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """A problem with what the user asked for; reported in one line with exit code 2."""


def _show_warning(message, category, filename, lineno, file=None, line=None):
    print(f"candour-analysis: warning: {message}", file=sys.stderr)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, not {text}")
    return value


def _formatter(prog):
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def _load_runs(paths: Sequence[str], label: str | None = None):
    """Run files named on the command line (`FILE` or `FILE:LABEL`); `label` names them all."""
    from .hdf5_files import file_kind
    from .inputs import parse_inputs
    from .runs import load_run

    inputs = parse_inputs(paths)
    for i in inputs:
        if file_kind(i.path) != "run":
            raise BadInput(f"{i.path} is a sweep file; this command takes run files "
                           "(for sweeps: response, heatmap, sobol, morris, report)")
    return [load_run(i.path, label=label or i.label) for i in inputs]


def _load_sweep(path: str):
    from .hdf5_files import file_kind
    from .sweeps import load_sweep

    if file_kind(path) != "sweep":
        raise BadInput(f"{path} is a run file; this command takes a sweep file (for runs: plot, compare)")
    return load_sweep(path)


def _print_table(frame, digits: int = 4) -> None:
    import pandas as pd

    with pd.option_context("display.width", 200, "display.max_columns", 50, "display.max_rows", 500):
        print(frame.to_string(float_format=lambda v: f"{v:.{digits}g}"))


def _check_output(out: str) -> None:
    """A figure's file name must say a format we write; checked before any work is done."""
    from . import plots

    try:
        plots.figure_format(out)
    except ValueError as error:
        raise BadInput(str(error)) from error


def _save(figure, out: str, dpi: int | None = None) -> None:
    from . import plots

    plots.save(figure, out, dpi=dpi)
    print(f"wrote {out}")


# --- commands -------------------------------------------------------------------

def cmd_info(args) -> int:
    from .hdf5_files import file_kind

    for path in args.files:
        if file_kind(path) == "run":
            (run,) = _load_runs([path])
            m = run.metadata
            state = "finished" if run.completed else "INCOMPLETE"
            print(f"{path}: run of scenario '{run.label}' ({run.title}), model {run.model}, seed {run.seed}")
            print(f"  days 0..{run.last_day:g} in {run.rows} rows, {state}; "
                  f"candour {m.get('candour_version')} "
                  f"commit {m.get('git_commit')}, started {m.get('started_at')}")
            for e in run.timeline:
                print(f"  timeline: day {e.day:g} {e.label}")
            for metric in run.metrics.values():
                scope = "system" if metric.scope == "system" else f"per {run.unit_dimension}"
                print(f"  {metric.name:32s} {metric.units:12s} {scope:12s} {metric.description}")
        else:
            sweep = _load_sweep(path)
            done = int(sweep.runs["completed"].sum())
            print(f"{path}: sweep '{sweep.title}', {sweep.design_kind} design, {len(sweep.design)} points x "
                  f"{sweep.replicates} replicates, {done}/{len(sweep.runs)} runs finished")
            for p in sweep.parameters:
                col = sweep.design[p]
                print(f"  axis {p:30s} {sweep.axis_kinds[p]:10s} {col.min():g} .. {col.max():g} "
                      f"({sweep.parameter_units[p]})")
            kinds = list(dict.fromkeys(st.rpartition(".")[2] for st in sweep.statistics))
            metrics = list(dict.fromkeys(st.rpartition(".")[0] for st in sweep.statistics))
            print(textwrap.fill(f"statistics: <metric>.{{{','.join(kinds)}}} for {len(metrics)} metrics: "
                                + ", ".join(metrics), 100, initial_indent="  ", subsequent_indent="    "))
            if sweep.series_metrics:
                print("  kept series: " + ", ".join(sweep.series_metrics))
    return EXIT_OK


def cmd_plot(args) -> int:
    from . import plots
    from .runs import stack_runs, unknown_name

    _check_output(args.output)
    runs = _load_runs(args.files)
    if args.per_unit:
        per_unit = runs[0].per_unit_metrics()
        for metric in args.per_unit:
            if metric not in per_unit:
                hint = (f" ({metric} is a system metric: use -m)" if metric in runs[0].metrics else "")
                raise BadInput(unknown_name(f"per-{runs[0].unit_dimension} metric", metric, per_unit, hint))
        figures = [plots.plot_per_unit(runs, m) for m in args.per_unit]
        outs = _outputs(args.output, len(figures))
        for figure, out in zip(figures, outs):
            _save(figure, out, args.dpi)
        return EXIT_OK
    frame = stack_runs(runs)
    known = list(dict.fromkeys(frame["metric"]))
    metrics = args.metric or (runs[0].headline_metrics() or runs[0].system_metrics())[:6]
    for m in metrics:
        if m not in known:
            hint = (f" (a per-{runs[0].unit_dimension} metric: use --per-unit)"
                    if m in runs[0].metrics else "")
            raise BadInput(unknown_name("system metric", m, known, hint))
    _save(plots.plot_timeseries(frame, metrics, band=args.band, title=args.title), args.output, args.dpi)
    return EXIT_OK


def _outputs(out: str, count: int) -> list[str]:
    if count == 1:
        return [out]
    path = Path(out)
    return [str(path.with_name(f"{path.stem}_{i + 1}{path.suffix}")) for i in range(count)]


def _one_variant(runs, side: str) -> None:
    """Every run of one side of a comparison must have the same parameters (be replicates)."""
    from .runs import differences_text, parameter_groups

    groups, keys = parameter_groups(runs)
    if len(groups) > 1:
        raise BadInput(f"the {side} runs are not replicates of one variant: they differ in "
                       f"{differences_text(groups, keys)}; compare one variant per side "
                       "(name variants with FILE:LABEL or `candour run --label`)")


def _side_names(runs_a, runs_b, name_a: str | None, name_b: str | None) -> tuple[str, str]:
    """Names for A and B: as given, else their labels; two variants of one label are told apart
    by the parameters they differ in."""
    from .runs import parameter_groups, variant_name

    a, b = name_a or runs_a[0].label, name_b or runs_b[0].label
    if a == b:
        _, keys = parameter_groups([runs_a[0], runs_b[0]])
        if keys and not name_a:
            a = variant_name(a, runs_a[0], keys)
        if keys and not name_b:
            b = variant_name(b, runs_b[0], keys)
        if a == b:
            b = f"{b} (against)"
    return a, b


def _ensemble_outcomes(runs, days: int):
    """Final-year outcomes of ensemble runs, one row per run and metric, with member and seed."""
    import pandas as pd

    from .runs import final_year_outcomes, stack_runs

    parts = []
    for run in runs:
        out = final_year_outcomes(stack_runs([run]), days)
        out["member"] = int(run.metadata["ensemble_member"])
        parts.append(out)
    return pd.concat(parts, ignore_index=True)


def cmd_compare_ensemble(args, runs_a, runs_b) -> int:
    """compare for `candour run --ensemble` files: A - B paired by member and seed, with an
    interval from parameter and seed uncertainty and the share of each."""
    from .parameter_uncertainty import compare_ensemble
    from .runs import outcome_rule, unknown_name

    a, b = _ensemble_outcomes(runs_a, args.days), _ensemble_outcomes(runs_b, args.days)
    known = list(dict.fromkeys(a["metric"]))
    for m in args.metric or []:
        if m not in known:
            raise BadInput(unknown_name("system metric", m, known))
    metrics = args.metric or known
    name_a, name_b = args.name_a or runs_a[0].label, args.name_b or runs_b[0].label
    try:
        table = compare_ensemble(a, b, metrics, args.confidence)
    except ValueError as error:
        raise BadInput(str(error)) from error
    if table.empty:
        raise BadInput("no run of A has a run of B with the same member and seed to pair with")
    members, seeds = int(table["members"].iloc[0]), int(table["seeds"].iloc[0])
    print(f"{name_a} minus {name_b} over {members} ensemble members x {seeds} seeds, paired by member "
          f"and seed: {outcome_rule(args.days)}; {args.confidence:.0%} interval of one run's effect "
          f"from parameter and seed variance (normal), and each one's share of that variance")
    shown = table[["metric", "statistic", "mean_a", "mean_b", "estimate", "low", "high",
                   "parameter_share", "seed_share"]].rename(columns={
                       "mean_a": f"mean {name_a}", "mean_b": f"mean {name_b}", "statistic": "outcome",
                       "estimate": "effect", "parameter_share": "parameters", "seed_share": "seeds"})
    _print_table(shown.set_index("metric"))
    if args.csv:
        table.to_csv(args.csv, index=False)
        print(f"wrote {args.csv}")
    return EXIT_OK


def cmd_compare(args) -> int:
    from . import stats
    from .parameter_uncertainty import ensemble_runs
    from .runs import final_year_outcomes, outcome_rule, stack_runs, unknown_name

    runs_a, runs_b = _load_runs(args.files), _load_runs(args.against)
    if ensemble_runs(runs_a) and ensemble_runs(runs_b):
        return cmd_compare_ensemble(args, runs_a, runs_b)
    _one_variant(runs_a, "A")
    _one_variant(runs_b, "--against")
    name_a, name_b = _side_names(runs_a, runs_b, args.name_a, args.name_b)
    runs = _load_runs(args.files, label=name_a) + _load_runs(args.against, label=name_b)
    frame = stack_runs(runs)
    known = list(dict.fromkeys(frame["metric"]))
    for m in args.metric or []:
        if m not in known:
            hint = (f" (a per-{runs[0].unit_dimension} metric; compare takes system metrics)"
                    if m in runs[0].metrics else "")
            raise BadInput(unknown_name("system metric", m, known, hint))
    outcomes = final_year_outcomes(frame, args.days)
    metrics = args.metric or known
    empty = stats.without_data(outcomes, [name_a, name_b], metrics)
    if empty and args.metric:
        raise BadInput(f"no comparison for {', '.join(empty)}: it needs a value in at least 2 runs "
                       "per side, and the metric is undefined (NaN) in the others (e.g. a share of "
                       "events that never happened)")
    if empty:
        print(f"candour-analysis compare: note: {len(empty)} metric(s) left out, undefined (NaN) "
              f"in all but at most one run of a side: {', '.join(empty)}", file=sys.stderr)
        metrics = [m for m in metrics if m not in empty]
    try:
        table = stats.compare_outcomes(outcomes, name_a, name_b, metrics, method=args.method,
                                       confidence=args.confidence, resamples=args.resamples)
    except ValueError as error:
        raise BadInput(str(error)) from error
    how = ("Welch t interval" if args.method == "welch"
           else f"BCa bootstrap interval, {args.resamples} resamples")
    print(f"{name_a} (n = {len(runs_a)}) minus {name_b} (n = {len(runs_b)}): {outcome_rule(args.days)}; "
          f"{args.confidence:.0%} CI by {how}; Hedges' g; Welch p")
    shown = table[["metric", "statistic", "units", "mean_a", "mean_b", "difference", "ci_low", "ci_high",
                   "hedges_g", "p_value"]]
    shown = shown.rename(columns={"mean_a": f"mean {name_a}", "mean_b": f"mean {name_b}",
                                  "statistic": "outcome"})
    _print_table(shown.set_index("metric"))
    if args.csv:
        table.to_csv(args.csv, index=False)
        print(f"wrote {args.csv}")
    return EXIT_OK


def _statistics(sweep, asked: Sequence[str] | None) -> list[str]:
    """Statistics named by the user (a bare metric name means its final-year statistic), else
    every final-year statistic."""
    if asked:
        try:
            return [sweep.resolve(s) for s in asked]
        except KeyError as error:
            raise BadInput(error.args[0]) from error
    finals = [s for s in sweep.statistics if s.endswith((".final_year_mean", ".final_year_count"))]
    return finals or sweep.statistics


def _parameter(sweep, name: str) -> str:
    try:
        sweep.check_parameter(name)
    except KeyError as error:
        raise BadInput(error.args[0]) from error
    return name


def cmd_response(args) -> int:
    from . import plots

    _check_output(args.output)
    sweep = _load_sweep(args.sweep)
    (statistic,) = _statistics(sweep, [args.statistic])
    axis = _parameter(sweep, args.axis or sweep.parameters[0])
    by = _parameter(sweep, args.by) if args.by else None
    _save(plots.plot_response(sweep, statistic, axis, by=by), args.output, args.dpi)
    return EXIT_OK


def cmd_heatmap(args) -> int:
    from . import plots

    _check_output(args.output)
    sweep = _load_sweep(args.sweep)
    if len(sweep.parameters) < 2:
        raise BadInput(f"{args.sweep} varies one parameter; a heat map needs two (use response)")
    (statistic,) = _statistics(sweep, [args.statistic])
    x = _parameter(sweep, args.x or sweep.parameters[0])
    y = _parameter(sweep, args.y or sweep.parameters[1])
    _save(plots.plot_heatmap(sweep, statistic, x, y), args.output, args.dpi)
    return EXIT_OK


def _indices(args, kind: str) -> int:
    import pandas as pd

    from . import plots

    if args.plot:
        _check_output(args.plot)
    sweep = _load_sweep(args.sweep)
    if sweep.design_kind != kind:
        what = "Sobol" if kind == "saltelli" else "Morris"
        raise BadInput(f"{args.sweep} has a {sweep.design_kind} design; {what} indices need a {kind} design "
                       f"([design] kind = \"{kind}\" in the sweep file)")
    tables = []
    for index, statistic in enumerate(_statistics(sweep, args.statistic)):
        compute = sweep.sobol if kind == "saltelli" else sweep.morris
        try:
            result = compute(statistic, resamples=args.resamples, seed=args.seed)
        except ValueError as error:
            if args.statistic:  # asked for by name: an error that says why
                raise
            # Among every final-year statistic some are undefined (NaN) in every run: say so, go on.
            print(f"\n{statistic}: skipped: {error}")
            continue
        if kind == "saltelli":
            used, planned = result.attrs["base_samples"], result.attrs["planned_base_samples"]
            partial = f" of {planned} (the others have unfinished runs)" if used < planned else ""
            print(f"\n{statistic} ({sweep.units(statistic)}): Sobol indices, N = {used}{partial} "
                  f"base samples, 95% percentile bootstrap intervals ({args.resamples} resamples)")
        else:
            units = plots.unit_text(sweep.units(statistic))
            print(f"\n{statistic}: Morris elementary effects in {units} per full range "
                  f"of each parameter, 95% bootstrap interval of mu* ({args.resamples} resamples)")
        if result.attrs.get("constant"):
            print("the same value in every run: no variance to apportion, so no Sobol indices")
            continue
        _print_table(result, 3)
        if "second_order" in result.attrs:
            print("second-order indices S2 (the share due to the pair's interaction alone):")
            _print_table(result.attrs["second_order"].set_index(["parameter", "with"]), 3)
        for note in result.attrs.get("warnings", []):
            print(f"note: {note}")
        tables.append(result.reset_index().assign(statistic=statistic))
        if args.plot:
            figure = plots.plot_sobol(result) if kind == "saltelli" else plots.plot_morris(result)
            outs = _outputs(args.plot, len(_statistics(sweep, args.statistic)))
            _save(figure, outs[index], args.dpi)
    if args.csv:
        pd.concat(tables, ignore_index=True).to_csv(args.csv, index=False)
        print(f"wrote {args.csv}")
    return EXIT_OK


def cmd_sensitivity(args) -> int:
    """Whatever the design allows: variance shares (grid), given-data first-order indices (Latin
    hypercube), Sobol (Saltelli) or Morris."""
    import pandas as pd

    sweep = _load_sweep(args.sweep)
    if sweep.design_kind in ("saltelli", "morris"):
        return _indices(args, sweep.design_kind)
    if args.plot:
        raise BadInput("--plot draws Sobol and Morris indices; for a grid use heatmap or response")
    tables = []
    for statistic in _statistics(sweep, args.statistic):
        try:
            result = (sweep.variance_shares(statistic) if sweep.design_kind == "grid"
                      else sweep.first_order(statistic))
        except ValueError as error:
            print(f"\n{statistic}: {error}")
            continue
        if sweep.design_kind == "grid":
            print(f"\n{statistic} ({sweep.units(statistic)}): share of the variance over the {result.attrs['points']} "
                  "grid points (each its replicates' mean) explained by each axis alone")
            _print_table(result, 3)
            print(f"interactions between the axes: {result.attrs['interactions']:.3g}")
        else:
            print(f"\n{statistic} ({sweep.units(statistic)}): first-order indices from the {result.attrs['runs']} "
                  f"runs of the {sweep.design_kind} design (correlation ratio in {result.attrs['bins']} bins)")
            _print_table(result, 3)
        for note in result.attrs.get("warnings", []):
            print(f"note: {note}")
        tables.append(result.reset_index().assign(statistic=statistic))
    if args.csv and tables:
        pd.concat(tables, ignore_index=True).to_csv(args.csv, index=False)
        print(f"wrote {args.csv}")
    return EXIT_OK


def cmd_sobol(args) -> int:
    return _indices(args, "saltelli")


def cmd_morris(args) -> int:
    return _indices(args, "morris")


def cmd_report(args) -> int:
    from .report import write_report

    out = write_report(args.files, args.output, title=args.title, metrics=args.metric,
                       statistics=args.statistic, method=args.method, band=args.band,
                       resamples=args.resamples)
    print(f"wrote {out}")
    return EXIT_OK


# --- parser ---------------------------------------------------------------------

def _sensitivity_options(p) -> None:
    """What sobol, morris and sensitivity share."""
    p.add_argument("sweep", metavar="SWEEP.h5")
    p.add_argument("-s", "--statistic", action="append",
                   help="statistic, or a metric for its final-year statistic (repeatable; default: every "
                        "final-year statistic)")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--plot", metavar="OUT.png",
                   help="also draw Sobol or Morris indices (one file per statistic)")
    p.add_argument("--dpi", type=_positive_int, help="resolution of a PNG (default 100)")
    p.add_argument("--csv", metavar="OUT.csv", help="also write the indices as CSV")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="candour-analysis",
        description="Read, plot and analyse Candour's HDF5 run and sweep files.",
        epilog="Exit codes: 0 success, 1 runtime failure, 2 bad input.\n"
               "Guide: docs/analysis.md. Each command has --help.",
        formatter_class=_formatter,
    )
    parser.add_argument("--version", action="version", version=f"candour-analysis {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name, help, description, epilog):
        return sub.add_parser(name, help=help, description=description, epilog=epilog,
                              formatter_class=_formatter)

    p = command("info", "say what a run or sweep file holds",
                "Print a file's provenance, metrics (units, meaning) or design, and whether it is complete.",
                "Example: candour-analysis info out/baseline.h5")
    p.add_argument("files", nargs="+", metavar="FILE.h5")
    p.set_defaults(run=cmd_info)

    p = command("plot", "time series of runs, replicate mean and 95%% band per scenario",
                "Plot system metrics over time (years): one panel per metric, one colour per variant,\n"
                "the mean over each variant's replicates with a band. A run's variant is FILE:LABEL's\n"
                "label, else `candour run --label`, else its scenario file's name; runs whose\n"
                "parameters differ are never pooled. Give every replicate of every variant at once.",
                "Examples:\n"
                "  candour-analysis plot out/baseline_*.h5 out/mid_staffs_*.h5 -m harm_rate -o harm.png\n"
                "  candour-analysis plot out/baseline.h5 out/strict.h5:strict -m harm_rate -o harm.pdf\n"
                "  candour-analysis plot out/baseline_1.h5 --per-unit fear_mean_clinicians_by_trust "
                "-o fear.png")
    p.add_argument("files", nargs="+", metavar="RUN.h5")
    p.add_argument("-m", "--metric", action="append",
                   help="system metric to plot (repeatable; default: the model's first 6 headline metrics)")
    p.add_argument("--per-unit", action="append", metavar="METRIC",
                   help="plot a per-trust metric's spread across trusts instead (repeatable)")
    p.add_argument("--band", choices=["ci", "spread", "none"], default="ci",
                   help="ci: 95%% confidence interval of the mean (default); "
                        "spread: middle 95%% of replicates")
    p.add_argument("--title", help="figure title")
    p.add_argument("-o", "--output", required=True, metavar="OUT.png",
                   help="figure file: .png, or vector .pdf, .svg, .eps")
    p.add_argument("--dpi", type=_positive_int, help="resolution of a PNG (default 100; 300 for print)")
    p.set_defaults(run=cmd_plot)

    p = command("compare", "compare two scenarios' replicates: difference, 95%% CI, effect size",
                "Compare scenario A's replicate runs with scenario B's on each metric's final-year mean\n"
                "(the mean over each run's last 365 days): the difference A - B with a 95% confidence\n"
                "interval (Welch's t interval, or a BCa bootstrap), Hedges' g and Welch's p. Runs of a\n"
                "calibrated ensemble (candour run --ensemble) are paired by member and seed instead, and\n"
                "the interval splits into a parameter and a seed share.",
                "Example: candour-analysis compare out/francis_*.h5 --against out/baseline_*.h5 -m harm_rate")
    p.add_argument("files", nargs="+", metavar="A.h5")
    p.add_argument("--against", nargs="+", required=True, metavar="B.h5")
    p.add_argument("-m", "--metric", action="append", help="system metric (repeatable; default: all)")
    p.add_argument("--method", choices=["welch", "bootstrap"], default="welch")
    p.add_argument("--days", type=int, default=365, help="length of the final window in days (default 365)")
    p.add_argument("--confidence", type=float, default=0.95)
    p.add_argument("--resamples", type=int, default=9999, help="bootstrap resamples (default 9999)")
    p.add_argument("--name-a", help="name for A (default: its scenario)")
    p.add_argument("--name-b", help="name for B (default: its scenario)")
    p.add_argument("--csv", metavar="OUT.csv", help="also write the full table as CSV")
    p.set_defaults(run=cmd_compare)

    p = command("response", "a sweep's output against one axis, with replicate bands",
                "Plot a summary statistic of a sweep against one of its axes: mean over the runs at each\n"
                "level (grid) or in each tenth of the axis (sampled designs), with a 95% band.",
                "Example: candour-analysis response out/surveillance.h5 -s harm_rate "
                "--axis regulator.surveillance_intensity -o surveillance.png")
    p.add_argument("sweep", metavar="SWEEP.h5")
    p.add_argument("-s", "--statistic", required=True,
                   help="<metric>.final_year_mean, .run_mean, .final; a running total's "
                        ".final_year_count; a bare metric name means its final-year statistic")
    p.add_argument("--axis", help="parameter on the x axis (default: the first axis)")
    p.add_argument("--by", help="one line per level of this second axis")
    p.add_argument("-o", "--output", required=True, metavar="OUT.png",
                   help="figure file: .png, or vector .pdf, .svg, .eps")
    p.add_argument("--dpi", type=_positive_int, help="resolution of a PNG (default 100)")
    p.set_defaults(run=cmd_response)

    p = command("heatmap", "a grid sweep's output over two axes",
                "Heat map of a summary statistic over two axes of a grid sweep (mean over replicates).",
                "Example: candour-analysis heatmap out/pressure_openness.h5 -s harm_rate -o grid.png")
    p.add_argument("sweep", metavar="SWEEP.h5")
    p.add_argument("-s", "--statistic", required=True, help="as for response")
    p.add_argument("-x", help="parameter across (default: the first axis)")
    p.add_argument("-y", help="parameter up (default: the second axis)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.png",
                   help="figure file: .png, or vector .pdf, .svg, .eps")
    p.add_argument("--dpi", type=_positive_int, help="resolution of a PNG (default 100)")
    p.set_defaults(run=cmd_heatmap)

    for name, kind, what in (("sobol", "saltelli", "Sobol first-order and total indices"),
                             ("morris", "morris", "Morris mu*, mu and sigma")):
        p = command(name, f"{what} from a {kind} sweep",
                    f"{what} of summary statistics from a sweep with a {kind} design, with 95% bootstrap\n"
                    "intervals. Each design point's output is the mean over its finished replicates.\n"
                    + ("Estimators: Saltelli et al. (2010) first order, Jansen (1999) total."
                       if kind == "saltelli" else "Effects are per full range of each parameter."),
                    f"Example: candour-analysis {name} out/policy_{name}.h5 -s harm_rate.final_year_mean "
                    f"--plot {name}.png")
        _sensitivity_options(p)
        p.set_defaults(run=cmd_sobol if name == "sobol" else cmd_morris)

    p = command("sensitivity", "sensitivity of a sweep's outputs to its axes, for any design",
                "How much each axis drives each output, by what the design allows: variance shares of\n"
                "the main effects (grid: balanced ANOVA over the point means), first-order indices\n"
                "from the runs (Latin hypercube: correlation ratio), Sobol first, total and, with\n"
                "second_order, second-order indices (Saltelli), or Morris mu*, mu, sigma (Morris).\n"
                "Notes say when the design is too small to say much.",
                "Examples:\n"
                "  candour-analysis sensitivity out/pressure_openness.h5 -s harm_rate\n"
                "  candour-analysis sensitivity out/policy_sobol.h5 -s harm_rate -s perception_gap")
    _sensitivity_options(p)
    p.set_defaults(run=cmd_sensitivity)

    p = command("report", "a self-contained HTML report on runs and/or sweeps",
                "Write one HTML page (figures inlined) with provenance, a summary table with units,\n"
                "comparisons of each scenario against the first, time series, spread across trusts,\n"
                "and for sweeps their design, responses and sensitivity indices.",
                "Example: candour-analysis report out/baseline_*.h5 out/francis_*.h5 -o report.html")
    p.add_argument("files", nargs="+", metavar="RUN_OR_SWEEP.h5")
    p.add_argument("-o", "--output", required=True, metavar="OUT.html")
    p.add_argument("--title", default="Candour report")
    p.add_argument("-m", "--metric", action="append",
                   help="run metrics to show (default: the model's headline metrics, "
                        "all others in a folded table)")
    p.add_argument("-s", "--statistic", action="append",
                   help="sweep statistics to include (default: the first 4 final-year means)")
    p.add_argument("--method", choices=["welch", "bootstrap"], default="welch")
    p.add_argument("--band", choices=["ci", "spread", "none"], default="ci")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples for sensitivity indices")
    p.set_defaults(run=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    warnings.showwarning = _show_warning
    from .hdf5_files import FormatError

    try:
        return args.run(args)
    except (BadInput, FormatError, FileNotFoundError, KeyError, ValueError) as error:
        # ValueError: data that cannot answer the question (too few replicates, an undefined
        # metric, a design of the wrong kind); the message says which.
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"candour-analysis {args.command}: error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # anything else is ours: say so, with the type for a bug report
        print(f"candour-analysis {args.command}: failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILURE
