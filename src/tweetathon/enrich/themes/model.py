"""The purpose and themes model: TF-IDF over word (1-2) and character (2-5, within words) n-grams plus one
feature per built-in theme's seed rule (scaled by RULE_WEIGHT), with a linear SVM (one-vs-rest) for the purpose
and one balanced linear SVM per theme.

A model is saved as gzip-compressed JSON (vocabulary, idf, coefficients, intercepts): no pickle, so a model file
from someone else cannot run code when loaded. Training is deterministic (lbfgs, fixed data order), so the same
file gives the same model byte for byte. Scoring is a sparse product in numpy/scipy; `why` is the terms that
added most to the chosen label's score.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from tweetathon.enrich.themes.rules import RULE_IDS, rule_matrix

FORMAT = "tweetathon-themes-model/1"
WORD = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 1, "sublinear_tf": True, "lowercase": True}
CHAR = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2, "sublinear_tf": True, "lowercase": True,
        "max_features": 20000}
TOP_TERMS = 3
RULE_WEIGHT = 2.0
C = 1.0


@dataclass(frozen=True, slots=True)
class Example:
    """A labelled post: its text, purpose (or None) and themes (or None when not labelled)."""

    text: str
    purpose: str | None
    themes: tuple[str, ...] | None


@dataclass(frozen=True)
class Linear:
    """Labels, their weights (labels x features) and intercepts: score = x . w + b."""

    labels: tuple[str, ...]
    weights: np.ndarray[Any, np.dtype[np.float64]]
    intercepts: np.ndarray[Any, np.dtype[np.float64]]


@dataclass(frozen=True)
class ThemesModel:
    """Two vectorisers (word, char) and the purpose and per-theme linear models."""

    vectorisers: tuple[TfidfVectorizer, TfidfVectorizer]
    purpose: Linear | None
    themes: Linear | None

    def features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        parts = [v.transform(texts) for v in self.vectorisers]
        return sparse.hstack([*parts, rule_matrix(texts) * RULE_WEIGHT]).tocsr()

    def terms(self) -> list[str]:
        words = [str(t) for v in self.vectorisers for t in v.get_feature_names_out()]
        return [*words, *(f"rule:{r}" for r in RULE_IDS)]


def _fit_vectorisers(texts: Sequence[str]) -> tuple[TfidfVectorizer, TfidfVectorizer]:
    word, char = TfidfVectorizer(**WORD), TfidfVectorizer(**CHAR)
    word.fit(texts)
    char.fit(texts)
    return word, char


def _svm() -> LinearSVC:
    return LinearSVC(C=C, class_weight="balanced", random_state=0, max_iter=5000)


def _fit_purpose(x: sparse.csr_matrix, labels: Sequence[str]) -> Linear:
    model = _svm().fit(x, labels)
    classes = tuple(str(c) for c in model.classes_)
    if len(classes) == 2:  # a binary SVM has one row: the second class's score; the first's is its negative
        return Linear(classes, np.vstack([-model.coef_[0], model.coef_[0]]),
                      np.array([-model.intercept_[0], model.intercept_[0]]))
    return Linear(classes, model.coef_.astype(np.float64), model.intercept_.astype(np.float64))


def _fit_themes(x: sparse.csr_matrix, themes: Sequence[tuple[str, ...]]) -> Linear:
    counts = {t: sum(t in ts for ts in themes) for t in {t for ts in themes for t in ts}}
    names = tuple(sorted(t for t, n in counts.items() if 0 < n < len(themes)))
    rows, biases = [], []
    for name in names:
        target = np.array([name in ts for ts in themes], dtype=int)
        model = _svm().fit(x, target)
        rows.append(model.coef_[0])
        biases.append(model.intercept_[0])
    return Linear(names, np.array(rows, dtype=np.float64), np.array(biases, dtype=np.float64))


def train(examples: Sequence[Example]) -> ThemesModel:
    """A model from labelled examples (those without a purpose train only the themes, and the reverse)."""
    vectorisers = _fit_vectorisers([e.text for e in examples])
    base = ThemesModel(vectorisers, None, None)
    with_purpose = [e for e in examples if e.purpose]
    with_themes = [e for e in examples if e.themes is not None]
    purpose = _fit_purpose(base.features([e.text for e in with_purpose]), [str(e.purpose) for e in with_purpose]) \
        if len({e.purpose for e in with_purpose}) >= 2 else None
    themes = _fit_themes(base.features([e.text for e in with_themes]), [e.themes or () for e in with_themes]) \
        if with_themes else None
    return ThemesModel(vectorisers, purpose, themes)


@dataclass(frozen=True, slots=True)
class Scored:
    """A model's answer for one text: purpose and its top terms, themes each with its top terms."""

    purpose: str | None
    purpose_terms: tuple[str, ...]
    themes: tuple[tuple[str, tuple[str, ...]], ...]


