"""Organiser actions on participants: approve or reject registrations (one or many), edit, remove. Each action
writes its audit entry in the same transaction as the change, and a decision on a registration mails the
registrant, so no page or command can forget either.

API (stable):
    approve(store, slug, platform, handle, *, actor, mail=None) -> Decision
    reject(store, slug, platform, handle, reason, *, actor, mail=None) -> Decision    reason required
    approve_many(store, slug, keys, *, actor, mail=None) -> list[Decision]            keys: [(platform, handle)]
    reject_many(store, slug, keys, reason, *, actor, mail=None) -> list[Decision]
    edit_participant(store, slug, platform, handle, changes, *, actor, locator=locate) -> Participant
    remove_participant(store, slug, platform, handle, *, actor) -> bool
    Decision: platform, handle, outcome, mailed, message; ok
      outcome: "approved" | "rejected" | "not_found" | "not_confirmed" | "no_zone" | "already_approved"
Raises store.organise.UnknownEvent for an unknown slug and ParticipantError for a bad edit or a missing reason.

Approving needs the registrant's e-mail confirmed (double opt-in) when the participant came from the form;
participants imported by an organiser (CSV, `participants add`) have no contact row and are approved as they are.
Rejecting deletes the participant and its contact row (the audit entry keeps the public fields and the reason)
and counts one `rejected` for the event. Mail (`mail=None`: none) is sent after the change is committed; if it
fails the decision stands and `mailed` is False with the reason in `message`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, RowMapping, delete, update
from sqlalchemy.exc import IntegrityError

from tweetathon.audit import record_in
from tweetathon.mail import MailError, MailSettings, send
from tweetathon.model import Participant
from tweetathon.organise.geocode import locate
from tweetathon.organise.participants import Locator, ParticipantError, participant_from_fields
from tweetathon.organise.registration import public_fields
from tweetathon.store import registrations as rstore
from tweetathon.store.organise import UnknownEvent, participant_from_row
from tweetathon.store.schema import participants
from tweetathon.store.store import Store

PLACE_FIELDS = ("address", "city", "country", "latitude", "longitude", "zone")
EDITABLE = ("platform", "handle", "agency", "role", "status", *PLACE_FIELDS)


@dataclass(frozen=True, slots=True)
class Decision:
    platform: str
    handle: str
    outcome: str
    mailed: bool = False
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome in ("approved", "rejected")


def _event_id(store: Store, slug: str) -> int:
    event_id = store.event_id(slug)
    if event_id is None:
        raise UnknownEvent(slug)
    return event_id


def _target(slug: str, platform: str, handle: str) -> str:
    return f"participant:{slug}:{platform}:{handle}"


def _mail(mail: MailSettings | None, to: str | None, subject: str, body: str) -> tuple[bool, str]:
    if mail is None or not to:
        return False, "" if to else "no contact e-mail (not registered through the form)"
    try:
        send(mail, to, subject, body)
    except MailError as exc:
        return False, str(exc)
    return True, ""


def _event_name(store: Store, slug: str) -> str:
    event = store.get_event(slug)
    return event.name if event else slug


def _approval_refusal(row: RowMapping, contact: RowMapping | None) -> str:
    if row["status"] == "approved":
        return "already_approved"
    if contact is not None and contact["confirmed_at"] is None:
        return "not_confirmed"
    return "" if row["zone"] else "no_zone"


_REFUSALS = {
    "not_found": "no such participant in this event",
    "already_approved": "already approved",
    "not_confirmed": "the registrant has not confirmed their e-mail address yet",
    "no_zone": "no time zone: edit the participant's place first",
}


def _approve_in(conn: Connection, event_id: int, slug: str, key: tuple[str, str], actor: str,
                ) -> tuple[str, RowMapping | None, str | None]:
    """(outcome, participant row, contact e-mail) after approving inside `conn`."""
    row = rstore.find_participant(conn, event_id, *key)
    if row is None:
        return "not_found", None, None
    contact = rstore.contact_of(conn, row["id"])
    refusal = _approval_refusal(row, contact)
    if refusal:
        return refusal, row, None
    conn.execute(update(participants).where(participants.c.id == row["id"]).values(status="approved"))
    before = public_fields(participant_from_row(slug, dict(row)))
    record_in(conn, actor, "registration.approve", _target(slug, *key), before, {**before, "status": "approved"},
              event=slug)
    return "approved", row, contact["email"] if contact else None


def approve(store: Store, slug: str, platform: str, handle: str, *, actor: str,
            mail: MailSettings | None = None) -> Decision:
    """Approve one participant (see the module docstring) and mail them if they registered through the form."""
    event_id = _event_id(store, slug)
    with store.engine.begin() as conn:
        outcome, row, email = _approve_in(conn, event_id, slug, (platform, handle), actor)
    if outcome != "approved" or row is None:
        return Decision(platform, handle, outcome, False, _REFUSALS[outcome])
    p = participant_from_row(slug, dict(row))
    mailed, problem = _mail(mail, email, *approval_mail(_event_name(store, slug), p, _page(mail, slug)))
    return Decision(platform, handle, "approved", mailed, problem)


def _page(mail: MailSettings | None, slug: str) -> str:
    return f"{mail.base_url}/events/{slug}" if mail else ""


def approval_mail(event_name: str, p: Participant, page: str) -> tuple[str, str]:
    shown = f"@{p.handle}" if p.platform != "bluesky" else p.handle
    return (f"You are on the list for {event_name}",
            f"Hello,\n\nthe organisers approved {shown} ({p.agency}) for {event_name}. Your agency's name, "
            f"handle and place ({p.city}, time zone {p.zone}) now appear on the public map and list.\n\n"
            f"The event page: {page}\n\nThank you for taking part.\n")


def rejection_mail(event_name: str, p: Participant, reason: str) -> tuple[str, str]:
    shown = f"@{p.handle}" if p.platform != "bluesky" else p.handle
    return (f"Your registration for {event_name}",
            f"Hello,\n\nthe organisers could not accept the registration of {shown} ({p.agency}) for "
            f"{event_name}.\n\nTheir reason: {reason}\n\nYour details have been deleted. You may register "
            "again if the reason can be put right.\n")


def reject(store: Store, slug: str, platform: str, handle: str, reason: str, *, actor: str,
           mail: MailSettings | None = None) -> Decision:
    """Reject one participant with a reason: delete it, count it, audit it, mail the reason."""
    reason = reason.strip()
    if not reason:
        raise ParticipantError("a rejection needs a reason", "The registrant receives it by e-mail.")
    event_id = _event_id(store, slug)
    with store.engine.begin() as conn:
        row = rstore.find_participant(conn, event_id, platform, handle)
        if row is None:
            return Decision(platform, handle, "not_found", False, _REFUSALS["not_found"])
        contact = rstore.contact_of(conn, row["id"])
        p = participant_from_row(slug, dict(row))
        conn.execute(delete(participants).where(participants.c.id == row["id"]))
        rstore.bump_counter(conn, event_id, "rejected")
        record_in(conn, actor, "registration.reject", _target(slug, platform, handle), public_fields(p),
                  {"status": "rejected", "reason": reason}, event=slug)
    mailed, problem = _mail(mail, contact["email"] if contact else None,
                            *rejection_mail(_event_name(store, slug), p, reason))
    return Decision(platform, handle, "rejected", mailed, problem)


def approve_many(store: Store, slug: str, keys: Iterable[tuple[str, str]], *, actor: str,
                 mail: MailSettings | None = None) -> list[Decision]:
    """Approve each (platform, handle); one Decision each, in order (a refusal does not stop the rest)."""
    return [approve(store, slug, platform, handle, actor=actor, mail=mail) for platform, handle in keys]


def reject_many(store: Store, slug: str, keys: Iterable[tuple[str, str]], reason: str, *, actor: str,
                mail: MailSettings | None = None) -> list[Decision]:
    return [reject(store, slug, platform, handle, reason, actor=actor, mail=mail) for platform, handle in keys]


def _merged_fields(old: Participant, changes: Mapping[str, str | float | None]) -> dict[str, str | float | None]:
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ParticipantError(f"cannot edit {', '.join(unknown)}", f"Editable fields: {', '.join(EDITABLE)}.")
    fields: dict[str, str | float | None] = {
        "platform": old.platform, "handle": old.handle, "agency": old.agency, "role": old.role,
        "status": old.status, "address": old.address, "city": old.city, "country": old.country}
    if not any(k in changes for k in PLACE_FIELDS):
        fields.update(latitude=old.latitude, longitude=old.longitude, zone=old.zone)
    return {**fields, **changes}


def edit_participant(store: Store, slug: str, platform: str, handle: str,
                     changes: Mapping[str, str | float | None], *, actor: str, locator: Locator = locate
                     ) -> Participant:
    """Change some fields of a participant, validated and geocoded again as on import; audited before/after.
    Changing the place without coordinates places it again from the town."""
    event_id = _event_id(store, slug)
    with store.engine.begin() as conn:
        row = rstore.find_participant(conn, event_id, platform, handle)
        if row is None:
            raise ParticipantError(f"no participant {platform}:{handle} in {slug}", "See the participants list.")
        old = participant_from_row(slug, dict(row))
        new, note = participant_from_fields(slug, _merged_fields(old, changes), locator)
        try:
            with conn.begin_nested():
                conn.execute(update(participants).where(participants.c.id == row["id"]).values(
                    geocode_note=note, **rstore.participant_values(new)))
        except IntegrityError:
            raise ParticipantError(f"{new.platform}:{new.handle} is already a participant of {slug}",
                                   "Remove one of the two first.") from None
        record_in(conn, actor, "participant.edit", _target(slug, platform, handle), public_fields(old),
                  public_fields(new), event=slug)
    return new


def remove_participant(store: Store, slug: str, platform: str, handle: str, *, actor: str) -> bool:
    """Delete a participant (and any contact row); False when there is none."""
    event_id = _event_id(store, slug)
    with store.engine.begin() as conn:
        row = rstore.find_participant(conn, event_id, platform, handle)
        if row is None:
            return False
        conn.execute(delete(participants).where(participants.c.id == row["id"]))
        record_in(conn, actor, "participant.remove", _target(slug, platform, handle),
                  public_fields(participant_from_row(slug, dict(row))), None, event=slug)
    return True
