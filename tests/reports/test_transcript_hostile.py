"""Hostile post text stays inert and readable: in headless Chromium (no dialog, no console error, no request
anywhere), in Markdown rendered by a CommonMark parser, and in the PDF (pdftoppm page 1 is not blank)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from PIL import Image
from playwright.sync_api import Browser, sync_playwright

from tweetathon.model import Post
from tweetathon.organise.windows import Window
from tweetathon.reports.render_transcript import render_html, render_markdown, render_pdf
from tweetathon.reports.transcript import Transcript, TranscriptInput, build_transcript

START = datetime(2026, 1, 8, 13, 0, tzinfo=UTC)
LONG = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 60)[:3000] + "x" * 1000  # 4,000 characters
HOSTILE_TEXTS = [
    "Q1 <script>alert('q1')</script> What now? #polchat",
    "A1 <img src=x onerror=alert(2)> <svg onload=alert(3)> <iframe src=https://evil.example/f></iframe>",
    "A1 [click](javascript:alert(4)) javascript:alert(5) <a href=\"javascript:alert(6)\">x</a>",
    "A1 broken <div><b>unclosed <a href=\"https://evil.example/x </p></article></main></body> <!-- ",
    "A1 \u202egnp.exe and \u2066isolated\u2069 text with ‮ override",
    "A1 " + LONG,
    "A1 https://evil.example/\"><script>alert(7)</script> <style>body{display:none}</style> "
    "<link rel=stylesheet href=https://evil.example/x.css> #tag<b>x</b> @bad\"handle",
    "A1 *bold* _em_ `code` | table | ~~strike~~ <b>&amp;</b> &lt;script&gt; \\ 1. not a list\n# not a heading\n"
    "> not a quote\n---\n- not an item\n    indented code?",
]
EVIL_HANDLE = "\"><svg onload=alert(8)>"


def hostile_posts() -> list[Post]:
    out = []
    for n, text in enumerate(HOSTILE_TEXTS):
        handle = "polchat" if n == 0 else ("resident" if n % 2 else EVIL_HANDLE)
        out.append(Post(platform="x", post_id=str(100 + n), author_id=f"a{n}", author_handle=handle,
                        created_at=START + timedelta(minutes=2 + n), text=text, source_format="test",
                        url="javascript:alert(9)" if n == 2 else f"https://x.com/{handle}/status/{100 + n}",
                        kind="reply" if n else "original", in_reply_to_post_id="100" if n else None))
    return out


def hostile_transcript() -> Transcript:
    return build_transcript(TranscriptInput(
        title="#polchat <script>alert('title')</script>", posts=hostile_posts(),
        window=Window(START, START + timedelta(hours=1)), zone="Europe/London", hashtags=("polchat",),
        theme="Theme </title><script>alert(10)</script>", host="polchat",
        planned_questions=("<img src=x onerror=alert(11)> first?",)))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield chromium
        chromium.close()


def test_hostile_html_is_inert_and_readable_in_chromium(browser: Browser, tmp_path: Path) -> None:
    transcript = hostile_transcript()
    assert len(transcript.questions[0].answers) == len(HOSTILE_TEXTS) - 1
    page_file = tmp_path / "hostile.html"
    page_file.write_text(render_html(transcript), encoding="utf-8")
    page = browser.new_page(viewport={"width": 800, "height": 900})
    dialogs: list[str] = []
    errors: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    body = page.inner_text("body")
    scripts = page.evaluate("document.scripts.length")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    handlers = page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                             ".some(a => a.name.startsWith('on'))).length")
    page.close()
    assert dialogs == [] and errors == [] and scripts == 0 and handlers == 0
    assert requests == [page_file.as_uri()]
    assert all(h.startswith(("https://", "http://", "#")) for h in hrefs), hrefs
    assert not any("evil.example/\"" in h or "javascript" in h.lower() for h in hrefs)
    for visible in ("<script>alert('q1')</script>", "<img src=x onerror=alert(2)>", "javascript:alert(5)",
                    "[U+202E]gnp.exe", "[U+2066]isolated[U+2069]", "<style>body{display:none}</style>",
                    EVIL_HANDLE, "Theme </title><script>alert(10)</script>", LONG[:200], "x" * 1000):
        assert visible in body, visible
    assert overflow <= 0  # the 1,000-character word wraps instead of widening the page


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self.attrs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)
        self.hrefs += [v or "" for name, v in attrs if name == "href"]


def test_hostile_markdown_renders_as_text() -> None:
    markdown = render_markdown(hostile_transcript())
    rendered = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)
    tags = _Tags()
    tags.feed(rendered)
    assert tags.tags <= {"h1", "h2", "h3", "p", "a", "strong", "em", "code", "ul", "li", "table", "thead", "tbody",
                         "tr", "th", "td", "br"}, tags.tags
    assert tags.attrs <= {"href", "id", "style"}
    assert all(h.startswith(("https://", "http://", "#")) for h in tags.hrefs), tags.hrefs
    text = MarkdownIt("commonmark").render(markdown)
    for visible in ("&lt;script&gt;alert('q1')&lt;/script&gt;", "javascript:alert(5)", "*bold* _em_ `code`",
                    "~~strike~~", "&lt;b&gt;&amp;amp;&lt;/b&gt;", "[U+202E]gnp.exe", "1. not a list",
                    "# not a heading", "&gt; not a quote", "- not an item", "x" * 1000):
        assert visible in text, visible


def test_pdf_page_one_is_not_blank_and_holds_the_text(tmp_path: Path) -> None:
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(render_pdf(hostile_transcript()))
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "2", str(pdf), "-"], check=True, timeout=60,
                          capture_output=True, text=True).stdout
    assert "Q1" in text and "<script>alert('q1')</script>" in text
