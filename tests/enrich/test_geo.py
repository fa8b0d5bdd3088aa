"""Profile locations as people write them, and the country a reader would take them to mean."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tweetathon.enrich.geo import estimate_country

CASES = [
    ("London, UK", "GB"), ("Salford, Greater Manchester, England", "GB"), ("Manchester", "GB"),
    ("Wellington 🇳🇿", "NZ"), ("🇪🇸 Madrid", "ES"), ("Portland, OR", "US"), ("Denver, CO", "US"),
    ("Los Angeles, CA", "US"), ("Toronto, ON", "CA"), ("Sydney NSW", "AU"), ("Sydney, NSW", "AU"),
    ("Nairobi, Kenya", "KE"), ("Reykjavík", "IS"), ("Tallinn, Eesti", "EE"), ("Amsterdam", "NL"),
    ("Brussel / Bruxelles", "BE"), ("Cape Town", "ZA"), ("Texas", "US"), ("Holland", "NL"),
    ("New Zealand", "NZ"), ("Canada", "CA"), ("Earth", None), ("everywhere & nowhere", None), ("", None),
    (None, None), ("in the city", None), ("SE London", "GB"), ("The Bay", None), ("Portland OR", "US"),
]


@pytest.mark.parametrize(("location", "country"), CASES)
def test_locations_people_write(location: str | None, country: str | None) -> None:
    assert estimate_country(location) == country


@given(st.text(max_size=80))
def test_never_raises(text: str) -> None:
    result = estimate_country(text)
    assert result is None or (len(result) == 2 and result.isupper())
