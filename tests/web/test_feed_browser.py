"""The live-feed console in Chromium: a draft with a phone number and a house number shows both highlighted as it
is typed; publishing is refused; each is kept with a reason; the author cannot approve, a second editor does; the
post appears on the local Mastodon (mastodon_mock) exactly as written. axe-core and console errors checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from mastodon_mock.testing import MockServer
from playwright.sync_api import Browser, Page, expect

from tests.capture.conftest import mastodon
from tests.feed.helpers import add_event
from tests.web.browser import axe_violations, browser, watched
from tests.web.conftest import LiveServer, start_server, stop_server
from tweetathon.auth.users import add_user
from tweetathon.capture.credentials import Secret
from tweetathon.feed.accounts import PostingAccount
from tweetathon.mail import MailSettings
from tweetathon.settings import WebSettings
from tweetathon.store.store import Store
from tweetathon.web.app import create_app
from tweetathon.web.settings import AppSettings

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser", "mastodon"]
PASSWORD = "a long editor password"
BODY = "Shoplifter detained at 14 Market Street. Witnesses please call 07700 900123."


@pytest.fixture
def site(tmp_path: Path, mastodon: MockServer) -> Iterator[LiveServer]:
    store = Store.open(f"sqlite:///{tmp_path / 'feed.db'}")
    add_event(store)
    for name in ("alice", "bob"):
        add_user(store, name, PASSWORD, "editor", actor="test")
    base = "http://127.0.0.1:8000"
    accounts = {"masto": PostingAccount("masto", "mastodon", mastodon.base_url, Secret("alice_token"))}
    settings = AppSettings(web=WebSettings(Secret("s" * 40), base), mail=MailSettings(base_url=base),
                           db=store.url, feed_accounts=accounts)
    running = start_server(create_app(settings, store=store), store)
    yield running
    stop_server(running)
    store.close()


def signed_in(browser: Browser, live: LiveServer, name: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(live.url + "/admin")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(live.url + "/admin")
    page.goto(live.url + "/admin/events/gmp24/feed")
    return page


def test_draft_highlight_refuse_override_approve_publish(browser: Browser, site: LiveServer,
                                                         mastodon: MockServer) -> None:
    alice = signed_in(browser, site, "alice")
    watch = watched(alice)
    alice.reload()
    expect(alice.locator("#body")).to_be_focused()  # keyboard first: type at once
    alice.keyboard.type(BODY)
    marks = alice.locator("#preview mark.pii")
    expect(marks).to_have_text(["14 Market Street", "07700 900123"])
    expect(alice.locator("#lengths")).to_contain_text("x 86/280")
    assert axe_violations(alice) == []
    alice.keyboard.press("Control+Enter")
    expect(alice.locator("#notice")).to_have_text("Post 1 saved as a draft.")
    post = alice.locator("#post-1")
    expect(post.locator("mark.pii")).to_have_text(["14 Market Street", "07700 900123"])

    alice.click("text=Publish post 1")
    expect(alice.locator("#problem")).to_contain_text("post 1 cannot be published")
    expect(alice.locator("#problem")).to_contain_text("07700 900123")
    for finding, reason in (("14 Market Street", "the shop's address, not a home"),
                            ("07700 900123", "the shop's published number")):
        alice.fill(f"form.override:has(input[value='{finding}']) input[name=reason]", reason)
        alice.click(f"form.override:has(input[value='{finding}']) button")
        expect(alice.locator("#notice")).to_contain_text("now needs approval")
    expect(alice.locator("#post-1 mark.kept")).to_have_count(2)
    alice.click("text=Approve post 1")
    expect(alice.locator("#problem")).to_contain_text("a second person must approve it")

    bob = signed_in(browser, site, "bob")
    bob.click("text=Approve post 1")
    expect(bob.locator("#notice")).to_have_text("Post 1 approved.")
    bob.click("text=Publish post 1")
    expect(bob.locator("#notice")).to_have_text("Post 1 published.")
    expect(bob.locator("#post-1 .published")).to_contain_text("masto (mastodon): published")
    refused = "console error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"
    assert watch.problems() == [refused, refused]  # the refused publish and the refused approval, nothing else

    auth = {"Authorization": "Bearer alice_token"}
    me = httpx.get(mastodon.base_url + "/api/v1/accounts/verify_credentials", headers=auth).json()
    statuses = httpx.get(f"{mastodon.base_url}/api/v1/accounts/{me['id']}/statuses", headers=auth).json()
    texts = [httpx.get(f"{mastodon.base_url}/api/v1/statuses/{s['id']}/source", headers=auth).json()["text"]
             for s in statuses]
    assert texts.count(f"#gmp24 1: {BODY}") == 1
