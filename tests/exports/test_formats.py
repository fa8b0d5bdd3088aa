"""`tweetathon export` in every format on a small simulated tweet-a-thon (800 posts; the 48k default takes
minutes to build here): counts equal the simulator's truth, GEXF repost weights equal the reposts counted from
the simulator's own files, Parquet read back by pyarrow and DuckDB gives the store's rows; the public is
pseudonymised unless the event names them."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import networkx as nx
import orjson
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests import simulated_store
from tweetathon import analysis
from tweetathon.cli import app
from tweetathon.store.schema import posts
from tweetathon.store.store import Store

pytestmark = pytest.mark.slow
GRAPH_ATTRIBUTES = {"timeformat", "start", "startopen", "end", "endopen", "defaultedgetype", "idtype", "mode"}
KINDS = {"original": "originals", "reply": "replies", "quote": "quotes", "repost": "reposts"}


class Event:
    def __init__(self, folder: Path) -> None:
        self.sim = folder / "sim"
        self.slug = simulated_store.simulate(self.sim)
        self.db = f"sqlite:///{folder / 't.db'}"
        simulated_store.build(self.db, self.sim)
        self.truth = orjson.loads((self.sim / "truth.json").read_bytes())["figures"]
        self.folder = folder

    def export(self, *args: str) -> str:
        result = CliRunner().invoke(app, ["export", "--event", self.slug, *args, "--db", self.db])
        assert result.exit_code == 0, result.stdout + result.stderr
        return result.stdout

    def name_public(self) -> None:
        simulated_store.cli(self.db, "event", "set", self.slug, "--name-public")

    def counted_ids(self) -> set[tuple[str, str]]:
        path = self.folder / "named.csv"
        self.export("--format", "csv", "--out", str(path))
        with path.open(encoding="utf-8", newline="") as fh:
            return {(r["platform"], r["id"]) for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Event:
    return Event(tmp_path_factory.mktemp("formats"))


def test_counts_per_hour_and_day_equal_the_simulators_truth(event: Event, tmp_path: Path) -> None:
    out = tmp_path / "counts.csv"
    event.export("--format", "counts", "--out", str(out))
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    zone = orjson.loads((event.sim / "event.json").read_bytes())["zone"]
    assert {r["zone"] for r in rows} == {"UTC", zone}
    utc_hours: Counter[str] = Counter()
    for r in rows:
        if r["period"] == "hour" and r["zone"] == "UTC":
            utc_hours[r["start"].replace("+00:00", "Z")] += int(r["posts"])
    assert utc_hours == {hour: n for hour, n in event.truth["posts_per_hour"].items() if n}
    for zone_name in ("UTC", zone):
        by_kind: Counter[str] = Counter()
        for r in rows:
            if r["period"] == "day" and r["zone"] == zone_name:
                by_kind[KINDS[r["kind"]]] += int(r["posts"])
        assert {k: by_kind[k] for k in KINDS.values()} == {k: event.truth["posts"][k] for k in KINDS.values()}


def _repost_edges_from_files(sim: Path, counted: set[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """Reposts (reposter -> original author) counted from the simulator's raw files, for the counted posts."""
    edges: Counter[tuple[str, str]] = Counter()
    users: dict[str, str] = {}
    tweets: dict[str, dict[str, object]] = {}
    seen: set[str] = set()
    pages = [orjson.loads(line) for line in (sim / "data" / "x" / "twarc2-search.jsonl").open("rb")]
    for page in pages:
        users.update({u["id"]: u["username"].lower() for u in page.get("includes", {}).get("users", [])})
        tweets.update({t["id"]: t for t in [*page.get("includes", {}).get("tweets", []), *page.get("data", [])]})
    for page in pages:
        for tweet in page.get("data", []):
            ref = next((r["id"] for r in tweet.get("referenced_tweets", []) if r["type"] == "retweeted"), None)
            if ref and ref in tweets and ("x", tweet["id"]) in counted and tweet["id"] not in seen:
                seen.add(tweet["id"])
                source, target = users[tweet["author_id"]], users[str(tweets[ref]["author_id"])]
                if source != target:
                    edges[(f"x:{source}", f"x:{target}")] += 1
    for line in (sim / "data" / "mastodon" / "statuses.jsonl").open("rb"):
        status = orjson.loads(line)
        if status.get("reblog") and ("mastodon", status["id"]) in counted and status["id"] not in seen:
            seen.add(status["id"])
            source, target = status["account"]["acct"].lower(), status["reblog"]["account"]["acct"].lower()
            if source != target:
                edges[(f"mastodon:{source}", f"mastodon:{target}")] += 1
    return edges


