"""Language detection accuracy on lingua's own test sentences (26 languages x 1,000), beside lingua's
published figures for the same sentences (published-sentences-accuracy.csv, column `lingua-high-accuracy`).

All 26,000 sentences are run (no sampling) with the 26 languages of the fixture as the language set. The
per-language table is printed (run pytest with -s to see it) and written to langid-accuracy.csv in the
test's temporary folder.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import require_fixtures
from tweetathon.enrich.language import code_of, detect_texts, to_language


def published(path: Path) -> dict[str, float]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["language"]: float(row["lingua-high-accuracy"]) for row in csv.DictReader(handle)}


def test_accuracy_over_26_languages_at_least_95_percent(tmp_path: Path) -> None:
    folder = require_fixtures("langid")
    files = sorted((folder / "sentences").glob("*.txt"))
    assert len(files) == 26
    codes = tuple(f.stem for f in files)
    theirs = published(folder / "published-sentences-accuracy.csv")
    rows: list[tuple[str, str, int, float, float]] = []
    for path in files:
        sentences = [s for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]
        found = detect_texts(sentences, codes)
        ours = 100 * sum(f == path.stem for f in found) / len(sentences)
        lang = to_language(path.stem)
        name = lang.name.title() if lang else path.stem
        name = "Bokmal" if path.stem == "nb" else name
        rows.append((path.stem, name, len(sentences), ours, theirs.get(name, float("nan"))))
    with (tmp_path / "langid-accuracy.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["code", "language", "sentences", "tweetathon", "lingua_published_high_accuracy"])
        writer.writerows((c, n, k, f"{a:.1f}", f"{b:.1f}") for c, n, k, a, b in rows)
    print(f"\n{'code':5} {'language':12} {'ours':>6} {'lingua':>7}")
    for code, name, _, ours, theirs_value in rows:
        print(f"{code:5} {name:12} {ours:6.1f} {theirs_value:7.1f}")
    mean = sum(r[3] for r in rows) / len(rows)
    print(f"mean  {'':12} {mean:6.1f} {sum(r[4] for r in rows) / len(rows):7.1f}")
    assert all(code_of(to_language(c)) == c for c in codes)
    assert mean >= 95.0, f"mean accuracy {mean:.2f}% < 95%"
