"""Street addresses with a house number (and flats), full postcodes, and the exact location of a victim.

A street named without a house number ("Market Street"), a road ("the A34 at junction 9") or a town is what a
force publishes on purpose: only a number on a street, a flat, a full postcode or a victim's home is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tweetathon.privacy.pii.lexicon import STREET_ENDINGS, STREET_PREFIXES, STREET_SUFFIXES
from tweetathon.privacy.pii.spans import Span, finding, inside_any
from tweetathon.privacy.pii.types import Finding

_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’À-ÿ.-]*"
_SUFFIX = "|".join(sorted((re.escape(s) for s in STREET_SUFFIXES), key=len, reverse=True))
_PREFIX = "|".join(sorted((re.escape(s) for s in STREET_PREFIXES), key=len, reverse=True))
_ENDING = "|".join(sorted((re.escape(s) for s in STREET_ENDINGS), key=len, reverse=True))
_NUMBER = r"(?:(?i:no|nr|n[º°])\.?\s?)?\d{1,4}(?!\d)(?:\s?(?:bis|ter|quater)\b|\s?[a-zA-Z](?![\w]))?(?:-\d{1,4})?"
_FLAT = (r"(?:(?:flat|apartment|apt|unit|room|flat no\.?|appartement|appt|apartamento|piso|wohnung)\.?\s*"
         r"\d{1,4}[a-zA-Z]?,?\s+)")

# "12 High Street", "Flat 3, 14a Church Lane", "22 St John's Road" (English order: number, name, type).
ENGLISH = re.compile(rf"(?<![\w/:.#-])(?i:{_FLAT})?{_NUMBER},?\s+(?:{_WORD}\s+){{1,3}}(?i:{_SUFFIX})\b\.?"
                     r"(?:\s(?:North|South|East|West|Upper|Lower)\b)?")
_ARTICLES = r"(?:(?:de|du|des|la|le|los|las|del|l'|d')\s*)*"
# "12 rue de la Paix", "5, avenue Victor Hugo".
ROMANCE_FIRST = re.compile(rf"(?<![\w/:.#-]){_NUMBER},?\s+(?i:{_PREFIX})\s+{_ARTICLES}(?:{_WORD}\s?){{1,4}}")
# "Calle Mayor 12", "C/ Alcalá, 45, 3º B", "Am Markt 3", "avenida de la Constitución, nº 5".
ROMANCE_AFTER = re.compile(rf"(?:\b(?i:{_PREFIX})|\b(?:Am|Im|An der|Auf der|In der))\s+{_ARTICLES}"
                           rf"(?:{_WORD}\s+){{0,3}}{_WORD},?\s+(?:n[º°o]\.?\s*)?{_NUMBER}"
                           r"(?:,?\s+\d{1,2}\s?[º°ª]\s?[A-Za-z]?\b)?")
# "Kerkstraat 12", "Hauptstraße 5a", "Bahnhofstr. 12", "Van Goghlaan 3-II".
COMPOUND = re.compile(rf"\b(?:{_WORD}\s+)?[A-ZÀ-Þ][\wÀ-ÿ'-]*?(?:{_ENDING})\s?{_NUMBER}(?:-?(?:I{{1,3}}|hs|bis))?\b")
# "Frankfurter Allee 112", "Kölner Straße 3", "Laan van Nieuw Oost-Indië 12": the street type as its own word.
_TYPE_WORD = (r"(?:Straße|Strasse|Str\.|Allee|Platz|Weg|Gasse|Ring|Damm|Ufer|Chaussee|Laan|Plein|Kade|Straat|Singel|"
              r"Gracht)")
SEPARATE = re.compile(rf"\b(?:{_WORD}\s+)?{_TYPE_WORD}(?:\s+(?:van|der|de|den|het|op|aan|'t)(?:\s+{_WORD}){{1,3}})?"
                      rf"\s+{_NUMBER}\b")

UK_POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")
NL_POSTCODE = re.compile(r"\b[1-9]\d{3} ?(?!SA|SD|SS|AM|PM)[A-Z]{2}\b")
CA_POSTCODE = re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b")
EIRCODE = re.compile(r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}\b")
PL_PT_POSTCODE = re.compile(r"\b(?:\d{2}-\d{3}|\d{4}-\d{3})(?=\s+[A-ZÀ-Þ])")
# 4- and 5-digit codes (ES, FR, DE, BE, AU, ZA, US, EE...) only before a town name: "28013 Madrid".
NUMERIC_POSTCODE = re.compile(r"(?<![\w/:.#-])(?:[Cc]\.?\s?[Pp]\.?\s?|D-|F-|B-|NL-)?(\d{4,5})\s+(?=[A-ZÀ-Þ][a-zà-ÿ])")

GEO = re.compile(r"-?\d{1,2}\.\d{3,},\s?-?\d{1,3}\.\d{3,}|///[a-z]+\.[a-z]+\.[a-z]+")
_STREETISH = re.compile(rf"(?i:\b(?:{_SUFFIX}|{_PREFIX})\b|(?:{_ENDING})\b)")
HOME = re.compile(r"\b(?i:(?:lives?|living|lived|resides?|staying)\s+(?:at|on|in)|(?:his|her|their|the victim's|"
                  r"victim's)\s+(?:home|house|flat|address)\s+(?:on|in|at)|"
                  r"woont\s+(?:aan|in|op)(?:\s+de)?|(?:vive|reside)\s+en(?:\s+la)?|domicilio\s+en|"
                  r"habite\s+(?:au|à|dans)?|domicilié[e]?\s+(?:au|à)?|wohnt\s+(?:in|an|am)(?:\s+der)?)\s+"
                  rf"((?:(?:the|de|la|le|der)\s+)?(?:(?i:{_PREFIX})\s+{_ARTICLES})?(?:{_WORD}\s?){{1,4}})")


def find_addresses(text: str, protected: list[Span]) -> Iterator[Finding]:
    """House number + street, flats, in English, Dutch, Spanish, French and German word order."""
    reason = "A house number on a street: it points to someone's home. Give the street or area only."
    protected = [span for span in protected if span.kind != "time"]  # "Hauptstraße 5 am Markt"
    for pattern in (ENGLISH, ROMANCE_FIRST, ROMANCE_AFTER, COMPOUND, SEPARATE):
        for match in pattern.finditer(text):
            if not inside_any(match.start(), match.end(), protected) and _is_address(match.group(0)):
                yield finding(text, match.start(), match.end(), "address", reason)


def _is_address(text: str) -> bool:
    """A number and at least one word: never a bare number."""
    return any(c.isdigit() for c in text) and sum(c.isalpha() for c in text) >= 3


def find_postcodes(text: str, protected: list[Span], towns: frozenset[str]) -> Iterator[Finding]:
    """Full postcodes (a few homes each): UK, Dutch, Canadian, Irish, Polish/Portuguese, and numeric codes
    written before a town name. A UK outward code alone ("M1") is an area and is not found."""
    reason = "A full postcode: it narrows to a few homes. Give the town or area only."
    for pattern in (UK_POSTCODE, NL_POSTCODE, CA_POSTCODE, EIRCODE, PL_PT_POSTCODE):
        for match in pattern.finditer(text):
            # a UK or Canadian postcode starts like a road number ("M6 8HD"): only its shape counts
            if pattern in (UK_POSTCODE, CA_POSTCODE) or not inside_any(match.start(), match.end(), protected):
                yield finding(text, match.start(), match.end(), "postcode", reason)
    for match in NUMERIC_POSTCODE.finditer(text):
        town = re.match(r"[\wÀ-ÿ'-]+", text[match.end():])
        if town and town.group(0).lower() in towns and not inside_any(match.start(), match.end(), protected):
            yield finding(text, match.start(), match.end(1), "postcode", reason)


# "on Astley Street in Dukinfield, where the victim lives": the street named before the relative clause.
WHERE_LIVES = re.compile(rf"\b(?i:on|in|at)\s+((?:{_WORD}\s){{1,3}}(?i:{_SUFFIX})\b)[^.!?]{{0,40}}?,?\s+(?i:where\s+"
                         r"(?:the\s+victim|he|she|they|the\s+family|the\s+woman|the\s+man)\s+lives?)\b")


def find_locations(text: str, protected: list[Span]) -> Iterator[Finding]:
    """Where a victim lives ("she lives on Elm Road"), coordinates and what3words addresses."""
    for match in GEO.finditer(text):
        if not inside_any(match.start(), match.end(), protected):
            yield finding(text, match.start(), match.end(), "location",
                          "Exact coordinates: they point to where a person was. Give the area only.")
    for match in WHERE_LIVES.finditer(text):
        yield finding(text, match.start(1), match.end(1), "location",
                      "Where a person lives: it lets anyone find their home. Leave it out.")
    for match in HOME.finditer(text):
        if not _STREETISH.search(match.group(1)):
            continue
        yield finding(text, match.start(1), match.end(1), "location",
                      "Where a person lives: it lets anyone find their home. Leave it out.")
