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

from brinkwatch.model import Article  # noqa: E402
from brinkwatch.pipeline import Pipeline  # noqa: E402


RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE"}  # PLOVER: both parties are actors, no recipient


def sides(actors) -> set[str]:
    return {a.actor_id for a in actors if a.actor_id} | {a.country for a in actors if a.country}


def role(event, which: str) -> set[str]:
    if event.event_type in RECIPROCAL:
        return sides(event.source + event.target)
    return sides(event.source if which == "source" else event.target)


def main() -> None:
    items = yaml.safe_load((ROOT / "tests" / "corpus" / "events.yaml").read_text(encoding="utf-8"))
    pipeline = Pipeline.from_settings()
    out = ['# kind:item-id<TAB>what the coder produces instead, today (written by bench/known_misses.py)']
    for item in items:
        events = pipeline.run(Article(id=item["id"], text=item["text"], published=item.get("published")))
        got = ", ".join(f"{e.event_type}/{e.modality} {sorted(sides(e.source))}->{sorted(sides(e.target))}"
                        for e in events) or "no event"
        wrong = None
        for want in item.get("events", []):
            found = [e for e in events if e.event_type == want["type"] and e.modality == want.get("modality", "asserted")]
            if not found:
                wrong = f"missing {want['type']}/{want.get('modality', 'asserted')}"
            elif want.get("source_country") and not any(want["source_country"] in role(e, "source") for e in found):
                wrong = f"{want['type']} source is not {want['source_country']}"
            elif want.get("target_country") and not any(want["target_country"] in role(e, "target") for e in found):
                wrong = f"{want['type']} target is not {want['target_country']}"
            if wrong:
                break
        if wrong:
            out.append(f"events:{item['id']}\t{wrong}; coded: {got}")
        leaked = [e.event_type for e in events if e.modality == "asserted" and e.event_type in (item.get("not_events") or [])]
        if leaked:
            out.append(f"not:{item['id']}\tcoded as asserted: {leaked}")
    (ROOT / "tests" / "corpus" / "known_misses.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out) - 1} known misses written")


if __name__ == "__main__":
    main()
