"""The participant map: GeoJSON, an SVG (server-side, for reports, also as PNG) and a standalone offline HTML page.

Country outlines are Natural Earth 1:110m from the npm package `world-atlas` (ISC licence, shipped in
`organise/data/`), decoded from TopoJSON here in Python and drawn with the Natural Earth projection. The HTML page
inlines everything (no script, no font, no request to any host; a Content-Security-Policy forbids them) and
lists the participants below the map for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import Any

import orjson

from tweetathon.model import ROLES, Event, Participant
from tweetathon.organise.geocode import country_name

Point = tuple[float, float]
WIDTH, HEIGHT = 960, 470
SOUTH, NORTH = -58.0, 84.0
ROLE_COLOURS = {"agency": "#0072B2", "officer": "#D55E00", "staff": "#009E73", "other": "#CC79A7"}  # Okabe-Ito
ANTARCTICA = "010"


# -- outlines ----------------------------------------------------------------------------------------------------

def _decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices: Sequence[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


@cache
def country_outlines() -> tuple[tuple[str, str, tuple[tuple[Point, ...], ...]], ...]:
    """(id, name, rings in longitude/latitude) for each country of Natural Earth 1:110m, Antarctica left out."""
    raw = resources.files("tweetathon.organise").joinpath("data/countries-110m.json").read_bytes()
    topology = orjson.loads(raw)
    arcs = _decode_arcs(topology)
    result = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA or not geometry.get("arcs"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = tuple(tuple(_ring(ring, arcs)) for polygon in polygons for ring in polygon)
        result.append((str(geometry.get("id", "")), str(geometry["properties"].get("name", "")), rings))
    return tuple(result)


# -- projection --------------------------------------------------------------------------------------------------

def _natural_earth(lon: float, lat: float) -> Point:
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


_LEFT, _ = _natural_earth(-180, 0)
_RIGHT, _ = _natural_earth(180, 0)
_TOP = _natural_earth(0, NORTH)[1]
_BOTTOM = _natural_earth(0, SOUTH)[1]


def project(lon: float, lat: float) -> Point:
    """Longitude/latitude → SVG pixels (Natural Earth projection, the map's frame)."""
    x, y = _natural_earth(lon, max(min(lat, 90.0), -90.0))
    scale = min(WIDTH / (_RIGHT - _LEFT), HEIGHT / (_TOP - _BOTTOM))
    return (x - _LEFT) * scale, (_TOP - y) * scale


def _path(rings: Iterable[Sequence[Point]]) -> str:
    parts = []
    for ring in rings:
        previous: Point | None = None
        for lon, lat in ring:
            x, y = project(lon, lat)
            jump = previous is None or abs(lon - previous[0]) > 180
            parts.append(f"{'M' if jump else 'L'}{x:.1f},{y:.1f}")
            previous = (lon, lat)
        parts.append("Z")
    return "".join(parts)


# -- drawings ----------------------------------------------------------------------------------------------------

def _placed(people: Iterable[Participant]) -> list[Participant]:
    return [p for p in people if p.latitude is not None and p.longitude is not None]


def point_title(p: Participant) -> str:
    where = ", ".join(x for x in (p.city, country_name(p.country) if p.country else "") if x)
    return f"{p.agency or p.handle} — @{p.handle} ({p.platform}, {p.role})" + (f" · {where}" if where else "")


def _legend(people: list[Participant]) -> str:
    counts = {role: sum(1 for p in people if p.role == role) for role in ROLES}
    items = []
    for i, role in enumerate(r for r in ROLES if counts[r]):
        y = HEIGHT - 20 - 18 * i
        items.append(f'<g class="legend-item"><circle cx="24" cy="{y}" r="5" fill="{ROLE_COLOURS[role]}"/>'
                     f'<text x="36" y="{y + 4}">{escape(role)} ({counts[role]})</text></g>')
    return f'<g class="legend" font-family="sans-serif" font-size="12" fill="#222">{"".join(items)}</g>'


def map_svg(event: Event, people: Iterable[Participant]) -> str:
    """The map as a standalone SVG document: outlines, one circle per placed participant, a legend."""
    placed = _placed(people)
    countries = "".join(f'<path class="country" d="{_path(rings)}"><title>{escape(name)}</title></path>'
                        for _id, name, rings in country_outlines())
    points = []
    for p in sorted(placed, key=lambda p: (p.role, p.platform, p.handle)):
        x, y = project(p.longitude or 0.0, p.latitude or 0.0)
        points.append(f'<circle class="participant role-{escape(p.role)}" cx="{x:.1f}" cy="{y:.1f}" r="4" '
                      f'fill="{ROLE_COLOURS.get(p.role, "#555")}" stroke="#fff" stroke-width="0.8" '
                      f'data-account="{escape(p.platform)}:{escape(p.handle)}">'
                      f'<title>{escape(point_title(p))}</title></circle>')
    label = f"Map of {len(placed)} participants of {event.name}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}" role="img" aria-label="{escape(label)}">'
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#eef4f8"/>'
            f'<g class="countries" fill="#d9d9d9" stroke="#ffffff" stroke-width="0.5">{countries}</g>'
            f'<g class="participants">{"".join(points)}</g>{_legend(placed)}</svg>')


