"""Date mentions resolved against the publication date (2019-08-30 was a Friday)."""

from __future__ import annotations

import sys

import pytest

from brinkwatch.dates import resolve_date

PUBLISHED = "2019-08-30"

CASES = [
    ("on August 12", "2019-08-12", "day"),
    ("Aug. 12", "2019-08-12", "day"),
    ("12 August", "2019-08-12", "day"),
    ("August 12, 2019", "2019-08-12", "day"),
    ("the 3rd of March 2011", "2011-03-03", "day"),
    ("2019-08-12", "2019-08-12", "day"),
    ("August 2019", "2019-08", "month"),
    ("in March 2003", "2003-03", "month"),
    ("in 2017", "2017", "year"),
    ("since 2003", "2003", "year"),
    ("mid-2017", "2017", "year"),
    ("in the summer of 2014", "2014", "year"),
    ("last week", "2019-08-19", "week"),
    ("this week", "2019-08-26", "week"),
    ("on Tuesday", "2019-08-27", "day"),
    ("Tuesday night", "2019-08-27", "day"),
    ("Friday", "2019-08-30", "day"),
    ("last Friday", "2019-08-23", "day"),
    ("yesterday", "2019-08-29", "day"),
    ("last night", "2019-08-29", "day"),
    ("today", "2019-08-30", "day"),
    ("two days ago", "2019-08-28", "day"),
    ("last month", "2019-07", "month"),
    ("earlier this month", "2019-08", "month"),
    ("in March", "2019-03", "month"),
    ("December", "2018-12", "month"),
    ("last year", "2018", "year"),
]


@pytest.mark.parametrize(("text", "value", "precision"), CASES, ids=[c[0] for c in CASES])
def test_dates_resolve_with_honest_precision(text, value, precision):
    found = resolve_date(text, PUBLISHED)
    assert found is not None
    assert (found.value, found.precision) == (value, precision)
    assert found.text == text and found.origin == "text"


@pytest.mark.parametrize("text", ["2017", "in 2003", "since 1991"])
def test_dates_year_only_never_becomes_a_day(text):
    assert resolve_date(text, PUBLISHED).precision == "year"


@pytest.mark.parametrize("text", ["recent", "recently", "the last general election", "the 1990s", "sometime",
                                  "", "   ", "February 30", "blue"])
def test_dates_vague_or_unparseable_is_none(text):
    assert resolve_date(text, PUBLISHED) is None


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("next month", "2019-09", "month"),
    ("next week", "2019-09-02", "week"),
    ("next Tuesday", "2019-09-03", "day"),
    ("tomorrow", "2019-08-31", "day"),
    ("on September 3", "2019-09-03", "day"),  # a few days ahead: the coming one, not last year's
])
def test_dates_future_phrases_resolve_forward(text, value, precision):
    found = resolve_date(text, PUBLISHED)
    assert (found.value, found.precision) == (value, precision)


def test_dates_month_day_after_publication_is_last_year():
    assert resolve_date("on December 28", PUBLISHED).value == "2018-12-28"
    assert resolve_date("on December 28", "2020-01-04").value == "2019-12-28"


@pytest.mark.parametrize("text", ["1850", "in 1899", "in 2021", "2025"])
def test_dates_out_of_range_years_are_none(text):
    assert resolve_date(text, PUBLISHED) is None


def test_dates_relative_mentions_need_a_publication_date():
    assert resolve_date("on Tuesday", None) is None
    assert resolve_date("last week", None) is None
    assert resolve_date("August 2019", None).value == "2019-08"


def test_dates_keep_offsets():
    text = "Fighting resumed on Tuesday near the border."
    start = text.index("on Tuesday")
    found = resolve_date("on Tuesday", PUBLISHED, start=start, end=start + len("on Tuesday"))
    assert (found.start, found.end) == (start, start + 10)


def test_dates_fall_back_to_dateparser_for_other_shapes():
    found = resolve_date("12/08/2018", PUBLISHED)
    assert found is not None and found.precision == "day" and found.value.startswith("2018-")


def test_dates_import_does_not_load_dateparser():
    import subprocess

    code = "import sys, brinkwatch.dates; print('dateparser' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("text", ["2 May", "the 2nd of May", "May 2"])
def test_dates_no_year_and_no_publication_date_is_none(text):
    # not this year's 2 May: without a publication date the year is unknown
    assert resolve_date(text, None) is None


@pytest.fixture(scope="module")
def pipeline():
    from brinkwatch.pipeline import Pipeline

    return Pipeline.from_settings()


def _dates(pipeline, text: str) -> list[tuple[str, str | None, str]]:
    from brinkwatch.model import Article

    return [(e.event_type, e.date and e.date.value, e.date and e.date.origin) for e in pipeline.run(Article("d", text))]


def test_dates_opening_date_dates_the_sentence(pipeline):
    # the clause's own date ("a third day") says no day; the date that opens the sentence does
    found = _dates(pipeline, "On 7 May 2021, police used tear gas to disperse a third day of protests by "
                             "market traders in Cotonou.")
    assert found and all(value == "2021-05-07" for _, value, _ in found)


def test_dates_report_dates_what_it_tells(pipeline):
    found = _dates(pipeline, "As reported on 2 May 2021, twelve militants were killed by an airstrike near Qalat.")
    assert ("ASSAULT", "2021-05-02", "text") in found


def test_dates_a_date_told_earlier_in_the_paragraph(pipeline):
    text = "On 30 April 2021, customs officers searched a warehouse in Mombasa. Kenyan police later shot dead two suspects."
    found = _dates(pipeline, text)
    assert ("ASSAULT", "2021-04-30", "context") in found
