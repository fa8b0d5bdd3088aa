"""The impact report names participants and pseudonymises the public (top posts, mentions in their text, the
most addressed accounts) by default, and names the public when the event says so; `figures --json` too."""

from __future__ import annotations

import re

import orjson
from typer.testing import CliRunner

from tests.reports import impact_scenario as scenario
from tweetathon.cli import app
from tweetathon.reports.impact import build_report
from tweetathon.reports.render_impact import render_html
from tweetathon.store.privacy import set_privacy
from tweetathon.store.store import Store

PUBLIC = ("dave", "erin", "mallory", "pending")


def page(store: Store) -> str:
    return render_html(build_report(store, "spring", detect=False))


def test_report_pseudonymises_the_public_by_default_and_names_them_when_chosen(store: Store) -> None:
    scenario.build(store)
    html = page(store)
    for who in PUBLIC:
        assert f"@{who}" not in html and f"x:{who}" not in html and f"/{who}/" not in html, who
    residents = set(re.findall(r"Resident [A-Z2-7]{8}", html))
    assert len(residents) >= 3  # mallory, dave, erin, pending are among the top posts
    assert "@gmpolice" in html and "Greater Manchester Police" in html
    top = build_report(store, "spring", detect=False).top_posts
    hidden = [p for p in top if p.pseudonymised]
    assert {p.post_id for p in hidden} >= {"109", "104", "107", "114"}
    assert all(p.url is None and p.profile is None and p.name == "" for p in hidden)
    assert not any(f'data-post="x:{p.post_id}"' in html for p in hidden)  # the id would lead to the author
    assert 'data-post="x:101"' in html  # a participant's post keeps its id
    assert set(re.findall(r"Resident [A-Z2-7]{8}", page(store))) == residents  # the same next time

    set_privacy(store, "spring", pseudonymise_public=False)
    named = page(store)
    assert "Resident " not in named and "@dave" in named and "@mallory" in named


def test_figures_json_hides_the_public_among_the_most_addressed(store: Store, db_url: str) -> None:
    scenario.build(store)
    result = CliRunner().invoke(app, ["figures", "--event", "spring", "--json", "--db", db_url])
    assert result.exit_code == 0, result.output
    addressed = [row["account"] for row in orjson.loads(result.stdout)["network"]["most_addressed"]]
    assert "x:gmpolice" in addressed and "x:dave" not in addressed
    assert any(re.fullmatch(r"Resident [A-Z2-7]{8}", a) for a in addressed)
