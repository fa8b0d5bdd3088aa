"""Language detection: entities stripped first, `und` when too short, stored once per post beside the tag."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from tweetathon.enrich.language import (
    COMMON_LANGUAGES,
    detect_and_store,
    detect_texts,
    language_set,
    prepare,
)
from tweetathon.model import Post
from tweetathon.store.schema import posts
from tweetathon.store.store import Store

T0 = datetime(2013, 3, 22, 9, tzinfo=UTC)
SETS = language_set(["en"])


def test_entities_are_stripped_and_short_texts_are_undetermined() -> None:
    assert prepare("@gmpolice #poltwt https://t.co/abc Bonjour") is None  # 7 letters left
    assert prepare("Bonjour à tous les agents #poltwt @gmpolice") == "Bonjour à tous les agents"
    # hashtags and mentions in English around a Spanish sentence do not make it English
    text = "#PoliceTweetathon @MetPoliceUK @GMPolice Buenos días, la policía está patrullando hoy el centro"
    assert detect_texts([text, "ok #poltwt"], SETS) == ["es", "und"]


def test_default_set_is_declared_plus_common_and_maps_legacy_tags() -> None:
    codes = language_set(["in", "iw", "cy", "und", "qme"])
    assert {"id", "he", "cy"} <= set(codes) and set(COMMON_LANGUAGES) <= set(codes)
    assert len(codes) == len(COMMON_LANGUAGES) + 1  # id and he are common already; cy is added
    assert len(language_set(all_languages=True)) == 75


def test_detected_once_stored_beside_platform_tag(store: Store) -> None:
    store.write_batch([
        Post("x", "1", T0, "1", "a", "Good morning from the city centre, officers are on patrol", lang="fr",
             source_format="test"),
        Post("x", "2", T0, "1", "a", "Guten Morgen aus der Innenstadt, heute sind wir unterwegs",
             source_format="test"),
        Post("x", "3", T0, "2", "b", "RT @a: Good morning from the city centre", kind="repost", source_format="test"),
    ])
    seen: list[tuple[int, int]] = []
    first = detect_and_store(store, progress=lambda done, total: seen.append((done, total)))
    again = detect_and_store(store)
    with store.engine.connect() as conn:
        rows = dict(conn.execute(select(posts.c.post_id, posts.c.lang_detected)).all())
        declared = conn.execute(select(posts.c.lang).where(posts.c.post_id == "1")).scalar()
    assert rows == {"1": "en", "2": "de", "3": None}  # reposts carry someone else's words: not detected
    assert declared == "fr"  # the platform's tag is kept beside, untouched
    assert (first.detected, again.detected) == (2, 0)
    assert seen[-1] == (2, 2)
    assert detect_and_store(store, [("x", "2")], redo=True).detected == 1


def test_given_posts_of_several_platforms_are_told_apart(store: Store) -> None:
    # The same id on two platforms: only the asked (platform, id) pairs are detected, each with its own text.
    store.write_batch([
        Post("x", "7", T0, "1", "a", "Guten Morgen aus der Innenstadt, heute sind wir unterwegs", source_format="test"),
        Post("mastodon", "7", T0, "1", "a", "Buenos días desde el centro, hoy estamos de patrulla",
             source_format="test"),
        Post("mastodon", "8", T0, "1", "a", "Bonjour du centre-ville, nous sommes en patrouille aujourd'hui",
             source_format="test"),
    ])
    done = detect_and_store(store, [("mastodon", "7"), ("x", "7"), ("bluesky", "7")])
    with store.engine.connect() as conn:
        rows = {(p, i): lang for p, i, lang in conn.execute(
            select(posts.c.platform, posts.c.post_id, posts.c.lang_detected))}
    assert done.detected == 2
    assert rows == {("x", "7"): "de", ("mastodon", "7"): "es", ("mastodon", "8"): None}
