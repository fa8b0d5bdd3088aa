"""`tweetathon themes ...` and `tweetathon feedback ...`: what was said (purposes and themes of participants'
posts) and how residents responded (sentiment of the public's replies and mentions)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer

from tweetathon import analysis
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, console, fail, open_store
from tweetathon.enrich.themes.catalog import Theme, ThemesFileError, load_event_themes
from tweetathon.enrich.themes.classify import Classification, classify
from tweetathon.enrich.themes.labelled import LabelledFileError, read_examples, read_rows
from tweetathon.enrich.themes.model import ThemesModel, save, train
from tweetathon.enrich.themes.model_file import SHIPPED, ModelFileError, load
from tweetathon.enrich.themes.stored import apply_themes

themes_app = typer.Typer(help="Purposes (inform, engage, appeal) and themes of posts, offline.",
                         no_args_is_help=True)
app.add_typer(themes_app, name="themes")

ModelOption = Annotated[Path | None, typer.Option("--model", help="A model made by `themes train` "
                                                  "(default: the shipped one).")]
ThemesOption = Annotated[Path | None, typer.Option("--themes", help="The event's own themes: a YAML file "
                                                   "`themes: [{name, keywords: [...], examples: [...]}]`.")]


def _model(path: Path | None) -> ThemesModel:
    try:
        return load(path or SHIPPED)
    except ModelFileError as exc:
        fail(str(exc))


def _event_themes(path: Path | None) -> tuple[Theme, ...]:
    try:
        return load_event_themes(path) if path else ()
    except ThemesFileError as exc:
        fail(str(exc), "See docs/themes.md for the file's shape.")


def _line(key: object, found: Classification) -> bytes:
    return orjson.dumps({"id": key, "purpose": found.purpose, "themes": found.theme_ids(),
                         "why": {"purpose": found.purpose_why, **{t.theme: t.why for t in found.themes}}})


@themes_app.command("train")
def train_cmd(
    file: Annotated[Path, typer.Argument(help="JSONL: lines with `text` and `purpose` and/or `themes`.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the model (gzip JSON, no pickle).")],
) -> None:
    """Train a purpose and themes model on your own labelled posts."""
    try:
        examples = read_examples(file)
    except LabelledFileError as exc:
        fail(str(exc), "Each line: {\"text\": ..., \"purpose\": \"inform|engage|appeal\", \"themes\": [...]}")
    if len(examples) < 5:
        fail(f"{file}: {len(examples)} labelled post(s); give at least 5 to learn from")
    save(train(examples), out)
    console.print(f"trained on {len(examples):,} posts; wrote {out}")


@themes_app.command("classify")
def classify_cmd(
    file: Annotated[Path, typer.Argument(help="JSONL: lines {\"id\", \"text\"}.")],
    model: ModelOption = None,
    themes: ThemesOption = None,
    as_json: JsonOption = False,
) -> None:
    """Purpose and themes of each line, one JSON line per input: {"id", "purpose", "themes", "why"}."""
    try:
        rows = read_rows(file)
    except LabelledFileError as exc:
        fail(str(exc))
    bad = next((r for r in rows if not isinstance(r.get("text"), str)), None)
    if bad is not None:
        fail(f"{file}:{bad['__line']}: expected an object with a `text` string")
    found = classify([r["text"] for r in rows], _model(model), _event_themes(themes))
    for row, result in zip(rows, found, strict=True):
        if as_json:
            sys.stdout.buffer.write(_line(row.get("id"), result) + b"\n")
        else:
            console.print(f"{row.get('id')}: {result.purpose} — {', '.join(result.theme_ids()) or 'no theme'}")


@themes_app.command("apply")
def apply_cmd(
    event: Annotated[str, typer.Option("--event", "-e", help="The event (slug).")],
    model: ModelOption = None,
    themes: ThemesOption = None,
    db: DbOption = None,
) -> None:
    """Classify the event's posts (reposts excepted) and store purpose and themes per post."""
    chosen, own = _model(model), _event_themes(themes)
    with open_store(db) as store:
        if store.get_event(event) is None:
            fail(f"no event {event!r} in {store.url}", "Create it with `tweetathon event create`.")
        keys = [r.key for r in analysis.event_scope(store, event).event_posts if r.kind != "repost"]
        done = apply_themes(store, keys, chosen, str(model or "shipped"), own)
    console.print(f"classified {done:,} post(s) of {event}")
