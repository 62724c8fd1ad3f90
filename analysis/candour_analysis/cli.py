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


def _formatter(prog):
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def _load_runs(paths: Sequence[str], label: str | None = None):
    from .hdf5_files import file_kind
    from .runs import load_run

    for p in paths:
        if file_kind(p) != "run":
            raise BadInput(f"{p} is a sweep file; this command takes run files "
                           "(for sweeps: response, heatmap, sobol, morris, report)")
    return [load_run(p, label=label) for p in paths]


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


def _save(figure, out: str) -> None:
    from . import plots

    plots.save(figure, out)
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
    from .runs import stack_runs

    runs = _load_runs(args.files)
    if args.per_unit:
        for metric in args.per_unit:
            if metric not in runs[0].per_unit_metrics():
                raise BadInput(f"no per-{runs[0].unit_dimension} metric {metric!r}; the runs have "
                               + ", ".join(runs[0].per_unit_metrics()))
        figures = [plots.plot_per_unit(runs, m) for m in args.per_unit]
        outs = _outputs(args.output, len(figures))
        for figure, out in zip(figures, outs):
            _save(figure, out)
        return EXIT_OK
    frame = stack_runs(runs)
    known = set(frame["metric"])
    metrics = args.metric or (runs[0].headline_metrics() or runs[0].system_metrics())[:6]
    for m in metrics:
        if m not in known:
            hint = (f" (a per-{runs[0].unit_dimension} metric: use --per-unit)"
                    if m in runs[0].metrics else "")
            raise BadInput(f"no system metric {m!r}{hint}; the runs have {', '.join(sorted(known))}")
    _save(plots.plot_timeseries(frame, metrics, band=args.band, title=args.title), args.output)
    return EXIT_OK


def _outputs(out: str, count: int) -> list[str]:
    if count == 1:
        return [out]
    path = Path(out)
    return [str(path.with_name(f"{path.stem}_{i + 1}{path.suffix}")) for i in range(count)]


def cmd_compare(args) -> int:
    from . import stats
    from .runs import final_year_means, stack_runs

    first_a = _load_runs(args.files[:1])[0].label
    first_b = _load_runs(args.against[:1])[0].label
    name_a = args.name_a or first_a
    name_b = args.name_b or (first_b if first_b != name_a else f"{first_b} (against)")
    runs = _load_runs(args.files, label=name_a) + _load_runs(args.against, label=name_b)
    frame = stack_runs(runs)
    metrics = args.metric or list(dict.fromkeys(frame["metric"]))
    missing = [m for m in metrics if m not in set(frame["metric"])]
    if missing:
        raise BadInput(f"no system metric {missing}; the runs have {', '.join(sorted(set(frame['metric'])))}")
    outcomes = final_year_means(frame, args.days)
    try:
        table = stats.compare_outcomes(outcomes, name_a, name_b, metrics, method=args.method,
                                       confidence=args.confidence, resamples=args.resamples)
    except ValueError as error:
        raise BadInput(str(error)) from error
    how = ("Welch t interval" if args.method == "welch"
           else f"BCa bootstrap interval, {args.resamples} resamples")
    print(f"{name_a} (n = {len(args.files)}) minus {name_b} (n = {len(args.against)}): mean over the last "
          f"{args.days} days of each run; {args.confidence:.0%} CI by {how}; Hedges' g; Welch p")
    shown = table[["metric", "units", "mean_a", "mean_b", "difference", "ci_low", "ci_high", "hedges_g",
                   "p_value"]]
    shown = shown.rename(columns={"mean_a": f"mean {name_a}", "mean_b": f"mean {name_b}"})
    _print_table(shown.set_index("metric"))
    if args.csv:
        table.to_csv(args.csv, index=False)
        print(f"wrote {args.csv}")
    return EXIT_OK


def _statistics(sweep, asked: Sequence[str] | None) -> list[str]:
    if asked:
        for s in asked:
            if s not in sweep.statistics:
                raise BadInput(f"no statistic {s!r} in {sweep.path}; it has {', '.join(sweep.statistics)}")
        return list(asked)
    return [s for s in sweep.statistics if s.endswith(".final_year_mean")] or sweep.statistics


def _parameter(sweep, name: str) -> str:
    if name not in sweep.parameters:
        raise BadInput(f"no axis {name!r} in {sweep.path}; the sweep varies {', '.join(sweep.parameters)}")
    return name


def cmd_response(args) -> int:
    from . import plots

    sweep = _load_sweep(args.sweep)
    (statistic,) = _statistics(sweep, [args.statistic])
    axis = _parameter(sweep, args.axis or sweep.parameters[0])
    by = _parameter(sweep, args.by) if args.by else None
    _save(plots.plot_response(sweep, statistic, axis, by=by), args.output)
    return EXIT_OK


