"""Mastodon threads through the real importer and `tweetathon transcript`: replies nest under the posts they
reply to, compared with `in_reply_to_id` read straight from the raw JSON.

The recorded thread (`mastodon/test_status_context.yaml`, Mastodon.py's cassette) holds one status and its
context, whose `ancestors` and `descendants` are both empty, so on its own it can only show that a lone status
is a root. `test_entity_quote.yaml` adds a real reply whose parent was never captured. The third test grows a
thread from the recorded status (same objects, new ids, replies to replies) to check nesting at depth.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from tests.conftest import require_fixtures
from tests.reports.transcript_chat import read_structure
from tweetathon.cli import app


def bodies(name: str, methods: tuple[str, ...] = ("GET", "POST", "DELETE")) -> list[Any]:
    """The JSON response bodies of a vcr cassette (these cassettes keep bodies as plain strings), for the
    requests made with `methods`."""
    cassette = yaml.safe_load(require_fixtures("mastodon", name).read_text(encoding="utf-8"))
    texts = [i["response"]["body"]["string"] for i in cassette["interactions"] if i["request"]["method"] in methods]
    return [json.loads(t) for t in texts if t and t.strip()]


def statuses(value: Any) -> list[dict[str, Any]]:
    """Top-level statuses in a body, found by hand: objects with id, content and account (contexts opened)."""
    if isinstance(value, list):
        return [s for v in value for s in statuses(v)]
    if isinstance(value, dict) and ("ancestors" in value or "descendants" in value):
        return [*value.get("ancestors", []), *value.get("descendants", [])]
    if isinstance(value, dict) and {"id", "content", "account"} <= set(value):
        return [value]
    return []


def transcript_of(tmp_path: Path, runner: CliRunner, values: list[Any]) -> str:
    jsonl = tmp_path / "thread.jsonl"
    jsonl.write_text("".join(json.dumps(v) + "\n" for v in values), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    result = runner.invoke(app, ["import", str(jsonl), "--event", "thread", "--format", "mastodon", "--db", db])
    assert result.exit_code == 0, result.output
    out = tmp_path / "thread.html"
    result = runner.invoke(app, ["transcript", "thread", "--from", "2020-01-01T00:00Z", "--to", "2030-01-01T00:00Z",
                                 "--zone", "UTC", "--name-public", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def check_nesting(page: str, raw: list[dict[str, Any]]) -> None:
    found = read_structure(page)
    ids = {s["id"] for s in raw}
    assert set(found.nested_in) == ids
    for status in raw:
        parent = status.get("in_reply_to_id")
        assert found.nested_in[status["id"]] == (parent if parent in ids else None), status["id"]
        if parent and parent not in ids:
            article = page.split(f'data-post="mastodon:{status["id"]}"', 1)[1].split("</div>", 1)[0]
            assert "in reply to a post not in this transcript" in article


def test_recorded_thread_context(tmp_path: Path, runner: CliRunner) -> None:
    """As captured before the test deleted its status: the status and its (empty) context."""
    values = bodies("test_status_context.yaml", ("GET", "POST"))
    raw = {s["id"]: s for v in values for s in statuses(v)}
    assert raw, "the cassette holds statuses"
    page = transcript_of(tmp_path, runner, values)
    check_nesting(page, list(raw.values()))
    root = next(iter(raw.values()))
    assert f'href="{root["url"]}"' in page  # each post links to its original


def test_recorded_deletion_is_honoured(tmp_path: Path, runner: CliRunner) -> None:
    """The whole cassette ends with DELETE of the status: a deleted post never appears in a transcript."""
    values = bodies("test_status_context.yaml")
    page = transcript_of(tmp_path, runner, values)
    assert read_structure(page).nested_in == {}
    assert "Toot!" not in page


def test_recorded_reply_whose_parent_was_not_captured(tmp_path: Path, runner: CliRunner) -> None:
    values = bodies("test_entity_quote.yaml")
    raw = [s for v in values for s in statuses(v)]
    assert any(s["in_reply_to_id"] for s in raw)
    check_nesting(transcript_of(tmp_path, runner, values), raw)


def grown_thread(root: dict[str, Any]) -> list[dict[str, Any]]:
    """The recorded status plus a context of replies built from it: r1 -> root, r2 -> r1, r3 -> root,
    r4 -> r2 (ids, authors and times changed; every other field as recorded)."""
    shape = {"r1": root["id"], "r2": "r1", "r3": root["id"], "r4": "r2"}
    base = int(root["id"])
    ids = {name: str(base + n) for n, name in enumerate(shape, start=1)}
    replies = []
    for n, (name, parent) in enumerate(shape.items(), start=1):
        status = copy.deepcopy(root)
        account = status["account"]
        account["id"] = str(int(account["id"]) + n)
        account["username"] = account["acct"] = f"replier{n}"
        account["url"] = account["url"].rsplit("@", 1)[0] + f"@replier{n}"
        status["id"] = ids[name]
        status["in_reply_to_id"] = ids.get(parent, parent)
        status["in_reply_to_account_id"] = root["account"]["id"]
        status["created_at"] = root["created_at"].replace(":49.", f":{49 + n}.")
        status["url"] = status["url"].rsplit("/", 1)[0] + "/" + ids[name]
        status["content"] = f"<p>reply {name} &lt;b&gt;</p>"
        replies.append(status)
    return [root, {"ancestors": [], "descendants": replies}]


def test_grown_thread_nests_at_depth(tmp_path: Path, runner: CliRunner) -> None:
    root = next(s for v in bodies("test_status_context.yaml", ("POST",)) for s in statuses(v))
    values = grown_thread(root)
    raw = [s for v in values for s in statuses(v)]
    page = transcript_of(tmp_path, runner, values)
    check_nesting(page, raw)
    found = read_structure(page)
    assert [found.nested_in[s["id"]] for s in raw].count(None) == 1
    assert "reply r2 <b>" in found.text_of[raw[2]["id"]]
