"""Vehicle registrations: UK (current, prefix and suffix styles), Dutch, Spanish, French and German plates,
and any plate written after "registration", "kenteken", "matrícula", "immatriculation" or "Kennzeichen"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tweetathon.privacy.pii.spans import Span, finding, inside_any
from tweetathon.privacy.pii.types import Finding

REASON = "A vehicle registration: it leads to the keeper's name and address. Describe the vehicle instead."

PLATES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b[A-HJ-PR-Y][A-HJ-PR-Y]\d{2} ?[A-HJ-PR-Z]{3}\b"),            # UK current: MA19 XYZ
    re.compile(r"\b[A-HJ-NPR-Y]\d{1,3} ?[A-HJ-PR-Y]{3}\b"),                    # UK prefix: A123 BCD
    re.compile(r"\b[A-HJ-PR-Y]{3} ?\d{1,3}[A-HJ-NPR-Y]\b"),                    # UK suffix: ABC 123D
    re.compile(r"\b(?:\d{1,3}-[A-Z]{2,3}-\d{1,2}|[A-Z]{1,3}-\d{2,3}-[A-Z]{1,2}|[A-Z]{2}-[A-Z]{2}-\d{2}|"
               r"\d{2}-[A-Z]{2}-[A-Z]{2}|[A-Z]{2}-\d{2}-[A-Z]{2}|\d{2}-\d{2}-[A-Z]{2}|[A-Z]{2}-\d{2}-\d{2}|"
               r"\d{2}-[A-Z]{3}-\d)\b"),                                         # Dutch sidecodes: 12-ABC-3
    re.compile(r"\b\d{4} ?[BCDFGHJKLMNPRSTVWXYZ]{3}\b"),                       # Spanish: 1234 BCD
    re.compile(r"\b[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}\b"),              # French SIV: AB-123-CD
    re.compile(r"\b[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} ?\d{1,4}[EH]?\b"),                 # German: M-AB 1234
)
CONTEXT = re.compile(r"(?i:registration(?:\s+(?:number|mark|plate))?|reg(?:\.|istration)?\s*(?:no\.?|number)?|"
                     r"number\s+plate|vrm|index|kenteken|nummerplaat|matr[ií]cula|immatricul[ée]e?|immatriculation|"
                     r"plaque|kennzeichen|amtliche[sn]?\s+kennzeichen)[:\s]+(?:was\s+|is\s+|es\s+|ist\s+)?"
                     r"([A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,4}){1,3})\b")


def find_vehicles(text: str, protected: list[Span]) -> Iterator[Finding]:
    """Number plates in the formats above (outside road numbers, times and log numbers)."""
    for pattern in PLATES:
        for match in pattern.finditer(text):
            plate = match.group(0)
            if _mixed(plate) and not inside_any(match.start(), match.end(), protected):
                yield finding(text, match.start(), match.end(), "vehicle", REASON)
    for match in CONTEXT.finditer(text):
        if _mixed(match.group(1)):
            yield finding(text, match.start(1), match.end(1), "vehicle", REASON)


def _mixed(plate: str) -> bool:
    """Letters and digits both: "ABC-DEF" or "12-34" is not a plate."""
    return any(c.isdigit() for c in plate) and any(c.isalpha() for c in plate)
