"""`tweetathon transcript` on a chat built post by post, on SQLite and PostgreSQL: questions, answers, threads,
reposts, people, first-timers, pseudonyms, Markdown, and clear errors."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import update
from typer.testing import CliRunner

from tests.reports.transcript_chat import (
    HOST,
    QUESTIONS,
    Chat,
    build_chat,
    read_structure,
    store_chat,
)
from tweetathon.cli import app
from tweetathon.store.schema import events
from tweetathon.store.store import Store


def run(runner: CliRunner, db_url: str, *args: str) -> str:
    result = runner.invoke(app, ["transcript", "polchat", "--db", db_url, *args])
    assert result.exit_code == 0, result.output
    return result.output


def session_page(store: Store, db_url: str, runner: CliRunner, tmp_path: Path, *options: str) -> tuple[Chat, str]:
    """The built chat, stored, and the HTML transcript of its 2026-01-08 session, the public named (these tests
    follow handles; the default, pseudonyms, is tested below)."""
    chat = build_chat()
    store_chat(store, chat)
    out = tmp_path / "t.html"
    run(runner, db_url, "--session", "2026-01-08", "--name-public", *options, "--out", str(out))
    return chat, out.read_text(encoding="utf-8")


def test_every_answer_sits_under_its_question_and_replies_nest(store: Store, db_url: str, runner: CliRunner,
                                                               tmp_path: Path) -> None:
    chat, page = session_page(store, db_url, runner, tmp_path)
    found = read_structure(page)
    for tag, ids in chat.answers.items():
        placed = {k for k, section in found.section_of.items() if section == tag and found.direct_answer[k]}
        assert placed == ids, tag
    for tag, post_id in chat.question_posts.items():
        assert found.section_of[post_id] == tag and not found.direct_answer[post_id]
    for child, parent in chat.parent.items():
        assert found.nested_in[child] == parent
    shown = {p.post_id for p in chat.posts if p.kind != "repost"}
    assert set(found.section_of) == shown  # every post once, reposts folded, the late post left out
    for n, text in enumerate(QUESTIONS, start=1):
        assert f"Q{n}: <span class=\"planned\">{text}</span>" in page


def test_header_people_first_timers_and_reposts(store: Store, db_url: str, runner: CliRunner,
                                                tmp_path: Path) -> None:
    chat, page = session_page(store, db_url, runner, tmp_path)
    written = [p for p in chat.posts if p.kind != "repost"]
    reposts = [p for p in chat.posts if p.kind == "repost"]
    people = {p.author_handle for p in chat.posts}
    assert "Thursday 8 January 2026, 13:00–14:00 (Europe/London)" in page
    assert f"<b>{len(written)}</b> posts" in page and f"<b>{len(reposts)}</b> reposts" in page
    assert f"<b>{len(people)}</b> people taking part" in page
    assert "<b>3</b> registered participants" in page  # two registered accounts and the host
    assert "Online abuse" in page and f"hosted by <a class=\"who\" href=\"https://x.com/{HOST}\"" in page
    first = re.search(r"First time here: (.*?)\.</p>", page)
    assert first is not None
    assert set(re.findall(r">(@\w+)<", first.group(1))) == chat.first_timers
    assert re.search(r"3 reposts", page)
    top = re.search(r"Most active: <a class=\"who\" [^>]+>(@\w+)</a> \((\d+)\)", page)
    counts = {h: sum(1 for p in written if p.author_handle == h) for h in people}
    assert top is not None and int(top.group(2)) == max(counts.values()) and counts[top.group(1)[1:]] == max(
        counts.values())


def test_without_reposts_leaves_them_out(store: Store, db_url: str, runner: CliRunner, tmp_path: Path) -> None:
    _chat, page = session_page(store, db_url, runner, tmp_path, "--without-reposts")
    assert "reposts</li>" not in page and "3 reposts" not in page
    assert "Reposts are left out." in page


def test_public_is_pseudonymised_by_default_stably_and_named_when_the_event_says_so(
        store: Store, db_url: str, runner: CliRunner, tmp_path: Path) -> None:
    chat = build_chat()
    store_chat(store, chat)
    pages = []
    for name in ("a.html", "b.html"):
        run(runner, db_url, "--session", "2026-01-08", "--out", str(tmp_path / name))
        pages.append((tmp_path / name).read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
    page = pages[0]
    assert "resident_jo" not in page and "newcomer_sam" not in page and "id-resident_jo" not in page
    residents = set(re.findall(r"Resident [A-Z2-7]{8}", page))
    assert len(residents) == 2
    assert "@gmpolice" in page and "@metpoliceuk" in page and f"@{HOST}" in page
    assert "Members of the public are shown under stable pseudonyms" in page
    public_posts = {p.post_id for p in chat.posts if p.author_handle in ("resident_jo", "newcomer_sam")}
    assert public_posts and not any(post_id in page for post_id in public_posts)  # an id leads to its author
    run(runner, db_url, "--session", "2026-01-08", "--out", str(tmp_path / "t.md"))
    markdown = (tmp_path / "t.md").read_text(encoding="utf-8")
    assert set(re.findall(r"Resident [A-Z2-7]{8}", markdown)) == residents and "resident_jo" not in markdown
    assert not any(post_id in markdown for post_id in public_posts)

    with store.begin() as conn:  # another event's secret gives other pseudonyms
        conn.execute(update(events).values(pseudonym_secret="ab" * 32))
    run(runner, db_url, "--session", "2026-01-08", "--out", str(tmp_path / "c.html"))
    other = set(re.findall(r"Resident [A-Z2-7]{8}", (tmp_path / "c.html").read_text()))
    assert len(other) == 2 and other.isdisjoint(residents)

    assert runner.invoke(app, ["event", "set", "polchat", "--name-public", "--db", db_url]).exit_code == 0
    run(runner, db_url, "--session", "2026-01-08", "--out", str(tmp_path / "named.html"))
    named = (tmp_path / "named.html").read_text(encoding="utf-8")
    assert "@resident_jo" in named and "@newcomer_sam" in named and "Resident " not in named
    assert sum(post_id in named for post_id in public_posts) >= 3  # those shown (not reposts, inside the hour)


def test_markdown_groups_answers_and_nests_replies(store: Store, db_url: str, runner: CliRunner,
                                                   tmp_path: Path) -> None:
    chat = build_chat()
    store_chat(store, chat)
    out = tmp_path / "t.md"
    run(runner, db_url, "--session", "2026-01-08", "--name-public", "--out", str(out))
    section = None
    top_level: dict[str, set[str]] = {}
    parents: dict[str, str] = {}
    last_at_depth: dict[int, str] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        heading = re.match(r'### <a id="(Q\d+)"></a>', line)
        if heading:
            section = heading.group(1)
        elif line.startswith("## "):
            section = None
        item = re.match(r'^( *)- <a id="post-x-(\d+)"></a>', line)
        if item:
            depth, post_id = len(item.group(1)) // 2, item.group(2)
            last_at_depth[depth] = post_id
            if depth == 0 and section:
                top_level.setdefault(section, set()).add(post_id)
            if depth:
                parents[post_id] = last_at_depth[depth - 1]
    for tag, ids in chat.answers.items():
        assert top_level[tag] == ids | {chat.question_posts[tag]}
    assert {c: parents[c] for c in chat.parent} == chat.parent


def test_from_to_with_host_option_matches_the_session(store: Store, db_url: str, runner: CliRunner,
                                                      tmp_path: Path) -> None:
    chat = build_chat()
    store_chat(store, chat)
    out = tmp_path / "t.html"
    run(runner, db_url, "--from", "2026-01-08T08:00", "--to", "2026-01-08T14:00Z", "--host", HOST,
        "--zone", "America/New_York", "--name-public", "--out", str(out))
    found = read_structure(out.read_text(encoding="utf-8"))
    for tag, ids in chat.answers.items():
        assert {k for k, s in found.section_of.items() if s == tag and found.direct_answer[k]} == ids
    assert "08:00–09:00 (America/New_York)" in out.read_text(encoding="utf-8")


def test_user_errors_are_messages(store: Store, db_url: str, runner: CliRunner, tmp_path: Path) -> None:
    chat = build_chat()
    store_chat(store, chat)
    out = str(tmp_path / "t.html")
    cases = [
        (["transcript", "nosuch", "--session", "2026-01-08", "--out", out], "no event 'nosuch'"),
        (["transcript", "polchat", "--session", "2026-01-09", "--out", out], "Planned sessions: 2026-01-01"),
        (["transcript", "polchat", "--out", out], "either --session"),
        (["transcript", "polchat", "--from", "yesterday", "--to", "2026-01-08T14:00", "--out", out],
         "is not a date and time"),
        (["transcript", "polchat", "--session", "2026-01-08", "--zone", "Mars/Olympus", "--out", out],
         "unknown time zone"),
        (["transcript", "polchat", "--session", "2026-01-08", "--format", "docx", "--out", out], "unknown format"),
    ]
    for args, message in cases:
        result = runner.invoke(app, [*args, "--db", db_url])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output
