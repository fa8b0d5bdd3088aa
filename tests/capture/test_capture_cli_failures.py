"""`tweetathon capture --once` as a real subprocess against failing servers on loopback: it ends in bounded time
with the documented exit status and a clear message on stderr (no traceback), and afterwards `figures` and the
report show the failed capture and its gap: a failed capture is never reported as clean."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import orjson

from tests.capture.helpers import add_event
from tests.capture.servers.dead import closed_port, serve_silent
from tests.capture.servers.x_server import XWorld, make_tweets, serve_x, start_time
from tweetathon.store.store import Store

TOKEN = "AAAA-cli-failure-token-93b1"
BIN = Path(sys.executable).with_name("tweetathon")


def tweetathon(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str, float]:
    """(exit status, stdout, stderr, seconds) of a tweetathon command."""
    full = {**os.environ, "TWEETATHON_DB": str(db), "TWEETATHON_CAPTURE_BACKOFF": "0.05", "COLUMNS": "200",
            **(env or {})}
    began = time.monotonic()
    done = subprocess.run([str(BIN), *args], env=full, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr, time.monotonic() - began


def new_db(tmp_path: Path) -> Path:
    db = tmp_path / "t.db"
    store = Store.open(str(db))
    add_event(store, "live24", "gmp24")
    store.close()
    return db


def test_x_answering_500_exits_4_and_figures_and_report_show_the_failure(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    world = XWorld(TOKEN, *make_tweets(5, "gmp24", start_time()), always=500)
    with serve_x(world) as url:
        code, out, err, took = tweetathon(db, "capture", "live24", "--platform", "x", "--once",
                                          env={"TWEETATHON_X_BEARER_TOKEN": TOKEN, "TWEETATHON_X_API_URL": url})

    assert code == 4, err
    assert took < 30
    assert "error: x search failed: no working connection after 5 failed attempts" in err
    assert "Traceback" not in err + out and TOKEN not in err + out
    code, out, err, _ = tweetathon(db, "figures", "--event", "live24", "--json")
    health = orjson.loads(out)["capture_health"]
    assert code == 0 and health["capture_failed"] is True
    assert [f["source"] for f in health["failures"]] == ["search"]
    assert any("not recovered" in g["reason"] for g in health["gaps"])
    _, table, _, _ = tweetathon(db, "figures", "--event", "live24")
    assert "CAPTURE FAILED: x search" in table
    report = tmp_path / "r.html"
    code, _, err, _ = tweetathon(db, "report", "--event", "live24", "--out", str(report), "--quiet")
    assert code == 0, err
    html = report.read_text()
    assert "<strong>Capture failed</strong> for 1 source" in html and "500 on /2/tweets/search/recent" in html


def test_a_refused_token_exits_5_at_once_with_what_to_check(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    world = XWorld("the-right-token", *make_tweets(5, "gmp24", start_time()))
    with serve_x(world) as url:
        code, out, err, took = tweetathon(db, "capture", "live24", "--platform", "x", "--once",
                                          env={"TWEETATHON_X_BEARER_TOKEN": TOKEN, "TWEETATHON_X_API_URL": url})

    assert code == 5, err
    assert took < 20 and len(world.requests) == 1
    assert "credentials refused: the server answered 401" in err and "TWEETATHON_X_BEARER_TOKEN" in err
    assert "Traceback" not in err + out and TOKEN not in err + out


def test_a_bluesky_relay_with_nothing_listening_exits_4(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    relay = f"ws://127.0.0.1:{closed_port()}"
    log = tmp_path / "capture.log"
    code, _, err, took = tweetathon(db, "capture", "live24", "--platform", "bluesky", "--once", "--log-file",
                                    str(log), env={"TWEETATHON_BLUESKY_FIREHOSE": relay})
    assert code == 4, err
    assert took < 30 and err.count("firehose unreachable") == 1          # one clear message, no log lines
    assert "failed: no working connection after 5 failed attempts" in log.read_text()   # the log is not empty
    code, out, _, _ = tweetathon(db, "figures", "--event", "live24", "--json")
    health = orjson.loads(out)["capture_health"]
    assert health["capture_failed"] is True and len(health["gaps"]) == 1


def test_a_server_that_never_answers_exits_3_within_the_time_limit(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    with serve_silent() as url:
        code, _, err, took = tweetathon(db, "capture", "live24", "--platform", "x", "--once", "--time-limit", "2",
                                          env={"TWEETATHON_X_BEARER_TOKEN": TOKEN, "TWEETATHON_X_API_URL": url})
    assert code == 3, err
    assert took < 2 + 5 + 8            # the limit, the grace for stopping, the start of the program
    assert "did not finish within the time limit (2 s)" in err
