"""The report's charts: Vega-Lite specs with the data inline, drawn to SVG by vl-convert with no browser."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

from tweetathon.reports import charts
from tweetathon.reports.impact_rows import CountryRow, GrowthRow, HourRow, LanguageRow, hour_rows


def _hours() -> tuple[HourRow, ...]:
    start = datetime(2024, 3, 22, 8, tzinfo=UTC)
    counts = [5, 0, 12, 3]
    return hour_rows({(start + timedelta(hours=i)).isoformat().replace("+00:00", "Z"): n
                      for i, n in enumerate(counts)}, "America/New_York")


def _bars(svg: str) -> list[str]:
    """The aria-labels of the drawn marks (Vega labels each bar/point with its data)."""
    return re.findall(r'aria-label="([^"]*)" role="graphics-symbol"', svg)


def test_posts_per_hour_in_utc_and_in_the_organisers_zone() -> None:
    hours = _hours()
    utc, local = charts.hours_chart(hours, None), charts.hours_chart(hours, "America/New_York")
    assert utc is not None and local is not None
    assert [v["posts"] for v in utc["data"]["values"]] == [5, 0, 12, 3]
    assert [v["hour"] for v in local["data"]["values"]] == ["Fri 04:00", "Fri 05:00", "Fri 06:00", "Fri 07:00"]
    assert utc["data"]["values"][0]["hour"] == "Fri 22 Mar 08:00"
    svg = charts.svg(local)
    assert svg.startswith("<svg") and "Posts per hour (America/New_York)" in svg
    labels = _bars(svg)
    assert len(labels) == 4 and "posts: 12" in labels[2] and "Fri 06:00" in labels[2]


def test_languages_countries_growth_and_response_charts_draw_their_data() -> None:
    languages = charts.languages_chart([LanguageRow("en", "English", 30, 28), LanguageRow("und", "und", 0, 2),
                                        LanguageRow("sv", "Swedish", 4, 4)])
    countries = charts.countries_chart([CountryRow("GB", "United Kingdom", 2, 40), CountryRow("SE", "Sweden", 1, 4)])
    growth = charts.growth_chart([GrowthRow("x:gmpolice", 70, 1040, 970), GrowthRow("x:polisen", 500, 510, 10)])
    responses = charts.response_chart([60.0, 240.0, 600.0, 1800.0])
    assert languages and countries and growth and responses
    assert [v["language"] for v in languages["data"]["values"]] == ["English (en)", "Swedish (sv)"]
    drawn = {name: charts.svg(spec) for name, spec in
             (("languages", languages), ("countries", countries), ("growth", growth), ("responses", responses))}
    assert len(_bars(drawn["languages"])) == 2 and len(_bars(drawn["countries"])) == 2
    assert "United Kingdom" in drawn["countries"] and "x:gmpolice" in drawn["growth"]
    points = " | ".join(_bars(drawn["growth"]))
    assert re.search(r"last observation; followers: 1,?040; account: x:gmpolice", points), points
    histogram = _bars(drawn["responses"])
    assert [re.sub(r"^.*: ", "", b) for b in histogram] == ["1", "1", "1", "1"]
    assert "answer: 29 – 30;" in histogram[-1]  # 1,800 s falls in the 29–30 minute bin


def test_no_data_no_chart() -> None:
    assert charts.hours_chart((), None) is None
    assert charts.languages_chart([LanguageRow("und", "und", 3, 3)]) is None
    assert charts.countries_chart([]) is None and charts.growth_chart([]) is None
    assert charts.response_chart([]) is None


def test_chart_svg_is_inert_and_self_contained_even_with_hostile_names() -> None:
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    spec = charts.growth_chart([GrowthRow(hostile, 1, 2, 1)])
    assert spec is not None
    svg = charts.svg(spec)
    elements = list(ElementTree.fromstring(svg).iter())
    assert {e.tag.rsplit("}", 1)[-1] for e in elements}.isdisjoint({"script", "img", "foreignObject", "a"})
    assert not [name for e in elements for name in e.attrib if name.lower().startswith("on")]
    assert any((e.text or "").startswith("<script>alert(1)") for e in elements), "the name is shown as text"
    assert "&lt;script&gt;" in svg
    references = re.findall(r'(?:href|src)="([^"]*)"', svg)
    assert references == [], references
    assert set(re.findall(r"https?://[^\"' ]+", svg)) <= {"http://www.w3.org/2000/svg",
                                                         "http://www.w3.org/1999/xlink"}


def test_render_all_draws_every_spec_by_name() -> None:
    specs = {"a": charts.hours_chart(_hours(), None), "b": charts.response_chart([30.0])}
    drawn = charts.render_all({k: v for k, v in specs.items() if v is not None})
    assert set(drawn) == {"a", "b"} and all(s.startswith("<svg") for s in drawn.values())
