"""How long a draft is on each platform, and how to split it into a thread when it does not fit.

- X: the weighted count of twitter-text v3 (the published `config/v3.json`): the text is NFC-normalised, each URL
  counts `transformedURLLength` (23), each emoji sequence counts 2, each other code point counts 1 when it falls
  in one of the config's ranges (Latin, Greek, Cyrillic, ... up to U+10FF, and a few punctuation blocks) and 2
  otherwise (CJK, Hangul, ...). Limit 280.
- Mastodon: grapheme clusters (as the server's `StatusLengthValidator` counts them), every http(s) URL counts 23, a
  remote mention `@user@domain` counts as `@user`. Limit 500 unless the instance says otherwise.
- Bluesky: grapheme clusters of the text as stored in the record (links are not shortened). Limit 300.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

X_LIMIT = 280
MASTODON_LIMIT = 500
BLUESKY_LIMIT = 300
URL_LENGTH = 23

# twitter-text config/v3.json
_X_SCALE = 100
_X_DEFAULT_WEIGHT = 200
_X_RANGES: tuple[tuple[int, int, int], ...] = ((0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100),
                                                (8242, 8247, 100))

_TLDS = ("com|org|net|edu|gov|police|info|io|co|uk|ie|nl|de|fr|es|be|eu|au|nz|ca|us|it|pt|ch|at|se|no|dk|fi|pl|"
         "social|app|dev|me|tv|ly|gl")
URL_RE = regex.compile(
    r"(?<![\w@.])(?:https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'}]"
    r"|www\.[^\s<>\"]+[^\s<>\".,;:!?)\]'}]"
    rf"|(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})\b(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]'}}])?)",
    regex.IGNORECASE)
_SCHEME_URL_RE = regex.compile(r"(?<![\w@.])https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'}]", regex.IGNORECASE)
_EMOJI_RE = regex.compile(r"\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3"
                          r"|\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}\U000E0020-\U000E007F]*"
                          r"(?:\u200D\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]*)*")
_REMOTE_MENTION_RE = regex.compile(r"(?<![\w@])(@\w+)@[\w.-]+\w")


@dataclass(frozen=True, slots=True)
class Fit:
    """The length of a text on one platform, against that platform's limit."""

    platform: str
    length: int
    limit: int

    @property
    def fits(self) -> bool:
        return self.length <= self.limit


def _code_point_weight(char: str) -> int:
    code = ord(char)
    for start, end, weight in _X_RANGES:
        if start <= code <= end:
            return weight
    return _X_DEFAULT_WEIGHT


def x_length(text: str) -> int:
    """X's weighted length (twitter-text v3): URLs 23, emoji sequences 2, CJK and other wide scripts 2."""
    text = unicodedata.normalize("NFC", text)
    spans = [(m.start(), m.end(), URL_LENGTH * _X_SCALE) for m in URL_RE.finditer(text)]
    spans += [(m.start(), m.end(), _X_DEFAULT_WEIGHT) for m in _EMOJI_RE.finditer(text)
              if not any(s <= m.start() < e for s, e, _ in spans)]
    starts = {s: (e, w) for s, e, w in spans}
    total, i = 0, 0
    while i < len(text):
        if i in starts:
            end, weight = starts[i]
            total, i = total + weight, end
        else:
            total, i = total + _code_point_weight(text[i]), i + 1
    return total // _X_SCALE


def graphemes(text: str) -> int:
    """The number of extended grapheme clusters (what a reader sees as characters)."""
    return len(regex.findall(r"\X", text))


def mastodon_length(text: str) -> int:
    """Mastodon's count: graphemes, each URL as 23, remote mentions without their domain."""
    text = _SCHEME_URL_RE.sub("x" * URL_LENGTH, text)
    text = _REMOTE_MENTION_RE.sub(r"\1", text)
    return graphemes(text)


def bluesky_length(text: str) -> int:
    return graphemes(text)


def measure(text: str, platform: str, mastodon_limit: int = MASTODON_LIMIT) -> Fit:
    """The text's length on `platform` (x, mastodon or bluesky) and that platform's limit."""
    if platform == "x":
        return Fit("x", x_length(text), X_LIMIT)
    if platform == "mastodon":
        return Fit("mastodon", mastodon_length(text), mastodon_limit)
    if platform == "bluesky":
        return Fit("bluesky", bluesky_length(text), BLUESKY_LIMIT)
    raise ValueError(f"unknown platform {platform!r}: x, mastodon or bluesky")


def fits_all(text: str, platforms: Sequence[str], mastodon_limit: int = MASTODON_LIMIT) -> bool:
    return all(measure(text, p, mastodon_limit).fits for p in platforms)


def split_thread(text: str, platforms: Sequence[str], mastodon_limit: int = MASTODON_LIMIT) -> list[str]:
    """The text as a thread whose every part (ending ` (i/n)`) fits every platform; one part when it fits.

    Words are never cut: a single word longer than a post is a ValueError."""
    text = " ".join(text.split(" ")).strip()
    if fits_all(text, platforms, mastodon_limit):
        return [text]
    for total in range(2, 100):
        parts = _fill([w for w in text.split(" ") if w], total, platforms, mastodon_limit)
        if parts is not None:
            return parts
    raise ValueError("the text is too long to post even as a thread of 99 posts")


def _fill(words: list[str], total: int, platforms: Sequence[str], limit: int) -> list[str] | None:
    """Words packed greedily into `total` parts, each with its ` (i/total)` suffix; None if more are needed."""
    parts: list[str] = []
    current: list[str] = []
    for word in words:
        trial = " ".join([*current, word])
        if current and not fits_all(f"{trial} ({len(parts) + 1}/{total})", platforms, limit):
            parts.append(" ".join(current))
            current = [word]
        else:
            current.append(word)
    parts.append(" ".join(current))
    labelled = [f"{p} ({i}/{len(parts)})" for i, p in enumerate(parts, start=1)]
    if len(parts) > total or not all(fits_all(p, platforms, limit) for p in labelled):
        return None
    return labelled
