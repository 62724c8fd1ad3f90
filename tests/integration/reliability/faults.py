"""Shared helpers of the reliability tests: run `candour` with a fault, check
its exit code and its one-line message, and check what it left on disk.

Every check that fails is collected; a script ends with `finish()`, which
prints each failure and exits 1 if there was any."""
import contextlib
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys

FAILURES = []


def fail(message):
    print("FAIL:", message, flush=True)
    FAILURES.append(message)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def finish():
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed", flush=True)
        sys.exit(1)
    print("all checks passed", flush=True)
    sys.exit(0)


def fresh(folder):
    folder = pathlib.Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def candour(binary, *args, expect, says=(), one_line=True, cwd=None, env=None, timeout=300):
    """Runs candour; checks the exit code, that stderr's error is one line
    holding every text in `says`. Returns the completed process."""
    command = [str(binary), *map(str, args)]
    print("$", " ".join(repr(a) if a == "" else a for a in command), flush=True)
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=timeout)
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    print(f"  exit {done.returncode}; stderr: {done.stderr.strip()[:600]!r}", flush=True)
    check(done.returncode == expect, f"{' '.join(command)}: exit {done.returncode}, expected {expect}")
    if expect == 2 or (expect == 1 and says):
        if one_line:
            check(len(done.stderr.strip().splitlines()) == 1 and len(errors) == 1,
                  f"{' '.join(command)}: expected one line of error, got {done.stderr!r}")
        for text in says:
            check(text in done.stderr, f"{' '.join(command)}: message lacks {text!r}")
    return done


def fingerprint(path):
    """Bytes and modification time: what 'untouched' means."""
    path = pathlib.Path(path)
    if path.is_dir():
        return ("folder", sorted(p.name for p in path.iterdir()))
    if not path.exists():
        return None
    stat = path.stat()
    return (hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_size)


@contextlib.contextmanager
def untouched(*paths):
    """Checks that every path is as it was (or still absent) after the block."""
    before = {p: fingerprint(p) for p in paths}
    yield
    for p in paths:
        check(fingerprint(p) == before[p], f"{p} was changed")


def h5py_module():
    import h5py  # Debian's python3-h5py: run these scripts with /usr/bin/python3
    return h5py
