"""The live dashboard in Debian's Chromium, on SQLite and PostgreSQL: `tweetathon import` of a simulated event
runs in another process while the dashboard is open, and the counters and the map end exactly at the imported
truth; a marked post written after that is on screen within 2 s of its commit; a viewer whose connection drops
mid-import resumes (Last-Event-ID) and ends equal to the truth; axe-core finds nothing serious on either page."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Request

from tests.live.proxy import CuttingProxy
from tests.live.sim import Simulated, figures_json, organise
from tests.web.browser import Watch, axe_violations, browser, watched
from tests.web.conftest import BACKENDS, LiveServer, make_app, module_store, start_server, stop_server
from tweetathon.analysis import event_scope
from tweetathon.auth.users import add_user
from tweetathon.model import Post
from tweetathon.store.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser"]
TWEETATHON = str(Path(sys.executable).parent / "tweetathon")
PASSWORD = "a long organiser password"
COUNTERS = ("posts", "originals", "replies", "quotes", "reposts", "participants_posted", "public_accounts",
            "languages", "countries", "potential_reach")


@dataclass
class Dashboard:
    live: LiveServer
    sim: Simulated
    browser: Browser

    @property
    def url(self) -> str:
        return f"{self.live.url}/events/{self.sim.slug}/live"

    def open(self, path: str = "") -> tuple[Page, Watch]:
        page = self.browser.new_page()
        watch = watched(page)
        page.goto(self.url + path)
        page.wait_for_function("() => Number(document.getElementById('live').dataset.updates || 0) >= 1")
        return page, watch


@pytest.fixture(scope="module", params=BACKENDS)
def dashboard(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, browser: Browser,
              simulated: Simulated) -> Iterator[Dashboard]:
    store = module_store(request, tmp_path_factory)
    organise(store.url, simulated)
    add_user(store, "olivia", PASSWORD, "organiser", actor="test")
    running = start_server(make_app(store), store)
    yield Dashboard(running, simulated, browser)
    stop_server(running)
    store.close()


def start_import(store: Store, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([TWEETATHON, "import", str(path), "--db", store.url], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def shown(page: Page) -> dict[str, int]:
    values: dict[str, Any] = page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('#live [data-key][data-value]')]
        .map(n => [n.dataset.key, Number(n.dataset.value)]))""")
    values["lit"] = int(page.evaluate("() => Number(document.getElementById('live-map').dataset.lit)"))
    values["lit_paths"] = int(page.evaluate("() => document.querySelectorAll('path.live-point.lit').length"))
    return values


def expected(store: Store, slug: str) -> dict[str, int]:
    cli = figures_json(store.url, slug)
    posted = cli["participants"]["participants_posted"]
    return {"posts": cli["posts"]["total"], "originals": cli["posts"]["originals"], "replies": cli["posts"]["replies"],
            "quotes": cli["posts"]["quotes"], "reposts": cli["posts"]["reposts"], "participants_posted": posted,
            "public_accounts": cli["participants"]["public_accounts"], "languages": cli["languages"]["count"],
            "countries": cli["countries"]["count"], "potential_reach": cli["potential_reach"]["total"],
            "lit": posted, "lit_paths": posted}


def wait_until_shown(page: Page, want: dict[str, int], seconds: float = 120) -> dict[str, int]:
    deadline = time.monotonic() + seconds
    found = shown(page)
    while time.monotonic() < deadline and {k: found.get(k) for k in want} != want:
        page.wait_for_timeout(200)
        found = shown(page)
    return {k: found.get(k, -1) for k in want}


def finish(process: subprocess.Popen[bytes]) -> None:
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()


def marked_post(store: Store, slug: str, marker: str) -> Post:
    """A new public post carrying the event's hashtag, one second after the newest event post."""
    newest = event_scope(store, slug).event_posts[-1]
    return Post(platform="x", post_id=f"9{int(time.time() * 1000)}",
                created_at=newest.created_at + timedelta(seconds=1), author_id="4242424242",
                author_handle="marker_resident", text=f"{marker} how do I report this? #poltwt", hashtags=("poltwt",))


