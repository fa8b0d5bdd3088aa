"""The live dashboard over HTTP, on SQLite and PostgreSQL: the page without JavaScript shows the figures of
`tweetathon figures --json` and reloads itself; the wall display has no controls; the organiser's page and
stream need a signed-in user; one computation per change reaches every one of many viewers; `Last-Event-ID`
resumes without a gap."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import httpx
import orjson
import pytest
from fastapi.testclient import TestClient

from tests.live.sim import Simulated, figures_json, import_files, organise
from tests.web.conftest import BACKENDS, LiveServer, make_app, module_store, start_server, stop_server
from tweetathon.analysis import event_scope
from tweetathon.model import Post

VIEWERS = 40


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           simulated: Simulated) -> Iterator[LiveServer]:
    store = module_store(request, tmp_path_factory)
    organise(store.url, simulated)
    import_files(store.url, simulated.part(1))
    running = start_server(make_app(store), store)
    yield running
    stop_server(running)
    store.close()


def value(html: str, key: str) -> int:
    found = re.search(rf'data-key="{key}" data-value="(\d+)"', html)
    assert found, key
    return int(found.group(1))


def test_page_without_javascript_shows_the_figures_and_reloads_itself(served: LiveServer,
                                                                       simulated: Simulated) -> None:
    cli = figures_json(served.store.url, simulated.slug)
    html = httpx.get(f"{served.url}/events/{simulated.slug}/live").text
    assert re.search(r'<noscript><meta http-equiv="refresh" content="\d+"></noscript>', html)
    assert value(html, "posts") == cli["posts"]["total"] > 0
    assert value(html, "participants_posted") == cli["participants"]["participants_posted"]
    assert value(html, "public_accounts") == cli["participants"]["public_accounts"]
    assert value(html, "languages") == cli["languages"]["count"]
    assert value(html, "countries") == cli["countries"]["count"]
    assert value(html, "potential_reach") == cli["potential_reach"]["total"]
    chart = html.split('id="hours-chart"', 1)[1].split("</svg>", 1)[0]
    assert chart.count("<rect ") == len(cli["posts_per_hour"])
    assert [int(n) for n in re.findall(r": (\d+) posts</title>", chart)] == list(cli["posts_per_hour"].values())
    assert "questions waiting" not in html.lower()  # the queue is for organisers
    drawing = httpx.get(f"{served.url}/events/{simulated.slug}/live/map.svg")
    assert drawing.headers["content-type"] == "image/svg+xml"
    assert drawing.text.count('<circle class="participant ') == cli["participants"]["participants_posted"]


def test_wall_display_has_no_controls(served: LiveServer, simulated: Simulated) -> None:
    html = httpx.get(f"{served.url}/events/{simulated.slug}/live?wall=1").text
    assert '<body class="wall">' in html
    assert "<form" not in html and "<nav" not in html and "<input" not in html
    assert value(html, "posts") > 0


def test_unknown_event_and_anonymous_organiser_are_refused(served: LiveServer, simulated: Simulated) -> None:
    with TestClient(make_app(served.store), base_url="http://127.0.0.1") as client:
        assert client.get("/events/nope/live").status_code == 404
        assert client.get("/events/nope/live/stream").status_code == 404
        for path in (f"/admin/events/{simulated.slug}/live", f"/admin/events/{simulated.slug}/live/stream"):
            refused = client.get(path, follow_redirects=False)
            assert refused.status_code == 303 and "/login" in refused.headers["location"]


LINES: dict[int, AsyncIterator[str]] = {}


async def next_event(response: httpx.Response, timeout: float) -> tuple[str, dict[str, object]]:
    """The next `state` event of an open stream: (id, data)."""
    found: dict[str, str] = {}
    iterator = LINES.setdefault(id(response), response.aiter_lines())
    while True:
        line = await asyncio.wait_for(anext(iterator), timeout)
        if not line and "data" in found:
            return found["id"], orjson.loads(found["data"])
        if ":" in line and not line.startswith(":"):
            name, _, rest = line.partition(":")
            found[name] = rest.strip()


def marked(served: LiveServer, slug: str, n: int) -> Post:
    newest = event_scope(served.store, slug).event_posts[-1]
    return Post(platform="x", post_id=f"8{int(time.time() * 1000)}{n}", author_id="5151", author_handle="viewer_q",
                created_at=newest.created_at + timedelta(seconds=1), text=f"fan-out {n} #poltwt", hashtags=("poltwt",))


async def watch_all(served: LiveServer, slug: str) -> tuple[set[str], list[int], int]:
    """Open VIEWERS streams, write one post, and return the ids of the events received after it, the posts
    counter each viewer saw, and how many computations the server made meanwhile."""
    hub_of = served.server.config.app.state  # type: ignore[attr-defined]
    limits = httpx.Limits(max_connections=VIEWERS + 5)
    async with httpx.AsyncClient(base_url=served.url, timeout=30, limits=limits) as client:
        streams = [client.stream("GET", f"/events/{slug}/live/stream") for _ in range(VIEWERS)]
        opened = [await s.__aenter__() for s in streams]
        first = await asyncio.gather(*(next_event(r, 30) for r in opened))
        before = hub_of.live.source.computations
        served.store.write_batch([marked(served, slug, 1)])
        after = await asyncio.gather(*(next_event(r, 10) for r in opened))
        made = hub_of.live.source.computations - before
        for s in streams:
            await s.__aexit__(None, None, None)
    assert {i for i, _ in first} != {i for i, _ in after}
    return {i for i, _ in after}, [int(d["counters"]["posts"]) for _, d in after], made  # type: ignore[index]


def test_one_computation_reaches_every_viewer(served: LiveServer, simulated: Simulated) -> None:
    before = figures_json(served.store.url, simulated.slug)["posts"]["total"]
    ids, counted, made = asyncio.run(watch_all(served, simulated.slug))
    assert len(ids) == 1  # the same update for everyone
    assert counted == [before + 1] * VIEWERS
    assert 1 <= made <= 2  # one per change (a second only if the minute turned meanwhile)


async def resume(served: LiveServer, slug: str) -> tuple[str, str, bool]:
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as client:
        async with client.stream("GET", f"/events/{slug}/live/stream") as first:
            current, _ = await next_event(first, 30)
        async with client.stream("GET", f"/events/{slug}/live/stream",
                                 headers={"Last-Event-ID": current}) as same:
            try:
                await next_event(same, 1.5)
                repeated = True
            except TimeoutError:
                repeated = False
        async with client.stream("GET", f"/events/{slug}/live/stream",
                                 headers={"Last-Event-ID": "stale.1"}) as stale:
            caught_up, _ = await next_event(stale, 5)
    return current, caught_up, repeated


def test_last_event_id_resumes_without_a_gap_or_a_repeat(served: LiveServer, simulated: Simulated) -> None:
    current, caught_up, repeated = asyncio.run(resume(served, simulated.slug))
    assert not repeated  # a viewer that has the latest update waits for the next one
    assert caught_up == current  # a viewer that missed updates gets the current snapshot at once
