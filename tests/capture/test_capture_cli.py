"""`tweetathon capture` as a real subprocess: SIGKILL mid-stream and a restart lose and duplicate nothing;
SIGTERM stops cleanly; the bearer token never appears in output, logs or any table of the database."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

from sqlalchemy import select
from tests.capture.helpers import add_event, collected_ids, event_post_count
from tests.capture.servers.x_server import XWorld, make_tweets, serve_x, start_time

from tweetathon.store.schema import metadata
from tweetathon.store.store import Store

TOKEN = "AAAAsecret-token-for-the-kill-test-7f3a9c"
BIN = Path(sys.executable).with_name("tweetathon")


def _start(db: Path, url: str, out: Path, n: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TWEETATHON_X_BEARER_TOKEN": TOKEN, "TWEETATHON_X_API_URL": url, "TWEETATHON_DB": str(db),
           "TWEETATHON_CAPTURE_POLL": "0.5", "TWEETATHON_CAPTURE_BACKOFF": "0.05", "COLUMNS": "160"}
    return subprocess.Popen([str(BIN), "capture", "live24", "--platform", "x", "--log-file", str(out / f"{n}.log")],
                            env=env, stdout=(out / f"{n}.out").open("wb"), stderr=(out / f"{n}.err").open("wb"))


def _wait_for(predicate: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.1)


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
        first = _start(db, url, tmp_path, 1)
        _wait_for(lambda: len(collected_ids(store, "x")) >= 60, 30)
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = len(collected_ids(store, "x"))
        time.sleep(1.0)                                   # the event goes on while capture is down
        second = _start(db, url, tmp_path, 2)
        _wait_for(lambda: len(collected_ids(store, "x")) >= 300, 40)
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=30) == 0

    assert 60 <= killed_at < 300
    assert sorted(collected_ids(store, "x")) == sorted(t["id"] for t in tweets)
    assert event_post_count(store) == 300
    gaps = capture.health("gap", "x")
    assert any("capture restarted" in g["detail"] for g in gaps)
    assert [s["detail"] for s in capture.health("stop", "x")] == ["SIGTERM", "SIGTERM"]   # stream + search

    outputs = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.suffix in (".out", ".err", ".log"))
    assert b"posts" in outputs                              # the status table was printed
    assert TOKEN.encode() not in outputs
    assert TOKEN.encode() not in _dump(store)
    assert TOKEN.encode() not in db.read_bytes()
    store.close()
