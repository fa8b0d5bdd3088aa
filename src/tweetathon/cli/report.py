"""`tweetathon report`: the impact report of an event, as one offline HTML file and optionally a PDF."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from tweetathon import atomic
from tweetathon.analysis import EventNotFound
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, err, fail, open_store
from tweetathon.reports.charts import warm_up
from tweetathon.reports.evaluation import with_evaluation
from tweetathon.reports.impact import ImpactReport, build_report, with_charts
from tweetathon.reports.office import chart_pngs
from tweetathon.reports.render_impact import render_html, render_pdf
from tweetathon.reports.render_office import office_files
from tweetathon.store.store import Store


class Steps:
    """Progress on stderr: one line per slow step, and a bar while languages are detected."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID = progress.add_task("starting", total=None)
        self.started = time.perf_counter()

    def step(self, what: str) -> None:
        self.progress.update(self.task, description=what, completed=0, total=None)

    def detect(self, done: int, total: int) -> None:
        self.progress.update(self.task, description="detecting languages", completed=done, total=total)


@contextmanager
def steps(quiet: bool) -> Iterator[Steps]:
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet or not err.is_terminal, transient=True) as progress:
        yield Steps(progress)


def _check_zone(zone: str | None) -> None:
    if zone:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            fail(f"unknown time zone {zone!r}", "Use an IANA zone such as Europe/London or UTC.")


def _check_out(path: Path, option: str) -> None:
    if path.is_dir():
        fail(f"{option} {path} is a folder", "Give a file name, such as report.html or report.pdf.")
    if not path.parent.exists():
        fail(f"{option} {path}: the folder {path.parent} does not exist", "Create it first or choose another path.")


def _build(store: Store, event: str, zone: str | None, compare: str | None, progress: Steps) -> ImpactReport:
    for slug in filter(None, (event, compare)):
        if store.get_event(slug) is None:
            fail(f"no event {slug!r} in {store.url}", "See `tweetathon event list`, or create it with "
                 "`tweetathon event create`.")
    warm_up()
    try:
        report = build_report(store, event, zone=zone, compare_with=compare, step=progress.step,
                              detect_progress=progress.detect)
    except EventNotFound as exc:
        fail(f"no event {exc.args[0]!r} in {store.url}")
    progress.step("drawing the charts")
    return with_evaluation(with_charts(report), store)


@app.command("report")
def report_cmd(
    event: Annotated[str, typer.Option("--event", "-e", help="The event (slug).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Write the HTML report here (one self-contained "
                                      "file; works offline).")],
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Also write the report as PDF here.")] = None,
    pptx: Annotated[Path | None, typer.Option("--pptx", help="Also write the report as PowerPoint here: title, "
                                              "summary, objectives, one slide per stage with its chart, "
                                              "limitations, learning.")] = None,
    docx: Annotated[Path | None, typer.Option("--docx", help="Also write the report as Word here (the same "
                                              "content as the PowerPoint).")] = None,
    compare: Annotated[str | None, typer.Option("--compare", help="Another event (slug) to compare with: "
                                                "every headline figure side by side with its change.")] = None,
    zone: Annotated[str | None, typer.Option("--zone", help="Show times in this IANA zone (default: the "
                                             "organiser's zone of the event).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    db: DbOption = None,
) -> None:
    """The impact report of an event: headline figures with their definitions, posts per hour, languages,
    countries, top posts and participants, follower growth, questions and response times, the interaction
    network, capture health, and (with --compare) the change against another event. Languages not yet
    detected are detected and stored first."""
    _check_zone(zone)
    _check_out(out, "--out")
    for path, option in ((pdf, "--pdf"), (pptx, "--pptx"), (docx, "--docx")):
        if path is not None:
            _check_out(path, option)
    if compare == event:
        fail("--compare names the same event as --event", "Compare with another event, such as last year's.")
    with open_store(db) as store, steps(quiet) as progress:
        report = _build(store, event, zone, compare, progress)
        progress.step("rendering the HTML")
        html = render_html(report)
        files: list[tuple[Path, bytes]] = [(out, html.encode("utf-8"))]
        if pdf is not None:
            progress.step("rendering the PDF")
            try:
                files.append((pdf, render_pdf(report, html)))
            except OSError as exc:  # WeasyPrint cannot find pango
                fail(f"cannot make the PDF: {exc}; nothing was written (the HTML and the PDF stay as they were)",
                     "Install the system libraries: apt install libpango-1.0-0 libpangoft2-1.0-0 (or leave out "
                     "--pdf).")
        if pptx is not None or docx is not None:
            progress.step("rendering PowerPoint and Word")
            files += office_files(report, pptx, docx, chart_pngs(report))
        progress.step("writing")
        atomic.write_together(files)  # every file asked for is replaced, or none
    written = [str(path) for path, _ in files]
    err.print(f"wrote {' and '.join(written)} ({report.figures['posts']['total']:,} event posts)", highlight=False)
