"""Bluesky facets point at the right bytes of the UTF-8 text, whatever comes before them; record keys (TIDs)
derived from an outbox row are valid, stable and in time order."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tweetathon.feed.publish.richtext import facets, tid

DIDS = {"gmp.bsky.social": "did:plc:gmp", "partner.test": "did:plc:partner"}


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="#@h"), max_size=40),
       st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="#@h"), max_size=40))
def test_each_facet_covers_exactly_its_hashtag_mention_or_link(before: str, between: str) -> None:
    text = f"{before} #gmp24 {between} @partner.test https://www.gmp.police.uk/news {between} #StaySafe"
    found = facets(text, DIDS.get)
    raw = text.encode()
    covered = [raw[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode() for f in found]
    features = [f["features"][0] for f in found]
    expected = [w for w in re.findall(r"#gmp24|@partner\.test|https://www\.gmp\.police\.uk/news|#StaySafe", text)]
    assert covered[-4:] == expected[-4:]
    assert features[-1] == {"$type": "app.bsky.richtext.facet#tag", "tag": "StaySafe"}
    assert {"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:partner"} in features


def test_an_unknown_handle_gets_no_mention_facet() -> None:
    assert facets("thanks @someone.example", DIDS.get) == []


def test_record_keys_are_13_characters_stable_and_in_time_order() -> None:
    at = datetime(2026, 11, 30, 8, 0, 0, 123456, tzinfo=UTC)
    keys = [tid(at + timedelta(microseconds=i), 7) for i in range(3)]
    assert keys == sorted(keys) and len(set(keys)) == 3
    assert tid(at, 7) == tid(at, 7) != tid(at, 8)
    assert all(re.fullmatch(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}", k) for k in keys)
