"""Render an `ImpactReport` as ONE offline HTML file, and as PDF from the same HTML (WeasyPrint).

Jinja2 with autoescape: every value from the data (post text, handles, agency names) is escaped; only the
charts' SVG (drawn by vl-convert from our own specs) and the participant map's SVG are inserted as markup. CSS
is inline, fonts are the reader's system fonts, there is no script, and a Content-Security-Policy forbids
loading anything, so no request ever leaves the machine. The PDF is the same page with the print stylesheet;
WeasyPrint is refused every fetch.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from tweetathon.reports import impact_format as fmt
from tweetathon.reports.impact import ImpactReport
from tweetathon.reports.impact_definitions import DEFINITIONS

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined)


def _svg(markup: str | None) -> Markup | None:
    """SVG markup for inline use: any XML prolog removed (it is not allowed inside HTML)."""
    if not markup:
        return None
    text = markup.strip()
    if text.startswith("<?xml"):
        text = text.split("?>", 1)[1].lstrip()
    return Markup(text)  # drawn by vl-convert / organise.mapping from our own data, escaped there


def _peak_texts(report: ImpactReport) -> dict[str, str]:
    peak = report.peak
    if not peak.get("hour_utc"):
        return {"peak_local_hour": "", "peak_utc_hour": "", "peak_local_minute": ""}
    hour, minute = fmt.parse_utc(peak["hour_utc"]), fmt.parse_utc(peak["minute_utc"])
    return {"peak_local_hour": fmt.local_time(hour, report.zone),
            "peak_utc_hour": hour.strftime("%a %d %b %Y, %H:%M"),
            "peak_local_minute": fmt.local_time(minute, report.zone)}


def context(report: ImpactReport) -> dict[str, Any]:
    charts = {name: _svg(markup) for name, markup in report.charts.items()}
    return {"r": report, "fmt": fmt, "defs": DEFINITIONS, "charts": charts, "map_svg": _svg(report.map_svg),
            "local": lambda iso: fmt.local_time(fmt.parse_utc(iso), report.zone), **_peak_texts(report)}


def render_html(report: ImpactReport) -> str:
    """The report as one self-contained HTML page (works offline; no JavaScript)."""
    return _environment().get_template("impact.html.j2").render(**context(report))


def render_pdf(report: ImpactReport, html: str | None = None) -> bytes:
    """The same page laid out as PDF by WeasyPrint (print stylesheet, charts as SVG); nothing is fetched."""
    from weasyprint import HTML  # imported here: loading pango takes a moment and only PDF needs it

    document = HTML(string=html if html is not None else render_html(report), url_fetcher=_refuse_fetch,
                    base_url=None)
    pdf: bytes = document.write_pdf()
    return pdf


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the impact report loads nothing from outside the page (asked for {url[:80]!r})")
