"""Residents' feedback: the sentiment of the public's replies and mentions, its coverage, a fixed-seed sample of
both sides, and abusive replies flagged (not hidden)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import orjson
import pytest
from typer.testing import CliRunner

from tweetathon.cli import app
from tweetathon.enrich.sentiment import score
from tweetathon.model import Event, Participant, Post
from tweetathon.store.organise import create_event, save_participants
from tweetathon.store.store import Store

T0 = datetime(2013, 3, 22, 9, tzinfo=UTC)
runner = CliRunner()
REPLIES = [  # (text, lang, expected label, abusive)
    ("Thank you so much, brilliant work by the officers today!", "en", "positive", False),
    ("What a lovely dog, great to see him out and about", "en", "positive", False),
    ("Fantastic response, really helpful and kind team", "en", "positive", False),
    ("This is terrible, nobody came when we called and we were scared", "en", "negative", False),
    ("You lot are useless pigs", "en", "negative", True),
    ("The meeting is on Tuesday at the library", "en", "neutral", False),
    ("Muchas gracias por vuestro trabajo, agentes", "es", "not_scored", False),
    ("Obrigado por tudo, os agentes foram muito simpáticos", "pt", "positive", False),
]


def test_vader_and_leia_label_english_and_portuguese_and_say_not_scored_elsewhere() -> None:
    for text, lang, label, abusive in REPLIES:
        found = score(text, lang)
        assert (found.label, found.abusive) == (label, abusive), text
    assert score("Great work", "fr").score is None


def _event(store: Store) -> None:
    create_event(store, Event("poltwt", "#poltwt", ("poltwt",), start=T0, end=T0 + timedelta(hours=12)))
    save_participants(store, "poltwt", [(Participant("poltwt", "x", "gmp", country="GB", status="approved",
                                                     account_id="100"), "")])
    posts = [Post("x", "1", T0, "100", "gmp", "Out on patrol today #poltwt", hashtags=("poltwt",),
                  source_format="test")]
    for n, (text, lang, _, _) in enumerate(REPLIES):
        posts.append(Post("x", f"r{n}", T0 + timedelta(minutes=10 + 40 * n), f"u{n}", f"user{n}",
                          f"@gmp {text} #poltwt", kind="reply", lang=lang, in_reply_to_post_id="1",
                          in_reply_to_author_id="100", mentions=("gmp",), hashtags=("poltwt",),
                          source_format="test"))
    store.write_batch(posts)


@pytest.mark.postgres
def test_feedback_shares_sample_and_review(store: Store, db_url: str) -> None:
    _event(store)
    result = runner.invoke(app, ["feedback", "--event", "poltwt", "--db", db_url, "--json", "--sample", "2"])
    assert result.exit_code == 0, result.output
    out = orjson.loads(result.stdout)
    shares = out["feedback"]
    assert (shares["posts"], shares["positive"], shares["negative"], shares["neutral"], shares["not_scored"]) == (
        8, 4, 2, 1, 1)
    assert shares["coverage"] == round(7 / 8, 4) and shares["shares_of_scored"]["positive"] == round(4 / 7, 4)
    assert shares["per_participant"]["x:gmp"]["posts"] == 8
    assert sum(h["posts"] for h in shares["per_hour"].values()) == 8 and len(shares["per_hour"]) == 5  # 09-13 UTC
    assert len(out["sample"]["positive"]) == 2 and len(out["sample"]["negative"]) == 2  # both sides shown
    again = orjson.loads(runner.invoke(app, ["feedback", "--event", "poltwt", "--db", db_url, "--json",
                                             "--sample", "2"]).stdout)
    assert again["sample"] == out["sample"]  # fixed seed: the same sample every time
    assert out["for_review"] == [{"platform": "x", "post_id": "r4", "word": "useless"}]
