"""Actors: the knowledge base of countries, organisations and people, and the resolver that maps a noun
phrase ("Three Israeli drones", "the crowd", "Abu Ala'a", "the President") to an `Actor`.

Resolution order: a named organisation or person inside the phrase; else a country word with an
institution word ("Iraqi parliament" -> IRQ-LEG); else a bare country, demonym or seat of power
("the Kremlin" -> RUS); else an institution word alone, placed in the article's country when its sector
belongs to a state; else an actor with no id. A title ("the President") names whoever held the office
on the article's date. The knowledge base and its alias scan live in `brinkwatch.actors_base`.
"""

from __future__ import annotations

from brinkwatch.actors_base import ActorBase, Match, day_of
from brinkwatch.actors_data import ActorRecord, Institution, Role
from brinkwatch.actors_text import CURRENCIES, Token, normalize, tokenize
from brinkwatch.model import Actor, check_country

__all__ = ["ActorBase", "ActorRecord", "ActorResolver", "Role", "normalize"]

# Words that end the head of a noun phrase; what follows may still name its country or organisation.
_OF = frozenset({"of", "from", "for"})
_IN = frozenset({"in", "at", "near", "inside", "within", "across", "throughout", "around"})
_BREAKS = _OF | _IN | frozenset({
    "to", "with", "against", "by", "on", "over", "under", "after", "during", "who", "which", "that",
    "whose", "including", "among", "between", "than", "as", "loyal", "while", "when", "where",
})
# "Iran-backed militias", "pro-Iranian fighters": the country is a patron, not the actor's own. "led" is
# not here: in "Vietnamese-led forces" the leader is part of the force, and CAMEO codes it so.
_PATRONS = frozenset({
    "backed", "allied", "aligned", "supported", "sponsored", "funded", "trained", "armed", "linked",
    "affiliated", "leaning", "controlled", "friendly", "installed", "brokered", "supplied", "allies",
    "recognised", "recognized", "mandated", "appointed",
})
STANCES = frozenset({"pro", "anti"})
# "Turkey's Syrian allies", "Iran's proxies": the country is the patron of those named after it.
CLIENTS = frozenset({"ally", "allies", "proxy", "proxies", "client", "clients"})
# "NATO-member Norway": words that make a group a description of the country after them.
_MEMBERSHIP = frozenset({"member", "ally", "partner", "neighbour", "neighbor", "signatory"})
_FORMER = frozenset({"former", "ex", "late", "erstwhile"})
_ETHNIC = frozenset({"ethnic", "ethnically"})
# Words that say little alone: after another institution word, that word gives the sector.
_GENERIC_HEADS = frozenset({
    "leader", "leaders", "chief", "chiefs", "head", "heads", "commander", "commanders", "official", "officials",
    "spokesman", "spokeswoman", "spokesperson", "member", "members", "forces", "force", "fighters", "fighter",
    "coalition", "alliance", "group", "groups", "unit", "units", "men", "figures", "leadership", "officers",
})
_ARMED_HEADS = frozenset({"forces", "force", "fighters", "fighter", "unit", "units", "men"})
# A base belongs to whoever the phrase names before it ("paramilitary bases", "the rebels' base"); with
# nobody named, it is a military's, but no guess at whose.
_PLACE_HEADS = frozenset({
    "base", "bases", "airbase", "airbases", "air base", "air bases", "naval base", "naval bases",
    "military base", "military bases", "army base", "army bases",
})


def _possessed(text: str, token: Token) -> bool:
    """The token ends in a possessive "'s" (kept inside the token, or just after it)."""
    return text[token.start:token.end].endswith(("'s", "\u2019s")) or text[token.end:token.end + 2] in ("'s", "\u2019s")


