"""Turn the bytes of one input into raw records: decoding, format sniffing and one parser per format.

Pure functions, no disk access: `ingest.py` reads the files and turns these records into `Article`s.
A parser yields `Record`s (fields as found, types unchecked) and `Problem`s (what is wrong, where, and
how to fix it) and never raises on bad input.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.utils import parsedate_tz
from typing import Any

FORMATS_BY_EXTENSION = {
    ".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json", ".csv": "csv", ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
# Column and key aliases: what a CSV header or metadata row may call each Article field.
ALIASES = {"body": "text", "content": "text", "date": "published"}
JSON_EXAMPLE = '{"id": "a1", "text": "...", "published": "2024-03-05"}'


@dataclass(frozen=True, slots=True)
class Record:
    """One record as found in the input: raw fields, where it sat, and the id to use if it has none."""

    fields: dict[str, Any]
    where: str | None  # "line 12", "record 3", "entry 2", or None for a whole file
    origin: str  # "feed.jsonl:12"
    default_id: str
    lenient_date: bool = False  # True where the date was extracted (HTML, feeds), not written by a person
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the input that cannot be read, with the fix in `message`."""

    where: str | None
    kind: str
    message: str


# --- text ---------------------------------------------------------------------------------------

def normalise_text(text: str) -> str:
    """NFC, `\\r\\n` and lone `\\r` to `\\n`, no NUL, no leading byte-order mark. Offsets point into the result."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")
_DECLARED_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)


def decode(data: bytes) -> str | Problem:
    """Decode bytes to text: a byte-order mark, UTF-8, a declared charset, then charset-normalizer's guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                return Problem(None, "encoding", f"starts with a {encoding} byte-order mark but is not valid "
                                                 f"{encoding} ({exc.reason} at byte {exc.start}); save it as UTF-8")
    sample = data[:65536]
    if b"\x00" in sample:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        return _binary()
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if controls > len(sample) * 0.05:
        return _binary()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    from charset_normalizer import from_bytes  # a few ms to import; only for files that need it

    best = from_bytes(data).best()
    if best is None:
        return Problem(None, "encoding", "is not UTF-8 and no other text encoding fits it; "
                                         "save it as UTF-8 (or check that it is a text file)")
    return str(best)


def _binary() -> Problem:
    return Problem(None, "binary", "looks like a binary file (NUL or control bytes), not text; "
                                   "give a .txt, .html, .jsonl, .json, .csv or feed file")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark has its NUL bytes all on even or all on odd positions."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if even > len(data) // 4 and odd == 0:
        encoding = "utf-16-be"
    elif odd > len(data) // 4 and even == 0:
        encoding = "utf-16-le"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for ch in text[:4096] if ch.isprintable() or ch in "\t\n\r")
    return text if printable >= 0.95 * min(len(text), 4096) else None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a pasted cp1252 quote) is better read as UTF-8 than re-guessed."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    wide = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return text if bad > 0 and wide >= 3 * bad else None


# --- dates --------------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*"
                  r"(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$", re.I)
_MONTHS = {name: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
     ("nov", "november"), ("dec", "december")], 1) for name in names}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$", re.I)
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$", re.I)
DATE_FORMS = "YYYY-MM-DD (e.g. 2024-03-05), an ISO 8601 datetime or an RFC 822 date"


def parse_published(value: str, *, today: date | None = None) -> str:
    """The publication date as "YYYY-MM-DD", keeping the date as written (no shift to UTC).

    Raises ValueError with the value and the accepted forms when it is not a date, not a real calendar
    day (2019-02-30), before 1900, or more than a year after `today`.
    """
    text = value.strip()
    parts: tuple[int, int, int] | None = None
    if match := _ISO.match(text):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _DAY_MONTH_YEAR.match(text):
        if match[2].lower() in _MONTHS:
            parts = (int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    elif match := _MONTH_DAY_YEAR.match(text):
        if match[1].lower() in _MONTHS:
            parts = (int(match[3]), _MONTHS[match[1].lower()], int(match[2]))
    elif rfc := parsedate_tz(text):
        parts = (rfc[0], rfc[1], rfc[2])
    if parts is None:
        raise ValueError(f"published {value!r} is not a date; write it as {DATE_FORMS}")
    try:
        day = date(*parts)
    except ValueError:
        raise ValueError(f"published {value!r} is not a real calendar date; write it as {DATE_FORMS}") from None
    if day.year < 1900:
        raise ValueError(f"published {value!r} is before 1900; check the year (expected {DATE_FORMS})")
    if day > (today or date.today()) + timedelta(days=366):
        raise ValueError(f"published {value!r} is more than a year in the future; check the year "
                         f"(expected {DATE_FORMS})")
    return day.isoformat()


# --- sniffing and dispatch ----------------------------------------------------------------------

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)[\s>]", re.I)


