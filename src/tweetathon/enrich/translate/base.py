"""The translation backend interface, and choosing a backend per language pair."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class TranslationError(RuntimeError):
    """A backend failed on a text: says which backend and pair, and what it reported."""


class Backend(Protocol):
    """A translator for some language pairs (ISO 639-1 codes)."""

    name: str

    def pairs(self) -> set[tuple[str, str]]:
        """The (source, target) pairs this backend can translate, as installed on this machine."""
        ...

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """The translation of each text, in order."""
        ...


def label(backend: Backend, source: str, target: str) -> str:
    """How a translation is shown: "machine translation (Apertium es→en)"."""
    return f"machine translation ({backend.name} {source}→{target})"


def backend_for(backends: Sequence[Backend], source: str, target: str) -> Backend | None:
    """The first backend that has the pair, or None (the language then says it has no backend)."""
    return next((b for b in backends if (source, target) in b.pairs()), None)
