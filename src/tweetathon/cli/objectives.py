"""`tweetathon objectives`: an event's SMART objectives (set when planning), the inputs, and the learning.

The report (`tweetathon report`) shows each objective met / partly / not met with its figure, the inputs under
the cycle's first stage and the learning as its last section.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
from rich.table import Table

from tweetathon import analysis
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, console, fail, open_store, print_json
from tweetathon.organise.objectives import (
    Comparison,
    Objective,
    ObjectiveError,
    Result,
    check_metric,
    default_comparison,
    evaluate_all,
    parse_target,
)
from tweetathon.reports.objective_view import shown
from tweetathon.store import objectives as saved
from tweetathon.store.baseline_data import set_baseline
from tweetathon.store.store import Store

objectives_app = typer.Typer(help="An event's objectives (set when planning), inputs and learning.",
                             no_args_is_help=True)
app.add_typer(objectives_app, name="objectives")

SlugArg = Annotated[str, typer.Argument(help="The event (slug).")]


def _zone(store: Store, slug: str) -> str:
    event = store.get_event(slug)
    if event is None:
        fail(f"no event {slug!r} in {store.url}", "See `tweetathon event list`.")
    return event.zone or "UTC"


def parse_deadline(text: str, zone: str) -> datetime:
    """'2026-12-31' -> the end of that day in the event's zone (as UTC); a date and time is read in that zone
    unless it names its own offset."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day + timedelta(days=1), time(), ZoneInfo(zone)).astimezone(UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        fail(f"--deadline {text!r} is not a date", "Write it as 2026-12-31 or 2026-12-31T18:00.")
    return (moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone))).astimezone(UTC)


def _objective(metric: str, target: str, at_most: bool | None, deadline: datetime | None, audience: list[str],
               text: str, value: float | None) -> Objective:
    try:
        _, unit = check_metric(metric)
        goal = parse_target(target, unit)
    except ObjectiveError as exc:
        fail(str(exc), "See `tweetathon objectives add --help` and docs/figures.md.")
    if value is not None and ":" not in metric.split(".")[0]:
        fail("--value is for an outcome or impact measured outside tweetathon (outcome:NAME, impact:NAME)",
             "A figure tweetathon computes is read from the event's data.")
    comparison: Comparison = default_comparison(unit) if at_most is None else "<=" if at_most else ">="
    return Objective(metric, comparison, goal, deadline, ", ".join(audience), text, value)


@objectives_app.command("add")
def add_cmd(
    slug: SlugArg,
    metric: Annotated[str, typer.Option("--metric", "-m", help="A figure of docs/figures.md by its JSON path "
                                        "(participants.participants_posted, public_questions.answer_rate, "
                                        "follower_growth.x:bsp24.gain, follower_growth.total.gain), or "
                                        "outcome:NAME / impact:NAME for a figure measured elsewhere.")],
    target: Annotated[str, typer.Option("--target", "-t", help="The target: 250, +500, 80% (a rate), 1h "
                                        "(a time).")],
    at_most: Annotated[bool | None, typer.Option("--at-most/--at-least", help="Whether the figure must stay "
                                                 "at most or reach at least the target (default: at most for "
                                                 "times, at least for the rest).")] = None,
    deadline: Annotated[str | None, typer.Option("--deadline", help="By when: a date (the end of that day in "
                                                 "the event's zone) or a date and time.")] = None,
    audience: Annotated[list[str] | None, typer.Option("--audience", "-a", help="An audience it is for "
                                                       "(repeat for several).")] = None,
    text: Annotated[str, typer.Option("--text", help="The objective in words (specific, measurable, "
                                      "achievable, relevant, time-bound).")] = "",
    value: Annotated[float | None, typer.Option("--value", help="For outcome:/impact: metrics, the value "
                                                "measured (can be recorded later with `record`).")] = None,
    db: DbOption = None,
) -> None:
    """Add an objective to an event: a metric, a target, a deadline and the audiences."""
    with open_store(db) as store:
        zone = _zone(store, slug)
        when = parse_deadline(deadline, zone) if deadline else None
        objective = _objective(metric, target, at_most, when, audience or [], text, value)
        number = saved.add_objective(store, slug, objective)
    console.print(f"objective {number} added to {slug}: {metric} {objective.comparison} "
                  f"{shown(objective.target, check_metric(metric)[1])}", highlight=False)


def _as_dict(r: Result) -> dict[str, Any]:
    o = r.objective
    return {"id": o.id, "metric": o.metric, "label": r.label, "level": r.level, "comparison": o.comparison,
            "target": o.target, "deadline": o.deadline.isoformat() if o.deadline else None,
            "audiences": o.audiences, "text": o.statement, "actual": r.actual, "status": r.status}


def _table(slug: str, results: tuple[Result, ...]) -> Table:
    table = Table(title=f"objectives of {slug}")
    for column in ("id", "level", "objective", "target", "figure", "status", "deadline", "audiences"):
        table.add_column(column)
    for r in results:
        o = r.objective
        table.add_row(str(o.id), r.level, o.statement or r.label, f"{o.comparison} {shown(o.target, r.unit)}",
                      shown(r.actual, r.unit), r.status, f"{o.deadline:%Y-%m-%d %H:%M} UTC" if o.deadline else "—",
                      o.audiences or "—")
    return table


