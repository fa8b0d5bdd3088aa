"""The transcript of one chat session, as a plain model the renderers turn into HTML, Markdown or PDF.

`build_transcript(TranscriptInput)` is pure: it takes the session's posts and what is known about the session
(theme, host, planned questions, window, zone, registered participants, earlier sessions' authors) and returns
a `Transcript`: a header, the host's questions Q1..Qn each with its answers (and the replies to those answers
nested), the other threads in time order, and who took part.

Every post is placed once, except an answer carrying several tags (A1 … A2), which appears under each of its
questions. An answer that replies to some other post is lifted out to sit under its question, with a pointer
to what it replied to. Reposts never appear as entries: they are folded into the reposted post's count, and
into the header and the people list (unless `with_reposts` is False, which leaves them out entirely).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from tweetathon.analysis.chat import (
    ThreadNode,
    assign_answers,
    build_threads,
    detect_questions,
    is_account,
    normalise_handle,
    repost_counts,
    split_account,
)
from tweetathon.model import Post
from tweetathon.organise.windows import Window
from tweetathon.privacy.pseudonyms import Pseudonymiser
from tweetathon.reports.post_text import Segment, profile_url, safe_href, segments

PostKey = tuple[str, str]


@dataclass(frozen=True, slots=True)
class TranscriptInput:
    """Everything a transcript is made from. `participants` holds (platform, handle) of approved registered
    accounts; `earlier_authors` (platform, author_id) of everyone who posted in earlier sessions (None when
    there is no earlier session). `names` (the event's Pseudonymiser) set and enabled means members of the public
    are shown under its pseudonyms."""

    title: str
    posts: Sequence[Post]
    window: Window
    zone: str
    hashtags: tuple[str, ...] = ()
    theme: str = ""
    host: str | None = None
    planned_questions: tuple[str, ...] = ()
    participants: frozenset[tuple[str, str]] = frozenset()
    earlier_authors: frozenset[tuple[str, str]] | None = None
    with_reposts: bool = True
    names: Pseudonymiser | None = None


@dataclass(frozen=True, slots=True)
class Author:
    """Who wrote a post, as shown: '@handle' (with a profile link) or a pseudonym (without)."""

    key: PostKey
    display: str
    href: str | None
    role: str  # host | participant | public
    pseudonymised: bool = False


@dataclass(slots=True)
class Entry:
    """One post as shown, with the replies to it nested."""

    platform: str
    post_id: str
    anchor: str
    author: Author
    local_time: str
    utc_iso: str
    url: str | None
    kind: str
    segments: list[Segment]
    reposts: int = 0
    likes: int | None = None
    answers_to: tuple[str, ...] = ()
    replying_to: str | None = None  # anchor of the parent when it is shown elsewhere in the transcript
    parent_missing: bool = False  # replies to a post that is not in the transcript
    quoting: str | None = None  # anchor of the quoted post when it is in the transcript
    replies: list[Entry] = field(default_factory=list)


@dataclass(slots=True)
class QuestionSection:
    tag: str
    planned: str | None
    question: Entry | None
    answers: list[Entry]


@dataclass(frozen=True, slots=True)
class PersonRow:
    author: Author
    posts: int
    reposts: int
    first_timer: bool


@dataclass(frozen=True, slots=True)
class Header:
    title: str
    theme: str
    hashtags: tuple[str, ...]
    date_local: str
    start_local: str
    end_local: str
    zone: str
    host: Author | None
    posts: int
    reposts: int
    people: int
    participants: int
    questions: int


@dataclass(slots=True)
class Transcript:
    header: Header
    questions: list[QuestionSection]
    threads: list[Entry]
    people: list[PersonRow]
    most_active: list[PersonRow]
    first_timers: list[PersonRow] | None  # None: no earlier session to compare with
    with_reposts: bool
    pseudonymised: bool


class _Context:
    """What placing and formatting entries needs: zone, roles, pseudonyms, repost counts, question tags."""

    def __init__(self, data: TranscriptInput, posts: Sequence[Post]) -> None:
        self.data = data
        self.zone = ZoneInfo(data.zone)
        self.participants = {(p, normalise_handle(h)) for p, h in data.participants}
        self.reposts = repost_counts(posts) if data.with_reposts else {}
        self.pseudonyms = data.names if data.names is not None and data.names.enabled else None
        self.answer_tags: dict[PostKey, tuple[str, ...]] = {}
        self.present: set[PostKey] = {(p.platform, p.post_id) for p in posts if p.kind != "repost"}
        self.mention_platform = "x"
        self.hidden_posts: set[PostKey] = set()
        if self.pseudonyms is not None:
            self.hidden_posts = {(p.platform, p.post_id) for p in posts
                                 if self.role(p.platform, p.author_handle) == "public"}

    def role(self, platform: str, handle: str | None) -> str:
        if self.data.host and is_account(platform, handle, self.data.host):
            return "host"
        return "participant" if (platform, normalise_handle(handle)) in self.participants else "public"

    def author(self, post: Post) -> Author:
        role = self.role(post.platform, post.author_handle)
        key = (post.platform, post.author_id)
        handle = post.author_handle or post.author_id
        if role == "public" and self.pseudonyms is not None:
            return Author(key, self.pseudonyms.pseudonym(post.platform, post.author_id, post.author_handle), None,
                          role, True)
        return Author(key, "@" + handle.lstrip("@"), profile_url(post.platform, handle, post.url), role)

    def mention_alias(self, handle: str) -> str | None:
        if self.pseudonyms is None or self.role(self.mention_platform, handle) != "public":
            return None
        return self.pseudonyms.pseudonym(self.mention_platform, None, handle)

    def entry(self, post: Post) -> Entry:
        author = self.author(post)
        local = post.created_at.astimezone(self.zone)
        self.mention_platform = post.platform
        quoted = (post.platform, post.quote_of_id) if post.quote_of_id else None
        return Entry(
            platform=post.platform, post_id=self.shown_id(post.platform, post.post_id),
            anchor=self.anchor(post.platform, post.post_id),
            author=author, local_time=local.strftime("%H:%M"), utc_iso=post.created_at.isoformat(),
            url=None if author.pseudonymised else safe_href(post.url), kind=post.kind,
            segments=segments(post.text, post.platform, post.url, self.mention_alias),
            reposts=self.reposts.get(post.post_id, 0), likes=post.metrics.likes,
            answers_to=self.answer_tags.get((post.platform, post.post_id), ()),
            quoting=self.anchor(*quoted) if quoted and quoted in self.present else None)

    def shown_id(self, platform: str, post_id: str) -> str:
        """The post's id as published: a pseudonymous id for a post of the public (its real id would lead to
        its author), the real one otherwise."""
        if self.pseudonyms is None or (platform, post_id) not in self.hidden_posts:
            return post_id
        return self.pseudonyms.pseudo_id(platform, post_id)

    def anchor(self, platform: str, post_id: str) -> str:
        return anchor_of(platform, self.shown_id(platform, post_id))


def anchor_of(platform: str, post_id: str) -> str:
    """The in-page anchor of a post: 'post-x-123'. Ids are digits or base32 on every platform we read;
    anything else is reduced to safe characters."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in post_id)
    return f"post-{platform}-{safe}"


