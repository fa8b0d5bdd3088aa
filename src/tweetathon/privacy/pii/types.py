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


_NOT_DIGIT = re.compile(r"\D")


def digits_of(text: str) -> str:
    """Only the digits of a number as written ("0161 856 1234" -> "01618561234")."""
    return _NOT_DIGIT.sub("", text)


def _handle_key(handle: str) -> str:
    return handle.strip().lstrip("@").casefold()


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Allowlist:
    """Handles, names and numbers an event publishes on purpose (force accounts, named officers, contact numbers).

    Kept normalised whatever is passed in: handles without "@" and case-folded, names case-folded with single
    spaces, numbers as digits only (so "0161 856 1234" allows "+44 161 856 1234" however it is written).
    """

    handles: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)
    numbers: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "handles", frozenset(_handle_key(h) for h in self.handles if h.strip()))
        object.__setattr__(self, "names", frozenset(_name_key(n) for n in self.names if n.strip()))
        object.__setattr__(self, "numbers", frozenset(digits_of(n) for n in self.numbers if digits_of(n)))

    @classmethod
    def of(cls, *, handles: Iterable[str] = (), names: Iterable[str] = (), numbers: Iterable[str] = ()) -> Allowlist:
        return cls(frozenset(handles), frozenset(names), frozenset(numbers))

    def allows_handle(self, handle: str) -> bool:
        return _handle_key(handle) in self.handles

    def allows_name(self, name: str) -> bool:
        """Allowed when its words are part of an allowed name ("Smith" of "Jane Smith") or contain one."""
        words = set(_name_key(name).split())
        return any(words <= set(n.split()) or set(n.split()) <= words for n in self.names)

    def allows_number(self, number: str) -> bool:
        """Same digits, or the same last nine digits (one written nationally, the other internationally)."""
        digits = digits_of(number)
        return any(digits == d or (len(d) >= 9 and len(digits) >= 9 and digits[-9:] == d[-9:]) for d in self.numbers)


EMPTY = Allowlist()
