"""Accuracy and cost of the actor resolver (not the event coder) on gold data outside the repository.

    .venv/bin/python bench/actors.py [--shared ../shared] [--no-timing] [--passes 3] [--write docs/accuracy.md]

Sets: the reference article's gold actor mentions; the PLOVER gold records (actor texts with CAMEO codes);
the PETRARCH-2 gold sentences (actor codes, no spans); the ACLED 2020 sample (`actor1` with its kind);
and the share of extraction time spent resolving actors. Prints Markdown; with --write, replaces the
text between the actors markers of the page (appending them at its end when absent).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from brinkwatch.actors import ActorBase, ActorResolver  # noqa: E402
from brinkwatch.model import Actor  # noqa: E402
from report import publish, time_inside  # noqa: E402

BEGIN, END = "<!-- actors:begin -->", "<!-- actors:end -->"
ARTICLE_DATE, ARTICLE_FOCUS = "2019-08-30", "IRQ"
# Gold mentions that are pronouns or possessives ("its (bases)"): a phrase resolver cannot name them alone.
PRONOUNS = frozenset({"it", "its", "he", "his", "him", "she", "her", "they", "their", "them", "we", "our", "us"})
# CAMEO sector codes in the PLOVER gold -> brinkwatch sectors. REB and INS both mean armed groups
# fighting a state, our "rebel"; UAF (unaligned armed forces) is our "militia"; CIV is a variant spelling
# of CVL. Codes with no counterpart are not scored: ELI (elites), EDU, AGR, SOC, MOS and the other
# religion or ethnic codes, "***", and MED, which these records give to doctors and the Red Cross
# (medical), not to the media (they use JRN for journalists).
CAMEO_SECTORS = {
    "GOV": "government", "MIL": "military", "COP": "police", "REB": "rebel", "INS": "rebel",
    "UAF": "militia", "OPP": "opposition", "LEG": "legislature", "JUD": "judiciary", "SPY": "intelligence",
    "CVL": "civilian", "CIV": "civilian", "REF": "refugee", "JRN": "media", "LAB": "labor",
    "PTY": "party", "CRM": "criminal", "BUS": "business", "REL": "religious",
}
# Old CAMEO country codes that differ from ISO 3166 alpha-3, and the one such code in the ACLED sample.
CAMEO_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ACLED_COUNTRIES = {"ROM": "ROU"}


def share(right: int, total: int) -> str:
    return f"{right}/{total} ({right / total:.2f})" if total else "0/0"


def countries_of(actors: list[Actor]) -> set[str]:
    """What an actor can be matched by: its country, or IGO / NGO for international bodies (as CAMEO codes them)."""
    out = {a.country for a in actors if a.country}
    return out | {a.sector.upper() for a in actors if a.sector in ("igo", "ngo")}


# -- the reference article ----------------------------------------------------------------------
def occurrences(text: str, mentions: list[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    """Every (start, end, mention, gold id) in the text, case kept; a mention inside a longer one is left to it."""
    found = []
    for mention, gold in mentions:
        for match in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", text):
            found.append((match.start(), match.end(), mention, gold))
    found.sort(key=lambda o: (o[0], -(o[1] - o[0])))
    kept: list[tuple[int, int, str, str]] = []
    for occurrence in found:
        if not any(k[0] <= occurrence[0] and occurrence[1] <= k[1] for k in kept):
            kept.append(occurrence)
    return kept


def right_id(actor_id: str | None, gold: str, states: set[str]) -> bool:
    """The gold id itself; for a state, also its country-sector actor, as a demonym inside a longer
    mention ("Israeli drones" -> ISR-MIL) still names the state."""
    if actor_id == gold:
        return True
    return gold in states and actor_id is not None and actor_id.startswith(gold + "-") and len(actor_id.split("-")[1]) == 3


def reference(resolver: ActorResolver, shared: Path) -> list[str]:
    text = (shared / "examples" / "iraq-drones-2019.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "examples" / "iraq-drones-2019.gold.json").read_text(encoding="utf-8"))
    states = {a["id"] for a in gold["actors"] if a.get("kind") == "state"}
    pronouns = [(m, a["id"]) for a in gold["actors"] for m in a["mentions"]
                if m.split()[0].strip("()") in PRONOUNS]  # case kept: "US" is no pronoun
    mentions = [(m, a["id"]) for a in gold["actors"] for m in a["mentions"] if (m, a["id"]) not in pronouns]
    found = occurrences(text, mentions)
    scanned = resolver.find_mentions(text, date=ARTICLE_DATE)
    by_resolve = by_scan = 0
    misses: list[str] = []
    for start, end, mention, gold_id in found:
        actor = resolver.resolve(mention, start, end, date=ARTICLE_DATE, focus_country=ARTICLE_FOCUS)
        hits = [m for m in scanned if m.start < end and start < m.end]
        resolved = right_id(actor.actor_id, gold_id, states)
        seen = any(right_id(m.actor_id, gold_id, states) for m in hits)
        by_resolve += resolved
        by_scan += seen
        if not (resolved and seen):
            scan_ids = ", ".join(f"{m.actor_id} ({text[m.start:m.end]!r})" for m in hits) or "nothing"
            misses.append(f"- `{mention}` at {start} (gold {gold_id}): resolve -> {actor.actor_id or '-'}"
                          f"{'' if resolved else ' (miss)'}; find_mentions -> {scan_ids}{'' if seen else ' (miss)'}")
    lines = ["### Reference article", "",
             f"`examples/iraq-drones-2019.txt` with its gold reading: {len(found)} occurrences of the "
             f"{len(mentions)} listed mention strings (case kept; one inside a longer mention counts once, for the longer). "
             f"Right actor id (for a state, its own country-sector id also counts):", "",
             "| method | right |", "|---|---|",
             f"| `ActorResolver.resolve` on the mention (date {ARTICLE_DATE}, focus {ARTICLE_FOCUS}) | {share(by_resolve, len(found))} |",
             f"| `ActorResolver.find_mentions` over the whole text | {share(by_scan, len(found))} |", "",
             f"Pronoun-like gold mentions left out: {len(pronouns)} ({', '.join(f'`{m}`' for m, _ in pronouns) or 'none'}).", ""]
    return lines + (["Misses:", ""] + misses + [""] if misses else ["No misses.", ""])


# -- PLOVER gold records --------------------------------------------------------------------------
def actor_rows(record: dict[str, Any], side: str) -> list[dict[str, str]]:
    value = record.get(side) or []
    return [a for a in value if isinstance(a, dict) and a.get("actorText")]


def gold_country(code: str) -> str | None:
    """An ISO3 country, IGO or NGO from a CAMEO code; None for codes that name neither ("---", IMG)."""
    head = CAMEO_COUNTRIES.get(code[:3], code[:3])
    if head in ("IGO", "NGO"):
        return head
    return head if re.fullmatch(r"[A-Z]{3}", head) and head not in ("IMG", "ISM") else None


def focus_of(resolver: ActorResolver, texts: list[str]) -> str | None:
    """The most frequent country among the other actor texts, as the pipeline takes it from an article's mentions."""
    counts = Counter(a.country for t in texts for a in [resolver.resolve(t, 0, len(t))] if a.country)
    return counts.most_common(1)[0][0] if counts else None


