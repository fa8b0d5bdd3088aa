"""Participants, the public, and participants' countries (docs/figures.md#participants, #countries)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from tweetathon.analysis.scope import ParticipantIndex
from tweetathon.enrich.geo import estimate_country
from tweetathon.store.event_data import AUTHOR, Author, ParticipantInfo, PostRow


def _split_authors(authors: Iterable[Author],
                   index: ParticipantIndex) -> tuple[list[ParticipantInfo], set[tuple[str, str]]]:
    """The participants among `authors` (in registration order) and the other accounts (platform, id)."""
    posted: set[ParticipantInfo] = set()
    public: set[tuple[str, str]] = set()
    for author in authors:
        person = index.of_author(author)
        if person is None:
            public.add((author[0], author[1]))
        else:
            posted.add(person)
    return [p for p in index.people if p in posted], public


def participant_counts(event_posts: Iterable[PostRow], index: ParticipantIndex) -> dict[str, int]:
    """`participants_posted`: participants with an event post in their own window (event posts are already
    selected by their author's window); `public_accounts`: distinct other accounts with an event post."""
    posted, public = _split_authors(set(map(AUTHOR, event_posts)), index)
    return {"participants_posted": len(posted), "public_accounts": len(public)}


def country_figure(event_posts: Iterable[PostRow], index: ParticipantIndex,
                   locations: Mapping[tuple[str, str], str] | None = None,
                   estimate: Callable[[str], str | None] = estimate_country) -> dict[str, object]:
    """`count` and `list` (ISO 3166-1 alpha-2, sorted) of the countries of participants who posted; and, an
    estimate labelled as one, `public_estimate` (public posting accounts per country estimated from their
    profile location, most first) with `public_estimate_unknown` (public accounts with no estimate)."""
    posted, public = _split_authors(set(map(AUTHOR, event_posts)), index)
    countries = sorted({p.country for p in posted if p.country})
    guesses = {text: estimate(text) for text in {(locations or {}).get(a, "") for a in public} if text}
    found = Counter(guesses.get((locations or {}).get(a, "")) for a in public)
    unknown = found.pop(None, 0)
    return {"count": len(countries), "list": countries,
            "public_estimate": dict(sorted(found.items(), key=lambda kv: (-kv[1], str(kv[0])))),
            "public_estimate_unknown": unknown}


def posts_per_participant(event_posts: Iterable[PostRow], index: ParticipantIndex) -> dict[str, int]:
    """Event posts per participant key (`platform:handle`), most first (for top-participant tables)."""
    counts: dict[str, int] = {}
    for row in event_posts:
        person = index.of_post(row)
        if person is not None:
            counts[person.key] = counts.get(person.key, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
