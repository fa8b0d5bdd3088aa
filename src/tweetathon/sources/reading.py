"""Reading any file in bounded memory: decompression under size and ratio limits, and records of bounded size.

Every importer reads through here, so memory never grows with the file:
- `open_bytes` opens a file, decompressing gzip and bzip2 (sniffed by magic bytes), and counts what it read;
- `iter_lines` yields the physical lines of a file, each at most `Limits.max_record_bytes`;
- `iter_array_items` yields the items of a top-level JSON array (or of several in a row) one at a time;
- `read_document` reads one whole JSON document (pretty-printed) up to the same record limit.

Limits (see README, "Limits"): a record (a line, an array item, a whole document) longer than `max_record_bytes`
is skipped as one reject ("record too long") and reading goes on after it. A compressed file stops with
`LimitExceeded` when its decompressed size passes `max_decompressed_bytes`, or when, past `RATIO_FLOOR` bytes
decompressed, it expands more than `max_ratio` times (a compression bomb); what was read before stays imported.
"""

from __future__ import annotations

import bz2
import gzip
import io
import os
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MB = 1_000_000
GIB = 1 << 30
RATIO_FLOOR = 64 << 20  # the ratio is judged only once this much is decompressed (small files vary a lot)
CHUNK = 1 << 20
CHECK_EVERY = 16 << 20  # bytes decompressed between two ratio checks
BOM = b"\xef\xbb\xbf"
ENV_MAX_RECORD = "TWEETATHON_MAX_RECORD_BYTES"
ENV_MAX_DECOMPRESSED = "TWEETATHON_MAX_DECOMPRESSED_BYTES"
ENV_MAX_RATIO = "TWEETATHON_MAX_COMPRESSION_RATIO"


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one record and one file may hold (see the module docstring)."""

    max_record_bytes: int = 10 * MB
    max_decompressed_bytes: int = 64 * GIB
    max_ratio: float = 100.0

    @classmethod
    def from_env(cls, max_record_bytes: int | None = None) -> Limits:
        """The defaults, overridden by the TWEETATHON_MAX_* settings, then by an explicit record limit."""
        env = os.environ
        return cls(max_record_bytes=max_record_bytes or int(env.get(ENV_MAX_RECORD) or 10 * MB),
                   max_decompressed_bytes=int(env.get(ENV_MAX_DECOMPRESSED) or 64 * GIB),
                   max_ratio=float(env.get(ENV_MAX_RATIO) or 100.0))


DEFAULT_LIMITS = Limits()


class LimitExceeded(Exception):
    """A whole file is past a limit (decompressed size or ratio): reading it stops here."""


class TooLong:
    """Stands for a record longer than the limit, skipped: where it started and how long it was at least."""

    __slots__ = ("line", "size")

    def __init__(self, line: int, size: int) -> None:
        self.line, self.size = line, size

    def detail(self, limits: Limits) -> str:
        return (f"{self.size:,}+ bytes, over the limit of {limits.max_record_bytes:,} bytes a record; "
                "raise it with --max-record-bytes (or TWEETATHON_MAX_RECORD_BYTES) if the record is genuine")


class Counted:
    """A binary stream that checks the decompressed size and ratio of a compressed file as it is read."""

    def __init__(self, stream: Any, raw: IO[bytes] | None, path: Path, limits: Limits) -> None:
        self.stream, self.raw, self.path, self.limits = stream, raw, path, limits
        self.total = 0
        self._next_check = CHECK_EVERY

    def readline(self, size: int) -> bytes:
        line: bytes = self.stream.readline(size)
        self._count(len(line))
        return line

    def read(self, size: int) -> bytes:
        data: bytes = self.stream.read(size)
        self._count(len(data))
        return data

    def read1(self, size: int) -> bytes:
        """At most `size` bytes, as many as one step of decompression gives (less than asked near an error)."""
        data: bytes = self.stream.read1(size) if hasattr(self.stream, "read1") else self.stream.read(size)
        self._count(len(data))
        return data

    def _count(self, n: int) -> None:
        self.total += n
        if self.raw is None:
            return
        if self.total > self.limits.max_decompressed_bytes:
            raise LimitExceeded(f"{self.path}: decompresses to more than {self.limits.max_decompressed_bytes:,} "
                                "bytes (TWEETATHON_MAX_DECOMPRESSED_BYTES); stopped there")
        if self.total >= self._next_check:
            self._next_check = self.total + CHECK_EVERY
            self.check()

    def check(self) -> None:
        """Raise LimitExceeded when a compressed file expands more than the ratio allows."""
        if self.raw is None:
            return
        packed = max(self.raw.tell(), 1)
        if self.total >= RATIO_FLOOR and self.total / packed > self.limits.max_ratio:
            raise LimitExceeded(f"{self.path}: {packed:,} compressed bytes expanded to {self.total:,} "
                                f"(more than {self.limits.max_ratio:g} times: a compression bomb or a corrupt file); "
                                "stopped there. Raise TWEETATHON_MAX_COMPRESSION_RATIO if the file is genuine")


@contextmanager
def open_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Counted]:
    """The decompressed bytes of `path` (gzip, bzip2 or plain), counted against `limits`."""
    raw = path.open("rb")
    try:
        magic = raw.read(3)
        raw.seek(0)
        stream: gzip.GzipFile | bz2.BZ2File
        if magic[:2] == b"\x1f\x8b":
            stream = gzip.GzipFile(fileobj=raw, mode="rb")
        elif magic == b"BZh":
            stream = bz2.BZ2File(raw, "rb")
        else:
            yield _without_bom(Counted(raw, None, path, limits))
            return
        with stream:
            yield _without_bom(Counted(stream, raw, path, limits))
    finally:
        raw.close()


def _without_bom(fh: Counted) -> Counted:
    """Skip a UTF-8 byte order mark at the start (spreadsheets and Windows tools write one)."""
    if fh.stream.peek(3)[:3] == BOM:
        fh.read(3)
    return fh


def read_prefix(path: Path, size: int, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The first `size` decompressed bytes of a file. A compressed file that is cut off or corrupt further on
    gives what could be read before (reading the whole file reports the problem where it is)."""
    parts: list[bytes] = []
    got = 0
    with open_bytes(path, limits) as fh:
        while got < size:
            try:
                part = fh.read1(min(CHUNK, size - got))
            except (EOFError, OSError, zlib.error):
                if not parts:
                    raise
                break
            if not part:
                break
            parts.append(part)
            got += len(part)
    return b"".join(parts)


