"""Render a `Transcript` as one offline HTML file, GitHub-flavoured Markdown, or PDF (WeasyPrint).

HTML goes through Jinja2 with autoescape on, CSS inline, no scripts, fonts or other files, and a
Content-Security-Policy that forbids loading anything. Markdown escapes every character that could start
markup, HTML or an autolink, so hostile post text stays text. The PDF is the HTML laid out by WeasyPrint with
every external fetch refused.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from tweetathon.reports.post_text import Segment
from tweetathon.reports.transcript import Author, Entry, Header, Transcript

TEMPLATES = Path(__file__).parent / "templates"
FORMATS = ("html", "md", "pdf")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=False)


def render_html(transcript: Transcript) -> str:
    """One self-contained HTML page (works offline; no JavaScript)."""
    template = _environment().get_template("transcript.html.j2")
    return template.render(t=transcript, h=transcript.header)


def render_pdf(transcript: Transcript) -> bytes:
    """The HTML page laid out as PDF by WeasyPrint; nothing outside the page is ever fetched."""
    from weasyprint import HTML  # imported here: loading pango takes a moment and only PDF needs it

    document = HTML(string=render_html(transcript), url_fetcher=_refuse_fetch, base_url=None)
    pdf: bytes = document.write_pdf()
    return pdf


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"transcripts load nothing from outside the page (asked for {url[:80]!r})")


# -- Markdown -------------------------------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&#!])")
_MD_LINE_START = re.compile(r"^([-+=>]|\d{1,9}(?=[.)]))")


def md_escape(text: str) -> str:
    """Escape inline text for GitHub-flavoured Markdown: emphasis, code, links, tables, raw HTML, entities."""
    return _MD_INLINE.sub(r"\\\1", text)


def md_url(url: str) -> str:
    """A link destination safe inside `(...)`: spaces, brackets and angle brackets percent-encoded."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


def _md_link(text: str, href: str | None) -> str:
    return f"[{md_escape(text)}]({md_url(href)})" if href else md_escape(text)


def _md_segments(segments: list[Segment]) -> list[str]:
    """The post text as Markdown lines: links kept, blank lines dropped, each line escaped."""
    lines: list[str] = [""]
    for segment in segments:
        pieces = segment.text.split("\n") if segment.href is None else [segment.text]
        for index, piece in enumerate(pieces):
            if index:
                lines.append("")
            lines[-1] += md_escape(piece) if segment.href is None else _md_link(piece, segment.href)
    return [_escape_line_start(line.strip()) for line in lines if line.strip()]


def _escape_line_start(line: str) -> str:
    """Keep a line inside a list item from turning into a heading, quote, rule or list of its own."""
    if line.startswith(("\\", "[")):
        return line
    match = _MD_LINE_START.match(line)
    if match is None:
        return line
    if match.group(1)[0].isdigit():
        return line[:match.end()] + "\\" + line[match.end():]
    return "\\" + line


def _md_who(author: Author) -> str:
    return f"**{_md_link(author.display, author.href)}**"


def _md_meta(entry: Entry) -> str:
    time = f"[{entry.local_time}]({md_url(entry.url)})" if entry.url else entry.local_time
    parts = [_md_who(entry.author)]
    if entry.author.role != "public":
        parts.append(f"*{entry.author.role}*")
    parts.append(time)
    parts += [f"`{tag}`" for tag in entry.answers_to]
    if entry.reposts:
        parts.append(f"{entry.reposts} repost{'' if entry.reposts == 1 else 's'}")
    if entry.likes:
        parts.append(f"{entry.likes} like{'' if entry.likes == 1 else 's'}")
    if entry.replying_to:
        parts.append(f"[in reply to an earlier post](#{entry.replying_to})")
    elif entry.parent_missing:
        parts.append("in reply to a post not in this transcript")
    if entry.quoting:
        parts.append(f"[quoting an earlier post](#{entry.quoting})")
    return " · ".join(parts)


