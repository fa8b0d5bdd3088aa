"""TAGS archive CSV: hand-written rows for each edge case, mapped and imported through the real pipeline."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from tests.sources.mapping_helpers import (
    import_into,
    map_file,
    posts_of,
    rejects_of,
    snapshots_of,
    stored_posts,
)
from tweetathon.sources import tags_csv
from tweetathon.sources.base import read_head
from tweetathon.store.store import Store

HEADER = ["id_str", "from_user", "text", "created_at", "time", "geo_coordinates", "user_lang",
          "in_reply_to_user_id_str", "in_reply_to_screen_name", "from_user_id_str", "in_reply_to_status_id_str",
          "source", "profile_image_url", "user_followers_count", "user_friends_count", "user_location",
          "status_url", "entities_str"]
ENTITIES = ('{"hashtags":[{"text":"PolTwt","indices":[0,7]}],"user_mentions":[{"screen_name":"GMPolice",'
            '"id_str":"1"}],"urls":[{"url":"https://t.co/x","expanded_url":"https://gmp.police.uk/"}],'
            '"media":[{"id_str":"9"}]}')


def row(**values: str) -> list[str]:
    base = {name: "NA" for name in HEADER}
    base.update(id_str="100", from_user="PC_Jones", text="hello", created_at="Sun Apr 19 19:22:23 +0000 2020",
                time="2020-04-19T20:22:23Z", from_user_id_str="42", user_followers_count="70",
                user_friends_count="12", user_location="Manchester")
    base.update(values)
    return [base[name] for name in HEADER]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_sniff_recognises_the_tags_header_only(tmp_path: Path) -> None:
    tags = write_csv(tmp_path / "a.csv", [row()])
    other = write_csv(tmp_path / "b.csv", [["1", "x"]], header=["id", "text"])
    assert tags_csv.sniff(read_head(tags), tags)
    assert not tags_csv.sniff(read_head(other), other)
    assert not tags_csv.sniff('{"id_str": "1", "from_user": "a", "text": "", "created_at": ""}', other)


def test_created_at_is_trusted_and_time_ignored(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [row(time="2020-04-19T20:22:23Z")])
    (post,) = posts_of(map_file(tags_csv, path))
    assert post.created_at == datetime(2020, 4, 19, 19, 22, 23, tzinfo=UTC)


def test_entities_str_gives_hashtags_mentions_urls_and_media(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [row(text="#PolTwt @GMPolice https://t.co/x", entities_str=ENTITIES)])
    (post,) = posts_of(map_file(tags_csv, path))
    assert post.hashtags == ("poltwt",)
    assert post.mentions == ("gmpolice",)
    assert post.urls == ("https://gmp.police.uk/",)
    assert post.media_count == 1


def test_without_entities_they_come_from_the_text(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [row(text="Out on patrol #PolTwt #BSP24 with @gmpolice https://x.org/a.")])
    (post,) = posts_of(map_file(tags_csv, path))
    assert post.hashtags == ("poltwt", "bsp24")
    assert post.mentions == ("gmpolice",)
    assert post.urls == ("https://x.org/a",)


def test_retweets_replies_and_originals(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [
        row(id_str="1", text="RT @GMPolice: Stay safe tonight #gmp24"),
        row(id_str="2", text="@GMPolice thanks", in_reply_to_status_id_str="77", in_reply_to_user_id_str="5"),
        row(id_str="3", text="An RT @someone: in the middle is not a retweet"),
    ])
    by_id = {p.post_id: p for p in posts_of(map_file(tags_csv, path))}
    assert by_id["1"].kind == "repost"
    assert by_id["2"].kind == "reply"
    assert (by_id["2"].in_reply_to_post_id, by_id["2"].in_reply_to_author_id) == ("77", "5")
    assert by_id["3"].kind == "original"


def test_na_means_unknown_not_zero(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [row(user_followers_count="NA", user_friends_count="", user_location="NA")])
    records = map_file(tags_csv, path)
    (snap,) = snapshots_of(records)
    (post,) = posts_of(records)
    assert snap.followers is None and snap.following is None and snap.location is None
    assert post.author_followers is None
    assert post.in_reply_to_post_id is None and post.lang is None


def test_snapshot_observed_at_the_rows_created_at(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [row()])
    (snap,) = snapshots_of(map_file(tags_csv, path))
    assert (snap.account_id, snap.handle, snap.followers, snap.following, snap.location) == (
        "42", "PC_Jones", 70, 12, "Manchester")
    assert snap.observed_at == datetime(2020, 4, 19, 19, 22, 23, tzinfo=UTC)


def test_malformed_rows_are_rejected_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    lines = [",".join(HEADER),
             ",".join(row(id_str="1")),                                     # line 2
             ",".join(row(id_str="2", text='"two\nlines"')),                # lines 3-4
             "3,cut,off",                                                   # line 5: too few fields
             ",".join(row(id_str="1.25E+18")),                              # line 6: id mangled by a spreadsheet
             ",".join(row(id_str="4", created_at="yesterday")),             # line 7
             ",".join(row(id_str="5", from_user_id_str="NA")),              # line 8
             ",".join(row(id_str="6"))]                                     # line 9
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = map_file(tags_csv, path)
    assert {p.post_id for p in posts_of(records)} == {"1", "2", "6"}
    assert {p.post_id: p.provenance.line for p in posts_of(records) if p.provenance} == {"1": 2, "2": 3, "6": 9}
    rejects = {r.line: r.reason for r in rejects_of(records)}
    assert rejects == {5: "too few fields", 6: "invalid id", 7: "invalid created_at", 8: "missing required field"}
    assert all(r.file == str(path) for r in rejects_of(records))


def test_import_keeps_ids_as_text_and_is_idempotent(sqlite_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [row(id_str="1251954312772812801"), row(id_str="1248064163211096064")])
    first = import_into(sqlite_store, path, tags_csv)
    second = import_into(sqlite_store, path, tags_csv)
    assert (first.posts_new, first.snapshots_new) == (2, 1)
    assert (second.posts_new, second.posts_updated, second.snapshots_new) == (0, 0, 0)
    assert set(stored_posts(sqlite_store)) == {"1251954312772812801", "1248064163211096064"}