def _top_terms(row: sparse.csr_matrix, weights: np.ndarray[Any, np.dtype[np.float64]], terms: list[str]) -> tuple[
        str, ...]:
    contributions = row.data * weights[row.indices]
    order = np.argsort(-contributions, kind="stable")[:TOP_TERMS]
    return tuple(terms[row.indices[i]].strip() for i in order if contributions[i] > 0)


def _purpose_of(row: sparse.csr_matrix, linear: Linear, terms: list[str]) -> tuple[str, tuple[str, ...]]:
    scores = row @ linear.weights.T + linear.intercepts
    best = int(np.argmax(np.asarray(scores).ravel()))
    return linear.labels[best], _top_terms(row, linear.weights[best], terms)


def _themes_of(row: sparse.csr_matrix, linear: Linear, terms: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    scores = np.asarray(row @ linear.weights.T + linear.intercepts).ravel()
    return tuple((linear.labels[i], _top_terms(row, linear.weights[i], terms)) for i in np.flatnonzero(scores > 0))


def predict(model: ThemesModel, texts: Sequence[str]) -> list[Scored]:
    """Purpose and themes of each text, each with the terms that weighed most for it."""
    x, terms = model.features(texts), model.terms()
    found: list[Scored] = []
    for i in range(x.shape[0]):
        row = x.getrow(i)
        purpose, why = _purpose_of(row, model.purpose, terms) if model.purpose else (None, ())
        themes = _themes_of(row, model.themes, terms) if model.themes else ()
        found.append(Scored(purpose, why, themes))
    return found


def _linear_json(linear: Linear | None) -> dict[str, Any] | None:
    if linear is None:
        return None
    return {"labels": list(linear.labels), "weights": np.round(linear.weights, 5).tolist(),
            "intercepts": np.round(linear.intercepts, 5).tolist()}


def _vectoriser_json(vectoriser: TfidfVectorizer, params: dict[str, Any]) -> dict[str, Any]:
    terms = [str(t) for t in vectoriser.get_feature_names_out()]
    return {"params": {k: list(v) if isinstance(v, tuple) else v for k, v in params.items() if k != "max_features"},
            "terms": terms, "idf": np.round(vectoriser.idf_, 6).tolist()}


def to_json(model: ThemesModel) -> dict[str, Any]:
    """The model as plain JSON data (see `save`)."""
    word, char = model.vectorisers
    return {"format": FORMAT, "word": _vectoriser_json(word, WORD), "char": _vectoriser_json(char, CHAR),
            "purpose": _linear_json(model.purpose), "themes": _linear_json(model.themes)}


def save(model: ThemesModel, path: Path) -> None:
    """Write the model as gzip-compressed JSON (deterministic bytes: no time stamp in the gzip header)."""
    data = json.dumps(to_json(model), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    tmp = path.with_name(path.name + ".part")
    with tmp.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(data)
    tmp.replace(path)
