"""The public pages over the scenario store (SQLite and PostgreSQL): what a visitor reads, counted from the
scenario's construction, not from the code under test."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.web import scenario


class Text(HTMLParser):
    """The visible text of a page and its table rows (cells joined by ' | ')."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.rows: list[str] = []
        self._row: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "svg"):
            self._skip += 1
        if tag == "tr":
            self._row = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "svg"):
            self._skip -= 1
        if tag == "tr" and self._row is not None:
            self.rows.append(" | ".join(c.strip() for c in self._row if c.strip()))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.parts.append(data)
        if self._row is not None:
            self._row.append(data)

    @classmethod
    def of(cls, html: str) -> Text:
        reader = cls()
        reader.feed(html)
        return reader

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


APPROVED = [p for p in scenario.participants() if p.status == "approved"]


def test_index_lists_each_event_under_its_phase(client: TestClient) -> None:
    page = Text.of(client.get("/").text).text
    assert "Past" in page
    assert scenario.TWEETATHON.name in page and scenario.CHAT.name in page
    assert page.index("Past") < page.index(scenario.TWEETATHON.name)


def test_event_page_shows_rule_schedule_and_official_list(client: TestClient) -> None:
    response = client.get("/events/poltwt")
    assert response.status_code == 200
    page = Text.of(response.text)
    assert "08:00 local for 24h on 2024-03-22" in page.text
    agencies = [row for row in page.rows if "@is_police" in row or "@ke_" in row]
    assert len(agencies) == len(APPROVED)  # the pending registration is not listed
    assert "Pending Agency" not in page.text and "pending_one" not in page.text
    assert f"{len(APPROVED)} approved participants in 2 countries" in page.text


def test_schedule_is_shown_in_the_zone_asked_for(client: TestClient) -> None:
    # Reykjavík starts at 08:00 GMT (UTC+0); in Nairobi 08:00 EAT is 05:00 UTC. In Tokyo (UTC+9): 17:00 and 14:00.
    page = Text.of(client.get("/events/poltwt", params={"zone": "Asia/Tokyo"}).text)
    starts = [row.split(" | ")[0] for row in page.rows if "Police" in row and "Mar 2024" in row]
    assert starts == ["Fri 22 Mar 2024, 14:00 JST", "Fri 22 Mar 2024, 17:00 JST"]
    wrong = Text.of(client.get("/events/poltwt", params={"zone": "Mars/Olympus"}).text).text
    assert "unknown time zone 'Mars/Olympus'" in wrong and "Times are shown in Europe/London" in wrong


def test_official_list_csv_has_the_approved_participants(client: TestClient) -> None:
    response = client.get("/events/poltwt/list.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(r["handle"] for r in rows) == sorted(p.handle for p in APPROVED)
    hostile = next(r for r in rows if r["handle"] == "ke_hostile")
    assert hostile["agency"] == scenario.HOSTILE[0]  # data, kept as typed: CSV is not HTML


def test_calendar_feed_of_the_series_and_of_the_tweetathon(client: TestClient) -> None:
    series = Calendar.from_ical(client.get("/events/polchat/calendar.ics").content)
    first = next(iter(series.walk("VEVENT")))
    assert str(first["summary"]).startswith("#polchat: Safety")
    assert first.decoded("dtstart").isoformat().startswith("2024-01-04T13:00:00")
    single = Calendar.from_ical(client.get("/events/poltwt/calendar.ics").content)
    events = list(single.walk("VEVENT"))
    assert len(events) == 1  # the whole follow-the-sun window: Nairobi's 05:00 UTC start to Reykjavík's end
    assert events[0].decoded("dtstart").astimezone().isoformat().startswith("2024-03-22")


def test_participants_geojson_holds_public_fields_of_approved_only(client: TestClient) -> None:
    features = client.get("/events/poltwt/participants.geojson").json()["features"]
    assert len(features) == len(APPROVED)
    at_reykjavik = [f for f in features if f["geometry"]["coordinates"] == [scenario.REYKJAVIK[1],
                                                                           scenario.REYKJAVIK[0]]]
    assert len(at_reykjavik) == scenario.AT_REYKJAVIK
    assert all("address" not in f["properties"] and "status" not in f["properties"] for f in features)


def test_map_filters_by_role_and_country_without_javascript(client: TestClient) -> None:
    officers = Text.of(client.get("/events/poltwt/map", params={"role": "officer"}).text)
    expected = sum(1 for p in APPROVED if p.role == "officer")
    assert f"{expected} participants shown." in officers.text
    kenya = Text.of(client.get("/events/poltwt/map", params={"country": "KE"}).text)
    assert f"{scenario.AT_NAIROBI} participants shown." in kenya.text


def test_chat_page_shows_the_plan_and_links_the_finished_sessions_transcript(client: TestClient) -> None:
    page = client.get("/events/polchat").text
    assert "/events/polchat/transcripts/2024-01-04" in page
    assert "Q1 What works?" in Text.of(page).text
    transcript = client.get("/events/polchat/transcripts/2024-01-04")
    assert transcript.status_code == 200
    assert "script-src 'none'" in transcript.headers["content-security-policy"]
    assert "A1" in Text.of(transcript.text).text


def test_report_is_served_after_the_event(client: TestClient) -> None:
    report = client.get("/events/poltwt/report")
    assert report.status_code == 200
    assert "script-src 'none'" in report.headers["content-security-policy"]
    assert "<script" not in report.text.lower()


def test_unknown_pages_are_404_pages_not_tracebacks(client: TestClient) -> None:
    for path in ("/events/nope", "/events/nope/map", "/events/polchat/transcripts/2024-01-11", "/nothing"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Traceback" not in response.text and "<h1>Not found</h1>" in response.text


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/events/poltwt", "/events/poltwt/list.csv", "/api/v1/events", "/static/app.css", "/nothing"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert "unsafe-inline" not in headers["content-security-policy"].split("script-src")[1].split(";")[0]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
