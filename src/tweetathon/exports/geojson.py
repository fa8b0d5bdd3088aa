"""`export --format geojson --event SLUG`: the event's approved participants as GeoJSON points (RFC 7946:
longitude before latitude, WGS 84), with their public fields only: platform, handle, agency, role, city,
country, zone. Never the street address or a contact; participants without coordinates are left out (counted)."""

from __future__ import annotations

from typing import IO, Any

import orjson

from tweetathon.exports.posts import ExportScope, ExportSummary
from tweetathon.model import Participant
from tweetathon.store.organise import get_participants
from tweetathon.store.store import Store

PUBLIC_FIELDS = ("platform", "handle", "agency", "role", "city", "country", "zone")


def participant_feature(p: Participant) -> dict[str, Any]:
    """One participant as a GeoJSON Feature (a Point at its geocoded place). Pure."""
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
            "properties": {name: getattr(p, name) for name in PUBLIC_FIELDS}}


def feature_collection(people: list[Participant]) -> dict[str, Any]:
    """A FeatureCollection of the participants that have coordinates. Pure."""
    placed = [p for p in people if p.latitude is not None and p.longitude is not None]
    return {"type": "FeatureCollection", "features": [participant_feature(p) for p in placed]}


def write_geojson(store: Store, scope: ExportScope, out: IO[bytes]) -> ExportSummary:
    """The GeoJSON of the event's approved participants (needs an event)."""
    if scope.event is None:
        raise ValueError("a GeoJSON export is of one event's participants: give --event")
    people = get_participants(store, scope.event, "approved")
    collection = feature_collection(people)
    out.write(orjson.dumps(collection, option=orjson.OPT_INDENT_2) + b"\n")
    out.flush()
    written = len(collection["features"])
    note = f"{written:,} approved participants as points"
    if len(people) > written:
        note += f"; {len(people) - written:,} without coordinates left out (`tweetathon map` geocodes them)"
    return ExportSummary(notes=[note])
