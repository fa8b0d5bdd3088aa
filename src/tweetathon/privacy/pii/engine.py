"""Run every rule over a draft and keep one finding per stretch of text."""

from __future__ import annotations

from tweetathon.privacy.pii import contacts, identifiers, namelists, people, places, vehicles
from tweetathon.privacy.pii.protected import protected_spans
from tweetathon.privacy.pii.spans import overlaps
from tweetathon.privacy.pii.types import EMPTY, Allowlist, Finding

# When two findings overlap, the one whose type comes first here wins (then the longer one).
PRIORITY: tuple[str, ...] = ("email", "bank_card", "national_id", "licence", "phone", "dob", "address",
                             "location", "postcode", "vehicle", "handle", "name", "age")


def check(text: str, *, lang: str | None = None, allow: Allowlist | None = None) -> list[Finding]:
    """Every piece of personal data in `text`, in order of position: type, exact text, offsets and a reason.

    `lang` ("en", "nl", "es", "fr", "de") says which countries' phone numbers to try first; every language's
    rules run whatever it is. `allow` lists what the event publishes on purpose.
    """
    allow = allow or EMPTY
    protected = protected_spans(text)
    undated = [span for span in protected if span.kind != "date"]
    found: list[Finding] = [
        *contacts.find_emails(text, allow),
        *contacts.find_phones(text, protected, allow, lang),
        *contacts.find_handles(text, allow),
        *identifiers.find_national_ids(text, protected),
        *identifiers.find_bank(text, protected),
        *identifiers.find_licences(text),
        *places.find_addresses(text, protected),
        *places.find_postcodes(text, protected, namelists.towns()),
        *places.find_locations(text, protected),
        *vehicles.find_vehicles(text, undated),
        *people.find_dobs(text),
    ]
    names = list(people.find_names(text, protected, allow))
    found += names + list(people.find_ages(text, names))
    return resolve(found)


def _rank(item: Finding) -> tuple[int, int]:
    return PRIORITY.index(item.type), -(item.end - item.start)


def resolve(found: list[Finding]) -> list[Finding]:
    """Keep the most specific of overlapping findings (by PRIORITY, then length), sorted by position."""
    kept: list[Finding] = []
    for item in sorted(found, key=_rank):
        if item.end > item.start and not any(overlaps(item.start, item.end, k.start, k.end) for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: (f.start, f.end))
