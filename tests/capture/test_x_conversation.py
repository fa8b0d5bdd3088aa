"""X: the conversations around participants' event posts are captured without the hashtag, by recent search
`conversation_id:` batched within the query length limit and polled with since_id (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import httpx

from tests.capture.helpers import add_event, add_participants, collected_ids, event_post_count, run_until
from tests.capture.servers.x_server import XWorld, make_tweets, serve_x, start_time
from tweetathon.capture.conversation import conversation_groups, x_conversation_query
from tweetathon.capture.http import Backoff
from tweetathon.capture.x_api import XSearchSource
from tweetathon.capture.x_conversation import XConversationSource, plan_conversations, query_batches, snowflake_time
from tweetathon.store.capture import ParticipantPost
from tweetathon.store.store import Store

TOKEN = "AAAAconversation-token-5b1e"
FAST = Backoff(base=0.05, cap=0.2, floor=0.02)
ORIGINALS = 40
LIMIT = 200   # a query limit smaller than Basic's 512, so that 12 conversations need several queries


def _thread_world() -> tuple[list[dict[str, object]], set[str]]:
    """40 hashtag posts by agency0..6, then replies without the hashtag: to agency0/1's posts (participants),
    to agency2's (pending: not followed) and agency3's (public), and answers to replies (same conversation)."""
    replies = {40: 0, 41: 7, 42: 1, 43: 14, 44: 2, 45: 3, 46: 8, 47: 41, 48: 44, 49: 35, 50: 36, 51: 47,
               52: 10, 53: 29, 54: 21, 55: 22, 56: 15, 57: 53, 58: 9, 59: 28}
    tweets, _ = make_tweets(60, "poltwt", start_time(), reply_to=replies)
    roots = {tweets[i]["id"] for i in range(ORIGINALS) if i % 7 in (0, 1)}   # agency0, agency1
    expected = {t["id"] for t in tweets[:ORIGINALS]} | {
        t["id"] for t in tweets[ORIGINALS:] if t["conversation_id"] in roots}
    return tweets, expected


def test_replies_without_the_hashtag_to_participants_posts_are_captured(store: Store) -> None:
    tweets, expected = _thread_world()
    world = XWorld(TOKEN, tweets, make_tweets(1, "x", start_time())[1], rate=30.0, query_limit=LIMIT)
    capture = add_event(store, "poltwt", "poltwt")
    add_participants(store, "poltwt", "x", approved=["@Agency0", "agency1"], pending=["agency2"])
    with serve_x(world) as url, httpx.Client() as client:
        sources = [XSearchSource(client, url, TOKEN, ("poltwt",), poll_seconds=0.2, backoff=FAST),
                   XConversationSource(client, url, TOKEN, capture.roots("x", ("poltwt",)),
                                       poll_seconds=0.2, backoff=FAST, max_query_length=LIMIT)]
        run_until(capture, sources, lambda: expected <= set(collected_ids(store, "x")), timeout=30)
        run_until(capture, sources, lambda: False, once=True)   # one more full pass: nothing else may come

    assert set(collected_ids(store, "x")) == expected
    assert event_post_count(store) == len(expected)
    assert 0 < len(expected) - ORIGINALS < 60 - ORIGINALS        # some replies are kept, some are not
    searches = [parse_qs(urlparse(r).query) for r in world.requests if "/search/recent" in r]
    queries = [q for q in searches if q["query"][0].startswith("conversation_id:")]
    assert all(len(q["query"][0]) <= LIMIT for q in queries)
    assert len({q["query"][0] for q in queries if "next_token" not in q}) > 1   # batched into several queries
    followed = {c.split(":")[1] for q in queries for c in q["query"][0].split(" OR ")}
    participants = {t["id"] for t in tweets[:ORIGINALS] if t["author_id"] in ("1000", "1001")}
    assert followed == participants                              # never the pending agency's nor the public's
    later = [q for q in queries if "since_id" in q and q["since_id"][0] not in participants]
    assert later, "later passes must ask only for what is newer than what was seen (since_id)"
    assert not capture.health("error", "x")


def test_conversations_are_batched_within_the_limit_and_start_at_their_roots() -> None:
    ids = [str(1_600_000_000_000_000_000 + i) for i in range(40)]
    groups = conversation_groups(ids, 512)
    assert [c for g in groups for c in g] == ids
    assert all(len(q) <= 512 for q in x_conversation_query(ids, 512))
    assert len(groups) == 4                     # 35 characters a term + " OR ": 13 fit in 512
    now = datetime.now(UTC)
    fresh = str(((int(now.timestamp() * 1000) - 1288834974657) << 22) + 5)
    stale = str(((int((now - timedelta(days=9)).timestamp() * 1000) - 1288834974657) << 22) + 5)
    answer = str(int(fresh) + 1000)
    roots = [ParticipantPost(fresh, fresh, now), ParticipantPost(answer, stale, now)]
    plan = plan_conversations({}, roots, now - timedelta(days=6))
    assert plan == {fresh: fresh, stale: answer}   # a root beyond the search window: from the participant's post
    assert plan_conversations({fresh: answer}, roots[:1], now - timedelta(days=6)) == {fresh: answer}
    assert query_batches({fresh: answer, stale: fresh}, 512) == [([stale, fresh], fresh)]
    assert abs((snowflake_time(fresh) or now) - now) < timedelta(seconds=1)
