"""The simulator's ground truth, accumulated while the plan is written (never by reading the files back).

`stats` reproduces `tweetathon stats --json` over everything written; `figures` follows docs/figures.md.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tweetathon.simulate.model import Account, SimPost, iso_z
from tweetathon.simulate.texts import POLICE_LABELS, PUBLIC_SENTIMENT

QUESTION_MARKS = ("?", "？", "؟")
ANSWER_TAG = re.compile(r"(?<!\w)A(\d+)(?=[\s:.,;!)]|$)")


@dataclass(slots=True)
class Observations:
    """Follower observations of one account, reduced to what the figures need."""

    in_first: tuple[float, int] | None = None
    in_last: tuple[float, int] | None = None
    in_count: int = 0
    in_max: int = 0
    nearest: tuple[float, int] | None = None


@dataclass
class Truth:
    """Accumulates stats and figures. `windows` is the event window as UTC intervals [start, end)."""

    slug: str
    hashtags: tuple[str, ...]
    windows: tuple[tuple[float, float], ...]
    kinds: Counter[str] = field(default_factory=Counter)
    platforms: Counter[str] = field(default_factory=Counter)
    declared: Counter[str] = field(default_factory=Counter)
    no_language: int = 0
    first: int | None = None
    last: int | None = None
    authors: set[tuple[str, str]] = field(default_factory=set)
    deleted: int = 0
    referenced: set[tuple[str, str]] = field(default_factory=set)
    snapshot_accounts: set[tuple[str, str]] = field(default_factory=set)
    snapshots: int = 0
    mastodon_snapshots: set[tuple[str, float]] = field(default_factory=set)
    event_kinds: Counter[str] = field(default_factory=Counter)
    participants_posted: set[Account] = field(default_factory=set)
    public_posted: set[Account] = field(default_factory=set)
    languages: Counter[str] = field(default_factory=Counter)
    impressions: int = 0
    measured: int = 0
    measured_posts: int = 0
    observations: dict[Account, Observations] = field(default_factory=dict)
    participant_accounts: list[Account] = field(default_factory=list)
    per_hour: Counter[int] = field(default_factory=Counter)
    per_minute: Counter[int] = field(default_factory=Counter)
    open_questions: dict[str, tuple[Account, int]] = field(default_factory=dict)
    questions: Counter[Account] = field(default_factory=Counter)
    responses: dict[Account, list[int]] = field(default_factory=dict)
    chat_questions: dict[str, tuple[str, str]] = field(default_factory=dict)
    chat_host: Account | None = None
    chat_sessions: list[tuple[str, float, float]] = field(default_factory=list)
    answers: dict[str, Counter[str]] = field(default_factory=dict)
    police_posts: Counter[str] = field(default_factory=Counter)  # language -> labelled participant event posts
    purposes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (language, purpose)
    themes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (language, theme)
    feedback: Counter[tuple[str, str]] = field(default_factory=Counter)  # (language, sentiment)

    def in_event_window(self, t: float) -> bool:
        return any(start <= t < end for start, end in self.windows)

    def is_event_post(self, p: SimPost) -> bool:
        tagged = any(t.lower() in self.hashtags for t in p.event_tags)
        if not tagged or not p.collected or p.deleted:
            return False
        return p.author.in_own_window(p.created) if p.author.participant else self.in_event_window(p.created)

    # -- posts ---------------------------------------------------------------------------------------------
    def add_post(self, p: SimPost, impression_followers: int | None) -> None:
        """Count one collected post (written once; repeats in later pages are not passed here)."""
        if p.deleted:
            self.deleted += 1
            return
        self.kinds[p.kind] += 1
        self.platforms[p.platform] += 1
        if p.declared:
            self.declared[p.declared] += 1
        else:
            self.no_language += 1
        self.first = p.created if self.first is None else min(self.first, p.created)
        self.last = p.created if self.last is None else max(self.last, p.created)
        self.authors.add((p.platform, p.author.id))
        self._question_or_answer(p)
        self._feedback(p)
        self._chat_answer(p)
        if self.is_event_post(p):
            self._event_post(p, impression_followers)

    def add_reference(self, p: SimPost) -> None:
        self.referenced.add((p.platform, p.id))

    def _event_post(self, p: SimPost, followers: int | None) -> None:
        self.event_kinds[p.kind] += 1
        (self.participants_posted if p.author.participant else self.public_posted).add(p.author)
        if p.kind != "repost":
            self.languages[p.lang] += 1
            self._purpose_and_themes(p)
        if followers is not None:
            self.impressions += followers
        if p.platform == "x":
            self.measured += p.impressions
            self.measured_posts += 1
        self.per_hour[p.created // 3600] += 1
        self.per_minute[p.created // 60] += 1

    def _question_or_answer(self, p: SimPost) -> None:
        if not p.author.participant:
            target = self._question_target(p)
            if target is not None:
                self.questions[target] += 1
                self.open_questions[p.id] = (target, p.created)
        elif p.reply_to is not None and p.reply_to.id in self.open_questions:
            target, asked = self.open_questions.pop(p.reply_to.id)
            self.responses.setdefault(target, []).append(p.created - asked)

    def _purpose_and_themes(self, p: SimPost) -> None:
        """A participant's event post (not a repost): its planned purpose and themes."""
        if not p.author.participant or p.said is None or p.said[0] not in POLICE_LABELS:
            return
        purpose, themes = POLICE_LABELS[p.said[0]][p.said[1]]
        self.police_posts[p.lang] += 1
        self.purposes[(p.lang, purpose)] += 1
        self.themes.update((p.lang, t) for t in themes)

    def _feedback(self, p: SimPost) -> None:
        """The public's reply to, or mention of, a participant inside the window: its planned sentiment."""
        if p.author.participant or p.repost_of is not None or not self.in_event_window(p.created):
            return
        addressed = (p.reply_to is not None and p.reply_to.author.participant) or any(
            a.participant for a in p.mentions)
        if addressed and p.said is not None and p.said[0] in PUBLIC_SENTIMENT:
            self.feedback[(p.lang, PUBLIC_SENTIMENT[p.said[0]][p.said[1]])] += 1

    def content_json(self) -> dict[str, Any]:
        """What was said, per language: participants' event posts with their planned purposes and themes, and
        the public's feedback (replies and mentions to participants) by planned sentiment."""
        def per_language(counts: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
            out: dict[str, dict[str, int]] = {}
            for (lang, label), n in sorted(counts.items()):
                out.setdefault(lang, {})[label] = n
            return out
        return {"participant_posts": dict(sorted(self.police_posts.items())),
                "purposes": per_language(self.purposes), "themes": per_language(self.themes),
                "feedback_sentiment": per_language(self.feedback)}

    def _question_target(self, p: SimPost) -> Account | None:
        if not self.in_event_window(p.created):
            return None
        if not any(mark in p.text for mark in QUESTION_MARKS):
            return None
        if p.repost_of is not None:
            return None  # a repost asks nothing of its own (docs/figures.md#public_questions)
        if p.reply_to is not None and p.reply_to.author.participant:
            return p.reply_to.author
        return next((a for a in p.mentions if a.participant), None)

    def _chat_answer(self, p: SimPost) -> None:
        if self.chat_host is None or p.author is self.chat_host or p.kind == "repost":
            return
        session = next((d for d, s, e in self.chat_sessions if s <= p.created < e), None)
        if session is None:
            return
        linked = next((self.chat_questions[r.id] for r in (p.reply_to, p.quote_of)
                       if r is not None and r.id in self.chat_questions), None)
        if linked is None:
            match = ANSWER_TAG.search(p.text)
            linked = (session, f"Q{match.group(1)}") if match else None
        if linked is not None:
            self.answers.setdefault(linked[0], Counter())[linked[1]] += 1

    # -- observations --------------------------------------------------------------------------------------
    def observe_page(self, platform: str, t: float, users: list[Account]) -> None:
        """An X page: every user in includes.users is a snapshot observed at the page's retrieved_at."""
        self.snapshots += len(users)
        for acc in users:
            self.snapshot_accounts.add((platform, acc.id))
            self.observe(acc, t)

    def observe_status(self, p: SimPost, seen: set[tuple[str, int]]) -> None:
        """A Mastodon status: its account is a snapshot at the status's created_at (one per account and time)."""
        key = (p.author.id, p.created)
        if key not in seen:
            seen.add(key)
            self.snapshots += 1
            self.snapshot_accounts.add((p.platform, p.author.id))
            self.observe(p.author, p.created)

    def observe(self, acc: Account, t: float) -> None:
        followers = acc.followers(t)
        obs = self.observations.get(acc)
        if obs is None:
            obs = self.observations[acc] = Observations()
        if self.in_event_window(t):
            if obs.in_first is None or t < obs.in_first[0]:
                obs.in_first = (t, followers)
            if obs.in_last is None or t >= obs.in_last[0]:
                obs.in_last = (t, followers)
            obs.in_count += 1
            obs.in_max = max(obs.in_max, followers)
            return
        distance = min(start - t if t < start else t - end for start, end in self.windows)
        if obs.nearest is None or distance < obs.nearest[0]:
            obs.nearest = (distance, followers)

    def forget_questions_before(self, t: float) -> None:
        """Questions older than the longest possible answer delay can no longer be answered."""
        for key in [k for k, (_, asked) in self.open_questions.items() if asked < t]:
            del self.open_questions[key]

    # -- output --------------------------------------------------------------------------------------------
    def stats_json(self) -> dict[str, Any]:
        """Exactly the keys and meaning of `tweetathon stats --json` over everything written."""
        return {
            "posts": sum(self.kinds.values()), "originals": self.kinds["original"], "replies": self.kinds["reply"],
            "quotes": self.kinds["quote"], "reposts": self.kinds["repost"], "authors": len(self.authors),
            "platforms": dict(sorted(self.platforms.items())),
            "languages_declared": dict(sorted(self.declared.items(), key=lambda kv: (-kv[1], kv[0]))),
            "posts_without_language": self.no_language,
            "first_post_at": iso_z(self.first) if self.first is not None else None,
            "last_post_at": iso_z(self.last) if self.last is not None else None,
            "deleted": self.deleted, "referenced": len(self.referenced),
            "accounts": len(self.snapshot_accounts), "snapshots": self.snapshots,
        }

    def figures_json(self) -> dict[str, Any]:
        """The event figures, shaped as docs/figures.md's JSON."""
        posted = self.participants_posted
        return {
            "event": self.slug,
            "posts": {"total": sum(self.event_kinds.values()), "originals": self.event_kinds["original"],
                      "replies": self.event_kinds["reply"], "quotes": self.event_kinds["quote"],
                      "reposts": self.event_kinds["repost"]},
            "participants": {"participants_posted": len(posted), "public_accounts": len(self.public_posted)},
            "languages": {"count": len([k for k in self.languages if k != "und"]),
                          "count_min5": len([k for k, n in self.languages.items() if k != "und" and n >= 5]),
                          "posts_per_language": dict(sorted(self.languages.items(), key=lambda kv: (-kv[1], kv[0])))},
            "countries": {"count": len({a.country for a in posted}), "list": sorted({a.country for a in posted})},
            "potential_reach": self._reach(),
            "potential_impressions": {"total": self.impressions, "posts_unknown": 0},
            "measured_impressions": {"total": self.measured if self.measured_posts else None,
                                     "posts": self.measured_posts},
            "follower_growth": self._growth(),
            "public_questions": self._questions(),
            "peak": self._peak(),
            "posts_per_hour": self._per_hour(),
            "answers_per_question": {d: dict(sorted(c.items(), key=lambda kv: int(kv[0][1:])))
                                     for d, c in sorted(self.answers.items())},
        }

    def _reach(self) -> dict[str, int]:
        parts = {"participants": 0, "public": 0}
        unknown = 0
        for acc in (*self.participants_posted, *self.public_posted):
            obs = self.observations.get(acc)
            value = (obs.in_max if obs.in_count else obs.nearest[1] if obs.nearest else None) if obs else None
            if value is None:
                unknown += 1
            else:
                parts["participants" if acc.participant else "public"] += value
        return {"total": parts["participants"] + parts["public"], **parts, "accounts_unknown": unknown}

    def _growth(self) -> dict[str, dict[str, int]]:
        growth = {}
        for acc in self.participant_accounts:
            obs = self.observations.get(acc)
            if obs and obs.in_count >= 2 and obs.in_first and obs.in_last:
                first, last = obs.in_first[1], obs.in_last[1]
                growth[acc.key] = {"first": first, "last": last, "gain": last - first}
        return dict(sorted(growth.items()))

    def _questions(self) -> dict[str, Any]:
        every = sorted(t for times in self.responses.values() for t in times)
        asked = sum(self.questions.values())
        per = {}
        for acc in sorted(self.questions, key=lambda a: a.key):
            times = sorted(self.responses.get(acc, []))
            per[acc.key] = {"questions": self.questions[acc], "answered": len(times),
                            "response_median_seconds": median(times), "response_p90_seconds": p90(times)}
        return {"questions": asked, "answered": len(every),
                "answer_rate": round(len(every) / asked, 4) if asked else 0,
                "response_median_seconds": median(every), "response_p90_seconds": p90(every),
                "per_participant": per}

    def _peak(self) -> dict[str, Any]:
        if not self.per_hour:
            return {"hour_utc": None, "hour_posts": 0, "minute_utc": None, "minute_posts": 0}
        hour, hour_n = min(self.per_hour.items(), key=lambda kv: (-kv[1], kv[0]))
        minute, minute_n = min(self.per_minute.items(), key=lambda kv: (-kv[1], kv[0]))
        return {"hour_utc": iso_z(hour * 3600), "hour_posts": hour_n, "minute_utc": iso_z(minute * 60),
                "minute_posts": minute_n}

    def _per_hour(self) -> dict[str, int]:
        if not self.per_hour:
            return {}
        return {iso_z(h * 3600): self.per_hour.get(h, 0) for h in range(min(self.per_hour), max(self.per_hour) + 1)}


def median(values: list[int]) -> float | None:
    """The middle value; the mean of the two middle values for an even count; None when empty."""
    if not values:
        return None
    n = len(values)
    mid = n // 2
    return float(values[mid]) if n % 2 else (values[mid - 1] + values[mid]) / 2


def p90(values: list[int]) -> float | None:
    """Nearest-rank 90th percentile: the value at rank ceil(0.9 n) of the ascending list."""
    if not values:
        return None
    rank = -(-9 * len(values) // 10)
    return float(values[rank - 1])