def plover(resolver: ActorResolver, shared: Path) -> list[str]:
    path = shared / "eval" / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.txt"
    records = [r for r in json.loads(path.read_text(encoding="latin-1")) if r.get("event") != "DOCUMENT"]
    country = [0, 0, 0]  # right with context, right alone, scored
    sector = [0, 0]
    skipped = 0
    misses: Counter = Counter()
    sector_misses: Counter = Counter()
    for record in records:
        actors = actor_rows(record, "source") + actor_rows(record, "target")
        for index, row in enumerate(actors):
            text = row["actorText"].strip()
            others = [a["actorText"] for k, a in enumerate(actors) if k != index]
            actor = resolver.resolve(text, 0, len(text), focus_country=focus_of(resolver, others))
            alone = resolver.resolve(text, 0, len(text))
            code = row.get("code") or ""
            gold = gold_country(code)
            if gold is None:
                skipped += 1
            else:
                country[2] += 1
                country[0] += gold in countries_of([actor])
                country[1] += gold in countries_of([alone])
                if gold not in countries_of([actor]):
                    misses[f"`{text}` {code} -> {actor.country or actor.sector or '-'}"] += 1
            wanted = CAMEO_SECTORS.get((row.get("sector") or "")[:3].upper())
            if wanted is not None and gold not in ("IGO", "NGO"):
                sector[1] += 1
                sector[0] += actor.sector == wanted
                if actor.sector != wanted:
                    sector_misses[f"`{text}` {row['sector']} -> {actor.sector or '-'}"] += 1
    for label, counter in (("country", misses), ("sector", sector_misses)):
        print(f"PLOVER {label} misses: " + "; ".join(f"{m}" + (f" x{n}" if n > 1 else "")
                                                    for m, n in sorted(counter.items())), file=sys.stderr)
    return ["### PLOVER gold records", "",
            f"{len(records)} events from the CAMEO manual; each `actorText` of a source or target resolved on its own "
            "(no date), with the most frequent country of the record's other actor texts as focus country.", "",
            "| measure | right |", "|---|---|",
            f"| country (CAMEO code's first three letters; IGO/NGO match those sectors) | {share(country[0], country[2])} |",
            f"| country, resolved with no focus country | {share(country[1], country[2])} |",
            f"| sector, where the gold sector has a counterpart (not for IGO/NGO codes) | {share(sector[0], sector[1])} |", "",
            f"Codes naming no country (`---`, IMG, ISM) not scored: {skipped}.", "",
            f"Country misses: {sum(misses.values())}; sector misses: {sum(sector_misses.values())} (listed on stderr "
            "when the script runs: the gold actor texts are third-party text and stay out of the repository).", ""]


