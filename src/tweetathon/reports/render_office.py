"""The report as PowerPoint (python-pptx) and Word (python-docx): a title, then one slide / section per block of
`reports/office.py` (summary, objectives, one per stage of the evaluation cycle with its chart, method and
limitations, learning). Returns the file's bytes; the caller writes them atomically."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from tweetathon.reports.impact import ImpactReport
from tweetathon.reports.office import Block, blocks

WIDE = (13.333, 7.5)  # 16:9 slide, inches


def _title(report: ImpactReport) -> tuple[str, str]:
    tags = " ".join(f"#{t}" for t in report.event.hashtags)
    made = f"Made with tweetathon on {report.generated}"
    return f"Impact report: {report.event.name}", f"{tags} · {report.window}\n{made}"


def _slide(prs: object, block: Block) -> None:
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[5])  # type: ignore[attr-defined]
    slide.shapes.title.text = block.heading
    text_width = 6.0 if block.chart else 12.3
    frame = slide.shapes.add_textbox(Inches(0.5), Inches(1.4), Inches(text_width), Inches(5.8)).text_frame
    frame.word_wrap = True
    size = 16 if sum(len(line) for line in block.lines) < 600 else 11  # long text (limitations) still fits
    for i, line in enumerate(((block.note,) if block.note else ()) + block.lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        para.font.size = Pt(12 if block.note and i == 0 else size)
    if block.chart:
        slide.shapes.add_picture(io.BytesIO(block.chart), Inches(6.7), Inches(1.6), width=Inches(6.2))


def render_pptx(report: ImpactReport, charts: Mapping[str, bytes]) -> bytes:
    """A 16:9 deck: title, summary, objectives, one slide per stage (its chart as an image), limits, learning."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDE[0]), Inches(WIDE[1])
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text, first.placeholders[1].text = _title(report)
    for block in blocks(report, charts):
        _slide(prs, block)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _section(doc: object, block: Block) -> None:
    from docx.shared import Inches

    doc.add_heading(block.heading, level=1)  # type: ignore[attr-defined]
    if block.note:
        doc.add_paragraph(block.note).italic = True  # type: ignore[attr-defined]
    for line in block.lines:
        doc.add_paragraph(line, style="List Bullet")  # type: ignore[attr-defined]
    if block.chart:
        doc.add_picture(io.BytesIO(block.chart), width=Inches(6.0))  # type: ignore[attr-defined]


def render_docx(report: ImpactReport, charts: Mapping[str, bytes]) -> bytes:
    """A Word document with the same blocks as the deck, in the same order."""
    from docx import Document

    doc = Document()
    title, subtitle = _title(report)
    doc.add_heading(title, level=0)
    doc.add_paragraph(subtitle)
    for block in blocks(report, charts):
        _section(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def office_files(report: ImpactReport, pptx: Path | None, docx: Path | None,
                 charts: Mapping[str, bytes]) -> list[tuple[Path, bytes]]:
    """(path, bytes) for each asked format."""
    files: list[tuple[Path, bytes]] = []
    if pptx is not None:
        files.append((pptx, render_pptx(report, charts)))
    if docx is not None:
        files.append((docx, render_docx(report, charts)))
    return files
