"""National identifiers (with their check digits), bank cards and accounts, driving licence numbers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from tweetathon.privacy.pii import checksums
from tweetathon.privacy.pii.spans import Span, finding, inside_any
from tweetathon.privacy.pii.types import Finding, digits_of

ID_REASON = "A national identity number ({what}): it identifies one person for life. Never publish it."

NI = re.compile(r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
NHS = re.compile(r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])")
BSN = re.compile(r"(?<![\d.-])\d{4}\.?\d{2}\.?\d{3}(?![\d.-])|(?<![\d.-])\d{9}(?![\d.-])")
DNI = re.compile(r"\b(?:\d{8}|[XYZ]-?\d{7})-? ?[A-HJ-NP-TV-Z]\b")
NIR = re.compile(r"\b[12] ?\d{2} ?\d{2} ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}\b")
STEUER_ID = re.compile(r"(?i:steuer-?id|steueridentifikationsnummer|identifikationsnummer)\D{0,12}"
                       r"(\d{2} ?\d{3} ?\d{3} ?\d{3})")
CONTEXT_ID = re.compile(r"(?i:nhs\s+(?:no\.?|number)|national\s+insurance\s+(?:no\.?|number)|bsn|"
                        r"burgerservicenummer|n[º°o]?\s*de\s+sécurité\s+sociale|passport(?:\s+(?:no|number))?|"
                        r"paspoort(?:nummer)?|pasaporte|passeport|reisepass(?:nummer)?|personalausweis(?:nummer)?|"
                        r"id\s+card(?:\s+number)?|identiteitskaart|carte\s+d'identité|numéro\s+fiscal|"
                        r"codice\s+fiscale|pps\s+(?:no|number))\D{0,12}([A-Z0-9][A-Z0-9 ]{6,14}[A-Z0-9])")
CARD = re.compile(r"(?<![\d-])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\d-])|(?<![\d-])\d{4}[ -]?\d{6}[ -]?\d{5}(?![\d-])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
UK_LICENCE = re.compile(r"\b[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}(?: ?\d{2})?\b")
CONTEXT_LICENCE = re.compile(r"(?i:(?:driving\s+)?licen[cs]e\s+(?:no\.?|number)|rijbewijs(?:nummer)?|"
                             r"permis(?:\s+de\s+conduire)?\s*(?:n[°o]\.?|numéro)|"
                             r"(?:carn[eé]|permiso)\s+de\s+conducir|führerschein(?:nummer)?)\D{0,6}"
                             r"([A-Z0-9][A-Z0-9 -]{5,18}[A-Z0-9])")


# Every identifier and card number has six digits or more in a row (spaces, dots or hyphens between).
SIX_DIGITS = re.compile(r"\d(?:[ .-]?\d){5}")


def find_national_ids(text: str, protected: list[Span]) -> Iterator[Finding]:
    """UK NI and NHS numbers, Dutch BSN, Spanish DNI/NIE, French NIR, German Steuer-ID, passport numbers."""
    if not SIX_DIGITS.search(text):
        return
    checks: tuple[tuple[re.Pattern[str], Callable[[str], bool], str], ...] = (
        (NI, lambda s: True, "UK National Insurance number"),
        (NHS, lambda s: checksums.nhs_number(digits_of(s)), "NHS number"),
        (DNI, checksums.dni, "Spanish DNI/NIE"),
        (NIR, checksums.nir, "French social security number"),
        (BSN, lambda s: checksums.bsn(digits_of(s)), "Dutch BSN"),
    )
    for pattern, valid, what in checks:
        for match in pattern.finditer(text):
            if valid(match.group(0)) and not inside_any(match.start(), match.end(), protected):
                yield finding(text, match.start(), match.end(), "national_id", ID_REASON.format(what=what))
    for pattern, what in ((STEUER_ID, "German tax ID"), (CONTEXT_ID, "written after its name")):
        for match in pattern.finditer(text):
            if pattern is CONTEXT_ID or checksums.steuer_id(digits_of(match.group(1))):
                yield finding(text, match.start(1), match.end(1), "national_id", ID_REASON.format(what=what))


def find_bank(text: str, protected: list[Span]) -> Iterator[Finding]:
    """Payment card numbers that pass the Luhn check, and IBANs that pass mod 97."""
    if not SIX_DIGITS.search(text):
        return
    for match in CARD.finditer(text):
        digits = digits_of(match.group(0))
        if 13 <= len(digits) <= 19 and checksums.luhn(digits) and not inside_any(match.start(), match.end(),
                                                                                   protected):
            yield finding(text, match.start(), match.end(), "bank_card",
                          "A payment card number: it lets anyone spend from the card. Never publish it.")
    for match in IBAN.finditer(text):
        if checksums.iban(match.group(0)):
            yield finding(text, match.start(), match.end(), "bank_card",
                          "A bank account number (IBAN): it identifies a person's account. Never publish it.")


def find_licences(text: str) -> Iterator[Finding]:
    """UK driving licence numbers (16 characters), and numbers after "licence number" in five languages."""
    reason = "A driving licence number: it identifies one person. Never publish it."
    for match in UK_LICENCE.finditer(text):
        yield finding(text, match.start(), match.end(), "licence", reason)
    for match in CONTEXT_LICENCE.finditer(text):
        if any(c.isdigit() for c in match.group(1)):
            yield finding(text, match.start(1), match.end(1), "licence", reason)
