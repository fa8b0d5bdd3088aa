"""`tweetathon pii check`: find personal data in live-feed drafts before they are published."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import orjson
import typer
from rich.markup import escape

from tweetathon.cli import app
from tweetathon.cli.common import JsonOption, console, err, fail, print_json

if TYPE_CHECKING:
    from tweetathon.privacy.pii import Allowlist

pii_app = typer.Typer(help="Find personal data (names, addresses, phone numbers, plates...) in drafts.",
                      no_args_is_help=True)
app.add_typer(pii_app, name="pii")

LANGS = ("en", "nl", "es", "fr", "de")


@pii_app.command("check")
def check_cmd(
    file: Annotated[Path | None, typer.Argument(help='JSON Lines of drafts, one {"id": ..., "text": ...} a line '
                                                '(optionally "lang"); "-" reads standard input.')] = None,
    text: Annotated[str | None, typer.Option("--text", "-t", help="Check this one draft instead of a file.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=f"Language of the drafts ({', '.join(LANGS)}): whose "
                                             "phone numbers to try first. All languages' rules run anyway.")] = None,
    allow_handle: Annotated[list[str] | None, typer.Option("--allow-handle", help="A handle the event publishes "
                                                          "on purpose (repeatable).")] = None,
    allow_name: Annotated[list[str] | None, typer.Option("--allow-name", help="A name published on purpose, "
                                                        "e.g. a named officer (repeatable).")] = None,
    allow_number: Annotated[list[str] | None, typer.Option("--allow-number", help="A published contact number "
                                                          "(repeatable).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Check drafts for personal data. With FILE and --json: one JSON line per draft,
    {"id", "pii": true|false, "findings": [{"type", "text", "start", "end", "reason"}]}.
    Bad lines are reported on standard error with their line number (exit code 1 when there were any)."""
    from tweetathon.privacy.pii import Allowlist

    if (file is None) == (text is None):
        fail("give either a FILE of drafts or --text, not both and not neither",
             'e.g. tweetathon pii check drafts.jsonl --json, or tweetathon pii check --text "#gmp24 12: ..."')
    if lang is not None and lang not in LANGS:
        fail(f"--lang {lang!r} is not a language the checker knows", f"Choose one of: {', '.join(LANGS)}.")
    allow = Allowlist.of(handles=allow_handle or (), names=allow_name or (), numbers=allow_number or ())
    if text is not None:
        _check_text(text, lang, allow, as_json)
    else:
        assert file is not None
        raise typer.Exit(_check_file(file, lang, allow, as_json))


def _check_text(text: str, lang: str | None, allow: Allowlist, as_json: bool) -> None:
    from tweetathon.privacy.pii import check

    findings = check(text, lang=lang, allow=allow)
    if as_json:
        print_json({"pii": bool(findings), "findings": [f.as_dict() for f in findings]})
        return
    if not findings:
        console.print("[green]no personal data found[/]")
        return
    console.print(f"[bold red]{len(findings)} finding(s)[/] in: {escape(text)}")
    for f in findings:
        console.print(f"  [bold]{f.type}[/] {escape(repr(f.text))} at {f.start}-{f.end}: {escape(f.reason)}",
                      highlight=False)


def _check_file(file: Path, lang: str | None, allow: Allowlist, as_json: bool) -> int:
    from tweetathon.privacy.pii.batch import BadLine, check_draft, read_drafts

    lines = _open_lines(file)
    bad = flagged = total = 0
    for item in read_drafts(lines):
        if isinstance(item, BadLine):
            bad += 1
            err.print(f"[bold red]error:[/] {escape(str(file))} line {item.line}: {escape(item.message)}",
                      highlight=False)
            continue
        outcome = check_draft(item, lang=lang, allow=allow)
        total, flagged = total + 1, flagged + outcome["pii"]
        _print_outcome(outcome, as_json)
    if not as_json:
        console.print(f"{total} draft(s) checked, {flagged} with personal data, {bad} bad line(s)")
    return 1 if bad else 0


def _open_lines(file: Path) -> list[str]:
    if str(file) == "-":
        return sys.stdin.read().splitlines()
    try:
        return file.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        fail(f"{file} does not exist", "Give the path of a JSON Lines file of drafts.")
    except IsADirectoryError:
        fail(f"{file} is a folder", "Give the path of a JSON Lines file of drafts.")
    except UnicodeDecodeError as exc:
        fail(f"{file} is not UTF-8 text ({exc.reason} at byte {exc.start})", "Save the file as UTF-8.")


def _print_outcome(outcome: dict[str, object], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(orjson.dumps(outcome).decode() + "\n")
        return
    findings = outcome["findings"]
    assert isinstance(findings, list)
    status = "[red]personal data[/]" if findings else "[green]clean[/]"
    console.print(f"{escape(str(outcome['id']))}: {status}", highlight=False)
    for f in findings:
        console.print(f"  [bold]{f['type']}[/] {escape(repr(f['text']))} at {f['start']}-{f['end']}: "
                      f"{escape(f['reason'])}", highlight=False)
