"""Writing files whole or not at all: the one way tweetathon writes a file.

Every file is written to a temporary file in the same folder (`.NAME.XXXX.part`), flushed to disk, then renamed
over the target (`os.replace`, atomic on one file system). A kill, a full disk or a renderer that fails leaves
the old file exactly as it was and no half-written one. `write_together` writes several files (a report's HTML
and PDF) so that all of them are replaced or none: every temporary file is complete before the first rename.

    with atomic.open_atomic(out, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    atomic.write_together([(html_path, html_bytes), (pdf_path, pdf_bytes)])
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any


def _mode_for(target: Path) -> int:
    """The permission bits the new file gets: the old file's, else what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _temporary(target: Path) -> tuple[int, Path]:
    descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.chmod(name, _mode_for(target))
    return descriptor, Path(name)


def _discard(path: Path) -> None:
    with suppress(OSError):
        path.unlink()


@contextmanager
def open_atomic(path: Path | str, mode: str = "wb", *, encoding: str | None = None,
                newline: str | None = None) -> Iterator[IO[Any]]:
    """A file object that writes `path` whole: renamed into place when the block ends without an exception."""
    target = Path(path)
    descriptor, temporary = _temporary(target)
    try:
        with os.fdopen(descriptor, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        _discard(temporary)
        raise


def write_bytes(path: Path | str, data: bytes) -> None:
    """`Path.write_bytes`, whole or not at all."""
    with open_atomic(path, "wb") as handle:
        handle.write(data)


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    """`Path.write_text`, whole or not at all (newlines written as given)."""
    with open_atomic(path, "w", encoding=encoding, newline="") as handle:
        handle.write(text)


def write_together(files: Sequence[tuple[Path | str, bytes]]) -> None:
    """Write every (path, content): all temporary files are written and synced first, then renamed, so an error
    or a kill while writing leaves every target as it was."""
    written: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            target = Path(path)
            descriptor, temporary = _temporary(target)
            written.append((temporary, target))
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        for temporary, _ in written:
            _discard(temporary)
        raise
    for temporary, target in written:
        os.replace(temporary, target)


@contextmanager
def folder_atomic(path: Path | str) -> Iterator[Path]:
    """A temporary folder beside `path` to fill; when the block ends without an exception it takes the place of
    `path` (an earlier folder there is moved aside first, then removed). On an error `path` is left as it was."""
    target = Path(path)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:
        yield temporary
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old") if target.exists() else None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(temporary, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
