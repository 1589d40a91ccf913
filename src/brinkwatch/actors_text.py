"""Word splitting and name normalisation shared by the actor knowledge base and its resolver.

Names reach us in many spellings: "al-Hashd al-Shaabi", "Hashd al-Sha'bi", "Kata’ib Hezbollah",
"Abu Ala'a". Every name and every text is cut into the same tokens, and each token carries a folded
`key` (ASCII, lower case, no apostrophes or dots) so that these spellings meet in one dictionary key.
The Arabic article ("al-", "el-", and "ash-", "ad-", ... before a hyphen) is marked and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

# A dotted acronym ("U.S.", "D.R."), else a word with inner apostrophes and an optional trailing one.
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’ʼ`‘][^\W_]+)*['’ʼ`‘]?")
_APOSTROPHES = re.compile(r"['`.]")
_POSSESSIVE = re.compile(r"(?<=\w)'s$")
# What may stand between two tokens of one name: spaces, hyphens, slashes, brackets, one line break.
_JOINER = re.compile(r"[ \t\u00a0\-\u2010-\u2013/()]*\n?[ \t\u00a0()]*")
# The Arabic article, always skipped ("al", "el"), or only when a hyphen follows (sun-letter forms).
_ARTICLES = frozenset({"al", "el"})
_SUN_ARTICLES = frozenset({"ad", "an", "ar", "as", "ash", "at", "az", "adh", "ath", "ud", "ul"})
# "the US dollar", "Lebanese pounds": a country word before one of these names a currency, not an actor or a place
CURRENCIES = frozenset({
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "lira", "liras", "lire", "rial", "rials", "riyal",
    "riyals", "dinar", "dinars", "dirham", "dirhams", "rupee", "rupees", "yuan", "renminbi", "yen", "won",
    "ruble", "rubles", "rouble", "roubles", "hryvnia", "shekel", "shekels", "franc", "francs", "peso", "pesos",
    "real", "reais", "rand", "naira", "cedi", "shilling", "shillings", "birr", "taka", "kyat", "afghani",
    "afghanis", "manat", "lari", "dram", "tenge", "som", "bolivar", "bolivars", "krona", "krone", "kronor",
    "zloty", "forint", "leu", "lev", "ringgit", "rupiah", "baht", "dong",
})


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: offsets, folded `key`, case-kept `exact` form and flags."""

    start: int
    end: int
    key: str  # "kataib", "us", "martyrs"
    exact: str  # "Kataib", "US", "Martyrs": case kept, for acronyms that must match case
    capitalised: bool  # the word starts with an upper-case letter
    article: bool  # an Arabic article, skipped when names are compared
    joined: bool  # nothing but spaces or hyphens separate it from the previous token


@lru_cache(maxsize=65536)
def _fold(word: str) -> tuple[str, str]:
    folded = _POSSESSIVE.sub("", unidecode(word).replace("’", "'"))
    exact = _APOSTROPHES.sub("", folded)
    return exact.lower(), exact


def tokenize(text: str) -> list[Token]:
    """Split `text` into tokens with character offsets; hyphens, slashes and punctuation split words."""
    tokens: list[Token] = []
    previous_end = None
    for match in _WORD.finditer(text):
        word = match.group()
        key, exact = _fold(word)
        if not key:
            continue
        start, end = match.span()
        hyphen_follows = text[end:end + 1] in ("-", "\u2010", "\u2011")
        article = key in _ARTICLES or (key in _SUN_ARTICLES and hyphen_follows)
        joined = previous_end is not None and _JOINER.fullmatch(text, previous_end, start) is not None
        tokens.append(Token(start, end, key, exact, word[0].isupper(), article, joined))
        previous_end = end
    return tokens


def normalize(name: str) -> str:
    """Fold a name for comparison: case, diacritics, apostrophes, hyphens, Arabic article, leading "the".

    >>> normalize("The al-Hashd al-Sha’bi")
    'hashd shabi'
    """
    keys = [token.key for token in tokenize(name) if not token.article]
    while keys and keys[0] == "the":
        keys.pop(0)
    return " ".join(keys)


def is_acronym(word: str) -> bool:
    """True for words whose case carries meaning ("US", "IS", "WHO", "MPs", "LeT"): an upper-case letter after the first."""
    exact = _fold(word)[1]
    return any(char.isupper() for char in exact[1:])
