"""What the checker reports (a Finding) and what an event publishes on purpose (an Allowlist)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

TYPES: tuple[str, ...] = ("name", "address", "postcode", "phone", "email", "vehicle", "dob", "age", "national_id",
                          "bank_card", "licence", "handle", "location")


@dataclass(frozen=True)
class Finding:
    """One piece of personal data in a draft: `text` is exactly `draft[start:end]`."""

    type: str
    text: str
    start: int
    end: int
    reason: str

    def as_dict(self) -> dict[str, str | int]:
        return {"type": self.type, "text": self.text, "start": self.start, "end": self.end, "reason": self.reason}


def digits_of(text: str) -> str:
    """Only the digits of a number as written ("0161 856 1234" -> "01618561234")."""
    return re.sub(r"\D", "", text)


def _handle_key(handle: str) -> str:
    return handle.strip().lstrip("@").casefold()


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Allowlist:
    """Handles, names and numbers an event publishes on purpose (force accounts, named officers, contact numbers).

    Stored normalised: handles without "@" and case-folded, names case-folded with single spaces, numbers as
    digits only (so "0161 856 1234" allows "01618561234" however it is written).
    """

    handles: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)
    numbers: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *, handles: Iterable[str] = (), names: Iterable[str] = (), numbers: Iterable[str] = ()) -> Allowlist:
        return cls(frozenset(_handle_key(h) for h in handles if h.strip()),
                   frozenset(_name_key(n) for n in names if n.strip()),
                   frozenset(digits_of(n) for n in numbers if digits_of(n)))

    def allows_handle(self, handle: str) -> bool:
        return _handle_key(handle) in {_handle_key(h) for h in self.handles}

    def allows_name(self, name: str) -> bool:
        key = _name_key(name)
        return any(key == n or key in n.split() or n in key for n in (_name_key(x) for x in self.names))

    def allows_number(self, number: str) -> bool:
        digits = digits_of(number)
        return any(digits == d or (len(d) >= 7 and digits.endswith(d[-9:])) for d in self.numbers)


EMPTY = Allowlist()
