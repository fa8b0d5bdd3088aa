"""The impact report's content: the event's figures (from `tweetathon.analysis`, never recomputed here) and the
few extra reads a report needs (top posts), shaped into plain rows a template can show.

    report = build_report(store, "poltwt", compare="poltwt2023")
    report = with_charts(report)                 # Vega-Lite charts rendered to SVG (reports/charts.py)
    html = render_impact.render_html(report)

`build_report` reads the store; everything after it is pure. Deleted posts never appear: the figures exclude
them and the top-post read skips them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from tweetathon import analysis
from tweetathon.analysis.accounts import posts_per_participant
from tweetathon.analysis.questions import answer_questions, find_questions
from tweetathon.analysis.reach import reach_followers
from tweetathon.analysis.scope import Scope, span
from tweetathon.analysis.speed import gc_paused
from tweetathon.model import Event
from tweetathon.privacy.pseudonyms import Pseudonymiser, hide_network
from tweetathon.privacy.scope import scope_pseudonymiser
from tweetathon.reports import impact_format as fmt
from tweetathon.reports.impact_compare import Comparison, compare
from tweetathon.reports.impact_content import ContentSection, content_section
from tweetathon.reports.impact_definitions import DEFINITIONS, Definition
from tweetathon.reports.impact_rows import (
    CountryRow,
    GrowthRow,
    HourRow,
    LanguageRow,
    ParticipantRow,
    PostView,
    QuestionRow,
    country_rows,
    growth_rows,
    hour_rows,
    language_rows,
    participant_rows,
    post_view,
    question_rows,
)
from tweetathon.store.privacy import event_privacy
from tweetathon.store.report_data import top_posts
from tweetathon.store.store import Store

if TYPE_CHECKING:
    from tweetathon.reports.evaluation import Evaluation

Step = Callable[[str], None]
DetectProgress = Callable[[int, int], None]
TOP = 10


@dataclass(frozen=True, slots=True)
class Headline:
    """One headline figure: `path` into the figures JSON, its raw value and how it is written."""

    path: str
    label: str
    value: float | int | None
    shown: str
    detail: str
    definition: Definition
    short: str


@dataclass(frozen=True, slots=True)
class ImpactReport:
    event: Event
    zone: str
    generated: str
    window: str
    figures: Mapping[str, Any]
    headlines: tuple[Headline, ...]
    hours: tuple[HourRow, ...]
    languages: tuple[LanguageRow, ...]
    countries: tuple[CountryRow, ...]
    public_countries: tuple[CountryRow, ...] | None
    top_posts: tuple[PostView, ...]
    top_participants: tuple[ParticipantRow, ...]
    growth: tuple[GrowthRow, ...]
    questions: tuple[QuestionRow, ...]
    response_seconds: tuple[float, ...]
    comparison: Comparison | None
    definitions: tuple[Definition, ...] = tuple(DEFINITIONS.values())
    charts: Mapping[str, str] = field(default_factory=dict)
    map_svg: str | None = None
    content: ContentSection | None = None
    compared_figures: Mapping[str, Any] | None = None  # the --compare event's figures
    evaluation: Evaluation | None = None  # reports/evaluation.py (with_evaluation)
    periods: Mapping[str, tuple[datetime, datetime]] = field(default_factory=dict)  # each participant's window

    @property
    def peak(self) -> Mapping[str, Any]:
        return dict(self.figures.get("peak") or {})

    @property
    def network(self) -> Mapping[str, Any]:
        return dict(self.figures.get("network") or {})

    @property
    def health(self) -> Mapping[str, Any]:
        return dict(self.figures.get("capture_health") or {})

    @property
    def q(self) -> Mapping[str, Any]:
        return dict(self.figures.get("public_questions") or {})


SHORT = {"participants.public_accounts": "Other accounts (not registered participants) with an event post."}


def _headline(path: str, label: str, value: Any, shown: str, detail: str = "") -> Headline:
    definition = DEFINITIONS[path.split(".")[0]]
    return Headline(path, label, value, shown, detail, definition, SHORT.get(path, definition.short))


def _parts(pairs: Sequence[tuple[Any, str]]) -> str:
    return " · ".join(f"{fmt.number(n)} {what}" for n, what in pairs)


def headlines(figs: Mapping[str, Any], zone: str) -> tuple[Headline, ...]:
    """The figures shown at the top of the report, each with its definition."""
    p, who, lang = figs["posts"], figs["participants"], figs["languages"]
    reach, imp, meas, q, peak = (figs["potential_reach"], figs["potential_impressions"],
                                 figs["measured_impressions"], figs["public_questions"], figs["peak"])
    peak_at = f"from {fmt.local_time(fmt.parse_utc(peak['hour_utc']), zone)}" if peak.get("hour_utc") else ""
    return (
        _headline("posts.total", "Posts", p["total"], fmt.number(p["total"]), _parts(
            [(p["originals"], "originals"), (p["replies"], "replies"), (p["quotes"], "quotes"),
             (p["reposts"], "reposts")])),
        _headline("participants.participants_posted", "Participants who posted", who["participants_posted"],
                  fmt.number(who["participants_posted"])),
        _headline("participants.public_accounts", "Public accounts that posted", who["public_accounts"],
                  fmt.number(who["public_accounts"])),
        _headline("languages.count", "Languages", lang["count"], fmt.number(lang["count"]),
                  f"{fmt.number(lang['count_min5'])} with at least 5 posts"),
        _headline("countries.count", "Countries", figs["countries"]["count"],
                  fmt.number(figs["countries"]["count"]), ", ".join(figs["countries"]["list"])),
        _headline("potential_reach.total", "Potential reach (theoretical maximum)", reach["total"],
                  fmt.number(reach["total"]),
                  _parts([(reach["participants"], "participants"), (reach["public"], "public"),
                          (reach["accounts_unknown"], "never observed")])),
        _headline("potential_impressions.total", "Potential impressions (theoretical maximum)", imp["total"],
                  fmt.number(imp["total"]),
                  f"{fmt.count(imp['posts_unknown'], 'post')} by accounts never observed"),
        _headline("measured_impressions.total", "Measured impressions", meas["total"],
                  fmt.number(meas["total"], unknown="not reported"), f"over {fmt.count(meas['posts'], 'post')}"),
        _headline("public_questions.questions", "Public questions", q["questions"], fmt.number(q["questions"]),
                  f"{fmt.number(q['answered'])} answered ({fmt.percent(q['answer_rate'])}), median response "
                  f"{fmt.duration(q['response_median_seconds'])}"),
        _headline("peak.hour_posts", "Posts in the busiest hour", peak["hour_posts"],
                  fmt.number(peak["hour_posts"]), peak_at),
    )


def response_times(scope: Scope) -> tuple[float, ...]:
    """Every answered public question's response time in seconds (the distribution behind the median)."""
    rows = scope.posts_in_order()
    asked = find_questions(rows, scope.index, scope.data.parents, scope.windows)
    answered = answer_questions(asked, rows, scope.index, scope.data.parents)
    return tuple(sorted(q.response_seconds for q in answered.values() if q.response_seconds is not None))


