"""Two small tweet-a-thons written post by post for the impact report tests; every count is by construction.

"spring" (fixed window 2024-03-22 08:00Z to 2024-03-23 08:00Z, organiser in Europe/London):
  participants (approved): x:gmpolice (GB), x:polisen (SE), x:nswpolice (AU); x:pending is not approved.
  event posts: 6 by participants (gmpolice 3 + its answer 1 = 4, polisen 1, nswpolice 1)
             + 5 by the public (dave's question, erin's question and repost, mallory's hostile post, and
               x:pending, whose registration is not approved, so it counts as public) = 11
               (originals 7, replies 3, reposts 1); public accounts: dave, erin, mallory, pending = 4.
  not counted: a deleted post with the most likes, a post outside the window, a post without the hashtag.
  questions: dave asks gmpolice (answered 240 s later), erin asks polisen (unanswered) -> 2 asked, 1 answered.
  follower growth: gmpolice 1,000 -> 1,250 (+250); polisen observed once (omitted).
"autumn" (2023 edition, same participants): 4 event posts (3 originals by gmpolice, 1 by polisen).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tweetathon.model import AccountSnapshot, Deletion, Event, Metrics, Participant, Post
from tweetathon.store.organise import save_participants
from tweetathon.store.store import Store

SPRING = Event(slug="spring", name="Spring tweet-a-thon 2024", hashtags=("poltwt",), zone="Europe/London",
               start=datetime(2024, 3, 22, 8, tzinfo=UTC), end=datetime(2024, 3, 23, 8, tzinfo=UTC))
AUTUMN = Event(slug="autumn", name="Autumn tweet-a-thon 2023", hashtags=("poltwt",), zone="Europe/London",
               start=datetime(2023, 10, 6, 8, tzinfo=UTC), end=datetime(2023, 10, 7, 8, tzinfo=UTC))
IDS = {"gmpolice": "10", "polisen": "20", "nswpolice": "30", "pending": "40", "dave": "50", "erin": "60",
       "mallory": "66", "zed": "70"}
HOSTILE = ('<script>alert("x")</script> click <a href="javascript:alert(1)">here</a> javascript:alert(2) '
           '<img src=x onerror=alert(3)> #poltwt')
SECRET = "DELETED-SECRET this post was deleted #poltwt"
TAG = ("poltwt",)

EXPECTED_SPRING = {"total": 11, "originals": 7, "replies": 3, "quotes": 0, "reposts": 1,
                   "participants_posted": 3, "public_accounts": 4, "questions": 2, "answered": 1}
EXPECTED_AUTUMN_TOTAL = 4


def at(day: datetime, hours: float) -> datetime:
    return day + timedelta(hours=hours)


def post(post_id: str, who: str, when: datetime, text: str, **kw: object) -> Post:
    base = Post(platform="x", post_id=post_id, created_at=when, author_id=IDS[who], author_handle=who, text=text,
                hashtags=TAG, url=f"https://x.com/{who}/status/{post_id}", source_format="test",
                observed_at=when + timedelta(minutes=5))
    return replace(base, **kw)  # type: ignore[arg-type]


def spring_posts() -> list[Post]:
    d = datetime(2024, 3, 22, tzinfo=UTC)
    return [
        post("101", "gmpolice", at(d, 9), "Good morning from Greater Manchester, our officers are out on patrol "
             "all day long #poltwt", metrics=Metrics(likes=40, reposts=10, replies=5, quotes=1, impressions=9000)),
        post("102", "gmpolice", at(d, 9.5), "Our dog unit is training this morning with the new puppies #poltwt",
             metrics=Metrics(likes=20, reposts=2, replies=0, quotes=0)),
        post("103", "gmpolice", at(d, 14), "The control room has taken four hundred calls so far today #poltwt",
             metrics=Metrics(likes=5)),
        post("104", "dave", at(d, 9.25), "@gmpolice When is the open day at the station? #poltwt", kind="reply",
             in_reply_to_post_id="101", in_reply_to_author_id="10", mentions=("gmpolice",)),
        post("105", "gmpolice", at(d, 9.25 + 4 / 60), "@dave The open day is on Saturday from ten #poltwt",
             kind="reply", in_reply_to_post_id="104", in_reply_to_author_id="50", mentions=("dave",)),
        post("106", "polisen", at(d, 10), "God morgon från Stockholm, polisen patrullerar hela dagen i staden "
             "#poltwt", lang="sv", metrics=Metrics(likes=12, reposts=3)),
        post("107", "erin", at(d, 11), "@polisen are you hiring new officers this year? #poltwt", kind="reply",
             in_reply_to_post_id="106", in_reply_to_author_id="20", mentions=("polisen",)),
        post("108", "nswpolice", at(d, 21), "G'day from Sydney, our highway patrol is out on the roads tonight "
             "#poltwt", metrics=Metrics(likes=30, reposts=4, replies=1)),
        post("109", "mallory", at(d, 12), HOSTILE, url="javascript:alert(4)",
             metrics=Metrics(likes=500, reposts=100, replies=20, quotes=5)),
        post("110", "erin", at(d, 12.5), "RT @gmpolice: Good morning #poltwt", kind="repost", repost_of_id="101",
             mentions=("gmpolice",), metrics=Metrics(likes=0, reposts=10)),
        post("111", "zed", at(d, 13), SECRET, metrics=Metrics(likes=9999, reposts=999)),
        post("112", "gmpolice", at(d, 7), "Too early, before the event started #poltwt"),
        post("113", "gmpolice", at(d, 15), "No hashtag on this one, just a normal update", hashtags=()),
        post("114", "pending", at(d, 16), "Hello from a pending participant agency today #poltwt"),
    ]


def autumn_posts() -> list[Post]:
    d = datetime(2023, 10, 6, tzinfo=UTC)
    return [
        post("201", "gmpolice", at(d, 9), "Morning from Manchester, last year's tweet-a-thon begins #poltwt"),
        post("202", "gmpolice", at(d, 10), "Our response officers are on their way to a call #poltwt"),
        post("203", "gmpolice", at(d, 11), "Thank you all for the questions this morning #poltwt"),
        post("204", "polisen", at(d, 12), "Hej från Stockholm, vi är med igen i år och svarar på frågor #poltwt"),
    ]


def snapshots() -> list[AccountSnapshot]:
    d = datetime(2024, 3, 22, tzinfo=UTC)

    def snap(who: str, when: datetime, followers: int) -> AccountSnapshot:
        return AccountSnapshot("x", IDS[who], who, when, followers=followers, source_format="test")

    return [snap("gmpolice", at(d, 8.5), 1000), snap("gmpolice", at(d, 20), 1250), snap("polisen", at(d, 10), 800),
            snap("nswpolice", at(d, 21), 3000), snap("dave", at(d, 9), 12)]


PEOPLE = (("gmpolice", "Greater Manchester Police", "GB", "Manchester", 53.48, -2.24, "Europe/London"),
          ("polisen", "Polisen Stockholm", "SE", "Stockholm", 59.33, 18.07, "Europe/Stockholm"),
          ("nswpolice", "NSW Police <Force>", "AU", "Sydney", -33.87, 151.21, "Australia/Sydney"))


def participants(slug: str) -> list[tuple[Participant, str]]:
    people = [(Participant(event=slug, platform="x", handle=h, agency=a, country=c, city=city, latitude=lat,
                           longitude=lon, zone=z, status="approved"), "") for h, a, c, city, lat, lon, z in PEOPLE]
    people.append((Participant(event=slug, platform="x", handle="pending", agency="Not yet approved",
                               country="FR", status="pending"), ""))
    return people


def build(store: Store) -> None:
    """Write both events into `store`."""
    for event, items in ((SPRING, spring_posts()), (AUTUMN, autumn_posts())):
        store.ensure_event(event)
        save_participants(store, event.slug, participants(event.slug))
        store.write_batch(items, snapshots() if event is SPRING else [])
    store.write_batch([], [], [Deletion("x", "111", observed_at=datetime(2024, 3, 22, 18, tzinfo=UTC))])
