"""Each platform's own protection against a second post, used directly: the same outbox row sent twice makes one
post (Mastodon: the Idempotency-Key; Bluesky: the record key; X: its duplicate-content refusal, then a look)."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from mastodon_mock.testing import MockServer

from tests.feed.conftest import MASTODON_TOKEN, BlueskyAccount, XAccount
from tests.feed.helpers import ALICE, add_event
from tweetathon.capture.credentials import Secret
from tweetathon.feed import composer
from tweetathon.feed.model import OutboxItem
from tweetathon.feed.outbox import Target, request_publish, run_due
from tweetathon.feed.publish.base import PublishError
from tweetathon.feed.publish.bluesky import BlueskyPublisher
from tweetathon.feed.publish.mastodon import MastodonPublisher
from tweetathon.feed.publish.x import XPublisher
from tweetathon.feed.store import FeedStore
from tweetathon.store.store import Store


def _item(platform: str, text: str, row: int = 41) -> OutboxItem:
    return OutboxItem(id=row, draft_id=1, account="a", platform=platform, part=1, text=text, state="sending",
                      attempts=1, created_at=datetime.now(UTC))


def test_mastodon_returns_the_same_status_for_the_same_row(mastodon: MockServer) -> None:
    with httpx.Client() as client:
        publisher = MastodonPublisher(client, mastodon.base_url, Secret(MASTODON_TOKEN))
        item = _item("mastodon", f"#gmp24 9: idempotent {datetime.now(UTC).timestamp()}")
        first, second = publisher.post(item, [], []), publisher.post(item, [], [])
        assert first.platform_id == second.platform_id
        assert publisher.find(item) is not None and publisher.find(item).platform_id == first.platform_id  # type: ignore[union-attr]


@pytest.mark.slow
def test_bluesky_a_second_create_names_the_same_record(bluesky_account: BlueskyAccount) -> None:
    with httpx.Client() as client:
        publisher = BlueskyPublisher(client, bluesky_account.url, bluesky_account.handle,
                                     Secret(bluesky_account.password))
        item = _item("bluesky", "#gmp24 9: once")
        assert publisher.find(item) is None
        first, second = publisher.post(item, [], []), publisher.post(item, [], [])
        assert first.platform_id == second.platform_id
    records = httpx.get(bluesky_account.url + "/xrpc/com.atproto.repo.listRecords", params={
        "repo": bluesky_account.did, "collection": "app.bsky.feed.post"}).json()["records"]
    assert [r["value"]["text"] for r in records] == ["#gmp24 9: once"]


def test_x_refuses_the_same_text_and_the_post_already_there_is_returned(x_account: XAccount) -> None:
    with httpx.Client() as client:
        publisher = XPublisher(client, x_account.url, Secret(x_account.world.token))
        item = _item("x", "#gmp24 9: R&D <lab> closed")
        first, second = publisher.post(item, [], []), publisher.post(item, [], [])
        assert first.platform_id == second.platform_id
        assert [p["text"] for p in x_account.world.live()] == ["#gmp24 9: R&D <lab> closed"]
        assert publisher.find(item) is not None  # found although X escapes & < > in what it returns


def test_a_refused_token_is_a_clear_error_that_is_not_retried(x_account: XAccount) -> None:
    with httpx.Client() as client:
        publisher = XPublisher(client, x_account.url, Secret("wrong"))
        with pytest.raises(PublishError, match="401") as caught:
            publisher.post(_item("x", "hello"), [], [])
    assert caught.value.retry is False and "wrong" not in str(caught.value)


def test_a_platform_that_is_down_leaves_the_post_for_feed_run_which_sends_it_once(
        sqlite_store: Store, x_account: XAccount) -> None:
    add_event(sqlite_store)
    feed = FeedStore(sqlite_store)
    draft = composer.create(feed, "gmp24", "Road open again on the A6.", ALICE, targets=["x"])
    request_publish(feed, draft, ALICE, {"x": Target("x", "x")})
    x_account.world.post_faults = [503]
    with httpx.Client() as client:
        publisher = XPublisher(client, x_account.url, Secret(x_account.world.token))
        [first] = run_due(feed, "gmp24", lambda name: publisher)
        assert (first.result, "503" in first.message) == ("waiting", True)
        assert feed.get("gmp24", draft.number).status == "publishing"
        [second] = run_due(feed, "gmp24", lambda name: publisher)
    assert second.result == "published"
    assert [p["text"] for p in x_account.world.live()] == [draft.text]
    actions = [e.action for e in feed.audit_log(draft.id)]
    assert actions[-3:] == ["retry later", "published", "done"]
    assert feed.get("gmp24", draft.number).status == "published"
