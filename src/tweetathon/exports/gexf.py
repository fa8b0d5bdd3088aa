"""`export --format gexf --event SLUG --network NAME`: an event's networks for Gephi (GEXF version="1.2" in the
namespace `http://www.gexf.net/1.2draft`, as networkx writes it, so that networkx reads it back as well as Gephi;
its elements and attributes follow the official GEXF 1.2 schema).

- replies, mentions, quotes (`analysis.network.interaction_edges`: event posts and their conversation context),
  reposts (`repost_edges`: event posts repeating a stored post): directed, account to account, `weight` = the
  number of such interactions, `kind` = the network's name.
- interactions: the three of `figures`' network together (weight = their sum; replies, mentions and quotes
  as edge attributes; kind "interactions").
- hashtags: undirected co-hashtag network, `weight` = posts carrying both tags; node attribute `posts`.
- countries: directed, participants' country to country, `weight` = interactions (`country_pairs`).

Account nodes: id and label are the handle (`platform:handle` and `handle`), or the pseudonym of a member of the
public when the event pseudonymises them; attributes `platform`, `role` (a participant's role, else "public"),
`agency`, `country`, `followers` (latest known; not given for pseudonymised accounts). Withheld posts add
nothing. `--network all` writes every network into a folder, one NAME.gexf each.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO

import networkx as nx

from tweetathon import analysis
from tweetathon.analysis.network import (
    INTERACTIONS,
    cohashtag_edges,
    country_pairs,
    interaction_edges,
    node_countries,
    repost_edges,
)
from tweetathon.analysis.scope import Scope
from tweetathon.exports.posts import ExportScope, ExportSummary
from tweetathon.model import Participant
from tweetathon.privacy.pseudonyms import Pseudonymiser
from tweetathon.store import export_data
from tweetathon.store.organise import get_participants
from tweetathon.store.store import Store

NETWORKS = ("replies", "mentions", "quotes", "reposts", "interactions", "hashtags", "countries")
GEXF_VERSION = "1.2draft"


@dataclass(frozen=True, slots=True)
class NetworkInputs:
    """Everything the networks of one event are built from."""

    scope: Scope
    names: Pseudonymiser
    people: Mapping[str, Participant]  # 'platform:handle' -> approved participant
    followers: Mapping[tuple[str, str], int]
    originals: Mapping[tuple[str, str], tuple[str, str | None]]
    withheld: frozenset[tuple[str, str]]


def read_inputs(store: Store, scope: ExportScope) -> NetworkInputs:
    """Read the event's scope, participants, followers, repost originals and withheld posts."""
    if scope.event is None:
        raise ValueError("a network export is of one event: give --event")
    event_scope = analysis.event_scope(store, scope.event)
    people = {f"{p.platform}:{p.handle.lstrip('@').lower()}": p
              for p in get_participants(store, scope.event, "approved")}
    with store.engine.connect() as conn:
        originals = export_data.repost_originals(conn, (r.key for r in event_scope.event_posts if r.kind == "repost"))
        return NetworkInputs(event_scope, scope.names, people, export_data.followers_by_handle(conn), originals,
                             export_data.withheld_keys(conn))


def _account_attributes(inputs: NetworkInputs, name: str) -> dict[str, object]:
    platform, _, rest = name.partition(":")
    person = inputs.people.get(name)
    hidden = person is None and inputs.names.node(name) != name
    shown = inputs.names.node(name)
    attributes: dict[str, object] = {
        "label": shown if hidden else rest, "platform": platform,
        "role": person.role if person else "public", "agency": person.agency if person else "",
        "country": person.country if person else ""}
    followers = None if hidden or rest.startswith("id:") else inputs.followers.get((platform, rest))
    if followers is not None:
        attributes["followers"] = followers
    return attributes


def _account_graph(inputs: NetworkInputs, edges: Mapping[tuple[str, str], Mapping[str, object]]) -> nx.DiGraph:
    graph: nx.DiGraph = nx.DiGraph()
    names = inputs.names
    for (source, target), attributes in edges.items():
        for node in (source, target):
            if not graph.has_node(names.node(node)):
                graph.add_node(names.node(node), **_account_attributes(inputs, node))
        graph.add_edge(names.node(source), names.node(target), **attributes)
    return graph


def interactions_graph(inputs: NetworkInputs, kind: str) -> nx.DiGraph:
    """replies, mentions, quotes (one kind) or interactions (all three) between accounts."""
    counted = interaction_edges(inputs.scope, inputs.withheld)
    edges: dict[tuple[str, str], dict[str, object]]
    if kind == "interactions":
        edges = {pair: {**c, "kind": kind} for pair, c in counted.items()}
    else:
        edges = {pair: {"weight": c[kind], "kind": kind} for pair, c in counted.items() if c[kind]}
    return _account_graph(inputs, edges)


def reposts_graph(inputs: NetworkInputs) -> nx.DiGraph:
    """Who reposts whom among the event posts."""
    counted = repost_edges(inputs.scope, inputs.originals, inputs.withheld)
    return _account_graph(inputs, {pair: {"weight": n, "kind": "reposts"} for pair, n in counted.items()})


def hashtags_graph(inputs: NetworkInputs) -> nx.Graph:
    """Hashtags that appear together in event posts."""
    tags, pairs = cohashtag_edges(inputs.scope, inputs.withheld)
    graph: nx.Graph = nx.Graph()
    for tag, n in sorted(tags.items()):
        graph.add_node(tag, label="#" + tag, posts=n)
    for (a, b), n in sorted(pairs.items()):
        graph.add_edge(a, b, weight=n, kind="hashtags")
    return graph


def countries_graph(inputs: NetworkInputs) -> nx.DiGraph:
    """Interactions between participants, from country to country."""
    countries = node_countries(inputs.scope)
    edges = interaction_edges(inputs.scope, inputs.withheld)
    graph: nx.DiGraph = nx.DiGraph()
    for country, n in sorted(Counter(c for c in countries.values() if c).items()):
        graph.add_node(country, label=country, participants=n)
    for pair in country_pairs(edges, countries):
        graph.add_edge(pair["from"], pair["to"], weight=pair["interactions"], kind="countries")
    return graph


BUILDERS: dict[str, Callable[[NetworkInputs], nx.Graph]] = {
    **{kind: (lambda inputs, kind=kind: interactions_graph(inputs, kind))  # type: ignore[misc]
       for kind in (*INTERACTIONS, "interactions")},
    "reposts": reposts_graph, "hashtags": hashtags_graph, "countries": countries_graph}


def gexf_bytes(graph: nx.Graph) -> bytes:
    """The graph as GEXF, as networkx writes it less the `name` attribute it puts on <graph>, which the GEXF 1.2
    schema does not allow."""
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(nx.generate_gexf(graph, version=GEXF_VERSION)) + "\n"
    return re.sub(r'(<graph\b[^>]*?) name="[^"]*"', r"\1", text, count=1).encode("utf-8")


def write_graph(graph: nx.Graph, out: IO[bytes]) -> ExportSummary:
    """One graph as GEXF; the summary says how many nodes and edges."""
    out.write(gexf_bytes(graph))
    out.flush()
    return ExportSummary(notes=[f"{graph.number_of_nodes():,} nodes and {graph.number_of_edges():,} edges"])