def _weights(graph: nx.Graph) -> Counter[tuple[str, str]]:
    return Counter({(s, t): int(d["weight"]) for s, t, d in graph.edges(data=True)})


def test_gexf_networks_weigh_edges_by_interactions_and_hide_the_public(event: Event, tmp_path: Path) -> None:
    hidden = tmp_path / "hidden"
    event.export("--format", "gexf", "--network", "all", "--out", str(hidden))
    assert sorted(p.name for p in hidden.iterdir()) == sorted(
        f"{n}.gexf" for n in ("interactions", "replies", "mentions", "quotes", "reposts", "hashtags", "countries"))
    for path in hidden.iterdir():  # what the GEXF 1.2 schema allows on <gexf> and <graph> (networkx adds `name`)
        root = ElementTree.parse(path).getroot()
        assert root.get("version") == "1.2"
        graph_element = root.find("{http://www.gexf.net/1.2draft}graph")
        assert graph_element is not None and set(graph_element.attrib) <= GRAPH_ATTRIBUTES
    reposts = nx.read_gexf(hidden / "reposts.gexf")
    assert reposts.is_directed() and reposts.number_of_edges() > 20
    roles = Counter(d["role"] for _n, d in reposts.nodes(data=True))
    assert roles["public"] > 0 and sum(roles.values()) > roles["public"]
    public = [n for n, d in reposts.nodes(data=True) if d["role"] == "public"]
    assert all(n.startswith("Resident ") and "followers" not in reposts.nodes[n] for n in public)
    participants = [d for _n, d in reposts.nodes(data=True) if d["role"] != "public"]
    assert all(d["agency"] and d["country"] and d["followers"] >= 0 for d in participants)
    figures = analysis.figures(event.db, event.slug)
    interactions = nx.read_gexf(hidden / "interactions.gexf")
    for kind in ("replies", "mentions", "quotes"):  # the same network the figures describe
        one = nx.read_gexf(hidden / f"{kind}.gexf")
        assert sum(_weights(one).values()) == figures["network"][kind]
        assert {d["kind"] for _s, _t, d in one.edges(data=True)} == {kind}
        assert sum(int(d[kind]) for _s, _t, d in interactions.edges(data=True)) == figures["network"][kind]
    countries = nx.read_gexf(hidden / "countries.gexf")
    assert {(p["from"], p["to"]): p["interactions"] for p in figures["network"]["country_pairs"]} == \
        dict(_weights(countries))

    event.name_public()
    named = tmp_path / "reposts.gexf"
    event.export("--format", "gexf", "--network", "reposts", "--out", str(named))
    expected = _repost_edges_from_files(event.sim, event.counted_ids())
    assert sum(expected.values()) > 50
    assert _weights(nx.read_gexf(named)) == expected
    simulated_store.cli(event.db, "event", "set", event.slug, "--pseudonymise-public")


def test_co_hashtag_network_counts_posts_carrying_both_tags(event: Event, tmp_path: Path) -> None:
    chosen = [r.post_id for r in analysis.event_scope(event.db, event.slug).event_posts if r.kind == "original"][:5]
    with Store.open(event.db) as store, store.begin() as conn:  # a second tag on five counted originals
        rows = conn.execute(select(posts.c.id, posts.c.hashtags).where(posts.c.post_id.in_(chosen))).all()
        assert len(rows) == 5
        for row in rows:
            conn.execute(posts.update().where(posts.c.id == row.id).values(hashtags=row.hashtags + "safety "))
    out = tmp_path / "tags.gexf"
    event.export("--format", "gexf", "--network", "hashtags", "--out", str(out))
    graph = nx.read_gexf(out)
    assert not graph.is_directed()
    assert dict(_weights(graph)) in ({("poltwt", "safety"): 5}, {("safety", "poltwt"): 5})
    assert graph.nodes["safety"]["posts"] == 5
    with Store.open(event.db) as store, store.begin() as conn:
        for row in rows:
            conn.execute(posts.update().where(posts.c.id == row.id).values(hashtags=row.hashtags))


