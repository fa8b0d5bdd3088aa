"""Console: the report (generate to look at it, publish, unpublish), transcripts publishing, exports to
download, and imports of uploaded files running in the background with their progress and summary.
Publishing and importing need the organiser role, exports the editor role."""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Annotated

import orjson
from fastapi import Depends, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from tweetathon import analysis, exports, jobs
from tweetathon.auth.users import User
from tweetathon.organise import publishing
from tweetathon.store import organise as ostore
from tweetathon.store.store import Store
from tweetathon.web import console, pages
from tweetathon.web.auth import require_user
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.csp import DOCUMENT_HEADERS
from tweetathon.web.documents import build_report_html
from tweetathon.web.routes.admin import admin_router
from tweetathon.web.templating import render

router = admin_router()
Context = Annotated[WebContext, Depends(web_context)]
Viewer = Annotated[User, Depends(require_user("viewer"))]
Editor = Annotated[User, Depends(require_user("editor"))]
Organiser = Annotated[User, Depends(require_user("organiser"))]
EXPORTS = {"posts.csv": "Posts (CSV, twarc-csv columns)", "posts.jsonl": "Posts (raw JSONL as received)",
           "participants.csv": "Every participant, pending too (CSV)", "figures.json": "Figures (JSON)"}


@router.get("/events/{slug}/outputs", name="admin_outputs")
def outputs(request: Request, slug: str, ctx: Context, user: Viewer, notice: str = "") -> HTMLResponse:
    event = pages.load_event(ctx.store, slug)
    return render(request, "admin/outputs.html.j2", user=user, event=event, exports=EXPORTS,
                  state=publishing.publication_state(ctx.store, slug), jobs=jobs.list_jobs(ctx.store, limit=10),
                  notice=notice[:200], problem="")


@router.get("/events/{slug}/report", name="admin_report")
def report_preview(slug: str, ctx: Context, user: Viewer) -> HTMLResponse:
    """The report as it stands now (generated, cached per store state), published or not."""
    html = ctx.cache.get(("report-html", slug), lambda: build_report_html(ctx.store, slug))
    return HTMLResponse(html, headers=DOCUMENT_HEADERS)


@router.post("/events/{slug}/publish", name="admin_publish")
def publish(slug: str, ctx: Context, user: Organiser, item: Annotated[str, Form(pattern="^(report|transcripts)$")],
            action: Annotated[str, Form(pattern="^(publish|unpublish)$")]) -> Response:
    change = publishing.publish if action == "publish" else publishing.unpublish
    changed = change(ctx.store, slug, item, actor=user.name)
    ctx.cache.invalidate()
    said = f"{item.capitalize()} {action}ed" if changed else f"{item.capitalize()} was already {action}ed"
    return RedirectResponse(f"/admin/events/{slug}/outputs?notice={said.replace(' ', '+')}", status_code=303)


def _figures(ctx: WebContext, slug: str) -> bytes:
    return orjson.dumps(analysis.figures(ctx.store, slug), option=orjson.OPT_NON_STR_KEYS | orjson.OPT_INDENT_2)


@router.get("/events/{slug}/exports/{name}", name="admin_export")
def export(slug: str, name: str, ctx: Context, user: Editor) -> Response:
    pages.load_event(ctx.store, slug)
    disposition = {"Content-Disposition": f'attachment; filename="{slug}-{name}"'}
    if name in ("posts.csv", "posts.jsonl"):
        writer = exports.WRITERS[name.split(".")[1]]
        body = export_bytes(ctx, slug, writer)
        return Response(body, media_type="text/csv; charset=utf-8" if name.endswith("csv") else
                        "application/x-ndjson", headers=disposition)
    if name == "participants.csv":
        people = ostore.get_participants(ctx.store, slug)
        return Response(console.participants_csv(people), media_type="text/csv; charset=utf-8", headers=disposition)
    if name == "figures.json":
        return Response(ctx.cache.get(("figures-export", slug), lambda: _figures(ctx, slug)),
                        media_type="application/json", headers=disposition)
    raise HTTPException(404, f"no export {name!r}: choose one of {', '.join(EXPORTS)}")


def export_bytes(ctx: WebContext, slug: str, writer: Callable[[Store, exports.ExportScope, IO[bytes]], object]
                 ) -> bytes:
    """The event's export written into memory, as `tweetathon export --event` writes it (the event's privacy
    setting applied); the whole store is exported with the CLI."""
    out = io.BytesIO()
    writer(ctx.store, exports.event_export(ctx.store, slug), out)
    return out.getvalue()


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _save_uploads(files: list[UploadFile]) -> list[Path]:
    folder = Path(tempfile.mkdtemp(prefix="tweetathon-upload-"))
    saved = []
    for n, upload in enumerate(files):
        name = _SAFE_NAME.sub("_", Path(upload.filename or f"upload-{n}").name).lstrip(".") or f"upload-{n}"
        path = folder / f"{n:03d}-{name}"
        with path.open("wb") as out:
            while chunk := upload.file.read(1 << 20):
                out.write(chunk)
        saved.append(path)
    return saved


@router.post("/events/{slug}/import", name="admin_import")
async def import_upload(slug: str, ctx: Context, user: Organiser, files: list[UploadFile]) -> Response:
    pages.load_event(ctx.store, slug)
    files = [f for f in files if f.filename]
    if not files:
        return RedirectResponse(f"/admin/events/{slug}/outputs?notice=Choose+at+least+one+file", status_code=303)
    paths = await run_in_threadpool(_save_uploads, files)
    job_id = await run_in_threadpool(lambda: jobs.start_import(ctx.store, paths, actor=user.name, event=slug,
                                                               cleanup=True))
    return RedirectResponse(f"/admin/imports/{job_id}", status_code=303)


@router.get("/imports/{job_id}", name="admin_job")
def job_page(request: Request, job_id: int, ctx: Context, user: Viewer) -> HTMLResponse:
    job = jobs.get_job(ctx.store, job_id)
    if job is None:
        raise pages.UnknownPage(f"import {job_id}")
    if job.finished:
        ctx.cache.invalidate()
    return render(request, "admin/job.html.j2", user=user, job=job, notice="", problem=job.error or "")