def window_text(scope: Scope, zone: str) -> str:
    """When the event ran, in the organiser's zone, with UTC beside."""
    whole = span(scope.windows)
    if whole is None:
        return "no fixed window: every post with the event's hashtags counts"
    start, end = whole
    return (f"{fmt.local_time(start, zone)} to {fmt.local_time(end, zone)} "
            f"({start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC)")


def load_scope(store: Store, slug: str, detect: bool, progress: DetectProgress | None) -> Scope:
    """The event's scope, with languages detected and stored first for posts that have none (unless not
    `detect`)."""
    scope = analysis.event_scope(store, slug)
    missing = analysis.missing_languages(scope) if detect else []
    if missing:
        from tweetathon.enrich.language import detect_and_store

        detect_and_store(store, missing, progress=progress)
        scope = analysis.event_scope(store, slug)
    return scope


def _top_posts(store: Store, scope: Scope, zone: str, names: Pseudonymiser) -> tuple[PostView, ...]:
    if not scope.event_posts:
        return ()
    start = scope.event_posts[0].created_at
    end = scope.event_posts[-1].created_at + timedelta(microseconds=1)
    keys = {r.key for r in scope.event_posts}
    with store.engine.connect() as conn:
        found = top_posts(conn, keys, start, end, TOP)
    return tuple(post_view(p, zone, names) for p in found)


