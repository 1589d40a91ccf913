"""Rewrite tests/corpus/known_misses.txt: the golden-corpus items the coder gets wrong today, with what
it produces instead. Run after a change to the coder, read the diff, and commit it with the change.

    .venv/bin/python bench/known_misses.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from brinkwatch.model import Article  # noqa: E402
from brinkwatch.pipeline import Pipeline  # noqa: E402
from corpus_check import coded, leaked, what_is_wrong  # noqa: E402


def main() -> None:
    items = yaml.safe_load((ROOT / "tests" / "corpus" / "events.yaml").read_text(encoding="utf-8"))
    pipeline = Pipeline.from_settings()
    out = ['# kind:item-id<TAB>what the coder produces instead, today (written by bench/known_misses.py)']
    for item in items:
        events = pipeline.run(Article(id=item["id"], text=item["text"], published=item.get("published")))
        wrong = what_is_wrong(item, events)
        if wrong:
            out.append(f"events:{item['id']}\t{wrong}; coded: {coded(events)}")
        if leaked(item, events):
            out.append(f"not:{item['id']}\tcoded as asserted: {leaked(item, events)}")
    (ROOT / "tests" / "corpus" / "known_misses.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out) - 1} known misses written")


if __name__ == "__main__":
    main()
