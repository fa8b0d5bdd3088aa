"""People's names, dates of birth and exact ages next to a name.

A name is a run of capitalised words (or of capitals, or initials such as "Mohamed B.") that (a) follows a
courtesy title ("Mr", "Mevrouw", "Sra.", "Mme", "Frau"), (b) follows a word that introduces a person ("named",
"victim", "sister", "caller", "genaamd", "llamado", "nommé", "namens"), (c) starts with a known given name and
goes on with another word, or ends with a known surname, (d) is followed by an age ("Sarah, 34,"), (e) is a given
name with a possessive ("Ben's bike"), or (f) is joined to a name found ("Kyle and Jordan").
Not a name: words after a police rank or an official's title ("PC Smith said", "le maire de Lyon X": speaking
officially), runs that go on with a street or building word ("Victoria Station", "Stanley Road"), things named
after people ("the Alan Turing memorial"), saints, towns, businesses, and the allowlist."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from tweetathon.privacy.pii import namelists
from tweetathon.privacy.pii.lexicon import (
    BUSINESSES,
    FACILITY_WORDS,
    NAME_PARTICLES,
    NAME_TRIGGERS,
    NOT_NAME_BEFORE,
    RANKS,
    STREET_PREFIXES,
    STREET_SUFFIXES,
    THING_AFTER,
    TITLES,
)
from tweetathon.privacy.pii.spans import Span, finding, inside_any, word_before
from tweetathon.privacy.pii.types import Allowlist, Finding

NAME_REASON = "A person's name: it identifies them. Use \"a man\", \"a woman\" unless this is an appeal."
AGE_REASON = "An exact age next to a name: together they identify one person. Leave the age or the name out."
DOB_REASON = "A date of birth: with a name it identifies one person. Leave it out."

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_LOWER = "a-zß-öø-ÿĀ-ſ"
_TAIL = rf"(?:[-'’][{_UPPER}]?[{_LOWER}]+)*"  # "-Jones", "'Neill"
_CAP = (rf"(?<![\w'’-])(?:(?:Mc|Mac|O'|O’)[{_UPPER}][{_LOWER}]+{_TAIL}|(?:[A-Z]\.){{2,4}}|"
        rf"[{_UPPER}][{_LOWER}]+{_TAIL}|[A-Z]\.)")
_TOKEN = re.compile(r"\S+")
_WORD_AFTER = re.compile(r"(?:'s|’s)?\s+([a-z]+)")
# Names in capitals, as appeals write them ("MISSING: SARAH JONES, 14").
CAPITALS = re.compile(r"(?<![\w'’-])[A-ZÀ-Þ][A-ZÀ-Þ'’-]+(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ'’-]+){1,2}(?![\w'’-])")
_PARTICLE = "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
RUN = re.compile(rf"{_CAP}(?:\s+(?:(?:{_PARTICLE})\s+)*{_CAP}){{0,3}}")
TRIGGER_WORDS: frozenset[str] = frozenset(NAME_TRIGGERS)
# Words that may stand between a trigger and the name ("named as", "the victim is", "a nombre de").
FILLERS: frozenset[str] = frozenset({"as", "is", "was", "the", "la", "el", "le", "der", "die", "de", "a", "als",
                                     "como", "comme", "nombre", "dénommé", "dénommée"})
AGE_AFTER = re.compile(r"^(?:\s+(?i:turned|turns|turning|cumple|cumplió|wird|wurde|fête ses|wordt|werd)\s+"
                       r"(\d{1,3})\b(?![:./])|\s+(?:from|of|uit|van|de|aus|du)\s+[A-Z][\w-]+(?:\s[A-Z][\w-]+)?,\s*(\d{1,3})\b(?![:./])|"
                       r",\s*(?i:aged\s+)?(\d{1,3})\b(?!\s*(?:[:./]|am|pm))|\s*\((\d{1,3})\)|"
                       r",?\s+(?i:aged|age|âgée? de|de|van|im alter von)\s+(\d{1,3})"
                       r"(?:\s+(?i:años|jaar|ans|jahren|years))?)")
# "Kyle and Jordan", "Sanne en Daan": a second name joined to a name found.
COORDINATED = re.compile(rf",?\s+(?:and|&|en|y|et|und)\s+({_CAP}(?:\s+{_CAP})?)")
AGE_BEFORE = re.compile(r"(\d{1,3})[- ](?i:year[- ]old|jarige|jährige[rn]?|años|ans)\s+$")
DOB = re.compile(r"\b(?i:born(?:\s+on)?|d\.?o\.?b\.?|date of birth|birthdate|geboren(?:\s+(?:op|am))?|geb\.|"
                 r"geboortedatum|nacid[oa](?:\s+el)?|fecha de nacimiento|f\. nac\.|née?(?:\s+le)?|"
                 r"date de naissance|geburtsdatum)(?:\s+(?:is|was|:))?[:\s]+"
                 r"(\d{1,2}(?:[/.\-]\d{1,2}[/.\-]\d{2,4}|\.?\s+(?:de\s+)?"
                 r"[A-Za-zéûäöü]+\.?(?:\s+(?:de\s+)?\d{4})?)|\d{4}-\d{2}-\d{2}|(?:in\s+|en\s+|in\s+het\s+jaar\s+)?"
                 r"(?:19|20)\d{2})")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "maart", "mei",
           "okt", "ene", "abr", "ago", "dic", "janv", "févr", "avr", "mai", "juin", "juil", "août", "sept", "déc",
           "mär", "märz", "dez", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre", "januari", "februari", "april", "juni", "juli",
           "augustus", "september", "oktober", "november", "december", "janvier", "février", "mars", "avril",
           "juillet", "octobre", "novembre", "décembre", "januar", "februar", "oktober", "dezember")

STOPWORDS: frozenset[str] = frozenset({
    "the", "a", "an", "officers", "officer", "police", "we", "our", "this", "that", "they", "he", "she", "it",
    "his", "her", "their", "if", "anyone", "please", "call", "thanks", "thank", "update", "missing", "wanted",
    "have", "has", "are", "is", "was", "were", "do", "did", "can", "can't", "help", "appeal", "arrested",
    "de", "het", "een", "politie", "agenten", "la", "el", "los", "las", "una", "un", "policía", "agentes",
    "le", "les", "une", "des", "der", "die", "das", "ein", "eine", "polizei", "beamte", "en", "et", "und", "y",
    "and", "or", "of", "in", "on", "at", "to", "for", "with", "from", "by", "he's", "she's", "i", "you",
    "road", "street", "avenue", "lane", "north", "south", "east", "west", "central", "city", "town", "centre",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tonight",
    "morning", "afternoon", "evening", "night", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "crimestoppers", "metrolink", "mr", "mrs", "ms",
    "british", "english", "scottish", "welsh", "irish", "dutch", "spanish", "french", "german", "polish",
    "asian", "black", "white", "european", "ambulance", "fire", "nhs", "council", "ward", "urgent",
    "man", "woman", "boy", "girl", "male", "female", "teenager", "victim", "suspect", "driver", "rider",
    "cyclist", "pedestrian", "motorist", "witness", "witnesses", "somebody", "someone", "nobody",
})


def _words(run: str) -> list[str]:
    """The words of a run without the particles inside it ("Jan de Vries" -> Jan, Vries; "Ben" stays)."""
    words = run.split()
    return words[:1] + [w for w in words[1:] if w.lower() not in NAME_PARTICLES]


def _is_place_or_thing(words: list[str], before: str, *, towns: bool = True) -> bool:
    """A street, building, business, saint, town (if `towns`) or sentence word rather than a person."""
    lowered = [w.lower().rstrip(".").replace("’", "'").removesuffix("'s") for w in words]
    if any(w in FACILITY_WORDS or w in STREET_SUFFIXES for w in lowered[1:]) or lowered[0] in FACILITY_WORDS \
            or lowered[0] in STREET_PREFIXES or lowered[0] in STOPWORDS or before in NOT_NAME_BEFORE \
            or lowered[0] in NOT_NAME_BEFORE:
        return True
    return " ".join(lowered).replace("&", "").replace("  ", " ") in BUSINESSES or (towns and _is_town(lowered))


def _named_thing(text: str, end: int, words: list[str]) -> bool:
    """A building or thing named after a person: "Dr Kershaw's Hospice", "the Alan Turing memorial"."""
    after = _WORD_AFTER.match(text, end, end + 20)
    possessive_place = any(w.endswith(("'s", "’s")) and nxt.lower() in FACILITY_WORDS
                           for w, nxt in itertools.pairwise(words))
    return bool(after and after.group(1) in THING_AFTER) or possessive_place


def _is_town(lowered: list[str]) -> bool:
    """A town's name ("Wigan", "Sale", "Ashton"), unless it starts with a given name ("Kyle", "Preston Jones")."""
    towns = namelists.towns()
    if len(lowered) > 1 and " ".join(lowered) in towns:
        return True
    if lowered[0].split("-")[0] in namelists.given_names():
        return False
    return " ".join(lowered) in towns or lowered[0] in towns or lowered[-1] in towns


