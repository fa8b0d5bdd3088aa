"""Chats: the host's questions Q1..Qn, which posts answer which question, threads, reposts folded into counts.

Pure functions, no I/O. `detect_questions` and `assign_answers` accept any post-like value (`ChatPost`: a
`Post`, or the figures' `PostRow`); they implement the figure `answers_per_question` of docs/figures.md, and
both the figures code and the transcript call them:

    For each session and each host question `Qn`: posts inside the session window, by anyone but the host,
    that reply to or quote the host's `Qn` post, or, failing such a link, whose text carries the tag `An`
    as a word (`A1`, `A1:`, `A1.`). Reposts are not answers.

"Failing such a link" is read as: a post that replies to or quotes any of the session's question posts is an
answer to the question(s) it links to, and its `An` tags are not consulted; a post linked to no question post
answers every `Qn` whose tag `An` its text carries (case-insensitive, so `a1` counts too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, TypeVar

from tweetathon.model import PLATFORMS, Post
from tweetathon.organise.windows import Window

QUESTION_TAG_RE = re.compile(r"(?<![\w])Q(\d{1,3})(?![\w])", re.IGNORECASE)
ANSWER_TAG_RE = re.compile(r"(?<![\w])A(\d{1,3})(?![\w])", re.IGNORECASE)


class ChatPost(Protocol):
    """What question and answer detection reads of a post (a `Post`, or the figures' lighter `PostRow`)."""

    @property
    def platform(self) -> str: ...
    @property
    def post_id(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def author_handle(self) -> str | None: ...
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def in_reply_to_post_id(self) -> str | None: ...
    @property
    def quote_of_id(self) -> str | None: ...


P = TypeVar("P", bound=ChatPost)


@dataclass(slots=True)
class ThreadNode:
    """A post and the replies to it (in time order), nested."""

    post: Post
    replies: list[ThreadNode] = field(default_factory=list)

    def size(self) -> int:
        """This post and every reply below it."""
        return 1 + sum(child.size() for child in self.replies)


def normalise_handle(handle: str | None) -> str:
    """Compare handles the way people write them: no leading '@', case-insensitive."""
    return (handle or "").strip().lstrip("@").casefold()


def split_account(account: str) -> tuple[str | None, str]:
    """'x:polchat' -> ('x', 'polchat'); 'polchat', '@polchat', 'user@instance' -> (None, handle)."""
    platform, sep, handle = account.strip().partition(":")
    if sep and platform.lower() in PLATFORMS:
        return platform.lower(), normalise_handle(handle)
    return None, normalise_handle(account)


def is_account(platform: str, handle: str | None, account: str) -> bool:
    """Is (`platform`, `handle`) the account `account`: a handle ('polchat', '@polchat', 'user@instance' on
    Mastodon), optionally qualified by its platform as `tweetathon chat plan --host` stores it ('x:polchat')?"""
    wanted_platform, wanted = split_account(account)
    if not wanted or (wanted_platform is not None and platform != wanted_platform):
        return False
    return normalise_handle(handle) == wanted


def is_by(post: ChatPost, account: str) -> bool:
    """Is `post` by `account` (see `is_account`)?"""
    return is_account(post.platform, post.author_handle, account)


def question_number(tag: str) -> int:
    """'Q12' -> 12 (for sorting Q1..Qn numerically)."""
    return int(tag[1:])


def _question_candidates(posts: Iterable[P], host: str, window: Window) -> dict[str, list[P]]:
    found: dict[str, list[P]] = {}
    for post in posts:
        if post.kind == "repost" or not is_by(post, host) or post.created_at not in window:
            continue
        match = QUESTION_TAG_RE.search(post.text)
        if match is not None:
            found.setdefault(f"Q{int(match.group(1))}", []).append(post)
    return found


def _leads_with_tag(post: ChatPost) -> bool:
    """Does the text start with its Qn tag (ignoring leading hashtags, mentions and spaces)?"""
    rest = re.sub(r"^(?:\s*[#@][\w.@-]+)*\s*", "", post.text)
    return QUESTION_TAG_RE.match(rest) is not None


def detect_questions(posts: Iterable[P], host: str, window: Window) -> dict[str, P]:
    """The host's question posts in the session, keyed 'Q1'..'Qn' in numeric order.

    A question post is a post (not a repost) by the host inside the window whose text carries `Qn` as a word;
    its number is the first such tag in the text. When the host wrote `Qn` more than once (a reminder, a
    reply saying "Q3 in five minutes"), a post that starts with the tag wins over one that only mentions it,
    then the earliest.
    """
    candidates = _question_candidates(posts, host, window)
    chosen = {tag: min(group, key=lambda p: (not _leads_with_tag(p), p.created_at, p.post_id))
              for tag, group in candidates.items()}
    return {tag: chosen[tag] for tag in sorted(chosen, key=question_number)}


def answer_tags(text: str) -> tuple[str, ...]:
    """The distinct answer tags in a text, as 'A1'..'An' in order of appearance."""
    seen: dict[str, None] = {}
    for match in ANSWER_TAG_RE.finditer(text):
        seen.setdefault(f"A{int(match.group(1))}", None)
    return tuple(seen)


def linked_questions(post: ChatPost, by_post_id: Mapping[tuple[str, str], str]) -> tuple[str, ...]:
    """The questions (by tag) whose post `post` replies to or quotes."""
    linked = [by_post_id[(post.platform, ref)] for ref in (post.in_reply_to_post_id, post.quote_of_id)
              if ref is not None and (post.platform, ref) in by_post_id]
    return tuple(dict.fromkeys(linked))


def assign_answers(posts: Iterable[P], host: str, questions: Mapping[str, ChatPost],
                   window: Window) -> dict[str, list[P]]:
    """Which posts answer which question, per `answers_per_question` (see the module docstring).

    `questions` maps 'Qn' to the host's question post (as from `detect_questions`). Returns every key of
    `questions` (in numeric order) with its answers in time order; a question nobody answered maps to [].
    Posts are considered once each by (platform, post_id).
    """
    by_post_id = {(q.platform, q.post_id): tag for tag, q in questions.items()}
    answers: dict[str, list[P]] = {tag: [] for tag in sorted(questions, key=question_number)}
    seen: set[tuple[str, str]] = set()
    for post in posts:
        key = (post.platform, post.post_id)
        if key in seen or post.kind == "repost" or is_by(post, host) or post.created_at not in window:
            continue
        seen.add(key)
        tags = linked_questions(post, by_post_id) or tuple(
            "Q" + a[1:] for a in answer_tags(post.text) if "Q" + a[1:] in answers)
        for tag in tags:
            answers[tag].append(post)
    for group in answers.values():
        group.sort(key=lambda p: (p.created_at, p.post_id))
    return answers


def answer_counts(answers: Mapping[str, Sequence[ChatPost]]) -> dict[str, int]:
    """{'Q1': n, ...}: the shape of one session in `answers_per_question`."""
    return {tag: len(group) for tag, group in answers.items()}


def repost_counts(posts: Iterable[Post]) -> dict[str, int]:
    """How many distinct reposts among `posts` repost each post id (reposts fold into counts)."""
    counts: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for post in posts:
        if post.kind != "repost" or post.repost_of_id is None or (post.platform, post.post_id) in seen:
            continue
        seen.add((post.platform, post.post_id))
        counts[post.repost_of_id] = counts.get(post.repost_of_id, 0) + 1
    return counts


def build_threads(posts: Iterable[Post]) -> list[ThreadNode]:
    """Nest replies under the posts they reply to; return the roots in time order.

    Reposts are left out (fold them in with `repost_counts`). A reply whose parent is not among `posts` is a
    root. Children are in time order. Cycles cannot occur in real data but are broken safely (a post is
    placed once).
    """
    ordered = sorted({(p.platform, p.post_id): p for p in posts if p.kind != "repost"}.values(),
                     key=lambda p: (p.created_at, p.post_id))
    nodes = {(p.platform, p.post_id): ThreadNode(p) for p in ordered}
    roots: list[ThreadNode] = []
    for post in ordered:
        node = nodes[(post.platform, post.post_id)]
        parent = _parent(post, nodes)
        backwards = parent is not None and (parent.post.created_at, parent.post.post_id) >= (
            post.created_at, post.post_id)
        if parent is None or (backwards and _is_ancestor(node, parent, nodes)):
            roots.append(node)
        else:
            parent.replies.append(node)
    return roots


def _parent(post: Post, nodes: Mapping[tuple[str, str], ThreadNode]) -> ThreadNode | None:
    if post.in_reply_to_post_id is None or post.in_reply_to_post_id == post.post_id:
        return None
    return nodes.get((post.platform, post.in_reply_to_post_id))


def _is_ancestor(node: ThreadNode, candidate: ThreadNode,
                 nodes: Mapping[tuple[str, str], ThreadNode]) -> bool:
    """Would attaching `node` under `candidate` make a cycle (is `node` above `candidate`)?"""
    current: ThreadNode | None = candidate
    steps = 0
    while current is not None and steps <= len(nodes):
        if current is node:
            return True
        current = _parent(current.post, nodes)
        steps += 1
    return False
