"""Where and when an event happened: its place from the gazetteer and the story so far, its date likewise."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from typing import Any, Sequence

from brinkwatch.dates import FULL_DATE, resolve_date
from brinkwatch.frames import Frame
from brinkwatch.gazetteer import normalize
from brinkwatch.model import Actor, Article, Place, Span, TimeRef
from brinkwatch.places import along_road, bare_name, compass_of, directional, facility_kind, haversine_km
from brinkwatch.spans import BEARING, COMPASS_POINT, after_place_word, told_from

FORCE = frozenset({"ASSAULT", "COERCE"})
# "the southern countryside of X", "the southern X countryside", "X's northern countryside": a side of X's land
_SIDE = rf"(?:{COMPASS_POINT})(?:ern)?"
_COUNTRYSIDE = r"(?:countryside|rural\s+areas?)"
_COUNTRYSIDE_OF = re.compile(rf"\b(?:{_SIDE}\s+{_COUNTRYSIDE}|{_COUNTRYSIDE}\s+{_SIDE})\s+of\s+(?:the\s+)?$", re.I)
_COUNTRYSIDE_OWN = re.compile(rf"(?:'s|\u2019s)\s+{_SIDE}\s+{_COUNTRYSIDE}\b", re.I)
_COUNTRYSIDE_WHOLE = re.compile(rf"^(?:the\s+)?{_SIDE}\s+(?:{_COUNTRYSIDE}\s+of\s+.+|.+\s+countryside)$", re.I)
_SIDE_BEFORE = re.compile(rf"\b{_SIDE}\s+$", re.I)
_COUNTRYSIDE_AFTER = re.compile(r"(?:'s)?\s+countryside\b", re.I)
COUNTRYSIDE_KM = 20.0  # how far from a town's (or an area's) point its countryside on one side is placed
# "40 km north of X", "12 miles south-east of the X"
_DISTANCE_OFF = re.compile(rf"\b(?P<km>\d+(?:\.\d+)?)\s?(?P<unit>km|kms|kilomet(?:er|re)s?|miles?)\s+(?:to\s+the\s+)?"
                           rf"{_SIDE}\s+of\s+(?:the\s+)?$", re.I)
DISTANCE_OFF_KM = 150.0  # farther off, the town says little of where the place is
_COMPASS_WORD = re.compile(COMPASS_POINT, re.I)
_PLACE_RANK = {"point": 3, "city": 2, "admin1": 1, "country": 0}
# (but "seized Goma in the remote X province": an unknown name after "in" holds the place)
_HELD_IN = re.compile(r"^\s*(?:in|inside)\b", re.I)
# what stands between a place and the area that says where it is: "Tirupati city (Chittoor", "Tijuana, Baja"
# (or a part of it: "Samana subdivision of Patiala district")
_AREA_AFTER = re.compile(r"^\s*(?:,|\(|(?:sub-?division|sub-?district|tehsil|taluka?|block|mandal|upazila|commune|"
                         r"locality|village|town)\s+of)\s*$", re.I)
# a sentence that opens with its town: "On 8 May 2020, in X, Y, ...", "In X, ..."
_OPENING = re.compile(r"^(?:(?:on|around|as reported on|by)\s[^,]{3,40},\s*)?(?:in|at)\s+"
                      r"(?P<town>[A-Z][^,()]{1,40}?)\s*(?:\([^()]{1,40}\)\s*)?,", re.I)  # ("in X (Y), ...")
_OPENING_KM = 50  # a place the clause names this far from the opening town is a namesake of a quarter of it
_AREA_KM = 100  # a district named after its seat holds towns about this far from the seat
_NAMED_WITH = 40  # characters between a place the gazetteer lacks and the known place named with it
# "Sinjar area west of As-Saan", "X village 8 km north of Y": a place told from a town (after a comma the bearing
# may be wide and is not read: "Tikrit, north of Baghdad")
_TOLD_FROM_TOWN = re.compile(rf"\s*(?:area|village|town|district)?\s*(?:(?:some|about)\s+)?{BEARING}(?:the\s+)?",
                             re.I)
_TOLD_FROM_KM = 40  # a place said to lie off a town lies within a few tens of km of it
_NAMED_AFTER = 60  # ... and the town of the sentence that says where it is ("X area, north of Y district")
_BORDER = re.compile(r"^(?:the\s+)?[A-Z][\w']+-[A-Z][\w']+\s+(?:border|frontier|boundary)$")
# An unresolved place span kept as the event's place text: a short proper name ("Wadi Qirsh", "Qassaa").
_NAME = re.compile(r"^(?:[A-Z][\w'\-]*|al|el|de|of)(?:[\s\-](?:[A-Z][\w'\-]*|al|el|de|of)){0,3}$")
# words that carry a name on: " do Norte", "San ", " Nuevo Guaymas"
_RUNS_ON = re.compile(r"^(?:\s*(?:de|do|da|dos|das|del|di|al|el|[A-Z][\w'\-]*)\s*)*$")
# the words of a name before its last part: "Jabal al-", "Wadi "
_NAME_START = re.compile(r"^(?:[A-Z][\w']*(?:\s+|-)|(?:al|el|ad|ar|as|an|ash|at)(?:\s+|-))+$")
# between a place and the bracket that names its area: nothing, or the word for its kind
_BEFORE_BRACKET = re.compile(r"\s*(?:town|city|village|district|area|camp)?\s*", re.I)
# "from X": where people or arms came from, not where the event is (any "from", where `spans.came_from` reads
# only migrants and the like, for an article's focus)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
# the words before a site: "in X", "outside of X", "north of X" (not "from X", where people came from, nor "a
# puppet of X")
_SITE_BEFORE = re.compile(r"\b(?:in|near|at|outside|inside|around|(?:outside|outskirts|vicinity|km|kilometres|"
                          r"kilometers|miles|(?:north|south)(?:[\s-]?(?:east|west))?|east|west)\s+of)"
                          r"\s+(?:(?:the|a|an)\s+)?"
                          # ("in Tondo, Manila": the town that holds the place named after "in")
                          r"(?-i:(?:[A-Z][\w'\u2019\-]*\s+){0,3}[A-Z][\w'\u2019\-]*,\s*)?$", re.I)
_LOCATIVE_END = re.compile(r"\b(?:in|near|at|outside|inside|around|of|from)\s+(?:(?:the|a|an)\s+)?$", re.I)


class PlaceAndDateReading:
    """Where and when an event happened, for EventResolver (mixed into it): reads its `geocoder`, `actors`,
    `lexicon` and the article's state (`_text`, `_places`, `_spans`, `_named`, the story's last place and date)."""

    def _location(self, frame: Frame, event_type: str, actors: Sequence[Actor], focus: Sequence[str],
                  n_sources: int) -> Place | None:
        self._own_place = False
        if self.geocoder is None:
            return None
        # (a place inside a target that is a thing, known only as its state's, is where the act happened: "patrolled
        # Nigeria's offshore gas platforms", "took three towns of the West Bank")
        # ("shelled the town of Kadugli", "killed people in X": a target known by no name of its own)
        spans = [self._whole(s) for s in frame.places]
        # (nor is the doer's own name its place: "killed in a US airstrike")
        spans = [s for s in spans if not any((_names_actor(s, a, self._text) or i < n_sources and (
            s.start, s.end) == (a.start, a.end)) and not (
            i >= n_sources and (a.actor_id == a.country or a.actor_id is None)) for i, a in enumerate(actors))
            and not piece_of(s, frame.places, ("quarter",))]
        # (a phrase the parse ran across brackets, "a base in Qoryoley (Qoryooley, Lower Shabelle", "Dambulla town
        # (Dambulla, Matale district": the place inside it that the brackets locate, in its stead)
        inner = {o: s for o in spans if "(" in o.text for s in self._spans
                 if o.start <= s.start and s.end < o.end and self._text[s.end:s.end + 2] == " ("}
        spans = [s for s in spans if s not in inner] + list(inner.values())
        spans += [part for o in spans for part in self._chain_parts(o, focus)]
        spans = list({(s.start, s.end): s for s in spans}.values())
        pairs = [(span, place) for span in spans for place in [self._place(span, focus)] if place is not None]
        # (a town that another place of the clause is told from is no site of its own: "in Diyala province, north
        # of Baghdad" is in Diyala)
        pairs = [(span, place) for span, place in pairs if not compass_of(self._text[span.start:span.end])] or pairs
        # (a word cut from a longer name, placed in another country than the clause's other places: "Zawiya" of
        # "the Jabal al-Zawiya front in Idlib countryside")
        whole = {place.country for span, place in pairs if not _piece(span, frame.places)}
        found = [place for span, place in pairs if not _foreign_piece(span, frame.places, place, [*focus, *whole])]
        if all(place.precision == "country" for place in found):
            # the clause names no place, or only a country: a finer place named elsewhere in the sentence, in
            # that country ("police detained activists at a protest in Barnaul"), says where
            countries = {place.country for place in found}
            others = [s for s in map(self._whole, frame.wider_places)
                      if not any(_names_actor(s, a, self._text) for a in actors)
                      and not told_from(self._text, s.start, s.end)]
            # with no place of its own that the gazetteer knows, any place of the sentence (an unknown
            # "Government Palace" keeps its name); with only a country, a finer place in that country
            wider = [place for span in others for place in [self._place(span, focus)] if place is not None
                     and (not found or (place.precision != "country" and place.country in countries))
                     and not _foreign_piece(span, others, place, focus)]
            self._own_place = bool(found)  # only the clause's own place lets an event with no one named count
            spans = spans or others  # a name the gazetteer lacks still says where, at the fallback's precision
            if wider:
                found = wider
        else:
            self._own_place = True
            if all(place.precision in ("country", "admin1") for place in found):
                # the clause names only an area: a town of the sentence inside it says where ("bombed hideouts
                # in X (Y) region of Dahuk": Y, a town of Dahuk)
                # (a first-level area, not a district; and a town other than the area's namesake)
                areas = {(place.country, place.admin1) for place in found
                         if place.precision == "admin1" and place.name == place.admin1}
                found += self._towns_inside(frame, areas, found, focus, actors)[:1]
            if all(along_road(place) for place in found):
                # the clause names only a road named for two towns, which may run hundreds of km ("blocked the
                # X-Y highway ... at Z village (W district)"): a town the sentence names says where
                found += [place for span in frame.wider_places for place in [self._place(self._whole(span), focus)]
                          if place is not None and place.precision in ("city", "point")
                          and place.country in {p.country for p in found}][:1]
        found = self._town_before_its_province(frame, found, focus, actors)
        if found:  # the most precise place named for the event: "Al Hishah (Misrata)" is Al Hishah
            # (of two as precise, the one in the country the others are in: "Lome city (Golfe, Maritime)" is not
            # in a Golfe abroad; then a district before a first-level area, both of "admin1" precision: "X, Sai
            # Buri district of Pattani" is in Sai Buri district)
            named_with = {(s.start, s.end): self._places.get((s.start, s.end)) for s in frame.wider_places}
            countries = Counter(place.country for place in found + list(named_with.values()) if place is not None)
            best = max(found, key=lambda place: (_PLACE_RANK[place.precision], countries[place.country],
                                                 place.precision == "admin1" and place.name != place.admin1))
            best = self._told_from_town(self._opening_town(frame, self._held_place(best)))
            best = self._countryside(self._distance_off(best))
            # (named with it: within a few words of it, "the X neighbourhood of central Damascus", "the X
            # district of western Baghdad", "the X camp near Nablus")
            nearest = next((s for s in spans if self._place(s, focus) is None and _named_place(s.text)
                            and not (best.start <= s.start < best.end)
                            and min(abs(s.start - best.end), abs(best.start - s.end)) <= _NAMED_WITH
                            and not (s.start >= best.end and _HELD_IN.match(self._text[best.end:s.start]))
                            and not self._names_group(s)), None)
            if nearest is not None:
                # "the village of X in western Raqqa", "the Iraqi capital, Al-Saqer", X unknown to the
                # gazetteer: the event is at X, placed by the wider place named with it, whose precision
                # says how far to trust the point
                best = replace(best, text=nearest.text, start=nearest.start, end=nearest.end)
            best = self._seat_of(best)
            if best.precision != "country" and best.country:  # (a region of no one country places no story)
                self._last_place = best
            return best
        # a town the tagger found in the sentence that its parse did not attach ("wounded at a checkpoint outside
        # of Qadis district center")
        # (the towns and first-level areas of the sentence, other than where the news was told or an actor's name)
        sentence = [(s, place) for s in self._sentence_spans(frame) for place in [self._place(s, focus)]
                    if place is not None and place.precision in ("city", "point", "admin1")
                    and not told_from(self._text, s.start, s.end)
                    and not any(_names_actor(s, a, self._text) for a in actors)]
        # (not the area or town in brackets after a town, which holds it: "in X town (Hargeysa, Waqooyi Galbeed)")
        same = [place for s, place in sentence if place.precision in ("city", "point")
                and (_SITE_BEFORE.search(self._text[max(0, s.start - 30):s.start]) or not self._capital(place))
                and not self._bracketed_holder(s, [o for o, _ in sentence])]
        # (when the clause names its own place, one the gazetteer lacks, only a town named right after it or in it:
        # "the X and Y villages of Imam Sahib district", "a base near Erbil airport", not "shelled the village of
        # X ... after rockets hit Idlib")
        unknown = [s for s in spans if _named_place(s.text)]
        if len({(p.name, p.country) for p in same}) == 1 and frame.modality == "asserted" and (
                not unknown or any(0 <= same[0].start - s.end <= _NAMED_AFTER or s.start <= same[0].start < s.end
                                   for s in unknown)):
            return same[0]
        before = [place for start, place in self._named if start < frame.sentence.start
                  and "\n\n" not in self._text[start:frame.trigger.start]]
        if before:  # "in Sao Goncalo, Rio de Janeiro": the town, not the state named after it
            near = [p for p in before if before[-1].start - p.start <= 80]
            before = [self._opening_of(before, max(near, key=lambda p: (_PLACE_RANK[p.precision], -p.start, p.end)))]
        story = max([p for p in (self._last_place, before[-1] if before else None) if p is not None
                     and "\n\n" not in self._text[p.start:frame.trigger.start]], key=lambda p: p.start, default=None)
        if story is not None and frame.modality == "asserted":
            return story  # told after an event placed in a town, or after a town named: the story's place so far
        later = self._said_after(frame)
        if later is not None and frame.modality == "asserted":
            return later
        areas = {(place.name, place.country): place for s, place in sentence if place.precision == "admin1"
                 and place.country and not directional(place.text) and not _FROM_BEFORE.search(
                     self._text[max(0, s.start - 12):s.start])} if frame.modality == "asserted" else {}
        if len(areas) == 1:
            # with no town to go by, the one first-level area the sentence names says more than a country: "in
            # Chora district and the limits of X city, Urozgan" (X unknown to the tagger) is in Urozgan
            return self._seat_of(next(iter(areas.values())))
        # nothing found: where the force was used (the target's country), else the article's main country;
        # a name the gazetteer lacks ("the village of X") stays the place's text, at country precision
        # (aid is delivered where its recipient is)
        targets = [a.country for a in actors[n_sources:] if a.country] \
            if event_type in FORCE | {"AID"} and frame.modality == "asserted" else []
        fallback = targets[:1] or self._place_focus[:1] or list(focus[:1])
        if fallback:
            country = self.geocoder.gazetteer.country(fallback[0])
            if country is not None:
                named = next((s for s in spans if _named_place(s.text)), None)
                text, start, end = (named.text, named.start, named.end) if named is not None else (
                    "", frame.sentence.start, frame.sentence.start)
                return self._at_capital(Place(text, start, end, country.name, country.lat, country.lon,
                                              country.country, None, country.geonameid, "country"))
        return None

    def _chain_parts(self, span: Span, focus: Sequence[str]) -> list[Span]:
        """A chain the parse took for one phrase ("Mrauk-U Town, Mrauk-U Township, Rakhine State, Myanmar troops"):
        its parts that lie inside the area the phrase names whole, of which the most precise will say where. Not
        a bracket's parts, which are read together, nor the part that names the area itself ("Tillaberi" of
        "Anzourou, Tillaberi" is the region)."""
        if ", " not in span.text or "(" in span.text:
            return []
        whole = self._place(span, focus)
        if whole is None or whole.precision not in ("admin1", "country"):
            return []
        own = {normalize(whole.name or ""), normalize(whole.admin1 or "")}
        return [part for part in _comma_parts(span) for place in [self._place(part, focus)]
                if place is not None and place.country == whole.country
                and (whole.precision == "country" or place.admin1 == whole.admin1)
                and normalize(bare_name(part.text)) not in own]

    def _distance_off(self, place: Place) -> Place:
        """"40 km north of Gorom-Gorom": the point that far off the town, in that direction (up to
        `DISTANCE_OFF_KM`); from 10 km off, at an area's precision."""
        if place.precision not in ("city", "point", "admin1") or place.lat is None:
            return place
        found = _DISTANCE_OFF.search(self._text, max(0, place.start - 40), place.start)
        if found is None or not 0 < float(found.group("km")) <= DISTANCE_OFF_KM:
            return place
        km = float(found.group("km")) * (1.609 if found.group("unit").lower().startswith("mi") else 1.0)
        lat, lon = _moved(place.lat, place.lon, found.group(), km)
        return replace(place, lat=lat, lon=lon, precision=place.precision if km < 10 else "admin1")

    def _countryside(self, place: Place) -> Place:
        """"the southern countryside of Idleb", "the eastern Deir-ez-Zor countryside", "Aleppo's northern
        countryside", "the countryside north of Hama": the land on that side of the town or area, placed that far
        from its point (`COUNTRYSIDE_KM`) in that direction, at the area's precision (its villages are rarely in
        the gazetteer; the town's own point is no closer to them). Not its outskirts, which are the town's."""
        if place.precision not in ("city", "admin1") or place.lat is None:
            return place
        text = self._text
        whole = _COUNTRYSIDE_WHOLE.match(text[place.start:place.end])
        before = _COUNTRYSIDE_OF.search(text, max(0, place.start - 40), place.start)
        around = _SIDE_BEFORE.search(text, max(0, place.start - 25), place.start) \
            if _COUNTRYSIDE_AFTER.match(text, place.end) else None
        found = whole or before or around or _COUNTRYSIDE_OWN.match(text, place.end)
        if found is None:
            return place
        lat, lon = _moved(place.lat, place.lon, found.group(), COUNTRYSIDE_KM)
        return replace(place, lat=lat, lon=lon, precision="admin1")

    def _told_from_town(self, place: Place) -> Place:
        """A town named as "X west of Y" lies near Y: read as a namesake in another country, far from Y ("a mine
        exploded in Sinjar area west of As-Saan in Hama countryside" is not in Iraq's Sinjar), X is placed at Y.
        (In the same country X may lie far off: "Tikrit north of Baghdad"; a named base is no namesake.)"""
        told = _TOLD_FROM_TOWN.match(self._text, place.end)
        if place.precision != "city" or place.lat is None or told is None:
            return place
        town = next((p for s in self._spans if s.start == told.end()
                     for p in [self._places.get((s.start, s.end))] if p is not None and p.lat is not None), None)
        if town is None or town.precision not in ("city", "point") or town.country == place.country or \
                haversine_km(town.lat, town.lon, place.lat, place.lon) <= _TOLD_FROM_KM:
            return place
        return replace(town, text=place.text, start=place.start, end=place.end)

    def _said_after(self, frame: Frame) -> Place | None:
        """A place that a later sentence of the paragraph names after a place word, when that sentence tells
        no other kind of event: "Arsonists burned a car. The attack took place in Patras." (the attack retold,
        with no one named as its doer, is the same event). A sequel with a doer of its own counts only when
        its town is the paragraph's one town: a short report of one incident ("Police raided a mosque. Locals
        pelted them with stones in X city.")."""
        end = self._text.find("\n\n", frame.trigger.end)
        end = len(self._text) if end < 0 else end
        later = [(start, place) for start, place in self._named if frame.sentence.end <= start < end]
        towns = {(place.name, place.country) for _, place in later if place.precision in ("city", "point")}
        for start, place in later:
            told = [f for f in self._frames if f.sentence.start <= start < f.sentence.end]
            only_town = len(towns) == 1 and place.precision in ("city", "point")
            if after_place_word(self._text, start) and not any(
                    f.event_type != frame.event_type or (f.sources and not only_town) for f in told):
                return place
        return None

    def _opening_town(self, frame: Frame, place: Place) -> Place:
        """The town a sentence opens with ("On 8 May, in Sao Goncalo, Rio de Janeiro, police raided ...")
        rather than a country the clause names, or a town of the same country far from it that the clause
        names: there the clause's name is a quarter of the opening town, read as a namesake elsewhere. Not in
        told speech ("In Kyiv, officials said missiles hit Lviv"), where the opening town is the teller's."""
        if frame.claimant is not None or place.precision not in ("city", "point", "country") or place.lat is None:
            return place
        head = self._text[frame.sentence.start:min(frame.trigger.start, place.start)]
        opening = _OPENING.match(head)
        if opening is None:
            return place
        start = frame.sentence.start
        town = self._places.get((start + opening.start("town"), start + opening.end("town")))
        if town is None or town.precision != "city" or town.lat is None:
            return place
        if place.precision == "country":
            # ("On 8 June, in Cali, a safe passage was arranged to move families back to Venezuela": the country
            # the clause names is where people go, or the town's own; the opening town is where it happened)
            return town
        if town.country != place.country:
            return place
        return town if haversine_km(town.lat, town.lon, place.lat, place.lon) > _OPENING_KM else place

    def _sentence_spans(self, frame: Frame) -> list[Span]:
        """The article's place spans that lie in the frame's sentence."""
        return [s for s in self._spans if frame.sentence.start <= s.start < frame.sentence.end]

    def _towns_inside(self, frame: Frame, areas: set[tuple[str | None, str | None]], found: Sequence[Place],
                      focus: Sequence[str], actors: Sequence[Actor]) -> list[Place]:
        """The towns of the sentence that lie in `areas` ((country, admin1) pairs), other than those named
        `found` already, nor an actor, nor where something was said."""
        names = {normalize(place.name) for place in found}
        return [place for span in [*frame.wider_places, *self._sentence_spans(frame)]
                for place in [self._place(span, focus)]
                if place is not None and place.precision == "city" and (place.country, place.admin1) in areas
                and normalize(place.name) not in names
                and not any(_names_actor(span, a, self._text) for a in actors)
                and not told_from(self._text, span.start, span.end)]

    def _town_before_its_province(self, frame: Frame, found: list[Place], focus: Sequence[str],
                                  actors: Sequence[Actor]) -> list[Place]:
        """A town named before the province that holds it, where the province's name reads as its seat too, is
        the place: "shelled Tall Refaat and its vicinity in Aleppo", "raided houses in Basira city in eastern
        Deir-ez-Zor countryside" (but not "to Djerba" after "in Medenine (Medenine)": the town comes first).
        So is a district named before its province: "in Hayfan district in southern Yemen (Taizz)" is in
        Hayfan, not in the city of Taizz."""
        provincial = [place for place in found if self._provincial(place)]
        if not provincial:
            return found
        areas = {(place.country, place.admin1) for place in provincial}
        others = [place for place in found if place not in provincial]
        towns = [place for place in others if place.precision in ("city", "point") or _district(place)]
        if not towns and all(place.precision in ("country", "admin1") for place in others):
            towns = self._towns_inside(frame, areas, found, focus, actors)[:1]
            others += towns
        names = {normalize(place.name) for place in provincial}
        if any((town.country, town.admin1) in areas and normalize(town.name) not in names
               and any(town.start < place.start for place in provincial) for town in towns):
            return others
        return found

    def _provincial(self, place: Place) -> bool:
        """A town whose name, as written, is also its province's ("Aleppo", "Idleb", "Ar-Raqqa")."""
        return place.precision == "city" and place.admin1 is not None and any(
            c.feature == "admin1" and c.country == place.country and c.admin1 == place.admin1
            for c in self.geocoder.gazetteer.lookup(place.text))

    def _bracketed_holder(self, span: Span, spans: Sequence[Span]) -> bool:
        """Whether a name stands in the brackets that follow another place name of the sentence, as the area or
        town that holds it: "Hargeysa" in "Baligubadle town (Hargeysa, Waqooyi Galbeed)"."""
        opened = self._text.rfind("(", max(0, span.start - 60), span.start)
        if opened < 0 or ")" in self._text[opened:span.start]:
            return False
        return any(o.end <= opened and _BEFORE_BRACKET.fullmatch(self._text, o.end, opened) for o in spans)

    def _capital(self, place: Place) -> bool:
        """Whether a place is its country's capital, whose name often stands for the government ("a puppet of
        Washington", "released by Kabul")."""
        return any(c.capital for c in self.geocoder.gazetteer.lookup(place.name) if c.geonameid == place.geonameid)

    def _opening_of(self, before: Sequence[Place], place: Place) -> Place:
        """As `_opening_town`, for a place named in an earlier sentence: "In Niteroi, Rio de Janeiro, police
        raided X in the Inga neighbourhood. Two men were shot." happened in Niteroi, not in a town called Inga
        far away."""
        if place.precision not in ("city", "point") or place.lat is None:
            return place
        for town in before:
            if town.start >= place.start or "\n\n" in self._text[town.start:place.start]:
                continue
            stop = self._text.rfind(". ", 0, town.start)
            sentence = max(stop + 2 if stop >= 0 else 0, self._text.rfind("\n", 0, town.start) + 1)
            if town.precision == "city" and town.country == place.country and town.lat is not None and \
                    _OPENING.match(self._text[sentence:town.end] + ",") and \
                    haversine_km(town.lat, town.lon, place.lat, place.lon) > _OPENING_KM:
                return town
        return place

    def _seat_of(self, place: Place) -> Place:
        """An event placed only by its first-level area is mapped at the area's largest town, most often its
        seat, as ACLED maps such events at the provincial capital: a point where the event may well be, where
        the area's middle may be empty land. The precision stays "admin1"; a part of the area named by its
        direction ("western Anbar") keeps the area's middle. A country alone is mapped at its capital."""
        if place.precision == "country" and place.country and not directional(place.text):
            return self._at_capital(place)
        if place.precision != "admin1" or place.lat is None or (
                directional(place.text) and not directional(place.name)):
            return place  # ("western Anbar" is not where Anbar's largest town is)
        area = next((c for c in self.geocoder.gazetteer.lookup(place.name) if c.feature == "admin1"
                     and c.country == place.country and (c.lat, c.lon) == (place.lat, place.lon)), None)
        town = self.geocoder.gazetteer.largest_town(area.country, area.admin1_code) if area is not None else None
        return replace(place, lat=town.lat, lon=town.lon) if town is not None else place

    def _at_capital(self, place: Place) -> Place:
        """An event placed only by its country is mapped at the capital, as ACLED maps national events; the
        precision stays "country" (the country's own point is in the gazetteer, and `brinkwatch geoparse`
        gives it)."""
        capital = self.geocoder.gazetteer.capital(place.country) if place.country else None
        return replace(place, lat=capital.lat, lon=capital.lon) if capital is not None else place

    def _held_place(self, place: Place) -> Place:
        """The place named right before its area: "in Tirupati city (Chittoor district)" and "in Tijuana, Baja
        California" happen in the town, not in the area written after it to say where the town is."""
        while True:
            held = [p for s in self._spans for p in [self._places.get((s.start, s.end))]
                    if p is not None and s.end <= place.start and _AREA_AFTER.match(self._text[s.end:place.start])
                    and p.country == place.country and (p.name, p.precision) != (place.name, place.precision)
                    and _PLACE_RANK[p.precision] >= _PLACE_RANK[place.precision] and _inside(p, place)]
            if not held:
                return place
            place = min(held, key=lambda p: p.start)

    def _names_group(self, span: Any) -> bool:
        """Whether a name is a group's or a person's in the knowledge base ("the Islamic State"), not a place."""
        actor = self.actors.resolve(span.text, span.start, span.end)
        return actor.actor_id is not None and actor.actor_id != actor.country

    def _resolve_places(self, article: Article, frames: Sequence[Frame], focus: Sequence[str],
                        others: Sequence[Span] = ()) -> None:
        """The article's candidate place names, read together as `brinkwatch geoparse` reads a document:
        co-mentioned places settle each other ("Kamianka" beside "Donetsk"), then the countries they point
        to, before the actors', weigh in."""
        if self.geocoder is None:
            return
        named = [s for frame in frames for s in frame.places + frame.wider_places] + list(others)
        # (a word cut from a quarter's name is nothing, here and when an event asks for it alone)
        pieces = {(s.start, s.end) for s in named if piece_of(s, named, ("quarter",))}
        self._places.update(dict.fromkeys(pieces))
        spans = list({(s.start, s.end): s for s in named if not told_from(self._text, s.start, s.end)
                      and (s.start, s.end) not in pieces}.values())
        self._spans = spans
        mentions = [(s.text, s.start, s.end) for s in spans]
        first = self.geocoder.resolve_many(mentions, focus_countries=focus, text=article.text)
        where = self.geocoder.focus_countries(first)
        where += [c for c in focus if c not in where]
        places = self.geocoder.resolve_many(mentions, focus_countries=where, text=article.text)
        self._places.update(((s.start, s.end), place) for s, place in zip(spans, places))

    def _whole(self, span: Span) -> Span:
        """The longest of the article's place names that starts where this one does and is known to the
        gazetteer: "Qala i Naw", of which the parse kept only "Qala"."""
        longer = [s for s in self._spans if s.start == span.start and span.end < s.end <= span.end + 40
                  and self._places.get((s.start, s.end)) is not None]
        if longer and self._places.get((span.start, span.end)) is None:
            return max(longer, key=lambda s: s.end)
        # a name that runs on around it, known whole: "Gaucha" of "Gaucha do Norte", "Carlos" of "San Carlos
        # Nuevo Guaymas" (but "Kabul" of "Kabul province" is the town named)
        around = [s for s in self._spans if s.start <= span.start and span.end <= s.end and s != span
                  and s.end - s.start <= span.end - span.start + 40 and self._places.get((s.start, s.end)) is not None
                  and _RUNS_ON.match(self._text[s.start:span.start]) and _RUNS_ON.match(self._text[span.end:s.end])]
        return max(around, key=lambda s: s.end - s.start) if around else span

    def _venue(self, actor: Actor) -> bool:
        """A town's name, known only as its country's, written right before an event noun: the place the
        event happens in, not a party to it."""
        if self.geocoder is None or actor.actor_id != actor.country or actor.text.endswith(("'s", "’s")):
            return False
        following = re.match(r"[ -]([A-Za-z]+)", self._text[actor.end:actor.end + 30])
        word = following.group(1).lower() if following else ""
        if not word or not any(self.lexicon.triggers_for(w, "noun") for w in (word, word.removesuffix("s"))):
            return False
        # (not a register's village, met by a word's spelling: "their protest" is no protest in Thair)
        found = [c for c in self.geocoder.gazetteer.lookup(actor.text) if not c.village]
        return bool(found) and not any(c.feature in ("country", "region") for c in found)

    def _place(self, span: Any, focus: Sequence[str]) -> Place | None:
        key = (span.start, span.end)
        if key not in self._places:
            self._places[key] = self.geocoder.resolve(span.text, span.start, span.end, focus_countries=focus) \
                if self.geocoder is not None else None
        return self._places[key]

    def _date(self, frame: Frame, article: Article) -> TimeRef | None:
        for span in frame.dates:
            found = resolve_date(span.text, article.published, start=span.start, end=span.end)
            if found is not None:
                if found.precision in ("day", "week") and not frame.since:
                    self._last_date = found  # a background year ("since 2003") is not the story's time
                return found
        if self._last_date is not None and "\n\n" not in self._text[self._last_date.start or 0:frame.trigger.start]:
            # an undated event told after a dated one: the story's time so far ("context"), not the
            # publication date
            last = self._last_date
            return TimeRef(last.text, last.value, last.precision, last.start, last.end, "context")
        told = self._told_date(frame.trigger.start, article.published)
        if told is not None:
            return told
        if article.published:
            return TimeRef(None, article.published, "day", None, None, "published")
        return None

    def _told_date(self, before: int, published: str | None) -> TimeRef | None:
        """The last full date ("2 May 2020", "May 2, 2020") written earlier in the event's paragraph, though
        no event was coded beside it: "On 30 April 2020, police raided a farm. Two men were arrested." """
        paragraph = self._text.rfind("\n\n", 0, before) + 1
        for match in reversed(list(FULL_DATE.finditer(self._text, paragraph, before))):
            found = resolve_date(match.group(), published, start=match.start(), end=match.end())
            if found is not None and found.precision == "day":
                return TimeRef(found.text, found.value, found.precision, found.start, found.end, "context")
        return None


