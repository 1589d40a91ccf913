"""Read news into `Article`s: files, folders, standard input and RSS/Atom feeds.

Formats by extension (see `SUPPORTED_EXTENSIONS`); any other file, and stdin, is sniffed from its
content. Bad input never raises out of a batch read: every problem becomes a `Failure` naming the input,
the line or record, what is wrong and how to fix it, and the batch goes on. Only a wrong argument
(`published`, `max_bytes`) raises `InputError`, at call time.

Decisions a caller may rely on:

- `Article.text` is the normalised text (NFC, `\\n` line ends, no NUL, no byte-order mark); every
  later offset points into it. Text files are otherwise kept as they are; HTML keeps only visible
  text, with paragraphs apart by a blank line.
- `published` is "YYYY-MM-DD", the date as written (a feed's "23:30 -0500" is not moved to UTC).
  A date written by a person (JSONL/JSON/CSV records, metadata files) that cannot be read, is not a
  real day, is before 1900 or is more than a year ahead gives a Failure of kind "date" and the record
  is skipped: fix the value and read it again. A date extracted from an HTML page or a feed that cannot
  be read is dropped instead, since no one can fix the page. The `published` argument fills records
  that have no date; it never overrides one.
- Articles whose text is clearly not English give a Failure of kind "language" (see `guess_language`).
- Duplicates inside one read (same normalised text) are yielded once, the first one read; later copies
  are dropped without a Failure, since they are not errors. `read_all` lists their origins in
  `ReadResult.duplicates`. (The store is idempotent by content hash across reads.)
- In a folder, only files with a supported extension are read (hidden files and folders skipped),
  sorted by path. A `metadata.jsonl` or `metadata.csv` gives title/published/source/url (and id) to the
  .txt/.html files beside it, matched by `file` (the file name) or `id` (the file stem); its values
  win over those found in the page. A metadata row that matches no file gives a Failure "metadata".

Failure kinds: empty, binary, encoding, json, csv, record, date, language, too-large, feed,
no-input, missing, unreadable, metadata.

To read a batch in pieces (one per worker task), `list_inputs` names the files `read_paths` would read,
in its order, and `read_input` reads one of them or a shard of a JSON Lines file, keeping duplicates.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from .errors import InputError, LanguageError
from .ingest_formats import (
    ALIASES, FORMATS_BY_EXTENSION, Problem, Record, decode, normalise_text, parse_bytes, parse_csv,
    parse_jsonl, parse_published,
)
from .model import Article, Failure

__all__ = [
    "DEFAULT_MAX_BYTES", "InputFile", "METADATA_FILES", "ReadResult", "SUPPORTED_EXTENSIONS", "guess_language",
    "list_inputs", "make_article", "normalise_text", "parse_published", "read_all", "read_input", "read_path",
    "read_paths", "read_text_stream",
]

DEFAULT_MAX_BYTES = 10_000_000
SUPPORTED_EXTENSIONS = tuple(sorted(FORMATS_BY_EXTENSION))
METADATA_FILES = ("metadata.jsonl", "metadata.csv")
STDIN = "<stdin>"


@dataclass
class ReadResult:
    """What a batch read produced: the articles, the failures, and the origins of dropped duplicates."""

    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file of a batch read, with the metadata row its folder gives it. With `length` set it is a
    shard of a JSON Lines file: the records in bytes [offset, offset + length), numbered from `first_line`."""

    path: Path
    extra: _MetadataRow | None = None
    offset: int = 0
    length: int | None = None
    first_line: int = 1


# --- public API ---------------------------------------------------------------------------------

def read_path(path: str | Path, *, published: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Failure]:
    """Articles and failures from a file, a folder (recursive) or "-" for stdin, in reading order."""
    return read_paths([path], published=published, max_bytes=max_bytes)


def read_paths(paths: Iterable[str | Path], *, published: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Failure]:
    """`read_path` over several inputs, with duplicates removed across all of them."""
    fallback = _check_arguments(published, max_bytes)
    return _unique(_read_many(list(paths), fallback, max_bytes), [])


