"""`tweetathon report` end to end: the HTML in headless Chromium (offline, inert, figures equal to
`tweetathon figures --json`), the PDF rendered to PNG with pdftoppm (non-blank pages), and user errors."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import Browser, Route, sync_playwright
from typer.testing import CliRunner

from tests.reports import impact_scenario as scenario
from tweetathon.cli import app
from tweetathon.reports.impact_compare import lookup
from tweetathon.store.store import Store

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass(frozen=True)
class Built:
    db: str
    html: Path
    pdf: Path
    figures: dict[str, Any]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("impact")
    db = f"sqlite:///{folder / 'tweetathon.db'}"
    store = Store.open(db)
    scenario.build(store)
    store.close()
    runner = CliRunner()
    html, pdf = folder / "report.html", folder / "report.pdf"
    made = runner.invoke(app, ["report", "--event", "spring", "--out", str(html), "--pdf", str(pdf),
                               "--compare", "autumn", "--db", db])
    assert made.exit_code == 0, made.output
    figures = runner.invoke(app, ["figures", "--event", "spring", "--json", "--db", db])
    assert figures.exit_code == 0, figures.output
    return Built(db, html, pdf, json.loads(figures.stdout))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield chromium
        chromium.close()


def _number(text: str) -> int | None:
    return None if text == "not reported" else int(text.replace(",", ""))


def test_report_opens_offline_in_chromium_with_the_figures_of_figures_json(built: Built, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    requests: list[str] = []
    problems: list[str] = []
    dialogs: list[str] = []

    def only_the_file(route: Route) -> None:
        if route.request.url == built.html.as_uri():
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_the_file)
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(built.html.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    cards = page.eval_on_selector_all(
        ".card[data-figure]", "els => els.map(e => [e.dataset.figure, e.querySelector('.value').innerText, "
        "e.querySelector('.value').getBoundingClientRect().height > 0])")
    charts = page.eval_on_selector_all("figure.chart svg", "els => els.map(e => e.getBoundingClientRect().width)")
    scripts = page.evaluate("document.scripts.length")
    body = page.inner_text("body")
    page.close()
    assert requests == [built.html.as_uri()], requests
    assert problems == [] and dialogs == [] and scripts == 0
    assert len(cards) == 10 and all(visible for _, _, visible in cards)
    for path, shown, _ in cards:
        assert _number(shown) == lookup(built.figures, path), path
    assert lookup(built.figures, "posts.total") == scenario.EXPECTED_SPRING["total"]
    assert len(charts) == 6 and all(width > 100 for width in charts)
    assert '<script>alert("x")</script>' in body  # hostile text shown as text
    assert "DELETED-SECRET" not in body


def test_pdf_pages_render_and_are_not_blank(built: Built, tmp_path: Path) -> None:
    assert built.pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(built.pdf), str(tmp_path / "page")], check=True,
                   timeout=120)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 3
    for png in pages:
        with Image.open(png) as image:
            spread = ImageStat.Stat(image.convert("L")).stddev[0]
        assert spread > 5, f"{png.name} looks blank (pixel standard deviation {spread:.1f})"


def test_pdf_carries_the_same_figures_as_the_html(built: Built, tmp_path: Path) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(built.pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=120).stdout
    assert "Impact report: Spring tweet-a-thon 2024" in text
    assert "How each figure is defined" in text
    assert "Change since Autumn tweet-a-thon 2023" in text
    assert "DELETED-SECRET" not in text


@pytest.mark.parametrize(("args", "message"), [
    (["--event", "nope"], "no event 'nope'"),
    (["--event", "spring", "--compare", "nope"], "no event 'nope'"),
    (["--event", "spring", "--zone", "Mars/Olympus"], "unknown time zone"),
    (["--event", "spring", "--compare", "spring"], "same event"),
])
def test_user_errors_are_messages_not_tracebacks(built: Built, tmp_path: Path, args: list[str],
                                                 message: str) -> None:
    result = CliRunner().invoke(app, ["report", *args, "--out", str(tmp_path / "r.html"), "--db", built.db])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "r.html").exists()


def test_out_must_be_a_file_in_an_existing_folder(built: Built, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--event", "spring", "--out", str(tmp_path / "no" / "r.html"),
                                      "--db", built.db])
    assert result.exit_code == 2 and "does not exist" in result.output
