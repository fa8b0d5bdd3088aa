"""`tweetathon feed ...` as a unit drives it: clear refusals, --json for scripts, scheduled posts sent by
`feed run` when due, and posting credentials never printed, logged or stored."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from mastodon_mock.testing import MockServer
from sqlalchemy import MetaData, select
from typer.testing import CliRunner

from tests.feed.conftest import MASTODON_TOKEN, BlueskyAccount, XAccount, write_config
from tests.feed.helpers import add_event
from tweetathon.auth.users import add_user
from tweetathon.cli import app
from tweetathon.store.schema import posts
from tweetathon.store.store import Store
from tweetathon.store.writer import decompress


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["feed", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


USERS = {"alice": "editor", "bob": "editor", "olive": "organiser", "vic": "viewer", "a": "editor"}


def _db(tmp_path: Path) -> str:
    """A database with the event and the console accounts the commands act as."""
    db = f"sqlite:///{tmp_path / 'feed.db'}"
    with Store.open(db) as store:
        add_event(store)
        for name, role in USERS.items():
            add_user(store, name, "a long enough password", role, actor="test")
    return db


def test_the_whole_flow_with_clear_refusals(tmp_path: Path, runner: CliRunner, mastodon: MockServer) -> None:
    db = _db(tmp_path)
    config = write_config(tmp_path / "feed.toml", None, mastodon.base_url, None)
    text = "Shoplifter detained at 14 Market Street, witnesses call 07700 900123."
    code, out, _ = run(runner, "draft", "gmp24", "--text", text, "--as", "alice", "--to", "masto", "--db", db,
                       "--json")
    assert code == 0
    draft = orjson.loads(out)
    assert draft["text"] == f"#gmp24 1: {text}"
    assert {f["text"] for f in draft["unresolved"]} == {"14 Market Street", "07700 900123"}

    code, _, err = run(runner, "publish", "gmp24", "1", "--as", "alice", "--config", str(config), "--db", db)
    assert code == 2 and "cannot be published" in err and "14 Market Street" in err and "Traceback" not in err
    code, out, _ = run(runner, "check", "gmp24", "1", "--as", "alice", "--db", db, "--json", "--text",
                       "Shoplifter detained on Market Street, witnesses call 07700 900123.")
    assert [f["text"] for f in orjson.loads(out)["unresolved"]] == ["07700 900123"]
    code, _, _ = run(runner, "override", "gmp24", "1", "--finding", "07700 900123", "--reason",
                     "the shop's published number", "--as", "alice", "--db", db)
    assert code == 0
    code, _, err = run(runner, "approve", "gmp24", "1", "--as", "alice", "--db", db)
    assert code == 2 and "a second person must approve" in err
    code, _, err = run(runner, "approve", "gmp24", "1", "--as", "vic", "--db", db)
    assert code == 2 and "only an editor or an organiser" in err
    assert run(runner, "approve", "gmp24", "1", "--as", "olive", "--db", db)[0] == 0
    code, out, _ = run(runner, "publish", "gmp24", "1", "--as", "alice", "--config", str(config), "--db", db,
                       "--json")
    assert code == 0
    [sent] = orjson.loads(out)
    assert (sent["account"], sent["result"]) == ("masto", "published")

    code, out, _ = run(runner, "list", "gmp24", "--db", db, "--json")
    [listed] = orjson.loads(out)
    assert listed["status"] == "published" and listed["published"][0]["id"] == sent["id"]
    code, out, _ = run(runner, "log", "gmp24", "1", "--db", db, "--json")
    actions = [(e["actor"], e["action"]) for e in orjson.loads(out)]
    assert ("alice", "overridden") in actions and ("olive", "approved") in actions
    assert actions[-2:] == [("tweetathon", "published"), ("tweetathon", "done")]


def test_a_scheduled_post_waits_until_its_time_and_run_sends_it(tmp_path: Path, runner: CliRunner,
                                                               mastodon: MockServer) -> None:
    db = _db(tmp_path)
    config = write_config(tmp_path / "feed.toml", None, mastodon.base_url, None)
    run(runner, "draft", "gmp24", "--text", "Road reopened.", "--as", "alice", "--to", "masto", "--db", db)
    soon = (datetime.now(UTC) + timedelta(seconds=3)).isoformat()
    code, out, _ = run(runner, "publish", "gmp24", "1", "--as", "alice", "--at", soon, "--config", str(config),
                       "--db", db)
    assert code == 0 and "scheduled for" in out
    code, out, _ = run(runner, "run", "gmp24", "--config", str(config), "--db", db, "--json")
    assert orjson.loads(out) == []  # not yet due
    time.sleep(3.2)
    code, out, _ = run(runner, "run", "gmp24", "--config", str(config), "--db", db, "--json")
    assert [r["result"] for r in orjson.loads(out)] == ["published"]
    code, out, _ = run(runner, "publish", "gmp24", "1", "--as", "alice", "--at", "tomorrow", "--config",
                       str(config), "--db", db)
    assert code == 0 and "already published: nothing sent" in out
    code, out, _ = run(runner, "run", "gmp24", "--config", str(config), "--db", db, "--json")
    assert orjson.loads(out) == []


@pytest.mark.parametrize(("args", "message"), [
    (["draft", "nope", "--text", "x", "--as", "a"], "no event 'nope'"),
    (["draft", "gmp24", "--text", "  ", "--as", "a"], "the post is empty"),
    (["draft", "gmp24", "--text", "x", "--as", "mallory"], "no console account 'mallory'"),
    (["draft", "gmp24", "--text", "x", "--as", "vic"], "vic is a viewer"),
    (["check", "gmp24", "1", "--text", "x"], "editing a post needs --as NAME"),
    (["approve", "gmp24", "7", "--as", "b"], "has no post number 7"),
    (["template", "gmp24", "#gmp24 live"], "has no {n}"),
    (["draft", "gmp24", "--text", "x", "--as", "a", "--photo", "/nonexistent.jpg", "--alt", "a"],
     "/nonexistent.jpg: no such photo"),
    (["draft", "gmp24", "--text", "x", "--as", "a", "--photo", __file__, "--alt", "a"], "not an image"),
])
def test_user_errors_are_messages_not_tracebacks(tmp_path: Path, runner: CliRunner, args: list[str],
                                                 message: str) -> None:
    code, _, err = run(runner, *args, "--db", _db(tmp_path))
    assert code == 2 and message in err and "Traceback" not in err


def test_a_broken_accounts_file_names_the_file_and_the_key(tmp_path: Path, runner: CliRunner) -> None:
    db = _db(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text('[feed.accounts.gmp]\nplatform = "myspace"\ntoken = "t"\n')
    run(runner, "draft", "gmp24", "--text", "hello", "--as", "a", "--db", db)
    code, _, err = run(runner, "publish", "gmp24", "1", "--as", "a", "--config", str(bad), "--db", db)
    assert code == 2 and str(bad) in err and "[feed.accounts.gmp] platform must be x, mastodon or bluesky" in err
    bad.write_text('[feed.accounts.gmp]\nplatform = "x"\n')
    code, _, err = run(runner, "publish", "gmp24", "1", "--as", "a", "--config", str(bad), "--db", db)
    assert "TWEETATHON_FEED_GMP_TOKEN" in err


def _database_text(db: str) -> str:
    """Every value of every table, as text, raw payloads decompressed, and the database file's bytes."""
    with Store.open(db) as store:
        meta = MetaData()
        meta.reflect(store.engine)
        with store.engine.connect() as conn:
            rows: list[Any] = [list(conn.execute(select(t))) for t in meta.sorted_tables]
            raws = [decompress(r) for r in conn.execute(select(posts.c.raw)).scalars()]
        path = store.sqlite_path
    assert path and any(raws)
    return repr(rows) + repr(raws) + Path(path).read_bytes().decode("latin-1")


