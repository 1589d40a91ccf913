"""`brinkwatch explain`: why a sentence was (or was not) coded, stage by stage."""

from __future__ import annotations

from typing import Any

from .model import Article


def explain_text(text: str, published: str | None, settings: Any) -> str:
    from .pipeline import Pipeline

    pipeline = Pipeline.from_settings(settings)
    work = pipeline.work(Article(id="explain", text=text, published=published))
    lines: list[str] = []
    for sentence in work.parsed:
        lines.append(f"sentence @{sentence.start}: {sentence.text}")
        for token in sentence.doc:
            lines.append(f"  {token.i:>3} {token.text:<16} {token.pos_:<6} {token.dep_:<10} <- {token.head.i:<3} "
                         f"{token.lemma_}{'  [' + token.ent_type_ + ']' if token.ent_type_ else ''}")
    if not work.parsed:
        lines.append("no sentence holds a trigger word, so nothing was parsed or coded")
    lines.append("actors named in the text: " + (", ".join(f"{m.text} -> {m.actor_id or m.country}" for m in work.mentions) or "none"))
    lines.append(f"focus countries: {', '.join(work.focus) or 'none'}")
    for frame in work.frames:
        lines.append(f"frame {frame.event_type}/{frame.mode or '-'} trigger {frame.trigger.text!r} modality {frame.modality}")
        lines.append(f"  sources: {[r.span.text for r in frame.sources]}  targets: {[r.span.text for r in frame.targets]}")
        lines.append(f"  places: {[p.text for p in frame.places]}  dates: {[d.text for d in frame.dates]}")
        lines.append(f"  claimant: {frame.claimant.span.text if frame.claimant else None} ({frame.claim_verb})  why: {', '.join(frame.reasons)}")
    coded = {e.trigger.start for e in work.drafts}
    for frame in work.frames:
        if frame.trigger.start not in coded:
            lines.append(f"not coded: {frame.trigger.text!r} ({frame.event_type}): no known actor on a required side, "
                         f"or the word is part of a name")
    for event in work.events:
        lines.append(f"EVENT {event.event_type} {event.modality}: {[a.actor_id or a.text for a in event.source]} -> "
                     f"{[a.actor_id or a.text for a in event.target]} at {event.location.name if event.location else None} "
                     f"on {event.date.value if event.date else None} ({event.date.origin if event.date else ''})")
    return "\n".join(lines)
