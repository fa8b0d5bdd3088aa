"""Purpose and themes of texts: the model's answer, with the seed rules' themes and the event's own themes added.

A theme is kept with why: `keyword "missing"` (a seed or event rule), `model: terms a, b, c` (the model's top
terms), or `like example "..."` (an event theme's example, TF-IDF cosine similarity >= EXAMPLE_SIMILARITY).
Rules only add themes; the purpose is the model's, whose features include the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from tweetathon.enrich.themes import rules
from tweetathon.enrich.themes.catalog import Theme
from tweetathon.enrich.themes.model import Scored, ThemesModel, predict

EXAMPLE_SIMILARITY = 0.35


@dataclass(frozen=True, slots=True)
class ThemeLabel:
    """A theme given to a post, and why."""

    theme: str
    why: str


@dataclass(frozen=True, slots=True)
class Classification:
    """The purpose of a post (None when the model has no purpose part), why, and its themes."""

    purpose: str | None
    purpose_why: str
    themes: tuple[ThemeLabel, ...]

    def theme_ids(self) -> list[str]:
        return [t.theme for t in self.themes]


def _terms(terms: Sequence[str]) -> str:
    return "model: terms " + ", ".join(terms) if terms else "model"


def _unit_rows(x: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ x)


def _example_themes(model: ThemesModel, texts: Sequence[str], themes: Sequence[Theme]) -> list[dict[str, str]]:
    """Per text: event theme id -> the most similar example at or above EXAMPLE_SIMILARITY."""
    found: list[dict[str, str]] = [{} for _ in texts]
    pairs = [(t.id, e) for t in themes for e in t.examples]
    if not pairs or not texts:
        return found
    x, ex = (_unit_rows(sparse.hstack([v.transform(s) for v in model.vectorisers]).tocsr())
             for s in (texts, [e for _, e in pairs]))
    similarity = (x @ ex.T).toarray()
    for i, row in enumerate(similarity):
        for j in np.argsort(-row, kind="stable"):
            if row[j] >= EXAMPLE_SIMILARITY:
                found[i].setdefault(pairs[j][0], pairs[j][1][:60])
    return found


def _combine(scored: Scored, ruled: dict[str, str], event: dict[str, str], examples: dict[str, str]) -> Classification:
    labels: dict[str, str] = {theme: f'keyword "{kw}"' for theme, kw in {**ruled, **event}.items()}
    for theme, example in examples.items():
        labels.setdefault(theme, f'like example "{example}"')
    for theme, terms in scored.themes:
        labels.setdefault(theme, _terms(terms))
    return Classification(scored.purpose, _terms(scored.purpose_terms) if scored.purpose else "",
                          tuple(ThemeLabel(t, why) for t, why in sorted(labels.items())))


def classify(texts: Sequence[str], model: ThemesModel, event_themes: Sequence[Theme] = ()) -> list[Classification]:
    """The purpose and themes of each text, each with why."""
    scored = predict(model, texts)
    examples = _example_themes(model, texts, event_themes)
    return [_combine(s, rules.matches(t), rules.matches(t, event_themes), e)
            for s, t, e in zip(scored, texts, examples, strict=True)]
