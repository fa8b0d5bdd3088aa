"""A small #polchat session built post by post, with what the transcript must show known by construction.

Used by the transcript tests until (and beside) the simulator's chat. Also: a structure reader for the
transcript HTML (which post sits under which question, which post is nested under which), so tests compare
the page with the construction without trusting the transcript code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import orjson
from sqlalchemy import insert

from tweetathon.model import Event, Post
from tweetathon.store.schema import chat_sessions, participants
from tweetathon.store.store import Store

START = datetime(2026, 1, 8, 13, 0, tzinfo=UTC)  # 13:00 GMT = 13:00 Europe/London in January
EARLIER = START - timedelta(days=7)
EVENT = Event(slug="polchat", name="#polchat", hashtags=("polchat",), kind="chat", zone="Europe/London",
              rrule="FREQ=WEEKLY;BYDAY=TH", time="13:00", local_date="2026-01-01", duration_minutes=60)
HOST = "polchat"
REGISTERED = ("gmpolice", "metpoliceuk")
QUESTIONS = ("What is your favourite post this year?", "How do you handle abuse online?",
             "What should we try next?")


@dataclass
class Chat:
    """The posts and, by construction, where each must appear."""

    posts: list[Post] = field(default_factory=list)
    answers: dict[str, set[str]] = field(default_factory=lambda: {"Q1": set(), "Q2": set(), "Q3": set()})
    parent: dict[str, str] = field(default_factory=dict)  # nested reply -> the post it must sit under
    question_posts: dict[str, str] = field(default_factory=dict)
    reposts_of: dict[str, int] = field(default_factory=dict)
    first_timers: set[str] = field(default_factory=set)
    earlier: list[Post] = field(default_factory=list)
    _n: int = 0

    def add(self, handle: str, minute: float, text: str, **kw: object) -> Post:
        self._n += 1
        post = Post(platform="x", post_id=str(1_900_000_000_000_000_000 + self._n), author_id=f"id-{handle}",
                    author_handle=handle, created_at=START + timedelta(minutes=minute), text=text,
                    url=f"https://x.com/{handle}/status/{1_900_000_000_000_000_000 + self._n}",
                    hashtags=("polchat",) if "#polchat" in text.lower() else (), source_format="test", **kw)  # type: ignore[arg-type]
        self.posts.append(post)
        return post


def build_chat() -> Chat:
    chat = Chat()
    add = chat.add
    for n, text in enumerate(QUESTIONS, start=1):
        q = add(HOST, 2 + (n - 1) * 18, f"Q{n} {text} #polchat")
        chat.question_posts[f"Q{n}"] = q.post_id
    q1, q2 = chat.question_posts["Q1"], chat.question_posts["Q2"]
    a = add("gmpolice", 4, "A1 The #gmp24 live feed, by far. @metpoliceuk agree? #polchat", kind="reply",
            in_reply_to_post_id=q1)
    chat.answers["Q1"].add(a.post_id)
    b = add("resident_jo", 5, "Quoting because this matters", kind="quote", quote_of_id=q1)
    chat.answers["Q1"].add(b.post_id)
    c = add("metpoliceuk", 6, "@gmpolice Agreed, it changed how people saw us", kind="reply",
            in_reply_to_post_id=a.post_id)
    chat.parent[c.post_id] = a.post_id
    d = add("resident_jo", 7, "@metpoliceuk how many replies did you get?", kind="reply",
            in_reply_to_post_id=c.post_id)
    chat.parent[d.post_id] = c.post_id
    e = add("newcomer_sam", 22, "A2: block, report, and never argue #polchat")
    chat.answers["Q2"].add(e.post_id)
    f = add("gmpolice", 23, "A2 we have a written policy, see https://example.org/policy #polchat")
    chat.answers["Q2"].add(f.post_id)
    g = add("metpoliceuk", 24, "Replying to Q2 directly: training helps", kind="reply", in_reply_to_post_id=q2)
    chat.answers["Q2"].add(g.post_id)
    h = add("resident_jo", 41, "a3 more video please #polchat")
    chat.answers["Q3"].add(h.post_id)
    side = add("newcomer_sam", 30, "Unrelated: anyone at the conference next week? #polchat")
    s1 = add("gmpolice", 31, "@newcomer_sam we will be there", kind="reply", in_reply_to_post_id=side.post_id)
    chat.parent[s1.post_id] = side.post_id
    host_reply = add(HOST, 10, "Thanks all for the Q1 answers", kind="reply", in_reply_to_post_id=a.post_id)
    chat.parent[host_reply.post_id] = a.post_id
    for who in ("resident_jo", "newcomer_sam", "metpoliceuk"):
        add(who, 8, f"RT @gmpolice: {a.text}", kind="repost", repost_of_id=a.post_id)
    chat.reposts_of[a.post_id] = 3
    late = add("resident_jo", 61, "A1 sorry I'm late #polchat")  # outside the hour: not in the transcript
    chat.posts.remove(late)
    chat.earlier = [Post(platform="x", post_id="1800000000000000001", author_id="id-resident_jo",
                         author_handle="resident_jo", created_at=EARLIER + timedelta(minutes=5),
                         text="last week #polchat", hashtags=("polchat",), source_format="test")]
    chat.first_timers = {"@newcomer_sam", "@gmpolice", "@metpoliceuk", "@polchat"}
    return chat


def store_chat(store: Store, chat: Chat) -> int:
    """Write the event, its participants, two planned sessions and the posts; return the event id."""
    event_id = store.ensure_event(EVENT)
    with store.begin() as conn:
        conn.execute(insert(participants), [
            {"event_id": event_id, "platform": "x", "handle": h, "status": "approved", "created_at": START}
            for h in REGISTERED])
        conn.execute(insert(chat_sessions), [
            {"event_id": event_id, "session_date": day, "starts_at": at, "ends_at": at + timedelta(hours=1),
             "theme": theme, "host": "@" + HOST, "questions": orjson.dumps(list(QUESTIONS)).decode()}
            for day, at, theme in (("2026-01-01", EARLIER, "New year"), ("2026-01-08", START, "Online abuse"))])
    store.write_batch(chat.posts + chat.earlier, event_id=event_id)
    return event_id


class TranscriptStructure(HTMLParser):
    """Reads a transcript page: for each post (data-post), its question section, whether it is directly in
    that section's answers, and the post it is nested inside (if any)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.section_of: dict[str, str | None] = {}
        self.direct_answer: dict[str, bool] = {}
        self.nested_in: dict[str, str | None] = {}
        self.text_of: dict[str, str] = {}
        self._text_target: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article" and values.get("data-post"):
            key = str(values["data-post"]).split(":", 1)[1]
            section = next((a.get("data-question") for t, a in reversed(self.stack) if a.get("data-question")), None)
            outer = [a for t, a in self.stack if t == "article"]
            self.section_of.setdefault(key, section)
            self.nested_in.setdefault(key, str(outer[-1]["data-post"]).split(":", 1)[1] if outer else None)
            self.direct_answer.setdefault(key, bool(self.stack) and self.stack[-1][1].get("class") == "answers")
        if tag == "p" and values.get("class") == "text":
            owner = next(a for t, a in reversed(self.stack) if t == "article")
            self._text_target.append(str(owner["data-post"]).split(":", 1)[1])
        if tag not in ("meta", "br", "link", "img", "input"):
            self.stack.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._text_target:
            self._text_target.pop()
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._text_target:
            key = self._text_target[-1]
            self.text_of[key] = self.text_of.get(key, "") + data


def read_structure(page: str) -> TranscriptStructure:
    parser = TranscriptStructure()
    parser.feed(page)
    parser.close()
    return parser
