"""The `tweetathon` command: thin Typer commands over the library. Each family of commands is one module."""

from __future__ import annotations

from importlib import import_module

import typer

from tweetathon import _launch

app = typer.Typer(
    name="tweetathon",
    help=_launch.ABOUT,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)



@app.callback()
def _root() -> None:
    """A group callback keeps `tweetathon CMD` a group even when only one family (maybe of one command) is
    loaded; otherwise Typer would run a lone command without its name."""


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
    "pii",
    "accounts",
    "moderate",
    "privacy",
    "store_copy",
    "export",
    "serve",
    "feed",
    "content",
    "objectives",
)


def load_commands(names: tuple[str, ...] = COMMAND_MODULES) -> None:
    """Register the commands of the given families (module names) on `app`."""
    for name in names:
        import_module(f"tweetathon.cli.{name}")


# The console entry point (tweetathon._launch) may ask for one family only, to start fast.
load_commands((_launch.only,) if _launch.only else COMMAND_MODULES)


def main() -> None:
    app()
