"""Console: create and edit events (any of the three time rules) and plan a chat series' sessions. Events need
the organiser role, the chat plan the editor role; `organise.console` validates and audits each change."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from tweetathon.auth.users import User
from tweetathon.model import Event
from tweetathon.organise import event_admin, series
from tweetathon.organise.console import planned_session
from tweetathon.organise.events import EventError, TimeRule, build_event, format_duration
from tweetathon.web import console, pages
from tweetathon.web.auth import require_user
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.routes.admin import admin_router
from tweetathon.web.templating import render

router = admin_router()
Context = Annotated[WebContext, Depends(web_context)]
Viewer = Annotated[User, Depends(require_user("viewer"))]
Editor = Annotated[User, Depends(require_user("editor"))]
Organiser = Annotated[User, Depends(require_user("organiser"))]
FIELDS = ("slug", "name", "description", "hashtags", "kind", "zone", "rule", "local_start", "local_date",
          "duration", "start", "end", "rrule", "time", "until", "count")


def values_of(event: Event | None) -> dict[str, str]:
    """The form's fields for `event` (empty for a new one)."""
    if event is None:
        return {"kind": "tweetathon", "zone": "UTC", "rule": "local"}
    return {"slug": event.slug, "name": event.name, "description": event.description,
            "hashtags": " ".join(event.hashtags), "kind": event.kind,
            "zone": event.zone, "rule": console.rule_of(event), "local_start": event.local_start or event.time or "",
            "local_date": event.local_date or "", "time": event.time or "",
            "duration": format_duration(event.duration_minutes) if event.duration_minutes else "",
            "start": event.start.isoformat() if event.start else "", "end": event.end.isoformat() if event.end else "",
            "rrule": event.rrule or ""}


def event_from(values: dict[str, str]) -> Event:
    """The event the form describes, only the chosen rule's fields read (EventError otherwise)."""
    rule = values.get("rule", "")
    given = {k: (values.get(k) or "").strip() or None for k in FIELDS}
    if rule == "local":
        times = TimeRule(local_start=given["local_start"], local_date=given["local_date"], duration=given["duration"])
    elif rule == "fixed":
        times = TimeRule(start=given["start"], end=given["end"])
    elif rule == "series":
        count = given["count"]
        times = TimeRule(rrule=given["rrule"], time=given["time"], local_date=given["local_date"],
                         duration=given["duration"], until=given["until"], count=int(count) if count and
                         count.isdigit() else None)
    else:
        raise EventError("choose a time rule", "Local start, fixed window or recurring series.")
    event = build_event(given["slug"] or "", given["name"] or "", (given["hashtags"] or "").replace(",", " ").split(),
                        given["kind"] or "", given["zone"] or "UTC", times)
    return replace(event, description=given["description"] or "")


def _form(request: Request, user: User, values: dict[str, str], create: bool, problem: str = "",
          status_code: int = 200) -> HTMLResponse:
    return render(request, "admin/event.html.j2", status_code=status_code, user=user, values=values, create=create,
                  choices=console.CHOICES, notice="", problem=problem)


@router.get("/events/new", name="admin_event_new")
def new_event(request: Request, user: Organiser) -> HTMLResponse:
    return _form(request, user, values_of(None), create=True)


@router.get("/events/{slug}/edit", name="admin_event_edit")
def edit_event(request: Request, slug: str, ctx: Context, user: Organiser) -> HTMLResponse:
    return _form(request, user, values_of(pages.load_event(ctx.store, slug)), create=False)


def _store_event(ctx: WebContext, event: Event, user: User, create: bool) -> None:
    if not create:
        event_admin.update_event(ctx.store, event, actor=user.name)
        return
    try:
        event_admin.create_event(ctx.store, event, actor=user.name)
    except ValueError:
        raise EventError(f"there is already an event {event.slug!r}", "Choose another slug, or edit it.") from None


async def _save(request: Request, ctx: WebContext, user: User, slug: str | None) -> Response:
    form = await request.form()
    values = {k: str(form.get(k, "")) for k in FIELDS}
    if slug is not None:
        pages.load_event(ctx.store, slug)
        values["slug"] = slug
    try:
        event = event_from(values)
        await run_in_threadpool(_store_event, ctx, event, user, slug is None)
    except EventError as exc:
        return _form(request, user, values, slug is None, f"{exc.message}. {exc.hint}", 422)
    ctx.cache.invalidate()
    return RedirectResponse(f"/events/{event.slug}", status_code=303)


@router.post("/events/new", name="admin_event_create")
async def create_event(request: Request, ctx: Context, user: Organiser) -> Response:
    return await _save(request, ctx, user, None)


@router.post("/events/{slug}/edit", name="admin_event_update")
async def update_event(request: Request, slug: str, ctx: Context, user: Organiser) -> Response:
    return await _save(request, ctx, user, slug)


def _plan_page(request: Request, ctx: WebContext, user: User, slug: str, notice: str = "", problem: str = "",
               status_code: int = 200) -> HTMLResponse:
    event = pages.load_event(ctx.store, slug)
    return render(request, "admin/plan.html.j2", status_code=status_code, user=user, event=event,
                  sessions=pages.chat_plan(ctx.store, event, ctx.now()),
                  announcements=pages.next_announcements(ctx.store, event, ctx.now()), notice=notice, problem=problem)


@router.get("/events/{slug}/plan", name="admin_plan")
def plan(request: Request, slug: str, ctx: Context, user: Viewer) -> HTMLResponse:
    return _plan_page(request, ctx, user, slug)


@router.post("/events/{slug}/plan", name="admin_plan_save")
def plan_save(request: Request, slug: str, ctx: Context, user: Editor,
              day: Annotated[str, Form(max_length=10)], theme: Annotated[str, Form(max_length=300)] = "",
              questions: Annotated[str, Form(max_length=5000)] = "", host: Annotated[str, Form(max_length=300)] = "",
              moved: Annotated[str, Form(max_length=3)] = "") -> HTMLResponse:
    event = pages.load_event(ctx.store, slug)
    try:
        item = planned_session(event, day, theme, questions.splitlines(), host.strip() or None, bool(moved))
    except EventError as exc:
        return _plan_page(request, ctx, user, slug, problem=f"{exc.message}. {exc.hint}", status_code=422)
    event_admin.save_session(ctx.store, slug, series.to_stored(item), actor=user.name)
    ctx.cache.invalidate()
    return _plan_page(request, ctx, user, slug, notice=f"Planned {item.date.isoformat()}: {item.theme or 'no theme'}, "
                      f"{len(item.questions)} question(s).")