def sniff(text: str) -> str:
    """Guess the format of text with no telling extension: jsonl, json, feed, html or text."""
    head = text.lstrip()[:4096]
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first_line = head.split("\n", 1)[0]
        if _json_or_none(first_line) is None and _json_or_none(text) is not None:
            return "json"  # one pretty-printed object
        return "jsonl"
    if head.startswith("<"):
        feed = _FEED_ROOT.search(head)
        html = re.search(r"<html[\s>]", head, re.I)
        return "feed" if feed and (html is None or feed.start() < html.start()) else "html"
    return "text"


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def parse_bytes(data: bytes, name: str, stem: str, fmt: str | None = None) -> Iterator[Record | Problem]:
    """Every record in one input. `fmt` None means sniff it from the content."""
    if not data.strip():
        yield Problem(None, "empty", "is empty or holds only whitespace; remove it or add text")
        return
    if fmt == "feed":
        yield from parse_feed(data, name, stem)
        return
    decoded = decode(data)
    if isinstance(decoded, Problem):
        yield decoded
        return
    text = normalise_text(decoded)
    if not text.strip():
        yield Problem(None, "empty", "is empty or holds only whitespace; remove it or add text")
        return
    fmt = fmt or sniff(text)
    if fmt == "feed":
        yield from parse_feed(data, name, stem)
    elif fmt == "jsonl":
        yield from parse_jsonl(text, name, stem)
    elif fmt == "json":
        yield from parse_json(text, name, stem)
    elif fmt == "csv":
        yield from parse_csv(text, name, stem)
    elif fmt == "html":
        fields = html_fields(text)
        yield Record(fields, None, name, stem, lenient_date=True)
    else:
        yield Record({"text": text}, None, name, stem)


# --- JSON ---------------------------------------------------------------------------------------

def parse_jsonl(text: str, name: str, stem: str, *, first_line: int = 1) -> Iterator[Record | Problem]:
    """One JSON object per line; blank lines are skipped. Line numbers count from `first_line` (a shard
    of a longer file starts further on)."""
    # split("\n"), not splitlines(): U+2028 inside a JSON string is not a line break
    for number, line in enumerate(text.split("\n"), first_line):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(where, "json", f"invalid JSON ({exc.msg} at column {exc.colno}); "
                                         f"write one object per line, like {JSON_EXAMPLE}")
            continue
        except (ValueError, RecursionError) as exc:  # too deep, or an integer past Python's digit limit
            yield Problem(where, "json", f"JSON cannot be read ({type(exc).__name__}: {str(exc)[:80]}); "
                                         f"write one object per line, like {JSON_EXAMPLE}")
            continue
        if not isinstance(value, dict):
            yield _not_an_object(where, value)
            continue
        yield Record(value, where, f"{name}:{number}", f"{stem}:{number}")