def test_parquet_reads_back_the_stores_rows_in_pyarrow_and_duckdb(event: Event, tmp_path: Path) -> None:
    event.name_public()
    out = tmp_path / "pq"
    event.export("--format", "parquet", "--out", str(out))
    counted = event.counted_ids()
    with Store.open(event.db) as store, store.engine.connect() as conn:
        stored = {(r.platform, r.post_id, r.created_at, r.kind, r.author_id, r.text)
                  for r in conn.execute(select(posts.c.platform, posts.c.post_id, posts.c.created_at, posts.c.kind,
                                               posts.c.author_id, posts.c.text))
                  if (r.platform, r.post_id) in counted}
    table = ds.dataset(out / "posts", format="parquet", partitioning="hive").to_table()
    from_arrow = {(r["platform"], r["post_id"], r["created_at"], r["kind"], r["author_id"], r["text"])
                  for r in table.to_pylist()}
    assert len(stored) == len(counted) == event.truth["posts"]["total"] == table.num_rows
    assert from_arrow == stored
    glob = str(out / "posts" / "**" / "*.parquet")
    with duckdb.connect() as db:
        db.execute("SET TimeZone = 'UTC'")
        from_duckdb = set(db.execute(
            "SELECT platform, post_id, created_at, kind, author_id, text "
            f"FROM read_parquet('{glob}', hive_partitioning = true)").fetchall())
        days = db.execute(f"SELECT count(DISTINCT day) FROM read_parquet('{glob}', hive_partitioning = true) "
                          "WHERE CAST(created_at AS DATE) = CAST(day AS DATE)").fetchone()
    assert from_duckdb == stored
    assert days is not None and days[0] >= 2  # partitioned by UTC day, matching each post's own day
    tags = pq.read_table(out / "hashtags.parquet").to_pylist()
    assert {t["tag"] for t in tags} == {"poltwt"}
    assert {(t["platform"], t["post_id"]) for t in tags} == counted
    membership = pq.read_table(out / "event_posts.parquet").to_pylist()
    assert {(m["platform"], m["post_id"]) for m in membership} == counted
    accounts = pq.read_table(out / "accounts.parquet")
    assert accounts.schema.field("account_id").type == "string"
    assert set(accounts.column("account_id").to_pylist()) == {a for _p, _i, _c, _k, a, _t in stored}
    simulated_store.cli(event.db, "event", "set", event.slug, "--pseudonymise-public")


def test_geojson_gives_approved_participants_as_points_without_addresses(event: Event, tmp_path: Path) -> None:
    out = tmp_path / "people.geojson"
    event.export("--format", "geojson", "--out", str(out))
    collection = orjson.loads(out.read_bytes())
    with (event.sim / "participants.csv").open(encoding="utf-8", newline="") as fh:
        people = {r["handle"].lower(): r for r in csv.DictReader(fh)}
    features = collection["features"]
    assert collection["type"] == "FeatureCollection" and len(features) == len(people)
    for feature in features:
        props = feature["properties"]
        assert set(props) == {"platform", "handle", "agency", "role", "city", "country", "zone"}
        assert props["handle"].lower() in people
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90


def test_formats_that_need_an_event_or_a_folder_say_so(event: Event) -> None:
    for args, message in ((["--format", "gexf"], "needs --event"),
                          (["--format", "parquet"], "writes a folder"),
                          (["--format", "csv", "--network", "hashtags"], "--network is for --format gexf")):
        result = CliRunner().invoke(app, ["export", *args, "--db", event.db])
        assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr
