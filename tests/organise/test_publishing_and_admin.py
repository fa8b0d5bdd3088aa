"""Publishing an event's report and transcripts, and audited event and chat-plan changes (SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tweetathon.audit import entries
from tweetathon.model import ChatSession, Event
from tweetathon.organise.event_admin import create_event, save_session, update_event
from tweetathon.organise.publishing import is_published, publication_state, publish, unpublish
from tweetathon.store.organise import UnknownEvent, get_sessions
from tweetathon.store.store import Store

POLTWT = Event(slug="poltwt", name="#poltwt", hashtags=("poltwt",), start=datetime(2026, 3, 20, 8, tzinfo=UTC),
               end=datetime(2026, 3, 21, 8, tzinfo=UTC))


def test_outputs_are_unpublished_until_an_organiser_publishes_them(store: Store) -> None:
    store.ensure_event(POLTWT)
    assert publication_state(store, "poltwt") == {"report": False, "transcripts": False}
    assert publish(store, "poltwt", "report", actor="ana")
    assert not publish(store, "poltwt", "report", actor="ana")  # no change, no second entry
    assert publication_state(store, "poltwt") == {"report": True, "transcripts": False}
    assert unpublish(store, "poltwt", "report", actor="bob")
    assert not is_published(store, "poltwt", "report")
    log = [(e.actor, e.action, e.before, e.after) for e in entries(store, event="poltwt")]
    assert log == [("bob", "report.unpublish", {"published": True}, {"published": False}),
                   ("ana", "report.publish", {"published": False}, {"published": True})]


def test_unknown_event_or_item_is_an_error(store: Store) -> None:
    with pytest.raises(UnknownEvent):
        publish(store, "nosuch", "report", actor="ana")
    store.ensure_event(POLTWT)
    with pytest.raises(ValueError, match="unknown item 'map'"):
        publish(store, "poltwt", "map", actor="ana")


def test_event_and_chat_changes_are_audited(store: Store) -> None:
    create_event(store, POLTWT, actor="ana")
    update_event(store, Event(slug="poltwt", name="#poltwt 2026", hashtags=("poltwt", "poltwt26")), actor="ana")
    session = ChatSession("2026-03-26", datetime(2026, 3, 26, 13, tzinfo=UTC), datetime(2026, 3, 26, 14, tzinfo=UTC),
                          "Rural crime", None, ("Q1 What works?",))
    assert save_session(store, "poltwt", session, actor="ed")
    assert [s.theme for s in get_sessions(store, "poltwt")] == ["Rural crime"]
    log = entries(store, event="poltwt")
    assert [e.action for e in log] == ["chat.session", "event.edit", "event.create"]
    assert (log[1].before["name"], log[1].after["name"]) == ("#poltwt", "#poltwt 2026")
    assert log[1].after["hashtags"] == ["poltwt", "poltwt26"] and log[1].after["start"] is None
    assert log[0].after["questions"] == ["Q1 What works?"] and log[0].before is None
    with pytest.raises(UnknownEvent):
        update_event(store, Event(slug="other", name="x", hashtags=("x",)), actor="ana")
