"""Potential reach, potential and measured impressions, follower growth (docs/figures.md#potential_reach ...).

Follower counts come only from observations (account snapshots); an account never observed is unknown, not 0.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from operator import itemgetter

from tweetathon.analysis.scope import ParticipantIndex, Windows, inside
from tweetathon.store.event_data import AUTHOR, Observation, PostRow

Observations = Mapping[tuple[str, str], tuple[Observation, ...]]


def _distance(moment: datetime, windows: Windows) -> timedelta:
    if windows is None or inside(moment, windows):
        return timedelta(0)
    return min(w.start - moment if moment < w.start else moment - w.end for w in windows)


def reach_followers(observed: Sequence[Observation], windows: Windows) -> int | None:
    """The largest follower count observed inside the windows, else the observation nearest to them (the
    later one on a tie). None when the account was never observed."""
    if not observed:
        return None
    within = [followers for at, followers in observed if inside(at, windows)]
    if within:
        return max(within)
    nearest = min(observed, key=lambda o: (_distance(o.observed_at, windows), -o.observed_at.timestamp()))
    return nearest.followers


def potential_reach(event_posts: Iterable[PostRow], observations: Observations, index: ParticipantIndex,
                    windows: Windows) -> dict[str, int]:
    """Sum over distinct accounts with an event post of `reach_followers`, split participants / public;
    accounts never observed are counted in `accounts_unknown` and add nothing."""
    authors: dict[tuple[str, str], bool] = {}
    for platform, author_id, handle in set(map(AUTHOR, event_posts)):
        key = (platform, author_id)
        authors[key] = authors.get(key, False) or index.of_author((platform, author_id, handle)) is not None
    out = {"total": 0, "participants": 0, "public": 0, "accounts_unknown": 0}
    for key, is_participant in authors.items():
        followers = reach_followers(observations.get(key, ()), windows)
        if followers is None:
            out["accounts_unknown"] += 1
            continue
        out["total"] += followers
        out["participants" if is_participant else "public"] += followers
    return out


def followers_at(observed: Sequence[Observation], moment: datetime) -> int | None:
    """The first observation at or after `moment`, else the last one before it."""
    if not observed:
        return None
    at = bisect_left([o.observed_at for o in observed], moment)
    return observed[at].followers if at < len(observed) else observed[-1].followers


def potential_impressions(event_posts: Iterable[PostRow], observations: Observations) -> dict[str, int]:
    """Sum over event posts of the author's follower count at posting time; `posts_unknown` when never seen."""
    total = unknown = 0
    series: dict[tuple[str, str], tuple[list[datetime], list[int]]] = {}
    for platform, author_id, created_at in map(itemgetter(0, 3, 2), event_posts):
        key = (platform, author_id)
        found = series.get(key)
        if found is None:
            observed = observations.get(key, ())
            found = series[key] = ([o.observed_at for o in observed], [o.followers for o in observed])
        times, followers = found
        if not times:
            unknown += 1
            continue
        at = bisect_left(times, created_at)
        total += followers[at] if at < len(times) else followers[-1]
    return {"total": total, "posts_unknown": unknown}


def measured_impressions(event_posts: Iterable[PostRow]) -> dict[str, int | None]:
    """Impression counts the platform reported, over the event posts that have one (`total` None if none)."""
    values = [row.impressions for row in event_posts if row.impressions is not None]
    return {"total": sum(values) if values else None, "posts": len(values)}


def follower_growth(observations: Observations, index: ParticipantIndex,
                    windows: Windows) -> dict[str, dict[str, int]]:
    """Per participant (`platform:handle`): followers at the first and last observation inside the event
    window and the gain; participants with fewer than two such observations are omitted."""
    out: dict[str, dict[str, int]] = {}
    for person in index.people:
        seen = sorted((o for key in index.account_ids(person) for o in observations.get(key, ())
                       if inside(o.observed_at, windows)), key=lambda o: o.observed_at)
        if len(seen) >= 2:
            out[person.key] = {"first": seen[0].followers, "last": seen[-1].followers,
                               "gain": seen[-1].followers - seen[0].followers}
    return out
