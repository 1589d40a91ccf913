"""Dates: turn a date mention into an absolute value with an honest precision, relative to publication.

"on August 12" in an article of 2019-08-30 is 2019-08-12 (day); "August 2019" is 2019-08 (month); "in 2017"
is 2017 (year) and never a day; "last week" is the Monday of that week (week); "recently" is nothing.
Common shapes are read by regular expressions; anything else goes to `dateparser` (imported on first use,
it is slow to import and to run), relative to the publication date and preferring the past.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from .model import TimeRef

__all__ = ["resolve_date"]

MIN_YEAR = 1900
UPCOMING_DAYS = 14  # "on September 3" in an article of August 30 is the coming one, not last year's

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
             "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
             "sunday": 6, "sun": 6}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
# The month words themselves, for the parse's spans; and a date with its day, month and year, either way
# round, for finding one in running text ("On 30 April 2020, ...")
MONTH_WORDS = frozenset(_MONTHS)
WEEKDAY_WORDS = frozenset(_WEEKDAYS)
_ANY_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
FULL_DATE = re.compile(rf"\b(?:\d{{1,2}}\s+{_ANY_MONTH}\s+\d{{4}}|{_ANY_MONTH}\s+\d{{1,2}},?\s+\d{{4}})\b", re.I)
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"

# Words around a date that do not change it ("on", "in", "early", "the", ...).
_LEADING = re.compile(r"^(?:(?:on|in|at|since|from|by|during|until|till|before|after|around|about|as of|over|"
                      r"starting|beginning|through|throughout|the|of|late|early|mid|earlier|later)\b[\s-]*)+")
_VAGUE = re.compile(r"\b(?:recent(?:ly)?|lately|election|era|period|decades?|centur(?:y|ies)|ages?|once|"
                    r"soon|now|currently|nowadays|future|past|previous|earlier|later|time|times|season|"
                    r"anniversary|holiday|eve|\d{2,4}s)\b")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")),
    ("iso_month", re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$")),
    ("year", re.compile(rf"^{_YEAR}$")),
    ("month_year", re.compile(rf"^{_MONTH},?\s+(?:of\s+)?{_YEAR}$")),
    ("month_day", re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?{_PART_OF_DAY}$")),
    ("day_month", re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?$")),
    ("month", re.compile(rf"^(?P<which>last|this|next|past)?\s*{_MONTH}$")),
    ("weekday", re.compile(rf"^(?P<which>last|this|next|past)?\s*{_WEEKDAY}{_PART_OF_DAY}$")),
    ("relative_day", re.compile(r"^(?P<word>today|tonight|yesterday|tomorrow|day before yesterday|"
                                r"this (?:morning|afternoon|evening)|last night|overnight)$")),
    ("relative_unit", re.compile(r"^(?P<which>last|this|next|past|previous|coming|the past|the previous)\s+"
                                 r"(?P<unit>week|month|year|weekend)$")),
    ("ago", re.compile(r"^(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                       r"\s+(?P<unit>day|week|month|year)s?\s+ago$")),
    ("weekend", re.compile(r"^(?:the\s+)?weekend$")),
    ("day_only", re.compile(r"^(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)$")),
    ("season_year", re.compile(rf"^(?:spring|summer|autumn|fall|winter|first half|second half|"
                               rf"(?:first|second|third|fourth) quarter)\s+(?:of\s+)?{_YEAR}$")),
]


def _published_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def resolve_date(text: str, published: str | None, *, start: int | None = None,
                 end: int | None = None) -> TimeRef | None:
    """The absolute date `text` means in an article published on `published` ("YYYY-MM-DD"), or None.

    None when the mention is vague ("recently"), unparseable, or outside 1900 .. publication + 1 year.
    Relative mentions ("yesterday", "last week", "on Tuesday") need the publication date.
    """
    if not text or not text.strip():
        return None
    found = _resolve_cached(" ".join(text.lower().split()), published[:10] if published else None)
    if found is None:
        return None
    value, precision = found
    return TimeRef(text=text, value=value, precision=precision, start=start, end=end, origin="text")


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, published: str | None) -> tuple[str, str] | None:
    base = _published_date(published)
    stripped = _LEADING.sub("", text.replace("\u2019", "'")).strip(" ,.;:'")
    if not stripped:
        return None
    result = _by_pattern(stripped, base)
    if result is None and not _VAGUE.search(stripped) and re.search(r"\d", stripped):
        result = _by_dateparser(stripped, base)
    if result is None:
        return None
    value, precision = result
    upper = (base or date.today()) + timedelta(days=366)
    if not MIN_YEAR <= value.year or value > upper:
        return None
    return _format(value, precision), precision


def _format(value: date, precision: str) -> str:
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def _by_pattern(text: str, base: date | None) -> tuple[date, str] | None:
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        try:
            return _RULES[kind](groups, base)
        except ValueError:  # "February 30"
            return None
    return None


def _iso(groups: dict, base: date | None) -> tuple[date, str] | None:
    return date(int(groups["year"]), int(groups["month"]), int(groups["day"])), "day"


def _iso_month(groups: dict, base: date | None) -> tuple[date, str] | None:
    return date(int(groups["year"]), int(groups["month"]), 1), "month"


def _year(groups: dict, base: date | None) -> tuple[date, str] | None:
    return date(int(groups["year"]), 1, 1), "year"


def _month_year(groups: dict, base: date | None) -> tuple[date, str] | None:
    return date(int(groups["year"]), _MONTHS[groups["month"]], 1), "month"


def _month_day(groups: dict, base: date | None) -> tuple[date, str] | None:
    month, day = _MONTHS[groups["month"]], int(groups["day"])
    if groups.get("year"):
        return date(int(groups["year"]), month, day), "day"
    if base is None:
        return None
    value = date(base.year, month, day)
    if value > base + timedelta(days=UPCOMING_DAYS):
        value = date(base.year - 1, month, day)
    return value, "day"


def _month(groups: dict, base: date | None) -> tuple[date, str] | None:
    if base is None:
        return None
    month, which = _MONTHS[groups["month"]], groups.get("which")
    if which == "next":
        year = base.year if month > base.month else base.year + 1
    elif which in ("last", "past"):
        year = base.year if month < base.month else base.year - 1
    else:
        year = base.year if month <= base.month else base.year - 1
    return date(year, month, 1), "month"


def _weekday(groups: dict, base: date | None) -> tuple[date, str] | None:
    if base is None:
        return None
    weekday, which = _WEEKDAYS[groups["weekday"]], groups.get("which")
    if which == "next":
        return base + timedelta(days=(weekday - base.weekday() - 1) % 7 + 1), "day"
    back = (base.weekday() - weekday) % 7
    if which in ("last", "past") and back == 0:
        back = 7
    return base - timedelta(days=back), "day"


def _relative_day(groups: dict, base: date | None) -> tuple[date, str] | None:
    if base is None:
        return None
    word = groups["word"]
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "day before yesterday": -2}.get(word, 0)
    return base + timedelta(days=offset), "day"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _relative_unit(groups: dict, base: date | None) -> tuple[date, str] | None:
    if base is None:
        return None
    which, unit = groups["which"].removeprefix("the ").strip(), groups["unit"]
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
    if unit == "weekend":
        # The weekend before the publication date (or this/next one): the week that holds it.
        saturday = base - timedelta(days=(base.weekday() - 5) % 7)
        if step > 0 or (which == "this" and base.weekday() < 5):
            saturday += timedelta(days=7)
        return _monday(saturday), "week"
    if unit == "week":
        return _monday(base) + timedelta(weeks=step), "week"
    if unit == "month":
        return _shift_months(base, step), "month"
    return date(base.year + step, 1, 1), "year"


def _ago(groups: dict, base: date | None) -> tuple[date, str] | None:
    if base is None:
        return None
    count_text = groups["count"]
    count = int(count_text) if count_text.isdigit() else _NUMBERS.get(count_text)
    if count is None:
        return None
    unit = groups["unit"]
    if unit == "day":
        return base - timedelta(days=count), "day"
    if unit == "week":
        return _monday(base - timedelta(weeks=count)), "week"
    if unit == "month":
        return _shift_months(base, -count), "month"
    return date(base.year - count, 1, 1), "year"


def _day_only(groups: dict, base: date | None) -> tuple[date, str] | None:
    """"on the 12th": that day of the publication month, or of the month before if it is still ahead."""
    if base is None:
        return None
    day = int(groups["day"])
    value = date(base.year, base.month, day)
    if value > base + timedelta(days=UPCOMING_DAYS):
        previous = _shift_months(base, -1)
        value = date(previous.year, previous.month, day)
    return value, "day"


def _weekend(groups: dict, base: date | None) -> tuple[date, str] | None:
    return _relative_unit({"which": "last", "unit": "weekend"}, base)


_RULES = {
    "iso": _iso, "iso_month": _iso_month, "year": _year, "month_year": _month_year, "month_day": _month_day,
    "day_month": _month_day, "month": _month, "weekday": _weekday, "relative_day": _relative_day,
    "relative_unit": _relative_unit, "ago": _ago, "weekend": _weekend, "season_year": _year,
    "day_only": _day_only,
}

_PERIODS = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}


def _by_dateparser(text: str, base: date | None) -> tuple[date, str] | None:
    """The fallback for shapes the patterns do not know ("12/08/2019", "the 3rd of March 2011")."""
    from dateparser.date import DateDataParser

    if base is None and not re.search(r"\b\d{4}\b", text):
        return None  # with no publication date, a date without its year is not given this year's
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    data = _parser(tuple(sorted(settings.items())), DateDataParser).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    precision = _PERIODS.get(data.period or "day", "day")
    if precision != "year" and not _mentions_day_or_month(text, precision):
        # dateparser fills a missing day or month from the base date; say only what the text says.
        precision = "year" if not any(m in text for m in _MONTHS) else "month"
    value = data.date_obj.date()
    if precision == "week":
        value = _monday(value)
    return value, precision


def _mentions_day_or_month(text: str, precision: str) -> bool:
    if precision == "month":
        return bool(re.search(r"[a-z]", text)) or bool(re.search(r"\d{1,2}[/.-]\d{4}|\d{4}[/.-]\d{1,2}", text))
    return bool(re.search(r"\d{1,2}\D+\d{1,2}|\d{1,2}(?:st|nd|rd|th)|\b\d{1,2}\b", text)) or any(
        w in text for w in _WEEKDAYS)


@lru_cache(maxsize=8)
def _parser(settings: tuple, factory):  # noqa: ANN001, ANN202 - dateparser's parser, built once per settings
    return factory(languages=["en"], settings=dict(settings))
