"""Self-service registration on SQLite and PostgreSQL with a real SMTP server on loopback: field checks, place
preview, pending participant, confirmation mail and link, approval and rejection mails, abuse counters."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.smtp import SmtpServer
from tweetathon.audit import entries
from tweetathon.model import Event
from tweetathon.organise import moderation
from tweetathon.organise.abuse import RateLimiter
from tweetathon.organise.registration import RegistrationForm, check_form, confirm, submit
from tweetathon.store.organise import get_participants
from tweetathon.store.registrations import counters, list_registrations
from tweetathon.store.schema import participants, registrations
from tweetathon.store.store import Store

SECRET = "a-test-secret-key-that-is-long-enough-0123456789"
LINK = re.compile(r"http://127\.0\.0\.1:8000/events/poltwt/register/confirm/(\S+)")
REYKJAVIK = {"platform": "x", "handle": "@LogreglanIS", "agency": "Lögreglan á höfuðborgarsvæðinu",
             "role": "agency", "address": "Hverfisgata 113", "city": "Reykjavik", "country": "Iceland",
             "email": "press@logreglan.example", "consent": "on"}


@pytest.fixture
def event_store(store: Store) -> Store:
    store.ensure_event(Event(slug="poltwt", name="#poltwt 2026", hashtags=("poltwt",)))
    return store


def form(**changes: str) -> RegistrationForm:
    return RegistrationForm.from_mapping({**REYKJAVIK, **changes})


def test_a_valid_form_gives_the_place_preview() -> None:
    checked = check_form("poltwt", form())
    assert checked.ok and checked.errors == {}
    assert checked.place == "We placed you in Reykjavík, Atlantic/Reykjavik"
    p = checked.participant
    assert p is not None and (p.platform, p.handle, p.country, p.zone, p.status) == (
        "x", "logreglanis", "IS", "Atlantic/Reykjavik", "pending")


@pytest.mark.parametrize(("changes", "field", "says"), [
    ({"handle": "@this_handle_is_too_long"}, "handle", "1 to 15 letters"),
    ({"handle": "@bad-dash"}, "handle", "1 to 15 letters"),
    ({"platform": "mastodon", "handle": "@police"}, "handle", "user@instance"),
    ({"platform": "bluesky", "handle": "not a domain"}, "handle", "domain name"),
    ({"platform": "myspace"}, "platform", "Choose X, Mastodon or Bluesky"),
    ({"country": "Atlantis"}, "country", "We do not know the country"),
    ({"email": "press at logreglan"}, "email", "does not look like an e-mail"),
    ({"email": "a@b.example\r\nBcc: x@y.example"}, "email", "does not look like an e-mail"),
    ({"consent": ""}, "consent", "Please agree"),
    ({"agency": ""}, "agency", "Please give the agency"),
    ({"city": "Nowheresville", "country": "US"}, "city", "We could not find 'Nowheresville' in United States"),
])
def test_each_bad_field_gets_its_own_message(changes: dict[str, str], field: str, says: str) -> None:
    checked = check_form("poltwt", form(**changes))
    assert not checked.ok and checked.participant is None
    assert list(checked.errors) == [field] and says in checked.errors[field]


def test_every_problem_is_reported_at_once() -> None:
    checked = check_form("poltwt", RegistrationForm.from_mapping({"platform": "x"}))
    assert set(checked.errors) == {"handle", "agency", "city", "country", "email", "consent"}


def test_mastodon_and_bluesky_handles_are_accepted() -> None:
    masto = check_form("poltwt", form(platform="mastodon", handle="@police@mastodon.example"))
    bsky = check_form("poltwt", form(platform="bluesky", handle="police.bsky.social"))
    assert masto.participant and masto.participant.handle == "police@mastodon.example"
    assert bsky.participant and bsky.participant.handle == "police.bsky.social"


def _link(message: object) -> str:
    found = LINK.search(str(message))
    assert found, message
    return found.group(1)


def test_register_confirm_approve_end_to_end(event_store: Store, smtp: SmtpServer) -> None:
    outcome = submit(event_store, "poltwt", form(), mail=smtp.settings(), secret=SECRET)
    assert outcome.outcome == "submitted", outcome
    assert get_participants(event_store, "poltwt", "approved") == []  # nothing public yet
    [pending] = list_registrations(event_store, "poltwt")
    assert (pending.participant.handle, pending.email, pending.confirmed) == (
        "logreglanis", "press@logreglan.example", False)

    [mail] = smtp.wait(1)
    assert mail["To"] == "press@logreglan.example" and smtp.received.recipients == [["press@logreglan.example"]]
    assert mail["Subject"] == "Confirm your registration for #poltwt 2026"
    refused = moderation.approve(event_store, "poltwt", "x", "logreglanis", actor="ana", mail=smtp.settings())
    assert refused.outcome == "not_confirmed"

    token = _link(mail.get_content())
    assert confirm(event_store, token, secret=SECRET).outcome == "confirmed"
    assert confirm(event_store, token, secret=SECRET).outcome == "already_confirmed"
    assert list_registrations(event_store, "poltwt")[0].confirmed

    decided = moderation.approve(event_store, "poltwt", "x", "logreglanis", actor="ana", mail=smtp.settings())
    assert decided.outcome == "approved" and decided.mailed
    [approved] = get_participants(event_store, "poltwt", "approved")
    assert approved.zone == "Atlantic/Reykjavik"
    second = smtp.wait(2)[1]
    assert second["Subject"] == "You are on the list for #poltwt 2026" and second["To"] == "press@logreglan.example"
    assert "http://127.0.0.1:8000/events/poltwt" in second.get_content()
    [entry] = entries(event_store, event="poltwt")
    assert (entry.actor, entry.action, entry.before["status"], entry.after["status"]) == (
        "ana", "registration.approve", "pending", "approved")
    assert "press@logreglan.example" not in str(entry.as_dict())


def test_a_tampered_expired_or_foreign_link_confirms_nothing(event_store: Store, smtp: SmtpServer) -> None:
    submit(event_store, "poltwt", form(), mail=smtp.settings(), secret=SECRET)
    token = _link(smtp.wait(1)[0].get_content())
    assert confirm(event_store, token[:-2] + "xx", secret=SECRET).outcome == "invalid"
    assert confirm(event_store, token, secret="another-secret-key-that-is-long-enough-000").outcome == "invalid"
    assert confirm(event_store, token, secret=SECRET, max_age=timedelta(seconds=-1)).outcome == "expired"
    assert not list_registrations(event_store, "poltwt")[0].confirmed
    moderation.remove_participant(event_store, "poltwt", "x", "logreglanis", actor="ana")
    assert confirm(event_store, token, secret=SECRET).outcome == "gone"


def test_reject_mails_the_reason_and_keeps_nothing_but_a_count(event_store: Store, smtp: SmtpServer) -> None:
    submit(event_store, "poltwt", form(), mail=smtp.settings(), secret=SECRET)
    decided = moderation.reject(event_store, "poltwt", "x", "logreglanis", "Not a police account.", actor="ana",
                                mail=smtp.settings())
    assert decided.outcome == "rejected" and decided.mailed
    mail = smtp.wait(2)[1]
    assert mail["Subject"] == "Your registration for #poltwt 2026" and "Not a police account." in mail.get_content()
    with event_store.engine.connect() as conn:
        assert conn.execute(select(participants)).all() == []
        assert conn.execute(select(registrations)).all() == []
    assert counters(event_store, "poltwt") == {"rejected": 1}
    [entry] = entries(event_store, action="registration.reject")
    assert entry.after == {"status": "rejected", "reason": "Not a police account."}


def test_duplicate_handle_is_refused_clearly(event_store: Store, smtp: SmtpServer) -> None:
    assert submit(event_store, "poltwt", form(), mail=smtp.settings(), secret=SECRET).outcome == "submitted"
    again = submit(event_store, "poltwt", form(handle="logreglanis", email="other@example.org"),
                   mail=smtp.settings(), secret=SECRET)
    assert again.outcome == "invalid" and again.checked is not None
    assert again.checked.errors == {"handle": "@logreglanis is already registered for this event. If that is you, "
                                              "wait for the organisers' decision (or contact them to change the "
                                              "entry)."}
    assert len(list_registrations(event_store, "poltwt")) == 1 and len(smtp.wait(1)) == 1
    assert counters(event_store, "poltwt") == {"duplicate": 1}


def test_invalid_honeypot_and_flooded_submissions_store_only_counters(event_store: Store,
                                                                       smtp: SmtpServer) -> None:
    bad = submit(event_store, "poltwt", form(email="nope"), mail=smtp.settings(), secret=SECRET)
    bot = submit(event_store, "poltwt", form(), mail=smtp.settings(), secret=SECRET, honeypot="http://spam")
    limiter = RateLimiter(capacity=1, refill_seconds=3600)
    first = submit(event_store, "poltwt", form(handle="first"), mail=smtp.settings(), secret=SECRET,
                   client="203.0.113.9", limiter=limiter)
    flood = submit(event_store, "poltwt", form(handle="second"), mail=smtp.settings(), secret=SECRET,
                   client="203.0.113.9", limiter=limiter)
    assert [s.outcome for s in (bad, bot, first, flood)] == ["invalid", "discarded", "submitted", "rate_limited"]
    assert [r.participant.handle for r in list_registrations(event_store, "poltwt")] == ["first"]
    assert counters(event_store, "poltwt") == {"invalid": 1, "honeypot": 1, "rate_limited": 1}
    assert len(smtp.wait(1)) == 1


def test_when_mail_cannot_be_sent_nothing_is_kept(event_store: Store) -> None:
    server = SmtpServer()  # never started: nothing listens on its port
    outcome = submit(event_store, "poltwt", form(), mail=server.settings(), secret=SECRET)
    assert outcome.outcome == "mail_failed" and "nothing was kept" in outcome.message
    assert list_registrations(event_store, "poltwt") == []
    assert counters(event_store, "poltwt") == {"mail_failed": 1}


def test_bulk_approval_reports_each_one(event_store: Store, smtp: SmtpServer) -> None:
    for handle in ("one", "two"):
        submit(event_store, "poltwt", form(handle=handle), mail=smtp.settings(), secret=SECRET)
    tokens = [_link(m.get_content()) for m in smtp.wait(2)]
    confirm(event_store, tokens[0], secret=SECRET)
    decisions = moderation.approve_many(event_store, "poltwt", [("x", "one"), ("x", "two"), ("x", "ghost")],
                                        actor="ana", mail=smtp.settings())
    assert [(d.handle, d.outcome) for d in decisions] == [("one", "approved"), ("two", "not_confirmed"),
                                                         ("ghost", "not_found")]
    assert [p.handle for p in get_participants(event_store, "poltwt", "approved")] == ["one"]


def test_edit_and_remove_are_audited(event_store: Store, smtp: SmtpServer) -> None:
    submit(event_store, "poltwt", form(), mail=smtp.settings(), secret=SECRET)
    edited = moderation.edit_participant(event_store, "poltwt", "x", "logreglanis",
                                         {"city": "Akureyri", "agency": "Lögreglan á Norðurlandi eystra"},
                                         actor="ana")
    assert (edited.city, edited.zone, edited.latitude is not None) == ("Akureyri", "Atlantic/Reykjavik", True)
    [entry] = entries(event_store, action="participant.edit")
    assert (entry.before["city"], entry.after["city"]) == ("Reykjavik", "Akureyri")
    assert entry.before["latitude"] != entry.after["latitude"]
    assert moderation.remove_participant(event_store, "poltwt", "x", "logreglanis", actor="ana")
    assert not moderation.remove_participant(event_store, "poltwt", "x", "logreglanis", actor="ana")
    assert [e.action for e in entries(event_store, event="poltwt")] == ["participant.remove", "participant.edit"]


def test_an_x_profile_url_is_accepted_and_checked_for_length() -> None:
    assert check_form("poltwt", form(handle="https://x.com/LogreglanIS")).participant is not None
    checked = check_form("poltwt", form(handle="https://x.com/this_handle_is_too_long"))
    assert "1 to 15 letters" in checked.errors["handle"]


def test_registrations_never_confirmed_are_purged_once_the_link_expired(event_store: Store,
                                                                       smtp: SmtpServer) -> None:
    from datetime import UTC, datetime

    from tweetathon.organise.registration import purge_unconfirmed

    for handle in ("confirmed", "silent"):
        submit(event_store, "poltwt", form(handle=handle), mail=smtp.settings(), secret=SECRET)
    confirm(event_store, _link(smtp.wait(2)[0].get_content()), secret=SECRET)
    assert purge_unconfirmed(event_store) == 0  # links still valid
    assert purge_unconfirmed(event_store, now=datetime.now(UTC) + timedelta(days=7, minutes=1)) == 1
    assert [r.participant.handle for r in list_registrations(event_store, "poltwt")] == ["confirmed"]
    assert counters(event_store, "poltwt") == {"unconfirmed": 1}


def test_a_failed_confirmation_mail_is_logged_for_the_operator(event_store: Store,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    server = SmtpServer()  # never started
    submit(event_store, "poltwt", form(), mail=server.settings(), secret=SECRET)
    assert f"could not send mail through 127.0.0.1:{server.port}" in caplog.text
    assert "press@logreglan.example" not in caplog.text
