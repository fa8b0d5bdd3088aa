"""Publishing to real local servers (mastodon_mock, the Bluesky PDS, the local X API), then reading the posts
back from each server: text, facets, alt text and photo bytes as sent, no EXIF or GPS left; the published posts
are collected posts of the event; a deletion removes them on every platform and says why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from mastodon_mock.testing import MockServer

from tests.feed.conftest import MASTODON_TOKEN, BlueskyAccount, XAccount, new_bluesky_account, write_config
from tests.feed.helpers import ALICE, BOB, add_event, photo_with_gps
from tweetathon.feed import composer
from tweetathon.feed.accounts import load_accounts
from tweetathon.feed.media import has_metadata, strip_metadata
from tweetathon.feed.model import Photo
from tweetathon.feed.outbox import Target, delete_published, request_publish, send_draft
from tweetathon.feed.store import FeedStore
from tweetathon.store.schema import event_posts, posts
from tweetathon.store.store import Store

ALT = "Two officers outside the café, seen from the street"


def _publish(store: Store, config: Path, body: str, photos: list[Photo], thread: bool = False) -> Any:
    accounts = load_accounts(config)
    targets = {n: Target(n, a.platform, a.limit) for n, a in accounts.items()}
    feed = FeedStore(store)
    draft = composer.create(feed, "gmp24", body, ALICE, targets=list(accounts), photos=photos, thread=thread)
    for finding in {f.text for f in draft.findings}:
        draft = composer.override(feed, draft, finding, "a partner agency, named with its consent", ALICE)
    if draft.overrides:
        draft = composer.approve(feed, draft, BOB)
    request_publish(feed, draft, ALICE, targets)
    with httpx.Client() as client:
        made = {n: a.publisher(client) for n, a in accounts.items()}
        outcomes = send_draft(feed, feed.get("gmp24", draft.number), made.__getitem__)
    return feed, feed.get("gmp24", draft.number), outcomes


def _byte_span(text: str, piece: str) -> dict[str, int]:
    raw = text.encode()
    start = raw.index(piece.encode())
    return {"byteStart": start, "byteEnd": start + len(piece.encode())}


@pytest.mark.slow
def test_a_post_with_a_photo_reaches_all_three_platforms_exactly_as_written(
        tmp_path: Path, sqlite_store: Store, mastodon: MockServer, pds: str, x_account: XAccount,
        bluesky_account: BlueskyAccount) -> None:
    friend = new_bluesky_account(pds, "partner")
    add_event(sqlite_store)
    body = (f"Officers at the café on Deansgate 🚓 thank @{friend.handle} for the help. "
            "More at https://www.gmp.police.uk/news #StaySafe")
    config = write_config(tmp_path / "feed.toml", x_account, mastodon.base_url, bluesky_account)
    original = photo_with_gps(tmp_path / "scene.jpg").read_bytes()
    assert {"exif", "gps"} <= set(has_metadata(original))
    feed, draft, outcomes = _publish(sqlite_store, config, body, [Photo(str(tmp_path / "scene.jpg"), ALT)])
    assert [(o.item.account, o.result) for o in outcomes] == [("bsky", "published"), ("masto", "published"),
                                                               ("x", "published")]
    assert draft.status == "published"
    clean, _ = strip_metadata(original)
    ids = {o.item.account: o.item.platform_id for o in outcomes}

    # Mastodon: the source text, the alt text, the photo's bytes as served
    auth = {"Authorization": f"Bearer {MASTODON_TOKEN}"}
    source = httpx.get(f"{mastodon.base_url}/api/v1/statuses/{ids['masto']}/source", headers=auth).json()
    assert source["text"] == draft.text
    status = httpx.get(f"{mastodon.base_url}/api/v1/statuses/{ids['masto']}", headers=auth).json()
    [media] = status["media_attachments"]
    assert media["description"] == ALT
    served = httpx.get(media["url"]).content
    assert served == clean and has_metadata(served) == []

    # Bluesky: the record's text, facets with UTF-8 byte offsets, the image's alt and blob
    did, rkey = bluesky_account.did, ids["bsky"].rsplit("/", 1)[1]
    record = httpx.get(f"{pds}/xrpc/com.atproto.repo.getRecord",
                       params={"repo": did, "collection": "app.bsky.feed.post", "rkey": rkey}).json()["value"]
    assert record["text"] == draft.text
    assert record["facets"] == [
        {"index": _byte_span(draft.text, "#gmp24"), "features": [{"$type": "app.bsky.richtext.facet#tag",
                                                                  "tag": "gmp24"}]},
        {"index": _byte_span(draft.text, f"@{friend.handle}"),
         "features": [{"$type": "app.bsky.richtext.facet#mention", "did": friend.did}]},
        {"index": _byte_span(draft.text, "https://www.gmp.police.uk/news"),
         "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://www.gmp.police.uk/news"}]},
        {"index": _byte_span(draft.text, "#StaySafe"), "features": [{"$type": "app.bsky.richtext.facet#tag",
                                                                     "tag": "StaySafe"}]},
    ]
    [image] = record["embed"]["images"]
    assert image["alt"] == ALT
    blob = httpx.get(f"{pds}/xrpc/com.atproto.sync.getBlob",
                     params={"did": did, "cid": image["image"]["ref"]["$link"]}).content
    assert blob == clean and has_metadata(blob) == []

    # X: the post and its photo read back through the API
    x_auth = {"Authorization": f"Bearer {x_account.world.token}"}
    tweet = httpx.get(f"{x_account.url}/2/tweets/{ids['x']}", headers=x_auth,
                      params={"expansions": "attachments.media_keys", "media.fields": "url,alt_text"}).json()
    assert tweet["data"]["text"] == draft.text.replace("&", "&amp;")
    [x_media] = tweet["includes"]["media"]
    assert x_media["alt_text"] == ALT
    x_bytes = httpx.get(x_media["url"]).content
    assert x_bytes == clean and has_metadata(x_bytes) == []

    # every published post is a collected post of the event, with its platform id and address
    with sqlite_store.engine.connect() as conn:
        rows = conn.execute(posts.select().join(event_posts, (event_posts.c.platform == posts.c.platform)
                                                & (event_posts.c.post_id == posts.c.post_id))).mappings().all()
    assert {(r["platform"], r["post_id"]) for r in rows} == {("x", ids["x"]), ("mastodon", ids["masto"]),
                                                             ("bluesky", ids["bsky"])}
    assert all(r["text"] == draft.text and r["collected"] and r["url"] for r in rows)
    assert {r["url"] for r in rows if r["platform"] == "x"} == {f"https://x.com/gmpolice/status/{ids['x']}"}
    counted = sqlite_store.stats("gmp24")  # what `tweetathon stats --event` and the figures count
    assert (counted["posts"], counted["platforms"]) == (3, {"bluesky": 1, "mastodon": 1, "x": 1})

    # a correction: deleted everywhere, the reason recorded, the collected posts marked deleted
    with httpx.Client() as client:
        accounts = load_accounts(config)
        made = {n: a.publisher(client) for n, a in accounts.items()}
        gone = delete_published(feed, draft, BOB, "wrong street given", made.__getitem__)
    assert {o.result for o in gone} == {"deleted"}
    assert httpx.get(f"{mastodon.base_url}/api/v1/statuses/{ids['masto']}", headers=auth).status_code == 404
    assert httpx.get(f"{pds}/xrpc/com.atproto.repo.getRecord", params={
        "repo": did, "collection": "app.bsky.feed.post", "rkey": rkey}).status_code == 400
    assert x_account.world.live() == []
    log = feed.audit_log(draft.id)
    deletions = [e for e in log if e.action == "deleted on platform"]
    assert {(e.actor, e.detail["reason"], e.detail["platform"]) for e in deletions} == {
        ("bob", "wrong street given", p) for p in ("x", "mastodon", "bluesky")}
    assert feed.get("gmp24", draft.number).status == "deleted"
    with sqlite_store.engine.connect() as conn:
        assert {r[0] for r in conn.execute(posts.select().with_only_columns(posts.c.deleted))} == {True}
    assert sqlite_store.stats("gmp24")["posts"] == 0


@pytest.mark.slow
def test_a_long_post_goes_out_as_a_reply_thread_on_each_platform(
        tmp_path: Path, sqlite_store: Store, mastodon: MockServer, pds: str, x_account: XAccount,
        bluesky_account: BlueskyAccount) -> None:
    add_event(sqlite_store)
    body = " ".join(f"Cordon {i} remains on Oldham Road while officers work." for i in range(8))
    config = write_config(tmp_path / "feed.toml", x_account, mastodon.base_url, bluesky_account)
    _, draft, outcomes = _publish(sqlite_store, config, body, [], thread=True)
    by_account: dict[str, list[Any]] = {}
    for o in outcomes:
        by_account.setdefault(o.item.account, []).append(o.item)
    assert {len(v) for v in by_account.values()} == {2}
    x_posts = x_account.world.live()
    assert [p["in_reply_to"] for p in x_posts] == [None, x_posts[0]["id"]]
    masto = by_account["masto"]
    second = httpx.get(f"{mastodon.base_url}/api/v1/statuses/{masto[1].platform_id}").json()
    assert second["in_reply_to_id"] == masto[0].platform_id
    bsky = by_account["bsky"]
    rkey = bsky[1].platform_id.rsplit("/", 1)[1]
    record = httpx.get(f"{pds}/xrpc/com.atproto.repo.getRecord", params={
        "repo": bluesky_account.did, "collection": "app.bsky.feed.post", "rkey": rkey}).json()["value"]
    assert record["reply"]["root"]["uri"] == record["reply"]["parent"]["uri"] == bsky[0].platform_id
    assert " ".join(p.text.rsplit(" ", 1)[0] for p in bsky) == draft.text
