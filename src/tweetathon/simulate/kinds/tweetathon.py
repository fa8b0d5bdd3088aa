"""#poltwt-like global tweet-a-thon: ~250 police accounts, each posting from 08:00 local for 24 hours.

The public replies, asks questions (some answered after minutes to hours, some never), reposts and quotes.
Every account writes in its own language; hashtags come in case variants; some posts carry no hashtag.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from typing import Any

from tweetathon.simulate.kinds.base import Recent, Scenario, local_window
from tweetathon.simulate.model import Account, SimPost
from tweetathon.simulate.places import AGENCY_LABEL, PLACES, STREETS
from tweetathon.simulate.rhythm import HOUR_WEIGHTS, local_hour, poisson, slice_seconds
from tweetathon.simulate.texts import TEXTS

ORGANISER_ZONE = "Europe/Amsterdam"
VARIANTS = ("poltwt", "poltwt", "PolTwt", "PolTwt", "POLTWT")
HANDLE_PREFIX = {"NZ": "nzp", "IS": "lrg", "EE": "ppa", "KE": "nps", "ZA": "saps", "IE": "garda", "BE": "pz",
                 "CA": "ps", "US": "pd", "PT": "psp", "PL": "kmp"}
POLICE_KINDS = ("patrol", "patrol", "appeal", "advice", "animals")


def x_username(prefix: str, city_slug: str, number: int) -> str:
    """An X-valid username (ASCII letters, digits, underscore; at most 15 characters): `pol_amsterda3`."""
    tail = str(number)
    return f"{prefix}_{city_slug[:15 - len(prefix) - 1 - len(tail)]}{tail}"


class Tweetathon(Scenario):
    slug = "poltwt"
    hashtags = ("poltwt",)
    kind = "tweetathon"

    def __init__(self, seed: int, posts: int, day: date | None = None) -> None:
        super().__init__(seed, posts)
        self.day = day or date(2013, 3, 22)
        self._make_participants()
        starts = [w for a in self.participants for w in a.windows] + [local_window(self.day, "08:00",
                                                                                    ORGANISER_ZONE, 1440)]
        self.windows = ((min(s for s, _ in starts), max(e for _, e in starts)),)
        w0, w1 = self.windows[0]
        self.span = (w0 - 2 * 3600, w1 + 2 * 3600)
        self.slice_len = slice_seconds(self.span[1] - self.span[0], posts)
        self._make_public()
        self.edge_participants = [a for a in self.participants if a.lang == "en"][:2]
        self.edge_public = [pool[0] for (_, lang), pool in sorted(self.public.items()) if lang == "en"]
        for acc in self.participants[2::5]:
            self.rise_then_fall([acc], acc.windows[0][0] + 12 * 3600)
        self.recent = Recent()
        self.last_post: dict[Account, SimPost] = {}
        self.news = self._make_news()
        total = sum(a.activity for a in self.participants)
        hours = sum(HOUR_WEIGHTS) * 3600
        self.rate = {a: posts * 0.42 * a.activity / total / hours for a in self.participants}
        self._weights: dict[int, tuple[list[Account], list[float], float]] = {}

    # -- accounts ----------------------------------------------------------------------------------------------
    def _make_participants(self) -> None:
        rng = self.rng
        numbers: dict[str, int] = {}
        for place in PLACES:
            slug = "".join(ch for ch in place.city.lower() if ch.isascii() and ch.isalnum())
            for _ in range(place.accounts):
                n = numbers[slug] = numbers.get(slug, -1) + 1
                role = "agency" if n == 0 or rng.random() < 0.35 else rng.choice(("officer", "officer", "staff"))
                platform = "mastodon" if rng.random() < 0.1 else "x"
                label = AGENCY_LABEL[place.country]
                prefix = (HANDLE_PREFIX.get(place.country, "pol") if role == "agency"
                          else rng.choice(("insp", "sgt", "pc", "agt")))
                username = x_username(prefix, slug, n + 1)
                big = role == "agency"
                followers = int(rng.lognormvariate(math.log(9000 if big else 1200), 1.0))
                acc = Account(platform=platform, id=self.new_account_id(platform), username=username,
                              name=f"{label} {place.city}" + ("" if big else f" ({role})"), lang=place.lang,
                              participant=True, instance="police.social", zone=place.zone,
                              agency=f"{label} {place.city}", role=role,
                              address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}, {place.city}",
                              city=place.city, country=place.country, location=f"{place.city}, {place.country}",
                              description=f"Official account of {label} {place.city}. Not monitored 24/7.",
                              followers0=followers, growth_per_hour=followers * rng.uniform(0.0004, 0.003) + 1,
                              following=rng.randint(100, 2000), statuses0=rng.randint(500, 30000),
                              activity=rng.lognormvariate(0, 0.6) * (1.5 if big else 1.0),
                              windows=(local_window(self.day, "08:00", place.zone, 1440),))
                acc.grow_from = acc.windows[0][0]
                self.participants.append(acc)

    def _make_public(self) -> None:
        langs: dict[str, float] = defaultdict(float)
        for a in self.participants:
            langs[a.lang] += a.activity
        total = sum(langs.values())
        count = max(200, min(60000, self.posts // 20))
        self.public: dict[tuple[str, str], list[Account]] = {}
        n = 0
        for lang, weight in sorted(langs.items()):
            for platform, share in (("x", 0.88), ("mastodon", 0.12)):
                size = max(3, int(count * weight / total * share))
                pool = []
                for _ in range(size):
                    n += 1
                    pool.append(self.public_account(platform, lang, n, self.windows[0][0]))
                self.public[(platform, lang)] = pool
        self.langs = sorted(langs)
        self.lang_weights = [langs[k] for k in self.langs]

    def _make_news(self) -> list[SimPost]:
        news = Account(platform="x", id=self.new_account_id("x"), username="policenewsdaily", name="Police News Daily",
                       lang="en", location="London", description="Policing news from around the world.",
                       followers0=48000, following=300, statuses0=90000)
        start = int(self.windows[0][0]) - 86400
        texts = TEXTS["en"]["advice"] + TEXTS["en"]["patrol"]
        items = []
        for n in range(5):
            p = self.post(news, start + n * 3600, texts[n % len(texts)].format(place="London", n=n + 3,
                                                                                hour="09:00"), "en", collected=False)
            items.append(p)
        return items

    def public_for(self, platform: str, lang: str) -> Account:
        pool = self.public[(platform, lang)]
        return pool[min(len(pool) - 1, int(len(pool) * self.rng.random() ** 2))]

    # -- timeline ----------------------------------------------------------------------------------------------
    def _active(self, t: int) -> tuple[list[Account], list[float], float]:
        key = t // 900
        if key not in self._weights:
            accs = [a for a in self.participants if a.in_own_window(key * 900 + 450)]
            rates = [self.rate[a] * HOUR_WEIGHTS[local_hour(key * 900 + 450, a.zone)] for a in accs]
            cumulative, running = [], 0.0
            for rate in rates:
                running += rate
                cumulative.append(running)
            self._weights = {key: (accs, cumulative, running)}
        return self._weights[key]

    def generate(self, t0: int, t1: int) -> list[SimPost]:
        accs, rates, total = self._active((t0 + t1) // 2)  # rates are cumulative
        out: list[SimPost] = []
        for _ in range(poisson(self.rng, total * (t1 - t0))):
            author = self.rng.choices(accs, cum_weights=rates)[0]
            when = self.uniform_time(t0, t1)
            if author.in_own_window(when):
                out.append(self._participant_post(author, when))
        public_mean = total * (t1 - t0) * 1.25 + (t1 - t0) * self.posts * 0.01 / 86400
        for _ in range(poisson(self.rng, public_mean)):
            p = self._public_post(self.uniform_time(t0, t1))
            if p is not None:
                out.append(p)
        for when, question, by, text in self.due_answers(t1):
            out.append(self.post(by, when, text, by.lang, reply_to=question, tags=self._tags(0.5),
                                 said=("answer", 0)))
        return out + self.edge_posts(t0, t1)

    def _tags(self, chance: float) -> tuple[str, ...]:
        return (self.rng.choice(VARIANTS),) if self.rng.random() < chance else ()

    def _text(self, lang: str, kind: str, place: str) -> str:
        return self._said(lang, kind, place)[0]

    def _said(self, lang: str, kind: str, place: str) -> tuple[str, tuple[str, int]]:
        """A text of `kind` in `lang`, and which template it is (its labels are in texts.LABELS)."""
        templates = TEXTS[lang][kind]
        index = self.rng.randrange(len(templates))  # the same draw as rng.choice(templates)
        text = templates[index].format(place=place, n=self.rng.randint(3, 40),
                                       hour=f"{self.rng.randint(8, 21):02d}:00")
        return text, (kind, index)

    def _participant_post(self, a: Account, when: int) -> SimPost:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.14:
            target = self.recent.pick(rng, a.platform, not_by=a)
            if target is not None:
                return self.post(a, when, target.text, target.lang, repost_of=target)
        if roll < 0.24 and a.platform == "x":
            target = self.recent.pick(rng, a.platform, not_by=a)
            if target is not None:
                text, said = self._said(a.lang, "advice", a.city)
                return self.post(a, when, text, a.lang, quote_of=target, tags=self._tags(0.95), said=said)
        kind = rng.choice(POLICE_KINDS)
        own = self.last_post.get(a)
        reply_to = own if own is not None and roll > 0.92 else None
        tags = self._tags(0.93)
        text, said = self._said(a.lang, kind, a.city)
        p = self.post(a, when, text, a.lang, tags=tags, reply_to=reply_to, said=said,
                      media=1 if kind == "animals" else 0,
                      link=f"https://police.example/{a.country.lower()}/advice" if kind == "advice" else "")
        if tags and reply_to is None and a.platform == "x" and rng.random() < 0.008:
            p.deleted = True
        elif tags:
            self.recent.add(p)
            self.last_post[a] = p
        return p

    def _public_post(self, when: int) -> SimPost | None:
        rng, roll = self.rng, self.rng.random()
        platform = "mastodon" if rng.random() < 0.1 else "x"
        target = self.recent.pick(rng, platform)
        if target is None or roll >= 0.76:
            return self._public_original(platform, when, roll)
        fan = self.public_for(platform, target.lang)
        place = target.author.city
        if roll < 0.22:
            kind = "complaint" if roll < 0.05 and "complaint" in TEXTS[fan.lang] else "comment"
            text, said = self._said(fan.lang, kind, place)
            return self.post(fan, when, text, fan.lang, reply_to=target, tags=self._tags(0.4), said=said)
        if roll < 0.36:
            mention = roll >= 0.32
            text, said = self._said(fan.lang, "question", place)
            q = self.post(fan, when, text, fan.lang, tags=self._tags(0.5), said=said,
                          reply_to=None if mention else target, mentions=(target.author,) if mention else ())
            if rng.random() < 0.6:
                self.schedule_answer(q, target.author, self._text(fan.lang, "answer", place))
            return q
        if roll < 0.69 or platform == "mastodon":
            return self.post(fan, when, target.text, target.lang, repost_of=target)
        return self.post(fan, when, self._text(fan.lang, "comment", place), fan.lang, quote_of=target,
                         tags=self._tags(0.7))

    def _public_original(self, platform: str, when: int, roll: float) -> SimPost:
        lang = self.rng.choices(self.langs, weights=self.lang_weights)[0]
        fan = self.public_for(platform, lang)
        place = self.rng.choice([p.city for p in PLACES if p.lang == lang])
        if roll > 0.97 and platform == "x":
            return self.post(fan, when, self._text(lang, "comment", place), lang, quote_of=self.rng.choice(self.news),
                             tags=self._tags(0.8))
        p = self.post(fan, when, self._text(lang, "comment", place), lang, tags=self._tags(0.7 if roll < 0.9 else 0.0))
        if p.tags and platform == "x" and self.rng.random() < 0.008:
            p.deleted = True
        return p

    def event_json(self) -> dict[str, Any]:
        return {"slug": self.slug, "name": "#poltwt global police tweet-a-thon", "hashtags": list(self.hashtags),
                "kind": self.kind, "zone": ORGANISER_ZONE, "local_start": "08:00",
                "local_date": self.day.isoformat(), "duration_minutes": 1440}
