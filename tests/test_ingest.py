"""Ingest: every format, folders with metadata, stdin, and every kind of bad input as a Failure."""

from __future__ import annotations

import io
import json
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brinkwatch import ingest
from brinkwatch.errors import InputError, LanguageError
from brinkwatch.ingest import ReadResult, guess_language, make_article, read_all, read_path, read_text_stream
from brinkwatch.ingest_formats import decode, parse_published
from brinkwatch.model import Article, Failure

TALKS = "The foreign ministers met in the capital on Monday and said that the talks would go on next week."
CONVOY = "Rebels attacked an army convoy near the northern border town, killing two soldiers, officials said."
ARREST = "Police arrested dozens of protesters in the main square after the rally turned violent on Friday."
FRENCH = ("Le gouvernement a annoncé que les négociations avec les représentants des deux pays reprendront "
          "la semaine prochaine dans la capitale, selon un communiqué publié par le ministère.")
ARABIC = "أعلنت الحكومة اليوم أن المحادثات بين الطرفين ستستأنف الأسبوع المقبل في العاصمة بعد توقف دام شهرين."


def split(items) -> tuple[list[Article], list[Failure]]:
    items = list(items)
    assert all(isinstance(item, (Article, Failure)) for item in items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Failure)])


def kinds(failures: list[Failure]) -> list[str]:
    return [f.kind for f in failures]


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    return path


# --- formats ------------------------------------------------------------------------------------

def test_ingest_text_file_as_is(tmp_path):
    path = tmp_path / "report-7.txt"
    path.write_bytes(("Cafe\u0301 owners said.\r\n\r\n" + TALKS + "\r\n").encode("utf-8"))
    (article,) = read_path(path)
    assert article.id == "report-7.txt"
    assert article.text == "Café owners said.\n\n" + TALKS + "\n"
    assert article.origin == str(path)
    assert article.lang == "en" and article.published is None


def test_ingest_html_text_title_and_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Border clash - Daily Wire</title>"
        "<meta property='og:title' content='Border clash'>"
        "<meta property='article:published_time' content='2024-03-05T08:15:00+03:00'>"
        "<style>.secret-style { color: red }</style><script>var trackingSecret = 1;</script></head>"
        "<body><nav>Home | World | Sport</nav>"
        "<article><h1>Border clash</h1><p>" + CONVOY + "</p>"
        "<p>The army   sent\n reinforcements <b>overnight</b>.<br>A curfew was declared.</p>"
        "<script>document.write('injectedScriptText')</script><noscript>enableJsText</noscript>"
        "<iframe src='x'>frameText</iframe><svg><text>svgText</text></svg>"
        "<template>templateText</template></article>"
        "<footer>Copyright footerText</footer></body></html>", encoding="utf-8")
    (article,) = read_path(path)
    assert article.title == "Border clash"
    assert article.published == "2024-03-05"
    assert article.id == "page.html"
    assert article.text == ("Border clash\n\n" + CONVOY + "\n\nThe army sent reinforcements overnight.\n"
                            "A curfew was declared.")
    for hidden in ("trackingSecret", "injectedScriptText", "enableJsText", "frameText", "svgText",
                   "templateText", "footerText", "Home |", "secret-style"):
        assert hidden not in article.text


def test_ingest_html_title_tag_and_time_element(tmp_path):
    path = tmp_path / "story.htm"
    path.write_text("<title>Ceasefire holds</title><p>" + TALKS + "</p>"
                    "<time datetime='2023-11-20'>20 November</time>", encoding="utf-8")
    (article,) = read_path(path)
    assert (article.title, article.published) == ("Ceasefire holds", "2023-11-20")
    assert article.text.startswith(TALKS)


def test_ingest_html_unreadable_page_date_is_dropped_not_failed(tmp_path):
    path = tmp_path / "odd.html"
    path.write_text("<meta name='date' content='last Tuesday'><p>" + TALKS + "</p>", encoding="utf-8")
    (article,) = read_path(path, published="2024-02-01")
    assert article.published == "2024-02-01"


def test_ingest_jsonl_records_with_metadata(tmp_path):
    path = write_jsonl(tmp_path / "wire.jsonl", [
        {"id": "w1", "text": TALKS, "title": "Talks", "published": "2024-03-05", "url": "http://example.org/w1",
         "source": "Example Wire"},
        "",
        {"text": CONVOY, "published": "2024-03-06T22:10:00-05:00"},
        {"id": 42, "text": ARREST},
    ])
    articles, failures = split(read_path(path))
    assert failures == []
    first, second, third = articles
    assert (first.id, first.title, first.published, first.url, first.source) == (
        "w1", "Talks", "2024-03-05", "http://example.org/w1", "Example Wire")
    assert (second.id, second.published, second.origin) == ("wire:3", "2024-03-06", f"{path}:3")
    assert third.id == "42"


