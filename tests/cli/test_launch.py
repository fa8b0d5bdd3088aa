"""The console entry point loads only the command family asked for, and knows where every command lives."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import click
import typer

from tweetathon._launch import ABOUT, COMMAND_HELP, COMMAND_HOMES, command_module
from tweetathon.cli import COMMAND_MODULES, app


def registered() -> dict[str, str]:
    """Every top-level command and group of the fully loaded app -> the module that defines it."""
    found = {c.name or c.callback.__name__: c.callback.__module__ for c in app.registered_commands}  # type: ignore[union-attr]
    for group in app.registered_groups:
        inst = group.typer_instance
        assert inst is not None
        modules = {c.callback.__module__ for c in inst.registered_commands}  # type: ignore[union-attr]
        assert len(modules) == 1
        found[group.name or inst.info.name] = modules.pop()  # type: ignore[index]
    return {name: module.rsplit(".", 1)[1] for name, module in found.items()}


def test_every_command_is_mapped_to_its_module() -> None:
    assert registered() == COMMAND_HOMES
    assert set(COMMAND_HOMES.values()) <= set(COMMAND_MODULES)


def test_the_quick_help_listing_is_the_registered_commands_own_help() -> None:
    """`tweetathon --help` prints COMMAND_HELP without loading the families: it must say what Typer would."""
    group: Any = typer.main.get_command(app)
    ctx = click.Context(group)
    real = {name: group.get_command(ctx, name) for name in group.list_commands(ctx)}
    assert {name: cmd.get_short_help_str(limit=10**6) for name, cmd in real.items() if cmd} == COMMAND_HELP
    assert list(real) == list(COMMAND_HELP)
    assert app.info.help == ABOUT


def test_top_level_help_loads_no_family_nor_typer() -> None:
    code = ("import sys; from tweetathon import _launch\nsys.argv = ['tweetathon', '--help']\n_launch.main()\n"
            "print(sorted(m for m in sys.modules if m.startswith(('tweetathon.cli', 'typer', 'sqlalchemy'))),"
            " file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"
    assert "Usage: tweetathon [OPTIONS] COMMAND [ARGS]..." in result.stdout
    assert "  import " in result.stdout and "Import posts and accounts from files you hold" in result.stdout


def test_first_word_that_is_not_an_option_picks_the_module() -> None:
    assert command_module(["import", "x.jsonl"]) == "ingest"
    assert command_module(["--help"]) is None
    assert command_module(["nosuch"]) is None


def launch(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run the console entry point in a fresh interpreter; stderr ends with the command modules it loaded."""
    code = ("import sys; from tweetathon import _launch\n"
            f"sys.argv = ['tweetathon', *{list(argv)!r}]\n"
            "try:\n    _launch.main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "loaded = sorted(m for m in sys.modules if m.startswith('tweetathon.cli.'))\n"
            "print(loaded, file=sys.stderr)")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_one_command_loads_one_family_and_runs() -> None:
    result = launch("formats", "--json")
    assert result.returncode == 0, result.stderr
    assert '"format": "twarc2"' in result.stdout
    assert "['tweetathon.cli.common', 'tweetathon.cli.ingest']" in result.stderr


def test_top_level_help_lists_every_family() -> None:
    result = subprocess.run([sys.executable, "-m", "tweetathon", "--help"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0
    for name in COMMAND_HOMES:
        assert name in result.stdout


def test_a_family_of_one_command_still_takes_the_command_name() -> None:
    result = launch("simulate", "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage: tweetathon simulate" in result.stdout.replace("  ", " ")
    assert "'tweetathon.cli.simulate'" in result.stderr and "tweetathon.cli.report" not in result.stderr
