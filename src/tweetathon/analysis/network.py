"""The interaction network: who replies to, mentions and quotes whom (docs/figures.md#network).

Nodes are accounts (`platform:handle`, or `platform:id:<id>` when no handle is known); a directed edge counts
the replies, mentions and quotes from one account to another among the event posts and their conversation
context. Participants carry their country, so interactions also add up country to country.

The figures count edges in plain dicts (`interaction_edges`); a networkx graph is built only for the GEXF export
(`interaction_graph`), from the same edges, and `network_summary` gives the same figures for either.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import networkx as nx

from tweetathon import atomic
from tweetathon.analysis.questions import addressee
from tweetathon.analysis.scope import Scope, inside
from tweetathon.store.event_data import POST_KEY, PostRow

INTERACTIONS = ("replies", "mentions", "quotes")
Edges = Mapping[tuple[str, str], Mapping[str, int]]  # (source, target) -> {replies, mentions, quotes, weight}


class _Nodes:
    """Node names of one scope, each (platform, account id, handle) worked out once."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.known: dict[tuple[str, str | None, str | None], str] = {}

    def __call__(self, platform: str, account_id: str | None, handle: str | None = None) -> str:
        seen = (platform, account_id, handle)
        found = self.known.get(seen)
        if found is None:
            found = self.known[seen] = self._name(platform, account_id, handle)
        return found

    def _name(self, platform: str, account_id: str | None, handle: str | None) -> str:
        person = self.scope.index.of_account(platform, account_id)
        if person is not None:
            return person.key
        known = handle or (self.scope.data.account_handles.get((platform, account_id)) if account_id else None)
        return f"{platform}:{known}" if known else f"{platform}:id:{account_id}"


def network_posts(scope: Scope) -> list[PostRow]:
    """Event posts plus conversation context (posts in the event window replying to or mentioning a
    participant), distinct, in time order; reposts are left out (they repeat someone else's words)."""
    chosen = set(map(POST_KEY, scope.event_posts))
    index, parents, windows = scope.index, scope.data.parents, scope.windows
    return [row for row in scope.posts_in_order() if row.kind != "repost" and (  # kind_of(row), inlined
        POST_KEY(row) in chosen or (inside(row.created_at, windows) and addressee(row, index, parents) is not None))]


def _interactions(scope: Scope, node: _Nodes, row: PostRow) -> list[tuple[str, str]]:
    """(kind, target node) for each interaction in one post: its reply, its quote, each mention."""
    found: list[tuple[str, str]] = []
    if row.in_reply_to_author_id:
        found.append(("replies", node(row.platform, row.in_reply_to_author_id)))
    if row.quote_of_id:
        quoted = scope.data.quoted_authors.get((row.platform, row.quote_of_id))
        if quoted is not None:
            found.append(("quotes", node(row.platform, quoted)))
    for handle in row.mentions:
        person = scope.index.of_handle(row.platform, handle)
        found.append(("mentions", person.key if person else f"{row.platform}:{handle}"))
    return found


def interaction_edges(scope: Scope, leave_out: frozenset[tuple[str, str]] = frozenset(),
                      ) -> dict[tuple[str, str], dict[str, int]]:
    """Each directed link (source, target) with its `replies`, `mentions`, `quotes` and `weight` (their sum),
    in the order links first occur. Self-interactions are left out, and posts whose key is in `leave_out`
    (an export leaves withheld posts out)."""
    node = _Nodes(scope)
    edges: dict[tuple[str, str], dict[str, int]] = {}
    for row in network_posts(scope):
        if not (row.in_reply_to_author_id or row.quote_of_id or row.mentions) or POST_KEY(row) in leave_out:
            continue  # no interaction, or not to be shown
        source = node(row.platform, row.author_id, row.author_handle)
        for kind, target in _interactions(scope, node, row):
            if target == source:
                continue
            edge = edges.get((source, target))
            if edge is None:
                edge = edges[(source, target)] = {"replies": 0, "mentions": 0, "quotes": 0, "weight": 0}
            edge[kind] += 1
            edge["weight"] += 1
    return edges


