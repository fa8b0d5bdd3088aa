"""`tweetathon capture` as a real subprocess, on X, Mastodon and Bluesky: SIGKILL mid-stream and a restart lose
and duplicate nothing (exact counts against what the servers hold); SIGTERM stops cleanly; the X bearer token,
the Mastodon access token and the Bluesky app password never appear in output, logs, any table or the file."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
import zlib
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from tests.capture.helpers import add_event, collected_ids, event_post_count, parse_detail
from tests.capture.pds import create_account, post
from tests.capture.servers.mastodon_server import MastodonWorld, id_key, make_statuses, serve_mastodon
from tests.capture.servers.mastodon_server import start_time as mastodon_start
from tests.capture.servers.x_server import XWorld, make_tweets, serve_x, start_time
from tweetathon.store.capture import CaptureStore
from tweetathon.store.schema import metadata
from tweetathon.store.store import Store

TOKEN = "AAAAsecret-token-for-the-kill-test-7f3a9c"
MASTODON_TOKEN = "mastodon-access-token-for-the-kill-test-c0ffee"
BLUESKY_PASSWORD = "abcd-efgh-ijkl-mnop-kill"
BIN = Path(sys.executable).with_name("tweetathon")


def _start(db: Path, out: Path, n: int, platform: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, **env, "TWEETATHON_DB": str(db), "TWEETATHON_CAPTURE_POLL": "0.5",
           "TWEETATHON_CAPTURE_BACKOFF": "0.05", "COLUMNS": "160"}
    return subprocess.Popen([str(BIN), "capture", "live24", "--platform", platform, "--log-file",
                             str(out / f"{n}.log")],
                            env=env, stdout=(out / f"{n}.out").open("wb"), stderr=(out / f"{n}.err").open("wb"))


def _wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _kill_then_finish(db: Path, out: Path, platform: str, env: dict[str, str], store: Store, first: int,
                      total: int, published: Callable[[], int],
                      before_restart: Callable[[], None] = lambda: None) -> int:
    """Run `tweetathon capture` until it holds `first` posts, SIGKILL it, let the server publish `first` more
    while it is down, restart it, wait for all `total` posts and stop it with SIGTERM (exit 0). Returns how
    many posts were stored when it was killed."""
    held = lambda: len(collected_ids(store, platform))  # noqa: E731
    run = _start(db, out, 1, platform, env)
    _wait_for(lambda: held() >= first, 30, f"{first} posts")
    run.send_signal(signal.SIGKILL)
    run.wait()
    killed_at = held()
    _wait_for(lambda: published() >= killed_at + first, 20, "the event to go on while capture is down")
    run = _start(db, out, 2, platform, env)
    before_restart()
    _wait_for(lambda: held() >= total, 40, f"all {total} posts")
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=30) == 0
    return killed_at


def _assert_never_leaked(secret: str, out: Path, store: Store, db: Path) -> None:
    """Not in stdout, stderr or the log of any run, nor in any table (raw payloads decompressed) or the file."""
    outputs = b"".join(p.read_bytes() for p in out.iterdir() if p.suffix in (".out", ".err", ".log"))
    assert b"posts" in outputs                              # the status table was printed
    assert secret.encode() not in outputs
    assert secret.encode() not in _dump(store)
    assert secret.encode() not in db.read_bytes()


def _dump(store: Store) -> bytes:
    """Every value of every table (raw payloads decompressed), as bytes to grep."""
    parts: list[bytes] = []
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(select(table)):
                for value in row:
                    if isinstance(value, bytes):
                        parts.append(value)
                        with contextlib.suppress(zlib.error):
                            parts.append(zlib.decompress(value))
                    else:
                        parts.append(str(value).encode())
    return b"\n".join(parts)


def test_sigkill_mid_stream_then_restart_captures_exactly_what_the_server_holds(tmp_path: Path) -> None:
    db = tmp_path / "capture.db"
    store = Store.open(str(db))
    capture = add_event(store, "live24", "gmp24")
    tweets, users = make_tweets(300, "gmp24", start_time())
    world = XWorld(TOKEN, tweets, users, rate=40.0)
    with serve_x(world) as url:
        env = {"TWEETATHON_X_BEARER_TOKEN": TOKEN, "TWEETATHON_X_API_URL": url}
        killed_at = _kill_then_finish(db, tmp_path, "x", env, store, 60, 300, world.published)

    assert 60 <= killed_at < 300
    assert sorted(collected_ids(store, "x")) == sorted(t["id"] for t in tweets)
    assert event_post_count(store) == 300
    gaps = capture.health("gap", "x")
    assert any("capture restarted" in g["detail"] for g in gaps)
    assert [s["detail"] for s in capture.health("stop", "x")] == ["SIGTERM"] * 3   # stream, search, conversations
    _assert_never_leaked(TOKEN, tmp_path, store, db)
    store.close()


def test_mastodon_sigkill_then_restart_captures_exactly_what_the_server_holds(tmp_path: Path) -> None:
    db = tmp_path / "capture.db"
    store = Store.open(str(db))
    capture = add_event(store, "live24", "bsp24")
    statuses = make_statuses(200, "bsp24", mastodon_start())
    world = MastodonWorld(MASTODON_TOKEN, "bsp24", statuses, rate=40.0)
    with serve_mastodon(world) as url:
        env = {"TWEETATHON_MASTODON_INSTANCES": url, "TWEETATHON_MASTODON_TOKEN": MASTODON_TOKEN}
        killed_at = _kill_then_finish(db, tmp_path, "mastodon", env, store, 40, 200, world.published)

    assert 40 <= killed_at < 200
    assert sorted(collected_ids(store, "mastodon"), key=id_key) == [s["id"] for s in statuses]
    assert event_post_count(store) == 200
    restarted = [parse_detail(g["detail"]) for g in capture.health("gap", "mastodon")
                 if "capture restarted" in g["detail"]]
    assert len(restarted) == 1 and int(restarted[0]["recovered"]) > 0   # what was posted while it was down
    assert [s["detail"] for s in capture.health("stop", "mastodon")] == ["SIGTERM"] * 2   # hashtag + threads
    _assert_never_leaked(MASTODON_TOKEN, tmp_path, store, db)
    store.close()


def test_bluesky_sigkill_then_restart_captures_exactly_what_the_firehose_carried(tmp_path: Path, pds: str) -> None:
    db = tmp_path / "capture.db"
    store = Store.open(str(db))
    tag = f"live{uuid.uuid4().hex[:6]}"
    add_event(store, "live24", tag)
    force = create_account(pds, f"kill{uuid.uuid4().hex[:6]}")
    posted: list[str] = []
    stop_posting = threading.Event()

    def keep_posting() -> None:
        while not stop_posting.is_set() and len(posted) < 80:
            posted.append(post(pds, force, f"Shift update {len(posted)}", tag)["uri"])

    poster = threading.Thread(target=keep_posting, daemon=True)
    env = {"TWEETATHON_BLUESKY_FIREHOSE": pds, "TWEETATHON_BLUESKY_START": "oldest",
           "TWEETATHON_BLUESKY_HANDLE": force.handle,
           "TWEETATHON_BLUESKY_PASSWORD": BLUESKY_PASSWORD}
    poster.start()
    try:
        killed_at = _kill_then_finish(db, tmp_path, "bluesky", env, store, 20, 80, lambda: len(posted),
                                      before_restart=lambda: poster.join(timeout=60))
    finally:
        stop_posting.set()

    assert 20 <= killed_at < 80
    assert sorted(collected_ids(store, "bluesky")) == sorted(posted)
    assert event_post_count(store) == 80
    assert [s["detail"] for s in CaptureStore(store, "live24").health("stop", "bluesky")] == ["SIGTERM"]
    _assert_never_leaked(BLUESKY_PASSWORD, tmp_path, store, db)
    store.close()