def iter_lines(fh: Counted, limits: Limits) -> Iterator[tuple[int, bytes | TooLong]]:
    """(1-based line number, line without its end) for every physical line; a line over the record limit comes
    as TooLong (its bytes are skipped, never held)."""
    cap = limits.max_record_bytes
    number = 0
    while True:
        line = fh.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) > cap and not (len(line) == cap + 1 and line.endswith(b"\n")):
            yield number, TooLong(number, len(line) + _skip_line(fh))
            continue
        yield number, line.rstrip(b"\r\n")


def _skip_line(fh: Counted) -> int:
    """Read past the rest of the current line; the number of bytes skipped."""
    skipped = 0
    while True:
        part = fh.readline(CHUNK)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


_STRUCT = re.compile(rb'["\[\]{}]')
_STRING_BODY = re.compile(rb"(?:[^\"\\]++|\\.)*+", re.DOTALL)
_SPACE_COMMA = re.compile(rb"[\s,]*+")
_SCALAR_END = re.compile(rb"[,\]\s]")
_NON_SPACE = re.compile(rb"\S")


class _ArrayScanner:
    """Splits a stream of JSON arrays into their items without parsing them (strings are skipped whole, in C).

    Memory holds at most one item (up to the record limit) and one chunk: the bytes of an item past the limit are
    dropped as they are scanned, and the item comes out as TooLong.
    """

    def __init__(self, fh: Counted, limits: Limits, initial: bytes = b"") -> None:
        self.fh, self.cap = fh, limits.max_record_bytes
        self.buf = initial
        self.pos = 0
        self.eof = False

    def more(self) -> None:
        """Append the next chunk, dropping what was consumed; ValueError at the end of the file."""
        data = self.fh.read(CHUNK) if not self.eof else b""
        if not data:
            self.eof = True
            raise ValueError("the JSON array is not closed (is the file cut off?)")
        self.buf = self.buf[self.pos:] + data
        self.pos = 0

    def items(self) -> Iterator[bytes | TooLong]:
        """Every item of every top-level array, as its bytes (or TooLong)."""
        number = 0
        while self._open_array():
            while self._skip_separators():
                number += 1
                item = self._item()
                if isinstance(item, TooLong):
                    item.line = number
                yield item

    def _open_array(self) -> bool:
        """Move past the next top-level '['; False at the end of the file."""
        while True:
            found = _NON_SPACE.search(self.buf, self.pos)
            if found is not None:
                if self.buf[found.start():found.start() + 1] != b"[":
                    raise ValueError("expected a JSON array here")
                self.pos = found.start() + 1
                return True
            self.pos = len(self.buf)
            try:
                self.more()
            except ValueError:
                return False

    def _skip_separators(self) -> bool:
        """Move to the start of the next item; False (past the ']') when the array closes."""
        while True:
            self.pos = _SPACE_COMMA.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                break
            self.more()
        if self.buf[self.pos:self.pos + 1] == b"]":
            self.pos += 1
            return False
        return True

    def _item(self) -> bytes | TooLong:
        start = index = self.pos
        depth, in_string, dropped = 0, False, 0
        scalar = self.buf[start:start + 1] not in (b"[", b"{", b'"')
        while True:
            if scalar:
                found = _SCALAR_END.search(self.buf, index)
                if found is not None or self.eof:
                    return self._take(start, found.start() if found else len(self.buf), dropped)
                index = len(self.buf)
            elif in_string:
                index = _STRING_BODY.match(self.buf, index).end()  # type: ignore[union-attr]
                if index < len(self.buf) and self.buf[index:index + 1] == b'"':
                    index, in_string = index + 1, False
                    if depth == 0:
                        return self._take(start, index, dropped)
                    continue
            else:
                found = _STRUCT.search(self.buf, index)
                if found is not None:
                    index, char = found.end(), found.group()
                    if char == b'"':
                        in_string = True
                    else:
                        depth += 1 if char in (b"[", b"{") else -1
                        if depth == 0:
                            return self._take(start, index, dropped)
                    continue
                index = len(self.buf)
            start, index, dropped = self._grow(start, index, dropped)

    def _grow(self, start: int, index: int, dropped: int) -> tuple[int, int, int]:
        """Read more of an unfinished item; past the record limit its scanned bytes are forgotten (counted)."""
        if index - start > self.cap:
            dropped += index - start
            start = index
        self.pos = start
        self.more()
        return 0, index - start, dropped

    def _take(self, start: int, end: int, dropped: int) -> bytes | TooLong:
        self.pos = end
        if dropped or end - start > self.cap:
            return TooLong(0, dropped + end - start)
        return self.buf[start:end]


