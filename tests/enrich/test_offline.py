"""What was said works with the network blocked: any socket to a non-loopback address, from this process, fails
the test (Apertium runs as a local child process, which reads only its installed pair files)."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tweetathon.cli import app
from tweetathon.enrich.language import detect_undeclared, language_set
from tweetathon.enrich.sentiment import score
from tweetathon.enrich.themes.classify import classify
from tweetathon.enrich.themes.model_file import load
from tweetathon.enrich.translate.apertium import Apertium

runner = CliRunner()
attempts: list[Any] = []


def _loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return isinstance(address, str | bytes)  # a Unix socket path


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> None:
        if not _loopback(address):
            attempts.append(address)
            raise OSError(f"network blocked in this test: {address!r}")
        real(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded)


def test_only_loopback_is_allowed() -> None:
    assert not _loopback(("192.0.2.1", 80)) and not _loopback(("2001:db8::1", 443, 0, 0))
    assert _loopback(("127.0.0.1", 5432)) and _loopback(("::1", 80, 0, 0))


def test_themes_sentiment_and_languages_work_offline(no_network: None, tmp_path: Path) -> None:
    attempts.clear()
    with pytest.raises(OSError, match="network blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    attempts.clear()
    found = classify(["Have you seen missing Amy, 12? Call 101"], load())
    assert found[0].purpose == "appeal"
    assert score("Thank you, brilliant work!", "en").label == "positive"
    assert detect_undeclared(["Lögreglan á Suðurnesjum"], language_set()) == ["is"]
    assert "witnesses" in Apertium().translate(["Buscamos testigos"], "es", "en")[0]  # a local process
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "Meet our police dog", "purpose": "engage", "themes": ["police_animals"]}\n' * 3
                   + '{"text": "Road closed after a crash", "purpose": "inform", "themes": []}\n' * 3)
    assert runner.invoke(app, ["themes", "train", str(src), "--out", str(tmp_path / "m")]).exit_code == 0
    assert runner.invoke(app, ["themes", "classify", str(src), "--json", "--model", str(tmp_path / "m")]
                         ).exit_code == 0
    assert attempts == []
