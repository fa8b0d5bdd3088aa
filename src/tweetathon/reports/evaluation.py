"""The evaluation a chief officer reads first: objectives with their status, the four or five figures that matter
for the kind of event, the change against the last edition, the figures by stage of the GCS Evaluation Cycle
(inputs, outputs, out-takes, outcomes, impact), a "method and limitations" section generated from the data, and
the learning the organiser wrote.

    report = with_evaluation(build_report(...), store)    # reads objectives, notes and display names
    ev = evaluation(report, objectives, notes, names, now) # pure

Every figure here comes from the report's own figures (`report.figures`, `tweetathon figures --json`): nothing is
computed a second way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from tweetathon.analysis.levels import LEVEL_NAMES, LEVEL_QUESTIONS, STAGES, Level, level_of
from tweetathon.organise.objectives import Objective, Result, evaluate_all
from tweetathon.reports import impact_format as fmt
from tweetathon.reports.impact import ImpactReport
from tweetathon.reports.impact_compare import COMPARED, lookup
from tweetathon.reports.impact_rows import GrowthRow
from tweetathon.reports.limitations import limitations
from tweetathon.reports.objective_view import shown
from tweetathon.store.objectives import EvaluationNotes
from tweetathon.store.store import Store

TOP = 10
STATUS_ORDER = ("met", "partly", "not met", "not measured", "not due")
LAYOUT_NAMES = {"tweetathon": "tweet-a-thon", "chat": "chat series", "livefeed": "live feed"}
# The figures that matter, per kind of event (paths in the figures JSON; `growth` is the follower-growth line).
LAYOUTS: dict[str, tuple[str, ...]] = {
    "tweetathon": ("participants.participants_posted", "posts.total", "countries.count",
                   "public_questions.questions", "potential_reach.total"),
    "chat": ("participants.public_accounts", "posts.total", "public_questions.questions",
             "public_questions.answer_rate", "public_questions.response_median_seconds"),
    "livefeed": ("growth", "posts.total", "public_questions.questions", "public_questions.answer_rate",
                 "peak.hour_posts"),
}
KINDS = {path: (label, kind) for path, label, kind in COMPARED}


@dataclass(frozen=True, slots=True)
class SummaryFigure:
    path: str
    label: str
    shown: str
    detail: str
    level: Level
    change: str  # against the compared edition, '' without --compare


@dataclass(frozen=True, slots=True)
class ObjectiveRow:
    result: Result
    person: str
    target: str
    actual: str
    deadline: str

    @property
    def status(self) -> str:
        return self.result.status


@dataclass(frozen=True, slots=True)
class Stage:
    level: Level
    name: str
    question: str
    figures: tuple[tuple[str, str, str], ...]  # (label, value, definition anchor)
    objectives: tuple[ObjectiveRow, ...]


@dataclass(frozen=True, slots=True)
class BaselineRow:
    label: str
    baseline: str
    event: str
    difference: str


BASELINE_LABELS = {"posts_per_day": "Posts per day", "public_replies_per_day": "Replies from the public per day",
                   "follower_growth_per_day": "Follower growth per day",
                   "engagement_per_post": "Engagement per post"}


def baseline_rows(part: Mapping[str, Mapping[str, float | None]]) -> tuple[BaselineRow, ...]:
    """Baseline, event and difference of each rate, written for reading."""
    def one(value: float | None, signed: bool = False) -> str:
        if value is None:
            return "unknown"
        rounded = round(value, 1)
        return fmt.signed(rounded) if signed else fmt.number(rounded)
    return tuple(BaselineRow(label, one(part["baseline"][key]), one(part["event"][key]),
                             one(part["difference"][key], signed=True)) for key, label in BASELINE_LABELS.items())


def baseline_views(figure: Mapping[str, Any] | None, names: Mapping[str, str]) -> tuple[
        tuple[BaselineRow, ...], tuple[tuple[str, tuple[BaselineRow, ...]], ...]]:
    if not figure:
        return (), ()
    accounts = tuple((names.get(k, k), baseline_rows(v)) for k, v in figure["per_account"].items())
    return baseline_rows(figure["total"]), accounts


@dataclass(frozen=True, slots=True)
class Evaluation:
    kind: str
    layout: str
    summary: tuple[SummaryFigure, ...]
    objectives: tuple[ObjectiveRow, ...]
    status_counts: tuple[tuple[str, int], ...]
    stages: tuple[Stage, ...]
    inputs: str
    learning: str
    limitations: tuple[str, ...]
    network_note: str
    growth_top: tuple[GrowthRow, ...]
    growth_rest: tuple[GrowthRow, ...]
    names: Mapping[str, str]
    baseline: Mapping[str, Any] | None = None  # the `baseline` figure (analysis/baseline.py), when a period is set
    baseline_total: tuple[BaselineRow, ...] = ()
    baseline_accounts: tuple[tuple[str, tuple[BaselineRow, ...]], ...] = ()

    def person(self, key: str) -> str:
        """'Greater Manchester Police (@gmpolice)' for 'x:gmpolice'; the key itself when nothing is known."""
        return self.names.get(key, key)


def growth_total(figures: Mapping[str, Any]) -> tuple[int, int] | None:
    """Followers of all observed participant accounts together, first and last (None when none observed)."""
    growth: Mapping[str, Mapping[str, int]] = figures.get("follower_growth") or {}
    if not growth:
        return None
    return sum(int(g["first"]) for g in growth.values()), sum(int(g["last"]) for g in growth.values())


def _growth_figure(figures: Mapping[str, Any], other: Mapping[str, Any] | None) -> SummaryFigure:
    total = growth_total(figures)
    text = f"{fmt.number(total[0])} → {fmt.number(total[1])}" if total else "not observed"
    detail = f"{fmt.signed(total[1] - total[0])} followers during the event" if total else ""
    before = growth_total(other) if other else None
    change = f"last edition {fmt.signed(before[1] - before[0])}" if total and before else ""
    return SummaryFigure("follower_growth", "Followers", text, detail, "out-take", change)


def _summary_figure(path: str, figures: Mapping[str, Any], report: ImpactReport) -> SummaryFigure:
    label, kind = KINDS.get(path, (path, "count"))
    row = next((r for r in report.comparison.rows if r.path == path), None) if report.comparison else None
    value = lookup(figures, path)
    text = fmt.percent(value) if kind == "rate" else fmt.duration(value, "none answered") \
        if kind == "seconds" else fmt.number(value, "not reported")
    change = f"last edition {row.other_text}: {row.change_text} ({row.percent_text})" if row else ""
    return SummaryFigure(path, label, text, _detail(path, figures), level_of(path), change)


def _detail(path: str, figures: Mapping[str, Any]) -> str:
    q = figures.get("public_questions") or {}
    if path == "public_questions.questions":
        return f"{fmt.number(q.get('answered'))} answered ({fmt.percent(q.get('answer_rate'))})"
    if path == "potential_reach.total":
        return "the theoretical maximum: followers who could have seen a post, not people who did"
    return ""


def summary(report: ImpactReport, other: Mapping[str, Any] | None) -> tuple[SummaryFigure, ...]:
    """The four or five figures that matter for the kind of event."""
    paths = LAYOUTS.get(report.event.kind, LAYOUTS["tweetathon"])
    return tuple(_growth_figure(report.figures, other) if p == "growth" else
                 _summary_figure(p, report.figures, report) for p in paths)


def objective_rows(results: Sequence[Result], zone: str, names: Mapping[str, str]) -> tuple[ObjectiveRow, ...]:
    rows = []
    for r in results:
        o = r.objective
        person = next((names[k] for k in names if o.metric == f"follower_growth.{k}.gain"), "")
        deadline = fmt.local_time(o.deadline, zone) if o.deadline else ""
        rows.append(ObjectiveRow(r, person, f"{'at least' if o.comparison == '>=' else 'at most'} "
                                 f"{shown(o.target, r.unit)}", shown(r.actual, r.unit), deadline))
    return tuple(rows)


def _stage_figures(level: Level, report: ImpactReport) -> tuple[tuple[str, str, str], ...]:
    found = [(h.label, h.shown, h.definition.anchor) for h in report.headlines if level_of(h.path) == level]
    total = growth_total(report.figures)
    if level == level_of("follower_growth") and total:
        found.append(("Followers of the participant accounts observed twice", f"{fmt.number(total[0])} → "
                      f"{fmt.number(total[1])}", "def-follower_growth"))
    return tuple(found)


def stages(report: ImpactReport, rows: Sequence[ObjectiveRow]) -> tuple[Stage, ...]:
    """Each stage of the cycle with its headline figures and objectives (outcome and impact: objectives only)."""
    return tuple(Stage(level, LEVEL_NAMES[level], LEVEL_QUESTIONS[level], _stage_figures(level, report),
                       tuple(r for r in rows if r.result.level == level)) for level in STAGES)


def network_note(network: Mapping[str, Any]) -> str:
    """The network line, with why its parts add up to more than its links."""
    parts = [int(network.get(k) or 0) for k in ("replies", "mentions", "quotes")]
    return (f"{fmt.count(sum(parts), 'interaction')} ({fmt.count(parts[0], 'reply', 'replies')} + "
            f"{fmt.count(parts[1], 'mention')} + {fmt.count(parts[2], 'quote')}) between "
            f"{fmt.count(network.get('accounts'), 'account')}, over {fmt.count(network.get('links'), 'link')}. "
            "A link is one pair of accounts in one direction and can carry many interactions, so the parts "
            "add up to more than the links; a reply usually also mentions the account it answers, so one post "
            "can count both as a reply and as a mention.")


def _status_counts(results: Sequence[Result]) -> tuple[tuple[str, int], ...]:
    return tuple((s, n) for s in STATUS_ORDER if (n := sum(r.status == s for r in results)))


def evaluation(report: ImpactReport, objectives: Sequence[Objective], notes: EvaluationNotes,
               names: Mapping[str, str], now: datetime, other: Mapping[str, Any] | None = None,
               baseline: Mapping[str, Any] | None = None) -> Evaluation:
    """Everything the evaluation sections show (pure). `other`: the compared edition's figures, if any;
    `baseline`: the baseline figure, if a period is set."""
    results = evaluate_all(list(objectives), report.figures, now)
    rows = objective_rows(results, report.zone, names)
    kind = report.event.kind if report.event.kind in LAYOUTS else "tweetathon"
    return Evaluation(kind, LAYOUT_NAMES[kind], summary(report, other), rows, _status_counts(results),
                      stages(report, rows), notes.inputs.strip(), notes.learning.strip(),
                      limitations(report.figures, report.health), network_note(report.network),
                      report.growth[:TOP], report.growth[TOP:], names, baseline, *baseline_views(baseline, names))


def with_evaluation(report: ImpactReport, store: Store) -> ImpactReport:
    """The report with its evaluation: objectives, notes and participants' display names read from `store`."""
    from tweetathon.store.evaluation_data import display_names
    from tweetathon.store.objectives import list_objectives, read_notes

    slug = report.event.slug
    names = display_names(store, slug)
    ev = evaluation(report, list_objectives(store, slug), read_notes(store, slug), names, datetime.now(UTC),
                    report.compared_figures, baseline_of(report, store))
    return replace(report, evaluation=ev)


def baseline_of(report: ImpactReport, store: Store) -> dict[str, Any] | None:
    """The `baseline` figure of the report's event, None when no baseline period is set or nobody has a window."""
    from tweetathon.analysis.baseline import baseline_figure
    from tweetathon.store.baseline_data import (
        activity_posts,
        follower_snapshots,
        participant_accounts,
        read_baseline,
    )

    period = read_baseline(store, report.event.slug)
    if period is None or not report.periods:
        return None
    accounts = participant_accounts(store, report.event.slug, report.periods)
    whole = (min([period[0], *(a.event[0] for a in accounts)]), max([period[1], *(a.event[1] for a in accounts)]))
    return baseline_figure(accounts, period, activity_posts(store, accounts, whole),
                           follower_snapshots(store, accounts, whole))

