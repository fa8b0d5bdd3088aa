"""The Pseudonymiser on its own: participants named, the public hidden, stable per secret, mentions in text."""

from __future__ import annotations

import re

from tweetathon.privacy.pseudonyms import EventPrivacy, ParticipantAccount, Pseudonymiser, hide_network

PEOPLE = [ParticipantAccount("x", "gmpolice", ("10",)), ParticipantAccount("mastodon", "gmp@police.social")]


def names(secret: bytes = b"s" * 32, pseudonymise: bool = True) -> Pseudonymiser:
    return Pseudonymiser.for_event(EventPrivacy("ev", secret, pseudonymise), PEOPLE)


def test_participants_are_named_by_handle_or_id_and_the_public_hidden() -> None:
    n = names()
    assert n.shown("x", "10", "GMPolice") == "@GMPolice"
    assert n.shown("x", "10", "renamed_since") == "@renamed_since"  # the id still says participant
    assert n.shown("mastodon", "9", "@gmp@police.social") == "@gmp@police.social"
    hidden = n.shown("x", "50", "dave")
    assert re.fullmatch(r"Resident [A-Z2-7]{8}", hidden)
    assert n.label("x", "50", "Dave") == hidden == n.label("x", None, "@dave")  # case and '@' do not matter
    assert n.account_id("x", "50", "dave") == n.pseudo_id("x", "50") != "50"
    assert n.account_id("x", "10", "gmpolice") == "10"


def test_pseudonyms_are_stable_for_a_secret_and_differ_across_events() -> None:
    a, b = names(b"a" * 32), names(b"b" * 32)
    assert a.label("x", "50", "dave") == names(b"a" * 32).label("x", "50", "dave")
    assert a.label("x", "50", "dave") != b.label("x", "50", "dave")
    assert a.pseudo_id("x", "104") != b.pseudo_id("x", "104")
    many = {a.label("x", str(i), f"user{i}") for i in range(20_000)}
    assert len(many) == 20_000  # no two of 20,000 accounts share a pseudonym


def test_mentions_of_the_public_in_text_are_replaced_and_participants_kept() -> None:
    n = names()
    dave = n.label("x", None, "dave")
    assert n.text("x", "@dave thanks, ask @gmpolice. mail me@example.com") == (
        f"{dave} thanks, ask @gmpolice. mail me@example.com")
    jo = n.label("mastodon", None, "jo@social.example")
    assert n.text("mastodon", "cc @jo@social.example and @gmp@police.social") == f"cc {jo} and @gmp@police.social"


def test_naming_the_public_changes_nothing() -> None:
    n = names(pseudonymise=False)
    assert n.shown("x", "50", "dave") == "@dave" and n.text("x", "@dave hi") == "@dave hi"
    assert n.account_id("x", "50", "dave") == "50"
    assert n.is_public("x", "50", "dave") and not n.is_public("x", "10", None)


def test_network_nodes_of_the_public_are_hidden() -> None:
    n = names()
    network = {"accounts": 3, "most_addressed": [{"account": "x:gmpolice", "interactions": 5},
                                                 {"account": "x:dave", "interactions": 2},
                                                 {"account": "x:id:77", "interactions": 1}]}
    shown = [row["account"] for row in hide_network(network, n)["most_addressed"]]
    assert shown == ["x:gmpolice", n.label("x", None, "dave"), n.label("x", "77", None)]
    assert hide_network(network, n)["accounts"] == 3