def participant_reach(scope: Scope) -> dict[str, int | None]:
    """Each participant's reach: the largest follower count observed in their own window."""
    out: dict[str, int | None] = {}
    for person in scope.index.people:
        values = [reach_followers(scope.data.observations.get(key, ()), scope.window_of(person))
                  for key in scope.index.account_ids(person)]
        known = [v for v in values if v is not None]
        out[person.key] = max(known) if known else None
    return out


def build_report(store: Store, slug: str, *, zone: str | None = None, compare_with: str | None = None,
                 detect: bool = True, step: Step | None = None,
                 detect_progress: DetectProgress | None = None, scope: Scope | None = None,
                 figures: Mapping[str, Any] | None = None) -> ImpactReport:
    """Everything the report shows for event `slug` (raises analysis.EventNotFound for an unknown slug).
    `zone` defaults to the organiser's; `compare_with` names another event to compare against. A caller that
    already holds the event's `scope` (`analysis.event_scope`) and its `figures` (`analysis.headline_figures`
    of that scope, in the same zone) passes them, and they are not read or computed again."""
    say = step or (lambda _: None)
    say("reading the event")
    if scope is None:
        scope = load_scope(store, slug, detect, detect_progress)
        figures = None
    event = scope.data.event
    shown_in = zone or event.zone or "UTC"
    say("computing the figures")
    with gc_paused():
        figs = dict(figures) if figures is not None else analysis.headline_figures(scope, shown_in)
    comparison, other_figures = None, None
    if compare_with:
        say(f"computing the figures of {compare_with}")
        other = load_scope(store, compare_with, detect, detect_progress)
        other_figures = analysis.headline_figures(other, shown_in)
        comparison = compare(figs, other_figures, other.data.event.name)
    say("reading the top posts")
    per = posts_per_participant(scope.event_posts, scope.index)
    names = scope_pseudonymiser(event_privacy(store, slug), scope)
    figs["network"] = hide_network(figs.get("network") or {}, names)
    top = _top_posts(store, scope, shown_in, names)
    return ImpactReport(
        event=event, zone=shown_in, generated=fmt.local_time(datetime.now(UTC), shown_in),
        window=window_text(scope, shown_in), figures=figs, headlines=headlines(figs, shown_in),
        hours=hour_rows(figs["posts_per_hour"], shown_in), languages=language_rows(figs["languages"]),
        countries=country_rows(scope, per), public_countries=_public_countries(figs),
        top_posts=top, content=content_section(store, scope, [(p.platform, p.post_id) for p in top], names),
        top_participants=participant_rows(scope, per, participant_reach(scope), TOP),
        growth=growth_rows(figs["follower_growth"]), questions=question_rows(figs["public_questions"], scope),
        response_seconds=response_times(scope), comparison=comparison, map_svg=participant_map(store, event),
        compared_figures=other_figures, periods=participant_periods(scope))


def participant_periods(scope: Scope) -> dict[str, tuple[datetime, datetime]]:
    """Each participant's own window, from its first start to its last end (none for an event without one)."""
    out = {}
    for person in scope.index.people:
        whole = span(scope.window_of(person))
        if whole is not None:
            out[person.key] = whole
    return out


def participant_map(store: Store, event: Event) -> str | None:
    """The map of approved participants with coordinates (organise/mapping.py), None when nobody is placed."""
    from tweetathon.organise.mapping import map_svg
    from tweetathon.store.organise import get_participants

    people = [p for p in get_participants(store, event.slug, status="approved")
              if p.latitude is not None and p.longitude is not None]
    return map_svg(event, people) if people else None


def _public_countries(figs: Mapping[str, Any]) -> tuple[CountryRow, ...] | None:
    """The public's estimated countries, when the analysis provides them (`countries.public_estimate`)."""
    estimate = figs["countries"].get("public_estimate")
    if not isinstance(estimate, Mapping):
        return None
    from tweetathon.organise.geocode import country_name

    return tuple(CountryRow(code, country_name(code) or code, int(n), 0) for code, n in
                 sorted(estimate.items(), key=lambda kv: (-int(kv[1]), kv[0])))


def with_charts(report: ImpactReport) -> ImpactReport:
    """The report with its charts drawn (SVG, through vl-convert) and the participant map when available."""
    from tweetathon.reports.charts import report_charts

    return replace(report, charts=report_charts(report))
