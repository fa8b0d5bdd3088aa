"""Every city the simulator puts participants in geocodes offline to the zone the simulator assumes."""

from __future__ import annotations

import pytest

from tweetathon.organise.geocode import locate


def test_simulator_cities_get_the_simulators_zone() -> None:
    places = pytest.importorskip("tweetathon.simulate.places")
    wrong = [(p.city, p.country, p.zone, locate(p.city, p.country).zone) for p in places.PLACES
             if locate(p.city, p.country).zone != p.zone]
    wrong += [(city, "GB", "Europe/London", locate(city, "GB").zone)
              for city in (*places.UK_PLACES, *places.GM_PLACES) if locate(city, "GB").zone != "Europe/London"]
    assert wrong == []