def _comma_parts(span: Span) -> list[Span]:
    """The capitalised parts of a phrase, cut at its commas: "Mrauk-U Town", "Mrauk-U Township", "Rakhine State"."""
    parts, start = [], span.start
    for piece in span.text.split(","):
        name = piece.strip()
        begin = start + piece.index(name) if name else start
        if name[:1].isupper() and (begin, begin + len(name)) != (span.start, span.end):
            parts.append(Span(name, begin, begin + len(name)))
        start += len(piece) + 1
    return parts


def _moved(lat: float, lon: float, said: str, km: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) toward the first point of the compass `said` names ("the southern
    countryside of", "12 miles south-west of")."""
    words = _COMPASS_WORD.search(said).group().lower()
    north = ("north" in words) - ("south" in words)
    east = ("east" in words) - ("west" in words)
    length = math.hypot(north, east) or 1.0
    return (round(lat + km * north / length / 111.2, 5),
            round(lon + km * east / length / (111.2 * math.cos(math.radians(lat))), 5))


def _district(place: Place) -> bool:
    """A second-level area: placed at an area's precision, inside a first-level area of another name."""
    return place.precision == "admin1" and place.admin1 is not None and normalize(place.name) != normalize(place.admin1)


def _inside(inner: Place, outer: Place) -> bool:
    """Whether a place lies in or beside the area named after it: its first-level area, or a town (a district's
    seat) of the same first-level area or nearby."""
    if outer.precision == "admin1":
        return inner.admin1 is not None and inner.admin1 == outer.admin1
    return outer.precision == "city" and None not in (inner.lat, outer.lat) and (
        inner.admin1 is not None and inner.admin1 == outer.admin1
        or haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) <= _AREA_KM)


