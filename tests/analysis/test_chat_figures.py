"""answers_per_question of a chat session, counted by construction, through the figures (SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import orjson
from sqlalchemy import insert

from tweetathon import analysis
from tweetathon.model import Event, Post
from tweetathon.store.schema import chat_sessions
from tweetathon.store.store import Store

START = datetime(2026, 1, 8, 13, 0, tzinfo=UTC)  # 13:00 Europe/London (GMT in January)
EVENT = Event(slug="polchat", name="Police chat", hashtags=("polchat",), kind="chat", zone="Europe/London",
              rrule="FREQ=WEEKLY;BYDAY=TH", time="13:00", duration_minutes=60, local_date="2026-01-08")


def chat_post(post_id: str, who: str, minutes: float, text: str, **kw: object) -> Post:
    return Post(platform="x", post_id=post_id, created_at=START + timedelta(minutes=minutes), author_id=who,
                author_handle=who, text=text, hashtags=("polchat",), source_format="test", **kw)  # type: ignore[arg-type]


def test_answers_per_question_per_session(store: Store) -> None:
    event_id = store.ensure_event(EVENT)
    store.write_batch([
        chat_post("q1", "polchat", 5, "Q1 What makes a good neighbourhood officer? #polchat"),
        chat_post("q2", "polchat", 20, "Q2 How should forces use social media? #polchat"),
        chat_post("a", "amy", 7, "Someone who listens #polchat", kind="reply", in_reply_to_post_id="q1"),
        chat_post("b", "ben", 22, "A2: openly and often #polchat"),
        chat_post("c", "cat", 25, "a1 patience. A2. speed #polchat"),
        chat_post("d", "dan", 26, "Quoting this #polchat", kind="quote", quote_of_id="q2"),
        chat_post("e", "polchat", 30, "A1 from the host does not count #polchat"),
        chat_post("f", "eve", 31, "RT A1 great #polchat", kind="repost", repost_of_id="a"),
        chat_post("g", "fay", 75, "A1 too late #polchat"),
    ])
    with store.begin() as conn:
        conn.execute(insert(chat_sessions).values(
            event_id=event_id, session_date="2026-01-08", starts_at=START, ends_at=START + timedelta(hours=1),
            host="@PolChat", questions=orjson.dumps(["What makes a good officer?", "Social media?"]).decode()))
    figs = analysis.figures(store, "polchat", detect_languages=False)
    # Q1: a (reply), c (a1 tag); Q2: b (A2:), c (A2.), d (quote). Host, repost and late posts never count.
    assert figs["answers_per_question"] == {"2026-01-08": {"Q1": 2, "Q2": 3}}
    # the chat's event posts are those inside the session hour: every post but g
    assert figs["posts"]["total"] == 8