# -- PETRARCH-2 gold ------------------------------------------------------------------------------
def petrarch_records(path: Path) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(id, text, [(source code, target code)]) per sentence; the file is not well-formed XML, so regexes read it."""
    raw = path.read_text(encoding="utf-8")
    out = []
    for block in re.split(r"(?=<Sentence\b)", raw)[1:]:
        sentence_id = re.search(r'\bid="([^"]*)"', block)
        text = re.search(r"<Text>(.*?)</Text>", block, re.S)
        codings = re.findall(r'<EventCoding[^>]*sourcecode="([^"]*)"[^>]*targetcode="([^"]*)"', block)
        if text and codings:
            out.append((sentence_id.group(1) if sentence_id else "?", " ".join(text.group(1).split()), codings))
    return out


def petrarch(resolver: ActorResolver, shared: Path) -> list[str]:
    records = petrarch_records(shared / "eval" / "petrarch2_gsr_validation" / "PETR2_GSR_validation.xml")
    right = Counter()
    total = Counter()
    misses = []
    for sentence_id, text, codings in records:
        found = countries_of(resolver.find_mentions(text))
        for source, target in codings:
            for role, code in (("source", source), ("target", target)):
                gold = gold_country(code)
                if gold is None:
                    continue
                total[role] += 1
                right[role] += gold in found
                if gold not in found:
                    misses.append(f"{sentence_id} {role} {code} (found {', '.join(sorted(found)) or 'none'})")
    both = sum(right.values()), sum(total.values())
    return ["### PETRARCH-2 gold sentences", "",
            f"{len(records)} sentences with {sum(len(c) for _, _, c in records)} codings. The gold gives codes, not spans, so "
            "`find_mentions` runs over the sentence and a gold country counts as found when one resolved mention "
            "has it (country recall among mentions; codes naming no country are left out).", "",
            "| role | country recall among mentions |", "|---|---|",
            f"| source | {share(right['source'], total['source'])} |",
            f"| target | {share(right['target'], total['target'])} |",
            f"| both | {share(*both)} |", "",
            f"Misses ({len(misses)}): " + "; ".join(misses), ""]


# -- ACLED 2020 sample ----------------------------------------------------------------------------
def acled_kinds() -> dict[str, set[int]]:
    """The ACLED interaction codes (inter1) each of our sectors stands for, from the package's own table
    (data/acled_inter.csv, which names its sources): the code we export it as, and the codes we import
    as it. ACLED: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias, 5 rioters,
    6 protesters, 7 civilians, 8 external or other forces. So militia stands for 3 and 4, protesters for
    5 and 6; a state sector acting outside the row's country is an external force (8), as on export."""
    from brinkwatch.acled import tables

    known = tables()
    kinds = {sector: {code} for sector, code in known.inter.items() if sector.islower()}
    for code, sector in known.sector_of.items():
        kinds.setdefault(sector, set()).add(code)
    return kinds


