"""A small store for the web tests, with what each page must show known by construction.

Two events: a past follow-the-sun tweet-a-thon (participants clustered at two places, one pending, hostile
names) and a weekly chat series with one planned, finished session. Hostile strings (script tags, event
handlers, javascript: links) sit in agency names, cities, handles, post text, themes and questions.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tweetathon.model import ChatSession, Event, Participant, Post
from tweetathon.organise import publishing
from tweetathon.store import organise as ostore
from tweetathon.store.store import Store

HOSTILE = (
    '<script>alert("agency")</script>',
    '<img src=x onerror=alert("img")>',
    "javascript:alert('link')",
    '"><svg onload=alert("svg")>',
)
TWEETATHON = Event(slug="poltwt", name="#poltwt test tweet-a-thon", hashtags=("poltwt",), kind="tweetathon",
                   zone="Europe/London", local_start="08:00", local_date="2024-03-22", duration_minutes=1440)
CHAT = Event(slug="polchat", name="#polchat test series", hashtags=("polchat",), kind="chat", zone="Europe/London",
             rrule="FREQ=WEEKLY;BYDAY=TH", time="13:00", local_date="2024-01-04", duration_minutes=60)
REYKJAVIK = (64.1466, -21.9426)
NAIROBI = (-1.2864, 36.8172)
AT_REYKJAVIK = 5  # approved participants on exactly the same point
AT_NAIROBI = 3
SESSION_START = datetime(2024, 1, 4, 13, 0, tzinfo=UTC)


def _person(handle: str, place: tuple[float, float], city: str, country: str, zone: str, role: str = "agency",
            agency: str = "", status: str = "approved") -> Participant:
    return Participant(event="poltwt", platform="x", handle=handle, agency=agency or f"Police {city}", role=role,
                       city=city, country=country, latitude=place[0], longitude=place[1], zone=zone, status=status)


def participants() -> list[Participant]:
    people = [_person(f"is_police{i}", REYKJAVIK, "Reykjavík", "IS", "Atlantic/Reykjavik",
                      role="officer" if i % 2 else "agency") for i in range(AT_REYKJAVIK)]
    people += [_person(f"ke_police{i}", NAIROBI, "Nairobi", "KE", "Africa/Nairobi") for i in range(AT_NAIROBI - 1)]
    people.append(_person("ke_hostile", NAIROBI, HOSTILE[2], "KE", "Africa/Nairobi", agency=HOSTILE[0]))
    people.append(_person("pending_one", NAIROBI, "Nairobi", "KE", "Africa/Nairobi", status="pending",
                          agency="Pending Agency"))
    return people


def _post(n: int, handle: str, when: datetime, text: str, tag: str) -> Post:
    return Post(platform="x", post_id=str(1_800_000_000_000_000_000 + n), author_id=f"id-{handle}",
                author_handle=handle, created_at=when, text=f"{text} #{tag}", hashtags=(tag,),
                url=f"https://x.com/{handle}/status/{1_800_000_000_000_000_000 + n}", source_format="test",
                lang="en")


def posts() -> list[Post]:
    start = datetime(2024, 3, 22, 9, 0, tzinfo=UTC)
    found = [_post(i, f"is_police{i % AT_REYKJAVIK}", start + timedelta(minutes=i), f"Patrol update {i}", "poltwt")
             for i in range(12)]
    found += [_post(100 + i, "public_person", start + timedelta(minutes=30 + i), text, "poltwt")
              for i, text in enumerate(HOSTILE)]
    found += [_post(200 + i, f"chat_{i}", SESSION_START + timedelta(minutes=5 + i), f"A1 {HOSTILE[i % 4]}", "polchat")
              for i in range(4)]
    return found


KINDS = {"original": 20}  # every post above is an original


def build(store: Store) -> None:
    """Fill `store` with both events, their participants, posts and the chat's planned session."""
    ostore.create_event(store, TWEETATHON)
    ostore.create_event(store, CHAT)
    ostore.save_participants(store, "poltwt", [(p, "") for p in participants()])
    ostore.save_session(store, "polchat", ChatSession(
        "2024-01-04", SESSION_START, SESSION_START + timedelta(hours=1), theme=f"Safety {HOSTILE[3]}",
        host="x:polchat", questions=(f"Q1 What works? {HOSTILE[1]}",)))
    store.write_batch(posts())
    publishing.publish(store, "poltwt", "report", actor="scenario")
    publishing.publish(store, "polchat", "transcripts", actor="scenario")
