"""SIGKILL at every step of publishing (the real CLI in a subprocess, the real local servers): after the run
that completes it, every post exists exactly once on each platform and the audit log says what happened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from mastodon_mock.testing import MockServer

from tests.feed.conftest import MASTODON_TOKEN, BlueskyAccount, XAccount, write_config
from tests.feed.helpers import ALICE, add_event, photo_with_gps
from tweetathon.auth.users import add_user
from tweetathon.feed import composer
from tweetathon.feed.model import Photo
from tweetathon.feed.store import FeedStore
from tweetathon.store.store import Store

TWEETATHON = str(Path(sys.executable).with_name("tweetathon"))  # the console script, as a user runs it
ACCOUNTS = ("bsky", "masto", "x")  # the order publishing visits them in (sorted by name)
# (kill point, which account's visit it kills at): every step boundary on every platform
POINTS = [("queued", 1)] + [(p, n) for p in ("attempt-recorded", "media-uploaded", "posted", "recorded")
                            for n in (1, 2, 3)]


def _cli(db: str, config: Path | None, *args: str, kill: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TWEETATHON_FEED_KILL_AT"}
    if kill:
        env["TWEETATHON_FEED_KILL_AT"] = kill
    more = ["--config", str(config)] if config else []
    return subprocess.run([TWEETATHON, "feed", *args, "--db", db, *more],
                          capture_output=True, text=True, env=env, timeout=120)


def _draft(db: str, photo: Path, text: str) -> int:
    with Store.open(db) as store:
        draft = composer.create(FeedStore(store), "gmp24", text, ALICE, targets=ACCOUNTS,
                                photos=[Photo(str(photo), "A cordon on Oldham Road")])
    assert draft.findings == ()
    return draft.number


def _on_mastodon(base: str, text: str) -> int:
    auth = {"Authorization": f"Bearer {MASTODON_TOKEN}"}
    me = httpx.get(base + "/api/v1/accounts/verify_credentials", headers=auth).json()
    statuses = httpx.get(f"{base}/api/v1/accounts/{me['id']}/statuses", params={"limit": 40}, headers=auth).json()
    return sum(httpx.get(f"{base}/api/v1/statuses/{s['id']}/source", headers=auth).json()["text"] == text
               for s in statuses)


def _on_bluesky(account: BlueskyAccount, text: str) -> int:
    records = httpx.get(account.url + "/xrpc/com.atproto.repo.listRecords", params={
        "repo": account.did, "collection": "app.bsky.feed.post", "limit": 100}).json()["records"]
    return sum(r["value"]["text"] == text for r in records)


def _log(db: str, number: int) -> list[dict[str, Any]]:
    with Store.open(db) as store:
        feed = FeedStore(store)
        return [{"actor": e.actor, "action": e.action, "detail": e.detail}
                for e in feed.audit_log(feed.get("gmp24", number).id)]


@pytest.mark.slow
def test_a_publish_killed_at_any_step_posts_each_post_exactly_once_when_run_again(
        tmp_path: Path, db_url: str, mastodon: MockServer, x_account: XAccount,
        bluesky_account: BlueskyAccount) -> None:
    store = Store.open(db_url)
    add_event(store)
    add_user(store, "alice", "a long enough password", "editor", actor="test")
    store.close()
    config = write_config(tmp_path / "feed.toml", x_account, mastodon.base_url, bluesky_account)
    photo = photo_with_gps(tmp_path / "cordon.jpg")
    points = POINTS if db_url.startswith("sqlite") else [p for p in POINTS if p[0] == "posted"]
    for point, nth in points:
        text = f"Cordon on Oldham Road lifted ({point} {nth})."
        number = _draft(db_url, photo, text)
        killed = _cli(db_url, config, "publish", "gmp24", str(number), "--as", "alice", kill=f"{point}:{nth}")
        assert killed.returncode == -9, (point, nth, killed.stdout, killed.stderr)
        done = _cli(db_url, config, "publish", "gmp24", str(number), "--as", "alice", "--json")
        assert done.returncode == 0, (point, nth, done.stderr)
        full = f"#gmp24 {number}: {text}"
        counts = (_on_bluesky(bluesky_account, full), _on_mastodon(mastodon.base_url, full),
                  sum(p["text"] == full for p in x_account.world.live()))
        assert counts == (1, 1, 1), (point, nth, counts)
        _check_log(_log(db_url, number), point, nth)


def _check_log(log: list[dict[str, Any]], point: str, nth: int) -> None:
    """One `published` entry per account; the account killed just after posting was found, not posted again;
    the one killed after counting an attempt (or uploading its photo) was posted on the second attempt."""
    published = {e["detail"]["account"]: e["detail"]["how"] for e in log if e["action"] == "published"}
    assert sorted(published) == sorted(ACCOUNTS), (point, nth, log)
    assert sum(e["action"] == "published" for e in log) == 3
    killed = ACCOUNTS[nth - 1]
    if point == "posted":
        assert published[killed].startswith("found on the account after an interrupted attempt"), published
    elif point in ("attempt-recorded", "media-uploaded"):
        assert published[killed].startswith("sent (attempt 2; not found on the account before)"), published
    else:
        assert set(published.values()) == {"sent"}, published
    assert log[-1]["action"] == "done"
    answered = [e for e in log if e["action"] == "published"]
    assert all(e["detail"]["platform_id"] and e["detail"]["answer"] for e in answered)


@pytest.mark.slow
def test_killed_again_while_reconciling_it_still_posts_once(
        tmp_path: Path, sqlite_store: Store, mastodon: MockServer, x_account: XAccount,
        bluesky_account: BlueskyAccount) -> None:
    db = f"sqlite:///{sqlite_store.sqlite_path}"
    add_event(sqlite_store)
    add_user(sqlite_store, "alice", "a long enough password", "editor", actor="test")
    config = write_config(tmp_path / "feed.toml", x_account, mastodon.base_url, bluesky_account)
    number = _draft(db, photo_with_gps(tmp_path / "p.jpg"), "Shop fire out, road open.")
    for kill in ("posted:3", "reconciled:1"):  # dies after X posted; then again after finding it there
        killed = _cli(db, config, "publish", "gmp24", str(number), "--as", "alice", kill=kill)
        assert killed.returncode == -9, (kill, killed.stderr)
    done = _cli(db, config, "publish", "gmp24", str(number), "--as", "alice", "--json")
    assert done.returncode == 0, done.stderr
    full = f"#gmp24 {number}: Shop fire out, road open."
    assert (_on_bluesky(bluesky_account, full), _on_mastodon(mastodon.base_url, full),
            sum(p["text"] == full for p in x_account.world.live())) == (1, 1, 1)
    published = {e["detail"]["account"]: e["detail"]["how"] for e in _log(db, number) if e["action"] == "published"}
    assert published["x"].startswith("found on the account after an interrupted attempt")
    assert published["bsky"] == "sent" and published["masto"] == "sent"
