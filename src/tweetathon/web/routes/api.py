"""The JSON API under /api/v1 (OpenAPI at /openapi.json): events, an event's figures, posts, participants.
Read-only for everyone; the same library functions as the CLI and the pages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from tweetathon import analysis
from tweetathon.organise import official_list
from tweetathon.store import organise as ostore
from tweetathon.store.privacy import participant_post_ids, pseudonymiser
from tweetathon.store.web_reads import PostFilter, decode_cursor, post_page
from tweetathon.web import pages
from tweetathon.web.api_models import EventOut, ParticipantOut, PostOut, PostPage, Problem
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.published import published_post

router = APIRouter(prefix="/api/v1", tags=["public"])
Context = Annotated[WebContext, Depends(web_context)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "No such event."}}


def event_or_404(ctx: WebContext, slug: str) -> Any:
    try:
        return pages.load_event(ctx.store, slug)
    except pages.UnknownPage:
        raise HTTPException(404, f"no event {slug!r}: see /api/v1/events") from None


@router.get("/events", response_model=list[EventOut], summary="Every event")
def list_events(ctx: Context) -> list[EventOut]:
    return ctx.cache.get("api-events", lambda: [EventOut.of(e) for e in ostore.list_events(ctx.store)])


@router.get("/events/{slug}", response_model=EventOut, responses=NOT_FOUND, summary="One event")
def get_event(slug: str, ctx: Context) -> EventOut:
    return EventOut.of(event_or_404(ctx, slug))


FIGURES_SCHEMA = {"type": "object", "description": "The same JSON as `tweetathon figures --json` "
                                                   "(docs/figures.md#json-shape)."}


@router.get("/events/{slug}/figures", summary="The event's headline figures", response_class=Response,
            responses={200: {"content": {"application/json": {"schema": FIGURES_SCHEMA}}},
                       404: {"model": Problem, "description": "No such event."},
                       400: {"model": Problem, "description": "Unknown zone."}})
def figures(slug: str, ctx: Context, zone: Annotated[str | None, Query(max_length=64)] = None) -> Response:
    event = event_or_404(ctx, slug)
    chosen, message = pages.choose_zone(zone, event.zone)
    if message:
        raise HTTPException(400, message)
    body = ctx.cache.get(("figures", slug, zone), lambda: orjson.dumps(
        analysis.figures(ctx.store, slug, zone=zone and chosen), option=orjson.OPT_NON_STR_KEYS))
    return Response(body, media_type="application/json")


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@router.get("/events/{slug}/posts", summary="The event's posts, in time order", response_class=Response,
            responses={200: {"model": PostPage, "description": "One page of posts and the next cursor."},
                       **NOT_FOUND, 400: {"model": Problem, "description": "Bad cursor."}})
def posts(slug: str, ctx: Context,
          kind: Literal["original", "reply", "repost", "quote"] | None = None,
          language: Annotated[str | None, Query(max_length=16, description="Detected, else declared.")] = None,
          author: Annotated[str | None, Query(max_length=256, description="Author handle.")] = None,
          since: Annotated[datetime | None, Query(description="From this instant (UTC if no offset).")] = None,
          until: Annotated[datetime | None, Query(description="Before this instant.")] = None,
          cursor: Annotated[str | None, Query(max_length=200)] = None,
          limit: Annotated[int, Query(ge=1, le=500)] = 100) -> Response:
    event = event_or_404(ctx, slug)
    flt = PostFilter(kind, language, author, _utc(since), _utc(until))

    def page() -> bytes:
        rows, following = post_page(ctx.store, event, flt, cursor, limit)
        names = pseudonymiser(ctx.store, slug)
        keep = participant_post_ids(ctx.store, names) if names.enabled else frozenset()
        shown = [PostOut.of(published_post(r, names, keep)) for r in rows]
        return PostPage(posts=shown, next_cursor=following).model_dump_json().encode()

    if cursor:
        try:
            decode_cursor(cursor)
        except ValueError as exc:
            raise HTTPException(400, f"{exc}: pass the next_cursor of a previous page") from None
    return Response(ctx.cache.get(("posts", slug, flt, cursor, limit), page), media_type="application/json")


@router.get("/events/{slug}/participants", response_model=list[ParticipantOut], responses=NOT_FOUND,
            summary="Approved participants (public fields)")
def participants(slug: str, ctx: Context) -> list[dict[str, Any]]:
    event = event_or_404(ctx, slug)
    return ctx.cache.get(("api-participants", slug),
                         lambda: official_list.rows(event, pages.approved(ctx.store, slug)))
