"""SMART objectives set when planning an event, and how each is judged against the event's figures.

An objective names a **metric**: a numeric figure of docs/figures.md by its path in `tweetathon figures --json`
(`participants.participants_posted`, `public_questions.answer_rate`, `follower_growth.x:bsp24.gain`,
`follower_growth.total.gain`), or an outcome or impact measured outside tweetathon (`outcome:reports-online`,
`impact:recruits`) whose value the organiser records. It has a comparison (at least, `>=`, or at most, `<=`),
a target, an optional deadline and the audiences it is for.

Judging (`evaluate`, pure): **met** when the figure reaches the target; **partly** when it reaches at least
three quarters of the way (`>=`: figure ≥ 75% of the target; `<=`: figure ≤ target ÷ 0.75, i.e. at most a
third over); **not met** otherwise; **not measured** when the figure is unknown (no observation, nothing
answered, or an outside value not recorded yet); **not due** when the deadline is still ahead and the objective
is not met yet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from tweetathon.analysis.levels import Level, level_of

Comparison = Literal[">=", "<="]
Status = Literal["met", "partly", "not met", "not measured", "not due"]
Unit = Literal["count", "rate", "seconds"]
PARTLY = 0.75
EXTERNAL_LEVELS: tuple[Level, ...] = ("outcome", "impact")

# Numeric figures an objective may name (path in the figures JSON -> label, unit).
METRICS: dict[str, tuple[str, Unit]] = {
    "posts.total": ("Posts", "count"),
    "posts.originals": ("Original posts", "count"),
    "posts.replies": ("Replies", "count"),
    "posts.quotes": ("Quotes", "count"),
    "participants.participants_posted": ("Participants who posted", "count"),
    "participants.public_accounts": ("Public accounts that posted", "count"),
    "languages.count": ("Languages", "count"),
    "languages.count_min5": ("Languages with at least 5 posts", "count"),
    "countries.count": ("Countries", "count"),
    "potential_reach.total": ("Potential reach (theoretical maximum)", "count"),
    "potential_impressions.total": ("Potential impressions (theoretical maximum)", "count"),
    "measured_impressions.total": ("Measured impressions", "count"),
    "public_questions.questions": ("Public questions", "count"),
    "public_questions.answered": ("Public questions answered", "count"),
    "public_questions.answer_rate": ("Answer rate", "rate"),
    "public_questions.response_median_seconds": ("Median response time", "seconds"),
    "public_questions.response_p90_seconds": ("90th percentile response time", "seconds"),
    "peak.hour_posts": ("Posts in the busiest hour", "count"),
    "network.links": ("Interaction links", "count"),
    "network.accounts": ("Accounts in the interaction network", "count"),
    "follower_growth.total.gain": ("Followers gained by all participants", "count"),
}
GROWTH = re.compile(r"^follower_growth\.(?P<account>[a-z]+:[^.\s][^\s]*)\.(?P<field>gain|last|first)$")
EXTERNAL = re.compile(r"^(?P<level>outcome|impact):(?P<name>[\w-]{1,80})$")
DURATION = re.compile(r"^(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>s|min|m|h|d)$")
SECONDS = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


class ObjectiveError(ValueError):
    """An objective that cannot be stored as given; the message says what to write instead."""


@dataclass(frozen=True, slots=True)
class Objective:
    metric: str
    comparison: Comparison
    target: float
    deadline: datetime | None = None
    audiences: str = ""
    statement: str = ""
    recorded_value: float | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Result:
    objective: Objective
    status: Status
    actual: float | None
    label: str
    unit: Unit
    level: Level


def check_metric(metric: str) -> tuple[str, Unit]:
    """The metric's label and unit; ObjectiveError naming the metrics one can use otherwise."""
    if metric in METRICS:
        return METRICS[metric]
    growth = GROWTH.match(metric)
    if growth:
        return f"Followers of {growth['account']} ({growth['field']})", "count"
    external = EXTERNAL.match(metric)
    if external:
        return f"{external['name'].replace('-', ' ').capitalize()} ({external['level']}, measured outside)", "count"
    raise ObjectiveError(f"unknown metric {metric!r}; use one of: {', '.join(METRICS)}; "
                         "follower_growth.PLATFORM:HANDLE.gain; or outcome:NAME / impact:NAME for a figure "
                         "measured outside tweetathon (docs/figures.md lists the figures)")