def build_transcript(data: TranscriptInput) -> Transcript:
    """The transcript model of one session (see the module docstring)."""
    posts = _distinct(data.posts, data.with_reposts)
    questions = detect_questions(posts, data.host, data.window) if data.host else {}
    answers = assign_answers(posts, data.host, questions, data.window) if data.host else {}
    ctx = _Context(data, posts)
    for tag, group in answers.items():
        for post in group:
            key = (post.platform, post.post_id)
            ctx.answer_tags[key] = (*ctx.answer_tags.get(key, ()), "A" + tag[1:])
    roots = build_threads(posts)
    nodes = _index(roots)
    lifted = {(q.platform, q.post_id) for q in questions.values()} | set(ctx.answer_tags)
    placer = _Placer(ctx, lifted)
    sections = [_section(tag, data, questions.get(tag), answers.get(tag, []), nodes, placer)
                for tag in _question_tags(data.planned_questions, questions)]
    threads = [placer.entry(root) for root in roots if (root.post.platform, root.post.post_id) not in lifted]
    people = _people(posts, ctx, data.earlier_authors)
    return Transcript(
        header=_header(data, posts, people, len(sections), ctx), questions=sections, threads=threads,
        people=people, most_active=[p for p in people if p.posts][:3],
        first_timers=None if data.earlier_authors is None else [p for p in people if p.first_timer],
        with_reposts=data.with_reposts, pseudonymised=ctx.pseudonyms is not None)


