#!/usr/bin/python3
"""A run killed with SIGKILL leaves a file h5py reads up to its last flush.

Writes a reference run uninterrupted, then the same run slowed down by a
per-day sleep; reads it live with a SWMR reader, kills it with SIGKILL after
about 1.5 s, and checks the file: completed == 0, no finished_at, at least one
flushed row, /time cut at a flush boundary with every metric holding those
rows, and every row equal to the reference run's row at the same time. Then `h5clear -s` must make the
file readable without SWMR, as docs/file-format.md tells users to do.
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import time

import h5py
import numpy as np

DAYS, FLUSH_EVERY, SLEEP_MS = 400, 5, 10
KILL_AFTER_S, LIVE_READ_AFTER_S = 1.5, 0.9


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def run_args(tool, path, *extra):
    return [tool, str(path), "--days", str(DAYS), "--flush-every", str(FLUSH_EVERY),
            "--threads", "1", *extra]


def check_cut_short(f, ref, label):
    rows = f["time"].shape[0]
    check(rows > 0, f"{label}: no row survived the kill")
    check(rows < ref["time"].shape[0], f"{label}: the run was not cut short ({rows} rows)")
    # Rows are recorded every day from day 0 and flushed every FLUSH_EVERY days.
    check((rows - 1) % FLUSH_EVERY == 0, f"{label}: {rows} rows is not a flush boundary")
    check(np.array_equal(f["time"][()], ref["time"][:rows]), f"{label}: times differ")
    # /time is extended last at a flush: every metric holds its rows (one
    # killed during a flush may hold more, not yet counted).
    for name, ds in f["metrics"].items():
        check(ds.shape[0] >= rows, f"{label}: {name} has {ds.shape[0]} rows, /time {rows}")
        check(np.array_equal(ds[:rows], ref["metrics"][name][:rows]), f"{label}: {name} differs")
    check(f.attrs["completed"] == 0, f"{label}: completed must stay 0")
    check("finished_at" not in f.attrs and "timing" not in f, f"{label}: finish() data present")
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--h5clear", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    work = pathlib.Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    reference, killed, cleared = work / "reference.h5", work / "killed.h5", work / "cleared.h5"
    for p in (reference, killed, cleared):
        p.unlink(missing_ok=True)

    subprocess.run(run_args(args.tool, reference), check=True)

    started = time.monotonic()
    writer = subprocess.Popen(run_args(args.tool, killed, "--sleep-ms-per-day", str(SLEEP_MS)))
    try:
        time.sleep(LIVE_READ_AFTER_S)
        check(writer.poll() is None, "the writer ended before the live read; slow it down")
        # A SWMR reader sees the flushed rows while the writer is still running.
        with h5py.File(killed, "r", swmr=True) as f:
            live_rows = f["time"].shape[0]
            check(live_rows > 0 and f.attrs["completed"] == 0, f"live read: {live_rows} rows")
        time.sleep(max(0.0, KILL_AFTER_S - (time.monotonic() - started)))
        check(writer.poll() is None, "the writer ended before the kill; slow it down")
        writer.kill()  # SIGKILL: no destructor, no close, no last flush
    finally:
        writer.kill()
        writer.wait()
    check(writer.returncode == -9, f"writer exit status {writer.returncode}, expected SIGKILL")

    with h5py.File(reference, "r") as ref:
        check(ref.attrs["completed"] == 1 and ref["time"].shape[0] == DAYS + 1, "reference run")
        with h5py.File(killed, "r", swmr=True) as f:
            rows = check_cut_short(f, ref, "killed file (SWMR read)")
            check(rows >= live_rows, "rows went missing after the live read")
        # The documented recovery: h5clear -s, then any HDF5 reader opens it.
        shutil.copyfile(killed, cleared)
        subprocess.run([args.h5clear, "-s", str(cleared)], check=True)
        with h5py.File(cleared, "r") as f:
            check(check_cut_short(f, ref, "after h5clear -s") == rows, "h5clear changed the rows")
    print(f"kill test: live read saw {live_rows} rows; killed file kept {rows} of {DAYS + 1} rows,"
          f" all equal to the uninterrupted run")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
