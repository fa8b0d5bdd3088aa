"""The stored documents served as pages: the impact report and a chat session's transcript, each one
self-contained HTML file made by reports/ (no script; served under `csp.DOCUMENT_POLICY`).

Both are public once an organiser publishes them (`organise.publishing`); a transcript also needs its session
to be over. Transcripts follow the event's privacy setting
(`tweetathon event set`): by default members of the public appear under the event's stable pseudonyms;
registered participants and the host keep their handles.
"""

from __future__ import annotations

from datetime import datetime

from tweetathon.organise.publishing import is_published
from tweetathon.reports.charts import warm_up
from tweetathon.reports.impact import build_report, with_charts
from tweetathon.reports.render_impact import render_html
from tweetathon.reports.render_transcript import render_html as render_transcript
from tweetathon.reports.transcript import build_transcript
from tweetathon.reports.transcript_source import transcript_input
from tweetathon.store.privacy import pseudonymiser
from tweetathon.store.store import Store
from tweetathon.web import pages


class NotYet(LookupError):
    """The document exists only after the event: the route answers 404 with this message."""


def build_report_html(store: Store, slug: str) -> str:
    """The impact report of `slug` as it stands now (what `tweetathon report` writes)."""
    pages.load_event(store, slug)
    warm_up()
    return render_html(with_charts(build_report(store, slug)))


def report_html(store: Store, slug: str) -> str:
    """The public report: only once an organiser has published it."""
    event = pages.load_event(store, slug)
    if not is_published(store, slug, "report"):
        raise NotYet(f"The report of {event.name} is not published yet.")
    return build_report_html(store, slug)


def transcript_html(store: Store, slug: str, day: str, now: datetime) -> str:
    event = pages.load_event(store, slug)
    window, plan = pages.session_window(store, event, day)
    if not is_published(store, slug, "transcripts"):
        raise NotYet(f"The transcripts of {event.name} are not published yet.")
    if now < window.end:
        raise NotYet(f"The transcript of the {day} session is published once the session is over.")
    data = transcript_input(store, event, window, event.zone, plan, names=pseudonymiser(store, slug))
    return render_transcript(build_transcript(data))
