"""The event against an ordinary period of the same participants (docs/figures.md#baseline). Pure.

For each participant account and each period (the baseline period the organiser chose, and the participant's
own event window from its first start to its last end): `posts_per_day` (the account's own posts, reposts
left out), `public_replies_per_day` (replies to the account by accounts that are not participants),
`follower_growth_per_day` (last − first follower count observed inside the period, divided by the days between
those observations; None with fewer than two), `engagement_per_post` (likes + reposts + replies + quotes as
last observed, averaged over the account's posts that carry counts; None when none does). The total adds the
accounts' posts, replies and growth (per day) and averages engagement over all their posts. `difference` is
event − baseline (None when either is unknown).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

DAY = 86400.0
RATES = ("posts_per_day", "public_replies_per_day", "follower_growth_per_day", "engagement_per_post")
Period = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class ActivityPost:
    """What the baseline needs of a post."""

    author_id: str
    created_at: datetime
    kind: str
    in_reply_to_author_id: str | None
    engagement: int | None  # likes + reposts + replies + quotes; None when the platform gave no counts


@dataclass(frozen=True, slots=True)
class Account:
    key: str  # platform:handle
    ids: frozenset[str]
    event: Period


@dataclass(frozen=True, slots=True)
class Activity:
    days: float
    posts: int
    public_replies: int
    growth: tuple[int, float] | None  # (followers gained, days between the observations)
    engagement: tuple[int, int]  # (sum, posts with counts)

    def rates(self) -> dict[str, float | None]:
        growth = self.growth[0] / (self.growth[1] / DAY) if self.growth and self.growth[1] > 0 else None
        total, counted = self.engagement
        return {"posts_per_day": _round(self.posts / self.days), "public_replies_per_day":
                _round(self.public_replies / self.days), "follower_growth_per_day": _round(growth),
                "engagement_per_post": _round(total / counted if counted else None)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _inside(moment: datetime, period: Period) -> bool:
    return period[0] <= moment < period[1]


def _growth(snapshots: Sequence[tuple[datetime, int]], period: Period) -> tuple[int, float] | None:
    seen = sorted((at, n) for at, n in snapshots if _inside(at, period))
    if len(seen) < 2:
        return None
    return seen[-1][1] - seen[0][1], (seen[-1][0] - seen[0][0]).total_seconds()


def activity(account: Account, period: Period, posts: Sequence[ActivityPost],
             snapshots: Sequence[tuple[datetime, int]], participant_ids: frozenset[str]) -> Activity:
    """One account's activity in one period."""
    inside = [p for p in posts if _inside(p.created_at, period)]
    own = [p for p in inside if p.author_id in account.ids and p.kind != "repost"]
    replies = sum(1 for p in inside if p.in_reply_to_author_id in account.ids and p.kind == "reply"
                  and p.author_id not in participant_ids)
    counted = [p.engagement for p in own if p.engagement is not None]
    days = max((period[1] - period[0]).total_seconds() / DAY, 1 / 24)
    return Activity(days, len(own), replies, _growth(snapshots, period), (sum(counted), len(counted)))


def _difference(event: Mapping[str, float | None], base: Mapping[str, float | None]) -> dict[str, float | None]:
    return {k: None if event[k] is None or base[k] is None else _round(event[k] - base[k])  # type: ignore[operator]
            for k in RATES}


def _compare(event: Activity, base: Activity) -> dict[str, dict[str, float | None]]:
    e, b = event.rates(), base.rates()
    return {"event": e, "baseline": b, "difference": _difference(e, b)}


def _total(pairs: Sequence[tuple[Activity, Activity]], which: int) -> dict[str, float | None]:
    acts = [pair[which] for pair in pairs]
    growths = [a.growth[0] / (a.growth[1] / DAY) for a in acts if a.growth and a.growth[1] > 0]
    eng = sum(a.engagement[0] for a in acts), sum(a.engagement[1] for a in acts)
    return {"posts_per_day": _round(sum(a.posts / a.days for a in acts)),
            "public_replies_per_day": _round(sum(a.public_replies / a.days for a in acts)),
            "follower_growth_per_day": _round(sum(growths)) if growths else None,
            "engagement_per_post": _round(eng[0] / eng[1] if eng[1] else None)}


def baseline_figure(accounts: Sequence[Account], baseline: Period, posts: Sequence[ActivityPost],
                    snapshots: Mapping[str, Sequence[tuple[datetime, int]]]) -> dict[str, object]:
    """The `baseline` figure: the period, per account (key) and in total, event / baseline / difference.
    `snapshots` maps an account id to its (observed_at, followers)."""
    participant_ids = frozenset(i for a in accounts for i in a.ids)
    pairs: dict[str, tuple[Activity, Activity]] = {}
    for a in accounts:
        seen = [s for i in a.ids for s in snapshots.get(i, ())]
        pairs[a.key] = (activity(a, a.event, posts, seen, participant_ids),
                        activity(a, baseline, posts, seen, participant_ids))
    values = list(pairs.values())
    total = {"event": _total(values, 0), "baseline": _total(values, 1)}
    return {"period": {"start": _iso(baseline[0]), "end": _iso(baseline[1])},
            "per_account": {k: _compare(*v) for k, v in sorted(pairs.items())},
            "total": {**total, "difference": _difference(total["event"], total["baseline"])}}


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