def test_ingest_jsonl_text_is_normalised(tmp_path):
    path = write_jsonl(tmp_path / "n.jsonl", [{"id": "n", "text": "Cafe\u0301\u0000 talks ended.\r\n" + TALKS}])
    (article,) = read_path(path)
    assert article.text == "Café talks ended.\n" + TALKS


def test_ingest_json_list_and_single_object(tmp_path):
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "a", "text": TALKS}, {"text": CONVOY, "title": "Convoy"}]), encoding="utf-8")
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "solo", "text": ARREST, "published": "2022-07-01"}, indent=2), encoding="utf-8")
    articles, failures = split(read_path(many))
    assert failures == [] and [a.id for a in articles] == ["a", "many:2"]
    assert articles[1].title == "Convoy" and articles[1].origin == f"{many}#2"
    (solo,) = read_path(one)
    assert (solo.id, solo.published) == ("solo", "2022-07-01")


def test_ingest_csv_columns_any_case_and_aliases(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text('ID,Title,Body,Date,URL,Source\n'
                    f'c1,Talks,"{TALKS}\nSecond line.",2024-03-05,http://example.org/c1,Desk\n'
                    ',,,,,\n'
                    f'c2,,{CONVOY.replace(",", "")},,,\n', encoding="utf-8")
    articles, failures = split(read_path(path))
    assert failures == []
    first, second = articles
    assert (first.id, first.title, first.published, first.url, first.source) == (
        "c1", "Talks", "2024-03-05", "http://example.org/c1", "Desk")
    assert first.text == TALKS + "\nSecond line."
    assert (second.id, second.title, second.origin) == ("c2", None, f"{path}:5")


def test_ingest_csv_without_text_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,headline\n1,Something happened\n", encoding="utf-8")
    (failure,) = read_path(path)
    assert failure.kind == "record" and failure.where == "line 1" and "'text'" in failure.message


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Frontier Monitor</title><link>http://example.org/</link>
<item><title>Convoy attacked</title><link>http://example.org/n1</link><guid>n1</guid>
<pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
<description>&lt;p&gt;{CONVOY}&lt;/p&gt;&lt;p&gt;More &lt;b&gt;details&lt;/b&gt; later.&lt;/p&gt;</description></item>
<item><title>No body</title><link>http://example.org/n2</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Talks</title><id>urn:desk:1</id><link href="http://example.org/a1"/>
<published>2024-01-09T10:00:00Z</published>
<content type="html">&lt;p&gt;{TALKS}&lt;/p&gt;</content></entry></feed>"""


def test_ingest_rss_feed_entries(tmp_path):
    path = tmp_path / "front.rss"
    path.write_text(RSS, encoding="utf-8")
    articles, failures = split(read_path(path))
    (article,) = articles
    assert article.id == "n1" and article.title == "Convoy attacked"
    assert article.published == "2024-03-05"  # the date as written, not moved to UTC
    assert (article.url, article.source) == ("http://example.org/n1", "Frontier Monitor")
    assert article.text == CONVOY + "\n\nMore details later."
    assert kinds(failures) == ["record"] and failures[0].where == "entry 2"


def test_ingest_atom_feed(tmp_path):
    path = tmp_path / "desk.atom"
    path.write_text(ATOM, encoding="utf-8")
    (article,) = read_path(path)
    assert (article.id, article.text, article.published, article.source) == (
        "urn:desk:1", TALKS, "2024-01-09", "Atom Desk")


@pytest.mark.parametrize("content,expected", [
    (json.dumps({"id": "s1", "text": TALKS}) + "\n", "s1"),
    ("<html><body><p>" + TALKS + "</p></body></html>", "blob"),
    (ATOM, "urn:desk:1"),
    (TALKS, "blob"),
], ids=["jsonl", "html", "feed", "text"])
def test_ingest_unknown_extension_is_sniffed(tmp_path, content, expected):
    path = tmp_path / "blob.dat"
    path.write_text(content, encoding="utf-8")
    (article,) = read_path(path)
    assert article.id == expected and TALKS in article.text


# --- folders and stdin --------------------------------------------------------------------------

def test_ingest_folder_with_metadata_jsonl(tmp_path):
    (tmp_path / "b.txt").write_text(CONVOY, encoding="utf-8")
    (tmp_path / "a.html").write_text("<title>Page title</title><p>" + TALKS + "</p>", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(ARREST, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden file text that must not be read at all.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("Hidden folder text that must not be read.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an input", encoding="utf-8")
    write_jsonl(tmp_path / "metadata.jsonl", [
        {"file": "a.html", "id": "story-a", "title": "Metadata title", "published": "2024-02-10",
         "source": "Desk", "url": "http://example.org/a"},
        {"id": "b", "published": "2024-02-11"},
        {"file": "ghost.txt", "title": "No such file"},
    ])
    articles, failures = split(read_path(tmp_path))
    assert [a.id for a in articles] == ["story-a", "b", "c.txt"]
    first, second, third = articles
    assert (first.title, first.published, first.source, first.url) == (
        "Metadata title", "2024-02-10", "Desk", "http://example.org/a")
    assert (second.published, second.origin) == ("2024-02-11", str(tmp_path / "b.txt"))
    assert third.published is None and third.origin == str(tmp_path / "sub" / "c.txt")
    (failure,) = failures
    assert (failure.kind, failure.where) == ("metadata", "line 3") and "ghost.txt" in failure.message


def test_ingest_folder_with_metadata_csv(tmp_path):
    (tmp_path / "x.txt").write_text(TALKS, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("File,Title,Date\nx.txt,From csv,2021-05-06\n", encoding="utf-8")
    (article,) = read_path(tmp_path)
    assert (article.title, article.published) == ("From csv", "2021-05-06")


def test_ingest_folder_metadata_bad_date_names_metadata_file(tmp_path):
    (tmp_path / "x.txt").write_text(TALKS, encoding="utf-8")
    write_jsonl(tmp_path / "metadata.jsonl", [{"id": "x", "published": "2024-13-01"}])
    (failure,) = read_path(tmp_path)
    assert failure.kind == "date" and "metadata.jsonl line 1" in failure.message


def test_ingest_folder_without_inputs_is_no_input(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    (failure,) = read_path(tmp_path)
    assert failure.kind == "no-input" and failure.input == str(tmp_path) and ".jsonl" in failure.message


def test_ingest_missing_path(tmp_path):
    (failure,) = read_path(tmp_path / "nowhere.txt")
    assert failure.kind == "missing"


@pytest.mark.parametrize("content,expected_id", [
    (json.dumps({"id": "in1", "text": TALKS}) + "\n" + json.dumps({"text": CONVOY}) + "\n", ["in1", "stdin:2"]),
    ("  <html><body><p>" + TALKS + "</p></body></html>", ["stdin"]),
    (TALKS + "\n", ["stdin"]),
], ids=["jsonl", "html", "text"])
def test_ingest_stdin(monkeypatch, content, expected_id):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode("utf-8")), encoding="utf-8"))
    articles, failures = split(read_path("-"))
    assert failures == [] and [a.id for a in articles] == expected_id
    assert articles[0].origin.startswith("<stdin>")


def test_ingest_text_stream_format_from_name():
    stream = io.BytesIO(b"id,text\nq1,Troops withdrew from the valley after the talks ended.\n")
    (article,) = read_text_stream(stream, "upload.csv")
    assert article.id == "q1" and article.origin == "upload.csv:2"


# --- bad input ----------------------------------------------------------------------------------

def test_ingest_empty_and_whitespace_files(tmp_path):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text(" \n\t\r\n ", encoding="utf-8")
    (tmp_path / "c.txt").write_text(TALKS, encoding="utf-8")
    (tmp_path / "d.jsonl").write_text("\n\n", encoding="utf-8")
    articles, failures = split(read_path(tmp_path))
    assert [a.id for a in articles] == ["c.txt"]
    assert kinds(failures) == ["empty", "empty", "empty"]


def test_ingest_binary_file(tmp_path):
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "good.txt").write_text(TALKS, encoding="utf-8")
    articles, failures = split(read_path(tmp_path))
    assert [a.id for a in articles] == ["good.txt"]
    assert kinds(failures) == ["binary"] and failures[0].input == str(tmp_path / "blob.txt")


def test_ingest_undecodable_bytes_give_encoding(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    (failure,) = read_path(path)
    assert failure.kind == "encoding" and "UTF-8" in failure.message


def test_ingest_cp1256_arabic_is_decoded_then_flagged_language(tmp_path):
    data = ARABIC.encode("cp1256")
    assert decode(data) == ARABIC
    path = tmp_path / "arabic.txt"
    path.write_bytes(data)
    (failure,) = read_path(path)
    assert failure.kind == "language" and "Arabic" in failure.message


def test_ingest_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes((TALKS + "\r\n").encode("utf-16"))
    (article,) = read_path(path)
    assert article.text == TALKS + "\n"


def test_ingest_utf16_without_bom_is_decoded(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(TALKS.encode("utf-16-le"))
    (article,) = read_path(path)
    assert article.text == TALKS


def test_ingest_utf8_with_one_stray_byte_stays_utf8(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(("Les négociations à Genève: " * 3 + TALKS).encode("utf-8") + b" \x92 " + CONVOY.encode())
    (article,) = read_path(path)
    assert "négociations à Genève" in article.text and "\ufffd" in article.text


def test_ingest_bad_json_lines_keep_the_good_ones(tmp_path):
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        {"id": "ok1", "text": TALKS},
        '{"id": "broken", "text": ',
        "[1, 2]",
        {"id": "ok2", "text": CONVOY},
    ])
    articles, failures = split(read_path(path))
    assert [a.id for a in articles] == ["ok1", "ok2"]
    assert [(f.kind, f.where) for f in failures] == [("json", "line 2"), ("record", "line 3")]
    assert "column" in failures[0].message and str(failures[0]).startswith(f"{path}:line 2: ")


@pytest.mark.parametrize("record", [
    {"id": "r"}, {"id": "r", "text": ""}, {"id": "r", "text": "   \n"}, {"id": "r", "text": 12},
    {"id": ["r"], "text": TALKS}, {"id": "r", "text": TALKS, "title": 3}, {"id": "r", "text": TALKS, "url": {}},
], ids=["no-text", "empty-text", "blank-text", "text-number", "id-list", "title-number", "url-object"])
def test_ingest_bad_records(tmp_path, record):
    path = write_jsonl(tmp_path / "r.jsonl", [record, {"id": "good", "text": ARREST}])
    articles, failures = split(read_path(path))
    assert [a.id for a in articles] == ["good"]
    assert [(f.kind, f.where) for f in failures] == [("record", "line 1")]


@pytest.mark.parametrize("value", [
    "2019-02-30", "1850-06-01", (date.today() + timedelta(days=400)).isoformat(), "yesterday", "2024-03", 20240305,
], ids=["impossible", "too-old", "future", "words", "month-only", "number"])
def test_ingest_bad_dates_fail_the_record(tmp_path, value):
    path = write_jsonl(tmp_path / "d.jsonl", [{"id": "bad", "text": TALKS, "published": value},
                                              {"id": "good", "text": CONVOY}])
    articles, failures = split(read_path(path, published="2024-01-01"))
    assert [a.id for a in articles] == ["good"]
    (failure,) = failures
    assert (failure.kind, failure.where) == ("date", "line 1")
    assert str(value) in failure.message and "YYYY-MM-DD" in failure.message


@pytest.mark.parametrize("value,expected", [
    ("2024-03-05", "2024-03-05"), ("2024-03-05T23:59:00+05:00", "2024-03-05"), ("2024-03-05 10:00:00", "2024-03-05"),
    ("2024/3/5", "2024-03-05"), ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"), ("5 March 2024", "2024-03-05"),
    ("March 5, 2024", "2024-03-05"),
])
def test_ingest_date_forms_accepted(value, expected):
    assert parse_published(value) == expected


def test_ingest_published_argument_fills_missing_dates_only(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [{"id": "has", "text": TALKS, "published": "2020-01-02"},
                                              {"id": "lacks", "text": CONVOY}])
    articles = list(read_path(path, published="2021-06-07T12:00:00Z"))
    assert [(a.id, a.published) for a in articles] == [("has", "2020-01-02"), ("lacks", "2021-06-07")]


def test_ingest_bad_arguments_raise_at_call_time(tmp_path):
    with pytest.raises(InputError, match="published argument"):
        read_path(tmp_path, published="2019-02-30")
    with pytest.raises(InputError, match="max_bytes"):
        read_path(tmp_path, max_bytes=0)


def test_ingest_file_over_max_bytes_is_too_large(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (4 * 1024 * 1024))  # 20 MiB
    (tmp_path / "small.txt").write_text(TALKS, encoding="utf-8")
    articles, failures = split(read_path(tmp_path))
    assert [a.id for a in articles] == ["small.txt"]
    (failure,) = failures
    assert failure.kind == "too-large" and failure.input == str(big)
    assert "10,000,000" in failure.message and "max_bytes" in failure.message


def test_ingest_stdin_over_max_bytes_is_too_large(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TALKS.encode() * 10)))
    (failure,) = read_path("-", max_bytes=100)
    assert failure.kind == "too-large" and failure.input == "<stdin>"


@pytest.mark.parametrize("content,kind", [
    ("<rss version='2.0'><channel><title>Quiet</title></channel></rss>", "empty"),
    ("<?xml version='1.0'?><rss><<<>>>", "feed"),
    ("<rss><channel><item><title>Cut off", "record"),  # feedparser recovers the entry; it has no text
], ids=["no-entries", "not-xml", "truncated"])
def test_ingest_broken_feeds(tmp_path, content, kind):
    path = tmp_path / "broken.xml"
    path.write_text(content, encoding="utf-8")
    (failure,) = read_path(path)
    assert failure.kind == kind


def test_ingest_deeply_nested_html_and_json_do_not_raise(tmp_path):
    (tmp_path / "deep.html").write_text("<div>" * 20000 + TALKS + "</div>" * 20000, encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    (tmp_path / "huge-number.jsonl").write_text('{"id": ' + "9" * 6000 + "}\n", encoding="utf-8")
    articles, failures = split(read_path(tmp_path))
    assert [a.text for a in articles] == [TALKS]
    assert kinds(failures) == ["json", "json"]


def test_ingest_failure_messages_are_one_line(tmp_path):
    (tmp_path / "e.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02" * 50)
    write_jsonl(tmp_path / "j.jsonl", ["{oops", {"text": TALKS, "published": "2019-02-30"}, {"id": 1}])
    (tmp_path / "f.txt").write_text(FRENCH, encoding="utf-8")
    failures = read_all(tmp_path).failures
    assert sorted(kinds(failures)) == ["binary", "date", "empty", "json", "language", "record"]
    for failure in failures:
        assert "\n" not in str(failure) and str(failure).startswith(failure.input)


# --- language and duplicates --------------------------------------------------------------------

@pytest.mark.parametrize("text,code", [
    (TALKS + " " + CONVOY, "en"),
    (FRENCH, "fr"),
    ("El ejército anunció que las tropas se retiraron de la ciudad por la noche y que los civiles "
     "volvieron a sus casas con la ayuda de la cruz roja.", "es"),
    ("Министр заявил, что переговоры продолжатся на следующей неделе в столице.", "und-Cyrl"),
    ("外交部长周一在首都会晤并表示会谈将于下周继续进行。", "und-Hani"),
    ("Talks resume.", "und"),
], ids=["english", "french", "spanish", "cyrillic", "cjk", "too-short"])
def test_ingest_guess_language(text, code):
    assert guess_language(text)[0] == code


def test_ingest_non_english_is_a_language_failure(tmp_path):
    path = write_jsonl(tmp_path / "l.jsonl", [{"id": "fr", "text": FRENCH}, {"id": "en", "text": TALKS}])
    articles, failures = split(read_path(path))
    assert [a.id for a in articles] == ["en"]
    assert kinds(failures) == ["language"] and "French" in failures[0].message


def test_ingest_duplicates_are_yielded_once(tmp_path):
    (tmp_path / "a.txt").write_text(TALKS, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TALKS, encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", [{"id": "c1", "text": TALKS}, {"id": "c2", "text": CONVOY}])
    assert [a.id for a in read_path(tmp_path)] == ["a.txt", "c2"]
    result = read_all(tmp_path)
    assert isinstance(result, ReadResult) and [a.id for a in result.articles] == ["a.txt", "c2"]
    assert result.duplicates == [str(tmp_path / "b.txt"), f"{tmp_path / 'c.jsonl'}:1"]


def test_ingest_make_article_raises_for_one_call():
    assert make_article(TALKS, id="x", published="2024-03-05T10:00Z").published == "2024-03-05"
    with pytest.raises(LanguageError, match="French"):
        make_article(FRENCH, id="fr")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        make_article(TALKS, id="x", published="2019-02-30")
    with pytest.raises(InputError, match='"text"'):
        make_article("  ", id="x")


def test_ingest_all_is_sorted():
    assert ingest.__all__ == sorted(ingest.__all__)


# --- never raises -------------------------------------------------------------------------------

_NAMES = ["x.txt", "x.html", "x.jsonl", "x.json", "x.csv", "x.xml", "x.dat"]
_PIECES = st.sampled_from(['{', '}', '[', ']', '"', ':', ',', '\n', '<', '>', '/', '<p>', '<rss>', '<item>',
                           '"text"', '"id"', '"published"', 'text,id\n', 'troops', ' ', '\r', '\x00', 'é', 'ب'])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=3000),
                      st.lists(_PIECES, max_size=200).map(lambda parts: "".join(parts).encode("utf-8"))),
       name=st.sampled_from(_NAMES))
def test_ingest_random_bytes_never_raise(data, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(data)
        for item in read_path(path):
            assert isinstance(item, (Article, Failure))
        for item in read_path(folder):
            assert isinstance(item, (Article, Failure))
