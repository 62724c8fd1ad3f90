#!/usr/bin/python3
"""benchmarks/run keeps working: at --quick sizes it writes the JSON and the
Markdown table without replacing an earlier run's, every case is present, and every figure it derives agrees
with the measurements it derives them from (the figures themselves mean
nothing at these sizes; benchmarks report, tests never time).

usage: check_benchmarks_run.py SOURCE_DIR CANDOUR WORKDIR"""
import datetime
import json
import math
import pathlib
import shutil
import subprocess
import sys


def check(condition, message):
    if not condition:
        sys.exit(f"FAIL: {message}")


def main():
    source, candour, work = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    # An earlier benchmark of today's is never replaced: the run writes -2.
    work.mkdir(parents=True)
    earlier = work / f"{datetime.date.today().isoformat()}-quick.json"
    earlier.write_text("an earlier run's results\n")
    done = subprocess.run([sys.executable, source / "benchmarks" / "run", "--quick", "--repeats", "2",
                           "--candour", candour, "--results", work],
                          capture_output=True, text=True, timeout=600)
    check(done.returncode == 0, f"benchmarks/run exited {done.returncode}: {done.stderr[-800:]}")
    check(earlier.read_text() == "an earlier run's results\n", "an earlier run's file replaced")
    reports = list(work.glob("*-quick-2.json"))
    check(len(reports) == 1 and reports[0].with_suffix(".md").exists(), f"written: {reports}")
    report = json.loads(reports[0].read_text())
    names = [r["name"] for r in report["results"]]
    expected = ["toy, candour, 1 thread", "toy, candour, 2 threads", "toy, numpy",
                "nhs_england, 2 trusts, 1 thread", "nhs_england, 2 trusts, 2 threads",
                "nhs_england, 8 trusts, 1 thread",
                "nhs_england, 8 trusts, 1 thread, burn-in from a checkpoint",
                "nhs_england, 2 trusts, 1 thread, recorded once"]
    check(names == expected, f"cases {names}")
    by = {r["name"]: r for r in report["results"]}
    for r in report["results"]:
        check(r["cpu_s"] > 0 and r["wall_s"] > 0 and r["peak_bytes"] > 0, f"{r['name']}: {r}")
        check(math.isclose(r["agent_days_per_cpu_s"], r["agents"] * r["simulated_days"] / r["cpu_s"]),
              f"{r['name']}: agent-days per CPU-second")
        check(math.isclose(r["ms_cpu_per_day"], 1000 * r["cpu_s"] / r["simulated_days"]),
              f"{r['name']}: ms per day")
        check(math.isclose(r["file_over_data"], r["file_bytes"] / r["data_bytes"]),
              f"{r['name']}: file over data")
        if "run_wall_s" in r:  # the file's timings are those of the run kept, not another
            check(r["burn_in_wall_s"] + r["process_wall_s"] <= r["run_wall_s"] <= r["wall_s"],
                  f"{r['name']}: burn-in {r['burn_in_wall_s']} + processes {r['process_wall_s']}"
                  f" within the run's {r['run_wall_s']} within the process's {r['wall_s']}")
    # The toy's agents are what was asked; the model's are read from its file.
    check(by["toy, candour, 1 thread"]["agents"] == 5000 == by["toy, numpy"]["agents"], "toy agents")
    check(by["toy, candour, 2 threads"]["threads"] == 2, "the 2-thread case ran 2 threads")
    small, large = by["nhs_england, 2 trusts, 1 thread"], by["nhs_england, 8 trusts, 1 thread"]
    check(small["simulated_days"] == 30 + 14, f"burn-in plus days: {small['simulated_days']}")
    check(2 < large["agents"] / small["agents"] < 8, f"agents {small['agents']} -> {large['agents']}")
    # The checkpoint case read its burn-in, so simulated only its recorded days.
    read = by["nhs_england, 8 trusts, 1 thread, burn-in from a checkpoint"]
    check(read["burn_in_from"] == "checkpoint" and large["burn_in_from"] == "burn-in",
          f"burn-ins from {read['burn_in_from']} and {large['burn_in_from']}")
    check(read["simulated_days"] == 14 and read["agents"] == large["agents"],
          f"checkpoint case: {read['simulated_days']} days, {read['agents']} agents")
    check(f"({read['cpu_s'] / large['cpu_s']:.2f})" in
          report["derived"]["8 trusts, CPU with the burn-in read from a checkpoint over burning in"],
          "the checkpoint's derived figure")
    once = by["nhs_england, 2 trusts, 1 thread, recorded once"]
    check(once["data_bytes"] < small["data_bytes"], "recording once writes less data")
    table = reports[0].with_suffix(".md").read_text()
    check(all(f"| {name} |" in table for name in expected), "every case in the table")
    check("toy: candour over numpy" in table, "the derived figures in the table")
    print(f"ok: {len(names)} cases")


if __name__ == "__main__":
    main()
