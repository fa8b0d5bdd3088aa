"""The stored documents served as pages: the impact report and a chat session's transcript, each one
self-contained HTML file made by reports/ (no script; served under `csp.DOCUMENT_POLICY`).

Both are shown once the event (or the session) is over. Transcripts show members of the public under their
stable pseudonyms (the key of `reports.transcript_source.default_key_path`); registered participants and the
host keep their handles.
"""

from __future__ import annotations

from datetime import datetime

from tweetathon.organise.phase import has_ended
from tweetathon.reports.charts import warm_up
from tweetathon.reports.impact import build_report, with_charts
from tweetathon.reports.render_impact import render_html
from tweetathon.reports.render_transcript import render_html as render_transcript
from tweetathon.reports.transcript import build_transcript
from tweetathon.reports.transcript_source import read_pseudonym_key, transcript_input
from tweetathon.store.store import Store
from tweetathon.web import pages


class NotYet(LookupError):
    """The document exists only after the event: the route answers 404 with this message."""


def report_html(store: Store, slug: str, now: datetime) -> str:
    event = pages.load_event(store, slug)
    if not has_ended(event, pages.zones_of(pages.approved(store, slug)), now):
        raise NotYet(f"The report of {event.name} is published after the event.")
    warm_up()
    return render_html(with_charts(build_report(store, slug)))


def transcript_html(store: Store, slug: str, day: str, now: datetime) -> str:
    event = pages.load_event(store, slug)
    window, plan = pages.session_window(store, event, day)
    if now < window.end:
        raise NotYet(f"The transcript of the {day} session is published once the session is over.")
    key, _created = read_pseudonym_key()
    data = transcript_input(store, event, window, event.zone, plan, key=key)
    return render_transcript(build_transcript(data))
