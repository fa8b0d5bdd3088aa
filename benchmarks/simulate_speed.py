"""How fast the simulator writes, and how much memory it needs: 48k, 1M and (with --big) 10M posts.

Each size runs in its own process, so the peak resident memory printed is that run's alone.
Usage: .venv/bin/python benchmarks/simulate_speed.py [--big] [--kind tweetathon] [--out /tmp/simbench]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

CHILD = ("import sys, resource\nfrom pathlib import Path\nfrom tweetathon.simulate import simulate\n"
         "s = simulate(sys.argv[1], Path(sys.argv[2]), seed=1, posts=int(sys.argv[3]))\n"
         "print(s.posts, s.pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")


def run(kind: str, posts: int, out: Path) -> tuple[float, int, int, float, int]:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, kind, str(out), str(posts)], capture_output=True,
                            text=True, check=True)
    seconds = time.perf_counter() - started
    written, pages, rss_kb = (int(x) for x in result.stdout.split())
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return seconds, written, pages, rss_kb / 1024, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also run 10 million posts (several minutes)")
    parser.add_argument("--kind", default="tweetathon", choices=("tweetathon", "chat", "livefeed"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/simbench"))
    parser.add_argument("--keep", action="store_true", help="keep the written files")
    args = parser.parse_args()
    sizes = [48_000, 1_000_000] + ([10_000_000] if args.big else [])
    print(f"{'posts asked':>12} {'written':>11} {'pages':>8} {'seconds':>8} {'posts/s':>9} {'peak RSS MB':>12} "
          f"{'files MB':>9}")
    for n in sizes:
        seconds, written, pages, rss, size = run(args.kind, n, args.out / str(n))
        print(f"{n:>12,} {written:>11,} {pages:>8,} {seconds:>8.1f} {written / seconds:>9,.0f} {rss:>12.0f} "
              f"{size / 1e6:>9.0f}", flush=True)
        if not args.keep:
            shutil.rmtree(args.out / str(n), ignore_errors=True)
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
