"""What text a file holds, as spreadsheets and tools write it: its encoding, its CSV delimiter, or not text at all.

Encodings recognised, in this order: a byte order mark (UTF-8, UTF-16 LE/BE); UTF-16 without one (every other
byte NUL); UTF-8; Windows-1252 (Excel's "CSV" on Windows, a superset of Latin-1's printable characters); and
Latin-1 for anything else. A file whose start decodes to control characters (NUL bytes, other C0 codes) is
binary, not text. Delimiters: comma, semicolon or tab, whichever the header line holds most of (outside quotes);
a comma when it holds none of them.
"""

from __future__ import annotations

import codecs
import re

DELIMITERS = (",", ";", "\t")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_QUOTED = re.compile(r'"(?:[^"]|"")*"')


def detect_encoding(prefix: bytes) -> str:
    """The encoding of a file that starts with `prefix` (see the module docstring)."""
    if prefix.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if prefix.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = prefix[:4096]
    if len(sample) >= 4:
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd > len(sample) * 0.4 // 2 and even == 0:
            return "utf-16-le"
        if even > len(sample) * 0.4 // 2 and odd == 0:
            return "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(prefix, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        prefix.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def is_binary(prefix: bytes, encoding: str) -> bool:
    """Does the start of the file decode to control characters (more than 1 in 100, or any NUL)?"""
    text = prefix.decode(encoding, "replace")
    controls = len(_CONTROL.findall(text))
    return "\x00" in text or controls > len(text) / 100


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a CSV whose first line is `header_line`: the most frequent of , ; TAB outside quotes."""
    bare = _QUOTED.sub("", header_line)
    counts = {d: bare.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","
