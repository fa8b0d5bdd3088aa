"""#gmp24-like live feed: one force's 24 hours of numbered incident posts from three feed accounts.

Residents reply (some asking questions, answered by the feed account after a delay) and repost. The main feed
account is new: its followers grow from about 70 to over 1,000 across the day, as the pages' user objects show.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tweetathon.simulate.kinds.base import Recent, Scenario, day_start
from tweetathon.simulate.model import Account, SimPost, iso_z
from tweetathon.simulate.places import GM_PLACES
from tweetathon.simulate.rhythm import HOUR_WEIGHTS, poisson, slice_seconds
from tweetathon.simulate.texts import FEED_ANSWERS, INCIDENTS, RESIDENT_QUESTIONS, RESIDENT_REPLIES

ZONE = "Europe/London"
START_HOUR_UTC = 5  # 06:00 BST


class LiveFeed(Scenario):
    slug = "gmp24"
    hashtags = ("gmp24",)
    kind = "livefeed"

    def __init__(self, seed: int, posts: int, start: date | None = None) -> None:
        super().__init__(seed, posts)
        self.day = start or date(2010, 10, 14)
        w0 = day_start(self.day) + START_HOUR_UTC * 3600
        self.windows = ((w0, w0 + 86400),)
        self.span = (w0 - 3600, w0 + 86400 + 3600)
        self.slice_len = slice_seconds(self.span[1] - self.span[0], posts)
        self.feeds = [self._feed("gmp24", 70, 1000 / 24), self._feed("gmp24_2", 40, 300 / 24),
                      self._feed("gmp24_3", 35, 250 / 24)]
        self.participants = list(self.feeds)
        self.rise_then_fall(self.feeds[2:], w0 + 12 * 3600)
        self.residents = [self.public_account("x", "en", n, w0) for n in range(max(60, posts // 8))]
        self.edge_public, self.edge_participants = self.residents[:1], self.feeds[1:2]
        self.recent = Recent(200)
        self.number = 0
        self.incident_rate = posts * 0.72 / 86400 / (sum(HOUR_WEIGHTS) / 24)

    def _feed(self, username: str, followers: int, per_hour: float) -> Account:
        return Account(platform="x", id=self.new_account_id("x"), username=username,
                       name="GMP 24-hour live feed", lang="en", participant=True, zone=ZONE,
                       agency="Greater Manchester Police", role="agency", address="Central Park, Northampton Road, "
                       "Manchester", city="Manchester", country="GB", location="Greater Manchester",
                       description="Every call to Greater Manchester Police for 24 hours.", followers0=followers,
                       growth_per_hour=per_hour, grow_from=self.windows[0][0], following=12, statuses0=0,
                       created_at=iso_z(self.windows[0][0] - 3 * 86400).replace("Z", ".000Z"),
                       windows=self.windows)

    def _weight(self, t: int) -> float:
        hour = int((t // 3600 + 1) % 24)  # UTC + 1 (BST)
        return HOUR_WEIGHTS[hour] if self.windows[0][0] <= t < self.windows[0][1] else 0.0

    def generate(self, t0: int, t1: int) -> list[SimPost]:
        mean = self.incident_rate * self._weight((t0 + t1) // 2) * (t1 - t0)
        times = sorted(self.uniform_time(t0, t1) for _ in range(poisson(self.rng, mean)))
        out = [self._incident(t) for t in times if self.windows[0][0] <= t < self.windows[0][1]]
        for _ in range(poisson(self.rng, mean * 0.38 + (t1 - t0) * 0.0005)):
            p = self._resident(self.uniform_time(t0, t1))
            if p is not None:
                out.append(p)
        for when, question, by, text in self.due_answers(t1):
            out.append(self.post(by, when, text, "en", reply_to=question, tags=("gmp24",)))
        return out + self.edge_posts(t0, t1)

    def _incident(self, t: int) -> SimPost:
        self.number += 1
        feed = self.feeds[0] if self.rng.random() < 0.6 else self.rng.choice(self.feeds[1:])
        body = self.rng.choice(INCIDENTS).format(place=self.rng.choice(GM_PLACES))
        p = self.post(feed, t, f"{self.number}: {body}", "en", tags=("gmp24",), extra={"lead": True})
        self.recent.add(p)
        return p

    def _resident(self, when: int) -> SimPost | None:
        rng, roll = self.rng, self.rng.random()
        target = self.recent.pick(rng, "x")
        who = self.residents[min(len(self.residents) - 1, int(len(self.residents) * rng.random() ** 2))]
        if target is None:
            return None
        if roll < 0.35:
            return self.post(who, when, target.text, "en", repost_of=target)
        if roll < 0.75:
            return self.post(who, when, rng.choice(RESIDENT_REPLIES), "en", reply_to=target,
                             tags=("gmp24",) if rng.random() < 0.3 else ())
        q = self.post(who, when, rng.choice(RESIDENT_QUESTIONS), "en", reply_to=target,
                      tags=("gmp24",) if rng.random() < 0.3 else ())
        if rng.random() < 0.5:
            self.schedule_answer(q, target.author, rng.choice(FEED_ANSWERS))
        return q

    def event_json(self) -> dict[str, Any]:
        start, end = self.windows[0]
        return {"slug": self.slug, "name": "GMP 24-hour live incident feed", "hashtags": list(self.hashtags),
                "kind": self.kind, "zone": ZONE, "start": iso_z(start), "end": iso_z(end)}