@pytest.mark.slow
def test_posting_credentials_never_appear_in_output_logs_or_the_database(
        tmp_path: Path, runner: CliRunner, mastodon: MockServer, x_account: XAccount,
        bluesky_account: BlueskyAccount, caplog: pytest.LogCaptureFixture) -> None:
    db = _db(tmp_path)
    config = write_config(tmp_path / "feed.toml", x_account, mastodon.base_url, bluesky_account,
                          secrets_in_file=False)
    env = {"TWEETATHON_FEED_X_TOKEN": x_account.world.token, "TWEETATHON_FEED_MASTO_TOKEN": MASTODON_TOKEN,
           "TWEETATHON_FEED_BSKY_PASSWORD": bluesky_account.password}
    secrets = list(env.values())
    caplog.set_level(logging.DEBUG)
    outputs = []
    for n, args in enumerate([
            ["draft", "gmp24", "--text", "Cordon lifted.", "--as", "a", "--to", "x", "--to", "masto", "--to", "bsky"],
            ["publish", "gmp24", "1", "--as", "a", "--config", str(config)],
            ["delete", "gmp24", "1", "--reason", "test", "--as", "a", "--config", str(config)]]):
        code, out, err = run(runner, *args, "--db", db, env=env)
        assert code == 0, (n, err)
        outputs += [out, err]
    # a refused token: the platform's error is shown, the token is not
    env["TWEETATHON_FEED_X_TOKEN"] = "wrong-" + x_account.world.token
    run(runner, "draft", "gmp24", "--text", "Second.", "--as", "a", "--to", "x", "--db", db)
    code, out, err = run(runner, "publish", "gmp24", "2", "--as", "a", "--config", str(config), "--db", db, env=env)
    assert "401" in out and code == 0
    outputs += [out, err]
    secrets.append(env["TWEETATHON_FEED_X_TOKEN"])
    assert any("HTTP Request" in r.getMessage() for r in caplog.records)  # httpx did log its requests
    stored = _database_text(db)
    for secret in secrets:
        assert all(secret not in text for text in outputs)
        assert secret not in caplog.text
        assert secret not in stored
    assert "gmp24" in stored  # the database was read
