"""The report's "What was said": posts by purpose and theme with examples, residents' feedback with its sample
(the public pseudonymised), and translations of top posts, from what the commands stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from typer.testing import CliRunner

from tests.analysis.test_feedback import T0, _event
from tweetathon.cli import app
from tweetathon.model import Metrics, Post
from tweetathon.reports.impact import build_report
from tweetathon.reports.render_impact import render_html
from tweetathon.store.store import Store

runner = CliRunner()


def test_no_section_when_nothing_was_stored(store: Store) -> None:
    _event(store)
    assert build_report(store, "poltwt", detect=False).content is None
    assert "What was said" not in render_html(build_report(store, "poltwt", detect=False))


@pytest.mark.postgres
def test_report_shows_themes_feedback_and_translations(store: Store, db_url: str) -> None:
    _event(store)
    store.write_batch([Post("x", "2", T0 + timedelta(minutes=5), "100", "gmp",
                            "Buscamos testigos del robo de una bicicleta junto a la estación #poltwt", lang="es",
                            hashtags=("poltwt",), metrics=Metrics(likes=500), source_format="test")])
    for args in (["themes", "apply"], ["feedback"], ["translate"]):
        result = runner.invoke(app, [*args, "--event", "poltwt", "--db", db_url])
        assert result.exit_code == 0, result.output
    report = build_report(store, "poltwt")
    assert report.content is not None and report.content.themes is not None
    themes = report.content.themes
    assert themes["posts"] == 2 and themes["purposes"].get("appeal") == 1
    assert sum(themes["per_country"]["GB"].values()) == 2  # the participant's country
    assert sum(sum(h.values()) for h in themes["per_hour"].values()) == 2
    html = render_html(report)
    assert "What was said" in html and ("Residents&#39; feedback" in html or "Residents' feedback" in html)
    assert "appeal" in html and "Buscamos testigos" in html  # the theme's example
    assert "machine translation (Apertium es→en)" in html and "witnesses" in html
    assert "A random sample of positive replies" in html and "A random sample of negative replies" in html
    section = html.split('id="what-was-said"')[1].split("</section>")[0]
    assert "Resident " in section  # the public's sample under the event's pseudonyms (the default)
    assert not any(f"user{n}" in section for n in range(8))  # no member of the public named
    assert "@gmp" in section  # participants stay named
    assert "1 flagged for a person to review" in html
