"""The `tweetathon` console entry point: load only the command family the user asked for.

Importing every command module costs over a second (charts, PDF, language detection, HTTP clients...), so
`tweetathon import ...` loads `cli/ingest.py` alone, and `tweetathon --help` prints the listing below without
loading any (nor Typer). An unknown word, a bare `tweetathon`, or a library import of `tweetathon.cli` loads every
family. `COMMAND_HOMES` and `COMMAND_HELP` are checked against the registered commands by a test.
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

# top-level command or group name -> its one-line help, as Typer shows it (in Typer's order)
COMMAND_HELP: dict[str, str] = {
    "import": ("Import posts and accounts from files you hold (twarc2, X v1.1, X archive, TAGS/twarc CSV, "
               "Mastodon, Bluesky)."),
    "stats": "Count collected posts (deleted ones excluded): by kind, authors, platforms, declared languages, span.",
    "formats": "List the file formats `tweetathon import` recognises.",
    "runs": ("Show recent import runs: file, sha256, counts, rejects, records adjusted to be stored, status "
             "(done, failed: stopped part-way by an unreadable file or a limit, interrupted: killed, running)."),
    "schedule": "The follow-the-sun order: who starts when, in UTC and in the organiser's zone, grouped by start.",
    "map": ("The participant map of approved participants: an offline HTML page (no request to any host), SVG, "
            "PNG, GeoJSON."),
    "list": "The official list of approved participants (with each one's window in UTC) as CSV or JSON.",
    "calendar": ("An RFC 5545 calendar feed of the series: one event per session, in the organiser's zone, with "
                 "its theme."),
    "transcript": ("Write the transcript of one chat session: the host's questions with the answers grouped "
                   "under each, the other conversations as threads, and who took part (first-timers, most "
                   "active)."),
    "capture": "Capture an event's posts live, with resume, backoff, dedupe and a record of every gap.",
    "figures": "Every headline figure of an event, each with the id of its definition in docs/figures.md.",
    "report": ("The impact report of an event: headline figures with their definitions, posts per hour, "
               "languages, countries, top posts and participants, follower growth, questions and response times,"
               " the interaction network, capture health, and (with --compare) the change against another event."),
    "simulate": ("Simulate an event in real platform formats (twarc2 pages, Mastodon statuses, compliance "
                 "deletes), with participants.csv, event.json and truth.json (the exact figures, known by "
                 "construction)."),
    "audit": "Show the audit log of organiser actions, newest first: who, what, when (your zone), before and after.",
    "publish": "Make an event's report or transcripts public on the web pages (audited).",
    "unpublish": "Hide an event's report or transcripts from the public web pages again (audited).",
    "purge": "Remove the text and raw payload of deleted and withheld posts.",
    "export": ("Export collected posts (never deleted or withheld ones) as CSV, JSONL, Parquet or per-hour "
               "counts, an event's networks as GEXF, its participants as GeoJSON."),
    "serve": ("Serve the web app: the public event pages, the JSON API (/api/v1, /openapi.json) and the "
              "organiser console."),
    "feedback": ("Residents' feedback: score the sentiment of the public's replies and mentions to participants "
                 "(stored), then print each class's share, coverage, a fixed-seed sample of positive and "
                 "negative posts, and posts flagged as possibly abusive for a person to review (never hidden)."),
    "translate": ("Translate the event's posts (reposts excepted) offline into --to, stored beside each post "
                  'with the backend named ("machine translation (Apertium es→en)").'),
    "event": "Create and show events (hashtags and time rule).",
    "participants": "Register, approve and list an event's participants.",
    "chat": "Plan a chat series: sessions, themes, questions, announcements.",
    "languages": "Detect the language of posts (lingua), stored beside the platform's tag.",
    "pii": "Find personal data (names, addresses, phone numbers, plates...) in drafts.",
    "user": "Console accounts (organiser > editor > viewer) with argon2id passwords.",
    "token": "API tokens for the JSON API (shown once, stored hashed).",
    "registrations": ("Registrations made through the web form: list them, reject them (approve with `tweetathon"
                      " participants approve`)."),
    "retention": "Apply events' retention periods; see what was purged.",
    "store": "Whole stores: copy one database into another.",
    "feed": ("Compose a live feed: numbered drafts checked for personal data, approved, published once to X, "
             "Mastodon and Bluesky."),
    "themes": "Purposes (inform, engage, appeal) and themes of posts, offline.",
    "objectives": "An event's objectives (set when planning), inputs and learning.",
}
ABOUT = ("Organise, capture, measure and share social-media engagement events (tweet-a-thons, weekly chats, "
         "24-hour live feeds) on X, Mastodon and Bluesky.")
OPTIONS = (("--install-completion", "Install completion for the current shell."),
           ("--show-completion", "Show completion for the current shell, to copy it or customize the installation."),
           ("-h, --help", "Show this message and exit."))

only: str | None = None  # read by tweetathon.cli when it is imported


def command_module(argv: Sequence[str]) -> str | None:
    """The module of the first word that is not an option, if it names a known command."""
    word = next((arg for arg in argv if not arg.startswith("-")), None)
    return COMMAND_HOMES.get(word) if word else None


def listing(width: int = 100) -> str:
    """The top-level help: usage, what tweetathon is, options, and every command with its one-line help."""
    import textwrap

    def rows(pairs: Sequence[tuple[str, str]]) -> list[str]:
        pad = max(len(name) for name, _ in pairs) + 4
        return [textwrap.fill(text, width, break_on_hyphens=False, initial_indent=f"  {name:<{pad - 2}}",
                              subsequent_indent=" " * pad) for name, text in pairs]

    about = textwrap.fill(ABOUT, width, break_on_hyphens=False)
    return "\n".join(["Usage: tweetathon [OPTIONS] COMMAND [ARGS]...", "", about, "", "Options:", *rows(OPTIONS),
                      "", "Commands:", *rows(list(COMMAND_HELP.items())), "",
                      "Run `tweetathon COMMAND --help` for a command's options."]) + "\n"


def main() -> None:
    global only
    if sys.argv[1:] in (["--help"], ["-h"]):
        import shutil

        sys.stdout.write(listing(min(shutil.get_terminal_size().columns, 120)))
        return
    only = command_module(sys.argv[1:])
    from tweetathon.cli import app

    app()