def _trim_run(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop trailing words that are not part of a name ("John Smith Officers" -> "John Smith")."""
    words = list(_TOKEN.finditer(text[start:end]))
    while len(words) > 1 and words[-1].group(0).lower().rstrip(".") in STOPWORDS:
        words.pop()
    end = start + words[-1].end()
    return start, end - 2 if text[end - 2:end] in ("'s", "’s") else end


def _officer(text: str, start: int) -> bool:
    """Whether the name follows a police rank or an official's title ("PC Smith", "PC 1234 Adam Shaw",
    "Chief Inspector Jane Doe", "le maire de Lyon Grégory Doucet")."""
    before = [w for w in word_before(text, start, 4).split() if not w.isdigit()]
    if before and before[-1] in RANKS:
        return True
    return len(before) >= 3 and before[-3] in RANKS and before[-2] in ("of", "de", "van", "von", "del", "du", "des")


def _candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, why) of every run of capitalised words that may be a name: why is "title" (after "Mr",
    "Mevrouw"...), "trigger" (after "named", "victim", "sister"...) or "run" (nothing before it). Runs after a
    police rank are officers and left out."""
    for match in (*RUN.finditer(text), *CAPITALS.finditer(text)):
        start, why = _marked_start(text, match.start(), match.end())
        if why == "rank" or (not why and _officer(text, start)):
            continue
        yield (start if why else _from_given_name(text, start, match.end())), match.end(), why or "run"


