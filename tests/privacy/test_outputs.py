"""Privacy and safety checked on the outputs themselves, on SQLite and PostgreSQL: event exports count what the
figures count, never hold deleted or withheld posts, pseudonymise the public by default (named when the event
says so); formula cells are neutralised; purge and retention empty the database of what they should and change no
figure that counts."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import select
from typer.testing import CliRunner

from tests.reports import impact_scenario as scenario
from tweetathon import analysis
from tweetathon.cli import app
from tweetathon.model import AccountSnapshot, Metrics, Participant, Post
from tweetathon.store.organise import save_participants
from tweetathon.store.schema import account_snapshots, posts
from tweetathon.store.store import Store

PUBLIC = ("dave", "erin", "mallory", "pending", "zed")
PARTICIPANT_POSTS = {"101", "102", "103", "105", "106", "108"}
D = datetime(2024, 3, 22, tzinfo=UTC)


def build(store: Store) -> None:
    """The impact scenario, plus a withheld post by dave (counted by figures), a post linked to the event at
    import without its hashtag (context), and a snapshot of an account with nothing to do with the event."""
    scenario.build(store)
    withheld = scenario.post("115", "dave", scenario.at(D, 17), "Withheld words #poltwt", withheld=True)
    context = scenario.post("116", "erin", scenario.at(D, 18), "linked at import, no tag", hashtags=())
    store.write_batch([withheld], [AccountSnapshot("x", "99", "nobody", D, followers=5, source_format="test")])
    store.write_batch([context], event_id=store.event_id("spring"))


def cli(db: str, *args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return result


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_event_export_is_the_counted_posts_with_the_public_pseudonymised(store: Store, db_url: str,
                                                                          tmp_path: Path) -> None:
    build(store)
    total = analysis.figures(store, "spring")["posts"]["total"]
    assert total == scenario.EXPECTED_SPRING["total"] + 1  # the withheld post counts in figures
    out = tmp_path / "spring.csv"
    result = cli(db_url, "export", "--event", "spring", "--out", str(out))
    rows = read_csv(out)
    assert len(rows) == total - 1  # every counted post but the withheld one
    assert f"of the {total} posts the figures of spring count; 1 withheld" in result.output
    assert {r["event_post"] for r in rows} == {"counted"}
    ids = {r["id"] for r in rows}
    assert ids >= PARTICIPANT_POSTS and not ids & {"104", "107", "109", "110", "111", "114", "115", "116"}
    assert all(re.fullmatch(r"p[0-9a-f]{16}", i) for i in ids - PARTICIPANT_POSTS)
    text = out.read_text(encoding="utf-8").lower()
    cells = {v.lower() for r in rows for v in r.values()}
    for who in PUBLIC:
        assert who not in cells and f"@{who}" not in text and f"/{who}/" not in text, who
    public_ids = {scenario.IDS[w] for w in PUBLIC}
    for row in rows:
        assert not {row["author_id"], row["author.id"], row["in_reply_to_user_id"]} & public_ids
    answer = next(r for r in rows if r["id"] == "105")  # gmpolice replying to dave
    assert re.fullmatch(r"Resident [A-Z2-7]{8} The open day is on Saturday from ten #poltwt", answer["text"])
    assert answer["referenced_tweets.replied_to.id"] == next(
        r["id"] for r in rows if r["text"].startswith("'@gmpolice When is the open day"))  # the thread still joins
    assert "gmpolice" in {r["author.username"] for r in rows}


def test_event_export_names_the_public_when_the_event_says_so_and_labels_context(store: Store, db_url: str,
                                                                                 tmp_path: Path) -> None:
    build(store)
    cli(db_url, "event", "set", "spring", "--name-public")
    out = tmp_path / "spring.csv"
    result = cli(db_url, "export", "--event", "spring", "--include-context", "--out", str(out))
    rows = {r["id"]: r for r in read_csv(out)}
    assert rows["104"]["author.username"] == "dave" and rows["105"]["text"].startswith("'@dave The open day")
    assert rows["116"]["event_post"] == "context" and "111" not in rows and "115" not in rows
    assert "plus 1 context posts" in result.output and "named" in result.output


def test_jsonl_of_a_pseudonymised_event_holds_no_name_handle_or_id_of_the_public(store: Store, db_url: str,
                                                                                 tmp_path: Path) -> None:
    build(store)
    out = tmp_path / "spring.jsonl"
    cli(db_url, "export", "--event", "spring", "--format", "jsonl", "--out", str(out))
    lines = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert len(lines) == analysis.figures(store, "spring")["posts"]["total"] - 1
    blob = out.read_text(encoding="utf-8").lower()
    for who in PUBLIC:
        assert f'"{who}"' not in blob and f"@{who}" not in blob and f"/{who}/" not in blob, who
    for line in lines:
        assert line.get("author_id") not in {scenario.IDS[w] for w in PUBLIC}
        assert line["id"] in PARTICIPANT_POSTS or line["id"].startswith("p")


def test_stats_of_an_event_agree_with_figures_and_count_only_its_accounts(store: Store, db_url: str) -> None:
    build(store)
    figures = analysis.figures(store, "spring")
    stats = orjson.loads(cli(db_url, "stats", "--event", "spring", "--json").stdout)
    assert stats["posts"] == figures["posts"]["total"]
    assert {k: stats[k] for k in ("originals", "replies", "quotes", "reposts")} == {
        k: figures["posts"][k] for k in ("originals", "replies", "quotes", "reposts")}
    assert stats["context"] == 1 and stats["deleted"] == 1
    assert (stats["accounts"], stats["snapshots"]) == (4, 5)  # gmpolice x2, polisen, nswpolice, dave; not nobody
    whole = orjson.loads(cli(db_url, "stats", "--json").stdout)
    assert (whole["accounts"], whole["snapshots"]) == (5, 6)


def test_formula_cells_are_neutralised_unless_raw_cells(sqlite_store: Store, tmp_path: Path) -> None:
    evil = scenario.post("301", "dave", scenario.at(D, 9), "=HYPERLINK(\"http://evil.example\",\"win\")")
    semi = scenario.post("302", "erin", scenario.at(D, 9), "fine;=1+1 then\ttab")
    name = AccountSnapshot("x", scenario.IDS["dave"], "dave", D, name="+cmd|' /C calc'!A0", source_format="t")
    sqlite_store.write_batch([evil, semi], [name])
    out = tmp_path / "all.csv"
    cli(sqlite_store.url, "export", "--out", str(out))
    rows = {r["id"]: r for r in read_csv(out)}
    assert rows["301"]["text"] == "'=HYPERLINK(\"http://evil.example\",\"win\")"
    assert rows["301"]["author.name"] == "'+cmd|' /C calc'!A0"
    assert rows["302"]["text"] == "fine;=1+1 then\ttab"
    assert '"fine;=1+1 then\ttab"' in out.read_text(encoding="utf-8")  # quoted: a ';' never starts a cell
    for row in rows.values():
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values())
    cli(sqlite_store.url, "export", "--raw-cells", "--out", str(out))
    rows = {r["id"]: r for r in read_csv(out)}
    assert rows["301"]["text"] == evil.text and rows["301"]["author.name"] == "+cmd|' /C calc'!A0"


def test_official_list_neutralises_a_formula_agency(sqlite_store: Store, tmp_path: Path) -> None:
    scenario.build(sqlite_store)
    hostile = Participant(event="spring", platform="x", handle="evil", agency="=HYPERLINK(\"http://x\")",
                          country="GB", status="approved")
    save_participants(sqlite_store, "spring", [(hostile, "")])
    out = tmp_path / "list.csv"
    cli(sqlite_store.url, "list", "spring", "--out", str(out))
    agencies = {r["handle"]: r["agency"] for r in read_csv(out)}
    assert agencies["evil"] == "'=HYPERLINK(\"http://x\")"
    assert agencies["gmpolice"] == "Greater Manchester Police"
    cli(sqlite_store.url, "list", "spring", "--raw-cells", "--out", str(out))
    assert {r["handle"]: r["agency"] for r in read_csv(out)}["evil"] == "=HYPERLINK(\"http://x\")"


def stored(store: Store, *ids: str) -> dict[str, tuple[Any, ...]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(posts.c.post_id, posts.c.text, posts.c.raw, posts.c.author_handle,
                                   posts.c.purged_at).where(posts.c.post_id.in_(ids))).all()
    return {r[0]: tuple(r[1:]) for r in rows}


COUNTING = ("posts", "participants", "potential_reach", "languages", "countries")


def counting(store: Store) -> dict[str, Any]:
    figures = analysis.figures(store, "spring")
    return {k: figures[k] for k in COUNTING}


def test_purge_removes_deleted_and_withheld_text_and_payload_and_changes_no_count(store: Store, db_url: str) -> None:
    build(store)
    with store.begin() as conn:  # give them payloads to remove
        conn.execute(posts.update().where(posts.c.post_id.in_(["111", "115"])).values(raw=b"payload"))
    before = counting(store)
    cli(db_url, "purge")
    after = stored(store, "111", "115", "101")
    assert after["111"][:2] == ("", None) and after["115"][:2] == ("", None)
    assert after["111"][3] is not None and after["101"][0].startswith("Good morning")
    assert counting(store) == before
    log = orjson.loads(cli(db_url, "purge", "--log", "--json").stdout)
    assert [(r["kind"], r["posts"]) for r in log] == [("deleted", 2)]
    cli(db_url, "purge")
    assert orjson.loads(cli(db_url, "purge", "--log", "--json").stdout)[0]["posts"] == 0


def test_retention_purges_the_public_after_the_period_and_keeps_the_counts(store: Store, db_url: str) -> None:
    build(store)
    before = counting(store)
    cli(db_url, "event", "set", "spring", "--retention", "12m")
    from tweetathon.store.purge import apply_retention

    assert apply_retention(store, datetime(2025, 3, 1, tzinfo=UTC)) == []  # less than 12 months after
    done = apply_retention(store, datetime(2025, 3, 24, tzinfo=UTC))
    public = ("104", "107", "109", "110", "111", "114", "115", "116")  # 111: deleted, by the public too
    assert [(r.event, r.posts) for r in done] == [("spring", len(public))]
    rows = stored(store, *public, *PARTICIPANT_POSTS)
    for post_id in public:
        assert rows[post_id][:3] == ("", None, None) and rows[post_id][3] is not None, post_id
    for post_id in PARTICIPANT_POSTS:
        assert rows[post_id][0] and rows[post_id][2], post_id
    with store.engine.connect() as conn:
        dave = conn.execute(select(account_snapshots.c.handle, account_snapshots.c.followers).where(
            account_snapshots.c.account_id == scenario.IDS["dave"])).all()
    assert [tuple(r) for r in dave] == [(None, 12)]
    assert counting(store) == before
    newer = [replace(p, metrics=Metrics(likes=77)) for p in scenario.spring_posts()]
    store.write_batch(newer)  # a newer observation imported later: the purged text stays gone
    assert stored(store, "104")["104"][:3] == ("", None, None)
    assert apply_retention(store, datetime(2025, 3, 25, tzinfo=UTC))[0].posts == 0
    log = orjson.loads(cli(db_url, "retention", "log", "--json").stdout)
    assert [(r["kind"], r["event"], r["posts"]) for r in log] == [("retention", "spring", 0),
                                                                 ("retention", "spring", len(public))]


def test_no_export_holds_a_deleted_or_withheld_post(sqlite_store: Store, tmp_path: Path) -> None:
    build(sqlite_store)
    for fmt in ("csv", "jsonl"):
        for options in ((), ("--event", "spring"), ("--event", "spring", "--include-context")):
            out = tmp_path / f"out.{fmt}"
            cli(sqlite_store.url, "export", "--format", fmt, "--raw-cells", *options, "--out", str(out))
            text = out.read_text(encoding="utf-8")
            assert "DELETED-SECRET" not in text and "Withheld words" not in text, (fmt, options)
            if fmt == "csv":
                assert not {"111", "115"} & {r["id"] for r in read_csv(out)}


def round_trip_posts() -> list[Post]:
    """Posts that fill every column the export writes: metrics, references, mentions, URLs, place, language."""
    from tests.test_exports import sample_posts

    filled = []
    for n, p in enumerate(sample_posts()):
        url = p.url or (f"https://twitter.com/pc_jones/status/{p.post_id}" if p.platform == "x" else None)
        filled.append(replace(
            p, url=url, conversation_id=p.post_id if p.platform == "x" else p.conversation_id,
            in_reply_to_author_id="42" if p.in_reply_to_post_id else None, mentions=("gmpolice",),
            urls=("https://gmp.police.uk/news",), place_country="GB", author_followers=1100 + n,
            metrics=Metrics(likes=n, reposts=2 * n, replies=3, quotes=1, impressions=1000 + n, bookmarks=n)))
    return filled


def test_csv_round_trip_keeps_every_column(sqlite_store: Store, tmp_path: Path) -> None:
    """Export, import the export into a fresh database, export again: every column of every row is the same,
    and ids are always text (a float id such as 1.52e+18 fails this)."""
    items = round_trip_posts()
    profile = AccountSnapshot("x", "42", "pc_jones", D, name="PC Jones", description="Neighbourhood officer",
                              location="Bolton", followers=1200, following=300, posts=4000, source_format="t")
    sqlite_store.write_batch(items, [profile])
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    cli(sqlite_store.url, "export", "--raw-cells", "--out", str(first))
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    cli(fresh, "import", str(first), "--strict")
    cli(fresh, "export", "--raw-cells", "--out", str(second))
    a, b = read_csv(first), read_csv(second)
    assert len(a) == len(items) and list(a[0]) == list(b[0])
    filled = {k for row in a for k, v in row.items() if v}
    assert len(filled) >= 30  # the comparison covers every column the export fills
    for row_a, row_b in zip(a, b, strict=True):
        differing = {k: (row_a[k], row_b[k]) for k in row_a if row_a[k] != row_b[k]}
        assert differing == {}, differing
    for row in a:
        for column in ("id", "conversation_id", "referenced_tweets.replied_to.id", "author_id",
                       "in_reply_to_user_id"):
            assert "e+" not in row[column] and not row[column].endswith(".0"), (column, row[column])
    x_rows = [r for r in a if r["platform"] == "x"]
    assert all(r["conversation_id"] == r["id"] for r in x_rows)
