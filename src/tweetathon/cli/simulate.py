"""`tweetathon simulate`: write a realistic simulated event (platform files + the true figures)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tweetathon.cli import app
from tweetathon.cli.common import JsonOption, console, fail, print_json

KIND_HELP = ("tweetathon (a #poltwt-like global 24-hour event from 08:00 local), chat (a weekly one-hour "
             "#polchat), livefeed (a #gmp24-like 24-hour incident feed)")


@app.command("simulate")
def simulate_cmd(
    kind: Annotated[str, typer.Argument(help=f"What to simulate: {KIND_HELP}.")] = "tweetathon",
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into (created if needed).")] = Path("sim"),
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed writes byte-identical files.")] = 1,
    posts: Annotated[int | None, typer.Option("--posts", min=1,
                                              help="About how many posts to write (default: 48,000 for a "
                                                   "tweetathon, 1,200 for a chat, 4,000 for a live feed).")] = None,
    start: Annotated[str | None, typer.Option("--start", help="Event date YYYY-MM-DD (default 2013-03-22 for a "
                                                            "tweetathon, the first Thursday from 2026-01-08 for a "
                                                            "chat, 2010-10-14 for a live feed).")] = None,
    weeks: Annotated[int, typer.Option("--weeks", min=1, help="Chat only: how many weekly sessions.")] = 4,
    as_json: JsonOption = False,
) -> None:
    """Simulate an event in real platform formats (twarc2 pages, Mastodon statuses, compliance deletes),
    with participants.csv, event.json and truth.json (the exact figures, known by construction).
    Import it with `tweetathon import OUT/data`."""
    from tweetathon.simulate import KINDS, simulate

    if kind not in KINDS:
        fail(f"unknown kind {kind!r}", f"Choose one of: {', '.join(KINDS)}.")
    day = None
    if start:
        try:
            day = date.fromisoformat(start)
        except ValueError:
            fail(f"--start {start!r} is not a date", "Write it as YYYY-MM-DD, e.g. --start 2013-03-22.")
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file, not a folder", "Give a folder name (it is created if needed).")
    summary = simulate(kind, out, seed=seed, posts=posts, start=day, weeks=weeks)
    stats = summary.truth["stats"]
    if as_json:
        print_json({"out": str(out), "posts": stats["posts"], "pages": summary.pages,
                    "seconds": round(summary.seconds, 3), "stats": stats})
        return
    figures = summary.truth["figures"]
    console.print(f"wrote a simulated {kind} to [bold]{out}[/]: {stats['posts']:,} posts in {summary.pages:,} "
                  f"pages, {figures['posts']['total']:,} event posts, in {summary.seconds:.1f} s")
    console.print(f"import it with: tweetathon import {out / 'data'}   (truth: {out / 'truth.json'})")
