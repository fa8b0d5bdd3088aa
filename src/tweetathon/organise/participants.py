"""Participants: read a registration CSV, validate and normalise each row, geocode it. Pure except for reading.

Columns: platform, handle, agency, role, address, city, country; optional latitude, longitude, zone, status.
Each bad row becomes a `RowError` (file:line, what was wrong, how to fix it) and the rest are still read.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tweetathon.model import PLATFORMS, ROLES, Participant
from tweetathon.organise.events import EventError
from tweetathon.organise.geocode import Place, country_code, locate
from tweetathon.sources.base import HEAD_BYTES
from tweetathon.sources.encoding import detect_encoding, is_binary, sniff_delimiter
from tweetathon.sources.reading import open_text, read_prefix

REQUIRED_COLUMNS = ("platform", "handle", "agency", "role", "address", "city", "country")
OPTIONAL_COLUMNS = ("latitude", "longitude", "zone", "status")
STATUSES = ("pending", "approved")
PLATFORM_ALIASES = {"twitter": "x", "x.com": "x", "bsky": "bluesky", "fediverse": "mastodon"}

_X_HANDLE = re.compile(r"^[a-z0-9_]{1,50}$")  # 15 today; longer ones warn
_MASTODON = re.compile(r"^[a-z0-9_]([a-z0-9_.-]{0,28}[a-z0-9_])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
                       r"[a-z][a-z0-9-]{0,61}[a-z0-9]$")
_BLUESKY = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_PROFILE_URL = re.compile(r"^https?://(?P<host>[^/]+)/@?(?P<user>[^/?#]+)/?$")


class ParticipantError(EventError):
    """A participant field that is wrong: `message` what, `hint` how to fix it."""


def normalise_platform(value: str) -> str:
    platform = PLATFORM_ALIASES.get(value.strip().lower(), value.strip().lower())
    if platform not in PLATFORMS:
        raise ParticipantError(f"unknown platform {value!r}", f"Use one of {', '.join(PLATFORMS)}.")
    return platform


def normalise_handle(platform: str, handle: str) -> str:
    """The canonical handle: lower-case, no leading `@`; Mastodon `user@instance`; Bluesky `name.domain`.
    Profile URLs are accepted (`https://x.com/GMPolice`, `https://mastodon.social/@user`)."""
    value = handle.strip()
    url = _PROFILE_URL.match(value)
    if url:
        host, user = url["host"].lower(), url["user"]
        value = f"{user}@{host}" if platform == "mastodon" else user
    value = value.lstrip("@").lower()
    if platform == "x" and _X_HANDLE.match(value):
        return value
    if platform == "mastodon" and _MASTODON.match(value):
        return value
    if platform == "bluesky" and _BLUESKY.match(value) and len(value) <= 253:
        return value
    raise ParticipantError(f"malformed {platform} handle {handle!r}", _HANDLE_HINTS[platform])


_HANDLE_HINTS = {
    "x": "An X handle is letters, digits or underscores (15 at most today), e.g. @gmpolice.",
    "mastodon": "A Mastodon handle is user@instance, e.g. @police@mastodon.example.",
    "bluesky": "A Bluesky handle is a domain name, e.g. police.bsky.social.",
}


def normalise_role(value: str) -> str:
    role = (value or "agency").strip().lower()
    if role not in ROLES:
        raise ParticipantError(f"unknown role {value!r}", f"Use one of {', '.join(ROLES)}.")
    return role


def normalise_status(value: str) -> str:
    status = (value or "pending").strip().lower()
    if status not in STATUSES:
        raise ParticipantError(f"unknown status {value!r}", f"Use one of {', '.join(STATUSES)}.")
    return status


def _coordinate(value: str | float | None, what: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return float(value)
    except ValueError:
        raise ParticipantError(f"bad {what} {value!r}", "Write decimal degrees, e.g. 51.4816 or -3.1791.") from None


@dataclass(frozen=True, slots=True)
class RowError:
    file: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" + (f" — {self.hint}" if self.hint else "")


@dataclass(frozen=True, slots=True)
class Parsed:
    """A valid participant from one line, and any geocoding warning."""

    line: int
    participant: Participant
    note: str = ""


Locator = Callable[..., Place]


def participant_from_fields(event: str, fields: dict[str, str | float | None],
                            locator: Locator = locate) -> tuple[Participant, str]:
    """A validated, normalised, geocoded Participant from raw field values, plus the geocoding note.
    Raises ParticipantError (or GeocodeError) on the first problem."""
    def text(key: str) -> str:
        value = fields.get(key)
        return "" if value is None else str(value).strip()

    platform = normalise_platform(text("platform"))
    handle = normalise_handle(platform, text("handle"))
    role, status = normalise_role(text("role")), normalise_status(text("status"))
    country = country_code(text("country")) if text("country") else ""
    lat, lon = _coordinate(fields.get("latitude"), "latitude"), _coordinate(fields.get("longitude"), "longitude")
    if (lat is None) != (lon is None):
        raise ParticipantError("latitude and longitude go together", "Give both, or neither.")
    place = locator(text("city"), country, text("address"), lat, lon, text("zone") or None)
    note = "; ".join(n for n in (handle_warning(platform, handle), place.note) if n)
    participant = Participant(
        event=event, platform=platform, handle=handle, agency=text("agency"), role=role,
        address=text("address"), city=text("city"), country=country, latitude=place.latitude,
        longitude=place.longitude, zone=place.zone, status=status)
    return participant, note


def handle_warning(platform: str, handle: str) -> str:
    """A warning for a handle that is valid in form but unusual: X handles over 15 characters (legacy or typo)."""
    if platform == "x" and len(handle) > 15:
        return f"X handle @{handle} is longer than 15 characters: check it is right"
    return ""


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; the header is line 1. The encoding (UTF-8 with or without BOM,
    UTF-16, Windows-1252/Latin-1) and the delimiter (comma, semicolon, tab) are detected as spreadsheets write
    them. Raises ParticipantError on a binary file, a bad header or a row the CSV reader cannot read."""
    prefix = read_prefix(path, HEAD_BYTES)
    encoding = detect_encoding(prefix)
    if is_binary(prefix, encoding):
        raise ParticipantError(f"{path}: not a CSV text file (it holds binary data)",
                               "Save the sheet as CSV (comma, semicolon or tab separated) and import that file.")
    first = prefix.decode(encoding, "replace").lstrip("\ufeff").split("\n", 1)[0]
    delimiter = sniff_delimiter(first)
    with open_text(path, encoding) as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        _check_columns(path, reader.fieldnames or [], delimiter)
        try:
            for row in reader:
                cleaned = {(k or "").strip().lower(): (v or "") for k, v in row.items() if isinstance(v, str | None)}
                if any(value.strip() for value in cleaned.values()):
                    yield reader.line_num, cleaned
        except csv.Error as exc:
            raise ParticipantError(f"{path}:{reader.line_num + 1}: this row cannot be read as CSV ({exc})",
                                   "Fix or remove the row and import again.") from exc


