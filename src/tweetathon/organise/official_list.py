"""The official list of an event's approved participants, as CSV and JSON, in a stable order."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

import orjson

from tweetathon import spreadsheet
from tweetathon.model import Event, Participant
from tweetathon.organise.geocode import country_name
from tweetathon.organise.participants import profile_url
from tweetathon.organise.windows import participant_window

COLUMNS = ("platform", "handle", "url", "agency", "role", "city", "country", "country_name", "zone",
           "latitude", "longitude", "starts_utc", "ends_utc")


def _z(value: Any) -> str:
    return value.isoformat().replace("+00:00", "Z") if value else ""


def rows(event: Event, people: Iterable[Participant]) -> list[dict[str, Any]]:
    """One row per approved participant, ordered by country, agency, platform, handle; with their window."""
    approved = sorted((p for p in people if p.status == "approved"),
                      key=lambda p: (p.country, p.agency.casefold(), p.platform, p.handle))
    result = []
    for p in approved:
        window = participant_window(event, p.zone)
        result.append({"platform": p.platform, "handle": p.handle, "url": profile_url(p.platform, p.handle),
                       "agency": p.agency, "role": p.role, "city": p.city, "country": p.country,
                       "country_name": country_name(p.country) if p.country else "", "zone": p.zone,
                       "latitude": p.latitude, "longitude": p.longitude,
                       "starts_utc": _z(window.start if window else None),
                       "ends_utc": _z(window.end if window else None)})
    return result


def to_csv(table: list[dict[str, Any]], raw_cells: bool = False) -> str:
    """The list as CSV; cells that start like a spreadsheet formula are neutralised unless `raw_cells`
    (`spreadsheet.py`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n", quoting=spreadsheet.quoting(raw_cells))
    writer.writeheader()
    writer.writerows(spreadsheet.cells({k: ("" if v is None else v) for k, v in row.items()}, raw_cells)
                     for row in table)
    return out.getvalue()


def to_json(event: Event, table: list[dict[str, Any]]) -> str:
    countries = sorted({row["country"] for row in table if row["country"]})
    document = {"event": event.slug, "name": event.name, "hashtags": list(event.hashtags),
                "participants": len(table), "countries": countries, "list": table}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"
