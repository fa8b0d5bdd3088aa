"""`tweetathon serve` as a user runs it: a subprocess with two workers over SQLite and PostgreSQL, answering on
127.0.0.1; behind a proxy that says HTTPS, the session cookie is Secure; a bad setting is a message."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web import scenario
from tests.web.conftest import SECRET, free_port
from tweetathon.store.store import Store

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent / "tweetathon"


@pytest.fixture
def served(store: Store) -> Iterator[str]:
    scenario.build(store)
    port = free_port()
    env = {**os.environ, "TWEETATHON_SECRET_KEY": SECRET}
    server = subprocess.Popen([str(BIN), "serve", "--db", store.url, "--port", str(port),
                               "--workers", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/static/app.css", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    said = server.stdout.read() if server.stdout else b""
                    raise AssertionError(f"serve did not start: {said!r}") from None
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def test_serve_answers_pages_and_api_with_several_workers(served: str) -> None:
    for _ in range(6):  # spread over both workers
        assert "#poltwt test tweet-a-thon" in httpx.get(served + "/").text
    events = httpx.get(served + "/api/v1/events").json()
    assert sorted(e["slug"] for e in events) == ["polchat", "poltwt"]


def test_cookies_are_secure_when_the_proxy_says_https(served: str) -> None:
    plain = httpx.get(served + "/login").headers["set-cookie"]
    proxied = httpx.get(served + "/login", headers={"X-Forwarded-Proto": "https"}).headers
    assert "Secure" not in plain and "; Secure" in proxied["set-cookie"]
    assert proxied["strict-transport-security"].startswith("max-age=")


def test_a_bad_setting_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "TWEETATHON_SECRET_KEY": "short"}
    result = subprocess.run([str(BIN), "serve", "--db", str(tmp_path / "t.db")], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert "secret key is too short" in result.stderr and "Traceback" not in result.stderr
