"""Memory of an import is bounded by a constant: a generated 1 GB twarc2 file imports under 150 MB peak.

The peak is the resident set (ru_maxrss) of the real `tweetathon import` process, read with `resource` by a small
Python parent process that does nothing else (the test process itself may have had other children).

Why this file: 1 GB of ordinary pages would be ~700,000 tweets and take many minutes on two cores, so the file is
~1,000 response pages of 10 tweets, each tweet legal (within the record limit) but made large by a 100 kB
`source` string. Every byte is still read, parsed, mapped, checked, compressed and stored as each tweet's raw
payload, so what grows with the input (reading, batches, the raw payloads) is exercised in full; it runs in
~20-40 s here. The pages are written from one template, so generating the file takes a few seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

BOUND_MB = 150
TWEETATHON = str(Path(sys.executable).parent / "tweetathon")
MEASURE = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
           "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def write_large_twarc2(path: Path, target_bytes: int, per_page: int = 10, bulk: int = 100_000) -> int:
    """A twarc2 file of about `target_bytes`: pages of `per_page` distinct tweets with a `bulk`-byte `source`."""
    source = ("Tweetathon test client " * (bulk // 23 + 1))[:bulk]
    users = [{"id": str(1 + k), "username": f"unit{k}", "public_metrics": {"followers_count": 100 + k}}
             for k in range(per_page)]
    written = pages = 0
    with path.open("wb") as fh:
        while written < target_bytes:
            base = 1_600_000_000_000_000_000 + pages * per_page
            data = [{"id": str(base + k), "author_id": str(1 + k), "text": f"Update {base + k} #poltwt",
                     "created_at": "2023-03-22T08:00:00.000Z", "lang": "en", "source": source}
                    for k in range(per_page)]
            line = orjson.dumps({"data": data, "includes": {"users": users},
                                 "__twarc": {"retrieved_at": "2023-03-23T00:00:00+00:00"}}) + b"\n"
            fh.write(line)
            written, pages = written + len(line), pages + 1
    return pages * per_page


def peak_import_mb(path: Path, db: Path) -> tuple[int, float]:
    """(exit status, peak resident MB) of `tweetathon import path` into a new SQLite file."""
    env = {**os.environ, "TWEETATHON_DB": str(db)}
    out = subprocess.run([sys.executable, "-c", MEASURE, TWEETATHON, "import", str(path), "--json"], env=env,
                         capture_output=True, text=True, check=True, timeout=600).stdout.split()
    return int(out[0]), int(out[1]) / 1024


@pytest.mark.slow
def test_a_1_gb_file_imports_in_bounded_memory(tmp_path: Path) -> None:
    data = tmp_path / "large.jsonl"
    tweets = write_large_twarc2(data, 1_000_000_000)
    db = tmp_path / "t.db"
    code, peak = peak_import_mb(data, db)
    data.unlink()
    print(f"\nimport of a 1 GB twarc2 file ({tweets:,} tweets): peak resident memory {peak:.0f} MB")
    assert code == 0
    stats = subprocess.run([TWEETATHON, "stats", "--json", "--db", str(db)], capture_output=True, text=True,
                           check=True).stdout
    assert orjson.loads(stats)["posts"] == tweets
    assert peak < BOUND_MB
