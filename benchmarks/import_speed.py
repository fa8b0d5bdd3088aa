"""Import speed: `tweetathon import` of a twarc2 file vs `twarc2 csv` (twarc-csv) on the same file, same run.

    .venv/bin/python benchmarks/import_speed.py [--posts 20000] [--skip-peer]
        [--db postgresql+psycopg://postgres@127.0.0.1:5432/DBNAME]

Builds a twarc2 file with the simulator (API v2 response pages with includes, replies, quotes, reposts),
then times, as whole commands (start-up included), each on one core:
  1. `tweetathon import FILE` into a fresh SQLite file (first import),
  2. the same import again (re-import: the file's sha256 shows this content was already imported, so it is
     skipped), and the same with --force (every record read, mapped and compared; nothing rewritten),
  3. `twarc2 csv FILE out.csv` from twarc-csv, installed in its own environment (benchmarks/.venv-twarc-csv,
     created on first use; twarc-csv needs pandas < 2.2).
Prints wall seconds, CPU seconds (user + system of the command) and posts/s for each, and the ratios.
With --db, each repeat also imports the file into a throw-away PostgreSQL database (DBNAME with the run's
number, created before and dropped after), alternating with the SQLite imports, and prints both and their ratio.
Targets: first import >= 10x twarc-csv; re-import >= 2x the first; PostgreSQL at least as fast as SQLite.
Each figure is the median of --repeat runs.
Run it with another installation's Python (`/path/to/other/.venv/bin/python benchmarks/import_speed.py`) to
time that installation's `tweetathon` on the same input.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEER_VENV = HERE / ".venv-twarc-csv"
BIN = Path(sys.executable).parent


def ensure_peer() -> Path:
    """twarc-csv in its own venv (it pins old pandas); installed once."""
    twarc2 = PEER_VENV / "bin" / "twarc2"
    if not twarc2.exists():
        print("installing twarc-csv into", PEER_VENV, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(PEER_VENV / "bin" / "pip"), "install", "-q", "twarc-csv", "pandas<2.2"], check=True)
    return twarc2


def timed(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system of the command and its threads) of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=cwd)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-2000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds) of `runs`."""
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def server_database(url: str, n: int, create: bool) -> str:
    """Create (or drop) the throw-away database DBNAME_bench{n} on the server of `url`; its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = f"{parsed.database or 'tweetathon'}_bench{n}"
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return parsed.set(database=name).render_as_string(hide_password=False)


def parse_only(data: Path) -> float:
    """Seconds orjson alone takes to parse every line of `data` (a floor for any importer in Python)."""
    import orjson

    lines = data.read_bytes().splitlines()
    started = time.perf_counter()
    for line in lines:
        orjson.loads(line)
    return time.perf_counter() - started


def build_input(work: Path, posts: int) -> tuple[Path, int]:
    """A single twarc2 file from the simulator, and its number of distinct posts."""
    out = work / "sim"
    subprocess.run([str(BIN / "tweetathon"), "simulate", "tweetathon", "--out", str(out), "--posts", str(posts),
                    "--seed", "7"], check=True, capture_output=True)
    files = sorted(p for p in (out / "data" / "x").glob("*.jsonl") if "compliance" not in p.name)  # X only
    merged = work / "poltwt.jsonl"
    with merged.open("wb") as fh:
        for path in files:
            fh.write(path.read_bytes())
    ids: set[str] = set()
    import orjson

    for line in merged.read_bytes().splitlines():
        page = orjson.loads(line)
        data = page.get("data") or []
        for tweet in data if isinstance(data, list) else [data]:
            ids.add(tweet["id"])
    return merged, len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", help="also import into throw-away databases on this PostgreSQL server")
    parser.add_argument("--skip-peer", action="store_true", help="do not time twarc-csv")
    args = parser.parse_args()
    twarc2 = None if args.skip_peer else ensure_peer()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data, distinct = build_input(work, args.posts)
        size_mb = data.stat().st_size / 1e6
        tool = str(BIN / "tweetathon")
        first, again, forced, server = [], [], [], []
        for n in range(args.repeat):
            env = {**os.environ, "TWEETATHON_DB": str(work / f"bench{n}.db")}
            first.append(timed([tool, "import", str(data), "--json"], env))
            if args.db:
                server.append(server_run(tool, data, distinct, args.db, n))
            again.append(timed([tool, "import", str(data), "--json"], env))
            forced.append(timed([tool, "import", str(data), "--json", "--force"], env))
        check_clean(tool, env, distinct)
        floor = min(parse_only(data) for _ in range(args.repeat))
        peer = None if twarc2 is None else median([timed(
            [str(twarc2), "--bearer-token", "offline-benchmark", "csv", str(data), str(work / "out.csv")],
            cwd=work) for _ in range(args.repeat)])  # twarc writes twarc.log into its working folder
    print(f"input: {distinct:,} distinct posts, {size_mb:.1f} MB twarc2 JSONL (simulated #poltwt)")
    print(f"{'command (median of ' + str(args.repeat) + ')':<38}{'seconds':>9}{'CPU s':>8}{'posts/s':>11}")
    rows = [("tweetathon import (first)", median(first)), ("tweetathon import (again: skipped)", median(again)),
            ("tweetathon import --force (again)", median(forced))]
    if server:
        rows.append(("tweetathon import (first, PostgreSQL)", median(server)))
    if peer is not None:
        rows.append(("twarc2 csv (twarc-csv)", peer))
    for name, (secs, cpu) in rows:
        print(f"{name:<38}{secs:>9.2f}{cpu:>8.2f}{distinct / secs:>11,.0f}")
    print(f"{'orjson parsing alone (a floor)':<38}{floor:>9.2f}{'':>8}{distinct / floor:>11,.0f}")
    print_ratios(median(first), median(again), median(forced), median(server) if server else None, peer,
                 floor, distinct)


def server_run(tool: str, data: Path, distinct: int, url: str, n: int) -> tuple[float, float]:
    """One first import into a fresh PostgreSQL database, checked and then dropped."""
    env = {**os.environ, "TWEETATHON_DB": server_database(url, n, create=True)}
    try:
        subprocess.run([tool, "stats", "--json"], env=env, capture_output=True, check=True)  # schema created
        result = timed([tool, "import", str(data), "--json"], env)
        check_clean(tool, env, distinct)
        return result
    finally:
        server_database(url, n, create=False)


def check_clean(tool: str, env: dict[str, str], distinct: int) -> None:
    """Every distinct post stored, no rejects."""
    check = subprocess.run([tool, "stats", "--json"], env=env, capture_output=True, text=True, check=True)
    stored = json.loads(check.stdout)["posts"]
    runs = json.loads(subprocess.run([tool, "runs", "--json"], env=env, capture_output=True, text=True,
                                     check=True).stdout)
    if stored != distinct or any(r["rejects"] for r in runs):
        raise SystemExit(f"benchmark input not imported cleanly: {stored:,} of {distinct:,} posts stored")


def print_ratios(first: tuple[float, float], again: tuple[float, float], forced: tuple[float, float],
                 server: tuple[float, float] | None, peer: tuple[float, float] | None, floor: float,
                 distinct: int) -> None:
    if peer is not None:
        print(f"first import vs twarc-csv: {peer[0] / first[0]:.1f}x faster in wall time, "
              f"{peer[1] / first[1]:.1f}x in CPU time (target >= 10x; 10x would allow "
              f"{peer[0] / 10 / distinct * 1e6:.0f} us a post, parsing alone takes {floor / distinct * 1e6:.0f} us)")
    print(f"re-import vs first import: {first[0] / again[0]:.1f}x faster (target >= 2x); "
          f"forced re-read {first[0] / forced[0]:.1f}x")
    if server is not None:
        print(f"PostgreSQL vs SQLite, first import: {first[0] / server[0]:.2f}x the speed in wall time "
              f"(target >= 1x); client CPU {server[1]:.2f} s vs {first[1]:.2f} s")


if __name__ == "__main__":
    main()
