"""The `tweetathon` command: thin Typer commands over the library. Each family of commands is one module."""

from __future__ import annotations

from importlib import import_module

import typer

app = typer.Typer(
    name="tweetathon",
    help="Organise, capture, measure and share social-media engagement events "
         "(tweet-a-thons, weekly chats, 24-hour live feeds) on X, Mastodon and Bluesky.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Each module registers its commands on `app` when imported. Add a family here, in one place.
COMMAND_MODULES: tuple[str, ...] = (
    "ingest",
    "organise",
    "organise_chat",
    "transcript",
    "capture",
    "figures",
    "report",
    "simulate",
)

for _name in COMMAND_MODULES:
    import_module(f"tweetathon.cli.{_name}")


def main() -> None:
    app()
