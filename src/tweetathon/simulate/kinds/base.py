"""What every simulated kind of event shares: seeded randomness, ids, accounts, posts, pending answers."""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tweetathon.simulate.model import Account, IdMaker, SimPost
from tweetathon.simulate.rhythm import response_delay

FIRST_NAMES = ("alex", "sam", "jo", "chris", "maria", "jan", "anna", "li", "omar", "eva", "tom", "nina", "kofi",
               "sara", "lars", "ines", "pieter", "aroha", "mikko", "olga", "sean", "ada", "luca", "zanele")
LAST_NAMES = ("smith", "jansen", "garcia", "tamm", "dubois", "kariuki", "botha", "murphy", "rossi", "nowak",
              "silva", "berg", "jones", "ngata", "virtanen", "ivanova", "dlamini", "hansen", "evans", "weber")
PUBLIC_INSTANCES = ("mastodon.social", "mastodon.online", "mstdn.social")
EDGE_TEXTS = ("We are starting right now, follow along with us all day", "Good morning everyone, we are live now",
              "That is the end of our day, thank you all for following", "Signing off now, thank you all")


def local_window(day: date, hhmm: str, zone: str, minutes: int) -> tuple[float, float]:
    """[local start on `day` in `zone`, + minutes) as UTC epoch seconds."""
    hour, minute = (int(x) for x in hhmm.split(":"))
    start = datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone)).astimezone(UTC).timestamp()
    return (start, start + minutes * 60)


def day_start(day: date) -> float:
    return datetime.combine(day, time(0), tzinfo=UTC).timestamp()


