"""Apertium (Debian's `apertium` and `apertium-*` pair packages): shallow-transfer translation, offline.

The installed modes are listed by `apertium -l`; a mode such as `spa-eng` or `eu-en` gives the pair (es, en)
or (eu, en). Regional variants (`spa-eng_US`) are skipped. Texts of a batch go through one `apertium -u` process,
one text a line (newlines inside a text become spaces); `-u` leaves unknown words unmarked.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from functools import cached_property

from tweetathon.enrich.translate.base import TranslationError

# Apertium's three-letter codes (ISO 639-3) of the languages it pairs with English, to ISO 639-1.
THREE_TO_TWO = {"eng": "en", "spa": "es", "cat": "ca", "isl": "is", "eus": "eu", "glg": "gl", "fra": "fr",
                "por": "pt", "ita": "it", "deu": "de", "nld": "nl", "afr": "af", "dan": "da", "nor": "nb",
                "nob": "nb", "swe": "sv", "ron": "ro", "hbs": "sh", "mkd": "mk", "epo": "eo", "oci": "oc"}
TIMEOUT_SECONDS = 600


def _code(part: str) -> str:
    return THREE_TO_TWO.get(part, part)


def parse_modes(listing: str) -> dict[tuple[str, str], str]:
    """(source, target) -> mode name, from `apertium -l` output (variants with `_` skipped)."""
    modes: dict[tuple[str, str], str] = {}
    for line in listing.split():
        parts = line.strip().split("-")
        if len(parts) == 2 and "_" not in line:
            modes.setdefault((_code(parts[0]), _code(parts[1])), line.strip())
    return modes


class Apertium:
    """The Apertium backend: whatever pairs are installed on this machine."""

    name = "Apertium"

    def __init__(self, executable: str = "apertium") -> None:
        self.executable = shutil.which(executable)

    @cached_property
    def modes(self) -> dict[tuple[str, str], str]:
        if self.executable is None:
            return {}
        done = subprocess.run([self.executable, "-l"], capture_output=True, text=True, check=False, timeout=60)
        return parse_modes(done.stdout) if done.returncode == 0 else {}

    def pairs(self) -> set[tuple[str, str]]:
        return set(self.modes)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        mode = self.modes.get((source, target))
        if mode is None or self.executable is None:
            raise TranslationError(f"Apertium has no {source}→{target} pair installed")
        lines = [" ".join(t.split()) for t in texts]
        done = subprocess.run([self.executable, "-u", mode], input="\n".join(lines) + "\n", capture_output=True,
                              text=True, check=False, timeout=TIMEOUT_SECONDS)
        found = done.stdout.rstrip("\n").split("\n") if lines else []
        if done.returncode != 0 or len(found) != len(lines):
            raise TranslationError(f"Apertium {mode} failed (exit {done.returncode}): {done.stderr.strip()[:300]}")
        return [line.strip() for line in found]