def read_all(paths: str | Path | Iterable[str | Path], *, published: str | None = None,
             max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read everything at once and sort it into articles, failures and dropped duplicates."""
    fallback = _check_arguments(published, max_bytes)
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    result = ReadResult()
    for item in _unique(_read_many(items, fallback, max_bytes), result.duplicates):
        (result.articles if isinstance(item, Article) else result.failures).append(item)
    return result


def read_text_stream(stream: IO[Any], name: str = STDIN, *, published: str | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES, fmt: str | None = None) -> Iterator[Article | Failure]:
    """Articles from an open stream (binary or text). The format comes from `fmt`, else from the
    extension of `name`, else from the content: JSON Lines if it starts with '{', a JSON list with
    '[', a feed or HTML with '<', else plain text."""
    fallback = _check_arguments(published, max_bytes)
    return _unique(_read_stream(stream, name, fallback, max_bytes, fmt), [])


def list_inputs(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputFile | Failure]:
    """The files `read_paths(paths)` would read, in its order, with the failures met listing them
    (missing paths, unreadable folders, bad metadata rows). "-" (stdin) raises InputError."""
    _check_arguments(None, max_bytes)
    for path in paths:
        if str(path) == "-":
            raise InputError("standard input cannot be split into pieces; save it to a file and give its path", "-")
        yield from _list_path(Path(path), max_bytes)


def read_input(item: InputFile, *, published: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Failure]:
    """Articles and failures of one listed file or shard, in reading order; duplicates are kept."""
    fallback = _check_arguments(published, max_bytes)
    if item.length is None:
        return _read_file(item.path, fallback, max_bytes, item.extra)
    return _read_shard(item, fallback, max_bytes)


def make_article(text: str, *, id: str, title: str | None = None, published: str | None = None,
                 source: str | None = None, url: str | None = None, origin: str | None = None) -> Article:
    """One article from values in hand (an API call): raises `InputError`, or `LanguageError` if the
    text is not English, where a batch read would give a Failure."""
    fields = {"id": id, "text": text, "title": title, "published": published, "source": source, "url": url}
    result = _check(Record(fields, None, origin or id, id), fallback=None)
    if isinstance(result, Problem):
        raise (LanguageError if result.kind == "language" else InputError)(result.message, origin or id)
    return result


# --- language -----------------------------------------------------------------------------------

_ENGLISH = frozenset(
    "the of and to in a is that for on was with he it as at by said from his be have has are were an they "
    "not had this which but or their after been its who will would more also than into over we she her "
    "there about when".split())
_OTHER_LANGUAGES = {  # code: (name, frequent function words); cheap, and enough to say "not English"
    "fr": ("French", "le la les de des du et est un une que qui dans pour pas sur au aux avec ce cette il "
                     "elle sont ont par été plus se son sa ses ne"),
    "es": ("Spanish", "el la los las de del y que en un una es por con para se su sus al lo como más pero "
                      "fue ha han este esta no"),
    "de": ("German", "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es als "
                     "wurde werden sind bei nach aus wie oder hat"),
    "pt": ("Portuguese", "o os a as de do da dos das e que em um uma para com não por se na no mais foi ao "
                         "pelo pela é são"),
    "it": ("Italian", "il lo la gli le di del della e che un una per con non sono è da dei nel alla al anche "
                      "come più ha"),
    "nl": ("Dutch", "de het een en van in is dat op te zijn met voor niet aan er die ook als bij door naar "
                    "werd wordt"),
    "id": ("Indonesian", "yang dan di ke dari ini itu dengan untuk tidak ada pada juga dalam akan oleh "
                         "adalah karena"),
    "tr": ("Turkish", "ve bir bu da de ile için olarak daha çok gibi ama en olan sonra kadar değil"),
}
_STOPWORDS = {code: (name, frozenset(words.split())) for code, (name, words) in _OTHER_LANGUAGES.items()}
_SCRIPTS = {  # first word of a letter's Unicode name -> (BCP 47 tag, what to tell the user)
    "ARABIC": ("und-Arab", "Arabic script"), "CYRILLIC": ("und-Cyrl", "Cyrillic script"),
    "CJK": ("und-Hani", "Chinese characters (CJK)"), "HIRAGANA": ("ja", "Japanese kana"),
    "KATAKANA": ("ja", "Japanese kana"), "HANGUL": ("ko", "Korean Hangul"),
    "HEBREW": ("und-Hebr", "Hebrew script"), "GREEK": ("el", "Greek script"),
    "DEVANAGARI": ("und-Deva", "Devanagari script"), "THAI": ("th", "Thai script"),
}
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 20_000


def guess_language(text: str) -> tuple[str, str]:
    """(BCP 47 tag, description) from a sample of the text: "en" for English, "und" when there is too
    little to tell, else the dominant non-Latin script ("und-Arab", ...) or, for Latin text, the
    language whose function words are most frequent ("fr", ..., "und-Latn" when none fits)."""
    sample = text[:_SAMPLE]
    scripts: dict[str, int] = {}
    letters = 0
    for ch in sample:
        if ch.isalpha():
            letters += 1
            if ord(ch) >= 0x250:  # below: Latin, Latin-1 and Latin Extended-A/B
                script = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
                if script != "LATIN":
                    scripts[script] = scripts.get(script, 0) + 1
    if scripts:
        script, count = max(scripts.items(), key=lambda item: item[1])
        if count >= 10 and sum(scripts.values()) > letters / 2:
            return _SCRIPTS.get(script, ("und", f"{script.title()} script"))
    words = _WORD.findall(sample.lower())
    if len(words) < 8:
        return ("und", f"too little text to tell ({len(words)} words)")
    english = sum(word in _ENGLISH for word in words) / len(words)
    if english >= 0.15:
        return ("en", "English")
    ratio, code = max((sum(word in stop for word in words) / len(words), code)
                      for code, (_, stop) in _STOPWORDS.items())
    if ratio >= 0.15 and ratio > 1.5 * english:
        return (code, f"{_STOPWORDS[code][0]} ({ratio:.0%} {_STOPWORDS[code][0]} function words, "
                      f"{english:.0%} English)")
    if english < 0.03 and len(words) >= 40:
        return ("und-Latn", f"a Latin-script language other than English ({english:.0%} English function words)")
    return ("en", "English")


# --- records to articles ------------------------------------------------------------------------

def _check(record: Record, fallback: str | None) -> Article | Problem:
    """An Article from a raw record, or the Problem (kind and fix) that stops it."""
    fields = record.fields
    text = fields.get("text")
    if text is None or text == "":
        return Problem(record.where, "record", 'has no "text"; give each record a non-empty "text" string')
    if not isinstance(text, str):
        return Problem(record.where, "record",
                       f'"text" is {_type_name(text)}, not a string; write the article text as a string')
    text = normalise_text(text)
    if not text.strip():
        return Problem(record.where, "record", '"text" holds only whitespace; give it the article text')
    raw_id = fields.get("id")
    if raw_id is None or raw_id == "":
        article_id = record.default_id
    elif isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool):
        article_id = normalise_text(str(raw_id)).strip() or record.default_id
    else:
        return Problem(record.where, "record", f'"id" is {_type_name(raw_id)}; make it a string or a number')
    values: dict[str, str | None] = {}
    for key in ("title", "source", "url"):
        value = fields.get(key)
        if value is not None and not isinstance(value, str):
            return Problem(record.where, "record",
                           f'"{key}" is {_type_name(value)}, not a string; write it as a string or leave it out')
        values[key] = (normalise_text(value).strip() or None) if value else None
    published = fields.get("published")
    if published is None or published == "":
        published = fallback
    elif not isinstance(published, str):
        return Problem(record.where, "date", f'"published" is {_type_name(published)} ({str(published)[:40]}), '
                                             'not a string; write it as "YYYY-MM-DD"')
    else:
        try:
            published = parse_published(published)
        except ValueError as exc:
            if not record.lenient_date:
                return Problem(record.where, "date", str(exc) + record.notes.get("published", ""))
            published = fallback
    code, description = guess_language(text)
    if code not in ("en", "und"):
        return Problem(record.where, "language", f"text looks like {description}, not English; brinkwatch reads "
                                                 "English only: translate it first or leave it out")
    return Article(id=article_id, text=text, title=values["title"], published=published, source=values["source"],
                   url=values["url"], lang="en", origin=record.origin)


def _type_name(value: Any) -> str:
    return "null" if value is None else {list: "a list", dict: "an object", bool: "a boolean", int: "a number",
                                          float: "a number"}.get(type(value), type(value).__name__)


def _check_arguments(published: str | None, max_bytes: int) -> str | None:
    """Check the call's own arguments; these raise, unlike the input."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InputError(f"max_bytes {max_bytes!r} must be a positive whole number of bytes, like 10_000_000")
    if published is None:
        return None
    try:
        return parse_published(published)
    except (ValueError, AttributeError) as exc:
        raise InputError(str(exc), "published argument") from None


def _unique(items: Iterator[Article | Failure], dropped: list[str]) -> Iterator[Article | Failure]:
    """Yield each text once; later copies go to `dropped` by origin."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            digest = item.content_hash
            if digest in seen:
                dropped.append(item.origin or item.id)
                continue
            seen.add(digest)
        yield item


# --- reading inputs -----------------------------------------------------------------------------

def _read_many(paths: list[str | Path], fallback: str | None, max_bytes: int) -> Iterator[Article | Failure]:
    for path in paths:
        if str(path) == "-":
            yield from _read_stream(sys.stdin, STDIN, fallback, max_bytes, None)
            continue
        for item in _list_path(Path(path), max_bytes):
            if isinstance(item, Failure):
                yield item
            else:
                yield from _read_file(item.path, fallback, max_bytes, item.extra)


def _list_path(path: Path, max_bytes: int) -> Iterator[InputFile | Failure]:
    if path.is_dir():
        yield from _list_folder(path, max_bytes)
    elif path.exists():
        yield InputFile(path)
    else:
        yield Failure(str(path), None, "missing", "no such file or folder; check the path")


def _read_stream(stream: IO[Any], name: str, fallback: str | None, max_bytes: int,
                 fmt: str | None) -> Iterator[Article | Failure]:
    source = getattr(stream, "buffer", stream)  # the bytes under a text stream: we decode ourselves
    try:
        data = source.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # UnicodeDecodeError from a text-only stream is a ValueError
        yield Failure(name, None, "unreadable", f"cannot be read ({exc}); pipe UTF-8 text into it")
        return
    if isinstance(data, str):
        data = data.encode("utf-8", errors="replace")
    if len(data) > max_bytes:
        yield _too_large(name, None, max_bytes)
        return
    stem = "stdin" if name == STDIN else Path(name).stem
    fmt = fmt or FORMATS_BY_EXTENSION.get(Path(name).suffix.lower())
    yield from _articles(parse_bytes(data, name, stem, fmt), name, fallback, None)


def _read_bytes(path: Path, max_bytes: int) -> bytes | Failure:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _too_large(name, size, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # not read_bytes(): a device file can be endless
    except OSError as exc:
        return Failure(name, None, "unreadable", f"cannot be read ({exc.strerror or exc}); check its permissions")
    return _too_large(name, None, max_bytes) if len(data) > max_bytes else data


def _too_large(name: str, size: int | None, max_bytes: int) -> Failure:
    found = f"is {size:,} bytes" if size is not None else "is longer than that"
    return Failure(name, None, "too-large", f"{found}, over the max_bytes limit of {max_bytes:,}; "
                                           "raise max_bytes (read_path(..., max_bytes=N)) or split the file")


def _read_file(path: Path, fallback: str | None, max_bytes: int,
               extra: _MetadataRow | None) -> Iterator[Article | Failure]:
    data = _read_bytes(path, max_bytes)
    if isinstance(data, Failure):
        yield data
        return
    fmt = FORMATS_BY_EXTENSION.get(path.suffix.lower())
    # a one-document file is named by its file name (the output contract's doc_id); records by stem:line
    name = path.name if fmt in ("text", "html") else path.stem
    records = parse_bytes(data, str(path), name, fmt)
    yield from _articles(records, str(path), fallback, extra)


def _read_shard(item: InputFile, fallback: str | None, max_bytes: int) -> Iterator[Article | Failure]:
    """The records of one shard of a JSON Lines file; `max_bytes` applies to the shard, not the file."""
    name, length = str(item.path), item.length or 0
    if length > max_bytes:
        yield Failure(name, f"line {item.first_line}", "too-large", f"this shard is {length:,} bytes, over the "
                      f"max_bytes limit of {max_bytes:,}; raise max_bytes or put fewer records in a shard")
        return
    try:
        with item.path.open("rb") as handle:
            handle.seek(item.offset)
            data = handle.read(length)
    except OSError as exc:
        yield Failure(name, None, "unreadable", f"cannot be read ({exc.strerror or exc}); check its permissions")
        return
    text = decode(data)
    if isinstance(text, Problem):
        yield Failure(name, f"line {item.first_line}", text.kind, text.message)
        return
    records = parse_jsonl(normalise_text(text), name, item.path.stem, first_line=item.first_line)
    yield from _articles(records, name, fallback, None)


def _articles(records: Iterable[Record | Problem], name: str, fallback: str | None,
              extra: _MetadataRow | None) -> Iterator[Article | Failure]:
    for item in records:
        if isinstance(item, Record):
            item = _check(extra.apply(item) if extra else item, fallback)
        yield item if isinstance(item, Article) else Failure(name, item.where, item.kind, item.message)


def _list_folder(folder: Path, max_bytes: int) -> Iterator[InputFile | Failure]:
    errors: list[OSError] = []
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(Path(root, n) for n in names if not n.startswith(".") and n.lower() not in METADATA_FILES
                     and Path(n).suffix.lower() in FORMATS_BY_EXTENSION)
    for error in errors:
        yield Failure(str(error.filename or folder), None, "unreadable",
                      f"folder cannot be read ({error.strerror or error}); check its permissions")
    if not files:
        yield Failure(str(folder), None, "no-input", f"has no files to read; put files ending in "
                                                     f"{', '.join(SUPPORTED_EXTENSIONS)} in it")
        return
    metadata: dict[Path, _Metadata] = {}
    for path in sorted(files, key=lambda p: p.parts):
        if path.parent not in metadata:
            metadata[path.parent] = _Metadata.load(path.parent, max_bytes)
            yield from metadata[path.parent].failures
        yield InputFile(path, metadata[path.parent].match(path, FORMATS_BY_EXTENSION.get(path.suffix.lower())))
    for table in metadata.values():
        yield from table.unmatched()


# --- metadata files -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _MetadataRow:
    fields: dict[str, Any]
    source: str  # "folder/metadata.jsonl line 3"

    def apply(self, record: Record) -> Record:
        """Metadata values win over those found in the file itself."""
        fields = dict(record.fields)
        for key in ("id", "title", "published", "source", "url"):
            if self.fields.get(key) not in (None, ""):
                fields[key] = self.fields[key]
        if self.fields.get("published") in (None, ""):
            return replace(record, fields=fields)
        return replace(record, fields=fields, lenient_date=False, notes={"published": f" (from {self.source})"})


@dataclass
class _Metadata:
    """The metadata files of one folder, indexed by file name and by id (= file stem)."""

    by_file: dict[str, _MetadataRow] = field(default_factory=dict)
    by_id: dict[str, _MetadataRow] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)
    failures: list[Failure] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path, max_bytes: int) -> _Metadata:
        table = cls()
        for file_name in METADATA_FILES:
            path = folder / file_name
            if not path.is_file():
                continue
            data = _read_bytes(path, max_bytes)
            text = decode(data) if isinstance(data, bytes) else data
            if isinstance(text, (Failure, Problem)):
                failure = text if isinstance(text, Failure) else Failure(str(path), None, text.kind, text.message)
                table.failures.append(failure)
                continue
            text = normalise_text(text)
            parser = parse_jsonl(text, str(path), path.stem) if file_name.endswith(".jsonl") else \
                parse_csv(text, str(path), path.stem, require=None)
            for item in parser:
                if isinstance(item, Problem):
                    table.failures.append(Failure(str(path), item.where, item.kind, item.message))
                else:
                    table._add(path, item)
        return table

    def _add(self, path: Path, record: Record) -> None:
        fields = {ALIASES.get(str(k).lower(), str(k).lower()): v for k, v in record.fields.items()}
        row = _MetadataRow(fields, f"{path} {record.where}")
        file_name, row_id = fields.get("file"), fields.get("id")
        if isinstance(file_name, str) and file_name.strip():
            self.by_file[file_name.strip()] = row
        elif isinstance(row_id, (str, int)) and not isinstance(row_id, bool) and str(row_id).strip():
            self.by_id[str(row_id).strip()] = row
        else:
            self.failures.append(Failure(str(path), record.where, "record", 'metadata row names no file; add '
                                         '"file": "name.txt" or "id": "name" (the file name without extension)'))

    def match(self, path: Path, fmt: str | None) -> _MetadataRow | None:
        if fmt not in ("text", "html"):
            return None
        row = self.by_file.get(path.name) or self.by_id.get(path.stem)
        if row is not None:
            self.used.add(id(row))
        return row

    def unmatched(self) -> Iterator[Failure]:
        for key, row in [*self.by_file.items(), *self.by_id.items()]:
            if id(row) not in self.used:
                path, _, where = row.source.rpartition(" line ")
                message = f"names {key!r}, but no .txt or .html file of that name is beside it; fix the name or remove the row"
                yield Failure(path, f"line {where}", "metadata", message)
