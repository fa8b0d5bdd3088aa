"""How long `figures` takes on a large event: with languages already stored, and the first run with detection.

    .venv/bin/python benchmarks/figures_speed.py                 # 48,000 posts (the simulator's tweet-a-thon size)
    .venv/bin/python benchmarks/figures_speed.py --posts 1000000 --no-detect

Posts are synthesised straight into a fresh SQLite store (250 participants in 12 zones, 08:00 local for 24 h,
a public three times as large, replies, quotes, reposts, questions, an account snapshot per author and hour),
then timed: (1) figures with detection (first run), (2) figures again, languages stored, (3) figures for
the event read from a PostgreSQL URL when --pg is given.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, update

from tweetathon import analysis
from tweetathon.model import AccountSnapshot, Event, Post
from tweetathon.store.schema import participants, posts
from tweetathon.store.store import Store

ZONES = ["Pacific/Auckland", "Australia/Sydney", "Asia/Tokyo", "Asia/Kolkata", "Europe/Moscow", "Europe/Berlin",
         "Europe/London", "America/Sao_Paulo", "America/New_York", "America/Chicago", "America/Denver",
         "America/Los_Angeles"]
TEXTS = ["Good morning from the night shift, {n} calls so far #poltwt", "Patrulla en el centro {n} #poltwt",
         "Guten Morgen aus der Wache {n} #poltwt", "Nous sommes en patrouille ce matin {n} #poltwt",
         "Do you need help with anything today? {n} #poltwt"]
EVENT = Event(slug="bench", name="bench", hashtags=("poltwt",), zone="Europe/London", local_start="08:00",
              local_date="2013-03-22", duration_minutes=1440)


def synthesise(store: Store, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    event_id = store.ensure_event(EVENT)
    people = [(f"force{i}", ZONES[i % len(ZONES)]) for i in range(250)]
    with store.begin() as conn:
        conn.execute(insert(participants), [{"event_id": event_id, "platform": "x", "handle": h, "zone": z,
                                             "country": "GB", "status": "approved",
                                             "created_at": datetime.now(UTC)} for h, z in people])
    start = datetime(2013, 3, 21, 19, tzinfo=UTC)
    batch: list[Post] = []
    snaps: dict[tuple[str, int], AccountSnapshot] = {}
    for i in range(n):
        author = rng.randrange(1000)
        handle = people[author][0] if author < 250 else f"resident{author}"
        when = start + timedelta(seconds=rng.randrange(36 * 3600))
        kind = rng.choice(["original", "original", "reply", "repost", "quote"])
        ref = str(rng.randrange(max(i, 1))) if kind != "original" else None
        batch.append(Post("x", str(i), when, str(author), handle, rng.choice(TEXTS).format(n=i), kind=kind,
                          hashtags=("poltwt",), in_reply_to_post_id=ref if kind == "reply" else None,
                          repost_of_id=ref if kind == "repost" else None,
                          quote_of_id=ref if kind == "quote" else None, source_format="bench"))
        hour = when.replace(minute=0, second=0, microsecond=0)
        snaps[(handle, int(hour.timestamp()))] = AccountSnapshot("x", str(author), handle, hour,
                                                                 followers=1000 + author, source_format="bench")
        if len(batch) == 5000:
            store.write_batch(batch, list(snaps.values()))
            batch, snaps = [], {}
    store.write_batch(batch, list(snaps.values()))


def timed(label: str, fn: object) -> float:
    began = time.perf_counter()
    fn()  # type: ignore[operator]
    seconds = time.perf_counter() - began
    print(f"{label:<58} {seconds:8.2f} s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=48_000)
    parser.add_argument("--no-detect", action="store_true", help="store languages by SQL instead of detecting")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(str(Path(tmp) / "bench.db"))
        timed(f"synthesise {args.posts:,} posts", lambda: synthesise(store, args.posts))
        if args.no_detect:
            with store.begin() as conn:
                conn.execute(update(posts).values(lang_detected="en"))
        else:
            timed("figures, first run (detects languages)", lambda: analysis.figures(store, "bench"))
        timed("figures, languages stored", lambda: analysis.figures(store, "bench"))
        scope = analysis.event_scope(store, "bench")
        timed("  of which: read the store (event_scope)", lambda: analysis.event_scope(store, "bench"))
        timed("  of which: compute (headline_figures)", lambda: analysis.headline_figures(scope))
        print(f"event posts: {len(scope.event_posts):,}")
        store.close()


if __name__ == "__main__":
    main()
