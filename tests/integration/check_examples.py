#!/usr/bin/python3
"""Runs every example the user is shown: the `Example` lines of `candour --help` and of
`candour-analysis --help` (each command), and every ```sh and ```python block of README.md and
docs/*.md. Each must exit 0.

    check_examples.py CANDOUR_BIN REPO WORK [--as-written] [SOURCE...]

SOURCE (optional) picks sources by name: `README.md`, `docs/analysis.md`, `candour --help`,
`candour-analysis --help`. docs/tutorial.md is left out unless named: its own test runs it
with `--as-written`, which leaves the scenarios as they are (the tutorial's commands are short
by design, and its figures are the ones that run draws: docs/img/tutorial-*.png are copied from
WORK/docs_tutorial.md/out/tutorial/).

Each source runs in a fresh folder of its own under WORK, laid out like the repository (the
commands run as written, from its root): `build/release/candour` and `candour` on PATH are the
built binary, `analysis/` the repository's, and `scenarios/` a copy made small, so that the whole
check takes minutes, not hours: simulated days cut to SHORT_DAYS (timeline stages moved inside),
the burn-in cut, sweeps to REPLICATES replicates and a smaller Saltelli N and Morris r. The
commands themselves are never changed, except where this machine lacks what they need:

- `mpirun -n 64` runs 2 ranks (`--oversubscribe`, and `--allow-run-as-root` as root): 2 cores;
- `srun` (Slurm) is dropped: the command runs as one task would;
- a Slurm batch-array script runs once per task of a 2-task array, with the variables Slurm sets;
- `candour serve` (a server that runs until stopped) runs on a free port, its page and scenario
  list are fetched, and it is stopped;
- `bash scripts/try` runs its last line (the build is CI's own, `bash scripts/check` is CI itself).

Inputs an example names but its source does not make (a help page's `out/baseline_*.h5`) are made
first by PREAMBLE's commands. A block may be left out only with a reason, written just above it
in the Markdown as `<!-- example not run: REASON -->`; the reasons are printed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

SHORT_DAYS = 60
TIMELINE_DAY = 30
BURN_IN_DAYS = 60
REPLICATES = 2
BASE_SAMPLES = 4
TRAJECTORIES = 3
PYTHON = "/usr/bin/python3"
SKIP = re.compile(r"<!--\s*example not run:\s*(.+?)\s*-->\s*$")


@dataclass
class Block:
    language: str  # "sh" or "python"
    text: str
    env: dict = field(default_factory=dict)


@dataclass
class Source:
    name: str
    blocks: list[Block]
    skipped: list[str] = field(default_factory=list)


# --- collecting -----------------------------------------------------------------

def doc_sources(repo: Path) -> list[Source]:
    sources = []
    for path in [repo / "README.md", *sorted((repo / "docs").glob("*.md"))]:
        lines = path.read_text().splitlines()
        name = str(path.relative_to(repo))
        source = Source(name, [])
        i = 0
        while i < len(lines):
            fence = re.match(r"^```(\w*)", lines[i])
            if not fence:
                i += 1
                continue
            language = fence.group(1)
            end = i + 1
            while not lines[end].startswith("```"):
                end += 1
            body = "\n".join(lines[i + 1:end]) + "\n"
            above = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].strip()), "")
            skip = SKIP.search(above)
            if language in ("sh", "python"):
                if skip:
                    source.skipped.append(f"{name}:{i + 1}: {skip.group(1)}")
                else:
                    source.blocks.append(Block(language, body))
            i = end + 1
        if source.blocks or source.skipped:
            sources.append(source)
    return sources


def help_examples(text: str) -> list[str]:
    """The commands after `Example:` / `Examples:` in a help text (continued on indented lines)."""
    commands = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"^\s*Examples?:\s*(.*)$", line)
        if not match:
            continue
        if match.group(1).strip():
            commands.append(match.group(1).strip())
        for follow in lines[i + 1:]:
            if not follow.startswith(" ") or not follow.strip():
                break
            commands.append(follow.strip())
    return commands


def help_sources(candour: str, repo: Path) -> list[Source]:
    """One source per tool: the examples of all its help pages run in one folder, in order."""
    sources = []
    entry = str(repo / "analysis" / "candour-analysis")
    pages = [("candour", [candour])] + [(f"candour {c}", [candour, c]) for c in
                                        ("run", "describe", "validate", "sweep", "merge", "serve")]
    pages += [("candour-analysis", [PYTHON, entry])] + [
        (f"candour-analysis {c}", [PYTHON, entry, c])
        for c in ("info", "plot", "compare", "response", "heatmap", "sobol", "morris", "sensitivity", "report")]
    for name, command in pages:
        result = subprocess.run([*command, "--help"], capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"{name} --help failed: {result.stderr}")
        tool = "candour-analysis --help" if name.startswith("candour-analysis") else "candour --help"
        if not sources or sources[-1].name != tool:
            sources.append(Source(tool, []))
        sources[-1].blocks += [Block("sh", c + "\n") for c in help_examples(result.stdout)]
    return sources


# Inputs named by examples whose source does not make them. Each list runs in the source's folder
# before its examples.
RUNS = "for s in 1 2 3; do candour run scenarios/{0}.toml --seed $s -q -o out/{0}_$s.h5; done"
PREAMBLE = {
    "README.md": [],
    "docs/file-format.md": ["candour run scenarios/mid_staffs.toml -q -o out/mid_staffs.h5",
                            "candour sweep scenarios/sweeps/surveillance.toml -q -o out/surveillance.h5"],
    "docs/analysis.md": ["candour sweep scenarios/sweeps/surveillance.toml -q -o out/surveillance.h5",
                         "candour sweep scenarios/sweeps/pressure_openness.toml -q -o out/pressure_openness.h5",
                         "candour sweep scenarios/sweeps/policy_sobol.toml -q -o out/policy_sobol.h5",
                         "candour sweep scenarios/sweeps/policy_morris.toml -q -o out/policy_morris.h5"],
    "docs/sweeps.md": [],
    "candour-analysis --help": [
        RUNS.format("baseline"), RUNS.format("mid_staffs"), RUNS.format("francis"),
        "candour run scenarios/baseline.toml -q -o out/baseline.h5",
        "candour run scenarios/baseline.toml -q --set pressure.target_stringency=0.9 -o out/strict.h5",
        "candour sweep scenarios/sweeps/surveillance.toml -q -o out/surveillance.h5",
        "candour sweep scenarios/sweeps/pressure_openness.toml -q -o out/pressure_openness.h5",
        "candour sweep scenarios/sweeps/policy_sobol.toml -q -o out/policy_sobol.h5",
        "candour sweep scenarios/sweeps/policy_morris.toml -q -o out/policy_morris.h5"],
}


# --- the folder each source runs in ------------------------------------------------

def shrink(text: str, base: bool) -> str:
    """A scenario or sweep file made small: fewer days, replicates and samples."""
    def at_most(limit):
        return lambda m: m.group(1) + str(min(int(m.group(2)), limit))
    text = re.sub(r"(?m)^(\s*days\s*=\s*)(\d+)", at_most(SHORT_DAYS), text)
    text = re.sub(r"(?m)^(\s*day\s*=\s*)(\d+)", at_most(TIMELINE_DAY), text)
    text = re.sub(r"(?m)^(\s*replicates\s*=\s*)(\d+)", at_most(REPLICATES), text)
    text = re.sub(r"(?m)^(\s*base_samples\s*=\s*)(\d+)", at_most(BASE_SAMPLES), text)
    text = re.sub(r"(?m)^(\s*trajectories\s*=\s*)(\d+)", at_most(TRAJECTORIES), text)
    if base:
        text += f"\n[system]\nburn_in_days = {BURN_IN_DAYS}\n"
    return text


AS_WRITTEN = {"docs/tutorial.md"}  # run only when named, by their own test


def make_folder(folder: Path, candour: str, repo: Path, small: bool = True) -> dict:
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "build" / "release").mkdir(parents=True)
    (folder / "bin").mkdir()
    (folder / "out").mkdir()
    os.symlink(candour, folder / "build" / "release" / "candour")
    os.symlink(candour, folder / "bin" / "candour")
    os.symlink(repo / "analysis", folder / "analysis")
    os.symlink(repo / "analysis" / "candour-analysis", folder / "bin" / "candour-analysis")
    for path in (repo / "scenarios").rglob("*.toml"):
        target = folder / path.relative_to(repo)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text()
        target.write_text(shrink(text, base=path.name == "baseline.toml") if small else text)
    env = dict(os.environ)
    env["PATH"] = f"{folder / 'bin'}:{env.get('PATH', '')}"
    env["MPLBACKEND"] = "Agg"
    env.pop("PYTHONPATH", None)  # the examples find the package as the docs say
    return env


def serve_briefly(command: str) -> str:
    """`candour serve` runs until stopped: start it on a free port, fetch its page and its
    scenario list from the address it prints, and stop it."""
    command = re.sub(r"--port\s+\d+", "", command) + " --port 0"
    fetch = ("import sys, urllib.request as u; [u.urlopen(sys.argv[1] + p).read() "
             "for p in ('', 'api/scenarios')]")
    return (f"{command} > serve.log 2>&1 & pid=$!; "
            "for i in $(seq 300); do grep -q 'http://' serve.log && break; sleep 0.1; done; "
            "url=$(grep -o 'http://[^ ]*/' serve.log); "
            f"{PYTHON} -c \"{fetch}\" \"$url\"; kill $pid; wait $pid")


def adapt(block: Block) -> list[Block]:
    """What this machine lacks, provided (see the module's docstring)."""
    text = block.text
    # A server is started, asked for its page, and stopped.
    text = re.sub(r"(?m)^((?:build/release/)?candour serve\b[^#\n]*?)\s*(#.*)?$",
                  lambda m: serve_briefly(m.group(1)), text)
    mpirun = "mpirun -n 2 --oversubscribe" + (" --allow-run-as-root" if os.geteuid() == 0 else "")
    text = re.sub(r"\bmpirun -n \d+", mpirun, text)
    text = re.sub(r"(?m)^srun ", "", text)
    text = re.sub(r"(?m)^bash scripts/try\b.*$", "build/release/candour run scenarios/baseline.toml --overwrite -o "
                  "out/baseline.h5", text)
    text = re.sub(r"(?m)^bash scripts/check\b.*$", ": scripts/check is CI itself", text)
    if "#SBATCH --array" in text:
        return [Block("sh", text, {"SLURM_ARRAY_TASK_ID": str(task), "SLURM_ARRAY_TASK_COUNT": "2",
                                   "SLURM_CPUS_PER_TASK": "1"}) for task in (1, 2)]
    return [Block(block.language, text, block.env)]


def run_block(block: Block, folder: Path, env: dict) -> subprocess.CompletedProcess:
    if block.language == "python":
        command = [PYTHON, "-c", block.text]
    else:
        command = ["bash", "-e", "-o", "pipefail", "-c", block.text]
    return subprocess.run(command, cwd=folder, env={**env, **block.env}, capture_output=True, text=True,
                          timeout=900)


def main(argv: list[str]) -> int:
    candour, repo, work = os.path.abspath(argv[1]), Path(argv[2]).resolve(), Path(argv[3])
    as_written = "--as-written" in argv[4:]
    only = {a for a in argv[4:] if a != "--as-written"}
    sources = doc_sources(repo) + help_sources(candour, repo)
    failures, ran = [], 0
    for source in sources:
        if only and source.name not in only and source.name.removesuffix(" --help") not in only:
            continue
        if source.name in AS_WRITTEN and source.name not in only:
            print(f"{source.name}: run by its own test, as written")
            continue
        for reason in source.skipped:
            print(f"not run: {reason}")
        folder = work / re.sub(r"[^\w.-]+", "_", source.name)
        env = make_folder(folder, candour, repo, small=not as_written)
        started = time.monotonic()
        for command in PREAMBLE.get(source.name, []):
            result = run_block(Block("sh", command), folder, env)
            if result.returncode != 0:
                failures.append(f"{source.name}: preparing with `{command}` failed:\n{result.stderr[-2000:]}")
                break
        else:
            for block in source.blocks:
                for part in adapt(block):
                    began = time.monotonic()
                    result = run_block(part, folder, env)
                    ran += 1
                    first_line = part.text.strip().splitlines()[0][:90]
                    print(f"  {time.monotonic() - began:5.1f} s  {first_line}")
                    if result.returncode != 0:
                        failures.append(f"{source.name}: this {part.language} example failed "
                                        f"(exit {result.returncode}):\n{part.text}\n{result.stdout[-1500:]}"
                                        f"{result.stderr[-2500:]}")
        print(f"{source.name}: {len(source.blocks)} example(s) in {time.monotonic() - started:.0f} s")
    for failure in failures:
        print(f"\nFAILED {failure}")
    print(f"\n{ran} example runs, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
