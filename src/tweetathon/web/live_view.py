"""The live dashboard as plain data for the page and the stream: one dict per audience, built once per update.

The same dict renders the server-side page (no JavaScript) and travels as the JSON of each server-sent event,
so both show the same figures. `public` leaves out the questions queue and capture-health details and shows the
public under pseudonyms; `admin` has everything and names everyone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import orjson

from tweetathon.analysis.timing import iso_utc
from tweetathon.live.state import LivePost, LiveState, Waiting
from tweetathon.store.event_data import HealthRow

AUDIENCES = ("public", "admin")


def counters(state: LiveState) -> dict[str, int]:
    """The headline counters, each taken from the figure family that defines it."""
    f = state.figures
    posts, people = f["posts"], f["participants"]
    return {"posts": posts["total"], "originals": posts["originals"], "replies": posts["replies"],
            "quotes": posts["quotes"], "reposts": posts["reposts"],
            "participants_posted": people["participants_posted"],
            "registered": state.registered, "public_accounts": people["public_accounts"],
            "languages": f["languages"]["count"], "countries": f["countries"]["count"],
            "potential_reach": f["potential_reach"]["total"]}


def hours(state: LiveState) -> list[dict[str, Any]]:
    """Posts per UTC clock hour with each bar's height in percent of the busiest hour."""
    counts: dict[str, int] = state.figures["posts_per_hour"]
    top = max(counts.values(), default=0) or 1
    return [{"utc": hour, "posts": n, "percent": round(100 * n / top)} for hour, n in counts.items()]


def hour_label(hour_utc: str, zone: str) -> str:
    """`22 Mar 14:00` of an hour's start in `zone`."""
    return datetime.fromisoformat(hour_utc.replace("Z", "+00:00")).astimezone(ZoneInfo(zone)).strftime("%d %b %H:%M")


def post_view(post: LivePost) -> dict[str, Any]:
    return {"platform": post.platform, "at": iso_utc(post.created_at), "kind": post.kind, "author": post.author.name,
            "handle": post.author.handle, "participant": post.author.participant, "url": post.url,
            "segments": [[s.kind, s.text, s.href] for s in post.segments]}


def waiting_view(item: Waiting) -> dict[str, Any]:
    return {**post_view(item.post), "to": item.participant, "age_minutes": int(item.age_seconds // 60)}


def failed_view(row: HealthRow) -> dict[str, Any]:
    return {"platform": row.platform, "source": row.source, "kind": row.kind, "since": iso_utc(row.start),
            "detail": row.detail}


def health_banner(state: LiveState) -> dict[str, Any]:
    """What the capture-health banner says: counts of gaps, rate-limit waits and failed sources."""
    health = state.figures["capture_health"]
    return {"gaps": len(health["gaps"]), "waits": health["rate_limit_waits"]["count"],
            "wait_seconds": health["rate_limit_waits"]["seconds"], "failed": len(state.failed_sources),
            "rejected": health["rejected"], "ok": not (health["gaps"] or state.failed_sources)}


def view(state: LiveState, audience: str) -> dict[str, Any]:
    """The dashboard of `state` for `audience` ('public' or 'admin') as JSON-ready data."""
    band = state.band
    out: dict[str, Any] = {
        "event": state.slug, "name": state.name, "zone": state.zone, "updated": iso_utc(state.now),
        "counters": counters(state), "hours": hours(state), "posted": list(state.posted),
        "band": {"now": list(band.now), "next": list(band.next), "zones_now": list(band.zones_now),
                 "next_at": iso_utc(band.next_at) if band.next_at else None},
        "top": [{"key": k, "agency": a, "posts": n} for k, a, n in state.top],
        "latest": [post_view(p) for p in (state.latest if audience == "public" else state.latest_named)],
        "health": health_banner(state),
    }
    if audience == "admin":
        out["waiting"] = [waiting_view(w) for w in state.waiting]
        out["questions"] = {k: state.figures["public_questions"][k] for k in ("questions", "answered")}
        out["capture_health"] = state.figures["capture_health"]
        out["failed"] = [failed_view(r) for r in state.failed_sources]
    return out


def encode(state: LiveState) -> Mapping[str, bytes]:
    """Each audience's view as JSON bytes (what every viewer of that audience is sent)."""
    return {audience: orjson.dumps(view(state, audience)) for audience in AUDIENCES}
