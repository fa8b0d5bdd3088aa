"""Start-up time of the `tweetathon` command: `tweetathon --help` and `tweetathon import --help`, new processes.

    .venv/bin/python benchmarks/startup.py [--repeat 7]

Each command runs --repeat times, alternating; prints the median wall seconds and the median CPU seconds (user +
system of the command). Peer, same run: a bare `python -c pass` of the same interpreter (the floor).
Target: `tweetathon --help` < 0.3 s.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    tool = str(BIN / "tweetathon")
    commands = {"python -c pass (floor)": [sys.executable, "-c", "pass"], "tweetathon --help": [tool, "--help"],
                "tweetathon import --help": [tool, "import", "--help"]}
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, cmd in commands.items():
            runs[name].append(timed(cmd))
    print(f"{'command (median of ' + str(args.repeat) + ')':<34}{'wall s':>8}{'CPU s':>8}")
    for name, found in runs.items():
        wall, cpu = statistics.median(r[0] for r in found), statistics.median(r[1] for r in found)
        print(f"{name:<34}{wall:>8.3f}{cpu:>8.3f}")
    wall = statistics.median(r[0] for r in runs["tweetathon --help"])
    print(f"tweetathon --help: target < 0.3 s: {'met' if wall < 0.3 else 'NOT met'} in wall time")


if __name__ == "__main__":
    main()