def cmd_heatmap(args) -> int:
    from . import plots

    sweep = _load_sweep(args.sweep)
    if len(sweep.parameters) < 2:
        raise BadInput(f"{args.sweep} varies one parameter; a heat map needs two (use response)")
    (statistic,) = _statistics(sweep, [args.statistic])
    x = _parameter(sweep, args.x or sweep.parameters[0])
    y = _parameter(sweep, args.y or sweep.parameters[1])
    _save(plots.plot_heatmap(sweep, statistic, x, y), args.output)
    return EXIT_OK


def _indices(args, kind: str) -> int:
    import pandas as pd

    from . import plots

    sweep = _load_sweep(args.sweep)
    if sweep.design_kind != kind:
        what = "Sobol" if kind == "saltelli" else "Morris"
        raise BadInput(f"{args.sweep} has a {sweep.design_kind} design; {what} indices need a {kind} design "
                       f"([design] kind = \"{kind}\" in the sweep file)")
    tables = []
    for index, statistic in enumerate(_statistics(sweep, args.statistic)):
        compute = sweep.sobol if kind == "saltelli" else sweep.morris
        result = compute(statistic, resamples=args.resamples, seed=args.seed)
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
        tables.append(result.reset_index().assign(statistic=statistic))
        if args.plot:
            figure = plots.plot_sobol(result) if kind == "saltelli" else plots.plot_morris(result)
            outs = _outputs(args.plot, len(_statistics(sweep, args.statistic)))
            _save(figure, outs[index])
    if args.csv:
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
                "Plot system metrics over time (years): one panel per metric, one colour per scenario,\n"
                "the mean over each scenario's replicates with a band. Scenarios are named after their\n"
                "scenario files; give every replicate of every scenario at once.",
                "Examples:\n"
                "  candour-analysis plot out/baseline_*.h5 out/mid_staffs_*.h5 -m harm_rate -o harm.png\n"
                "  candour-analysis plot out/baseline_1.h5 --per-unit trust_fear -o fear.png")
    p.add_argument("files", nargs="+", metavar="RUN.h5")
    p.add_argument("-m", "--metric", action="append",
                   help="system metric to plot (repeatable; default: the model's first 6 headline metrics)")
    p.add_argument("--per-unit", action="append", metavar="METRIC",
                   help="plot a per-trust metric's spread across trusts instead (repeatable)")
    p.add_argument("--band", choices=["ci", "spread", "none"], default="ci",
                   help="ci: 95%% confidence interval of the mean (default); "
                        "spread: middle 95%% of replicates")
    p.add_argument("--title", help="figure title")
    p.add_argument("-o", "--output", required=True, metavar="OUT.png")
    p.set_defaults(run=cmd_plot)

    p = command("compare", "compare two scenarios' replicates: difference, 95%% CI, effect size",
                "Compare scenario A's replicate runs with scenario B's on each metric's final-year mean\n"
                "(the mean over each run's last 365 days): the difference A - B with a 95% confidence\n"
                "interval (Welch's t interval, or a BCa bootstrap), Hedges' g and Welch's p.",
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
                "Example: candour-analysis response out/surveillance.h5 -s harm_rate.final_year_mean "
                "--axis regulator.surveillance -o u.png")
    p.add_argument("sweep", metavar="SWEEP.h5")
    p.add_argument("-s", "--statistic", required=True, help="e.g. <metric>.final_year_mean")
    p.add_argument("--axis", help="parameter on the x axis (default: the first axis)")
    p.add_argument("--by", help="one line per level of this second axis")
    p.add_argument("-o", "--output", required=True, metavar="OUT.png")
    p.set_defaults(run=cmd_response)

    p = command("heatmap", "a grid sweep's output over two axes",
                "Heat map of a summary statistic over two axes of a grid sweep (mean over replicates).",
                "Example: candour-analysis heatmap out/grid.h5 -s harm_rate.final_year_mean -o grid.png")
    p.add_argument("sweep", metavar="SWEEP.h5")
    p.add_argument("-s", "--statistic", required=True)
    p.add_argument("-x", help="parameter across (default: the first axis)")
    p.add_argument("-y", help="parameter up (default: the second axis)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.png")
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
        p.add_argument("sweep", metavar="SWEEP.h5")
        p.add_argument("-s", "--statistic", action="append",
                       help="statistic (repeatable; default: every <metric>.final_year_mean)")
        p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default 1000)")
        p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
        p.add_argument("--plot", metavar="OUT.png", help="also draw the indices (one file per statistic)")
        p.add_argument("--csv", metavar="OUT.csv", help="also write the indices as CSV")
        p.set_defaults(run=cmd_sobol if name == "sobol" else cmd_morris)

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
