"""Web test fixtures: an app over a scenario store (SQLite and PostgreSQL), a TestClient, and a real uvicorn
server on 127.0.0.1 for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import _reset_pg
from tests.web import scenario
from tweetathon.capture.credentials import Secret
from tweetathon.mail import MailSettings
from tweetathon.settings import WebSettings
from tweetathon.store.store import Store
from tweetathon.web.app import create_app
from tweetathon.web.settings import AppSettings

SECRET = "test-secret-key-that-is-long-enough-0123456789"


def make_app(store: Store, mail: MailSettings | None = None, base_url: str = "http://127.0.0.1:8000") -> FastAPI:
    settings = AppSettings(web=WebSettings(Secret(SECRET), base_url), mail=mail or MailSettings(base_url=base_url),
                           db=store.url)
    return create_app(settings, store=store)


@pytest.fixture
def site_store(store: Store) -> Store:
    scenario.build(store)
    return store


@pytest.fixture
def client(site_store: Store) -> Iterator[TestClient]:
    with TestClient(make_app(site_store), base_url="http://127.0.0.1") as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    store: Store
    server: uvicorn.Server
    thread: threading.Thread


def start_server(app: FastAPI, store: Store, port: int | None = None) -> LiveServer:
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return LiveServer(f"http://127.0.0.1:{port}", store, server, thread)


def stop_server(live: LiveServer) -> None:
    live.server.should_exit = True
    live.thread.join(timeout=10)


def module_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """An empty store for a module's server: SQLite, or the session's PostgreSQL database emptied."""
    if request.param == "sqlite":
        return Store.open(f"sqlite:///{Path(tmp_path_factory.mktemp('web')) / 'tweetathon.db'}")
    url = request.getfixturevalue("pg_url")
    _reset_pg(url)
    return Store.open(url)


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=BACKENDS)
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A uvicorn server over a scenario store, once on SQLite and once on PostgreSQL."""
    store = module_store(request, tmp_path_factory)
    scenario.build(store)
    running = start_server(make_app(store), store)
    yield running
    stop_server(running)
    store.close()


@pytest.fixture(autouse=True, scope="session")
def _pseudonym_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Transcripts read the pseudonym key: a throw-away one, never the user's own."""
    import os

    before = os.environ.get("TWEETATHON_PSEUDONYM_KEY_FILE")
    os.environ["TWEETATHON_PSEUDONYM_KEY_FILE"] = str(tmp_path_factory.mktemp("key") / "pseudonym.key")
    yield
    if before is None:
        del os.environ["TWEETATHON_PSEUDONYM_KEY_FILE"]
    else:
        os.environ["TWEETATHON_PSEUDONYM_KEY_FILE"] = before