def test_import_in_another_process_reaches_the_truth_and_a_marked_post_shows_within_2_s(
        dashboard: Dashboard) -> None:
    store, sim = dashboard.live.store, dashboard.sim
    page, watch = dashboard.open()
    assert shown(page)["posts"] == 0
    updates_before = int(page.evaluate("() => Number(document.getElementById('live').dataset.updates)"))
    finish(start_import(store, sim.data))
    want = expected(store, sim.slug)
    assert want["posts"] == sim.truth["figures"]["posts"]["total"]
    assert want["participants_posted"] == sim.truth["figures"]["participants"]["participants_posted"]
    assert wait_until_shown(page, want) == want
    assert int(page.evaluate("() => Number(document.getElementById('live').dataset.updates)")) > updates_before

    marker = f"MARK{int(time.time())}"
    post = marked_post(store, sim.slug, marker)
    store.write_batch([post])
    committed = time.monotonic()
    page.wait_for_function("(m) => document.getElementById('latest').textContent.includes(m)", arg=marker,
                           timeout=10_000, polling="raf")
    delay = time.monotonic() - committed
    assert delay < 2.0, f"{delay:.2f} s from commit to screen"
    assert shown(page)["posts"] == want["posts"] + 1
    assert "marker_resident" not in page.inner_text("#latest")  # the public is pseudonymised
    assert watch.problems() == []
    page.close()


def stream_requests(page: Page) -> list[Request]:
    found: list[Request] = []
    page.on("request", lambda r: found.append(r) if r.url.endswith("/live/stream") else None)
    return found


def test_a_dropped_connection_resumes_and_ends_equal_to_the_truth(dashboard: Dashboard,
                                                                    tmp_path: Path) -> None:
    store, sim = dashboard.live.store, dashboard.sim
    proxy = CuttingProxy(int(dashboard.live.url.rsplit(":", 1)[1]))
    page = dashboard.browser.new_page()
    requests = stream_requests(page)
    page.goto(f"http://127.0.0.1:{proxy.port}/events/{sim.slug}/live")
    page.wait_for_function("() => Number(document.getElementById('live').dataset.updates || 0) >= 1")
    second = tmp_path / "again"
    for path in sorted(sim.data.rglob("*.jsonl")):  # the same posts again under new ids: more to import
        target = second / path.relative_to(sim.data)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text().replace('"id": "', '"id": "7').replace('"id":"', '"id":"7'))
    process = start_import(store, second)
    before = int(page.evaluate("() => Number(document.getElementById('live').dataset.updates)"))
    page.wait_for_function("(n) => Number(document.getElementById('live').dataset.updates) > n", arg=before,
                           timeout=120_000)  # the first update may wait for the language detector to load
    proxy.cut()  # mid-import: the stream and every other open connection drop
    finish(process)
    want = expected(store, sim.slug)
    assert wait_until_shown(page, want) == want
    assert len(requests) >= 2, "the stream was not reconnected"
    resumed = [r.all_headers().get("last-event-id", "") for r in requests[1:]]
    assert all(resumed), "a reconnection did not say where it was"
    page.close()
    proxy.close()


def sign_in(page: Page, base: str) -> None:
    page.goto(base + "/admin")
    page.fill("#name", "olivia")
    page.fill("#password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(base + "/admin")


@pytest.mark.parametrize("wall", ["", "?wall=1"])
def test_both_dashboards_are_axe_clean(dashboard: Dashboard, wall: str) -> None:
    page, watch = dashboard.open(wall)
    assert axe_violations(page) == []
    sign_in(page, dashboard.live.url)
    page.goto(f"{dashboard.live.url}/admin/events/{dashboard.sim.slug}/live{wall}")
    page.wait_for_function("() => Number(document.getElementById('live').dataset.updates || 0) >= 1")
    assert page.locator("#waiting").count() == 1
    assert axe_violations(page) == []
    assert watch.problems() == []
    page.close()
