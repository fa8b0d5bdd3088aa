"""Accuracy of purposes and themes on the shipped labelled set (src/tweetathon/enrich/themes/data/labelled.jsonl).

1. Held out: the shipped model (trained on the `train` part) on the `heldout` part (a fifth, chosen by a hash of
   the text, never trained or tuned on): macro-F1 of purpose, precision and recall of each theme.
2. Cross-validated: what `tweetathon themes train` learns from the whole set, 5 folds (shuffled, seed 0):
   macro-F1 of purpose, and micro-F1 of themes, over the five held-out folds.
Peer: the seed rules alone (no model; purpose = the majority class), in the same run.

    .venv/bin/python benchmarks/themes_accuracy.py
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import KFold

from tweetathon.enrich.themes import rules
from tweetathon.enrich.themes.classify import classify
from tweetathon.enrich.themes.labelled import SHIPPED_SET, read_examples
from tweetathon.enrich.themes.model import Example, train
from tweetathon.enrich.themes.model_file import load


def theme_table(truth: Sequence[Example], found: Sequence[list[str]]) -> None:
    names = sorted({t for e in truth for t in e.themes or ()})
    print(f"{'theme':20} {'posts':>5} {'precision':>9} {'recall':>6}")
    for name in names:
        expected = [name in (e.themes or ()) for e in truth]
        got = [name in f for f in found]
        print(f"{name:20} {sum(expected):5} {precision_score(expected, got, zero_division=0):9.2f} "
              f"{recall_score(expected, got, zero_division=0):6.2f}")


def held_out() -> None:
    examples = read_examples(SHIPPED_SET, split="heldout")
    start, cpu = time.perf_counter(), time.process_time()
    found = classify([e.text for e in examples], load())
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    purpose = f1_score([e.purpose for e in examples], [f.purpose for f in found], average="macro")
    print(f"held out: {len(examples)} posts, purpose macro-F1 {purpose:.3f} "
          f"(classified in {wall:.2f} s wall, {cpu:.2f} s CPU, the model loaded before)")
    theme_table(examples, [f.theme_ids() for f in found])
    ruled = [list(rules.matches(e.text)) for e in examples]
    print("peer, seed rules alone:")
    theme_table(examples, ruled)


def cross_validated() -> None:
    examples = read_examples(SHIPPED_SET)
    truth_p: list[str] = []
    found_p: list[str] = []
    truth_t: list[set[str]] = []
    found_t: list[set[str]] = []
    for train_idx, test_idx in KFold(5, shuffle=True, random_state=0).split(examples):
        model = train([examples[i] for i in train_idx])
        tested = [examples[i] for i in test_idx]
        found = classify([e.text for e in tested], model)
        truth_p += [str(e.purpose) for e in tested]
        found_p += [str(f.purpose) for f in found]
        truth_t += [set(e.themes or ()) for e in tested]
        found_t += [set(f.theme_ids()) for f in found]
    tp = sum(len(a & b) for a, b in zip(truth_t, found_t, strict=True))
    micro = 2 * tp / (sum(map(len, truth_t)) + sum(map(len, found_t)))
    print(f"5-fold cross-validated `themes train` on {len(examples)} posts: purpose macro-F1 "
          f"{f1_score(truth_p, found_p, average='macro'):.3f}, themes micro-F1 {micro:.3f}")


if __name__ == "__main__":
    held_out()
    cross_validated()