def _foreign_piece(span: Span, spans: Sequence[Span], place: Place, focus: Sequence[str]) -> bool:
    """A word cut from a longer name that the gazetteer places outside the article's countries: "Adan" of "the
    Adan Ade international airport" in Mogadishu is not Aden, "Zawiya" of "the Jabal al-Zawiya front" in Idlib
    not the Libyan town; nor is a sea cut from a road's name ("Pacific" of "the Pacific road") the place."""
    return (bool(focus) and place.country not in focus or place.country is None) and (
        piece_of(span, spans, ("facility", "quarter")) or _piece(span, spans))


def _piece(span: Span, spans: Sequence[Span]) -> bool:
    """Whether a span ends a longer name it is cut from: "Zawiya" of "the Jabal al-Zawiya front" (not "Mostar"
    of "divided Mostar", nor "Old City" of "Jerusalem's walled Old City")."""
    return any(o.start < span.start and span.end <= o.end and _NAME_START.match(
        re.sub(r"^the\s+", "", o.text[:span.start - o.start], flags=re.I)) for o in spans)


def piece_of(span: Span, spans: Sequence[Span], kinds: tuple[str, ...]) -> bool:
    """A word cut from a longer name of these kinds: "Campina" of "Campina da Barra neighborhood", "Adan" of
    "the Adan Ade international airport" in Mogadishu. Read alone it is some town far away."""
    return any(o.start <= span.start and span.end <= o.end and (o.start, o.end) != (span.start, span.end)
               and facility_kind(o.text) in kinds for o in spans)


def _named_place(text: str) -> bool:
    """A place's own name, with at most "the" before it and a word for its kind after it: "Qassaa",
    "the Askar refugee camp", "the Khadra district"; not "a US convoy" or "al"."""
    core = bare_name(text)
    if _BORDER.match(text.strip()):
        return True  # "the Kenyan-Somali border": no gazetteer entry, but a place all the same
    return bool(_NAME.match(core)) and any(c.isupper() for c in core) and not core.endswith("-")


def _names_actor(span: Any, actor: Actor, text: str) -> bool:
    """Whether a place span is part of an actor's name ("US" in "US forces"), not where the actor was
    ("a policeman in Amara"), nor the place itself acted on ("captured Seoul": the city, not its state),
    nor a place with its area in brackets ("clashed at X (Tripoli)")."""
    if not (actor.start <= span.start < actor.end or span.start <= actor.start < span.end):
        return False
    if (span.start, span.end) == (actor.start, actor.end):
        return False
    before, after = text[actor.start:span.start], text[span.end:actor.end].lstrip()
    if actor.start < span.start and (_LOCATIVE_END.search(before) or before.rstrip().endswith(("(", ","))):
        return False
    return not after.startswith(("(", ","))
