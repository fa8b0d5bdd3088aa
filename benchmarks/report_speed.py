"""How long figures and the impact report take on the simulator's 48,000-post tweet-a-thon, and figures on 1M posts.

    .venv/bin/python benchmarks/report_speed.py                   # 48k event, then the 1M-post event
    .venv/bin/python benchmarks/report_speed.py --big-posts 0     # skip the 1M-post event
    .venv/bin/python benchmarks/report_speed.py --work /tmp/rs    # keep (and reuse) the databases there

Set-up (not timed as a target; printed): `tweetathon simulate tweetathon --out DIR --posts N`, `tweetathon event
create --from DIR/event.json`, `tweetathon participants import DIR/participants.csv --event poltwt`,
`tweetathon participants approve --all --event poltwt`, `tweetathon import DIR/data`, each on its own SQLite
database.

Measured, in this process, each the best of --repeat runs:
  0. the first `tweetathon report` after the import, a new process on a copy of the database, language detection
     included (target: under 15 s), wall and CPU seconds;
  1. first run: language detection of the event's posts (lingua, both cores), reported on its own: posts/s,
     distinct texts run through lingua, wall and CPU seconds (CPU of every thread of this process);
  2. with languages stored: `figures` (analysis.figures), the report (build_report + charts + HTML, which
     computes the figures itself), both one after the other as two separate runs, and both in one process with
     the report reusing the figures' scope and result (target: under 5 s);
  3. the PDF of the same report (WeasyPrint), reported on its own;
  4. the `tweetathon report` command as a user runs it (a new process: start-up and imports included);
  5. figures of a 1M-post event (target: under 30 s; computed on two cores, and again on one for comparison:
     the machine's load average is printed, as other work on the second core slows the first), without
     detection: with --big-detect its languages are stored first by `tweetathon languages detect --fast`
     (set-up, timed apart); without it the language figure counts them as not detected (its cost, one pass
     over the posts, is the same either way).
Peer: the same pipeline's own parts (reading the event, computing figures, drawing charts, writing HTML) are
printed separately so a regression shows where it is.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLI = [str(ROOT / ".venv" / "bin" / "tweetathon")]
# Set-up commands load every command family (`python -c`), whatever the console entry point loads.
SETUP = [str(ROOT / ".venv" / "bin" / "python"), "-c", "from tweetathon.cli import main; main()"]
SLUG = "poltwt"


def run(args: list[str], db: Path, quiet: bool = True, cli: list[str] = SETUP) -> float:
    """Run a tweetathon command on `db`; return its wall time. Failures stop the benchmark with the output."""
    started = time.perf_counter()
    done = subprocess.run([*cli, *args, "--db", str(db)], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0,) and not (args[0] == "participants" and done.returncode == 1):
        sys.exit(f"`tweetathon {' '.join(args)}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    if not quiet:
        print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "")
    return elapsed


def prepare(work: Path, posts: int) -> Path:
    """Simulate and import an event of about `posts` posts (the simulation and the database are reused when
    they exist in `work`)."""
    folder, db = work / f"sim{posts}", work / f"sim{posts}.db"
    if db.exists():
        print(f"  reusing {db}")
        return db
    started = time.perf_counter()
    if not (folder / "event.json").exists():
        subprocess.run([*SETUP, "simulate", "tweetathon", "--out", str(folder), "--posts", str(posts)], check=True,
                       capture_output=True)
    simulated = time.perf_counter() - started
    run(["event", "create", "--from", str(folder / "event.json")], db)
    run(["participants", "import", str(folder / "participants.csv"), "--event", SLUG], db)
    run(["participants", "approve", "--all", "--event", SLUG], db)
    imported = run(["import", str(folder / "data")], db)
    print(f"  set-up: simulate {simulated:.1f} s, import {imported:.1f} s -> {db}")
    return db


def best(repeat: int, action: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return min(times), result


def detection(db: Path) -> tuple[float, float, int, int]:
    """(wall s, CPU s, posts detected, distinct texts run through lingua) of the event's missing languages."""
    from tweetathon import analysis
    from tweetathon.enrich.language import detect_and_store
    from tweetathon.store.store import Store

    with Store.open(str(db)) as store:
        started, cpu = time.perf_counter(), time.process_time()
        missing = analysis.missing_languages(analysis.event_scope(store, SLUG))
        distinct = detect_and_store(store, missing).distinct_texts if missing else 0
        return time.perf_counter() - started, time.process_time() - cpu, len(missing), distinct


def first_report(db: Path, work: Path) -> tuple[float, float]:
    """(wall s, CPU s) of `tweetathon report` as a new process on a copy of `db` with no language stored."""
    copy = work / "first-report.db"
    shutil.copy(db, copy)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = run(["report", "--event", SLUG, "--out", str(work / "first-report.html"), "--quiet"], copy, cli=CLI)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    copy.unlink()
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report_parts(db: Path, out: Path) -> dict[str, float]:
    """One report, timed part by part (languages already stored)."""
    from tweetathon.reports.impact import build_report, with_charts
    from tweetathon.reports.render_impact import render_html
    from tweetathon.store.store import Store

    parts: dict[str, float] = {}
    with Store.open(str(db)) as store:
        mark = time.perf_counter()
        report = build_report(store, SLUG, detect=False)
        parts["read + figures + tables"] = time.perf_counter() - mark
        mark = time.perf_counter()
        report = with_charts(report)
        parts["charts (vl-convert)"] = time.perf_counter() - mark
        mark = time.perf_counter()
        out.write_text(render_html(report), encoding="utf-8")
        parts["HTML"] = time.perf_counter() - mark
    parts["report total"] = sum(parts.values())
    return parts


