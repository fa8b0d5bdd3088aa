"""Files are written whole or not at all: a SIGKILL in the middle of a write, or a PDF renderer that fails after
the HTML was made, leaves the files that were there before exactly as they were."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.reports import impact_scenario as scenario
from tweetathon import atomic
from tweetathon.cli import app
from tweetathon.store.store import Store

WRITER = textwrap.dedent("""
    import sys, time
    from tweetathon import atomic
    with atomic.open_atomic(sys.argv[1], "w", encoding="utf-8") as fh:
        fh.write("NEW " * 100_000)
        fh.flush()
        print("half written", flush=True)
        time.sleep(60)
        fh.write("END")
""")


def test_a_kill_during_the_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "half written"
        partial = [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
        assert len(partial) == 1 and partial[0].stat().st_size >= 400_000  # the new content was on its way
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == "old report"


def test_an_error_while_writing_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic.open_atomic(target) as fh:
        fh.write(b"new half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


def test_a_new_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        atomic.write_text(tmp_path / "new.html", "x")
        kept = tmp_path / "kept.html"
        kept.write_text("old")
        kept.chmod(0o640)
        atomic.write_text(kept, "new")
    finally:
        os.umask(mask)
    assert (tmp_path / "new.html").stat().st_mode & 0o777 == 0o644
    assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text() == "new"


def test_report_whose_pdf_fails_changes_neither_the_html_nor_the_pdf(sqlite_store: Store, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    scenario.build(sqlite_store)
    html, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    html.write_text("last week's HTML")
    pdf.write_bytes(b"%PDF last week's")

    def broken(*_args: object, **_kwargs: object) -> bytes:
        raise OSError("cannot load pango")

    monkeypatch.setattr("tweetathon.cli.report.render_pdf", broken)
    result = CliRunner().invoke(app, ["report", "--event", "spring", "--db", sqlite_store.url, "--out", str(html),
                                      "--pdf", str(pdf), "--quiet"])
    assert result.exit_code == 2 and "cannot make the PDF: cannot load pango" in result.output
    assert "Traceback" not in result.output
    assert html.read_text() == "last week's HTML" and pdf.read_bytes() == b"%PDF last week's"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("report")) == ["report.html",
                                                                                          "report.pdf"]
    monkeypatch.undo()
    result = CliRunner().invoke(app, ["report", "--event", "spring", "--db", sqlite_store.url, "--out", str(html),
                                      "--pdf", str(pdf), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "last week" not in html.read_text() and pdf.read_bytes().startswith(b"%PDF-")
