"""The accuracy test of issue 12: on the held-out part of the labelled set (never tuned on), the checker reaches
recall >= 0.95 on posts with personal data, precision >= 0.90 and span recall >= 0.90."""

from __future__ import annotations

from collections import Counter

from tests.privacy.labelled import LABEL, load, parse_post
from tests.privacy.scoring import score
from tweetathon.privacy.pii import TYPES, check


def test_the_set_is_large_multilingual_and_labelled_with_exact_spans() -> None:
    dev, heldout = load("dev"), load("heldout")
    posts = dev + heldout
    assert len(posts) >= 300 and len(heldout) >= 150
    assert {p.id for p in dev}.isdisjoint({p.id for p in heldout})
    assert set(Counter(p.lang for p in posts)) == {"en", "nl", "es", "fr", "de"}
    assert sum(not p.labels for p in heldout) >= 50  # hard negatives: posts with nothing to find
    assert {label.type for p in posts for label in p.labels} <= set(TYPES)
    for post in posts:
        assert "«" not in post.text and "»" not in post.text
        assert all(post.text[label.start:label.end].strip() == post.text[label.start:label.end] for label in
                   post.labels)


def test_parse_post_gives_the_exact_span_of_each_label() -> None:
    text, labels = parse_post("Caller «name:Sarah Jones», «age:34», on «phone:07700 900123».")
    assert text == "Caller Sarah Jones, 34, on 07700 900123."
    assert [(label.type, text[label.start:label.end]) for label in labels] == [
        ("name", "Sarah Jones"), ("age", "34"), ("phone", "07700 900123")]
    assert not LABEL.search(text)


def test_held_out_accuracy_meets_the_targets() -> None:
    result = score(load("heldout"), lambda post: check(post.text, lang=post.lang))
    assert result.post_recall >= 0.95, result.misses
    assert result.post_precision >= 0.90, result.false
    assert result.span_recall() >= 0.90, result.misses


def test_scoring_counts_a_checker_that_finds_nothing_as_zero_recall() -> None:
    result = score(load("heldout"), lambda post: [])
    assert result.post_recall == 0.0 and result.span_recall() == 0.0
    assert result.posts_with_pii == sum(bool(p.labels) for p in load("heldout"))
