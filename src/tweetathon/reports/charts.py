"""The impact report's charts: Vega-Lite specs built with Altair, drawn to SVG by vl-convert (no browser).

Each `*_chart` function is pure and returns a Vega-Lite spec (a dict) with its data inline, or None when there is
nothing to draw. `svg(spec)` renders one; `report_charts(report)` renders every chart of a report. The SVG is
plain markup (text as <text>, the reader's own sans-serif font): nothing is fetched and no script runs.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import altair as alt

from tweetathon.reports.impact_rows import CountryRow, GrowthRow, HourRow, LanguageRow

if TYPE_CHECKING:
    from tweetathon.reports.impact import ImpactReport

Spec = dict[str, Any]
WIDTH = 640
BAR = "#1f4e8c"
MAX_BARS = 20
MAX_LINES = 10


def _rows_later() -> alt.Data:
    """The data of a chart while Altair builds and checks its spec: none (see `_finish`)."""
    return alt.Data(values=[])  # type: ignore[no-untyped-call]


def _finish(chart: alt.Chart, title: str, rows: list[dict[str, Any]], height: int = 220) -> Spec:
    """The chart's spec with its title, the report's size and style, and its data rows inline. Altair checks
    the spec against the Vega-Lite schema without the rows, which go in afterwards: checking each row (plain
    labels and numbers) took seconds for the tens of thousands of response times of a 1M-post event."""
    spec: Spec = (chart.properties(title=title, width=WIDTH, height=height)
                  .configure(font="sans-serif").configure_view(stroke=None).to_dict())
    spec["data"] = {"values": rows}
    return spec


def hours_chart(hours: Sequence[HourRow], zone: str | None) -> Spec | None:
    """Posts per clock hour, labelled in UTC (`zone` None) or in `zone`."""
    if not hours:
        return None
    values = [{"hour": h.local_label if zone else h.utc_label, "posts": h.posts, "order": i}
              for i, h in enumerate(hours)]
    chart = alt.Chart(_rows_later()).mark_bar(color=BAR).encode(
        x=alt.X("hour:O", sort=alt.EncodingSortField("order"), title=f"hour ({zone or 'UTC'})",
                axis=alt.Axis(labelAngle=-60, labelOverlap="parity")),
        y=alt.Y("posts:Q", title="posts"),
        tooltip=["hour:O", "posts:Q"])
    return _finish(chart, f"Posts per hour ({zone or 'UTC'})", values)


def languages_chart(rows: Sequence[LanguageRow]) -> Spec | None:
    """Posts per detected language (most first, at most MAX_BARS; undetermined left out)."""
    values = [{"language": f"{r.name} ({r.code})", "posts": r.detected} for r in rows
              if r.detected and r.code != "und"][:MAX_BARS]
    if not values:
        return None
    chart = alt.Chart(_rows_later()).mark_bar(color=BAR).encode(
        y=alt.Y("language:N", sort="-x", title=None), x=alt.X("posts:Q", title="posts (detected language)"))
    return _finish(chart, "Languages of event posts (detected)", values, height=max(60, 18 * len(values)))


def countries_chart(rows: Sequence[CountryRow]) -> Spec | None:
    """Event posts by participants' country (most first, at most MAX_BARS)."""
    values = [{"country": r.name, "posts": r.posts} for r in rows][:MAX_BARS]
    if not values:
        return None
    chart = alt.Chart(_rows_later()).mark_bar(color=BAR).encode(
        y=alt.Y("country:N", sort="-x", title=None), x=alt.X("posts:Q", title="event posts by participants"))
    return _finish(chart, "Participants' countries", values, height=max(60, 18 * len(values)))


def growth_chart(rows: Sequence[GrowthRow]) -> Spec | None:
    """Followers at the first and last observation, one line per account (the largest gains)."""
    chosen = list(rows)[:MAX_LINES]
    if not chosen:
        return None
    values = [{"account": r.key, "when": when, "followers": n, "order": i}
              for r in chosen for i, (when, n) in enumerate((("first observation", r.first),
                                                             ("last observation", r.last)))]
    chart = alt.Chart(_rows_later()).mark_line(point=True).encode(
        x=alt.X("when:O", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("followers:Q", title="followers"),
        color=alt.Color("account:N", title="account"))
    return _finish(chart, "Follower growth during the event", values)


def response_chart(seconds: Sequence[float]) -> Spec | None:
    """How long answered questions waited: a histogram of response times in minutes."""
    if not seconds:
        return None
    values = [{"minutes": s / 60} for s in seconds]
    longest = max(1.0, max(seconds) / 60)
    chart = alt.Chart(_rows_later()).mark_bar(color=BAR).encode(
        x=alt.X("minutes:Q", bin=alt.Bin(maxbins=30, extent=[0, longest]),
                title="minutes from question to first answer"),
        y=alt.Y("count():Q", title="questions"))
    return _finish(chart, "Response times to public questions", values, height=180)


def svg(spec: Spec) -> str:
    """One chart as SVG markup (vl-convert; no browser, nothing fetched)."""
    import vl_convert

    out: str = vl_convert.vegalite_to_svg(spec)
    return out


def warm_up() -> threading.Thread:
    """Start vl-convert's renderer in the background (its first drawing takes a second or two), so it is ready
    by the time the figures are computed. Returns the started thread."""
    tiny: Spec = {"data": {"values": [{"a": 1}]}, "mark": "point",
                  "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    thread = threading.Thread(target=svg, args=(tiny,), name="vl-convert warm-up", daemon=True)
    thread.start()
    return thread


def report_specs(report: ImpactReport) -> dict[str, Spec]:
    """Every chart of the report that has data, by name."""
    specs = {
        "hours_utc": hours_chart(report.hours, None),
        "hours_local": hours_chart(report.hours, report.zone) if report.zone != "UTC" else None,
        "languages": languages_chart(report.languages),
        "countries": countries_chart(report.countries),
        "growth": growth_chart(report.growth),
        "responses": response_chart(report.response_seconds),
    }
    return {name: spec for name, spec in specs.items() if spec is not None}


def render_all(specs: Mapping[str, Spec]) -> dict[str, str]:
    """Render the specs to SVG, two at a time (vl-convert releases the interpreter while it draws)."""
    if not specs:
        return {}
    names = list(specs)
    with ThreadPoolExecutor(max_workers=2) as pool:
        drawn = list(pool.map(svg, (specs[n] for n in names)))
    return dict(zip(names, drawn, strict=True))


def report_charts(report: ImpactReport) -> dict[str, str]:
    return render_all(report_specs(report))
