"""Argos Translate with models the user installs from local `.argosmodel` files (no download: tweetathon never
fetches a model). Needs the `argostranslate` package (`pip install argostranslate`), which tweetathon does not
install: its dependencies are large, and no Argos model is published on PyPI, npm or Debian.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tweetathon.enrich.translate.base import TranslationError


class ArgosUnavailable(RuntimeError):
    """Argos Translate cannot be used: not installed, or a model file cannot be installed."""


def _argos() -> Any:
    try:
        import argostranslate.package
        import argostranslate.translate
    except ImportError as exc:
        raise ArgosUnavailable("Argos Translate is not installed: `pip install argostranslate`, then give "
                               "--argos-model FILE.argosmodel") from exc
    return argostranslate


class Argos:
    """The Argos Translate backend, with the models installed from the given local files."""

    name = "Argos Translate"

    def __init__(self, model_files: Sequence[Path] = ()) -> None:
        self.argos = _argos()
        for path in model_files:
            if not path.is_file():
                raise ArgosUnavailable(f"{path}: no such .argosmodel file")
            self.argos.package.install_from_path(str(path))

    def pairs(self) -> set[tuple[str, str]]:
        languages = self.argos.translate.get_installed_languages()
        return {(a.code, b.code) for a in languages for b in languages
                if a.code != b.code and a.get_translation(b) is not None}

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        try:
            return [str(self.argos.translate.translate(t, source, target)) for t in texts]
        except Exception as exc:  # Argos raises plain exceptions; report them as a translation failure
            raise TranslationError(f"Argos Translate {source}→{target} failed: {exc}") from exc