def _marked_start(text: str, start: int, end: int) -> tuple[int, str]:
    """Where the name starts and why ("title", "trigger", "rank" or ""), from the title, trigger or rank words
    that begin the run ("Victim Mrs Jones") or come right before it ("named as Jones")."""
    words = list(_TOKEN.finditer(text[start:end]))
    why, name_start = "", start
    for index, word in enumerate(words[:-1]):
        lowered = word.group(0).lower().rstrip(".")
        if lowered in RANKS:
            return start, "rank"
        marker = "title" if lowered in TITLES else "trigger" if lowered in TRIGGER_WORDS else ""
        if not marker:
            break
        why = "title" if "title" in (why, marker) else marker
        name_start = start + words[index + 1].start()
    if why:
        return name_start, why
    return _marked_before(text, start) or (start, "")


def _marked_before(text: str, start: int) -> tuple[int, str] | None:
    before = word_before(text, start, 4).split()
    while before and before[-1] in FILLERS:
        before.pop()
    if before and before[-1] in TITLES:
        return start, "title"
    if any(" ".join(before[-n:]) in TRIGGER_WORDS for n in (1, 2, 3) if len(before) >= n):
        return start, "trigger"
    return None


def _from_given_name(text: str, start: int, end: int) -> int:
    """Where a run's name begins: "Caller Sarah Jones" -> "Sarah Jones" (the first given name, if any)."""
    words = list(_TOKEN.finditer(text[start:end]))
    while len(words) > 1 and words[0].group(0).lower().rstrip(".") in RANKS | TITLES:
        words.pop(0)
    if words and words[0].group(0).lower() in namelists.given_names():
        return start + words[0].start()
    later = [w for w in words[1:] if w.group(0).lower().split("-")[0] in namelists.given_names()]
    return start + (later[0] if later else words[0]).start() if words else start


