"""Runs a scenario slice by slice, streaming files to disk and feeding the truth as it goes.

Output folder:
    event.json, participants.csv, truth.json
    data/x/twarc2-search.jsonl       X API v2 pages as twarc2 saves them
    data/x/twarc2-compliance.jsonl   a compliance job's deletes
    data/mastodon/statuses.jsonl     Mastodon API statuses
"""

from __future__ import annotations

import bisect
import csv
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from tweetathon import atomic
from tweetathon.simulate.kinds.base import Scenario
from tweetathon.simulate.mastodon_writer import MastodonWriter
from tweetathon.simulate.model import Account, SimPost
from tweetathon.simulate.truth import Truth
from tweetathon.simulate.twarc2_writer import Twarc2Writer, referenced, write_compliance

PARTICIPANT_COLUMNS = ("platform", "handle", "agency", "role", "address", "city", "country")
ANSWER_HORIZON = 9 * 3600


@dataclass
class RunSummary:
    out: Path
    posts: int
    pages: int
    seconds: float
    truth: dict[str, Any]


def run(scenario: Scenario, out: Path) -> RunSummary:
    """Write everything for `scenario` into `out` and return what was written."""
    started = time.perf_counter()
    (out / "data" / "x").mkdir(parents=True, exist_ok=True)
    (out / "data" / "mastodon").mkdir(parents=True, exist_ok=True)
    truth = Truth(scenario.slug, scenario.hashtags, scenario.windows)
    truth.participant_accounts = list(scenario.participants)
    configure = getattr(scenario, "configure_truth", None)
    if configure:
        configure(truth)
    deleted: list[tuple[str, float]] = []
    pages = 0
    x_path, m_path = out / "data" / "x" / "twarc2-search.jsonl", out / "data" / "mastodon" / "statuses.jsonl"
    with atomic.open_atomic(x_path) as xf, atomic.open_atomic(m_path) as mf:
        twarc = Twarc2Writer(xf, " OR ".join(f"#{t}" for t in scenario.hashtags), scenario.rng)
        masto = MastodonWriter(mf)
        previous: dict[Account, list[float]] = {}
        start, end = int(scenario.span[0]), int(scenario.span[1])
        for t0 in range(start, end, scenario.slice_len):
            t1 = min(end, t0 + scenario.slice_len)
            posts = scenario.generate(t0, t1)
            for p in posts:
                p.author.statuses += 1
            x_posts = [p for p in posts if p.platform == "x"]
            observed = twarc.write_slice(x_posts, t0, t1)
            pages += len(observed)
            current = _observe_pages(truth, observed)
            masto.write([p for p in posts if p.platform == "mastodon"])
            _count_posts(truth, posts, previous, current, deleted)
            previous = current
            truth.forget_questions_before(t0 - ANSWER_HORIZON)
    with atomic.open_atomic(out / "data" / "x" / "twarc2-compliance.jsonl") as fh:
        write_compliance(fh, deleted)
    if not any(p.platform == "mastodon" for p in scenario.participants) and m_path.stat().st_size == 0:
        m_path.unlink()
    write_participants(out / "participants.csv", scenario.participants)
    atomic.write_bytes(out / "event.json", orjson.dumps(scenario.event_json(), option=orjson.OPT_INDENT_2) + b"\n")
    result = {"stats": truth.stats_json(), "figures": truth.figures_json(), "content": truth.content_json()}
    atomic.write_bytes(out / "truth.json", orjson.dumps(result, option=orjson.OPT_INDENT_2) + b"\n")
    return RunSummary(out, result["stats"]["posts"], pages, time.perf_counter() - started, result)


def _observe_pages(truth: Truth, observed: list[tuple[float, list[Account]]]) -> dict[Account, list[float]]:
    seen: dict[Account, list[float]] = {}
    for retrieved, users in observed:
        truth.observe_page("x", retrieved, users)
        for acc in users:
            seen.setdefault(acc, []).append(retrieved)
    return seen


def _count_posts(truth: Truth, posts: list[SimPost], previous: dict[Account, list[float]],
                 current: dict[Account, list[float]], deleted: list[tuple[str, float]]) -> None:
    mastodon_seen: set[tuple[str, int]] = set()
    for p in sorted(posts, key=lambda q: (q.created, int(q.id))):
        if p.platform == "x":
            truth.add_post(p, p.author.followers(_first_observation(p, previous, current)))
            for _, ref in referenced(p):
                if not ref.collected:
                    truth.add_reference(ref)
        else:
            truth.observe_status(p, mastodon_seen)
            truth.add_post(p, p.author.followers(p.created))
        if p.deleted:
            deleted.append((p.id, p.created + 3600 * (6 + int(p.id) % 48)))


def _first_observation(p: SimPost, previous: dict[Account, list[float]], current: dict[Account, list[float]]) -> float:
    """The first time at or after the post's creation that its author was observed (a page's retrieved_at)."""
    earlier = previous.get(p.author, [])
    i = bisect.bisect_left(earlier, p.created)
    return earlier[i] if i < len(earlier) else current[p.author][0]


def write_participants(path: Path, accounts: list[Account]) -> None:
    with atomic.open_atomic(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(PARTICIPANT_COLUMNS)
        for a in accounts:
            writer.writerow((a.platform, a.handle, a.agency, a.role, a.address, a.city, a.country))
