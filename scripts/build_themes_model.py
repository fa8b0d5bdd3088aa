"""Rebuild the shipped themes model from the shipped labelled set (its `train` part only; `heldout` is kept for
the accuracy test). Deterministic: running it again writes the same bytes.

    .venv/bin/python scripts/build_themes_model.py
"""

from __future__ import annotations

from tweetathon.enrich.themes.labelled import SHIPPED_SET, read_examples
from tweetathon.enrich.themes.model import save, train
from tweetathon.enrich.themes.model_file import SHIPPED


def main() -> None:
    examples = read_examples(SHIPPED_SET, split="train")
    save(train(examples), SHIPPED)
    print(f"wrote {SHIPPED} from {len(examples)} labelled posts of {SHIPPED_SET}")


if __name__ == "__main__":
    main()
