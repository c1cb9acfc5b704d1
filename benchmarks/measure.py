"""Run a command in a new process and measure it: wall time and the peak memory of its largest
process (the command's own or one of its workers)."""

from __future__ import annotations

import json
import subprocess
import sys

_RUN = """
import resource, subprocess, sys, time, json
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"seconds": time.perf_counter() - start, "rc": done.returncode,
    "out": done.stdout[-400:], "err": done.stderr[-400:],
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measured(command: list[str]) -> dict[str, object]:
    """{"seconds", "rc", "out", "err", "peak_rss_mb"} of one run of `command`."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *command], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result