@objectives_app.command("list")
def list_cmd(slug: SlugArg, db: DbOption = None, as_json: JsonOption = False) -> None:
    """The event's objectives, each judged against the event's figures now: met, partly (at least 75% of the
    way), not met, not measured, or not due (deadline ahead)."""
    with open_store(db) as store:
        _zone(store, slug)
        goals = saved.list_objectives(store, slug)
        figures = analysis.headline_figures(analysis.event_scope(store, slug)) if goals else {}
    results = evaluate_all(goals, figures, datetime.now(UTC))
    if as_json:
        print_json([_as_dict(r) for r in results])
    elif not results:
        console.print(f"{slug} has no objectives yet: add one with `tweetathon objectives add {slug} ...`")
    else:
        console.print(_table(slug, results))


@objectives_app.command("remove")
def remove_cmd(slug: SlugArg, objective_id: Annotated[int, typer.Argument(help="The objective's id (see "
                                                                           "`list`).")], db: DbOption = None) -> None:
    """Remove one objective."""
    with open_store(db) as store:
        _zone(store, slug)
        if not saved.remove_objective(store, slug, objective_id):
            fail(f"{slug} has no objective {objective_id}", f"See `tweetathon objectives list {slug}`.")
    console.print(f"objective {objective_id} removed from {slug}")


@objectives_app.command("record")
def record_cmd(slug: SlugArg, objective_id: Annotated[int, typer.Argument(help="The objective's id.")],
               value: Annotated[float, typer.Argument(help="The value measured outside tweetathon.")],
               db: DbOption = None) -> None:
    """Record the value of an outcome or impact objective measured outside tweetathon (e.g. reports made
    online in the month after the event)."""
    with open_store(db) as store:
        _zone(store, slug)
        goal = next((o for o in saved.list_objectives(store, slug) if o.id == objective_id), None)
        if goal is None:
            fail(f"{slug} has no objective {objective_id}", f"See `tweetathon objectives list {slug}`.")
        if ":" not in goal.metric.split(".")[0]:
            fail(f"objective {objective_id} ({goal.metric}) is computed from the event's data",
                 "Only outcome:NAME and impact:NAME objectives take a recorded value.")
        saved.record_value(store, slug, objective_id, value)
    console.print(f"objective {objective_id} of {slug}: recorded {value:g}")


def _read_text(file: Path | None, text: str | None, option: str) -> str:
    if (file is None) == (text is None):
        fail(f"give either --file or --text for the {option}")
    if file is None:
        return text or ""
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {file}: {exc}", "Give a UTF-8 text or Markdown file.")


FileOption = Annotated[Path | None, typer.Option("--file", "-f", help="Read it from this text/Markdown file.")]
TextOption = Annotated[str | None, typer.Option("--text", help="The text itself.")]


@objectives_app.command("inputs")
def inputs_cmd(slug: SlugArg, file: FileOption = None, text: TextOption = None, db: DbOption = None) -> None:
    """What the event took (staff hours, cost, anything else put in), in your words: the report's inputs."""
    body = _read_text(file, text, "inputs")
    with open_store(db) as store:
        _zone(store, slug)
        saved.write_notes(store, slug, inputs=body)
    console.print(f"inputs of {slug} saved ({len(body):,} characters)")


@objectives_app.command("learning")
def learning_cmd(slug: SlugArg, file: FileOption = None, text: TextOption = None, db: DbOption = None) -> None:
    """What was learnt and what to do differently, in your words: the report's last section."""
    body = _read_text(file, text, "learning")
    with open_store(db) as store:
        _zone(store, slug)
        saved.write_notes(store, slug, learning=body)
    console.print(f"learning of {slug} saved ({len(body):,} characters)")


@objectives_app.command("baseline")
def baseline_cmd(
    slug: SlugArg,
    start: Annotated[str | None, typer.Option("--start", help="First day (or date and time) of the ordinary "
                                              "period, in the event's zone.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Last day of the period (the whole day counts), or a "
                                            "date and time (excluded).")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the baseline period.")] = False,
    db: DbOption = None,
) -> None:
    """Set an ordinary period before the event to compare with: the report shows, per participant account and
    in total, posts, replies from the public, follower growth per day and engagement per post, event against
    baseline. Import the participants' own posts (timelines) for that period first."""
    with open_store(db) as store:
        zone = _zone(store, slug)
        if clear:
            set_baseline(store, slug, None)
            console.print(f"baseline period of {slug} removed")
            return
        if not start or not end:
            fail("give --start and --end (or --clear)", "For example --start 2026-03-01 --end 2026-03-14.")
        first, last = _period_start(start, zone), parse_deadline(end, zone)
        if last <= first:
            fail(f"--end {end} is not after --start {start}")
        set_baseline(store, slug, (first, last))
    console.print(f"baseline period of {slug}: {first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M} UTC",
                  highlight=False)


def _period_start(text: str, zone: str) -> datetime:
    """A date -> the start of that day in the event's zone (as UTC); a date and time as given."""
    if len(text) == 10:
        try:
            return datetime.combine(date.fromisoformat(text), time(), ZoneInfo(zone)).astimezone(UTC)
        except ValueError:
            fail(f"{text!r} is not a date", "Write it as 2026-03-01 or 2026-03-01T08:00.")
    return parse_deadline(text, zone)
