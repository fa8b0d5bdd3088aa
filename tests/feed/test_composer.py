"""Drafts as a unit writes them: numbered by the event's template, checked for personal data, overridden with a
reason, approved by a second editor or organiser only; every step in the post's audit log. SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest

from tests.capture.helpers import add_participants
from tests.feed.helpers import ALICE, BOB, OLIVE, VIC, add_event
from tweetathon.feed import composer
from tweetathon.feed.outbox import Target, request_publish
from tweetathon.feed.store import FeedError, FeedStore
from tweetathon.store.store import Store

RISKY = "Officers attended a report of a shoplifter at 14 Market Street. Call 07700 900123 if you saw it."
TARGETS = {"masto": Target("masto", "mastodon")}


def test_drafts_are_numbered_by_the_template_and_numbers_are_never_reused(store: Store) -> None:
    add_event(store)
    feed = FeedStore(store)
    first = composer.create(feed, "gmp24", "Road closed on the A6.", ALICE)
    second = composer.create(feed, "gmp24", "Road open again.", ALICE)
    assert (first.text, second.text) == ("#gmp24 1: Road closed on the A6.", "#gmp24 2: Road open again.")
    feed.set_template("gmp24", "#GMP24 live {n} -")
    assert composer.create(feed, "gmp24", "Third.", BOB).text == "#GMP24 live 3 - Third."


def test_numbers_stay_distinct_when_drafts_are_written_at_the_same_time(store: Store) -> None:
    add_event(store)
    errors: list[Exception] = []

    def write(n: int) -> None:
        try:
            for i in range(8):
                composer.create(FeedStore(store), "gmp24", f"update {n}-{i}", ALICE)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(d.number for d in FeedStore(store).drafts("gmp24")) == list(range(1, 25))


def test_findings_block_publishing_until_overridden_and_approved_by_a_second_editor(store: Store) -> None:
    add_event(store)
    feed = FeedStore(store)
    draft = composer.create(feed, "gmp24", RISKY, ALICE, targets=["masto"])
    assert {(f.type, f.text) for f in draft.findings} == {("address", "14 Market Street"), ("phone", "07700 900123")}
    with pytest.raises(FeedError, match=r"14 Market Street.*07700 900123"):
        request_publish(feed, draft, ALICE, TARGETS)
    draft = composer.edit(feed, draft, RISKY.replace("14 Market Street", "Market Street"), ALICE)
    assert [f.text for f in draft.findings] == ["07700 900123"]
    with pytest.raises(FeedError, match="needs a reason"):
        composer.override(feed, draft, "07700 900123", "  ", ALICE)
    draft = composer.override(feed, draft, "07700 900123", "the store's published number", ALICE)
    with pytest.raises(FeedError, match="must approve"):
        request_publish(feed, draft, ALICE, TARGETS)
    for refused, why in ((ALICE, "wrote post"), (VIC, "viewer")):
        with pytest.raises(FeedError, match=why):
            composer.approve(feed, draft, refused)
    draft = composer.approve(feed, draft, BOB)
    assert draft.approved_by == "bob"
    assert request_publish(feed, draft, ALICE, TARGETS)[0].text == draft.text


def test_editing_after_approval_withdraws_it(store: Store) -> None:
    add_event(store)
    feed = FeedStore(store)
    draft = composer.create(feed, "gmp24", "Call 07700 900123 about the lost dog.", ALICE)
    draft = composer.approve(feed, composer.override(feed, draft, "07700 900123", "owner asked us to", ALICE), OLIVE)
    draft = composer.edit(feed, draft, "Call 07700 900123 about the lost dog, a spaniel.", ALICE)
    assert draft.approved_by is None and len(draft.overrides) == 1  # the override stays, the approval does not


def test_an_appeal_needs_a_second_persons_approval_and_is_in_the_audit_log(store: Store) -> None:
    add_event(store)
    feed = FeedStore(store)
    draft = composer.create(feed, "gmp24", "Have you seen Jane Doe, 14, missing from Salford since Monday?",
                            ALICE, targets=["masto"])
    draft = composer.mark_appeal(feed, draft, ALICE, "missing child, family consent")
    for finding in {f.text for f in draft.findings}:
        draft = composer.override(feed, draft, finding, "missing-person appeal", ALICE)
    with pytest.raises(FeedError, match="an appeal"):
        request_publish(feed, draft, ALICE, TARGETS)
    draft = composer.approve(feed, draft, OLIVE)
    log = feed.audit_log(draft.id)
    actions = [(e.actor, e.action) for e in log]
    assert actions[:3] == [("alice", "drafted"), ("alice", "checked"), ("alice", "appeal")]
    assert actions[-1] == ("olive", "approved")
    assert log[-1].detail["appeal"] is True
    assert log[1].detail["findings"] == [{"type": f.type, "text": f.text, "start": f.start, "end": f.end,
                                          "reason": f.reason} for f in draft.findings]


def test_viewers_cannot_write_and_unknown_events_are_clear(store: Store) -> None:
    add_event(store)
    feed = FeedStore(store)
    with pytest.raises(FeedError, match="viewer"):
        composer.create(feed, "gmp24", "hello", VIC)
    with pytest.raises(FeedError, match="no event 'nope'"):
        composer.create(feed, "nope", "hello", ALICE)
    with pytest.raises(FeedError, match="has no post number 9"):
        feed.get("gmp24", 9)


def test_the_events_own_accounts_may_be_named_bluesky_domain_handles_too(store: Store) -> None:
    add_event(store)
    add_participants(store, "gmp24", "bluesky", ["gmpolice.bsky.social"])
    add_participants(store, "gmp24", "x", ["gmpolice"])
    feed = FeedStore(store)
    draft = composer.create(feed, "gmp24", "Follow @gmpolice.bsky.social and @gmpolice for updates, "
                            "thanks @jane_smith_84 for the tip.", ALICE)
    assert [(f.type, f.text) for f in draft.findings] == [("handle", "@jane_smith_84")]
