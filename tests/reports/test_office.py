"""`tweetathon report --pptx --docx`: the PowerPoint and Word files, parsed back with python-pptx and
python-docx, carry the same figures as `tweetathon figures --json` (the HTML's headline figures, the summary,
the objectives), one slide per stage of the evaluation cycle with its chart as an image, and the learning."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pptx import Presentation
from typer.testing import CliRunner

from tests.reports import impact_scenario as scenario
from tweetathon.cli import app
from tweetathon.organise.objectives import Objective
from tweetathon.reports import impact_format as fmt
from tweetathon.reports.impact_compare import COMPARED, lookup
from tweetathon.store.objectives import add_objective, write_notes
from tweetathon.store.store import Store

# Figures every format must carry: (path in figures JSON, label written in the documents, kind).
CARRIED = [(p, label, kind) for p, label, kind in COMPARED if p in {
    "posts.total", "participants.participants_posted", "participants.public_accounts", "languages.count",
    "countries.count", "potential_reach.total", "public_questions.questions", "peak.hour_posts"}]


@dataclass
class Built:
    pptx_lines: list[str]
    docx_lines: list[str]
    pictures_per_slide: list[int]
    slide_titles: list[str]
    figures: dict[str, Any]


def _pptx(path: Path) -> tuple[list[str], list[int], list[str]]:
    deck = Presentation(str(path))
    lines, pictures, titles = [], [], []
    for slide in deck.slides:
        titles.append(slide.shapes.title.text if slide.shapes.title is not None else "")
        pictures.append(sum(1 for s in slide.shapes if s.shape_type == 13))  # MSO_SHAPE_TYPE.PICTURE
        for shape in slide.shapes:
            if shape.has_text_frame:
                lines += [p.text for p in shape.text_frame.paragraphs]
    return lines, pictures, titles


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("office")
    db = f"sqlite:///{folder / 'tweetathon.db'}"
    with Store.open(db) as store:
        scenario.build(store)
        add_objective(store, "spring", Objective("participants.participants_posted", ">=", 4,
                                                 statement="Four forces take part"))
        write_notes(store, "spring", learning="Answer the public faster.", inputs="12 staff hours")
    runner = CliRunner()
    out = {name: folder / f"report.{name}" for name in ("html", "pptx", "docx")}
    made = runner.invoke(app, ["report", "--event", "spring", "--out", str(out["html"]), "--pptx",
                               str(out["pptx"]), "--docx", str(out["docx"]), "--compare", "autumn", "--db", db])
    assert made.exit_code == 0, made.output
    figures = runner.invoke(app, ["figures", "--event", "spring", "--json", "--db", db])
    lines, pictures, titles = _pptx(out["pptx"])
    doc = Document(io.BytesIO(out["docx"].read_bytes()))
    return Built(lines, [p.text for p in doc.paragraphs], pictures, titles, json.loads(figures.stdout))


def _written(value: Any, kind: str) -> str:
    return fmt.percent(value) if kind == "rate" else fmt.number(value)


@pytest.mark.parametrize("fmt_name", ["pptx", "docx"])
def test_every_format_carries_the_same_figures_as_the_json(built: Built, fmt_name: str) -> None:
    lines = built.pptx_lines if fmt_name == "pptx" else built.docx_lines
    assert built.figures["posts"]["total"] == scenario.EXPECTED_SPRING["total"]
    for path, label, kind in CARRIED:
        expected = f"{label}: {_written(lookup(built.figures, path), kind)}"
        assert any(line.startswith(expected) for line in lines), f"{fmt_name} lacks {expected!r}"
    # the objective, judged on the same figure (3 participants posted of 4: partly)
    assert "Four forces take part: 3 (target at least 4): partly" in lines
    assert "Answer the public faster." in lines and "12 staff hours" in lines
    q = built.figures["public_questions"]
    assert f"Public questions: {q['questions']} ({q['answered']} answered ({fmt.percent(q['answer_rate'])})); " \
           f"last edition 0: +{q['questions']} (—)" in lines


def test_the_deck_has_a_slide_per_stage_with_its_chart(built: Built) -> None:
    assert built.slide_titles == ["Impact report: Spring tweet-a-thon 2024", "Summary", "Objectives", "Inputs",
                                  "Outputs", "Out-takes", "Outcomes", "Impact", "Method and limitations",
                                  "Learning"]
    pictures = dict(zip(built.slide_titles, built.pictures_per_slide, strict=True))
    assert pictures["Outputs"] == 1 and pictures["Out-takes"] == 1
    assert sum(built.pictures_per_slide) == 2


def test_docx_has_the_same_sections_in_the_same_order(built: Built) -> None:
    headings = [line for line in built.docx_lines if line in {
        "Summary", "Objectives", "Inputs", "Outputs", "Out-takes", "Outcomes", "Impact", "Method and limitations",
        "Learning"}]
    assert headings == ["Summary", "Objectives", "Inputs", "Outputs", "Out-takes", "Outcomes", "Impact",
                        "Method and limitations", "Learning"]


def test_an_unwritable_office_path_is_a_clear_message_and_nothing_is_written(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'tweetathon.db'}"
    with Store.open(db) as store:
        scenario.build(store)
    html = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "--event", "spring", "--out", str(html), "--pptx",
                                      str(tmp_path / "missing" / "r.pptx"), "--db", db])
    assert result.exit_code == 2 and "the folder" in result.stderr and "does not exist" in result.stderr
    assert not html.exists()