class ActorResolver:
    """Resolves noun phrases to actors against an `ActorBase`; stateless, so safe to share."""

    def __init__(self, base: ActorBase) -> None:
        self.base = base

    def resolve(self, text: str, start: int, end: int, *, date: str | None = None,
                focus_country: str | None = None) -> Actor:
        """The actor a noun phrase names; `text` is the phrase, `start`/`end` its offsets in the article."""
        check_country(focus_country, f"focus country for {text!r}")
        day = day_of(date)
        kept, scanned = self.base.scan(tokenize(text), any(c.isupper() for c in text), focus_country)
        matches = [m for m in scanned if not m.nonactor]
        covered = {k for m in matches for k in range(m.first, m.first + m.size)}
        split = next((k for k, t in enumerate(kept) if k not in covered and t.key in _BREAKS), len(kept))
        relation = kept[split].key if split < len(kept) else None
        # "ethnic Albanians" names people of a descent, not the state: their country comes from elsewhere
        ethnic = [m for m in matches if m.first < split and self._ethnic(kept, m)]
        matches = [m for m in matches if not self._currency(text, kept, m) and not self._acronym_of_name(text, kept, m)]
        core = [m for m in matches if m.first < split and m not in ethnic]
        tail = [m for m in matches if m.first > split]
        former = any(t.key in _FORMER for t in kept[:split])

        def make(record: ActorRecord) -> Actor:
            country, sector = self.base.affiliation(record, day)
            return Actor(text, start, end, record.id, record.name, country, sector)

        # ("the UN-backed government": the UN is a patron, not the actor; "pro-Houthi forces" are Houthi forces)
        named = [m for m in core if any(r.kind != "country" for r in m.entities())
                 and not self._backed_by(kept, covered, m)]
        # "Osama bin Laden's al-Qaeda network": the possessor says whose it is; the group named after it acts
        named = [m for m in named if not (_possessed(text, kept[m.first + m.size - 1])
                                          and any(o.first > m.first for o in named))]
        # "NATO-member Norway", "EU member Hungary": the country at the head; the group only describes it
        members = [m for m in core if m.first + m.size == split and m.first > 0 and kept[m.first - 1].key in _MEMBERSHIP
                   and any(r.kind == "country" for r in m.entities())]
        if members:
            record = self._pick(members[-1], day, focus_country, countries=True)
            return self._country_actor(text, start, end, kept, members[-1], record)
        institutions = [m for m in core if m.institution is not None and not m.entities()
                        and not (m.first > 0 and kept[m.first - 1].key in STANCES)]
        head = self._head(kept, institutions)
        country = self._country(kept, covered, core, day, focus_country)
        if country is None and relation in _OF | _IN:
            country = self._country(kept, covered, tail, day, focus_country)
        misspelt = None
        if country is None and not any(r.kind != "country" for m in matches for r in m.entities()):
            # "Afganistan", "Quatar's emir": a misspelt country name, tried only when nothing else is known
            known = {k for m in scanned for k in range(m.first, m.first + m.size)}  # "Latin America" too
            misspelt = next((found for k, t in enumerate(kept) if k not in known and t.capitalised
                             for found in [self.base.near_country(t.key)] if found is not None), None)
            country = misspelt
        # 1. a named organisation or person in the head: the longest, then the rightmost
        if named:
            best = max(named, key=lambda m: (m.size, m.first))
            record = self._pick(best, day, focus_country, countries=False)
            if head and head.role and not former and record.kind == "organization" and institutions[-1].first > best.first:
                person = self.base.holder(record.id, head.role, date)
                if person is not None:
                    return make(person)
            actor = make(record)
            if actor.country is None and country is not None and record.sector not in ("igo", "ngo"):
                # a transnational group placed by the phrase: "Islamic State (Iraq)", "ISIS in Syria"
                return Actor(text, start, end, actor.actor_id, actor.name, country.id, actor.sector)
            return actor
        # 2. an institution word: a dated office holder, the organisation it belongs to, or country + sector
        tail_named = [m for m in tail if any(r.kind != "country" for r in m.entities())] if relation in _OF else []
        bodies = [m for m in tail if m.institution is not None or any(r.kind != "country" for r in m.entities())]
        if head is not None and head.sector == "person" and relation in _OF and bodies:
            # "a member of the Syrian parliament", "two men of the militia": the body they belong to
            inner = self.resolve(text[kept[split + 1].start:], start, end, date=date, focus_country=focus_country)
            if inner.sector is not None:
                return Actor(text, start, end, inner.actor_id, inner.name, inner.country, inner.sector)
        if head is not None and self._proper_name(kept, covered, institutions[-1]):
            # an unknown named unit ("the Hamza Division", "National Resistance Forces"): no guessed country
            return Actor(text, start, end, None, None, country.id if country else None, head.sector)
        if head is not None:
            organization = self._pick(tail_named[0], day, focus_country, countries=False) if tail_named else None
            scope = organization.id if organization else country.id if country else focus_country
            # "President Goukouni Oueddei": a title before a name we lack is that person, not the incumbent
            titled = self._names_someone(kept, covered, institutions[-1])
            if head.role and not former and not titled and scope is not None:
                person = self.base.holder(scope, head.role, date)
                if person is not None:
                    return make(person)
            if organization is not None and country is None:
                return make(organization)
            iso3 = country.id if country else None
            place = self._words(kept, institutions[-1]) in _PLACE_HEADS  # "the military base": where, not who
            # "Kurdish forces", "Moslem forces": an armed group of a people we cannot place is not the focus
            # country's army; CAMEO codes it as that country's rebels
            unplaced = any(t.capitalised and k not in covered and t.key.isalpha() and t.key not in ("the", "a", "an")
                           for k, t in enumerate(kept[:institutions[-1].first]))  # not a code name ("K1 base")
            sector = head.sector
            if iso3 is None and focus_country and self.base.is_national(head.sector) and not place:
                iso3 = focus_country
                sector = "rebel" if unplaced and head.sector in ("military", "police") else head.sector
            sector = "civilian" if sector == "person" and iso3 else sector  # "two Syrian men"
            return self._generic(text, start, end, iso3, sector)
        # 3. a bare country, demonym or seat of power; 4. "one of Hezbollah's", "a town in Syria"; 5. unknown
        core_countries = [m for m in core if m.entities() and not self._patron(kept, covered, m)]
        people = [m for m in core_countries if any(e.how == "plural" for e in m.entries)]
        if people and people[-1] is core_countries[-1]:
            # "Bosnian Serbs", "Syrian Armenians": a people named by the country they live in; "the Albanians of
            # southern Serbia": by the place after "of" (CAMEO's residence convention)
            before = [m for m in core_countries if m.first + m.size == people[-1].first and m not in people]
            home = self._pick(before[-1], day, focus_country, countries=True) if before else (
                self._country(kept, covered, tail, day, focus_country) if relation in _OF else None)
            if home is not None and home.id != self._pick(people[-1], day, focus_country, countries=True).id:
                return self._generic(text, start, end, home.id, "civilian")
        if core_countries:
            match = core_countries[-1]
            record = self._pick(match, day, focus_country, countries=True)
            return self._country_actor(text, start, end, kept, match, record)
        if tail_named:
            return make(self._pick(tail_named[0], day, focus_country, countries=False))
        if ethnic:
            return self._generic(text, start, end, country.id if country else focus_country, "civilian")
        if misspelt is not None:
            return Actor(text, start, end, misspelt.id, misspelt.name, misspelt.id, misspelt.sector)
        if country is not None:
            return Actor(text, start, end, None, None, country.id, None)
        return Actor(text, start, end)

    def find_mentions(self, text: str, *, date: str | None = None) -> list[Actor]:
        """Every known actor named in `text`, longest alias first and without overlaps, in text order.

        A country word directly followed by an institution word becomes one country-sector actor
        ("Iraqi troops" -> IRQ-MIL). Bare institution words are left to `resolve`.
        """
        day = day_of(date)
        kept, matches = self.base.scan(tokenize(text), any(c.isupper() for c in text), None, contested=True)
        covered = {k for m in matches for k in range(m.first, m.first + m.size)}
        found: list[Actor] = []
        contested: set[int] = set()
        for index, match in enumerate(matches):
            records = match.entities()
            if match.nonactor or not records:
                continue
            record = self.base.choose(records, day, None)
            if record.kind == "country" and (self._ethnic(kept, match) or self._currency(text, kept, match)):
                continue
            following = matches[index + 1] if index + 1 < len(matches) else None
            if (record.kind == "country" and following is not None and following.first == match.first + match.size
                    and following.institution is not None and not following.entities()
                    and not self._patron(kept, covered, match)):
                sector = following.institution.sector
                generic = self.base.get(f"{record.id}-{self.base.sector_code('civilian' if sector == 'person' else sector)}")
                if generic is not None:
                    found.append(Actor(text[match.start:following.end], match.start, following.end, generic.id,
                                       generic.name, record.id, generic.sector))
                    continue
            span = text[match.start:match.end]
            if record.kind == "country":
                found.append(self._country_actor(span, match.start, match.end, kept, match, record))
            else:
                country, sector = self.base.affiliation(record, day)
                found.append(Actor(span, match.start, match.end, record.id, record.name, country, sector))
                if all(e.contested for e in match.entries if e.record is not None):
                    contested.add(match.start)
        # An alias that is also a common phrase ("the crowd" for Iraq's Popular Mobilization Forces) names
        # that actor only in an article that speaks of its country by other words
        named = {a.country for a in found if a.start not in contested and a.country}
        return [a for a in found if a.start not in contested or a.country in named]

    # ---- helpers

    def _pick(self, match: Match, day: str | None, focus: str | None, *, countries: bool) -> ActorRecord:
        records = [r for r in match.entities() if (r.kind == "country") == countries] or match.entities()
        return self.base.choose(records, day, focus)

    @staticmethod
    def _proper_name(kept: list[Token], covered: set[int], head: Match) -> bool:
        """A capitalised head word right after a capitalised word we do not know: a name we lack."""
        before = head.first - 1
        if before < 0 or before in covered or not kept[head.first].capitalised:
            return False
        word = kept[before]
        return word.capitalised and not word.exact.isupper() and word.key not in _BREAKS and word.key != "the"

    @staticmethod
    def _backed_by(kept: list[Token], covered: set[int], match: Match) -> bool:
        """"Iran-backed", "UN-recognised": the name is joined to a word of support. "US armed forces" is no
        patron: there "armed" belongs to a phrase of its own."""
        after = match.first + match.size
        return after < len(kept) and kept[after].key in _PATRONS and kept[after].joined and after not in covered

    @classmethod
    def _patron(cls, kept: list[Token], covered: set[int], match: Match) -> bool:
        """"Iran-backed", "pro-Iranian", "Turkey's Syrian allies", "US allies": the country supports the actor."""
        after = match.first + match.size
        return cls._backed_by(kept, covered, match) or (match.first > 0 and kept[match.first - 1].key in STANCES) \
            or any(t.key in CLIENTS for t in kept[after:after + 2])

    @staticmethod
    def _ethnic(kept: list[Token], match: Match) -> bool:
        records = match.entities()
        return match.first > 0 and kept[match.first - 1].key in _ETHNIC and bool(records) and all(r.kind == "country" for r in records)

    @staticmethod
    def _acronym_of_name(text: str, kept: list[Token], match: Match) -> bool:
        """"Kenya Kitchen Keepers (AKK)": a bracketed acronym after a name abbreviates that
        name; it is not the person known by the same letters."""
        token = kept[match.first]
        return (match.size == 1 and match.first > 0 and kept[match.first - 1].capitalised
                and text[token.start - 1:token.start] == "(" and text[token.end:token.end + 1] == ")"
                and all(r.kind == "person" for r in match.entities()))

    @staticmethod
    def _currency(text: str, kept: list[Token], match: Match) -> bool:
        """"the US dollar", "Syrian pounds", "US $50 million": a country word naming a currency."""
        after = match.first + match.size
        named = after < len(kept) and kept[after].key in CURRENCIES
        signed = text[match.end:match.end + 2].lstrip().startswith(("$", "€", "£", "¥"))
        return (named or signed) and all(r.kind == "country" for r in match.entities())

    @staticmethod
    def _names_someone(kept: list[Token], covered: set[int], head: Match) -> bool:
        """A title followed by a capitalised word we do not know: "President Goukouni Oueddei"."""
        after = head.first + head.size
        return (after < len(kept) and after not in covered and kept[after].capitalised and kept[after].joined
                and kept[after].key not in _BREAKS)

    @staticmethod
    def _words(kept: list[Token], match: Match) -> str:
        return " ".join(t.key for t in kept[match.first:match.first + match.size])

    @staticmethod
    def _head(kept: list[Token], institutions: list[Match]) -> Institution | None:
        """The last institution word; a general word ("leaders", "forces", "coalition") right after another
        institution word takes that word's sector: "rebel leaders", "police chief", "opposition coalition"."""
        if not institutions:
            return None
        last = institutions[-1]
        head = last.institution
        assert head is not None
        words = ActorResolver._words(kept, last)
        if words in _PLACE_HEADS and len(institutions) > 1:
            return institutions[-2].institution
        if len(institutions) < 2 or institutions[-2].first + institutions[-2].size != last.first:
            return head
        modifier = institutions[-2].institution
        if modifier is None or words not in _GENERIC_HEADS or modifier.sector in ("government", head.sector):
            return head
        # armed words after "opposition" name fighters, not politicians: "opposition forces"
        sector = "rebel" if modifier.sector == "opposition" and words in _ARMED_HEADS else modifier.sector
        return Institution(f"{modifier.phrase} {head.phrase}", sector, None, "brinkwatch: a modifier's sector")

    def _country(self, kept: list[Token], covered: set[int], matches: list[Match], day: str | None,
                 focus: str | None) -> ActorRecord | None:
        """The rightmost country named (not as a patron) among `matches`."""
        for match in reversed(matches):
            if any(r.kind == "country" for r in match.entities()) and not self._patron(kept, covered, match):
                return self._pick(match, day, focus, countries=True)
        return None

    def _generic(self, text: str, start: int, end: int, iso3: str | None, sector: str) -> Actor:
        """The country-sector actor ("IRQ-CVL"), or an actor with only a sector when no country is known."""
        generic = self.base.get(f"{iso3}-{self.base.sector_code(sector)}") if iso3 else None
        if generic is None:
            return Actor(text, start, end, None, None, None, sector)
        return Actor(text, start, end, generic.id, generic.name, iso3, generic.sector)

    def _country_actor(self, text: str, start: int, end: int, kept: list[Token], match: Match,
                       record: ActorRecord) -> Actor:
        """A bare country word: the state, except a plural demonym for people ("two Iraqis") -> civilians."""
        plural = any(e.how == "plural" and e.record is record for e in match.entries)
        after_the = match.first > 0 and kept[match.first - 1].key == "the"
        if plural and not after_the:
            generic = self.base.get(f"{record.id}-{self.base.sector_code('civilian')}")
            if generic is not None:
                return Actor(text, start, end, generic.id, generic.name, record.id, generic.sector)
        return Actor(text, start, end, record.id, record.name, record.id, record.sector)
