"""Offline geocoding of real police headquarters towns, and the documented fallbacks."""

from __future__ import annotations

import pytest

from tweetathon.organise.geocode import GeocodeError, country_code, locate, zone_at

# (town of a police headquarters, country, its IANA zone as known) — written by hand for this test.
POLICE_HQ_TOWNS = [
    ("Wellington", "NZ", "Pacific/Auckland"), ("Auckland", "NZ", "Pacific/Auckland"),
    ("Christchurch", "NZ", "Pacific/Auckland"), ("Dunedin", "NZ", "Pacific/Auckland"),
    ("Parramatta", "AU", "Australia/Sydney"), ("Melbourne", "AU", "Australia/Melbourne"),
    ("Brisbane", "AU", "Australia/Brisbane"), ("Perth", "AU", "Australia/Perth"),
    ("Adelaide", "AU", "Australia/Adelaide"), ("Darwin", "AU", "Australia/Darwin"),
    ("Hobart", "AU", "Australia/Hobart"), ("Canberra", "AU", "Australia/Sydney"),
    ("Reykjavík", "IS", "Atlantic/Reykjavik"), ("Akureyri", "IS", "Atlantic/Reykjavik"),
    ("Tallinn", "EE", "Europe/Tallinn"), ("Tartu", "EE", "Europe/Tallinn"),
    ("Nairobi", "KE", "Africa/Nairobi"), ("Mombasa", "KE", "Africa/Nairobi"), ("Kisumu", "KE", "Africa/Nairobi"),
    ("Pretoria", "ZA", "Africa/Johannesburg"), ("Cape Town", "ZA", "Africa/Johannesburg"),
    ("Durban", "ZA", "Africa/Johannesburg"),
    ("Manchester", "GB", "Europe/London"), ("London", "GB", "Europe/London"), ("Portishead", "GB", "Europe/London"),
    ("Bridgend", "GB", "Europe/London"), ("Glasgow", "GB", "Europe/London"), ("Belfast", "GB", "Europe/London"),
    ("Wakefield", "GB", "Europe/London"), ("Chelmsford", "GB", "Europe/London"), ("Kidlington", "GB", "Europe/London"),
    ("Durham", "GB", "Europe/London"), ("Huntingdon", "GB", "Europe/London"), ("Eastleigh", "GB", "Europe/London"),
    ("Exeter", "GB", "Europe/London"), ("Carmarthen", "GB", "Europe/London"), ("Colwyn Bay", "GB", "Europe/London"),
    ("Dublin", "IE", "Europe/Dublin"),
    ("Madrid", "ES", "Europe/Madrid"), ("Barcelona", "ES", "Europe/Madrid"), ("Vitoria-Gasteiz", "ES", "Europe/Madrid"),
    ("Las Palmas de Gran Canaria", "ES", "Atlantic/Canary"),
    ("Brussels", "BE", "Europe/Brussels"), ("Antwerp", "BE", "Europe/Brussels"), ("Liège", "BE", "Europe/Brussels"),
    ("Den Haag", "NL", "Europe/Amsterdam"), ("Driebergen-Rijsenburg", "NL", "Europe/Amsterdam"),
    ("Rotterdam", "NL", "Europe/Amsterdam"),
    ("Ottawa", "CA", "America/Toronto"), ("Toronto", "CA", "America/Toronto"), ("Vancouver", "CA", "America/Vancouver"),
    ("Calgary", "CA", "America/Edmonton"), ("Winnipeg", "CA", "America/Winnipeg"), ("Regina", "CA", "America/Regina"),
    ("Halifax", "CA", "America/Halifax"), ("St. John's", "CA", "America/St_Johns"),
    ("Montréal", "CA", "America/Toronto"),
    ("New York City", "US", "America/New_York"), ("Chicago", "US", "America/Chicago"),
    ("Los Angeles", "US", "America/Los_Angeles"), ("Phoenix", "US", "America/Phoenix"),
    ("Denver", "US", "America/Denver"), ("Boise", "US", "America/Boise"), ("Seattle", "US", "America/Los_Angeles"),
    ("Honolulu", "US", "Pacific/Honolulu"), ("Anchorage", "US", "America/Anchorage"),
    ("Indianapolis", "US", "America/Indiana/Indianapolis"), ("Louisville", "US", "America/Kentucky/Louisville"),
    ("Detroit", "US", "America/Detroit"), ("Boston", "US", "America/New_York"),
]


