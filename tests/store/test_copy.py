"""`tweetathon store copy`: SQLite -> PostgreSQL -> SQLite keeps every row, every figure; a copy killed midway
finishes exactly when run again; a target holding other rows is refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import orjson
import psycopg
import pytest
from sqlalchemy import func, inspect, select
from typer.testing import CliRunner

from tests import simulated_store
from tests.conftest import PG_ADMIN
from tweetathon import analysis
from tweetathon.auth.users import add_user
from tweetathon.cli import app
from tweetathon.store import copy as store_copy
from tweetathon.store.engine import make_engine
from tweetathon.store.organise import list_events
from tweetathon.store.schema import audit_log, metadata, posts
from tweetathon.store.store import Store

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def empty_pg() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test (the copy's target)."""
    name = f"tweetathon_copy_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0].split("://", 1)[1]
    yield f"postgresql+psycopg://{base}/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A SQLite store holding a small simulated tweet-a-thon (800 posts), and its event's slug."""
    folder = tmp_path_factory.mktemp("copy")
    simulated_store.simulate(folder / "sim")
    db = f"sqlite:///{folder / 'laptop.db'}"
    slug = simulated_store.build(db, folder / "sim")
    with Store.open(db) as store:
        add_user(store, "lead", "correct horse battery staple", "organiser", actor="cli:test")
    return db, slug


def copy(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["store", "copy", *args])
    return result.exit_code, result.stdout + result.stderr


def rows_and_checksums(url: str) -> dict[str, tuple[int, str]]:
    engine = make_engine(url)
    with engine.connect() as conn:
        found = {t.name: store_copy.checksum(conn, t) for t in metadata.sorted_tables}
    engine.dispose()
    return found


def all_figures(url: str) -> dict[str, bytes]:
    with Store.open(url) as store:
        slugs = [e.slug for e in list_events(store)]
        return {s: orjson.dumps(analysis.figures(store, s), option=orjson.OPT_SORT_KEYS) for s in slugs}


def test_sqlite_to_postgresql_and_back_keeps_every_row_and_figure(simulated: tuple[str, str], empty_pg: str,
                                                                   tmp_path: Path) -> None:
    laptop, slug = simulated
    back = f"sqlite:///{tmp_path / 'back.db'}"
    code, out = copy("--from", laptop, "--to", empty_pg)
    assert code == 0, out
    assert "counts and checksums match" in out
    code, out = copy("--from", empty_pg, "--to", back, "--json")
    assert code == 0, out
    before, server, after = rows_and_checksums(laptop), rows_and_checksums(empty_pg), rows_and_checksums(back)
    assert before == server == after
    assert before["posts"][0] > 800 and before["participants"][0] > 0 and before["users"][0] == 1
    assert before["audit_log"][0] > 0 and before["account_snapshots"][0] > 0 and before["import_runs"][0] > 0
    figures = all_figures(laptop)
    assert list(figures) == [slug]
    assert figures == all_figures(empty_pg) == all_figures(back)
    engine = make_engine(back)
    assert not inspect(engine).has_table("store_copy_progress")  # finished: no progress record left
    engine.dispose()


def test_new_rows_on_the_server_get_fresh_ids_after_a_copy(simulated: tuple[str, str], empty_pg: str) -> None:
    laptop, _slug = simulated
    assert copy("--from", laptop, "--to", empty_pg)[0] == 0
    with Store.open(empty_pg) as server:  # ids already taken by copied rows are not handed out again
        second = add_user(server, "second", "another long passphrase", "editor", actor="cli:test")
        with server.engine.connect() as conn:
            audits = conn.execute(select(func.count()).select_from(audit_log)).scalar_one()
    assert second.name == "second"
    assert audits == rows_and_checksums(laptop)["audit_log"][0] + 1


def test_a_target_holding_rows_is_refused(simulated: tuple[str, str], tmp_path: Path) -> None:
    laptop, _slug = simulated
    other = tmp_path / "other"
    simulated_store.simulate(other, posts=100, seed=9)
    target = f"sqlite:///{tmp_path / 'busy.db'}"
    simulated_store.build(target, other)
    before = rows_and_checksums(target)
    code, out = copy("--from", laptop, "--to", target)
    assert code == 2
    assert "the target is not empty" in out and "Traceback" not in out
    assert rows_and_checksums(target) == before


def _copied_posts(url: str) -> int | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("store_copy_progress"):
                return None
            progress = store_copy.progress
            return conn.execute(select(progress.c.rows).where(progress.c.table_name == "posts")).scalar()
    finally:
        engine.dispose()


def test_a_copy_killed_midway_finishes_exactly_when_run_again(simulated: tuple[str, str], empty_pg: str) -> None:
    laptop, _slug = simulated
    env = {**os.environ, "TWEETATHON_DB": ""}
    process = subprocess.Popen([sys.executable, "-m", "tweetathon", "store", "copy", "--from", laptop,
                                "--to", empty_pg, "--chunk", "7"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (_copied_posts(empty_pg) or 0) > 100:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    copied = _copied_posts(empty_pg)
    total = rows_and_checksums(laptop)["posts"][0]
    assert copied is not None and 100 < copied < total  # really killed midway
    engine = make_engine(empty_pg)
    with engine.connect() as conn:  # the committed chunks and the progress record agree
        assert conn.execute(select(func.count()).select_from(posts)).scalar_one() == copied
    engine.dispose()
    code, out = copy("--from", laptop, "--to", empty_pg)
    assert code == 0, out
    assert rows_and_checksums(empty_pg) == rows_and_checksums(laptop)
