"""Text helpers: what a reader would call the hashtags, mentions and links of a post, and HTML to text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tweetathon.enrich.text import extract_hashtags, extract_mentions, extract_urls, html_to_text, strip_entities


def test_hashtags_are_lower_case_distinct_and_unicode() -> None:
    assert extract_hashtags("#PolTwt und #poltwt, #Polizei_NRW #2013 &#39; #café") == ("poltwt", "polizei_nrw",
                                                                                        "café")


def test_mentions_of_every_platform_shape() -> None:
    text = "@gmp.bsky.social hello @GMPolice. and @bob@mastodon.social, mail a@b.com @x_y"
    assert extract_mentions(text) == ("gmp.bsky.social", "gmpolice", "bob@mastodon.social", "x_y")


def test_urls_lose_trailing_punctuation() -> None:
    assert extract_urls("see https://police.uk/a?b=1). and http://x.org/…") == ("https://police.uk/a?b=1",
                                                                             "http://x.org/")


def test_strip_entities_leaves_the_words() -> None:
    assert strip_entities("RT @gmp: Bike stolen in #Salford https://t.co/x today") == "Bike stolen in today"


def test_mastodon_html_becomes_readable_text() -> None:
    html = ('<p>Patrol <a href="https://x.social/tags/poltwt" class="mention hashtag">#<span>poltwt</span></a>'
            '<br>Line two &amp; more</p><p>Second <script>alert(1)</script>para</p>')
    assert html_to_text(html) == "Patrol #poltwt\nLine two & more\n\nSecond para"


@given(st.text())
def test_helpers_never_raise(text: str) -> None:
    extract_hashtags(text)
    extract_mentions(text)
    extract_urls(text)
    strip_entities(text)
    html_to_text(text)
