"""Public pages (no login, usable without JavaScript): the events index, an event, its map, list, calendar
feed, report and chat transcripts."""

from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from tweetathon.organise import official_list
from tweetathon.organise.calendar import build_calendar
from tweetathon.web import pages
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.csp import DOCUMENT_HEADERS
from tweetathon.web.documents import report_html, transcript_html
from tweetathon.web.templating import render_page

router = APIRouter(include_in_schema=False)
Context = Annotated[WebContext, Depends(web_context)]
ZoneQuery = Annotated[str | None, Query(max_length=64, description="IANA zone to show times in")]


@router.get("/", name="index")
def index(ctx: Context) -> HTMLResponse:
    minute = ctx.now().replace(second=0, microsecond=0)
    return HTMLResponse(ctx.cache.get(("index", minute), lambda: render_page(
        "index.html.j2", groups=pages.index(ctx.store, ctx.now()))))


@router.get("/events/{slug}", name="event")
def event(slug: str, ctx: Context, zone: ZoneQuery = None) -> HTMLResponse:
    minute = ctx.now().replace(second=0, microsecond=0)
    return HTMLResponse(ctx.cache.get(("event", slug, zone, minute), lambda: render_page(
        "event.html.j2", page=pages.event_page(ctx.store, slug, zone, ctx.now()))))


@router.get("/events/{slug}/map", name="map")
def event_map(slug: str, ctx: Context, role: Annotated[str, Query(max_length=16)] = "",
              country: Annotated[str, Query(max_length=2)] = "") -> HTMLResponse:
    return HTMLResponse(ctx.cache.get(("map", slug, role, country), lambda: render_page(
        "map.html.j2", page=pages.map_page(ctx.store, slug, role, country))))


@router.get("/events/{slug}/map.svg", name="map_svg")
def map_svg(slug: str, ctx: Context, role: Annotated[str, Query(max_length=16)] = "",
            country: Annotated[str, Query(max_length=2)] = "") -> Response:
    body = ctx.cache.get(("svg", slug, role, country), lambda: pages.map_drawing(ctx.store, slug, role, country))
    return Response(body, media_type="image/svg+xml")


@router.get("/events/{slug}/participants.geojson", name="participants_geojson")
def participants_geojson(slug: str, ctx: Context) -> Response:
    body = ctx.cache.get(("geojson", slug), lambda: orjson.dumps(pages.participants_geojson(ctx.store, slug)))
    return Response(body, media_type="application/geo+json")


@router.get("/map/countries.geojson", name="countries_geojson")
def countries_geojson(ctx: Context) -> Response:
    body = ctx.cache.get("outlines", lambda: orjson.dumps(pages.outlines_geojson()))
    return Response(body, media_type="application/geo+json", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/events/{slug}/list.csv", name="list_csv")
def list_csv(slug: str, ctx: Context) -> Response:
    def build() -> str:
        event = pages.load_event(ctx.store, slug)
        return official_list.to_csv(official_list.rows(event, pages.approved(ctx.store, slug)))

    return Response(ctx.cache.get(("csv", slug), build), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{slug}-participants.csv"'})


@router.get("/events/{slug}/calendar.ics", name="calendar")
def calendar(slug: str, ctx: Context) -> Response:
    def build() -> bytes:
        event = pages.load_event(ctx.store, slug)
        return build_calendar(event, pages.calendar_sessions(ctx.store, event))

    return Response(ctx.cache.get(("ics", slug), build), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{slug}.ics"'})


@router.get("/events/{slug}/report", name="report")
def report(slug: str, ctx: Context) -> HTMLResponse:
    html = ctx.cache.get(("report", slug), lambda: report_html(ctx.store, slug))
    return HTMLResponse(html, headers=DOCUMENT_HEADERS)


@router.get("/events/{slug}/transcripts/{day}", name="transcript")
def transcript(slug: str, day: str, ctx: Context) -> HTMLResponse:
    html = ctx.cache.get(("transcript", slug, day), lambda: transcript_html(ctx.store, slug, day, ctx.now()))
    return HTMLResponse(html, headers=DOCUMENT_HEADERS)
