"""#polchat-like weekly chat: Thursday 13:00-14:00 Europe/London over N weeks.

A host posts Q1..Q5 during the hour; participants and the public answer with A1..A5 as replies or quotes of
the question, or with only the A-tag; some join late; some post before or after the hour (those never count).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tweetathon.simulate.kinds.base import Scenario, first_weekday_on_or_after, local_window
from tweetathon.simulate.model import Account, SimPost
from tweetathon.simulate.places import UK_PLACES
from tweetathon.simulate.texts import CHAT_ANSWERS, CHAT_OFFTOPIC, CHAT_QUESTIONS, CHAT_THEMES

ZONE = "Europe/London"
QUESTION_MINUTES = (2, 12, 24, 36, 47)
TAGS = ("polchat", "polchat", "PolChat")


class Chat(Scenario):
    slug = "polchat"
    hashtags = ("polchat",)
    kind = "chat"

    def __init__(self, seed: int, posts: int, start: date | None = None, weeks: int = 4) -> None:
        super().__init__(seed, posts)
        first = first_weekday_on_or_after(start or date(2026, 1, 8), 3)
        self.days = [first + timedelta(weeks=n) for n in range(max(1, weeks))]
        self.sessions = [(d.isoformat(), *local_window(d, "13:00", ZONE, 60)) for d in self.days]
        self.windows = tuple((s, e) for _, s, e in self.sessions)
        self.span = (self.windows[0][0] - 3600, self.windows[-1][1] + 3600)
        self.slice_len = 300
        self.host = self._police("polchat", "PolChat UK", "staff", "London", 4200)
        self.participants = [self.host] + [self._police(f"pol_{c.lower()[:8]}{n}", f"{c} Police", "agency" if n == 1
                                                        else "officer", c, 6000 if n == 1 else 900)
                                           for c in UK_PLACES for n in (1, 2)]
        self.public = [self.public_account("x", "en", n, self.windows[0][0]) for n in range(max(30, posts // 40))]
        self.themes = [CHAT_THEMES[n % len(CHAT_THEMES)] for n in range(len(self.days))]
        self.edge_public, self.edge_participants = self.public[:1], self.participants[1:2]
        self.rise_then_fall(self.participants[2::3], self.windows[min(2, len(self.windows) - 1)][0], 3.0)
        self.queue: list[SimPost] = []
        self.planned = 0
        self.q_posts: dict[str, tuple[str, str]] = {}

    def _police(self, username: str, name: str, role: str, city: str, followers: int) -> Account:
        return Account(platform="x", id=self.new_account_id("x"), username=username, name=name, lang="en",
                       participant=True, zone=ZONE, agency=name, role=role, address=f"Police HQ, {city}", city=city,
                       country="GB", location=f"{city}, UK", description=f"{name}. Not monitored 24/7.",
                       followers0=followers, growth_per_hour=followers * 0.0004 + 0.5, grow_from=self.windows[0][0],
                       following=self.rng.randint(200, 1500), statuses0=self.rng.randint(1000, 20000),
                       windows=self.windows)

    def configure_truth(self, truth: Any) -> None:
        truth.chat_host = self.host
        truth.chat_sessions = list(self.sessions)
        truth.chat_questions = self.q_posts

    def generate(self, t0: int, t1: int) -> list[SimPost]:
        while self.planned < len(self.sessions) and self.sessions[self.planned][1] - 3600 < t1:
            self.queue.extend(self._plan_session(self.planned))
            self.queue.sort(key=lambda p: p.created, reverse=True)
            self.planned += 1
        out = []
        while self.queue and self.queue[-1].created < t1:
            out.append(self.queue.pop())
        return out + self.edge_posts(t0, t1)

    def _questions(self, n: int) -> list[str]:
        theme = self.themes[n].lower()
        return [q.format(theme=theme) + "?" for q in CHAT_QUESTIONS]

    def _plan_session(self, n: int) -> list[SimPost]:
        day, start, end = self.sessions[n]
        s = int(start)
        rng = self.rng
        posts = [self.post(self.host, s + 20, f"Welcome to this week's chat on {self.themes[n].lower()}, "
                                             "introduce yourselves and tell us where you are joining from today.",
                           "en", tags=(rng.choice(TAGS),))]
        questions = []
        for i, (minute, text) in enumerate(zip(QUESTION_MINUTES, self._questions(n), strict=False), start=1):
            q = self.post(self.host, s + minute * 60, f"Q{i} {text}", "en", tags=(rng.choice(TAGS),))
            self.q_posts[q.id] = (day, f"Q{i}")
            questions.append(q)
        posts.extend(questions)
        budget = max(10, self.posts // len(self.sessions) - len(posts))
        crowd = self.participants[1:] + self.public
        for _ in range(budget):
            posts.append(self._crowd_post(rng.choice(crowd), questions, s, int(end)))
        return posts

    def _crowd_post(self, who: Account, questions: list[SimPost], start: int, end: int) -> SimPost:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.06:
            when = rng.randrange(start - 3000, start) if roll < 0.03 else rng.randrange(end, end + 3000)
            return self.post(who, when, rng.choice(CHAT_OFFTOPIC), "en", tags=(rng.choice(TAGS),))
        late = rng.random() < 0.25
        index = rng.randrange(2 if late else 0, len(questions))
        q = questions[index]
        when = q.created + int(min(1500, rng.expovariate(1 / 180))) + 5
        if roll < 0.14:
            return self.post(who, when, q.text, "en", repost_of=q)
        text = f"A{index + 1} {rng.choice(CHAT_ANSWERS)}"
        tags = (rng.choice(TAGS),) if rng.random() < 0.9 else ()
        if roll < 0.60:
            return self.post(who, when, text, "en", reply_to=q, tags=tags)
        if roll < 0.80:
            return self.post(who, when, text, "en", quote_of=q, tags=tags)
        return self.post(who, when, text.replace(" ", ": ", 1) if roll < 0.9 else text, "en", tags=tags)

    def event_json(self) -> dict[str, Any]:
        return {"slug": self.slug, "name": "#polchat weekly police chat", "hashtags": list(self.hashtags),
                "kind": self.kind, "zone": ZONE, "rrule": "FREQ=WEEKLY;BYDAY=TH", "time": "13:00",
                "duration_minutes": 60, "local_date": self.days[0].isoformat(), "count": len(self.days),
                "host": f"x:{self.host.username}",
                "sessions": [{"date": d.isoformat(), "theme": t, "questions": self._questions(n)}
                             for n, (d, t) in enumerate(zip(self.days, self.themes, strict=False))]}
