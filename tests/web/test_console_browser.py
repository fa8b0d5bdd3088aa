"""The registration and the organiser console end to end in Chromium, on SQLite and PostgreSQL, against a real
SMTP server (aiosmtpd) on loopback: an organiser creates an event, a visitor registers (place preview,
confirmation mail, link clicked), the organiser approves and the participant appears on the map and list;
bulk rejection mails the reason; chat plan, participant edit and removal, publishing, exports and an upload
import with progress. Every console page visited is checked with axe-core and for console errors."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
from playwright.sync_api import Browser, Page, expect
from typer.testing import CliRunner

from tests.smtp import SmtpServer
from tests.web import scenario
from tests.web.browser import Watch, axe_violations, browser, watched
from tests.web.conftest import BACKENDS, LiveServer, free_port, make_app, module_store, start_server, stop_server
from tweetathon import audit
from tweetathon.auth.users import add_user
from tweetathon.model import Event
from tweetathon.organise import event_admin
from tweetathon.store import organise as ostore

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser"]
PASSWORD = "a long organiser password"
UPCOMING = Event(slug="polnext", name="#polnext upcoming tweet-a-thon", hashtags=("polnext",), zone="Europe/London",
                 local_start="08:00", local_date="2031-03-21", duration_minutes=1440)


@dataclass
class Console:
    live: LiveServer
    smtp: SmtpServer
    browser: Browser
    tmp: Path

    def page(self) -> tuple[Page, Watch]:
        page = self.browser.new_page()
        return page, watched(page)

    def sign_in(self, page: Page, name: str = "olivia") -> None:
        page.goto(self.live.url + "/admin")
        assert "/login?next=/admin" in page.url  # the console sends an anonymous visitor to sign in
        page.fill("#name", name)
        page.fill("#password", PASSWORD)
        page.click("form.stacked button[type=submit]")
        page.wait_for_url(self.live.url + "/admin")


@pytest.fixture(scope="module", params=BACKENDS)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         browser: Browser) -> Iterator[Console]:
    store = module_store(request, tmp_path_factory)
    scenario.build(store)
    add_user(store, "olivia", PASSWORD, "organiser", actor="test")
    add_user(store, "vic", PASSWORD, "viewer", actor="test")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with SmtpServer() as smtp:
        running = start_server(make_app(store, mail=smtp.settings(base), base_url=base), store, port)
        yield Console(running, smtp, browser, Path(tmp_path_factory.mktemp("console")))
        stop_server(running)
    store.close()


def clean(page: Page, watch: Watch) -> list[str]:
    """What went wrong on the page as it stands: requests elsewhere, console errors, dialogs, axe findings."""
    return watch.problems() + axe_violations(page)


def create_event(console: Console, page: Page, watch: Watch) -> None:
    page.goto(console.live.url + "/admin/events/new")
    assert clean(page, watch) == []
    page.fill("#slug", "polnext")
    page.fill("#name", "#polnext upcoming tweet-a-thon")
    page.fill("#hashtags", "#polnext")
    page.fill("#zone", "Europe/London")
    page.check("#rule-local")
    page.fill("#local_start", "08:00")
    page.fill("#local_date", "2031-03-21")
    page.fill("#duration", "24h")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(console.live.url + "/events/polnext")


def register(console: Console, page: Page, watch: Watch, handle: str, email: str,
             agency: str = "Lögreglan á höfuðborgarsvæðinu", address: str = "") -> str:
    page.goto(console.live.url + "/events/polnext")
    page.click("text=Register to take part")
    for field, value in (("#handle", handle), ("#agency", agency), ("#address", address),
                         ("#city", "Reykjavík"), ("#country", "Iceland"), ("#email", email)):
        page.fill(field, value)
    page.check("#consent")
    page.click("button[value=preview]")
    expect(page.locator("#place-preview")).to_contain_text("We placed you in Reykjavík, Atlantic/Reykjavik")
    assert clean(page, watch) == []
    page.click("button[value=submit]")
    expect(page.locator("[role=status]")).to_contain_text(f"We sent a confirmation link to {email}")
    message = next(m for m in console.smtp.wait(len(console.smtp.messages) + 1) if email in str(m["To"]))
    link = re.search(r"https?://\S+/register/confirm/\S+", message.get_content())
    assert link is not None, message.get_content()
    return link.group(0)


def test_registration_to_approval_to_the_public_map(site: Console) -> None:
    page, watch = site.page()
    site.sign_in(page)
    assert clean(page, watch) == []
    if site.live.store.get_event("polnext") is None:
        create_event(site, page, watch)
    else:  # the bulk test ran first on this server: the event form still has to work
        page.goto(site.live.url + "/admin/events/polnext/edit")
        page.click("form.stacked button[type=submit]")
        page.wait_for_url(site.live.url + "/events/polnext")
    page.goto(site.live.url + "/admin")
    page.click("text=Sign out")
    expect(page.locator("[role=status]")).to_contain_text("You are signed out")
    page.goto(site.live.url + "/admin")
    assert "/login" in page.url  # the session is gone
    visitor, seen = site.page()
    link = register(site, visitor, seen, "reyk_police", "reyk@police.example")
    visitor.goto(link)
    expect(visitor.locator("[role=status]")).to_contain_text("your e-mail address is confirmed")
    site.sign_in(page)
    page.goto(site.live.url + "/admin/events/polnext/registrations")
    assert clean(page, watch) == []
    page.click("button[aria-label='Approve @reyk_police']")
    expect(page.locator("#notice")).to_contain_text("@reyk_police approved")
    approval = site.smtp.wait(2)[-1]
    assert "reyk@police.example" in str(approval["To"]) and "approved" in approval.get_content().lower()
    visitor.goto(site.live.url + "/events/polnext/map")
    expect(visitor.locator("#participant-map .leaflet-marker-icon")).to_have_count(1, timeout=30_000)
    expect(visitor.locator("#people-table tbody")).to_contain_text("@reyk_police")
    listed = list(csv.DictReader(io.StringIO(visitor.request.get(site.live.url + "/events/polnext/list.csv").text())))
    assert [r["handle"] for r in listed] == ["reyk_police"] and listed[0]["zone"] == "Atlantic/Reykjavik"
    actions = {(e.actor, e.action) for e in audit.entries(site.live.store, event="polnext")}
    assert ("olivia", "registration.approve") in actions
    assert {("olivia", "event.create"), ("olivia", "event.edit")} & actions
    assert watch.problems() == [] and seen.problems() == []


def ensure_upcoming_event(site: Console) -> None:
    """The upcoming event the first test creates through the console (tests may run alone or apart)."""
    if site.live.store.get_event("polnext") is None:
        event_admin.create_event(site.live.store, UPCOMING, actor="test")


def test_bulk_reject_mails_the_reason_and_forgets_the_entries(site: Console) -> None:
    ensure_upcoming_event(site)
    visitor, seen = site.page()
    for n in (1, 2):  # hostile fields typed by a registrant stay text on the organiser's page
        visitor.goto(register(site, visitor, seen, f"bulk_{n}", f"bulk{n}@police.example",
                              agency=scenario.HOSTILE[n - 1], address=scenario.HOSTILE[n + 1]))
    page, watch = site.page()
    site.sign_in(page)
    page.goto(site.live.url + "/admin/events/polnext/registrations")
    shown = page.locator("#registrations").inner_text()
    assert all(text in shown for text in scenario.HOSTILE)
    assert clean(page, watch) == []
    for n in (1, 2):
        page.check(f"tr[data-account='x:bulk_{n}'] input[type=checkbox]")
    page.fill("#bulk-reason", "Not a police account")
    page.click("button[form=bulk][value=reject]")
    expect(page.locator("#notice")).to_contain_text("@bulk_1 rejected, @bulk_2 rejected")
    mails = [m for m in site.smtp.wait(len(site.smtp.messages)) if "bulk" in str(m["To"])]
    rejections = [m for m in mails if "Not a police account" in m.get_content()]
    assert len(rejections) == 2
    handles = {p.handle for p in ostore.get_participants(site.live.store, "polnext")}
    assert not handles & {"bulk_1", "bulk_2"}
    assert clean(page, watch) == []


def test_a_viewer_may_look_but_not_decide(site: Console) -> None:
    page, watch = site.page()
    site.sign_in(page, "vic")
    response = page.goto(site.live.url + "/admin/events/new")
    assert response is not None and response.status == 403
    watch.console_errors.clear()  # the browser reports the 403 of the page itself
    page.goto(site.live.url + "/admin/audit")
    expect(page.locator("table")).to_contain_text("report.publish")
    assert clean(page, watch) == []


def test_chat_plan_participant_edit_and_remove(site: Console) -> None:
    page, watch = site.page()
    site.sign_in(page)
    page.goto(site.live.url + "/admin/events/polchat/plan")
    page.fill("#day", "2024-01-11")
    page.fill("#theme", "Roads policing")
    page.fill("#questions", "Q1 What keeps roads safe?\nQ2 Who do you call?")
    page.click("form.stacked button[type=submit]")
    expect(page.locator("#notice")).to_contain_text("Planned 2024-01-11: Roads policing, 2 question(s)")
    expect(page.locator(".drafts")).to_contain_text("#polchat")  # the next session's announcement drafts
    assert clean(page, watch) == []
    page.goto(site.live.url + "/admin/events/poltwt/participants/x/is_police1")
    page.fill("#agency", "Renamed Agency")
    page.click("form.stacked button[type=submit]")
    expect(page.locator("table")).to_contain_text("Renamed Agency")
    page.click("button[aria-label='Remove @is_police2']")
    expect(page.locator("table")).not_to_contain_text("@is_police2")
    assert clean(page, watch) == []
    public = page.context.request.get(site.live.url + "/events/poltwt/list.csv").text()
    assert "Renamed Agency" in public and "is_police2" not in public


def test_publish_unpublish_and_exports(site: Console) -> None:
    page, watch = site.page()
    site.sign_in(page)
    page.goto(site.live.url + "/admin/events/poltwt/outputs")
    assert clean(page, watch) == []
    page.click("text=Unpublish the report")
    expect(page.locator("#notice")).to_contain_text("Report unpublished")
    assert page.context.request.get(site.live.url + "/events/poltwt/report").status == 404
    page.click("text=Publish the report")
    assert page.context.request.get(site.live.url + "/events/poltwt/report", timeout=180_000).status == 200
    with page.expect_download() as download:
        page.click("text=Posts (CSV, twarc-csv columns)")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    expected = sum(1 for p in scenario.posts() if "poltwt" in p.hashtags)
    assert len(rows) == expected


def test_upload_import_shows_progress_and_the_cli_summary(site: Console, tmp_path: Path) -> None:
    from tweetathon.cli import app as cli
    from tweetathon.simulate import simulate

    simulate("tweetathon", tmp_path / "sim", posts=300, seed=3)
    data = tmp_path / "sim" / "data" / "x" / "twarc2-search.jsonl"
    cli_run = CliRunner().invoke(cli, ["import", str(data), "--json", "--db", str(tmp_path / "fresh.db")])
    assert cli_run.exit_code == 0, cli_run.output
    expected = orjson.loads(cli_run.stdout)["files"][0]
    page, watch = site.page()
    site.sign_in(page)
    page.goto(site.live.url + "/admin/events/polchat/outputs")
    page.set_input_files("#files", str(data))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/imports/\d+$"))
    expect(page.locator("#job-status")).to_contain_text("done", timeout=60_000)
    assert page.locator("#job-progress").get_attribute("value") == "100.0"
    cells = page.locator("#job-summary tbody tr").first.locator("td").all_inner_texts()
    assert cells[1:6] == [expected["format"], str(expected["records"]), str(expected["posts_new"]),
                          str(expected["posts_updated"]), str(expected["posts_unchanged"])]
    assert clean(page, watch) == []
