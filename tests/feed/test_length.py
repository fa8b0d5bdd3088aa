"""Lengths as each platform counts them, on known cases (twitter-text's v3 conformance examples, Mastodon's
grapheme count, Bluesky's 300 graphemes), and threads that fit."""

from __future__ import annotations

import pytest

from tweetathon.feed.length import (
    bluesky_length,
    fits_all,
    graphemes,
    mastodon_length,
    measure,
    split_thread,
    x_length,
)


@pytest.mark.parametrize(("text", "weighted"), [
    ("a" * 280, 280),                      # Latin: 1 each
    ("あ" * 140, 280),                     # CJK: 2 each (outside the config's weight-100 ranges)
    ("あ" * 141, 282),
    ("한국어", 6),                          # Hangul: 2 each
    ("Привет", 6),                          # Cyrillic: within 0-4351, 1 each
    ("😀", 2),                             # one emoji: 2
    ("👨‍👩‍👧‍👦", 2),                        # a ZWJ family sequence is one emoji: 2, not 7 code points
    ("👍🏽", 2),                             # emoji with a skin tone modifier
    ("🇬🇧", 2),                             # a flag (two regional indicators)
    ("1️⃣", 2),                              # keycap
    ("\u2018quoted\u2019", 8),             # U+2018/2019 are in the 8208-8223 range: 1 each
    ("…", 2),                              # U+2026 is in no range: 2
    ("e\u0301", 1),                         # NFC first: e + combining acute becomes é
    ("https://www.example.com/" + "x" * 100, 23),  # any URL counts 23
    ("Read gmp.police.uk now", 9 + 23),    # a URL without scheme too
])
def test_x_weighted_length_follows_twitter_text_v3(text: str, weighted: int) -> None:
    assert x_length(text) == weighted


def test_x_limit_is_280_weighted() -> None:
    assert measure("あ" * 140, "x").fits
    assert not measure("あ" * 141, "x").fits


def test_mastodon_counts_graphemes_urls_as_23_and_remote_mentions_without_domain() -> None:
    assert mastodon_length("👨‍👩‍👧‍👦") == 1
    assert mastodon_length("see https://example.com/" + "a" * 200) == 4 + 23
    assert mastodon_length("@bob@police.example hi") == len("@bob hi")
    assert mastodon_length("gmp.police.uk") == len("gmp.police.uk")  # only http(s) links are shortened
    assert not measure("a" * 501, "mastodon").fits
    assert measure("a" * 501, "mastodon", mastodon_limit=1000).fits


def test_bluesky_counts_grapheme_clusters_against_300() -> None:
    assert graphemes("e\u0301🇬🇧👍🏽") == 3
    assert bluesky_length("https://example.com/" + "a" * 30) == 50  # links are not shortened in the record
    assert measure("🇬🇧" * 300, "bluesky").fits
    assert not measure("a" * 301, "bluesky").fits


def test_a_long_post_is_offered_as_a_thread_whose_parts_all_fit() -> None:
    words = [f"word{i}" for i in range(120)]
    text = "#gmp24 7: " + " ".join(words)
    assert not fits_all(text, ["x", "bluesky"])
    parts = split_thread(text, ["x", "mastodon", "bluesky"])
    assert len(text) > 3 * (280 - len(" (1/3)"))  # three parts cannot hold it: four are needed
    assert len(parts) == 4
    assert all(fits_all(p, ["x", "mastodon", "bluesky"]) for p in parts)
    assert [p.rsplit(" ", 1)[1] for p in parts] == ["(1/4)", "(2/4)", "(3/4)", "(4/4)"]
    assert " ".join(p.rsplit(" ", 1)[0] for p in parts) == text  # every word, in order, none cut


def test_a_post_that_fits_stays_one_post() -> None:
    assert split_thread("#gmp24 1: short", ["x"]) == ["#gmp24 1: short"]
