"""Offline translation with Debian's real Apertium (installed by `make test`), stored beside the posts with the
backend named; a language without a backend says so."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tweetathon.cli import app
from tweetathon.enrich.translate.apertium import Apertium, parse_modes
from tweetathon.model import Event, Post
from tweetathon.store.organise import create_event
from tweetathon.store.schema import post_translations, posts
from tweetathon.store.store import Store

T0 = datetime(2013, 3, 22, 9, tzinfo=UTC)
runner = CliRunner()


def test_modes_are_read_as_iso_pairs_without_variants() -> None:
    assert parse_modes("spa-eng\nspa-eng_US\neu-en\nisl-eng\neng-cat_valencia\n") == {
        ("es", "en"): "spa-eng", ("eu", "en"): "eu-en", ("is", "en"): "isl-eng"}


def test_debian_apertium_translates_its_pairs_into_english() -> None:
    apertium = Apertium()
    assert {("es", "en"), ("ca", "en"), ("is", "en"), ("eu", "en"), ("gl", "en")} <= apertium.pairs()
    found = apertium.translate(["Buscamos testigos del robo de una bicicleta.", "Gracias a todos.\nHasta pronto"],
                               "es", "en")
    assert len(found) == 2 and "witnesses" in found[0] and "bicycle" in found[0]
    assert found[1].lower().startswith("thanks") and "\n" not in found[1]  # one line per text
    assert "police" in Apertium().translate(["Bon dia, la policia patrulla avui."], "ca", "en")[0].lower()


@pytest.mark.postgres
def test_translate_stores_beside_posts_and_names_the_backend(store: Store, db_url: str) -> None:
    create_event(store, Event("poltwt", "#poltwt", ("poltwt",), start=T0, end=T0.replace(hour=23)))
    texts = {"1": ("es", "Buscamos testigos del robo de una bicicleta junto a la estación #poltwt"),
             "2": ("et", "Politsei otsib tunnistajaid, palun helistage meile #poltwt"),
             "3": ("en", "Good morning from the early shift #poltwt")}
    store.write_batch([Post("x", i, T0, "1", "a", t, lang=lang, hashtags=("poltwt",), source_format="test")
                       for i, (lang, t) in texts.items()])
    with store.engine.begin() as conn:  # languages as detection stored them
        for i, (lang, _) in texts.items():
            conn.execute(posts.update().where(posts.c.post_id == i).values(lang_detected=lang))
    result = runner.invoke(app, ["translate", "--event", "poltwt", "--db", db_url, "--json"])
    assert result.exit_code == 0, result.output
    out = orjson.loads(result.stdout)
    assert out == {"translated": {"es": {"posts": 1, "backend": "machine translation (Apertium es→en)"}},
                   "no_backend": {"et": 1}}
    with store.engine.connect() as conn:
        rows = list(conn.execute(select(post_translations)))
    assert [(r.post_id, r.target, r.source_lang) for r in rows] == [("1", "en", "es")]
    assert "witnesses" in rows[0].text and rows[0].backend == "machine translation (Apertium es→en)"
    again = orjson.loads(runner.invoke(app, ["translate", "--event", "poltwt", "--db", db_url, "--json"]).stdout)
    assert again["translated"]["es"]["posts"] == 0  # already translated: kept, not redone
    text = runner.invoke(app, ["translate", "--event", "poltwt", "--db", db_url]).stdout
    assert "et: no translation backend for et→en" in text


def test_argos_without_the_package_is_a_clear_message(tmp_path: Path) -> None:
    result = runner.invoke(app, ["translate", "--event", "x", "--argos-model", str(tmp_path / "m.argosmodel"),
                                 "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 2
    assert "Argos Translate is not installed" in result.stderr or "no such .argosmodel file" in result.stderr
