"""How long `tweetathon export` (every format) and `tweetathon store copy` take on the simulator's 48,000-post
tweet-a-thon, each as a user runs it (a new process), CPU time beside wall time, median of --repeat runs.

    .venv/bin/python benchmarks/export_speed.py                  # 48k event; PostgreSQL at 127.0.0.1:5432
    .venv/bin/python benchmarks/export_speed.py --posts 5000     # a smaller event
    .venv/bin/python benchmarks/export_speed.py --work /tmp/es   # keep (and reuse) the database there

Set-up as benchmarks/report_speed.py (simulate, create the event, approve its participants, import).
Peers, in the same run: every format beside the CSV export of the same posts; `store copy` SQLite -> PostgreSQL
beside importing the simulator's files into an empty PostgreSQL database (the other way to get the posts there,
which keeps no users, audit log or capture state). The PostgreSQL databases are made and dropped here.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report_speed import CLI, SLUG, prepare

PG_ADMIN = os.environ.get("TWEETATHON_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")
EXPORTS: dict[str, list[str]] = {
    "csv": ["--format", "csv", "--out", "{out}.csv"],
    "jsonl": ["--format", "jsonl", "--out", "{out}.jsonl"],
    "parquet": ["--format", "parquet", "--out", "{out}-parquet"],
    "gexf (all 7 networks)": ["--format", "gexf", "--network", "all", "--out", "{out}-gexf"],
    "geojson": ["--format", "geojson", "--out", "{out}.geojson"],
    "counts": ["--format", "counts", "--out", "{out}-counts.csv"],
}


def timed(args: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one command in a new process; a failure stops the benchmark."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode:
        sys.exit(f"`{' '.join(args)}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def median_of(repeat: int, args: list[str]) -> tuple[float, float]:
    runs = [timed(args) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


@contextmanager
def pg_database() -> Iterator[str]:
    name = f"tweetathon_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://{PG_ADMIN.rsplit('/', 1)[0].split('://', 1)[1]}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def exports(db: Path, work: Path, repeat: int) -> None:
    print(f"export --event {SLUG} (new process each; median of {repeat}):")
    baseline = None
    for name, template in EXPORTS.items():
        out = str(work / "export")
        args = [*CLI, "export", "--event", SLUG, *(a.format(out=out) for a in template), "--db", str(db)]
        wall, cpu = median_of(repeat, args)
        baseline = baseline or cpu
        print(f"  {name:<22} wall {wall:6.2f} s   CPU {cpu:6.2f} s   ({cpu / baseline:.2f}x the CSV export's CPU)")


def copies(db: Path, work: Path, posts: int, repeat: int) -> None:
    print(f"store copy SQLite -> PostgreSQL vs importing the files into PostgreSQL (median of {repeat}):")
    copy_runs, import_runs = [], []
    for _ in range(repeat):
        with pg_database() as url:
            copy_runs.append(timed([*CLI, "store", "copy", "--from", str(db), "--to", url]))
        with pg_database() as url:
            import_runs.append(timed([*CLI, "import", str(work / f"sim{posts}" / "data"), "--db", url]))
    for label, runs in (("store copy (verified)", copy_runs), ("import of the files", import_runs)):
        print(f"  {label:<22} wall {statistics.median(w for w, _ in runs):6.2f} s   "
              f"CPU {statistics.median(c for _, c in runs):6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=48_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    options = parser.parse_args()
    work = options.work or Path(tempfile.mkdtemp(prefix="export-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"event of about {options.posts:,} posts in {work}; load average {os.getloadavg()[0]:.1f}")
    db = prepare(work, options.posts)
    exports(db, work, options.repeat)
    copies(db, work, options.posts, options.repeat)


if __name__ == "__main__":
    main()
