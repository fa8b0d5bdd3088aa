"""The map page in headless Chromium (every participant, hover title, no request to any other host); the SVG,
PNG and GeoJSON; the official list; the follow-the-sun schedule."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tweetathon.cli import app

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

CSV = """platform,handle,agency,role,address,city,country,status
x,gmpolice,Greater Manchester Police,agency,,Manchester,GB,approved
x,nzpolice,New Zealand Police,agency,,Wellington,NZ,approved
x,sgt_smith,Sgt Smith <b>&amp;</b>,officer,,Cardiff,GB,approved
mastodon,polizei@social.example,Polizei Berlin,staff,,Berlin,DE,approved
bluesky,politie.bsky.social,Politie Amsterdam,other,,Amsterdam,NL,approved
x,vpd,Vancouver Police,agency,,Vancouver,CA,approved
x,kenyapolice,National Police Service,agency,,Nairobi,KE,approved
x,pending1,Not yet approved,agency,,Leeds,GB,pending
"""
APPROVED = 7


@pytest.fixture
def db(runner: CliRunner, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 't.db'}"
    result = runner.invoke(app, ["event", "create", "poltwt", "--name", "Global Police Tweet-a-thon", "--hashtag",
                                 "poltwt", "--local-start", "08:00", "--duration", "24h", "--date", "2013-03-22",
                                 "--zone", "Europe/London", "--db", url])
    assert result.exit_code == 0, result.stderr
    (tmp_path / "p.csv").write_text(CSV)
    result = runner.invoke(app, ["participants", "import", str(tmp_path / "p.csv"), "--event", "poltwt", "--db", url])
    assert result.exit_code == 0, result.stderr
    return url


@pytest.mark.browser
def test_map_page_offline_in_chromium(runner: CliRunner, db: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    page_path, svg, png, geo = (tmp_path / n for n in ("map.html", "map.svg", "map.png", "map.geojson"))
    result = runner.invoke(app, ["map", "poltwt", "--out", str(page_path), "--svg", str(svg), "--png", str(png),
                                 "--geojson", str(geo), "--db", db])
    assert result.exit_code == 0, result.stderr
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else route.abort())
        page.goto(page_path.as_uri())
        points = page.locator("svg circle.participant")
        assert points.count() == APPROVED
        officer = page.locator('circle[data-account="x:sgt_smith"]')
        assert officer.locator("title").text_content() == \
            "Sgt Smith <b>&amp;</b> — @sgt_smith (x, officer) · Cardiff, United Kingdom"
        officer.hover()
        assert page.locator("svg path.country").count() > 150
        assert page.locator("table tbody tr").count() == APPROVED
        assert "Leeds" not in page.locator("table").inner_text()  # pending: not on the official map
        legend = page.locator("svg .legend text").all_text_contents()
        assert legend == ["agency (4)", "officer (1)", "staff (1)", "other (1)"]
        browser.close()
    assert [u for u in requests if not u.startswith("file:")] == []
    assert svg.read_text().count("<circle class=\"participant") == APPROVED
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    features = json.loads(geo.read_text())["features"]
    assert len(features) == APPROVED
    nz = next(f for f in features if f["properties"]["handle"] == "nzpolice")
    assert nz["geometry"]["coordinates"][0] == pytest.approx(174.78, abs=0.05)


def test_official_list_csv_and_json(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["list", "poltwt", "--format", "csv", "--db", db])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == APPROVED and "pending1" not in result.stdout
    nz = next(r for r in rows if r["handle"] == "nzpolice")
    assert (nz["zone"], nz["starts_utc"], nz["url"]) == ("Pacific/Auckland", "2013-03-21T19:00:00Z",
                                                        "https://x.com/nzpolice")
    result = runner.invoke(app, ["list", "poltwt", "--format", "json", "--db", db])
    document = json.loads(result.stdout)
    assert document["participants"] == APPROVED and document["countries"] == ["CA", "DE", "GB", "KE", "NL", "NZ"]


def test_schedule_follows_the_sun(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["schedule", "poltwt", "--json", "--db", db])
    plan = json.loads(result.stdout)
    starts = [(s["starts_utc"], s["zones"], s["count"]) for s in plan["slots"]]
    assert starts == [("2013-03-21T19:00:00Z", ["Pacific/Auckland"], 1),  # NZDT +13
                      ("2013-03-22T05:00:00Z", ["Africa/Nairobi"], 1),    # EAT +3
                      ("2013-03-22T07:00:00Z", ["Europe/Amsterdam", "Europe/Berlin"], 2),  # CET +1
                      ("2013-03-22T08:00:00Z", ["Europe/London"], 2),     # GMT
                      ("2013-03-22T15:00:00Z", ["America/Vancouver"], 1)]  # PDT -7
    assert plan["event_window"] == {"start": "2013-03-21T19:00:00Z", "end": "2013-03-23T15:00:00Z"}
    result = runner.invoke(app, ["schedule", "poltwt", "--zone", "Pacific/Auckland", "--json", "--db", db])
    assert json.loads(result.stdout)["slots"][0]["starts_display"] == "2013-03-22T08:00:00+13:00"
