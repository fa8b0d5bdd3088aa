"""Issue 17, import side: files a hostile or unlucky user could hand an organiser, run through the real command.

Every case puts good records around the bad one and checks that the good ones are imported, that no traceback
is printed, and the documented exit status: 0 when every file was read (rejects reported), 2 when a file could
not be recognised or read to its end (the other files still imported).
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.hardening_data import (
    TAGS_HEADER,
    TWARC_CSV_HEADER,
    around,
    csv_text,
    jsonl,
    mastodon_status,
    tags_row,
    twarc2_line,
    twarc2_tweet,
    twarc_csv_row,
    v1_status,
    write_bad_time_files,
)
from tweetathon.organise.participants import read_rows

TWEETATHON = str(Path(sys.executable).parent / "tweetathon")


def cli(*args: str, db: Path) -> tuple[int, str, str]:
    """Run the installed `tweetathon` command; never a traceback, whatever the input."""
    env = {**os.environ, "TWEETATHON_DB": str(db), "COLUMNS": "200"}
    result = subprocess.run([TWEETATHON, *args], capture_output=True, text=True, env=env, timeout=300)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]
    return result.returncode, result.stdout, result.stderr


def imported(*paths: Path, db: Path, extra: tuple[str, ...] = ()) -> tuple[int, dict[str, dict[str, object]], str]:
    """(exit status, {file name: its summary}, stderr) of `tweetathon import --json`."""
    code, out, err = cli("import", *map(str, paths), "--json", *extra, db=db)
    files = {Path(str(f["path"])).name: f for f in orjson.loads(out)["files"]} if out.strip() else {}
    return code, files, err


def stored_posts(db: Path) -> int:
    code, out, _ = cli("stats", "--json", db=db)
    assert code == 0
    return int(orjson.loads(out)["posts"])


def test_times_out_of_range_are_rejects_in_every_format(tmp_path: Path) -> None:
    files = write_bad_time_files(tmp_path / "in", good=2)
    code, summaries, err = imported(tmp_path / "in", db=tmp_path / "t.db")
    assert code == 0, err
    assert {str(s["format"]) for s in summaries.values()} == set(files)
    for name, summary in summaries.items():
        assert summary["posts_new"] == 4, name
        assert set(summary["rejects"]) == {"time out of range"}, (name, summary["rejects"])  # type: ignore[arg-type]
    assert stored_posts(tmp_path / "t.db") == 4 * len(files)
    assert "time out of range" in err


def test_the_crashes_of_the_issue_are_one_reject_each(tmp_path: Path) -> None:
    deep_dict = b'{"data": ' + b'{"x": ' * 1000 + b'{"note": "no id"}' + b"}" * 1001 + b"\n"  # JSON writers refuse
    deep_list = b"[" * 1000 + b"]" * 1000 + b"\n"
    huge_id = twarc2_tweet(0, id="1" * 30)
    del huge_id["created_at"]
    twarc2 = tmp_path / "twarc2.jsonl"
    twarc2.write_bytes(b"".join([twarc2_line(twarc2_tweet(1)), twarc2_line(huge_id),
                                 deep_dict, twarc2_line(twarc2_tweet(2))]))
    mastodon = tmp_path / "mastodon.jsonl"
    mastodon.write_bytes(jsonl(around(mastodon_status(9, created_at="99999999999999999999"), mastodon_status))
                         + deep_list + jsonl([mastodon_status(5)]))
    code, summaries, err = imported(twarc2, mastodon, db=tmp_path / "t.db")
    assert code == 0, err
    assert summaries["twarc2.jsonl"]["posts_new"] == 2
    assert summaries["twarc2.jsonl"]["rejects"] == {"unmappable tweet": 1, "not a twarc2 record": 1}
    assert summaries["mastodon.jsonl"]["posts_new"] == 5
    assert summaries["mastodon.jsonl"]["rejects"] == {"time out of range": 1, "unmappable record": 1}
    rejects = [orjson.loads(line) for line in (tmp_path / "t.rejects.jsonl").read_bytes().splitlines()]
    assert {(Path(r["file"]).name, r["line"]) for r in rejects} == {
        ("twarc2.jsonl", 2), ("twarc2.jsonl", 3), ("mastodon.jsonl", 3), ("mastodon.jsonl", 6)}
    assert any("too large to be an X id" in r["detail"] for r in rejects)
    assert any("RecursionError" in r["detail"] for r in rejects)


def test_a_file_that_cannot_be_read_never_stops_the_others(tmp_path: Path) -> None:
    lines = [twarc2_line(twarc2_tweet(n)) for n in range(3000)]
    (tmp_path / "a_good.jsonl").write_bytes(b"".join(lines[:10]))
    (tmp_path / "b_corrupt.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(4000))
    whole = gzip.compress(b"".join(lines[10:]))
    (tmp_path / "c_cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "d_good.jsonl").write_bytes(b"".join(lines[:5]) + twarc2_line(twarc2_tweet(5000)))
    db = tmp_path / "t.db"
    code, summaries, err = imported(tmp_path, db=db)
    assert code == 2
    assert "b_corrupt.jsonl.gz: cannot be read" in err.replace("\n", "")
    assert "c_cut.jsonl.gz: reading stopped" in err.replace("\n", "")
    cut = summaries["c_cut.jsonl.gz"]
    assert cut["status"] == "failed" and 0 < int(str(cut["posts_new"])) < 2990
    assert summaries["a_good.jsonl"]["posts_new"] == 10 and summaries["d_good.jsonl"]["posts_new"] == 1
    assert stored_posts(db) == 11 + int(str(cut["posts_new"]))
    _, out, _ = cli("runs", "--json", db=db)
    assert sorted(r["status"] for r in orjson.loads(out)) == ["done", "done", "failed"]


def _bomb(path: Path, first: bytes, gib: int) -> Path:
    """A .jsonl.gz holding `first` and then `gib` GiB of NUL bytes, written as repeated gzip members of 64 MiB
    each (a valid gzip file: readers join the members), so the file is ~1 MB a GiB and nothing big is written."""
    member = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
    with path.open("wb") as fh:
        fh.write(gzip.compress(first))
        for _ in range(gib * 16):
            fh.write(member)
    return path


def test_a_compression_bomb_stops_with_a_message_and_keeps_what_came_before(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.jsonl.gz", twarc2_line(twarc2_tweet(1)), gib=10)
    good = tmp_path / "good.jsonl"
    good.write_bytes(twarc2_line(twarc2_tweet(2)))
    code, summaries, err = imported(bomb, good, db=tmp_path / "t.db")
    assert code == 2
    assert "compression bomb" in err and "TWEETATHON_MAX_COMPRESSION_RATIO" in err.replace("\n", "")
    assert summaries["bomb.jsonl.gz"]["status"] == "failed" and summaries["bomb.jsonl.gz"]["posts_new"] == 1
    assert summaries["good.jsonl"]["posts_new"] == 1


def test_a_record_over_the_limit_is_one_reject(tmp_path: Path) -> None:
    big = twarc2_tweet(1, text="x" * 50_000)
    data = tmp_path / "big.jsonl"
    data.write_bytes(twarc2_line(twarc2_tweet(0)) + twarc2_line(big) + twarc2_line(twarc2_tweet(2)))
    code, summaries, err = imported(data, db=tmp_path / "t.db", extra=("--max-record-bytes", "20000"))
    assert code == 0, err
    assert summaries["big.jsonl"]["posts_new"] == 2
    assert summaries["big.jsonl"]["rejects"] == {"record too long": 1}
    assert "--max-record-bytes" in (tmp_path / "t.rejects.jsonl").read_text()
    code, summaries, _ = imported(data, db=tmp_path / "t.db", extra=("--force",))  # default limit: 10 MB
    assert summaries["big.jsonl"]["posts_new"] == 1 and summaries["big.jsonl"]["rejects"] == {}


def test_a_bad_first_record_does_not_hide_the_format(tmp_path: Path) -> None:
    good = [twarc2_line(twarc2_tweet(n)) for n in range(1, 5)]
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(good[0][:40] + b"\n" + b"".join(good))
    nul = tmp_path / "nul.jsonl"
    nul.write_bytes(good[0][:30] + b"\0" + good[0][30:] + b"".join(good[1:]))
    floats = tmp_path / "floats.json"
    first = v1_status(0) | {"id": 1.6e18, "user": {"id": 4.2e1, "screen_name": "gmp"}}
    del first["id_str"]
    floats.write_bytes(orjson.dumps([first, v1_status(1), v1_status(2), v1_status(3)]))
    code, summaries, err = imported(cut, nul, floats, db=tmp_path / "t.db")
    assert code == 0, err
    assert summaries["cut.jsonl"]["format"] == "twarc2" and summaries["cut.jsonl"]["posts_new"] == 4
    assert summaries["cut.jsonl"]["rejects"] == {"invalid JSON": 1}
    assert summaries["nul.jsonl"]["format"] == "twarc2" and summaries["nul.jsonl"]["rejects"] == {"invalid JSON": 1}
    assert summaries["floats.json"]["format"] == "x-v1" and summaries["floats.json"]["posts_new"] == 3
    assert summaries["floats.json"]["rejects"] == {"status without id_str": 1}


def test_an_unknown_database_url_is_a_clear_message(tmp_path: Path) -> None:
    code, _, err = cli("stats", "--db", "foo://bar", db=tmp_path / "unused.db")
    assert code == 2
    assert "'foo' databases are not supported" in err
    assert "postgresql+psycopg://" in err and "SQLite" in err


PARTICIPANTS = [["platform", "handle", "agency", "role", "address", "city", "country"],
                ["x", "gmpolice", "Greater Manchester Police", "agency", "", "Manchester", "GB"],
                ["x", "policiamadrid", "Policía Municipal", "agency", "Calle Mayor", "Madrid", "ES"],
                ["x", "polizei_koeln", "Polizei Köln", "agency", "", "Köln", "DE"]]


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8-sig", ","), ("cp1252", ";"), ("utf-16", "\t"),
                                                     ("latin-1", "\t"), ("utf-8", ";")])
def test_participants_csv_as_spreadsheets_save_it(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(csv_text(PARTICIPANTS[0], PARTICIPANTS[1:], delimiter).encode(encoding))
    rows = [row for _, row in read_rows(path)]
    assert [(r["handle"], r["agency"], r["city"]) for r in rows] == [(p[1], p[2], p[5]) for p in PARTICIPANTS[1:]]


def test_participants_import_of_an_excel_latin_1_semicolon_file(tmp_path: Path) -> None:
    encoding, delimiter = "cp1252", ";"
    db = tmp_path / "t.db"
    assert cli("event", "create", "poltwt", "--name", "P", "--hashtag", "poltwt", "--start", "2026-03-22T00:00Z",
               "--end", "2026-03-23T00:00Z", db=db)[0] == 0
    path = tmp_path / "people.csv"
    path.write_bytes(csv_text(PARTICIPANTS[0], PARTICIPANTS[1:], delimiter).encode(encoding))
    code, out, err = cli("participants", "import", str(path), "--event", "poltwt", "--json", db=db)
    assert code == 0, err
    assert orjson.loads(out)["imported"] == 3
    _, out, _ = cli("participants", "list", "--event", "poltwt", "--json", db=db)
    assert {p["agency"] for p in orjson.loads(out)} == {"Greater Manchester Police", "Policía Municipal",
                                                        "Polizei Köln"}


def test_a_binary_participants_file_is_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    cli("event", "create", "poltwt", "--name", "P", "--hashtag", "poltwt", "--start", "2026-03-22T00:00Z",
        "--end", "2026-03-23T00:00Z", db=db)
    path = tmp_path / "people.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 20)
    code, _, err = cli("participants", "import", str(path), "--event", "poltwt", db=db)
    assert code == 2 and "not a CSV text file" in err
    pipes = tmp_path / "pipes.csv"
    pipes.write_text("|".join(PARTICIPANTS[0]) + "\n")
    code, _, err = cli("participants", "import", str(pipes), "--event", "poltwt", db=db)
    assert code == 2 and "missing column(s)" in err and "semicolons or tabs" in err


@pytest.mark.parametrize(("encoding", "delimiter"), [("cp1252", ";"), ("utf-16", "\t")])
def test_tags_and_twarc_csv_in_other_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    tags = tmp_path / "tags.csv"
    rows = [tags_row(n) for n in range(3)]
    rows[1][2] = "Café près de la gare #poltwt"
    tags.write_bytes(csv_text(TAGS_HEADER, rows, delimiter).encode(encoding))
    twarc = tmp_path / "twarc.csv"
    twarc.write_bytes(csv_text(TWARC_CSV_HEADER, [twarc_csv_row(n) for n in range(2)], delimiter).encode(encoding))
    code, summaries, err = imported(tags, twarc, db=tmp_path / "t.db")
    assert code == 0, err
    assert (summaries["tags.csv"]["format"], summaries["tags.csv"]["posts_new"]) == ("tags-csv", 3)
    assert (summaries["twarc.csv"]["format"], summaries["twarc.csv"]["posts_new"]) == ("twarc-csv", 2)
    _, out, _ = cli("export", "--format", "csv", db=tmp_path / "t.db")
    assert "Café près de la gare #poltwt" in out
