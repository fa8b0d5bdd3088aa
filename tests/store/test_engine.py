"""Opening a store: URL resolution, migrations to the head, fast re-open without Alembic."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from tweetathon.store.engine import _head_revision, alembic_config, make_engine, resolve_url
from tweetathon.store.store import Store


def test_head_revision_from_file_names_matches_alembic() -> None:
    script = ScriptDirectory.from_config(alembic_config(make_engine("sqlite://")))
    assert script.get_current_head() == _head_revision()


def test_db_option_beats_environment_beats_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TWEETATHON_DB", str(tmp_path / "env.db"))
    assert resolve_url(str(tmp_path / "opt.db")) == f"sqlite:///{tmp_path / 'opt.db'}"
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("TWEETATHON_DB")
    assert resolve_url() == "sqlite:///tweetathon.db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_open_twice_migrates_once_and_keeps_data(db_url: str) -> None:
    with Store.open(db_url) as store:
        assert store.stats()["posts"] == 0
        with store.engine.connect() as conn:
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    with Store.open(db_url) as again, again.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == version


def test_sqlite_store_uses_wal(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "t.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