def test_police_headquarters_towns_get_their_zone() -> None:
    misses = []
    for town, country, zone in POLICE_HQ_TOWNS:
        try:
            found = locate(town, country).zone
        except GeocodeError as exc:
            found = f"error: {exc.message}"
        if found != zone:
            misses.append(f"{town}, {country}: expected {zone}, got {found}")
    for miss in misses:
        print("MISS", miss)
    assert len(POLICE_HQ_TOWNS) >= 50
    rate = 1 - len(misses) / len(POLICE_HQ_TOWNS)
    assert rate >= 0.95, f"{rate:.1%} right; misses: {misses}"


def test_same_name_in_two_states_uses_the_address() -> None:
    oregon = locate("Portland", "US", "1111 SW 2nd Ave, Portland, OR 97204")
    maine = locate("Portland", "US", "109 Middle Street, Portland, Maine")
    assert oregon.zone == "America/Los_Angeles" and oregon.longitude is not None and oregon.longitude < -120
    assert maine.zone == "America/New_York" and maine.longitude is not None and maine.longitude > -71


def test_accents_case_hyphens_and_alternate_names() -> None:
    assert locate("reykjavik", "Iceland").matched == "Reykjavík"
    assert locate("Stratford upon Avon", "UK").zone == "Europe/London"
    assert locate("Den Haag", "Netherlands").matched == "The Hague"


def test_missing_town_found_from_the_address_with_a_warning() -> None:
    place = locate("Police National Headquarters", "NZ", "180 Molesworth Street, Wellington 6011")
    assert place.method == "address" and place.zone == "Pacific/Auckland"
    assert "not found" in place.note and "Wellington" in place.note


def test_missing_town_in_a_one_zone_country_falls_back_to_its_largest_town() -> None:
    place = locate("Nowhereville", "BE")
    assert (place.method, place.zone, place.matched) == ("country", "Europe/Brussels", "Brussels")
    assert "Nowhereville" in place.note


def test_missing_town_in_a_us_state_with_one_zone_uses_the_state() -> None:
    place = locate("Nowhereville", "US", "1 Main Street, Nowhereville, HI")
    assert (place.method, place.zone) == ("region", "Pacific/Honolulu")


def test_missing_town_in_a_country_of_several_zones_asks_for_coordinates() -> None:
    with pytest.raises(GeocodeError) as raised:
        locate("Nowhereville", "AU")
    assert "not found" in raised.value.message and "--lat" in raised.value.hint and "--zone" in raised.value.hint


def test_manual_coordinates_and_zone() -> None:
    place = locate("", "", latitude=-33.8688, longitude=151.2093)
    assert (place.method, place.zone) == ("manual", "Australia/Sydney")
    assert zone_at(51.4816, -3.1791) == "Europe/London"
    kept = locate("Nowhereville", "AU", zone="Australia/Perth")
    assert kept.zone == "Australia/Perth" and kept.latitude is None and "not found" in kept.note
    override = locate("London", "GB", zone="Europe/Dublin")
    assert override.zone == "Europe/Dublin" and "instead of Europe/London" in override.note


def test_country_names_and_codes() -> None:
    assert [country_code(c) for c in ("GB", "gbr", "United Kingdom", "UK", "Scotland", "New Zealand")] == \
        ["GB", "GB", "GB", "GB", "GB", "NZ"]
    with pytest.raises(GeocodeError, match="unknown country"):
        country_code("Narnia")
    with pytest.raises(GeocodeError, match="out of range"):
        locate("", "", latitude=95.0, longitude=0.0)
