"""The `tweetathon` console entry point: load only the command family the user asked for.

Importing every command module costs over a second (charts, PDF, language detection, HTTP clients...), so
`tweetathon import ...` loads `cli/ingest.py` alone. `tweetathon --help`, an unknown word, or a library import of
`tweetathon.cli` loads every family. `COMMAND_HOMES` is checked against the registered commands by a test.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# top-level command or group name -> the module under tweetathon.cli that defines it
COMMAND_HOMES: dict[str, str] = {
    "import": "ingest", "stats": "ingest", "export": "export", "formats": "ingest", "runs": "ingest",
    "event": "organise", "participants": "organise", "schedule": "organise", "map": "organise",
    "list": "organise", "chat": "organise_chat", "calendar": "organise_chat",
    "transcript": "transcript", "capture": "capture", "figures": "figures", "languages": "figures",
    "report": "report", "simulate": "simulate", "pii": "pii", "feed": "feed",
    "user": "accounts", "token": "accounts", "audit": "accounts",
    "registrations": "moderate", "publish": "moderate", "unpublish": "moderate",
    "purge": "privacy", "retention": "privacy",
    "store": "store_copy",
    "serve": "serve",
    "themes": "content", "feedback": "content", "translate": "content",
    "objectives": "objectives",
}

only: str | None = None  # read by tweetathon.cli when it is imported


def command_module(argv: Sequence[str]) -> str | None:
    """The module of the first word that is not an option, if it names a known command."""
    word = next((arg for arg in argv if not arg.startswith("-")), None)
    return COMMAND_HOMES.get(word) if word else None


def main() -> None:
    global only
    only = command_module(sys.argv[1:])
    from tweetathon.cli import app

    app()
