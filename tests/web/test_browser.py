"""The public pages in Chromium, on SQLite and PostgreSQL: nothing loads from another host, no console error,
hostile names and posts stay text (no dialog), axe-core finds no serious or critical violation, the map
clusters participants at the same place with their count and works with the keyboard, and times follow the
visitor's own zone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.web import scenario
from tests.web.browser import axe_violations, browser, watched
from tests.web.conftest import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser"]

H = scenario.HOSTILE
# page -> the hostile strings it must show as plain text
PAGES = {"/": (), "/events/poltwt": (H[0], H[2]), "/events/poltwt/map": (H[0], H[2]),
         "/events/poltwt/map?role=officer&country=IS": (), "/events/polchat": (H[3], H[1]),
         "/events/polchat/transcripts/2024-01-04": H, "/events/poltwt/report": (), "/events/nope": ()}


@pytest.mark.parametrize("path", PAGES)
def test_page_is_offline_quiet_inert_and_accessible(live: LiveServer, browser: Browser, path: str) -> None:
    page = browser.new_page()
    watch = watched(page)
    # the first report detects the posts' languages (lingua loads its models): allow it time on a busy machine
    response = page.goto(live.url + path, timeout=180_000)
    assert response is not None and response.status == (404 if path.endswith("nope") else 200)
    page.wait_for_load_state("networkidle")
    shown = page.locator("body").inner_text()
    assert [text for text in PAGES[path] if text not in shown] == []  # shown as text, not run
    if path.endswith("nope"):  # the browser reports the 404 of the page itself; nothing else may fail
        watch.console_errors.remove("Failed to load resource: the server responded with a status of 404 (Not Found)")
    problems = watch.problems() + axe_violations(page)
    page.close()
    assert problems == []


def test_map_clusters_participants_at_one_place_with_their_count(live: LiveServer, browser: Browser) -> None:
    page = browser.new_page()
    watch = watched(page)
    page.goto(live.url + "/events/poltwt/map")
    markers = page.locator("#participant-map .leaflet-marker-icon")
    expect(markers).to_have_count(2, timeout=30_000)  # Leaflet and the outlines load first (slow on a busy machine)
    assert sorted(markers.all_inner_texts()) == sorted([str(scenario.AT_NAIROBI), str(scenario.AT_REYKJAVIK)])
    page.select_option("#role", "officer")  # filters the map and the list at once, without a reload
    officers = sum(1 for p in scenario.participants() if p.status == "approved" and p.role == "officer")
    expect(markers).to_have_count(1)
    assert markers.first.inner_text() == str(officers)
    expect(page.locator("#people-table tbody tr:visible")).to_have_count(officers)
    assert watch.problems() == []
    page.close()


def test_map_works_with_the_keyboard_alone(live: LiveServer, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(live.url + "/events/poltwt/map")
    expect(page.locator("#participant-map .leaflet-marker-icon")).to_have_count(2, timeout=30_000)
    for _ in range(40):  # Tab through the page until a marker has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')"):
            break
    else:
        pytest.fail("no map marker could be reached with Tab")
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    assert "participants" in popup.inner_text() or "@" in popup.inner_text()
    page.close()


def test_times_follow_the_visitors_zone_and_the_form_overrides_it(live: LiveServer, browser: Browser) -> None:
    context = browser.new_context(timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(live.url + "/events/poltwt")
    page.wait_for_url("**zone=Asia%2FTokyo")
    expect(page.locator("#schedule + p + table")).to_contain_text("Fri 22 Mar 2024, 14:00 JST")
    page.fill("#zone", "America/New_York")
    page.click("#zone-form button")
    page.wait_for_url("**zone=America%2FNew_York")
    expect(page.locator("#schedule + p + table")).to_contain_text("Fri 22 Mar 2024, 01:00 EDT")
    context.close()


def test_pages_work_without_javascript(live: LiveServer, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live.url + "/events/poltwt/map?country=KE")
    image = page.locator("#map-image")
    expect(image).to_be_visible()
    assert page.evaluate("document.getElementById('map-image').naturalWidth") > 0  # the drawing loaded
    drawing = page.request.get(live.url + image.get_attribute("src")).text()  # type: ignore[operator]
    assert drawing.count("<circle class=\"participant ") == scenario.AT_NAIROBI
    expect(page.locator("#people-table tbody tr")).to_have_count(scenario.AT_NAIROBI)
    page.goto(live.url + "/events/poltwt?zone=Asia/Tokyo")
    expect(page.locator("#schedule + p + table")).to_contain_text("14:00 JST")
    context.close()
