"""Driving Debian's Chromium over a live server: every request outside 127.0.0.1 is refused and recorded,
console errors, page errors and dialogs (an alert() from hostile text) are collected, axe-core is run."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Dialog, Page, Request, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


@cache
def axe_source() -> str:
    """axe-core, fetched (pinned) by scripts/fetch-axe-core.sh into ~/.cache/tweetathon/ (make axe)."""
    path = subprocess.run([str(ROOT / "scripts" / "fetch-axe-core.sh")], check=True, capture_output=True,
                          text=True).stdout.strip()
    return Path(path).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: make test installs Debian's chromium")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What happened on a page that a visitor must never see."""

    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"request to another host: {u}" for u in self.outside]
                + [f"console error: {m}" for m in self.console_errors]
                + [f"page error: {m}" for m in self.page_errors] + [f"dialog: {m}" for m in self.dialogs])


def watched(page: Page) -> Watch:
    watch = Watch()

    def only_loopback(route: Route, request: Request) -> None:
        if urlsplit(request.url).hostname == "127.0.0.1" or request.url.startswith("data:"):
            route.continue_()
        else:
            watch.outside.append(request.url)
            route.abort()

    def dialog(d: Dialog) -> None:
        watch.dialogs.append(d.message)
        d.dismiss()

    page.route("**/*", only_loopback)
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
    page.on("dialog", dialog)
    return watch


def axe_violations(page: Page) -> list[str]:
    """Serious and critical axe-core violations of the page as it stands (rule id, impact, first target)."""
    page.evaluate(axe_source())
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target).join(' ; ')}`);
    }""")
    return list(found)
