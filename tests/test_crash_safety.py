"""SIGKILL an import at any point: the database stays consistent and a re-run ends with exactly the right rows."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tests.twarc2_pages import write_pages

POSTS = 12_000


def tweetathon(*args: str, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TWEETATHON_DB": str(db)}
    return subprocess.Popen([sys.executable, "-m", "tweetathon", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def posts_in(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=10) as conn:
            return int(conn.execute("SELECT count(*) FROM posts").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


@pytest.mark.slow
@pytest.mark.parametrize("kill_after_posts", [0, 2_000, 8_000])
def test_sigkill_mid_import_then_rerun_gives_exact_counts(tmp_path: Path, kill_after_posts: int) -> None:
    data = write_pages(tmp_path / "big.jsonl", POSTS, per_page=100, authors=300)
    db = tmp_path / "t.db"
    proc = tweetathon("import", str(data), db=db)
    deadline = time.monotonic() + 60
    while posts_in(db) < kill_after_posts and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = posts_in(db)
    if killed_at:
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            tags = conn.execute("SELECT count(*) FROM post_hashtags").fetchone()[0]
            assert tags == killed_at, "every stored post has its hashtag rows (batches are atomic)"
    assert killed_at < POSTS, "the kill landed before the import finished"
    rerun = tweetathon("import", str(data), db=db)
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    stats = tweetathon("stats", "--json", db=db)
    out, _ = stats.communicate(timeout=60)
    result = orjson.loads(out)
    assert (result["posts"], result["authors"]) == (POSTS, 300)
    with sqlite3.connect(db) as conn:
        statuses = [s for (s,) in conn.execute("SELECT status FROM import_runs ORDER BY id")]
        distinct = conn.execute("SELECT count(*) FROM (SELECT DISTINCT platform, post_id FROM posts)").fetchone()[0]
    assert distinct == POSTS
    assert statuses[-1] == "done"
    assert all(s == "interrupted" for s in statuses[:-1]), "the killed run is marked interrupted on the re-run"