def iter_array_items(fh: Counted, limits: Limits, initial: bytes = b"") -> Iterator[bytes | TooLong]:
    """The items of the top-level JSON array(s) of a stream (after `initial`, bytes already read from it), one at
    a time, each within the record limit. Raises ValueError when the text is not a JSON array or is cut off."""
    return _ArrayScanner(fh, limits, initial).items()


def read_document(fh: Counted, limits: Limits) -> bytes | TooLong:
    """A whole (pretty-printed) JSON document, or TooLong when it is over the record limit."""
    data = fh.read(limits.max_record_bytes + 1)
    if len(data) <= limits.max_record_bytes:
        return data
    size = len(data)
    del data
    while part := fh.read(CHUNK):
        size += len(part)
    return TooLong(1, size)


class _RawAdapter(io.RawIOBase):
    """A Counted stream as a raw io object, so text readers (CSV) get the same limits."""

    def __init__(self, fh: Counted) -> None:
        super().__init__()
        self.fh = fh

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.fh.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


@contextmanager
def open_text(path: Path, encoding: str = "utf-8", limits: Limits = DEFAULT_LIMITS) -> Iterator[IO[str]]:
    """The decompressed text of `path` in `encoding` (undecodable bytes replaced), counted against `limits`."""
    with open_bytes(path, limits) as fh:
        yield io.TextIOWrapper(io.BufferedReader(_RawAdapter(fh), CHUNK), encoding=encoding, errors="replace",
                               newline="")