def acled(resolver: ActorResolver, shared: Path) -> list[str]:
    kinds_of = acled_kinds()
    with open(shared / "eval" / "acled_global_sample_2020" / "acled.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["actor1"]]
    for row in rows:
        row["iso3"] = ACLED_COUNTRIES.get(row["iso3"], row["iso3"])
    names = {r["country"]: r["iso3"] for r in rows if r["iso3"]}
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    country_right = kind_right = both = scored = 0
    misses: Counter = Counter()
    kinds: Counter = Counter()
    for row in rows:
        name, inter = row["actor1"], int(row["inter1"])
        named = pattern.search(name)
        # The gold country: a country the actor's name gives, else the row's country, except for external
        # forces (8), whose country the row does not tell.
        home = row["iso3"] or names.get(row["country"])  # a few rows lack iso3
        gold = names[named.group(1)] if named else (None if inter == 8 else home)
        actor = resolver.resolve(name, 0, len(name), focus_country=home)
        allowed = kinds_of.get(actor.sector or "", set())
        if allowed == {1} and actor.country and actor.country != home:
            allowed = {8}
        kind_ok = inter in allowed
        kind_right += kind_ok
        kinds[(inter, kind_ok)] += 1
        if gold is not None:
            scored += 1
            country_ok = actor.country == gold
            country_right += country_ok
            both += country_ok and kind_ok
            if not country_ok:
                misses[f"`{name}` ({gold}) -> {actor.country or '-'}"] += 1
        if not kind_ok:
            misses[f"`{name}` (inter {inter}) -> {actor.sector or '-'}"] += 1
    worst = misses.most_common(25)
    by_kind = ", ".join(f"{k}: {kinds[(k, True)]}/{kinds[(k, True)] + kinds[(k, False)]}" for k in range(1, 9))
    return ["### ACLED 2020 sample", "",
            f"{len(rows)} rows; `actor1` resolved with the row's country as focus. The gold country is the one the "
            "actor's name gives (\"Protesters (India)\", \"Military Forces of Syria\"), else the row's, except for "
            "external forces (inter 8) whose name gives none (not scored for country).", "",
            "| measure | right |", "|---|---|",
            f"| country | {share(country_right, scored)} |",
            f"| kind (ACLED inter1, from our sector by data/acled_inter.csv) | {share(kind_right, len(rows))} |",
            f"| country and kind (rows with a gold country) | {share(both, scored)} |", "",
            f"Kind right by inter1 code: {by_kind}.", "",
            "Most frequent misses: " + "; ".join(f"{m} x{n}" for m, n in worst), ""]


# -- time spent in actor resolution ---------------------------------------------------------------
def timing(passes: int) -> list[str]:
    articles, total, spent, calls = time_inside(
        [(ActorResolver, "resolve"), (ActorResolver, "find_mentions")], passes)
    return ["### Time spent resolving actors", "",
            f"`Pipeline.from_settings()` over the {articles} sample articles (examples/articles), {passes} passes "
            f"after a warm-up: {total:.2f} s in all, {spent:.3f} s inside `resolve` ({calls['ActorResolver.resolve']} "
            f"calls) and `find_mentions` ({calls['ActorResolver.find_mentions']} calls): **{spent / total:.1%}** of "
            "extraction time.", ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="folder holding examples/ and eval/")
    parser.add_argument("--no-timing", action="store_true", help="skip the extraction timing (it loads the spaCy model)")
    parser.add_argument("--passes", type=int, default=3, help="passes over the sample articles for the timing")
    parser.add_argument("--write", type=Path, default=None, help="replace the generated part of this Markdown file")
    args = parser.parse_args()
    started = time.perf_counter()
    resolver = ActorResolver(ActorBase.load())
    lines = [BEGIN, "## Actor resolution", "",
             "Generated by `.venv/bin/python bench/actors.py --write docs/accuracy.md`: the resolver alone "
             "(`brinkwatch.actors`), not the event coder.", ""]
    lines += reference(resolver, args.shared)
    lines += plover(resolver, args.shared)
    lines += petrarch(resolver, args.shared)
    lines += acled(resolver, args.shared)
    if not args.no_timing:
        lines += timing(args.passes)
    lines += [f"Run time: {time.perf_counter() - started:.0f} s.", END]
    if args.write is not None and args.write.exists():
        page = args.write.read_text(encoding="utf-8")
        if (BEGIN in page) != (END in page):
            sys.exit(f"{args.write} holds only one of {BEGIN} and {END}; fix the page by hand")
        if BEGIN not in page:
            args.write.write_text(page.rstrip("\n") + f"\n\n{BEGIN}\n{END}\n", encoding="utf-8")
    publish("\n".join(lines), args.write, BEGIN, END)


if __name__ == "__main__":
    main()
