"""The report's "What was said" part: posts by purpose and theme with examples, residents' feedback with its
sample, and translations of the top posts. It shows what `tweetathon themes apply`, `feedback` and `translate`
stored (nothing is computed here that they did not store); it is left out when none of them ran.

The public's posts (the feedback sample) are shown under the event's pseudonym for their author, and every
`@mention` of the public in any example is pseudonymised (`privacy.pseudonyms`), unless the event names the
public (docs/privacy.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tweetathon.analysis import feedback
from tweetathon.analysis.scope import Scope
from tweetathon.analysis.themes import participant_rows, purposes_and_themes, theme_examples
from tweetathon.enrich.sentiment import read_sentiments
from tweetathon.enrich.themes.catalog import theme_names
from tweetathon.enrich.themes.stored import read_themes
from tweetathon.enrich.translate.stored import read_translations
from tweetathon.privacy.pseudonyms import Pseudonymiser
from tweetathon.store.event_data import texts_of
from tweetathon.store.store import Store

Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Example:
    """A post shown as an example: its text and why it is there (or who wrote it, for the public's)."""

    text: str
    why: str


@dataclass(frozen=True, slots=True)
class ContentSection:
    themes: Mapping[str, Any] | None
    theme_names: Mapping[str, str]
    examples: Mapping[str, tuple[Example, ...]]
    feedback: Mapping[str, Any] | None
    sample: Mapping[str, tuple[Example, ...]]
    for_review: int
    translations: Mapping[Key, tuple[str, str]]


def _themes(store: Store, scope: Scope, names: Pseudonymiser) -> tuple[Mapping[str, Any] | None,
                                                                       dict[str, tuple[Example, ...]]]:
    keys = [r.key for r in participant_rows(scope.event_posts, scope.index)]
    with store.engine.connect() as conn:
        labels = read_themes(conn, keys)
        if not labels:
            return None, {}
        chosen = theme_examples(scope.event_posts, scope.index, labels)
        texts = texts_of(conn, [k for pairs in chosen.values() for k, _ in pairs])
    examples = {t: tuple(Example(names.text(k[0], texts.get(k, "")), why) for k, why in pairs)
                for t, pairs in chosen.items()}
    return purposes_and_themes(scope.event_posts, scope.index, labels), examples


def _feedback(store: Store, scope: Scope, names: Pseudonymiser) -> tuple[Mapping[str, Any] | None,
                                                                         dict[str, tuple[Example, ...]], int]:
    items = feedback.public_feedback(scope)
    rows = {row.key: row for row, _ in items}
    with store.engine.connect() as conn:
        found = read_sentiments(conn, [row.key for row, _ in items])
        if not found:
            return None, {}, 0
        chosen = feedback.feedback_sample(items, found)
        texts = texts_of(conn, [k for keys in chosen.values() for k in keys])
    sample = {label: tuple(Example(names.text(k[0], texts.get(k, "")),
                                   names.shown(k[0], rows[k].author_id, rows[k].author_handle)) for k in keys)
              for label, keys in chosen.items()}
    return feedback.feedback_shares(items, found), sample, len(feedback.abusive_for_review(items, found))


def content_section(store: Store, scope: Scope, top_keys: Sequence[Key],
                    names: Pseudonymiser) -> ContentSection | None:
    """What was said, from what was stored; None when neither themes, feedback nor translations were stored.
    `names` pseudonymises the public as the event's privacy setting says."""
    themes, examples = _themes(store, scope, names)
    shares, sample, review = _feedback(store, scope, names)
    with store.engine.connect() as conn:
        translations = read_translations(conn, top_keys, "en")
    if themes is None and shares is None and not translations:
        return None
    return ContentSection(themes, theme_names(), examples, shares, sample, review, translations)