def _md_entry(entry: Entry, depth: int, out: list[str]) -> None:
    indent = "  " * depth
    out.append(f'{indent}- <a id="{entry.anchor}"></a>{_md_meta(entry)}')
    for line in _md_segments(entry.segments):
        out[-1] += "  "
        out.append(f"{indent}  {line}")
    for reply in entry.replies:
        _md_entry(reply, depth + 1, out)


def _md_header(h: Header, t: Transcript) -> list[str]:
    title = md_escape(h.title + (f": {h.theme}" if h.theme else ""))
    line = f"**{md_escape(h.date_local)}, {h.start_local}–{h.end_local} ({md_escape(h.zone)})**"
    if h.host:
        line += f" · hosted by {_md_link(h.host.display, h.host.href)}"
    if h.hashtags:
        line += " · " + " ".join(md_escape("#" + tag) for tag in h.hashtags)
    facts = [f"{h.posts} posts"] + ([f"{h.reposts} reposts"] if t.with_reposts else []) + [
        f"{h.people} people taking part", f"{h.participants} registered participants", f"{h.questions} questions"]
    return [f"# {title}", "", line, "", " · ".join(facts), ""]


def _md_questions(t: Transcript, out: list[str]) -> None:
    out += ["## Questions and answers", ""]
    for q in t.questions:
        planned = f": {md_escape(q.planned)}" if q.planned else ""
        out += [f'### <a id="{q.tag}"></a>{q.tag}{planned}', ""]
        if q.question:
            _md_entry(q.question, 0, out)
        else:
            out.append(f"*The host's post for {q.tag} is not in the data.*")
        n = len(q.answers)
        out += ["", f"**{n} answer{'' if n == 1 else 's'}**", ""]
        for answer in q.answers:
            _md_entry(answer, 0, out)
        out.append("")


def _md_people(t: Transcript, out: list[str]) -> None:
    out += ["## Who took part", ""]
    if t.most_active:
        out += ["Most active: " + ", ".join(f"{_md_link(p.author.display, p.author.href)} ({p.posts})"
                                            for p in t.most_active) + ".", ""]
    if t.first_timers is None:
        out += ["This is the first session we have data for, so everyone is new.", ""]
    elif t.first_timers:
        out += ["First time here: " + ", ".join(_md_link(p.author.display, p.author.href)
                                                for p in t.first_timers) + ".", ""]
    head = "| Account | Role | Posts |" + (" Reposts |" if t.with_reposts else "") + " First time |"
    out += [head, "|---|---|--:|" + ("--:|" if t.with_reposts else "") + "---|"]
    for p in t.people:
        reposts = f" {p.reposts} |" if t.with_reposts else ""
        out.append(f"| {_md_link(p.author.display, p.author.href)} | {p.author.role} | {p.posts} |{reposts} "
                   f"{'yes' if p.first_timer else ''} |")
    out.append("")


def render_markdown(transcript: Transcript) -> str:
    """GitHub-flavoured Markdown: headings, nested lists for threads, a table of who took part."""
    out = _md_header(transcript.header, transcript)
    if transcript.questions:
        _md_questions(transcript, out)
    out += ["## Other conversations" if transcript.questions else "## Conversations", ""]
    for entry in transcript.threads:
        _md_entry(entry, 0, out)
    if not transcript.threads:
        out.append("*None.*")
    out.append("")
    _md_people(transcript, out)
    out.append(f"*Times are in {md_escape(transcript.header.zone)}. "
               + ("Members of the public are shown under stable pseudonyms. " if transcript.pseudonymised else "")
               + ("Reposts are counted, not repeated.*" if transcript.with_reposts else "Reposts are left out.*"))
    return "\n".join(out) + "\n"


def render(transcript: Transcript, fmt: str) -> bytes:
    """The transcript in `fmt` ('html', 'md' or 'pdf') as bytes ready to write."""
    if fmt == "html":
        return render_html(transcript).encode()
    if fmt == "md":
        return render_markdown(transcript).encode()
    if fmt == "pdf":
        return render_pdf(transcript)
    raise ValueError(f"unknown transcript format {fmt!r}; choose one of {', '.join(FORMATS)}")
