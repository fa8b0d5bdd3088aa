"""The public's countries: estimated from profile locations, reported apart from participants' countries."""

from __future__ import annotations

from tests.analysis.scenario import IDS, at, build
from tweetathon import analysis
from tweetathon.model import AccountSnapshot
from tweetathon.store.store import Store


def test_public_countries_are_an_estimate_from_profile_locations(store: Store) -> None:
    build(store)
    store.write_batch([], [AccountSnapshot("x", IDS["alice"], "alice", at(12), followers=40, location="Lyon, France"),
                           AccountSnapshot("x", IDS["gmpolice"], "gmpolice", at(12), followers=160,
                                           location="Manchester, UK")])
    countries = analysis.figures(store, "poltwt", detect_languages=False)["countries"]
    assert countries["list"] == ["GB", "US"], "participants' countries come from registration, not profiles"
    assert countries["public_estimate"] == {"FR": 1}, "alice (public) says Lyon, France"
    assert countries["public_estimate_unknown"] == 1, "pend (pending, so public) has no location"
