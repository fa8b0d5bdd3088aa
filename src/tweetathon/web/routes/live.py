"""The public live dashboard of an event: the page (refreshes itself without JavaScript) and its stream of
server-sent events (one JSON snapshot per change, `Last-Event-ID` resumes)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import HTMLResponse, Response
from sse_starlette.event import ServerSentEvent
from sse_starlette.sse import EventSourceResponse
from starlette.concurrency import run_in_threadpool

from tweetathon.live.hub import LiveHub
from tweetathon.live.state import LiveState
from tweetathon.web import pages
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.live import live_hub, live_page, posted_map_svg
from tweetathon.web.templating import render

router = APIRouter(include_in_schema=False)
Context = Annotated[WebContext, Depends(web_context)]
Hub = Annotated[LiveHub[LiveState], Depends(live_hub)]
ZoneQuery = Annotated[str | None, Query(max_length=64)]
WallQuery = Annotated[bool, Query()]
LastEventId = Annotated[str | None, Header(alias="Last-Event-ID", max_length=64)]
RETRY_MS = 1000


def template_of(audience: str, wall: bool) -> str:
    return "live_wall.html.j2" if wall else ("admin/live.html.j2" if audience == "admin" else "live.html.j2")


async def stream_of(request: Request, ctx: WebContext, hub: LiveHub[LiveState], slug: str, audience: str,
                    last_id: str | None) -> EventSourceResponse:
    """The event's updates for `audience` as server-sent events (404 for an unknown event)."""
    await run_in_threadpool(pages.load_event, ctx.store, slug)

    async def events() -> AsyncIterator[ServerSentEvent]:
        async for update_id, payload in hub.subscribe(slug, audience, last_id):
            yield ServerSentEvent(payload.decode(), event="state", id=update_id, retry=RETRY_MS)

    return EventSourceResponse(events(), ping=15, headers={"Cache-Control": "no-store"})


@router.get("/events/{slug}/live", name="live")
def live(request: Request, slug: str, ctx: Context, hub: Hub, zone: ZoneQuery = None,
         wall: WallQuery = False) -> HTMLResponse:
    page = live_page(ctx, hub, slug, "public", zone, wall)
    return render(request, template_of("public", wall), page=page)


@router.get("/events/{slug}/live/stream", name="live_stream")
async def live_stream(request: Request, slug: str, ctx: Context, hub: Hub,
                      last_event_id: LastEventId = None) -> EventSourceResponse:
    return await stream_of(request, ctx, hub, slug, "public", last_event_id)


@router.get("/events/{slug}/live/map.svg", name="live_map_svg")
def live_map_svg(slug: str, ctx: Context, hub: Hub) -> Response:
    """The map of the participants who have posted so far, drawn on the server (for pages without scripts)."""
    return Response(posted_map_svg(ctx, hub, slug), media_type="image/svg+xml", headers={"Cache-Control": "no-store"})
