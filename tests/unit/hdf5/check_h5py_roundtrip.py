#!/usr/bin/python3
"""h5py reads a toy run written by RunWriter exactly as docs/file-format.md says.

Runs candour_write_toy_run (which also dumps every recorded row to CSV at full
precision), then checks with h5py alone: shapes, units and descriptions,
dimension scales, chunking and compression, provenance attributes, the
parameter and timing tables, and that every value equals the CSV's.
"""
import argparse
import pathlib
import re
import subprocess
import sys

import h5py
import numpy as np

DAYS, RECORD_EVERY, FLUSH_EVERY, AGENTS = 60, 2, 7, 1500
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def read_csv(path):
    header = path.read_text().splitlines()[0].split(",")
    values = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return header, values


def columns_of(header, metric):
    """Indices of a metric's CSV columns: 'name' or 'name[0]', 'name[1]', ..."""
    exact = [i for i, h in enumerate(header) if h == metric]
    return exact or [i for i, h in enumerate(header) if h.startswith(metric + "[")]


def decode(table):
    """A compound table as a dict of columns, strings decoded (h5py gives bytes)."""
    return {
        name: [v.decode() if isinstance(v, bytes) else v for v in table[name]]
        for name in table.dtype.names
    }


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    work = pathlib.Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    h5_path, csv_path = work / "roundtrip.h5", work / "roundtrip.csv"
    subprocess.run(
        [args.tool, str(h5_path), "--csv", str(csv_path), "--threads", "2",
         "--days", str(DAYS), "--record-every", str(RECORD_EVERY),
         "--flush-every", str(FLUSH_EVERY), "--agents", str(AGENTS)],
        check=True)
    header, csv = read_csv(csv_path)
    rows = DAYS // RECORD_EVERY + 1

    with h5py.File(h5_path, "r") as f:
        # Provenance: strings come back as str (variable-length UTF-8).
        a = f.attrs
        check(a["completed"] == 1, "completed must be 1 after finish()")
        check(a["format_version"] == 1, "format_version")
        for key in ("candour_version", "git_commit", "model", "scenario_file", "scenario",
                    "host", "command_line", "started_at", "finished_at", "unit_dimension"):
            check(isinstance(a[key], str), f"attribute {key} should read as str, got {type(a[key])}")
        check(a["model"] == "toy", "model")
        check(a["unit_dimension"] == "group", "unit_dimension")
        check("days = 60" in a["scenario"], "scenario text")
        check(ISO_UTC.match(a["started_at"]) and ISO_UTC.match(a["finished_at"]), "ISO 8601 UTC times")
        check(a["started_at"] <= a["finished_at"], "started before finished")
        check(a["seed"] == 1 and a["threads"] == 2 and a["ranks"] == 1, "seed, threads, ranks")
        check(a["wall_seconds"] > 0, "wall_seconds")
        check(a["agent_slots"] == AGENTS, f"agent_slots {a['agent_slots']}, expected {AGENTS}")
        check(a["burn_in_days"] == 0 and 0 <= a["burn_in_seconds"] <= a["wall_seconds"],
              "the toy has no burn-in")
        check(len(a["extends_chain"]) == 0, "extends_chain is an empty array here")

        # Axes: /time and /group are dimension scales.
        time = f["time"]
        check(time.shape == (rows,) and time.dtype == np.float64, f"/time shape {time.shape}")
        check(time.attrs["units"] == "day", "/time units")
        check(time.maxshape == (None,), "/time is extendible")
        check(h5py.h5ds.is_scale(time.id), "/time is a dimension scale")
        check(np.array_equal(time[()], csv[:, 0]), "/time equals the CSV times")
        check(np.array_equal(time[()], np.arange(0, DAYS + 1, RECORD_EVERY)), "/time values")
        group = f["group"]
        check(h5py.h5ds.is_scale(group.id), "/group is a dimension scale")
        check(np.array_equal(group[()], np.arange(8)), "/group is 0..units-1")

        # Metrics: one dataset per declared metric, in the CSV header's order.
        metric_names = list(dict.fromkeys(re.sub(r"\[\d+\]$", "", h) for h in header[1:]))
        check(sorted(metric_names) == sorted(f["metrics"].keys()),
              f"metrics {sorted(f['metrics'].keys())} vs CSV {metric_names}")
        for name in metric_names:
            ds = f["metrics"][name]
            cols = columns_of(header, name)
            scope = ds.attrs["scope"]
            check(ds.attrs["units"] != "" and ds.attrs["description"] != "", f"{name} metadata")
            if scope == "system":
                check(ds.shape == (rows,) and len(cols) == 1, f"{name} shape {ds.shape}")
                expected = csv[:, cols[0]]
            else:
                check(scope == "per_unit" and ds.shape == (rows, 8), f"{name} shape {ds.shape}")
                expected = csv[:, cols]
                check(h5py.h5ds.is_attached(ds.id, group.id, 1), f"{name} dim 1 -> /group")
                check(ds.dims[1][0].name == "/group" and ds.dims[1].label == "group", f"{name} dim 1")
            check(h5py.h5ds.is_attached(ds.id, time.id, 0), f"{name} dim 0 -> /time")
            check(ds.dims[0][0].name == "/time" and ds.dims[0].label == "time", f"{name} dim 0")
            check(ds.maxshape[0] is None and ds.chunks[0] == 4, f"{name} chunking {ds.chunks}")
            check(ds.compression == "gzip" and ds.compression_opts == 1 and ds.shuffle,
                  f"{name} compression")
            check(np.array_equal(ds[()], expected), f"{name} values differ from the CSV")

        # Declared units of the toy model's metrics.
        m = f["metrics"]
        check(m["mean_level"].attrs["units"] == "1" and m["shocks"].attrs["units"] == "event",
              "toy metric units")
        # Invariants of the toy model: cumulative shocks never fall; weeks count days / 7.
        check(np.all(np.diff(m["shocks"][()]) >= 0), "shocks is cumulative")
        check(np.array_equal(m["weeks"][()], np.floor(time[()] / 7)), "weeks == floor(t / 7)")

        params = decode(f["parameters"][()])
        lookup = {n: (v, u, t) for n, v, u, t in
                  zip(params["name"], params["value"], params["unit"], params["type"])}
        check(lookup["toy.agents"] == (AGENTS, "agent", "integer"), f"toy.agents {lookup['toy.agents']}")
        check(lookup["run.days"][0] == DAYS and lookup["toy.pull"][2] == "real", "parameters")
        check(params["name"] == sorted(params["name"]), "parameters sorted by name")

        timing = decode(f["timing"][()])
        check(timing["name"] == ["drift", "group_means", "weekly_count"], f"timing {timing['name']}")
        check(timing["period"] == ["daily", "daily", "weekly"], "timing periods")
        check(list(timing["calls"]) == [DAYS, DAYS, DAYS // 7], f"timing calls {timing['calls']}")
        check(all(s >= 0 for s in timing["seconds"]), "timing seconds")
    print(f"h5py round trip: {rows} rows, {len(metric_names)} metrics match the CSV exactly")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
