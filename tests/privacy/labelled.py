"""The labelled live-feed set: posts written with inline labels, «type:exact text», one post a line.

A data line is `id<TAB>lang<TAB>post`; `parse_post` turns the post into its plain text and the labelled spans
(type, start, end) an ideal checker finds. Lines starting with "#" after a blank id column are comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
LABEL = re.compile(r"«(\w+):([^«»]+)»")


@dataclass(frozen=True)
class Label:
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Post:
    id: str
    lang: str
    text: str
    labels: tuple[Label, ...]


def parse_post(marked: str) -> tuple[str, tuple[Label, ...]]:
    """Plain text and labels of a post written with «type:text» marks."""
    parts: list[str] = []
    labels: list[Label] = []
    position = length = 0
    for match in LABEL.finditer(marked):
        parts.append(marked[position:match.start()])
        length += match.start() - position
        labels.append(Label(match.group(1), length, length + len(match.group(2))))
        parts.append(match.group(2))
        length += len(match.group(2))
        position = match.end()
    parts.append(marked[position:])
    return "".join(parts), tuple(labels)


def load(name: str) -> list[Post]:
    """The posts of data/pii_{name}.tsv ("dev" or "heldout")."""
    posts = []
    for line in (DATA / f"pii_{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ident, lang, marked = line.split("\t", 2)
        text, labels = parse_post(marked)
        posts.append(Post(ident, lang, text, labels))
    return posts
