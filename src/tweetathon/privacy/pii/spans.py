"""Small helpers over spans of a draft: what the rule modules share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from tweetathon.privacy.pii.types import Finding


class Span(NamedTuple):
    start: int
    end: int
    kind: str = ""


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def inside_any(start: int, end: int, spans: Iterable[Span]) -> bool:
    """Whether [start, end) overlaps one of `spans` (protected text: log numbers, times, hashtags...)."""
    return any(overlaps(start, end, s.start, s.end) for s in spans)


def finding(text: str, start: int, end: int, kind: str, reason: str) -> Finding:
    """A finding whose text is exactly text[start:end], trimmed of surrounding spaces and punctuation (brackets
    only when unbalanced: "(0161) 496 0345" keeps its own)."""
    while start < end and (text[start] in " \t\n,;:\"'" or (text[start] == "(" and ")" not in text[start:end])):
        start += 1
    while end > start and (text[end - 1] in " \t\n,;:.\"'!?" or (text[end - 1] == ")" and "(" not in
                           text[start:end])) and not _initial_dot(text, start, end):
        end -= 1
    return Finding(kind, text[start:end], start, end, reason)


def _initial_dot(text: str, start: int, end: int) -> bool:
    """Whether the text ends with an initial ("Mohamed B.", "J.M.G."), whose dot belongs to it."""
    return end - start >= 2 and text[end - 1] == "." and text[end - 2].isupper() and \
        (end - start == 2 or not text[end - 3].isalpha())


_WORDS = re.compile(r"[\w'’./-]+|@")


def word_before(text: str, start: int, count: int = 1) -> str:
    """The `count` words before `start`, lower case, without punctuation ("" at the start of the text)."""
    words = _WORDS.findall(text, max(0, start - 60), start)
    return " ".join(words[-count:]).lower().strip(".") if words else ""
