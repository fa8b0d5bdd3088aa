"""Phone numbers, e-mail addresses and social handles of members of the public."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from phonenumbers import PhoneNumberType

from tweetathon.privacy.pii.lexicon import OFFICIAL_HANDLE_PARTS, OFFICIAL_HANDLE_PREFIXES
from tweetathon.privacy.pii.spans import Span, finding, inside_any
from tweetathon.privacy.pii.types import Allowlist, Finding, digits_of

REGIONS_BY_LANG: dict[str, tuple[str, ...]] = {
    "en": ("GB", "IE", "US"), "nl": ("NL", "BE"), "es": ("ES",), "fr": ("FR", "BE"), "de": ("DE", "AT", "CH"),
}
DEFAULT_REGIONS: tuple[str, ...] = ("GB", "NL", "ES", "FR", "DE", "IE", "BE")

# Numbers of organisations, never of a person: freephone, shared cost, premium, national "UAN" numbers.
ORGANISATION_TYPES = frozenset({PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST,
                                PhoneNumberType.PREMIUM_RATE, PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL})

# Emergency, non-emergency and helpline numbers forces publish everywhere.
PUBLIC_NUMBERS = frozenset({"101", "999", "112", "911", "110", "111", "116123", "116000", "17", "15", "18",
                            "091", "062", "088", "09008844", "08007000", "0800555111", "03001232040",
                            "08001111", "0800789321", "116111", "0900 8844"})

LONG_DIGITS = re.compile(r"(?:\+|\(\+?)?\d(?:[ \t().\-/]{0,3}\d){6,16}\)?")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
HANDLE = re.compile(r"(?<![\w@/.])@([A-Za-z0-9_]{2,30})(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?(?![\w@])")
BLUESKY = re.compile(r"(?<![\w@/.])@([A-Za-z0-9-]+\.bsky\.social)\b")
OFFICIAL_DOMAINS = re.compile(r"(police|politie|polizei|policia|gendarmerie|interieur|garda|gov|gob|gouv|bund|"
                              r"nhs|council|crimestoppers|europa)\b", re.I)


def find_phones(text: str, protected: list[Span], allow: Allowlist, lang: str | None) -> Iterator[Finding]:
    """Phone numbers in any common format, not those of organisations, emergency lines or the allowlist.

    Valid numbers of the language's countries first; then numbers that only have a phone number's shape (a
    leading 0 or +, ten digits or more), such as numbers from ranges not yet in service. Only runs of digits
    long enough to be a phone number are parsed (the matcher is the slow part)."""
    regions = REGIONS_BY_LANG.get(lang or "", DEFAULT_REGIONS)
    for run in LONG_DIGITS.finditer(text):
        if all(inside_any(run.start() + i, run.start() + i + 1, protected) for i in (0, len(run.group(0)) - 1)):
            continue
        for start, end, match in _phones_in(run.group(0), regions):
            if _is_personal_phone(match, run.start() + start, run.start() + end, protected, allow):
                yield finding(text, run.start() + start, run.start() + end, "phone",
                              "A phone number: it may reach a person directly. Give 101/999 or the "
                              "published contact number instead.")


def _phones_in(window: str, regions: tuple[str, ...]) -> Iterator[tuple[int, int, phonenumbers.PhoneNumberMatch]]:
    """Non-overlapping phone numbers in a run of digits: valid ones first, then phone-shaped ones."""
    seen: list[tuple[int, int]] = []
    passes = [(region, phonenumbers.Leniency.VALID) for region in regions]
    for region, leniency in [*passes, (regions[0], phonenumbers.Leniency.POSSIBLE)]:
        for match in phonenumbers.PhoneNumberMatcher(window, region, leniency=leniency):
            if any(s < match.end and match.start < e for s, e in seen):
                continue
            if leniency == phonenumbers.Leniency.POSSIBLE and not _phone_shaped(match.raw_string):
                continue
            seen.append((match.start, match.end))
            yield match.start, match.end, match


def _phone_shaped(raw: str) -> bool:
    return len(digits_of(raw)) >= 10 and raw.lstrip("(").startswith(("0", "+"))


def _is_personal_phone(match: phonenumbers.PhoneNumberMatch, start: int, end: int, protected: list[Span],
                       allow: Allowlist) -> bool:
    raw = match.raw_string
    if digits_of(raw) in PUBLIC_NUMBERS or allow.allows_number(raw) or inside_any(start, end, protected):
        return False
    return phonenumbers.number_type(match.number) not in ORGANISATION_TYPES


def find_emails(text: str, allow: Allowlist) -> Iterator[Finding]:
    """E-mail addresses, not those of police and public bodies or on the allowlist."""
    for match in EMAIL.finditer(text):
        address = match.group(0)
        domain = address.rsplit("@", 1)[1]
        if OFFICIAL_DOMAINS.search(domain) or allow.allows_handle(address):
            continue
        yield finding(text, match.start(), match.end(), "email", "An e-mail address: it identifies and reaches "
                      "a person. Give the force's published contact instead.")


def is_official_handle(handle: str) -> bool:
    """Whether a handle looks like a police, emergency-service, public-body or media account."""
    name = handle.lower().lstrip("@").split("@")[0].split(".")[0]
    return any(part in name for part in OFFICIAL_HANDLE_PARTS) or name.startswith(OFFICIAL_HANDLE_PREFIXES)


def find_handles(text: str, allow: Allowlist) -> Iterator[Finding]:
    """@handles of members of the public: not force or public-body accounts, not the allowlist."""
    for pattern in (BLUESKY, HANDLE):
        for match in pattern.finditer(text):
            if is_official_handle(match.group(1)) or allow.allows_handle(match.group(0)) \
                    or allow.allows_handle(match.group(1)):
                continue
            if "@" in text[match.end():match.end() + 1]:
                continue
            yield finding(text, match.start(), match.end(), "handle", "The account of a member of the public: "
                          "it identifies them. Leave it out unless they asked to be named.")