def figures_then_report(db: Path, out: Path) -> float:
    """`figures` and the report in one process: the report reuses the figures' scope and result."""
    from tweetathon import analysis
    from tweetathon.reports.impact import build_report, with_charts
    from tweetathon.reports.render_impact import render_html
    from tweetathon.store.store import Store

    started = time.perf_counter()
    with Store.open(str(db)) as store:
        scope = analysis.event_scope(store, SLUG)
        figs = analysis.headline_figures(scope)
        report = with_charts(build_report(store, SLUG, detect=False, scope=scope, figures=figs))
        out.write_text(render_html(report), encoding="utf-8")
    return time.perf_counter() - started


def figures_once(db: Path, detect: bool = True, min_parallel_posts: int | None = None) -> dict[str, Any]:
    from tweetathon import analysis

    return analysis.figures(str(db), SLUG, detect_languages=detect, min_parallel_posts=min_parallel_posts)


def pdf_once(db: Path, out: Path) -> None:
    from tweetathon.reports.impact import build_report, with_charts
    from tweetathon.reports.render_impact import render_pdf
    from tweetathon.store.store import Store

    with Store.open(str(db)) as store:
        report = with_charts(build_report(store, SLUG, detect=False))
    started = time.perf_counter()
    out.write_bytes(render_pdf(report))
    print(f"  PDF (WeasyPrint) of the same report: {time.perf_counter() - started:.2f} s, "
          f"{out.stat().st_size / 1e6:.1f} MB")


def bench_event(db: Path, work: Path, repeat: int) -> None:
    wall, cpu = first_report(db, work)
    print(f"  first `tweetathon report` after the import, detection included (new process): {wall:.1f} s, "
          f"{cpu:.1f} s CPU  (target < 15 s: {'met' if wall < 15 else 'NOT met'}); load average "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    detected, cpu, n, distinct = detection(db)
    print(f"  first run, language detection of {n:,} posts ({distinct:,} distinct texts): {detected:.1f} s, "
          f"{cpu:.1f} s CPU" + (f" ({n / detected:,.0f} posts/s wall, {n / cpu:,.0f} posts per CPU second)"
                                 if n and detected else " (already stored)"))
    fig_time, figs = best(repeat, lambda: figures_once(db))
    parts = min((report_parts(db, work / "report.html") for _ in range(repeat)), key=lambda p: p["report total"])
    print(f"  event posts: {figs['posts']['total']:,}; participants who posted: "
          f"{figs['participants']['participants_posted']:,}; languages: {figs['languages']['count']}")
    print(f"  figures (languages stored): {fig_time:.2f} s")
    print("  report (languages stored): " + ", ".join(f"{k} {v:.2f} s" for k, v in parts.items()))
    alone = parts["report total"]
    both = fig_time + alone
    print(f"  report with its figures: {alone:.2f} s  (target < 5 s: {'met' if alone < 5 else 'NOT met'})")
    print(f"  `figures` then `report`, two separate runs (figures computed twice): {both:.2f} s  "
          f"(target < 5 s: {'met' if both < 5 else 'NOT met'})")
    reused = min(figures_then_report(db, work / "report-reused.html") for _ in range(repeat))
    print(f"  figures then report in one process (report reuses the figures): {reused:.2f} s  "
          f"(target < 5 s: {'met' if reused < 5 else 'NOT met'})")
    command = run(["report", "--event", SLUG, "--out", str(work / "report-cli.html"), "--quiet"], db, cli=CLI)
    print(f"  `tweetathon report` command, new process (start-up and imports included): {command:.2f} s")
    pdf_once(db, work / "report.pdf")


def bench_big(db: Path, repeat: int, detect: bool) -> None:
    if detect:
        took = run(["languages", "detect", "--event", SLUG, "--fast"], db)
        print(f"  set-up: `tweetathon languages detect --fast`: {took:.0f} s")
    fig_time, figs = best(repeat, lambda: figures_once(db, detect=False))
    print(f"  event posts: {figs['posts']['total']:,}; posts without a detected language: "
          f"{figs['languages']['not_detected']:,}")
    state = "languages stored" if detect else "no detection"
    print(f"  figures ({state}, two cores when there are): {fig_time:.2f} s  "
          f"(target < 30 s: {'met' if fig_time < 30 else 'NOT met'})")
    serial, _ = best(repeat, lambda: figures_once(db, detect=False, min_parallel_posts=10**12))
    print(f"  figures ({state}, one core, for comparison): {serial:.2f} s; load average now "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=48_000)
    parser.add_argument("--big-posts", type=int, default=1_000_000, help="0 to skip the big event")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--big-detect", action="store_true",
                        help="store the big event's languages first (lingua low-accuracy mode; slow)")
    parser.add_argument("--work", type=Path, default=None, help="keep databases here (default: a temp folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="report-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"report speed on {os.cpu_count()} cores, work folder {work}")
    print(f"\n{args.posts:,}-post tweet-a-thon")
    bench_event(prepare(work, args.posts), work, args.repeat)
    if args.big_posts:
        print(f"\n{args.big_posts:,}-post tweet-a-thon")
        bench_big(prepare(work, args.big_posts), args.repeat, args.big_detect)


if __name__ == "__main__":
    main()
