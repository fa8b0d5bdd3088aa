"""Reading a themes model file (gzip-compressed JSON written by `model.save`), with clear errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from tweetathon.enrich.themes.model import FORMAT, Linear, ThemesModel

SHIPPED = Path(__file__).parent / "data" / "model.json.gz"


class ModelFileError(ValueError):
    """A model file that cannot be read: says which file and what was wrong."""


def _vectoriser(data: dict[str, Any]) -> TfidfVectorizer:
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in data["params"].items()}
    vectoriser = TfidfVectorizer(vocabulary={t: i for i, t in enumerate(data["terms"])}, **params)
    vectoriser.idf_ = np.array(data["idf"], dtype=np.float64)
    return vectoriser


def _linear(data: dict[str, Any] | None) -> Linear | None:
    if data is None:
        return None
    return Linear(tuple(data["labels"]), np.array(data["weights"], dtype=np.float64),
                  np.array(data["intercepts"], dtype=np.float64))


def from_json(data: dict[str, Any]) -> ThemesModel:
    """A model from the JSON data `model.to_json` makes."""
    return ThemesModel((_vectoriser(data["word"]), _vectoriser(data["char"])), _linear(data["purpose"]),
                       _linear(data["themes"]))


def load(path: Path = SHIPPED) -> ThemesModel:
    """Read a model file (the shipped one by default). Plain data only: loading runs no code from the file."""
    try:
        with gzip.open(path, "rb") as handle:
            data = json.loads(handle.read())
    except (OSError, EOFError, ValueError) as exc:
        raise ModelFileError(f"{path}: not a tweetathon themes model ({exc}); make one with "
                             "`tweetathon themes train FILE.jsonl --out MODEL`") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelFileError(f"{path}: not a tweetathon themes model (expected format {FORMAT!r})")
    try:
        return from_json(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(f"{path}: damaged themes model: {exc}") from exc