def repost_edges(scope: Scope, originals: Mapping[tuple[str, str], tuple[str, str | None]],
                 leave_out: frozenset[tuple[str, str]] = frozenset()) -> dict[tuple[str, str], int]:
    """Who reposts whom among the event posts: (reposter, original author) -> reposts. `originals` maps each
    repost's key to the (author id, handle) of the post it repeats; reposts of an unknown post are left out,
    as are self-reposts and posts in `leave_out`."""
    node = _Nodes(scope)
    edges: Counter[tuple[str, str]] = Counter()
    for row in scope.event_posts:
        original = originals.get(POST_KEY(row)) if row.kind == "repost" else None
        if original is None or POST_KEY(row) in leave_out:
            continue
        source, target = node(row.platform, row.author_id, row.author_handle), node(row.platform, *original)
        if source != target:
            edges[(source, target)] += 1
    return dict(edges)


def cohashtag_edges(scope: Scope, leave_out: frozenset[tuple[str, str]] = frozenset(),
                    ) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """The co-hashtag network of the event posts (reposts left out: they repeat someone else's tags): posts per
    hashtag, and for each pair of hashtags (in alphabetical order) the posts carrying both."""
    tags: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for row in scope.event_posts:
        if row.kind == "repost" or POST_KEY(row) in leave_out:
            continue
        found = sorted(set(row.hashtags.split()))
        tags.update(found)
        pairs.update((a, b) for i, a in enumerate(found) for b in found[i + 1:])
    return dict(tags), dict(pairs)


def node_countries(scope: Scope) -> dict[str, str]:
    """Participant node -> country ('' when unknown)."""
    return {p.key: p.country for p in scope.index.people}


def interaction_graph(scope: Scope) -> nx.DiGraph:
    """A directed graph: node attributes `label`, `participant`, `country`; edge attributes `replies`,
    `mentions`, `quotes` and `weight` (their sum). Self-interactions are left out."""
    graph: nx.DiGraph = nx.DiGraph()
    for (source, target), counts in interaction_edges(scope).items():
        graph.add_edge(source, target, **counts)
    countries = node_countries(scope)
    for node in graph.nodes:
        graph.nodes[node]["label"] = node.split(":", 1)[1]
        graph.nodes[node]["participant"] = node in countries
        graph.nodes[node]["country"] = countries.get(node, "")
    return graph


def _graph_edges(graph: nx.DiGraph) -> tuple[dict[tuple[str, str], dict[str, int]], dict[str, str]]:
    edges = {(s, t): {k: int(d[k]) for k in (*INTERACTIONS, "weight")} for s, t, d in graph.edges(data=True)}
    countries = {n: str(d.get("country", "")) for n, d in graph.nodes(data=True) if d.get("participant")}
    return edges, countries


def country_pairs(edges: Edges, countries: Mapping[str, str]) -> list[dict[str, object]]:
    """Interactions between participants of known countries, from country to country, most first."""
    pairs: Counter[tuple[str, str]] = Counter()
    for (source, target), counts in edges.items():
        a, b = countries.get(source, ""), countries.get(target, "")
        if a and b:
            pairs[(a, b)] += int(counts["weight"])
    return [{"from": a, "to": b, "interactions": n}
            for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))]


def edges_summary(edges: Edges, countries: Mapping[str, str], top: int = 10) -> dict[str, object]:
    """`network_summary` over counted edges and participant countries (no graph needed)."""
    totals = {kind: sum(int(c[kind]) for c in edges.values()) for kind in INTERACTIONS}
    received: Counter[str] = Counter()
    nodes: set[str] = set()
    for (source, target), counts in edges.items():
        nodes.update((source, target))
        received[target] += int(counts["weight"])
    ranked = sorted(((n, k) for n, k in received.items() if k), key=lambda kv: (-kv[1], kv[0]))
    return {"accounts": len(nodes), "links": len(edges), **totals,
            "most_addressed": [{"account": n, "interactions": k} for n, k in ranked[:top]],
            "country_pairs": country_pairs(edges, countries)}


def network_summary(graph: nx.DiGraph, top: int = 10) -> dict[str, object]:
    """Counts of nodes, edges and each kind of interaction; the most addressed accounts; country pairs."""
    edges, countries = _graph_edges(graph)
    return edges_summary(edges, countries, top)


def scope_network(scope: Scope, top: int = 10) -> dict[str, object]:
    """`network_summary(interaction_graph(scope))`, without building the graph."""
    return edges_summary(interaction_edges(scope), node_countries(scope), top)


def write_gexf(graph: nx.DiGraph, path: Path | str) -> Path:
    """Write the graph as GEXF (Gephi) and return the path."""
    out = Path(path)
    with atomic.open_atomic(out, "wb") as handle:
        nx.write_gexf(graph, handle)
    return out