def parse_json(text: str, name: str, stem: str) -> Iterator[Record | Problem]:
    """A JSON list of record objects, or one object."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Problem(f"line {exc.lineno}", "json", f"invalid JSON ({exc.msg} at column {exc.colno}); "
                                                    f"write a list of objects like [{JSON_EXAMPLE}]")
        return
    except (ValueError, RecursionError) as exc:
        yield Problem(None, "json", f"JSON cannot be read ({type(exc).__name__}: {str(exc)[:80]}); "
                                    f"write a list of objects like [{JSON_EXAMPLE}]")
        return
    if isinstance(value, dict):
        yield Record(value, None, name, stem)
        return
    if not isinstance(value, list):
        yield _not_an_object(None, value)
        return
    for number, item in enumerate(value, 1):
        where = f"record {number}"
        if isinstance(item, dict):
            yield Record(item, where, f"{name}#{number}", f"{stem}:{number}")
        else:
            yield _not_an_object(where, item)


def _not_an_object(where: str | None, value: Any) -> Problem:
    kind = {list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    found = "null" if value is None else kind.get(type(value), type(value).__name__)
    return Problem(where, "record", f"holds {found}, not an object; write records like {JSON_EXAMPLE}")


# --- CSV ----------------------------------------------------------------------------------------

def parse_csv(text: str, name: str, stem: str, *, require: str | None = "text") -> Iterator[Record | Problem]:
    """Rows under a header (case-insensitive; `body`/`content` mean text, `date` means published)."""
    # Article texts can pass csv's 128 KiB default field limit; the file size is capped by max_bytes.
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2**31 - 1)))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            return
        columns = [ALIASES.get(c.strip().lower(), c.strip().lower()) for c in header]
        if require and require not in columns:
            yield Problem("line 1", "record", f"has no {require} column (found: {', '.join(header)[:200]}); "
                                              f"name one column 'text' (or 'body' / 'content')")
            return
        line = reader.line_num + 1
        for row in reader:
            where = f"line {line}"
            if any(cell.strip() for cell in row):
                fields = {col: (cell if cell.strip() else None) for col, cell in zip(columns, row) if col}
                yield Record(fields, where, f"{name}:{line}", f"{stem}:{line}")
            line = reader.line_num + 1
    except csv.Error as exc:
        yield Problem(f"line {reader.line_num}", "csv", f"CSV cannot be read ({exc}); "
                                                        "check the quotes on this row")


# --- HTML ---------------------------------------------------------------------------------------

_DROP = frozenset({"script", "style", "noscript", "iframe", "svg", "template", "nav", "footer", "head",
                   "math", "object", "embed", "canvas"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
                    "table", "tr", "section", "article", "aside", "header", "main", "blockquote", "pre",
                    "figure", "figcaption", "address", "hr", "caption", "details", "summary", "body"})
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "publishdate",
              "dc.date.issued", "dc.date", "og:published_time")
_BREAK = "\x00"  # NUL never survives normalise_text, so it can mark a <br> inside a paragraph
_END = object()


def html_fields(html: str) -> dict[str, Any]:
    """Text, title and publication date (as written) of an HTML page."""
    from selectolax.lexbor import LexborHTMLParser  # imported here: nothing heavy at import time

    tree = LexborHTMLParser(html)
    metas: dict[str, str] = {}
    for meta in tree.css("meta"):
        attrs = meta.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        content = attrs.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), content.strip())
    title_node = tree.css_first("title")
    title = metas.get("og:title") or (title_node.text(strip=True) if title_node else None) or None
    published = next((metas[key] for key in _DATE_META if key in metas), None)
    if published is None:
        time_node = tree.css_first("time[datetime]")
        published = (time_node.attributes.get("datetime") or None) if time_node else None
    root = tree.body if tree.body is not None else tree.root
    return {"text": html_to_text(root) if root is not None else "", "title": title, "published": published}


def html_to_text(root: Any) -> str:
    """Visible text of a selectolax node: paragraphs apart by a blank line, whitespace collapsed."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        lines = (" ".join(part.split()) for part in "".join(current).split(_BREAK))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
        current.clear()

    # An explicit stack, not recursion: a page of 5,000 nested <div>s must not hit the recursion limit.
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if node is _END:
            flush()
            continue
        tag = node.tag
        if tag == "-text":
            current.append((node.text_content or "").replace(_BREAK, ""))
            continue
        if tag is None or tag.startswith("-") or tag in _DROP:
            continue
        if tag == "br":
            current.append(_BREAK)
            continue
        if tag in ("td", "th"):
            current.append(" ")
        if tag in _BLOCK:
            flush()
            stack.append(_END)
        stack.extend(reversed(list(node.iter(include_text=True))))
    flush()
    return "\n\n".join(paragraphs)


def strip_html(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(fragment)
    return html_to_text(tree.body) if tree.body is not None else ""


# --- feeds --------------------------------------------------------------------------------------

def parse_feed(data: bytes, name: str, stem: str) -> Iterator[Record | Problem]:
    """RSS or Atom: one record per entry; source = the feed's title, url = the entry's link."""
    import feedparser  # imported here: nothing heavy at import time

    # A stream, never bytes or str: feedparser opens a str that names a file or URL.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception", "unknown error"))[:200]
            yield Problem(None, "feed", f"is not a readable RSS/Atom feed ({reason}); check that it is well-formed XML")
        else:
            yield Problem(None, "empty", "is a feed with no entries; remove it or fetch it again")
        return
    source = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, 1):
        text = ""
        for detail in [*(entry.get("content") or []), entry.get("summary_detail") or {}]:
            value = detail.get("value") or ""
            text = value if detail.get("type") == "text/plain" else strip_html(value)
            if text.strip():
                break
        title = entry.get("title") or None
        if title and (entry.get("title_detail") or {}).get("type") == "text/html":
            title = strip_html(title) or None
        published = _entry_date(entry)
        fields = {"id": entry.get("id") or entry.get("link") or None, "text": text or None, "title": title,
                  "published": published, "url": entry.get("link") or None, "source": source}
        yield Record(fields, f"entry {number}", f"{name}#{number}", f"{stem}:{number}", lenient_date=True)


def _entry_date(entry: Any) -> str | None:
    """The entry's date as written; feedparser's UTC reading only when ours cannot parse it."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            try:
                return parse_published(raw)
            except ValueError:
                parsed = entry.get(f"{key}_parsed")
                if parsed:
                    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None
