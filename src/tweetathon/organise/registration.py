"""Self-service registration: check a form field by field, preview the place, store a pending participant,
mail a signed confirmation link (double opt-in) and confirm it.

API (stable):
    FIELDS; RegistrationForm(platform, handle, agency, role, address, city, country, email, consent)
        RegistrationForm.from_mapping(form_data)       (consent: "on" / "yes" / "true" / "1")
    check_form(slug, form, locator=locate) -> Checked                    pure: no store, no mail
    check_registration(store, slug, form, locator=locate) -> Checked     + "already registered" for the event
    Checked: errors {field: message}, participant, place ("We placed you in Reykjavík, Atlantic/Reykjavik"), ok,
             duplicate (the handle is already registered for the event)
    submit(store, slug, form, *, mail, secret, honeypot="", client="", limiter=None, locator=locate) -> Submission
    Submission: outcome ("submitted" | "invalid" | "discarded" | "rate_limited" | "mail_failed"), checked, message
    confirm(store, token, *, secret, max_age=CONFIRM_MAX_AGE) -> Confirmation
    Confirmation: outcome ("confirmed" | "already_confirmed" | "expired" | "invalid" | "gone"), participant, message
    confirm_url(base_url, slug, token) -> str        CONFIRM_PATH = "/events/{slug}/register/confirm/{token}"
    purge_unconfirmed(store, *, now=None) -> int     delete registrations whose link expired unconfirmed
Raises store.organise.UnknownEvent for an unknown slug.

What is stored. A valid submission becomes a `pending` participant (not public: public pages show approved ones)
plus a private `registrations` row with the contact e-mail and the consent time (registrants' own steps are not
audit entries: the audit log is for organiser actions). A refused submission (invalid fields, honeypot, rate
limit, duplicate handle, mail failure) stores nothing but one more in the event's counter for that reason
(`store.registrations.counters`).

Registrations never confirmed are deleted by `purge_unconfirmed` once their link has expired (7 days), counted
as `unconfirmed`; `tweetathon registrations purge` runs it, and so may the web app at start-up.

The link is an itsdangerous signature (secret key from `tweetathon.settings`) over the participant id, event,
handle and a hash of the e-mail, valid for 7 days; confirming marks the registration confirmed (still pending
until an organiser approves it in `organise/moderation.py`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from tweetathon.capture.credentials import Secret
from tweetathon.mail import MailError, MailSettings, send
from tweetathon.model import Participant
from tweetathon.organise.abuse import RateLimiter, honeypot_tripped
from tweetathon.organise.events import EventError
from tweetathon.organise.geocode import Place, country_code, country_name, locate
from tweetathon.organise.participants import normalise_handle, normalise_platform, normalise_role
from tweetathon.store import registrations as rstore
from tweetathon.store.organise import UnknownEvent, participant_from_row
from tweetathon.store.schema import participants
from tweetathon.store.store import Store

FIELDS = ("platform", "handle", "agency", "role", "address", "city", "country", "email", "consent")
CONFIRM_PATH = "/events/{slug}/register/confirm/{token}"
CONFIRM_MAX_AGE = timedelta(days=7)
MAX_TEXT = 300
_SALT = "tweetathon.registration.confirm"
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"\\]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                    r"[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]$")
_X_FORM_HANDLE = re.compile(r"^[a-z0-9_]{1,15}$")
_X_RULE = "An X handle is 1 to 15 letters, digits or underscores, e.g. @gmpolice."
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TRUE = {"on", "yes", "true", "1"}

Locator = Callable[..., Place]
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RegistrationForm:
    platform: str = ""
    handle: str = ""
    agency: str = ""
    role: str = "agency"
    address: str = ""
    city: str = ""
    country: str = ""
    email: str = ""
    consent: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping[str, str]) -> RegistrationForm:
        """From submitted form fields (missing ones empty; an unticked checkbox is absent)."""
        text = {k: str(data.get(k) or "").strip() for k in FIELDS if k != "consent"}
        return cls(**text, consent=str(data.get("consent") or "").strip().lower() in _TRUE)


@dataclass(frozen=True, slots=True)
class Checked:
    errors: dict[str, str] = field(default_factory=dict)
    participant: Participant | None = None
    place: str = ""
    note: str = ""
    duplicate: bool = False  # the only problem is a handle already registered for the event

    @property
    def ok(self) -> bool:
        return not self.errors and self.participant is not None


def _text(value: str, label: str, required: bool) -> tuple[str, str]:
    """(value, error) for a free-text field: stripped, no control characters, not too long."""
    value = value.strip()
    if required and not value:
        return value, f"Please give the {label}."
    if len(value) > MAX_TEXT:
        return value, f"Please keep the {label} under {MAX_TEXT} characters."
    if _CONTROL.search(value):
        return value, f"The {label} contains control characters; please type it again."
    return value, ""


def _handle(platform: str, handle: str) -> tuple[str, str]:
    """(canonical handle, error); a profile URL is accepted as on import."""
    if not handle.strip():
        return "", "Please give the account's handle."
    try:
        value = normalise_handle(platform, handle)
    except EventError as exc:
        return "", _X_RULE if platform == "x" else exc.hint or exc.message
    if platform == "x" and not _X_FORM_HANDLE.match(value):
        return "", _X_RULE
    return value, ""


def _email(value: str) -> tuple[str, str]:
    value = value.strip()
    if not value:
        return "", "Please give a contact e-mail address: we send a link to confirm it."
    if len(value) > 254 or not _EMAIL.match(value):
        return "", "This does not look like an e-mail address (name@example.org)."
    return value, ""


def _field_values(form: RegistrationForm, errors: dict[str, str]) -> dict[str, str]:
    """Each field checked on its own; problems go into `errors` by field name."""
    values: dict[str, str] = {}
    try:
        values["platform"] = normalise_platform(form.platform)
    except EventError:
        errors["platform"] = "Choose X, Mastodon or Bluesky."
    if "platform" in values:
        values["handle"], errors["handle"] = _handle(values["platform"], form.handle)
    try:
        values["role"] = normalise_role(form.role)
    except EventError as exc:
        errors["role"] = exc.hint
    for name, label, required in (("agency", "agency's name", True), ("address", "address", False),
                                  ("city", "town or city", True)):
        values[name], errors[name] = _text(getattr(form, name), label, required)
    try:
        values["country"] = country_code(form.country) if form.country.strip() else ""
        errors["country"] = "" if values["country"] else "Please give the country (name or code, e.g. Iceland or IS)."
    except EventError:
        errors["country"] = f"We do not know the country {form.country!r}: give its name or ISO code (e.g. IS)."
    values["email"], errors["email"] = _email(form.email)
    if not form.consent:
        errors["consent"] = ("Please agree to publish your agency's name, handle and place: the public map and "
                             "list show them, and only approved participants are listed.")
    return values


def _locate(values: dict[str, str], locator: Locator, errors: dict[str, str]) -> Place | None:
    if errors.get("country") or errors.get("city") or not values.get("country"):
        return None
    try:
        return locator(values["city"], values["country"], values.get("address", ""))
    except EventError:
        errors["city"] = (f"We could not find {values['city']!r} in {country_name(values['country'])}. Check the "
                          "spelling, or give the nearest larger town.")
        return None


def preview(place: Place, city: str) -> str:
    """"We placed you in Reykjavík, Atlantic/Reykjavik" (with the fallback's note when the town was not found)."""
    text = f"We placed you in {place.matched or city}, {place.zone}"
    return f"{text} ({place.note})" if place.note else text


def check_form(slug: str, form: RegistrationForm, locator: Locator = locate) -> Checked:
    """Every field's problem (by field name), or the participant it describes and the place preview."""
    errors: dict[str, str] = {}
    values = _field_values(form, errors)
    place = _locate(values, locator, errors)
    errors = {k: v for k, v in errors.items() if v}
    if errors or place is None:
        return Checked(errors, None, preview(place, values.get("city", "")) if place else "")
    participant = Participant(
        event=slug, platform=values["platform"], handle=values["handle"], agency=values["agency"],
        role=values["role"], address=values["address"], city=values["city"], country=values["country"],
        latitude=place.latitude, longitude=place.longitude, zone=place.zone, status="pending")
    return Checked({}, participant, preview(place, values["city"]), place.note)


def _event_id(store: Store, slug: str) -> int:
    event_id = store.event_id(slug)
    if event_id is None:
        raise UnknownEvent(slug)
    return event_id


def _taken_message(p: Participant) -> str:
    return (f"{_shown(p)} is already registered for this event. If that is you, wait for the organisers' "
            "decision (or contact them to change the entry).")


def _shown(p: Participant) -> str:
    return f"@{p.handle}" if p.platform != "bluesky" else p.handle


def check_registration(store: Store, slug: str, form: RegistrationForm, locator: Locator = locate) -> Checked:
    """`check_form`, plus a handle already registered (pending or approved) for the event."""
    checked = check_form(slug, form, locator)
    p = checked.participant
    if p is None:
        return checked
    with store.engine.connect() as conn:
        taken = rstore.find_participant(conn, _event_id(store, slug), p.platform, p.handle)
    return Checked({"handle": _taken_message(p)}, None, checked.place, duplicate=True) if taken else checked


@dataclass(frozen=True, slots=True)
class Submission:
    outcome: str
    checked: Checked | None = None
    message: str = ""


def _serializer(secret: Secret | str) -> URLSafeTimedSerializer:
    key = secret.reveal() if isinstance(secret, Secret) else secret
    return URLSafeTimedSerializer(key, salt=_SALT)


def _email_tag(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


def confirmation_token(secret: Secret | str, participant_id: int, p: Participant, email: str) -> str:
    return _serializer(secret).dumps([participant_id, p.event, p.platform, p.handle, _email_tag(email)])


def confirm_url(base_url: str, slug: str, token: str) -> str:
    return base_url.rstrip("/") + CONFIRM_PATH.format(slug=slug, token=token)


def _count(store: Store, slug: str, reason: str) -> None:
    with store.engine.begin() as conn:
        rstore.bump_counter(conn, _event_id(store, slug), reason)


def public_fields(p: Participant) -> dict[str, object]:
    """The participant's fields for the audit log (never the contact e-mail)."""
    return {"platform": p.platform, "handle": p.handle, "agency": p.agency, "role": p.role, "address": p.address,
            "city": p.city, "country": p.country, "latitude": p.latitude, "longitude": p.longitude,
            "zone": p.zone, "status": p.status}


def _store(store: Store, slug: str, checked: Checked, email: str) -> int | None:
    """Insert the pending participant and its contact row; None when the handle was taken meanwhile."""
    p = checked.participant
    assert p is not None
    try:
        with store.engine.begin() as conn:
            return rstore.insert_registration(conn, _event_id(store, slug), p, checked.note, email,
                                              datetime.now(UTC))
    except IntegrityError:
        return None


def _forget(store: Store, participant_id: int) -> None:
    """Delete a registration whose confirmation could not be mailed (its contact row goes with it)."""
    with store.engine.begin() as conn:
        conn.execute(delete(participants).where(participants.c.id == participant_id))


def confirmation_mail(event_name: str, p: Participant, link: str) -> tuple[str, str]:
    subject = f"Confirm your registration for {event_name}"
    body = (f"Hello,\n\nsomeone (we hope you) registered {_shown(p)} ({p.agency}) for {event_name}.\n\n"
            f"Please confirm this e-mail address by opening this link within 7 days:\n\n{link}\n\n"
            "The organisers then review the registration; you will get another e-mail when they decide.\n"
            "If you did not register, ignore this message: nothing is published without confirmation "
            "and approval.\n")
    return subject, body


def _refused(store: Store, slug: str, form: RegistrationForm, honeypot: str, client: str,
             limiter: RateLimiter | None, locator: Locator) -> Submission | Checked:
    """A Submission when the form is refused (and counted), else the checked form."""
    if honeypot_tripped(honeypot):
        _count(store, slug, "honeypot")
        return Submission("discarded", None, "Thank you: check your e-mail for a confirmation link.")
    if limiter is not None and not limiter.allow(client):
        _count(store, slug, "rate_limited")
        return Submission("rate_limited", None, "Too many registrations from your network: try again later.")
    checked = check_registration(store, slug, form, locator)
    if not checked.ok:
        _count(store, slug, "duplicate" if checked.duplicate else "invalid")
        return Submission("invalid", checked, "Please correct the fields marked below.")
    return checked


def submit(store: Store, slug: str, form: RegistrationForm, *, mail: MailSettings, secret: Secret | str,
           honeypot: str = "", client: str = "", limiter: RateLimiter | None = None,
           locator: Locator = locate) -> Submission:
    """Register `form` for the event `slug` and mail the confirmation link (see the module docstring)."""
    event = store.get_event(slug)
    if event is None:
        raise UnknownEvent(slug)
    checked = _refused(store, slug, form, honeypot, client, limiter, locator)
    if isinstance(checked, Submission):
        return checked
    p = checked.participant
    assert p is not None
    new_id = _store(store, slug, checked, form.email.strip())
    if new_id is None:
        _count(store, slug, "duplicate")
        return Submission("invalid", Checked({"handle": _taken_message(p)}, None, checked.place, duplicate=True),
                          "Please correct the fields marked below.")
    link = confirm_url(mail.base_url, slug, confirmation_token(secret, new_id, p, form.email))
    try:
        send(mail, form.email.strip(), *confirmation_mail(event.name, p, link))
    except MailError as exc:
        log.warning("registration for %s not kept: %s", slug, exc)
        _forget(store, new_id)
        _count(store, slug, "mail_failed")
        return Submission("mail_failed", checked, "We could not send the confirmation e-mail just now; nothing "
                          "was kept. Please try again later.")
    return Submission("submitted", checked, f"Thank you. {checked.place}. We sent a confirmation link to "
                      f"{form.email.strip()}: open it within 7 days.")


@dataclass(frozen=True, slots=True)
class Confirmation:
    outcome: str
    participant: Participant | None = None
    message: str = ""


def _read_token(token: str, secret: Secret | str, max_age: timedelta) -> list[object] | str:
    try:
        value = _serializer(secret).loads(token, max_age=int(max_age.total_seconds()))
    except SignatureExpired:
        return "expired"
    except BadSignature:
        return "invalid"
    return value if isinstance(value, list) and len(value) == 5 else "invalid"


_CONFIRM_MESSAGES = {
    "confirmed": "Thank you: your e-mail address is confirmed. The organisers will review your registration.",
    "already_confirmed": "This registration was already confirmed. The organisers will review it.",
    "expired": "This link has expired (links last 7 days). Please register again.",
    "invalid": "This link is not valid. Check that you copied it whole.",
    "gone": "This registration no longer exists (it may have been withdrawn or decided). Register again if needed.",
}


def confirm(store: Store, token: str, *, secret: Secret | str, max_age: timedelta = CONFIRM_MAX_AGE) -> Confirmation:
    """Mark the registration the link names as confirmed (once); see `_CONFIRM_MESSAGES` for the outcomes."""
    payload = _read_token(token, secret, max_age)
    if isinstance(payload, str):
        return Confirmation(payload, None, _CONFIRM_MESSAGES[payload])
    participant_id, slug, platform, handle, tag = payload
    with store.engine.begin() as conn:
        row = rstore.participant_by_id(conn, int(str(participant_id)))
        contact = rstore.contact_of(conn, int(str(participant_id))) if row is not None else None
        if row is None or contact is None or (row["platform"], row["handle"], _email_tag(contact["email"])) != (
                platform, handle, tag):
            return Confirmation("gone", None, _CONFIRM_MESSAGES["gone"])
        outcome = "already_confirmed" if contact["confirmed_at"] is not None else "confirmed"
        if outcome == "confirmed":
            rstore.mark_confirmed(conn, row["id"], datetime.now(UTC))
    return Confirmation(outcome, participant_from_row(str(slug), dict(row)), _CONFIRM_MESSAGES[outcome])


def purge_unconfirmed(store: Store, *, now: datetime | None = None) -> int:
    """Delete form registrations still unconfirmed when their link has expired; returns how many."""
    cutoff = (now or datetime.now(UTC)) - CONFIRM_MAX_AGE
    with store.engine.begin() as conn:
        found = rstore.unconfirmed_before(conn, cutoff)
        for participant_id, event_id in found:
            conn.execute(delete(participants).where(participants.c.id == participant_id))
            rstore.bump_counter(conn, event_id, "unconfirmed")
    return len(found)