class Scenario:
    """Base of a simulated event. Subclasses fill accounts and implement `generate(t0, t1)`."""

    slug = ""
    hashtags: tuple[str, ...] = ()
    kind = ""

    def __init__(self, seed: int, posts: int) -> None:
        self.rng = random.Random(seed)
        self.ids = IdMaker()
        self.posts = posts
        self.participants: list[Account] = []
        self.windows: tuple[tuple[float, float], ...] = ()
        self.span: tuple[float, float] = (0.0, 0.0)
        self.slice_len = 600
        self.pending: list[tuple[int, int, SimPost, Account, str]] = []
        self._account_ids: set[str] = set()
        self._seq = 0
        self.edge_rng = random.Random(seed * 7919 + 1)  # edge posts draw apart, leaving the rest of the plan as it was
        self.edge_public: list[Account] = []
        self.edge_participants: list[Account] = []

    # -- to be provided by each kind -------------------------------------------------------------------------
    def generate(self, t0: int, t1: int) -> list[SimPost]:
        raise NotImplementedError

    def event_json(self) -> dict[str, Any]:
        raise NotImplementedError

    # -- accounts ----------------------------------------------------------------------------------------------
    def new_account_id(self, platform: str) -> str:
        while True:
            value = str(self.rng.randrange(10**7, 10**9) if platform == "x" else self.rng.randrange(10**17, 10**18))
            if value not in self._account_ids:
                self._account_ids.add(value)
                return value

    def public_account(self, platform: str, lang: str, n: int, grow_from: float) -> Account:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        followers = int(self.rng.lognormvariate(math.log(250), 1.2))
        year = self.rng.randint(2008, 2012)
        return Account(platform=platform, id=self.new_account_id(platform), username=f"{first[:4]}_{last[:4]}{n}",
                       name=f"{first.title()} {last.title()}", lang=lang, instance=self.rng.choice(PUBLIC_INSTANCES),
                       location=self.rng.choice(("", "", "Earth", "here and there")),
                       description="Views my own.", followers0=followers, grow_from=grow_from,
                       growth_per_hour=self.rng.choice((0.0, -0.3, 0.2)), following=self.rng.randint(50, 900),
                       statuses0=self.rng.randint(50, 20000),
                       created_at=f"{year}-0{self.rng.randint(1, 9)}-15T10:00:00.000Z")

    def rise_then_fall(self, accounts: list[Account], fall_from: float, times: float = 2.0) -> None:
        """From `fall_from` on, these accounts lose followers `times` as fast as they were gaining them, so their
        largest count in the window is neither their first nor their latest."""
        for acc in accounts:
            acc.fall_from, acc.fall_per_hour = fall_from, acc.growth_per_hour * times

    # -- posts -------------------------------------------------------------------------------------------------
    def edge_posts(self, t0: int, t1: int) -> list[SimPost]:
        """Tagged posts exactly on window edges within [t0, t1): at the start and at the end of every event window
        by each of `edge_public`, and of their own windows by each of `edge_participants`. A window's start is
        inside it and its end is not (docs/figures.md), so a figure that gets an edge wrong is caught."""
        planned = [(when, who) for who in self.edge_public for s, e in self.windows for when in (s, e)]
        planned += [(when, who) for who in self.edge_participants for s, e in who.windows for when in (s, e)]
        return [self._edge_post(who, int(when), int(when) in {int(e) for _, e in self.windows + who.windows})
                for when, who in planned if t0 <= when < t1]

    def _edge_post(self, author: Account, when: int, end: bool) -> SimPost:
        main, self.rng = self.rng, self.edge_rng
        try:
            text = self.rng.choice(EDGE_TEXTS[2:] if end else EDGE_TEXTS[:2])
            return self.post(author, when, text, "en", tags=(self.hashtags[0],))
        finally:
            self.rng = main

    def post(self, author: Account, created: int, text: str, lang: str, **kw: Any) -> SimPost:
        ms = int(self.rng.random() * 1000)
        post_id = self.ids.post_id(author.platform, created, ms)
        declared: str | None = "no" if lang == "nb" and author.platform == "x" else lang
        repost_of = kw.get("repost_of")
        if repost_of is not None:
            declared = repost_of.declared  # tweetathon takes a Mastodon reblog's language from the reblogged status
        elif author.platform == "mastodon" and self.rng.random() < 0.08:
            declared = None
        p = SimPost(platform=author.platform, id=post_id, created=created, ms=ms, author=author, text=text,
                    lang=lang, declared=declared, **kw)
        reply = p.reply_to
        p.conversation_id = (reply.conversation_id or reply.id) if reply is not None else post_id
        self._metrics(p, author.followers(created))
        return p

    def _metrics(self, p: SimPost, followers: int) -> None:
        if p.repost_of is not None:
            p.reposts = p.repost_of.reposts
            return
        rng = self.rng
        p.impressions = int(followers * rng.uniform(0.05, 0.4)) if p.platform == "x" else 0
        p.likes = int(p.impressions * rng.uniform(0.0, 0.02)) if p.platform == "x" else rng.randint(0, 30)
        p.reposts = rng.randint(0, 5 + followers // 2000)
        p.replies = rng.randint(0, 3)
        p.quotes = rng.randint(0, 1) if p.platform == "x" else 0

    def uniform_time(self, t0: int, t1: int) -> int:
        return t0 + int(self.rng.random() * (t1 - t0))

    # -- answers -------------------------------------------------------------------------------------------------
    def schedule_answer(self, question: SimPost, by: Account, text: str, delay: int | None = None) -> None:
        """Plan `by`'s reply to `question` after a realistic delay, if it still falls inside their window."""
        when = question.created + (delay if delay is not None else response_delay(self.rng))
        if by.in_own_window(when) and when < self.span[1]:
            self._seq += 1
            heapq.heappush(self.pending, (when, self._seq, question, by, text))

    def due_answers(self, t1: int) -> list[tuple[int, SimPost, Account, str]]:
        due = []
        while self.pending and self.pending[0][0] < t1:
            when, _, question, by, text = heapq.heappop(self.pending)
            due.append((when, question, by, text))
        return due


class Recent:
    """A bounded buffer of recent posts per platform that others can reply to, repost or quote."""

    def __init__(self, size: int = 300) -> None:
        self.size = size
        self.by_platform: dict[str, deque[SimPost]] = {}

    def add(self, p: SimPost) -> None:
        self.by_platform.setdefault(p.platform, deque(maxlen=self.size)).append(p)

    def pick(self, rng: random.Random, platform: str, not_by: Account | None = None) -> SimPost | None:
        items = self.by_platform.get(platform)
        if not items:
            return None
        for _ in range(4):
            p = items[min(len(items) - 1, int(len(items) * (1 - rng.random() ** 2)))]
            if p.author is not not_by:
                return p
        return None


def first_weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)
