"""Every figure of a hand-counted #poltwt (tests/analysis/scenario.py), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from tests.analysis.scenario import build, set_languages
from tweetathon import analysis
from tweetathon.store.store import Store


@pytest.fixture
def figs(store: Store) -> dict[str, object]:
    build(store)
    set_languages(store, {"1": "en", "3": "en", "4": "fr", "8": "und", "16": "en", "19": "fr"})
    return analysis.figures(store, "poltwt", detect_languages=False)


def test_event_posts_follow_hashtag_window_and_deletions(figs: dict[str, object]) -> None:
    # 1 original, 3 reply (own window, New York), 4 quote, 5 repost, 8 original by a pending (public) account,
    # 16 and 19 originals exactly at the start of the windows (included); 2 is after gmpolice's own window, 17
    # exactly at its end and 18 exactly at the event window's end (excluded), 6 has no hashtag, 7 was deleted,
    # 9 is before the event.
    assert figs["posts"] == {"total": 7, "originals": 4, "replies": 1, "quotes": 1, "reposts": 1}
    assert figs["participants"] == {"participants_posted": 2, "public_accounts": 2}
    assert figs["countries"] == {"count": 2, "list": ["GB", "US"], "public_estimate": {}, "public_estimate_unknown": 2}


def test_languages_exclude_reposts_and_keep_declared_apart(figs: dict[str, object]) -> None:
    langs = figs["languages"]
    assert isinstance(langs, dict)
    assert langs["posts_per_language"] == {"en": 3, "fr": 2, "und": 1}
    assert (langs["count"], langs["count_min5"], langs["not_detected"]) == (2, 0, 0)
    assert langs["declared"] == {"und": 6}


def test_reach_and_impressions_from_observations(figs: dict[str, object]) -> None:
    # gmpolice: the largest inside the window 170, not the latest 160 (100 was before it); nypd: only seen after
    # the window, nearest 500; alice 40; pend never observed: unknown, adds nothing.
    assert figs["potential_reach"] == {"total": 710, "participants": 670, "public": 40, "accounts_unknown": 1}
    # post 1: 150 (observed at posting time); 3: 500 (first after); 4 and 5: 40 (11:00 obs); 8 unknown;
    # 16: 150 (the first observation after 08:00 is 09:00); 19: 30 (alice's first, 10:00).
    assert figs["potential_impressions"] == {"total": 910, "posts_unknown": 1}
    assert figs["measured_impressions"] == {"total": 1050, "posts": 2}
    assert figs["follower_growth"] == {"x:gmpolice": {"first": 150, "last": 160, "gain": 10}}   # rose, then fell


def test_public_questions_answers_and_response_times(figs: dict[str, object]) -> None:
    # 10 answered directly after 1800 s; 13 answered through a referenced reply after 600 s; 11 unanswered.
    assert figs["public_questions"] == {
        "questions": 3, "answered": 2, "answer_rate": 0.6667, "response_median_seconds": 1200.0,
        "response_p90_seconds": 1800.0,
        "per_participant": {
            "x:gmpolice": {"questions": 2, "answered": 2, "response_median_seconds": 1200.0,
                           "response_p90_seconds": 1800.0},
            "x:nypd": {"questions": 1, "answered": 0, "response_median_seconds": None,
                       "response_p90_seconds": None}}}


def test_peak_and_posts_per_hour(figs: dict[str, object]) -> None:
    peak = figs["peak"]
    assert isinstance(peak, dict)
    assert (peak["hour_utc"], peak["hour_posts"]) == ("2013-03-22T10:00:00Z", 3)
    assert (peak["minute_utc"], peak["minute_posts"]) == ("2013-03-22T08:00:00Z", 2)  # 16 and 19 on the edge
    assert peak["hour_local"] == "2013-03-22T10:00:00+00:00" and peak["zone"] == "Europe/London"
    hours = figs["posts_per_hour"]
    assert isinstance(hours, dict)
    assert len(hours) == 27 and sum(hours.values()) == 7                  # 08:00 on the 22nd to 10:00 on the 23rd
    assert hours["2013-03-22T08:00:00Z"] == 2 and hours["2013-03-22T09:00:00Z"] == 1
    assert hours["2013-03-22T11:00:00Z"] == 0 and "2013-03-23T12:00:00Z" not in hours
    assert figs["answers_per_question"] == {}


def test_network_and_capture_health(figs: dict[str, object], store: Store, tmp_path: Path) -> None:
    net = figs["network"]
    assert isinstance(net, dict)
    assert (net["accounts"], net["links"], net["replies"], net["mentions"], net["quotes"]) == (6, 5, 3, 2, 1)
    assert net["most_addressed"][0] == {"account": "x:gmpolice", "interactions": 5}
    assert net["country_pairs"] == [{"from": "US", "to": "GB", "interactions": 2}]
    path = analysis.write_gexf(analysis.interaction_graph(analysis.event_scope(store, "poltwt")),
                               tmp_path / "poltwt.gexf")
    graph = nx.read_gexf(path)
    assert graph["x:nypd"]["x:gmpolice"]["replies"] == 1 and graph.nodes["x:nypd"]["country"] == "US"
    health = figs["capture_health"]
    assert isinstance(health, dict)
    assert health["gaps"] == [{"start": "2013-03-22T14:00:00Z", "end": "2013-03-22T14:30:00Z", "platform": "x",
                               "source": "search", "reason": "network down"}]
    assert health["rate_limit_waits"] == {"count": 1, "seconds": 900.0}
    assert (health["rejects"], health["rejected"], health["import_runs"]) == ({"bad json": 2, "no id": 1}, 3, 1)


def test_zone_changes_only_the_local_display(store: Store) -> None:
    build(store)
    figs = analysis.figures(store, "poltwt", zone="Asia/Kolkata", detect_languages=False)
    assert figs["peak"]["hour_utc"] == "2013-03-22T10:00:00Z"
    assert figs["peak"]["hour_local"] == "2013-03-22T15:30:00+05:30"


def test_unknown_event_is_a_clear_error(store: Store) -> None:
    with pytest.raises(analysis.EventNotFound):
        analysis.figures(store, "nope")
