"""Figures on real twarc2 output equal the counts in ../shared/fixtures/README.md (counted from the raw JSON).

The README counts every post in a file, so the event here has no hashtags and no window: every collected post
is an event post (docs/figures.md#shared-terms). Nobody is registered, so every author is public.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import require_fixtures
from tweetathon import analysis
from tweetathon.ingest import import_file
from tweetathon.model import Event
from tweetathon.store.store import Store

# file: (originals, replies, quotes, reposts), distinct authors, languages as tagged by X
README = {
    "2sets.jsonl": ((34, 10, 11, 145), 185, {"en": 151, "ko": 26, "es": 5, "in": 5, "de": 4, "und": 3, "pt": 2,
                                             "fr": 1, "ja": 1, "sv": 1, "tl": 1}),
    "flat.jsonl": ((14, 31, 8, 47), 96, {"en": 86, "es": 10, "tl": 2, "und": 1, "sv": 1}),
    "noflat.jsonl": ((14, 31, 8, 47), 96, {"en": 86, "es": 10, "tl": 2, "und": 1, "sv": 1}),
    "withheld.jsonl": ((62, 62, 8, 83), 107, {"en": 200, "und": 4, "ta": 4, "in": 3, "ru": 1, "fr": 1, "ar": 1,
                                              "tl": 1}),
    "entities_test.jsonl": ((66, 84, 10, 314), 425, {}),
}


def imported(store: Store, *names: str) -> analysis.Scope:
    folder = require_fixtures("twarc2")
    for name in names:
        import_file(store, Path(folder / name), forced="twarc2")
    store.ensure_event(Event(slug="all", name="every post", hashtags=()))
    return analysis.event_scope(store, "all")


@pytest.mark.parametrize("name", sorted(README))
def test_posts_authors_and_declared_languages(sqlite_store: Store, name: str) -> None:
    kinds, authors, declared = README[name]
    scope = imported(sqlite_store, name)
    figs = analysis.headline_figures(scope)
    assert figs["posts"] == {"total": sum(kinds), "originals": kinds[0], "replies": kinds[1],
                             "quotes": kinds[2], "reposts": kinds[3]}
    assert figs["participants"] == {"participants_posted": 0, "public_accounts": authors}
    assert dict(Counter(r.lang for r in scope.event_posts if r.lang)) == declared


def test_flat_potential_reach_is_the_readme_sum(sqlite_store: Store) -> None:
    figs = analysis.headline_figures(imported(sqlite_store, "flat.jsonl"))
    assert figs["potential_reach"] == {"total": 205_622, "participants": 0, "public": 205_622,
                                       "accounts_unknown": 0}


def test_flat_and_noflat_together_are_the_same_100_posts(sqlite_store: Store) -> None:
    figs = analysis.headline_figures(imported(sqlite_store, "flat.jsonl", "noflat.jsonl"))
    assert figs["posts"]["total"] == 100 and figs["potential_reach"]["total"] == 205_622


def test_accounts_never_observed_are_unknown_not_zero(sqlite_store: Store) -> None:
    figs = analysis.headline_figures(imported(sqlite_store, "entities_test.jsonl"))
    assert figs["potential_reach"] == {"total": 0, "participants": 0, "public": 0, "accounts_unknown": 425}
    assert figs["potential_impressions"] == {"total": 0, "posts_unknown": 474}
