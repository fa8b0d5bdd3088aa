"""Unwrap recorded HTTP exchanges (vcrpy YAML/JSON cassettes, R vcr YAML) into the response bodies they hold.

Bodies may be plain strings, bytes (YAML `!!binary`, i.e. base64), gzip-compressed, or base64 text. A v2 body
is written as a twarc2 line with `__twarc` (the request URL and the response's `date` header as the
retrieval time), which is what twarc itself records around every response.
"""

from __future__ import annotations

import base64
import binascii
import gzip
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import orjson
import yaml


def interactions(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    doc = orjson.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    return list(doc.get("interactions") or doc.get("http_interactions") or [])


def body_bytes(interaction: dict[str, Any]) -> bytes:
    """The response body as the server sent it, decompressed."""
    body = interaction["response"]["body"]
    value = body.get("string", "") if isinstance(body, dict) else body
    data = value if isinstance(value, bytes) else str(value).encode("utf-8")
    if isinstance(body, dict) and body.get("base64_string"):
        data = base64.b64decode(body["base64_string"])
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if data and data[:1] not in (b"{", b"[") and data.strip():
        try:
            decoded = base64.b64decode(data, validate=True)
        except binascii.Error:
            return data
        return gzip.decompress(decoded) if decoded[:2] == b"\x1f\x8b" else decoded
    return data


def response_date(interaction: dict[str, Any]) -> str | None:
    headers = interaction["response"].get("headers") or {}
    for key, value in headers.items():
        if key.lower() == "date":
            first = value[0] if isinstance(value, list) else value
            return parsedate_to_datetime(first.replace(" UTC", " GMT")).isoformat()
    return None


def request_uri(interaction: dict[str, Any]) -> str:
    return str(interaction["request"]["uri"])


def bodies(path: Path) -> list[Any]:
    """Every response body of a cassette, parsed as JSON (empty bodies skipped)."""
    return [orjson.loads(b) for b in (body_bytes(i) for i in interactions(path)) if b.strip()]


def write_v1_file(cassette: Path, out: Path) -> Path:
    """The v1.1 bodies of `cassette` as JSON Lines (one response per line), as a capture script saves them."""
    out.write_bytes(b"".join(orjson.dumps(b) + b"\n" for b in bodies(cassette)))
    return out


def write_twarc2_file(cassette: Path, out: Path) -> Path:
    """The v2 bodies of `cassette` as twarc2 lines, each with `__twarc` url and retrieval time."""
    lines = []
    for interaction in interactions(cassette):
        raw = body_bytes(interaction)
        if not raw.strip():
            continue
        page = orjson.loads(raw)
        page["__twarc"] = {"url": request_uri(interaction), "retrieved_at": response_date(interaction)}
        lines.append(orjson.dumps(page) + b"\n")
    out.write_bytes(b"".join(lines))
    return out
