#!/usr/bin/python3
"""A full disk, a file-size limit and a read-only folder: `run`, `sweep` and
`merge` end with exit 1 and one line, never a crash (exit 139 was HDF5's
shutdown after a failed close), and leave nothing half-written: no output, or
one that opens with any reader.

The disks are small tmpfs mounts in a private mount namespace (`unshare -rm`:
no root needed where unprivileged user namespaces are allowed, and nothing
outside the test sees them); without `unshare` those checks are skipped
(exit 77) and said so. The file-size limit (ulimit -f, with SIGXFSZ ignored, so
a write beyond it fails with EFBIG as on a full disk) needs nothing.

usage: check_disk.py CANDOUR WORKDIR DATA"""
import os
import pathlib
import subprocess
import sys

import faults
from faults import candour, check, finish, fresh, h5py_module

SKIP = 77


def limited(binary, kilobytes, *args):
    """candour with files limited to `kilobytes` (SIGXFSZ ignored: writes fail with EFBIG)."""
    return ["sh", "-c", f"trap '' XFSZ; ulimit -f {kilobytes}; exec \"$0\" \"$@\"", str(binary),
            *map(str, args)]


def wide_run(data):
    """A long run with wide rows (500 groups): it fills megabytes quickly."""
    return ["run", data / "toy_small.toml", "-q", "--days", "36500", "--set", "toy.agents=20000",
            "--set", "toy.groups=500"]


def leftovers(folder):
    return sorted(p.name for p in pathlib.Path(folder).iterdir())


def check_kept_rows(path):
    with h5py_module().File(path, "r") as f:  # closed properly: a plain open works
        rows = f["time"].shape[0]
        check(rows > 1 and f.attrs["completed"] == 0, f"{path}: {rows} rows kept")
        check(all(ds.shape[0] == rows for ds in f["metrics"].values()), f"{path}: ragged rows")
        print(f"{path}: {rows} rows kept, completed = 0")


def one_line_failure(done, what, *says):
    print(f"{what}: exit {done.returncode}: {done.stderr.strip()}")
    check(done.returncode == 1, f"{what}: exit {done.returncode}, expected 1")
    check(len(done.stderr.strip().splitlines()) == 1, f"{what}: not one line")
    for text in says:
        check(text in done.stderr, f"{what}: message lacks {text!r}")


def file_size_limit(binary, work, data):
    """No privileges needed: a write past the limit fails like a full disk."""
    big = work / "big_sweep.toml"
    big.write_text((data / "toy_grid.toml").read_text().replace("replicates = 2",
                                                                "replicates = 400"))
    (work / "toy_base.toml").write_text((data / "toy_base.toml").read_text())
    limit = work / "limit"
    limit.mkdir()
    # The sweep file is allocated whole when it is created: refused before writing.
    done = subprocess.run(limited(binary, 100, "sweep", big, "-q", "-o", limit / "s.h5"),
                          capture_output=True, text=True)
    one_line_failure(done, "sweep", "needs about", "file size limit")
    check(leftovers(limit) == [], f"sweep left {leftovers(limit)}")
    # Merge: the merged file is as large as a shard.
    shards = [work / f"shard{i}.h5" for i in (1, 2)]
    for i, shard in enumerate(shards, 1):
        candour(binary, "sweep", big, "-q", "--shard", f"{i}/2", "-o", shard, expect=0)
    done = subprocess.run(limited(binary, 100, "merge", limit / "m.h5", *shards),
                          capture_output=True, text=True)
    one_line_failure(done, "merge", "needs about", "file size limit")
    check(leftovers(limit) == [], f"merge left {leftovers(limit)}")
    # A run stops before the flush that would pass the limit.
    run_out = limit / "r.h5"
    done = subprocess.run(limited(binary, 8000, *wide_run(data), "-o", run_out),
                          capture_output=True, text=True)
    one_line_failure(done, "run", "file size limit", "keeps every row")
    check_kept_rows(run_out)


def inside_namespace(binary, work, data):
    """Runs inside `unshare -rm`: tmpfs mounts only this process tree sees."""
    small, readonly, run_disk = work / "small", work / "readonly", work / "run_disk"
    for folder, options in ((small, "size=400k"), (readonly, "ro,size=100m"),
                            (run_disk, "size=8m")):
        folder.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", folder], check=True)
    big = work / "big_sweep.toml"  # written by file_size_limit
    shards = [work / f"shard{i}.h5" for i in (1, 2)]
    # 1. The size estimate refuses a sweep the disk cannot hold, before writing,
    #    and --dry-run says how big the file would be.
    candour(binary, "sweep", big, "-q", "-o", small / "s.h5", expect=1,
            says=["needs about", "nearly full"])
    check(leftovers(small) == [], f"refused sweep left {leftovers(small)}")
    done = candour(binary, "sweep", big, "--dry-run", expect=0)
    check("file size:" in done.stdout, "--dry-run does not give the file size")
    # 2. Merge: refused the same way.
    candour(binary, "merge", small / "m.h5", *shards, expect=1, says=["needs about"])
    check(leftovers(small) == [], f"refused merge left {leftovers(small)}")
    # 3. A run filling the disk stops while its file is whole.
    out = run_disk / "r.h5"
    candour(binary, *wide_run(data), "-o", out, expect=1, says=["nearly full"])
    check_kept_rows(out)
    # 4. A read-only folder is a failure to write (1), not bad input (2).
    candour(binary, "sweep", big, "-q", "-o", readonly / "s.h5", expect=1,
            says=["Read-only file system"])
    candour(binary, "merge", readonly / "m.h5", *shards, expect=1,
            says=["Read-only file system"])
    candour(binary, "run", data / "toy_small.toml", "-q", "-o", readonly / "r.h5", expect=1,
            says=["Read-only file system"])
    check(leftovers(readonly) == [], "something was written to a read-only folder")


def main():
    if len(sys.argv) > 4 and sys.argv[4] == "--inside":
        inside_namespace(sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]))
        finish()
    binary, work, data = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    work = fresh(work)
    file_size_limit(binary, work, data)
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        print("SKIPPED the full and read-only disk checks: unshare -rm is not allowed here "
              f"({probe.stderr.decode().strip()})")
        sys.exit(1 if faults.FAILURES else SKIP)
    inner = subprocess.run(["unshare", "-rm", sys.executable, __file__, binary, work, data,
                            "--inside"], env=dict(os.environ))
    check(inner.returncode == 0, "checks on a full or read-only disk failed (see above)")
    finish()


if __name__ == "__main__":
    main()
