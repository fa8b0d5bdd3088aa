"""End to end: the simulated #poltwt's purposes, themes and residents' feedback against the simulator's truth
(`truth.json` `content`, counted from the simulator's plan: which template each post used).

Purposes and themes are compared over the participants' posts in the languages the shipped labelled set covers
(en, es, fr, de, nl): each share within PURPOSE_TOLERANCE, the held-out accuracy's error margin (purpose
macro-F1 0.89). Feedback sentiment over the English and Portuguese replies and mentions (the languages with a
method: VADER, LeIA): the negative share within 0.05; positive and neutral within 0.2, because VADER reads one of
the two English question templates ("Can anyone join the police as a volunteer, and what training would I need to
do?", compound 0.30) as positive where the plan says neutral, a known disagreement of about a fifth of the
English feedback. The other languages must all be "not scored".
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import orjson
from typer.testing import CliRunner

from tests.analysis.test_simulated_truth import cli
from tweetathon import analysis
from tweetathon.enrich.themes.stored import read_themes
from tweetathon.store.store import Store

COVERED = ("en", "es", "fr", "de", "nl")
SCORED = ("en", "pt")
PURPOSE_TOLERANCE = 0.13
SENTIMENT_TOLERANCE = {"negative": 0.05, "positive": 0.2, "neutral": 0.2}


def _simulate(tmp_path: Path) -> tuple[dict[str, Any], Path, dict[str, Any]]:
    runner, out, db = CliRunner(), tmp_path / "sim", tmp_path / "t.db"
    cli(runner, db, "simulate", "tweetathon", "--out", str(out), "--posts", "4000", "--seed", "5")
    cli(runner, db, "event", "create", "--from", str(out / "event.json"))
    cli(runner, db, "participants", "import", str(out / "participants.csv"), "--event", "poltwt")
    cli(runner, db, "participants", "approve", "--all", "--event", "poltwt")
    cli(runner, db, "import", str(out / "data"))
    cli(runner, db, "themes", "apply", "--event", "poltwt")
    feedback = orjson.loads(cli(runner, db, "feedback", "--event", "poltwt", "--json"))
    return orjson.loads((out / "truth.json").read_bytes())["content"], db, feedback


def _found_shares(db: Path) -> tuple[int, Counter[str], Counter[str]]:
    store = Store.open(str(db))
    try:
        scope = analysis.event_scope(store, "poltwt")
        rows = [r for r in scope.event_posts if r.kind != "repost" and scope.index.of_post(r) is not None
                and (r.lang or "") in COVERED]
        with store.engine.connect() as conn:
            stored = read_themes(conn, [r.key for r in rows])
    finally:
        store.close()
    purposes = Counter(stored[r.key].purpose or "" for r in rows)
    themes = Counter(t.theme for r in rows for t in stored[r.key].themes)
    return len(rows), purposes, themes


def _truth_shares(truth: dict[str, Any], part: str) -> tuple[int, Counter[str]]:
    total = sum(truth["participant_posts"].get(lang, 0) for lang in COVERED)
    counts: Counter[str] = Counter()
    for lang in COVERED:
        counts.update(truth[part].get(lang, {}))
    return total, counts


def test_simulated_purposes_themes_and_feedback_match_truth(tmp_path: Path) -> None:
    truth, db, feedback = _simulate(tmp_path)
    total, purposes, themes = _found_shares(db)
    want_total, want_purposes = _truth_shares(truth, "purposes")
    _, want_themes = _truth_shares(truth, "themes")
    assert abs(total - want_total) <= 0.1 * want_total  # Mastodon posts without a declared tag are left out
    for purpose in ("inform", "engage", "appeal"):
        assert abs(purposes[purpose] / total - want_purposes[purpose] / want_total) <= PURPOSE_TOLERANCE, purpose
    for theme, n in want_themes.items():
        assert abs(themes[theme] / total - n / want_total) <= PURPOSE_TOLERANCE, theme
    english: Counter[str] = Counter()
    for lang in SCORED:
        english.update(truth["feedback_sentiment"].get(lang, {}))
    want_english = sum(english.values())
    found = feedback["feedback"]
    scored = found["posts"] - found["not_scored"]
    assert abs(scored - want_english) <= 0.1 * want_english
    for label in ("positive", "negative", "neutral"):
        assert abs(found[label] / scored - english.get(label, 0) / want_english) <= SENTIMENT_TOLERANCE[label], label
    others = sum(n for lang, counts in truth["feedback_sentiment"].items() if lang not in SCORED
                 for n in counts.values())
    assert abs(found["not_scored"] - others) <= 0.1 * max(others, 1)
