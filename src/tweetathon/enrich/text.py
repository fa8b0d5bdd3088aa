"""Text helpers shared by sources and analysis: HTML to plain text, hashtags, mentions, URLs.

Pure functions. Mastodon's HTML `content` is converted to text here and is never rendered raw anywhere.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# A hashtag starts after a non-word character, and holds letters, digits, underscores and combining marks.
HASHTAG_RE = re.compile(r"(?:(?<=^)|(?<=[^\w&/]))[#＃]([^\W\d_][\w·]*|\d+[^\W\d][\w·]*)", re.UNICODE)
# @handle, @user@instance (Mastodon) or @name.example.social (Bluesky domain handles): the longest form wins.
MENTION_RE = re.compile(r"(?:(?<=^)|(?<=[^\w@.]))@([A-Za-z0-9_]{1,50}@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
                        r"|[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?=[^\w.-]|$)"
                        r"|[A-Za-z0-9_]{1,50})", re.IGNORECASE)
URL_RE = re.compile(r"https?://[^\s<>\"'\u200b]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"…"


def normalise_hashtag(tag: str) -> str:
    """Lower-case, without a leading '#': '#PolTwt' -> 'poltwt'."""
    return tag.lstrip("#＃").casefold()


def extract_hashtags(text: str) -> tuple[str, ...]:
    """Distinct hashtags in order of appearance, normalised (lower-case, no '#')."""
    return _distinct(normalise_hashtag(m) for m in HASHTAG_RE.findall(text))


def extract_mentions(text: str) -> tuple[str, ...]:
    """Distinct @handles in order, lower-case, without '@' (Bluesky domain handles and user@instance kept)."""
    return _distinct(m.casefold() for m in MENTION_RE.findall(text))


def extract_urls(text: str) -> tuple[str, ...]:
    """Distinct http(s) URLs in order, with trailing punctuation trimmed."""
    return _distinct(u.rstrip(_TRAILING) for u in URL_RE.findall(text))


def strip_entities(text: str) -> str:
    """Text without URLs, @mentions and #hashtags, collapsed spaces: what language detection should see."""
    text = re.sub(r"^RT @[\w.@-]+:?", " ", text)
    text = URL_RE.sub(" ", text)
    text = MENTION_RE.sub(" ", text)
    text = re.sub(r"(?<!\w)[@#＃][\w.-]+", " ", text)
    return " ".join(text.split())


def _distinct(items: object) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:  # type: ignore[attr-defined]
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


class _TextExtractor(HTMLParser):
    """Collects text from HTML, turning <br> and paragraph ends into newlines and dropping scripts/styles."""

    _BLOCK: frozenset[str] = frozenset({"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre"})
    _SKIP: frozenset[str] = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._invisible_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag == "br":
            self.parts.append("\n")
        elif (tag == "span" and ("class", "invisible") in attrs) or (tag == "span" and self._invisible_depth):
            self._invisible_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip_depth:
            self._skip_depth -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")
        elif tag == "span" and self._invisible_depth:
            self._invisible_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment (Mastodon `content`): paragraphs and <br> become newlines, entities
    are decoded, scripts are dropped. Mastodon's `invisible` URL parts are kept so links stay whole."""
    if not markup:
        return ""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
