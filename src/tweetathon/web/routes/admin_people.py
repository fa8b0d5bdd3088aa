"""Console: registrations to approve or reject (one click each, or several at once) and participants to edit
or remove. Deciding and editing need the editor role; every action is audited by `organise.moderation`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from tweetathon.auth.users import User
from tweetathon.model import Participant
from tweetathon.organise import moderation
from tweetathon.organise.events import EventError
from tweetathon.store import organise as ostore
from tweetathon.web import console, pages
from tweetathon.web.auth import require_user
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.routes.admin import admin_router
from tweetathon.web.templating import render

router = admin_router()
Context = Annotated[WebContext, Depends(web_context)]
Viewer = Annotated[User, Depends(require_user("viewer"))]
Editor = Annotated[User, Depends(require_user("editor"))]


def _key(value: str) -> tuple[str, str]:
    platform, _, handle = value.partition(":")
    return platform, handle


def _registrations_page(request: Request, ctx: WebContext, user: User, slug: str, notice: str = "",
                        problem: str = "", status_code: int = 200) -> HTMLResponse:
    event = pages.load_event(ctx.store, slug)
    return render(request, "admin/registrations.html.j2", status_code=status_code, user=user, event=event,
                  rows=console.pending(ctx.store, slug), notice=notice, problem=problem)


@router.get("/events/{slug}/registrations", name="admin_registrations")
def registrations(request: Request, slug: str, ctx: Context, user: Viewer) -> HTMLResponse:
    return _registrations_page(request, ctx, user, slug)


def _summary(decisions: list[moderation.Decision]) -> tuple[str, str]:
    done = [d for d in decisions if d.ok]
    refused = [f"@{d.handle}: {d.message or d.outcome}" for d in decisions if not d.ok]
    unmailed = [f"@{d.handle}: {d.message}" for d in done if not d.mailed and d.message]
    notice = ", ".join(f"@{d.handle} {d.outcome}" for d in done)
    return (notice + "." if notice else ""), "; ".join(refused + unmailed)


@router.post("/events/{slug}/registrations", name="admin_decide")
def decide(request: Request, slug: str, ctx: Context, user: Editor,
           action: Annotated[str, Form(pattern="^(approve|reject)$")],
           selected: Annotated[list[str], Form(max_length=1000)], reason: Annotated[str, Form(max_length=500)] = ""
           ) -> HTMLResponse:
    keys = [_key(v) for v in selected]
    if action == "reject" and not reason.strip():
        return _registrations_page(request, ctx, user, slug, problem="Give a reason to reject: the registrant "
                                   "receives it by e-mail.", status_code=422)
    mail = ctx.settings.mail if ctx.settings.mail.configured else None
    if action == "approve":
        decisions = moderation.approve_many(ctx.store, slug, keys, actor=user.name, mail=mail)
    else:
        decisions = moderation.reject_many(ctx.store, slug, keys, reason.strip(), actor=user.name, mail=mail)
    ctx.cache.invalidate()
    notice, problem = _summary(decisions)
    return _registrations_page(request, ctx, user, slug, notice, problem)


@router.get("/events/{slug}/participants", name="admin_participants")
def participants(request: Request, slug: str, ctx: Context, user: Viewer, notice: str = "") -> HTMLResponse:
    event = pages.load_event(ctx.store, slug)
    people = ostore.get_participants(ctx.store, slug)
    return render(request, "admin/participants.html.j2", user=user, event=event, people=people, notice=notice[:200],
                  problem="")


@router.get("/events/{slug}/participants/{platform}/{handle}", name="admin_participant")
def participant_form(request: Request, slug: str, platform: str, handle: str, ctx: Context,
                     user: Viewer) -> HTMLResponse:
    event = pages.load_event(ctx.store, slug)
    return render(request, "admin/participant.html.j2", user=user, event=event, p=_one(ctx, slug, platform, handle),
                  choices=console.CHOICES,
                  notice="", problem="")


def _one(ctx: WebContext, slug: str, platform: str, handle: str) -> Participant:
    found = [p for p in ostore.get_participants(ctx.store, slug) if (p.platform, p.handle) == (platform, handle)]
    if not found:
        raise pages.UnknownPage(f"{platform}:{handle}")
    return found[0]


EDIT_FIELDS = ("agency", "role", "status", "address", "city", "country")


@router.post("/events/{slug}/participants/{platform}/{handle}", name="admin_participant_edit")
async def participant_edit(request: Request, slug: str, platform: str, handle: str, ctx: Context,
                           user: Editor) -> Response:
    form = await request.form()
    current = _one(ctx, slug, platform, handle)
    changes = {k: str(form.get(k, "")).strip() for k in EDIT_FIELDS if k in form}
    changes = {k: v for k, v in changes.items() if v != getattr(current, k)}
    try:
        await run_in_threadpool(lambda: moderation.edit_participant(ctx.store, slug, platform, handle, changes,
                                                                     actor=user.name))
    except EventError as exc:
        event = pages.load_event(ctx.store, slug)
        return render(request, "admin/participant.html.j2", status_code=422, user=user, event=event, p=current,
                      choices=console.CHOICES, notice="", problem=f"{exc.message}. {exc.hint}")
    ctx.cache.invalidate()
    return RedirectResponse(f"/admin/events/{slug}/participants?notice=Saved+{platform}:{handle}", status_code=303)


@router.post("/events/{slug}/participants/{platform}/{handle}/remove", name="admin_participant_remove")
def participant_remove(slug: str, platform: str, handle: str, ctx: Context, user: Editor) -> Response:
    if not moderation.remove_participant(ctx.store, slug, platform, handle, actor=user.name):
        raise pages.UnknownPage(f"{platform}:{handle}")
    ctx.cache.invalidate()
    return RedirectResponse(f"/admin/events/{slug}/participants?notice=Removed+{platform}:{handle}", status_code=303)