def geojson(people: Iterable[Participant]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection with one Point per participant who has coordinates."""
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
                 "properties": {"platform": p.platform, "handle": p.handle, "agency": p.agency, "role": p.role,
                                "city": p.city, "country": p.country, "zone": p.zone, "status": p.status}}
                for p in _placed(people)]
    return {"type": "FeatureCollection", "features": features}


_STYLE = """body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222;max-width:1000px}
svg{width:100%;height:auto}circle.participant:hover{stroke:#000;stroke-width:2}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.25rem .5rem;
border-bottom:1px solid #ddd}caption{text-align:left;font-weight:bold;margin:.5rem 0}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em}"""


def _list_rows(people: list[Participant]) -> str:
    rows = []
    for p in sorted(people, key=lambda p: (p.country, p.agency.casefold(), p.handle)):
        colour = ROLE_COLOURS.get(p.role, "#555")
        placed = "" if p.latitude is not None else " (not on the map)"
        rows.append(f"<tr><td>{escape(p.agency)}</td><td>@{escape(p.handle)}</td><td>{escape(p.platform)}</td>"
                    f'<td><span class="swatch" style="background:{colour}" aria-hidden="true"></span>'
                    f"{escape(p.role)}</td><td>{escape(p.city)}{placed}</td>"
                    f"<td>{escape(country_name(p.country) if p.country else '')}</td><td>{escape(p.zone or '')}</td>"
                    "</tr>")
    return "".join(rows)


def map_html(event: Event, people: Iterable[Participant]) -> str:
    """One offline HTML file: the SVG map (hover a point for agency and handle) and an accessible list."""
    people = list(people)
    countries = len({p.country for p in people if p.country})
    title = f"{event.name}: participants"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{_STYLE}</style></head>
<body><h1>{escape(title)}</h1>
<p>{len(people)} participants in {countries} countries. Hashtags: {escape(" ".join("#" + t for t in event.hashtags))}.
Hover over a point for the agency and handle.</p>
<figure>{map_svg(event, people)}<figcaption>Country outlines: Natural Earth (public domain) via world-atlas.
</figcaption></figure>
<table><caption>Participants</caption><thead><tr><th scope="col">Agency</th><th scope="col">Handle</th>
<th scope="col">Platform</th><th scope="col">Role</th><th scope="col">City</th><th scope="col">Country</th>
<th scope="col">Time zone</th></tr></thead><tbody>{_list_rows(people)}</tbody></table>
</body></html>
"""


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """PNG of the SVG map through vl-convert (no browser)."""
    import vl_convert

    return bytes(vl_convert.svg_to_png(svg, scale=scale))
