"""Purposes and themes: measured on the held-out part of the shipped labelled set, deterministic, reproducible,
and usable from the command line and on an event's stored posts."""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from sklearn.metrics import f1_score
from sqlalchemy import select
from typer.testing import CliRunner

from tweetathon.cli import app
from tweetathon.enrich.themes.catalog import load_event_themes
from tweetathon.enrich.themes.classify import classify
from tweetathon.enrich.themes.labelled import SHIPPED_SET, read_examples
from tweetathon.enrich.themes.model import save, train
from tweetathon.enrich.themes.model_file import SHIPPED, load
from tweetathon.model import Event, Post
from tweetathon.store.organise import create_event
from tweetathon.store.schema import post_themes
from tweetathon.store.store import Store

runner = CliRunner()
T0 = datetime(2013, 3, 22, 9, tzinfo=UTC)


def test_purpose_macro_f1_on_the_held_out_set_is_at_least_0_80() -> None:
    held_out = read_examples(SHIPPED_SET, split="heldout")
    assert len(held_out) >= 60  # a fifth of the set, never trained or tuned on
    found = classify([e.text for e in held_out], load())
    score = f1_score([e.purpose for e in held_out], [f.purpose for f in found], average="macro")
    assert score >= 0.80, score


def test_every_theme_is_found_in_the_held_out_set_more_often_than_not() -> None:
    held_out = read_examples(SHIPPED_SET, split="heldout")
    found = classify([e.text for e in held_out], load())
    names = {t for e in held_out for t in e.themes or ()}
    labelled = sum(len(e.themes or ()) for e in held_out)
    hits = sum(len(set(e.themes or ()) & set(f.theme_ids())) for e, f in zip(held_out, found, strict=True))
    assert len(names) == 12 and hits / labelled >= 0.75, hits / labelled


def test_training_is_deterministic_and_rebuilds_the_shipped_model(tmp_path: Path) -> None:
    examples = read_examples(SHIPPED_SET, split="train")
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    save(train(examples), first)
    save(train(examples), second)
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (first, second, SHIPPED)]
    assert digest[0] == digest[1] == digest[2]  # scripts/build_themes_model.py writes the shipped file
    texts = [e.text for e in read_examples(SHIPPED_SET, split="heldout")]
    assert classify(texts, load(first)) == classify(texts, load(second))


def test_each_label_keeps_why() -> None:
    [found] = classify(["MISSING: have you seen 12-year-old Amy? Last seen near the park. Call 101."], load())
    assert found.purpose == "appeal" and found.purpose_why.startswith("model: terms")
    why = {t.theme: t.why for t in found.themes}
    assert why["missing_person"] == 'keyword "missing"'


def test_event_themes_from_yaml_add_their_own_theme(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text("themes:\n  - name: How police use social media\n    keywords: [social media, online]\n"
                    "    examples: ['Why do you think police forces should be on Twitter and Mastodon']\n")
    own = load_event_themes(path)
    texts = ["We love talking to residents on social media", "Do police forces belong on Twitter and Mastodon",
             "Road closed after a collision on the A34"]
    found = [f.theme_ids() for f in classify(texts, load(), own)]
    assert "how police use social media" in found[0] and "how police use social media" in found[1]
    assert "how police use social media" not in found[2]


def _lines(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_cli_classify_writes_one_json_line_per_input(tmp_path: Path) -> None:
    src = _lines(tmp_path / "in.jsonl", [{"id": "a", "text": "Meet PD Bruno, our newest police dog!"},
                                          {"id": 7, "text": "Beware of a new text message scam from your bank."}])
    result = runner.invoke(app, ["themes", "classify", str(src), "--json"])
    assert result.exit_code == 0, result.output
    out = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    assert "police_animals" in out[0]["themes"] and out[0]["purpose"] == "engage"
    assert "cyber_fraud" in out[1]["themes"] and out[1]["purpose"] == "inform"


def test_cli_train_makes_a_model_classify_uses(tmp_path: Path) -> None:
    rows = [{"text": f"Cake sale at the station number {n}", "purpose": "engage", "themes": ["cake"]} for n in
            range(4)] + [{"text": f"Burglary reported on street {n}", "purpose": "inform", "themes": []} for n in
                         range(4)]
    src, model = _lines(tmp_path / "mine.jsonl", rows), tmp_path / "mine.model"
    assert runner.invoke(app, ["themes", "train", str(src), "--out", str(model)]).exit_code == 0
    probe = _lines(tmp_path / "probe.jsonl", [{"id": 1, "text": "Cake sale at the station today"}])
    result = runner.invoke(app, ["themes", "classify", str(probe), "--json", "--model", str(model)])
    assert orjson.loads(result.stdout)["themes"] == ["cake"]
    with gzip.open(model) as handle:  # plain JSON: loading a model runs no code from it
        assert json.load(handle)["format"].startswith("tweetathon-themes-model")


def test_cli_errors_name_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok", "purpose": "engage"}\n{"text": "x", "purpose": "chat"}\n', encoding="utf-8")
    result = runner.invoke(app, ["themes", "train", str(bad), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and f"{bad}:2" in result.stderr and "inform, engage, appeal" in result.stderr
    result = runner.invoke(app, ["themes", "classify", str(bad), "--model", str(bad)])
    assert result.exit_code == 2 and "not a tweetathon themes model" in result.stderr


@pytest.mark.postgres
def test_apply_stores_purpose_and_themes_per_post(store: Store, db_url: str) -> None:
    create_event(store, Event("poltwt", "#poltwt", ("poltwt",), start=T0, end=T0.replace(hour=23)))
    store.write_batch([
        Post("x", "1", T0, "1", "a", "Meet our police horses in the park today #poltwt", hashtags=("poltwt",),
             source_format="test"),
        Post("x", "2", T0, "1", "a", "Witness appeal: did you see the collision on Station Road? #poltwt",
             hashtags=("poltwt",), source_format="test"),
        Post("x", "3", T0, "2", "b", "RT Meet our police horses #poltwt", kind="repost", hashtags=("poltwt",),
             source_format="test"),
    ])
    result = runner.invoke(app, ["themes", "apply", "--event", "poltwt", "--db", db_url])
    assert result.exit_code == 0, result.output
    with store.engine.connect() as conn:
        rows = {r.post_id: r for r in conn.execute(select(post_themes))}
    assert set(rows) == {"1", "2"}  # reposts carry someone else's words
    assert rows["2"].purpose == "appeal" and "appeal" in rows["2"].themes
    assert "police_animals" in rows["1"].themes and rows["1"].model == "shipped"
