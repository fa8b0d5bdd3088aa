"""`tweetathon themes ...`, `feedback` and `translate`: what was said (purposes and themes of participants'
posts), how residents responded (sentiment of the public's replies and mentions), and what non-English posts say
(offline machine translation)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer

from tweetathon import analysis
from tweetathon.analysis import feedback
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, console, fail, open_store, print_json
from tweetathon.enrich.sentiment import read_sentiments, score, store_sentiments
from tweetathon.enrich.themes.catalog import Theme, ThemesFileError, load_event_themes
from tweetathon.enrich.themes.classify import Classification, classify
from tweetathon.enrich.themes.labelled import LabelledFileError, read_examples, read_rows
from tweetathon.enrich.themes.model import ThemesModel, save, train
from tweetathon.enrich.themes.model_file import SHIPPED, ModelFileError, load
from tweetathon.enrich.themes.stored import apply_themes
from tweetathon.enrich.translate.apertium import Apertium
from tweetathon.enrich.translate.argos import Argos, ArgosUnavailable
from tweetathon.enrich.translate.base import Backend, TranslationError
from tweetathon.enrich.translate.stored import translate_posts
from tweetathon.store.event_data import texts_of
from tweetathon.store.store import Store

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


def _feedback(store: Store, event: str, sample: int) -> dict[str, Any]:
    scope = analysis.event_scope(store, event)
    items = feedback.public_feedback(scope)
    keys = [row.key for row, _ in items]
    with store.engine.connect() as conn:
        texts, tags = texts_of(conn, keys), {row.key: row.lang_detected or row.lang for row, _ in items}
    store_sentiments(store, {k: score(texts.get(k, ""), tags.get(k)) for k in keys})
    with store.engine.connect() as conn:
        found = read_sentiments(conn, keys)
    chosen = feedback.feedback_sample(items, found, size=sample)
    return {"event": event, "feedback": feedback.feedback_shares(items, found),
            "sample": {label: [{"platform": p, "post_id": i, "text": texts.get((p, i), "")} for p, i in keys_]
                       for label, keys_ in chosen.items()},
            "for_review": feedback.abusive_for_review(items, found)}


@app.command("feedback")
def feedback_cmd(
    event: Annotated[str, typer.Option("--event", "-e", help="The event (slug).")],
    sample: Annotated[int, typer.Option("--sample", help="Posts in the sample of each side.")] = 5,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Residents' feedback: score the sentiment of the public's replies and mentions to participants (stored),
    then print each class's share, coverage, a fixed-seed sample of positive and negative posts, and posts
    flagged as possibly abusive for a person to review (never hidden)."""
    with open_store(db) as store:
        if store.get_event(event) is None:
            fail(f"no event {event!r} in {store.url}", "Create it with `tweetathon event create`.")
        result = _feedback(store, event, sample)
    if as_json:
        print_json(result)
        return
    shares = result["feedback"]
    console.print(f"{shares['posts']:,} replies and mentions from the public; scored {shares['coverage']:.0%}: "
                  + ", ".join(f"{k} {v:.0%}" for k, v in shares["shares_of_scored"].items())
                  + f"; not scored {shares['not_scored']:,}")
    for label, posts in result["sample"].items():
        console.print(f"[bold]{label}[/] (sample, seed {feedback.SAMPLE_SEED}):", highlight=False)
        for post in posts:
            console.print(f"  {post['text']}", highlight=False, markup=False)
    console.print(f"{len(result['for_review']):,} post(s) flagged for a person to review")


def _backends(argos_models: list[Path]) -> list[Backend]:
    chosen: list[Backend] = [Apertium()]
    if argos_models:
        try:
            chosen.append(Argos(argos_models))
        except ArgosUnavailable as exc:
            fail(str(exc))
    return chosen


@app.command("translate")
def translate_cmd(
    event: Annotated[str, typer.Option("--event", "-e", help="The event (slug).")],
    to: Annotated[str, typer.Option("--to", help="Target language (ISO 639-1).")] = "en",
    argos_model: Annotated[list[Path] | None, typer.Option("--argos-model", help="A local .argosmodel file to "
                                                           "install into Argos Translate (repeatable).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Translate the event's posts (reposts excepted) offline into --to, stored beside each post with the
    backend named ("machine translation (Apertium es→en)"). Languages with no backend are listed as such."""
    backends = _backends(argos_model or [])
    with open_store(db) as store:
        if store.get_event(event) is None:
            fail(f"no event {event!r} in {store.url}", "Create it with `tweetathon event create`.")
        by_language: dict[str, list[tuple[str, str]]] = {}
        for row in analysis.event_scope(store, event).event_posts:
            source = row.lang_detected or row.lang
            if row.kind != "repost" and source and source != "und":
                by_language.setdefault(source, []).append(row.key)
        try:
            summary = translate_posts(store, by_language, backends, to)
        except TranslationError as exc:
            fail(str(exc), "Check the Apertium pair packages (apt) or the Argos model.")
    if as_json:
        print_json({"translated": {k: {"posts": n, "backend": b} for k, (n, b) in summary.translated.items()},
                    "no_backend": summary.no_backend})
        return
    for source, (n, shown) in summary.translated.items():
        console.print(f"{source}: {n:,} post(s) translated, {shown}")
    for source, n in summary.no_backend.items():
        console.print(f"{source}: no translation backend for {source}→{to} ({n:,} post(s) not translated)")
