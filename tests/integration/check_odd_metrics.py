"""docs/ODD.md states every output as the code records it: each row of the
metric table in section 7.2 must match `candour describe --section metrics`
(unit and meaning), say "system + `_by_trust`" exactly when the model records
the metric per trust too, and mark "yes" under summary exactly for the metrics
`candour run` prints at the end (`in_summary` > 0 in a run file). The table
must list every system metric, in the model's order, and nothing else.

Usage: check_odd_metrics.py CANDOUR ODD_MD SCENARIO WORK_DIR
"""
import os
import re
import subprocess
import sys

import h5py

ROW = re.compile(r"^\| `([a-z_0-9]+)` \| (.*) \|$")


def described_metrics(candour: str) -> list:
    """(name, scope, unit, meaning) of every metric, in the model's order."""
    text = subprocess.run([candour, "describe", "--format", "markdown", "--section", "metrics"],
                          check=True, capture_output=True, text=True).stdout
    rows = []
    for line in text.splitlines():
        m = ROW.match(line)
        if m:
            scope, unit, meaning = (cell.strip() for cell in m.group(2).split(" | ", 2))
            rows.append((m.group(1), scope, unit, meaning))
    return rows


def odd_outputs(odd_path: str) -> list:
    """(name, unit, scope, summary, meaning) rows of section 7.2's table."""
    rows, inside = [], False
    with open(odd_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("### "):
                inside = line.startswith("### 7.2 ")
                continue
            m = ROW.match(line.rstrip("\n")) if inside else None
            if m:
                unit, scope, summary, meaning = (c.strip() for c in m.group(2).split(" | ", 3))
                rows.append((m.group(1), unit, scope, summary, meaning))
    return rows


def headline_metrics(candour: str, scenario: str, work: str) -> set:
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "one_day.h5")
    subprocess.run([candour, "run", scenario, "--days", "1", "-q", "--overwrite", "-o", path],
                   check=True, capture_output=True)
    with h5py.File(path, "r") as f:
        return {name for name, d in f["metrics"].items() if int(d.attrs["in_summary"]) > 0}


def main() -> int:
    candour, odd_path, scenario, work = sys.argv[1:5]
    described = described_metrics(candour)
    names = {name for name, *_ in described}
    system = [(n, s, u, m) for n, s, u, m in described if s == "system"]
    per_trust = {n for n, s, _, _ in described if s != "system"}
    headline = headline_metrics(candour, scenario, work)
    odd = odd_outputs(odd_path)
    problems = []
    if not odd:
        problems.append("no metric table found in section 7.2")
    odd_names = [row[0] for row in odd]
    for name, _, unit, meaning in system:
        if name not in odd_names:
            problems.append(f"`{name}` is recorded but not in the ODD's table")
            continue
        _, odd_unit, odd_scope, odd_summary, odd_meaning = odd[odd_names.index(name)]
        scope = "system + `_by_trust`" if f"{name}_by_trust" in per_trust else "system"
        summary = "yes" if name in headline else ""
        for what, ours, theirs in (("unit", odd_unit, unit), ("scope", odd_scope, scope),
                                   ("summary", odd_summary, summary),
                                   ("meaning", odd_meaning, meaning)):
            if ours != theirs:
                problems.append(f"`{name}` {what}: the ODD says {ours!r}, the code {theirs!r}")
    for name in odd_names:
        if name not in names:
            problems.append(f"`{name}` is in the ODD's table but the model records no such metric")
    recorded_order = [n for n, *_ in system if n in odd_names]
    if not problems and recorded_order != odd_names:
        problems.append("the ODD's table is not in the order the model records its metrics")
    for p in problems:
        print("FAIL:", p)
    print(f"{len(odd)} ODD rows checked against {len(system)} system metrics;"
          f" {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