def _check_columns(path: Path, fieldnames: Sequence[str], delimiter: str) -> None:
    columns = [c.strip().lower() for c in fieldnames]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        shown = {",": "commas", ";": "semicolons", "\t": "tabs"}[delimiter]
        raise ParticipantError(f"{path}:1: missing column(s) {', '.join(missing)}",
                               f"The header needs {', '.join(REQUIRED_COLUMNS)} "
                               f"(optional: {', '.join(OPTIONAL_COLUMNS)}), separated by commas, semicolons or "
                               f"tabs; this header was read as separated by {shown}: {', '.join(columns[:10])}.")


def parse_csv(path: Path, event: str, locator: Locator = locate) -> tuple[list[Parsed], list[RowError]]:
    """Every valid participant of the file, and one RowError per bad row (duplicates within the file too)."""
    parsed: list[Parsed] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in read_rows(path):
        try:
            participant, note = participant_from_fields(event, dict(row), locator)
        except EventError as exc:
            errors.append(RowError(str(path), line, exc.message, exc.hint))
            continue
        key = (participant.platform, participant.handle)
        if key in seen:
            errors.append(RowError(str(path), line, f"duplicate of line {seen[key]}: "
                                   f"{participant.platform}:{participant.handle}",
                                   "Keep one row per account (platform + handle)."))
            continue
        seen[key] = line
        parsed.append(Parsed(line, participant, note))
    return parsed, errors


def approve(participant: Participant) -> Participant:
    """The participant approved, or a ParticipantError if there is no time zone to place their window."""
    if not participant.zone:
        raise ParticipantError(f"{participant.platform}:{participant.handle} has no time zone, so cannot be approved",
                               "Set it with `tweetathon participants add ... --zone ZONE` (or --lat/--lon).")
    return replace(participant, status="approved")


def profile_url(platform: str, handle: str) -> str:
    if platform == "x":
        return f"https://x.com/{handle}"
    if platform == "mastodon":
        user, _, host = handle.partition("@")
        return f"https://{host}/@{user}"
    return f"https://bsky.app/profile/{handle}"
