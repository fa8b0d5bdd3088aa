"""Language detection with lingua: once per post, stored in `posts.lang_detected` beside the platform's tag.

URLs, @mentions and #hashtags are removed first (left in, they cost lingua a lot of accuracy on tweet-like
text); a text with fewer than `MIN_LETTERS` letters left is `und`. Codes are ISO 639-1, lower-case, like the
platforms' own tags. The language set is configurable: by default the languages declared in the data plus the
30 most common ones (`COMMON_LANGUAGES`); `all_languages=True` uses all 75 of lingua's. Building a detector is
slow, so detectors are cached per language set. Detection of a batch runs on every core
(`detect_languages_in_parallel_of`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder
from sqlalchemy import Connection, and_, bindparam, select, true, update

from tweetathon.enrich.text import strip_entities
from tweetathon.store.event_data import by_platform, texts_of
from tweetathon.store.schema import posts
from tweetathon.store.store import Store

UNDETERMINED = "und"
MIN_LETTERS = 10
BATCH = 2000

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


@dataclass(frozen=True, slots=True)
class DetectionSummary:
    """What a detection run did: posts detected, and the language set used."""

    detected: int
    languages: tuple[str, ...]


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


def _texts(conn: Connection, keys: Sequence[tuple[str, str]]) -> list[str]:
    found = texts_of(conn, keys)
    return [found.get(k, "") for k in keys]


def _store(conn: Connection, keys: Sequence[tuple[str, str]], codes: Sequence[str]) -> None:
    stmt = (update(posts).where(posts.c.platform == bindparam("k_platform"),
                                posts.c.post_id == bindparam("k_post_id"))
            .values(lang_detected=bindparam("code")))
    conn.execute(stmt, [{"k_platform": p, "k_post_id": i, "code": c} for (p, i), c in zip(keys, codes, strict=True)])


def detect_and_store(store: Store, keys: Sequence[tuple[str, str]] | None = None, *, redo: bool = False,
                     all_languages: bool = False, low_accuracy: bool = False,
                     progress: ProgressCallback | None = None) -> DetectionSummary:
    """Detect the language of collected posts (all, or `keys`) that have none yet (all of them with `redo`),
    reposts excepted, and store it in `posts.lang_detected`, one transaction per batch of BATCH posts."""
    with store.engine.connect() as conn:
        pending = _pending(conn, keys, redo)
        codes = language_set(declared_languages(conn), all_languages)
    if progress:
        progress(0, len(pending))
    for start in range(0, len(pending), BATCH):
        batch = pending[start:start + BATCH]
        with store.engine.connect() as conn:
            texts = _texts(conn, batch)
        found = detect_texts(texts, codes, low_accuracy)
        with store.engine.begin() as conn:
            _store(conn, batch, found)
        if progress:
            progress(min(start + BATCH, len(pending)), len(pending))
    return DetectionSummary(len(pending), codes)