def _known_name(words: list[str], run: str) -> bool:
    """Two words or more that start with a known given name or end with a known surname ("Priya Patel",
    "Jan de Vries")."""
    if len(words) < 2:
        return False
    if words[0].lower().split("-")[0] in namelists.given_names():
        return True
    tail = run.lower().split()
    return tail[-1] in namelists.surnames() or " ".join(tail[-2:]) in namelists.surnames()


def _has_age(text: str, end: int) -> bool:
    return bool(AGE_AFTER.match(text[end:end + 40]))


def find_names(text: str, protected: list[Span], allow: Allowlist) -> Iterator[Finding]:
    """Names of people by the rules in the module docstring."""
    seen: list[Span] = []
    for start, end, why in _candidates(text):
        start, end = _trim_run(text, start, end)
        if inside_any(start, end, seen) or inside_any(start, end, protected):
            continue
        words = _words(text[start:end])
        if not words or allow.allows_name(text[start:end]) or _officer(text, start) \
                or not _accepted(text, start, end, why, words):
            continue
        seen.append(Span(start, end))
        yield finding(text, start, end, "name", NAME_REASON)
        yield from _coordinated(text, end, seen)


def _accepted(text: str, start: int, end: int, why: str, words: list[str]) -> bool:
    """Whether a candidate run is a person's name, by why it was picked and what it looks like."""
    given = words[0].lower().split("-")[0] in namelists.given_names()
    possessive = text[end:end + 2] in ("'s", "’s")
    if why == "run" and not (_known_name(words, text[start:end]) or ((given or len(words) >= 2)
                             and _has_age(text, end)) or (given and possessive and len(words) == 1)):
        return False
    if _named_thing(text, end, words) or (why != "title" and _is_place_or_thing(words, word_before(text, start))):
        return False
    return not (why == "trigger" and len(words) == 1 and not _single_name_ok(words[0], text, end))


def _coordinated(text: str, end: int, seen: list[Span]) -> Iterator[Finding]:
    """The name joined to a name just found: "Kyle and Jordan", "Sanne en Daan"."""
    match = COORDINATED.match(text, end)
    if not match or inside_any(match.start(1), match.end(1), seen) \
            or _is_place_or_thing(_words(match.group(1)), "", towns=False):
        return
    seen.append(Span(match.start(1), match.end(1)))
    yield finding(text, match.start(1), match.end(1), "name", NAME_REASON)


def _single_name_ok(word: str, text: str, end: int) -> bool:
    lowered = word.lower()
    return lowered in namelists.given_names() or lowered in namelists.surnames() or _has_age(text, end)


def find_ages(text: str, names: list[Finding]) -> Iterator[Finding]:
    """Exact ages written right after a name ("Sarah Jones, 34,", "(34)") or right before it ("34-year-old")."""
    for name in names:
        after = AGE_AFTER.match(text[name.end:name.end + 40])
        if after:
            group = next(g for g in range(1, 6) if after.group(g))
            yield finding(text, name.end + after.start(group), name.end + after.end(group), "age", AGE_REASON)
        before = AGE_BEFORE.search(text[max(0, name.start - 30):name.start])
        if before:
            offset = max(0, name.start - 30)
            yield finding(text, offset + before.start(1), offset + before.end(1), "age", AGE_REASON)


def find_dobs(text: str) -> Iterator[Finding]:
    """Dates of birth after "born", "DOB", "geboren", "nacido el", "né le", "Geburtsdatum"."""
    for match in DOB.finditer(text):
        value = match.group(1)
        if re.search(r"[A-Za-z]", value.replace("in ", "").replace("en ", "")) and not _has_month(value):
            continue
        yield finding(text, match.start(1), match.end(1), "dob", DOB_REASON)


def _has_month(value: str) -> bool:
    words = re.findall(r"[A-Za-zéûäöü]+", value.lower())
    return any(w.rstrip(".") in _MONTHS or w[:3] in _MONTHS for w in words)