def metric_level(metric: str) -> Level:
    """The metric's stage of the evaluation cycle."""
    external = EXTERNAL.match(metric)
    if external:
        return "outcome" if external["level"] == "outcome" else "impact"
    return level_of(metric.split(".")[0] if metric.startswith("follower_growth.") else metric)


def parse_target(text: str, unit: Unit) -> float:
    """'250' -> 250; '+500' -> 500; '80%' -> 0.8 for a rate; '1h', '30m', '90s' -> seconds for a time."""
    raw = text.strip().replace(",", "").lstrip("+")
    if unit == "rate":
        return _rate(raw, text)
    if unit == "seconds":
        found = DURATION.match(raw)
        if found:
            return float(found["n"]) * SECONDS[found["unit"]]
    try:
        value = float(raw)
    except ValueError:
        raise ObjectiveError(f"target {text!r} is not a number"
                             + (" or a duration such as 1h, 30m, 90s" if unit == "seconds" else "")) from None
    if value < 0:
        raise ObjectiveError(f"target {text!r} is negative")
    return value


def _rate(raw: str, text: str) -> float:
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise ObjectiveError(f"target {text!r} is not a rate; write it as a percentage such as 80%") from None
    if not 0 <= value <= 1:
        raise ObjectiveError(f"target {text!r} is not a rate between 0% and 100%; write it as a percentage such as 80%")
    return value


def default_comparison(unit: Unit) -> Comparison:
    """Times are targets to stay under; everything else a target to reach."""
    return "<=" if unit == "seconds" else ">="


def actual_value(objective: Objective, figures: Mapping[str, Any]) -> float | None:
    """The figure the objective is judged on; None when unknown."""
    if EXTERNAL.match(objective.metric):
        return objective.recorded_value
    if objective.metric == "follower_growth.total.gain":
        growth = figures.get("follower_growth") or {}
        return float(sum(int(g["gain"]) for g in growth.values())) if growth else None
    growth = GROWTH.match(objective.metric)
    value = _growth(figures, growth["account"], growth["field"]) if growth else _lookup(figures, objective.metric)
    return None if value is None or isinstance(value, bool) else float(value)


def _growth(figures: Mapping[str, Any], account: str, field: str) -> Any:
    entry = (figures.get("follower_growth") or {}).get(account)
    return None if entry is None else entry.get(field)


def _lookup(figures: Mapping[str, Any], path: str) -> Any:
    value: Any = figures
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value if isinstance(value, int | float) else None


def judge(actual: float | None, comparison: Comparison, target: float) -> Status:
    """met / partly / not met / not measured, by the rule in this module's docstring."""
    if actual is None:
        return "not measured"
    if _reaches(actual, comparison, target):
        return "met"
    partly = PARTLY * target if comparison == ">=" else target / PARTLY
    return "partly" if _reaches(actual, comparison, partly) else "not met"


def _reaches(actual: float, comparison: Comparison, bound: float) -> bool:
    """actual >= bound (or <=), allowing for binary fractions (0.75 × 0.8 is 0.6000000000000001)."""
    slack = 1e-9 * max(1.0, abs(bound))
    return actual >= bound - slack if comparison == ">=" else actual <= bound + slack


def evaluate(objective: Objective, figures: Mapping[str, Any], now: datetime) -> Result:
    """The objective judged against the event's figures (`tweetathon figures --json`) at `now`."""
    label, unit = check_metric(objective.metric)
    actual = actual_value(objective, figures)
    status = judge(actual, objective.comparison, objective.target)
    if status != "met" and objective.deadline is not None and now < objective.deadline:
        status = "not due"
    return Result(objective, status, actual, label, unit, metric_level(objective.metric))


def evaluate_all(objectives: list[Objective], figures: Mapping[str, Any], now: datetime) -> tuple[Result, ...]:
    return tuple(evaluate(o, figures, now) for o in objectives)
