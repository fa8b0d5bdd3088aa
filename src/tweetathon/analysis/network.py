"""The interaction network: who replies to, mentions and quotes whom (docs/figures.md#network).

Nodes are accounts (`platform:handle`, or `platform:id:<id>` when no handle is known); a directed edge counts
the replies, mentions and quotes from one account to another among the event posts and their conversation
context. Participants carry their country, so interactions also add up country to country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from tweetathon.analysis.posts import kind_of
from tweetathon.analysis.questions import addressee
from tweetathon.analysis.scope import Scope, inside
from tweetathon.store.event_data import PostRow

INTERACTIONS = ("replies", "mentions", "quotes")


def _node(scope: Scope, platform: str, account_id: str | None, handle: str | None = None) -> str:
    person = scope.index.of_account(platform, account_id)
    if person is not None:
        return person.key
    known = handle or (scope.data.account_handles.get((platform, account_id)) if account_id else None)
    return f"{platform}:{known}" if known else f"{platform}:id:{account_id}"


def network_posts(scope: Scope) -> list[PostRow]:
    """Event posts plus conversation context (posts in the event window replying to or mentioning a
    participant), distinct, in time order; reposts are left out (they repeat someone else's words)."""
    chosen = {row.key: row for row in scope.event_posts}
    for row in scope.data.posts:
        if row.key not in chosen and inside(row.created_at, scope.windows) and addressee(
                row, scope.index, scope.data.parents) is not None:
            chosen[row.key] = row
    return sorted((r for r in chosen.values() if kind_of(r) != "repost"),
                  key=lambda r: (r.created_at, r.platform, r.post_id))


def _interactions(scope: Scope, row: PostRow) -> Iterator[tuple[str, str]]:
    """(kind, target node) for each interaction in one post: its reply, its quote, each mention."""
    if row.in_reply_to_author_id:
        yield "replies", _node(scope, row.platform, row.in_reply_to_author_id)
    if row.quote_of_id and (row.platform, row.quote_of_id) in scope.data.quoted_authors:
        yield "quotes", _node(scope, row.platform, scope.data.quoted_authors[(row.platform, row.quote_of_id)])
    for handle in row.mentions:
        person = scope.index.of_handle(row.platform, handle)
        yield "mentions", person.key if person else f"{row.platform}:{handle}"


def interaction_graph(scope: Scope) -> nx.DiGraph:
    """A directed graph: node attributes `label`, `participant`, `country`; edge attributes `replies`,
    `mentions`, `quotes` and `weight` (their sum). Self-interactions are left out."""
    graph: nx.DiGraph = nx.DiGraph()
    for row in network_posts(scope):
        source = _node(scope, row.platform, row.author_id, row.author_handle)
        for kind, target in _interactions(scope, row):
            if target == source:
                continue
            if not graph.has_edge(source, target):
                graph.add_edge(source, target, replies=0, mentions=0, quotes=0, weight=0)
            graph[source][target][kind] += 1
            graph[source][target]["weight"] += 1
    countries = {p.key: p.country for p in scope.index.people}
    for node in graph.nodes:
        graph.nodes[node]["label"] = node.split(":", 1)[1]
        graph.nodes[node]["participant"] = node in countries
        graph.nodes[node]["country"] = countries.get(node, "")
    return graph


def country_pairs(graph: nx.DiGraph) -> list[dict[str, object]]:
    """Interactions between participants of known countries, from country to country, most first."""
    pairs: Counter[tuple[str, str]] = Counter()
    for source, target, data in graph.edges(data=True):
        a, b = graph.nodes[source]["country"], graph.nodes[target]["country"]
        if a and b:
            pairs[(a, b)] += int(data["weight"])
    return [{"from": a, "to": b, "interactions": n}
            for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))]


def network_summary(graph: nx.DiGraph, top: int = 10) -> dict[str, object]:
    """Counts of nodes, edges and each kind of interaction; the most addressed accounts; country pairs."""
    totals = {kind: sum(int(d[kind]) for _, _, d in graph.edges(data=True)) for kind in INTERACTIONS}
    received = sorted(((n, int(sum(d["weight"] for _, _, d in graph.in_edges(n, data=True))))
                       for n in graph.nodes), key=lambda kv: (-kv[1], kv[0]))
    return {"accounts": graph.number_of_nodes(), "links": graph.number_of_edges(), **totals,
            "most_addressed": [{"account": n, "interactions": k} for n, k in received[:top] if k],
            "country_pairs": country_pairs(graph)}


def write_gexf(graph: nx.DiGraph, path: Path | str) -> Path:
    """Write the graph as GEXF (Gephi) and return the path."""
    out = Path(path)
    nx.write_gexf(graph, out)
    return out

