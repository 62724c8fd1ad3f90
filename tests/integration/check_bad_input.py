#!/usr/bin/python3
"""A bad scenario is rejected by `candour run` and `candour validate`: exit
code 2, one message naming the file, line and key, and no output file.

usage: check_bad_input.py CANDOUR WORKDIR SCENARIO [--set k=v ...] -- EXPECTED...
Each EXPECTED string must appear in the error message."""
import os
import subprocess
import sys
import tempfile


def main() -> int:
    candour, workdir, scenario = sys.argv[1:4]
    rest = sys.argv[4:]
    split = rest.index("--")
    extra, expected = rest[:split], rest[split + 1:]
    os.makedirs(workdir, exist_ok=True)
    failures = []
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        output = os.path.join(tmp, "nested", "run.h5")
        for command in (["run", scenario, "-o", output, "--quiet"], ["validate", scenario]):
            proc = subprocess.run([candour, *command, *extra], capture_output=True, text=True,
                                  timeout=60)
            message = proc.stderr.strip()
            print(f"$ candour {' '.join(command + extra)}\n  exit {proc.returncode}: {message}")
            if proc.returncode != 2:
                failures.append(f"{command[0]}: exit code {proc.returncode}, expected 2")
            if len(message.splitlines()) != 1:
                failures.append(f"{command[0]}: expected one line of error, got {message!r}")
            for text in expected:
                if text not in message:
                    failures.append(f"{command[0]}: message lacks {text!r}")
            if os.path.exists(output) or os.path.exists(os.path.dirname(output)):
                failures.append(f"{command[0]}: something was written before validation")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