def _distinct(posts: Sequence[Post], with_reposts: bool) -> list[Post]:
    unique = {(p.platform, p.post_id): p for p in posts if with_reposts or p.kind != "repost"}
    return sorted(unique.values(), key=lambda p: (p.created_at, p.platform, p.post_id))


def _index(roots: Sequence[ThreadNode]) -> dict[PostKey, ThreadNode]:
    found: dict[PostKey, ThreadNode] = {}
    stack = list(roots)
    while stack:
        node = stack.pop()
        found[(node.post.platform, node.post.post_id)] = node
        stack.extend(node.replies)
    return found


def _question_tags(planned: tuple[str, ...], found: dict[str, Post]) -> list[str]:
    tags = {f"Q{n}" for n in range(1, len(planned) + 1)} | set(found)
    return sorted(tags, key=lambda t: int(t[1:]))


class _Placer:
    """Turns thread nodes into entries, leaving questions and answers (`lifted`) to their sections."""

    def __init__(self, ctx: _Context, lifted: set[PostKey]) -> None:
        self.ctx = ctx
        self.lifted = lifted
        self.anchors: set[str] = set()

    def entry(self, node: ThreadNode, parent: Post | None = None) -> Entry:
        post = node.post
        entry = self.ctx.entry(post)
        if entry.anchor in self.anchors:  # an answer shown under a second question
            entry.anchor = f"{entry.anchor}-{len(self.anchors)}"
        self.anchors.add(entry.anchor)
        reply_to = post.in_reply_to_post_id
        if reply_to and (parent is None or parent.post_id != reply_to):
            if (post.platform, reply_to) in self.ctx.present:
                entry.replying_to = self.ctx.anchor(post.platform, reply_to)
            else:
                entry.parent_missing = True
        entry.replies = [self.entry(child, post) for child in node.replies
                         if (child.post.platform, child.post.post_id) not in self.lifted]
        return entry


def _section(tag: str, data: TranscriptInput, question: Post | None, answers: Sequence[Post],
             nodes: dict[PostKey, ThreadNode], placer: _Placer) -> QuestionSection:
    number = int(tag[1:])
    planned = data.planned_questions[number - 1] if number <= len(data.planned_questions) else None
    q_entry = placer.entry(nodes[(question.platform, question.post_id)]) if question else None
    answer_entries = [placer.entry(nodes[(a.platform, a.post_id)], question) for a in answers]
    return QuestionSection(tag, planned or None, q_entry, answer_entries)


def _people(posts: Sequence[Post], ctx: _Context,
            earlier: frozenset[tuple[str, str]] | None) -> list[PersonRow]:
    written: Counter[PostKey] = Counter()
    reposted: Counter[PostKey] = Counter()
    first_post: dict[PostKey, Post] = {}
    for post in posts:
        key = (post.platform, post.author_id)
        first_post.setdefault(key, post)
        (reposted if post.kind == "repost" else written)[key] += 1
    rows = [PersonRow(ctx.author(post), written[key], reposted[key], earlier is not None and key not in earlier)
            for key, post in first_post.items()]
    return sorted(rows, key=lambda r: (-r.posts, -r.reposts, r.author.display.casefold()))


def _header(data: TranscriptInput, posts: Sequence[Post], people: Sequence[PersonRow], questions: int,
            ctx: _Context) -> Header:
    start = data.window.start.astimezone(ctx.zone)
    end = data.window.end.astimezone(ctx.zone)
    host_post = next((p for p in posts if data.host and is_account(p.platform, p.author_handle, data.host)), None)
    host = ctx.author(host_post) if host_post else (
        Author(("", ""), "@" + split_account(data.host)[1], None, "host") if data.host else None)
    return Header(
        title=data.title, theme=data.theme, hashtags=data.hashtags,
        date_local=f"{start:%A} {start.day} {start:%B %Y}", start_local=f"{start:%H:%M}",
        end_local=f"{end:%H:%M}", zone=data.zone, host=host,
        posts=sum(1 for p in posts if p.kind != "repost"), reposts=sum(1 for p in posts if p.kind == "repost"),
        people=len(people), participants=sum(1 for p in people if p.author.role != "public"), questions=questions)
