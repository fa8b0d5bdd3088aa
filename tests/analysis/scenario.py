"""A small #poltwt written post by post, whose every figure is counted by hand in the comments below.

Local rule: 08:00 local on 2013-03-22 for 24 h. gmpolice (Europe/London, GB): [08:00Z 22nd, 08:00Z 23rd).
nypd (America/New_York, already on EDT, US): [12:00Z 22nd, 12:00Z 23rd). Event window [08:00Z 22nd, 12:00Z 23rd).
Posts sit exactly on window edges (a start is included, an end excluded), gmpolice's follower count rises and
then falls inside the window (potential reach takes the largest, not the latest), and one post is deleted.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, update

from tweetathon.model import AccountSnapshot, Deletion, Event, Metrics, Post
from tweetathon.store.schema import capture_health, import_runs, participants, posts, rejects
from tweetathon.store.store import Store

DAY = datetime(2013, 3, 22, tzinfo=UTC)
EVENT = Event(slug="poltwt", name="Global police tweet-a-thon", hashtags=("poltwt",), zone="Europe/London",
              local_start="08:00", local_date="2013-03-22", duration_minutes=1440)
IDS = {"gmpolice": "10", "nypd": "20", "alice": "30", "pend": "40", "bob": "50", "carol": "60", "dave": "70",
       "erin": "80", "frank": "90"}


def at(hours: float, day: int = 22) -> datetime:
    return datetime(2013, 3, day, tzinfo=UTC) + timedelta(hours=hours)


def post(post_id: str, who: str, when: datetime, text: str, **kw: object) -> Post:
    base = Post(platform="x", post_id=post_id, created_at=when, author_id=IDS[who], author_handle=who,
                text=text, source_format="test", observed_at=when + timedelta(minutes=5))
    return replace(base, **kw)  # type: ignore[arg-type]


def scenario_posts() -> list[Post]:
    tag = ("poltwt",)
    return [
        # event posts: 1, 3, 4, 5, 8, 16, 19
        post("1", "gmpolice", at(9), "Good morning from Greater Manchester, our officers are out on patrol "
             "all day #poltwt", hashtags=tag, metrics=Metrics(impressions=1000)),
        post("2", "gmpolice", at(9, 23), "Still going strong this morning #poltwt", hashtags=tag),  # own window over
        post("3", "nypd", at(10, 23), "@gmpolice Greetings from New York, thank you for a wonderful day of "
             "sharing #PolTwt", hashtags=tag, kind="reply", in_reply_to_post_id="1", in_reply_to_author_id="10",
             mentions=("gmpolice",), metrics=Metrics(impressions=50)),
        post("4", "alice", at(10.5), "Regardez ce que fait la police de Manchester aujourd'hui, c'est vraiment "
             "formidable #poltwt", hashtags=tag, kind="quote", quote_of_id="1"),
        post("5", "alice", at(10.5 + 1 / 60), "RT @gmpolice: Good morning #poltwt", hashtags=tag, kind="repost",
             repost_of_id="1", mentions=("gmpolice",)),
        post("6", "bob", at(10.6), "No hashtag here, just chatting"),
        post("7", "carol", at(10.7), "Deleted later #poltwt", hashtags=tag),
        post("8", "pend", at(10 + 5 / 60), "Hi all! #poltwt", hashtags=tag),
        post("9", "alice", at(7), "Too early #poltwt", hashtags=tag),
        # on the edges: 16 at gmpolice's own window start and the event's start (in); 17 at gmpolice's own window
        # end (out); 18 at the event window's end (out, alice is public); 19 at the event's start (in).
        post("16", "gmpolice", at(8), "Our tweet-a-thon starts now, follow our officers all day #poltwt",
             hashtags=tag),
        post("17", "gmpolice", at(8, 23), "That is the end of our day, thank you all #poltwt", hashtags=tag),
        post("18", "alice", at(12, 23), "Merci et au revoir #poltwt", hashtags=tag),
        post("19", "alice", at(8), "Bonjour, la journée de la police commence maintenant #poltwt", hashtags=tag),
        # questions (no hashtag needed): 10 answered by 12 after 1800 s; 11 never answered;
        # 13 answered through a chain 15 -> 14 (a post kept only as a reference) -> 13 after 600 s.
        post("10", "dave", at(11), "When is the open day?", kind="reply", in_reply_to_post_id="1",
             in_reply_to_author_id="10"),
        post("11", "erin", at(13), "@nypd are you hiring this year?", mentions=("nypd",)),
        post("12", "gmpolice", at(11.5), "@dave It is on Saturday", kind="reply", in_reply_to_post_id="10",
             in_reply_to_author_id="70", mentions=("dave",)),
        post("13", "frank", at(12), "Can I bring my kids？", kind="reply", in_reply_to_post_id="1",
             in_reply_to_author_id="10"),
        post("14", "dave", at(12 + 5 / 60), "me too", kind="reply", in_reply_to_post_id="13",
             in_reply_to_author_id="90", collected=False),
        post("15", "gmpolice", at(12 + 10 / 60), "Yes, both of you", kind="reply", in_reply_to_post_id="14",
             in_reply_to_author_id="70"),
    ]


def snapshots() -> list[AccountSnapshot]:
    def snap(who: str, when: datetime, followers: int) -> AccountSnapshot:
        return AccountSnapshot("x", IDS[who], who, when, followers=followers, source_format="test")

    return [snap("gmpolice", at(7), 100), snap("gmpolice", at(9), 150), snap("gmpolice", at(20), 170),
            snap("gmpolice", at(21), 160), snap("nypd", at(0, 25), 500), snap("alice", at(10), 30),
            snap("alice", at(11), 40)]


def build(store: Store) -> int:
    """Write the scenario into `store`; return the event id."""
    event_id = store.ensure_event(EVENT)
    store.write_batch(scenario_posts(), snapshots(), [Deletion("x", "7", observed_at=at(15))])
    now = datetime.now(UTC)
    rows = [("gmpolice", "GB", "Europe/London", "approved"), ("NYPD", "US", "America/New_York", "approved"),
            ("pend", "FR", "Europe/Paris", "pending")]
    with store.begin() as conn:
        conn.execute(insert(participants), [
            {"event_id": event_id, "platform": "x", "handle": h, "country": c, "zone": z, "status": s,
             "created_at": now} for h, c, z, s in rows])
        run = conn.execute(insert(import_runs).values(path="a.jsonl", sha256="0" * 64, size=1, format="twarc2",
                                                      event="poltwt", status="done", started_at=now))
        run_id = run.inserted_primary_key[0]  # type: ignore[index]
        conn.execute(insert(rejects), [{"run_id": run_id, "file": "a.jsonl", "line": n, "reason": r}
                                       for n, r in ((3, "bad json"), (9, "bad json"), (12, "no id"))])
        conn.execute(insert(capture_health), [
            {"event": "poltwt", "platform": "x", "source": "search", "kind": "gap", "start": at(14),
             "end": at(14.5), "detail": "network down"},
            {"event": "poltwt", "platform": "x", "source": "search", "kind": "rate_limit", "start": at(15),
             "end": at(15.25), "detail": "429"}])
    return event_id


def set_languages(store: Store, codes: dict[str, str]) -> None:
    with store.begin() as conn:
        for post_id, code in codes.items():
            conn.execute(update(posts).where(posts.c.post_id == post_id).values(lang_detected=code))
