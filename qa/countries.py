"""Countries a text names, in English or Spanish (the Unicode CLDR's names, through babel), read two
ways. ``countries_named`` is strict: a name, or a form of one ("Cuban", "Mexicano";
lexical.same_word), written as a name (capitalised, unless the text has no capitals at all: "how
many cuban doctors ..."), or a usual abbreviation ("US", "EE.UU."); "reunión" is not Réunion, nor
"una granada" Grenada. ``mentions_country`` is lenient: any form of the name, shorter Spanish ones
("rusos" for Rusia, "venezolano" for Venezuela), and words that stand for a country without
sharing its name ("estadounidense", "British", "Moscú"). A fact asked about a country is not
answered from a passage about other countries (qa.asked.about_other_countries): "How many doctors
did Cuba send to Bolivia?" found "Cuba provided Venezuela with 31,000 Cuban doctors"
(docs/EVALUATION.md, round 10)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from qa.lexical import fold, same_word

_LANGUAGES = ("en", "es")
# CLDR territories that are no country: the European Union, the eurozone, the United Nations,
# outlying Oceania, an unknown region, pseudo-locales, and islands or bases CLDR lists apart
# (Ascension, Clipperton, Sark, Diego Garcia, Ceuta and Melilla, the Canaries, Tristan da Cunha)
_NOT_COUNTRIES = frozenset(("EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"))
# abbreviations, matched as written (a lower-case "us" is a pronoun) and not inside a run of
# capitals ("LET US KNOW")
_ABBREVIATIONS = (
    (re.compile(r"(?<![A-Z]{2} )(?<![\w.])(U\.S\.A\.|U\.S\.|USA|US|EE\.\s?UU\.?|EEUU)(?![\w])(?! [A-Z]{2})"), "US"),
    (re.compile(r"(?<![A-Z]{2} )(?<![\w.])(UK|U\.K\.)(?![\w])(?! [A-Z]{2})"), "GB"),
)
# words that stand for a country without sharing its name: demonyms and capitals a passage may
# name it by (read by mentions_country only: "American" is also "Latin American")
_STANDS_FOR = {
    "US": (
        "american americans estadounidense estadounidenses norteamericano norteamericana norteamericanos"
        " norteamericanas washington eeuu usa",
        "ee uu",
    ),
    "GB": ("british britain britanico britanica britanicos britanicas london londres",),
    "RU": ("moscow moscu kremlin",),
    "CU": ("havana habana",),
    "VE": ("caracas",),
    "CN": ("beijing pekin",),
    "NL": ("dutch holland holanda neerlandes neerlandesa",),
    "DE": ("german germans aleman alemana alemanes berlin",),
    "FR": ("french frances francesa franceses paris",),
    "CH": ("swiss suizo suiza",),
}
# the part of a CLDR name that people write: "Myanmar (Burma)" is Myanmar, "Congo - Kinshasa" Congo
_QUALIFIER = re.compile(r"\s*(\(.*\)|-\s.*)$")
_WORD = re.compile(r"\w+")
_LEADING_ARTICLE = re.compile(r"^(the|el|la|los|las) ")
# a form of a name shares at least this many letters with it (lexical.same_word)
_SHARED_LETTERS = 4
# mentions_country also takes a word sharing the name's first letters but for its last few
# ("rusos" / "rusia", "venezolano" / "venezuela"), at least this many
_LENIENT_SHARED, _LENIENT_UNSHARED = 3, 4


@dataclass(frozen=True)
class _Names:
    single: dict[str, frozenset[str]]  # a one-word name, folded, and the countries it names
    by_prefix: dict[str, tuple[tuple[str, str], ...]]  # (name, country) by the name's first letters
    several_words: re.Pattern[str]  # names of several words, folded ("estados unidos")
    several_words_country: dict[str, str]
    forms: dict[str, tuple[str, ...]]  # every name of a country, folded, and the words standing for it


@lru_cache(maxsize=1)
def _names() -> _Names:
    names: dict[str, set[str]] = {}
    for language in _LANGUAGES:
        for code, name in Locale(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                names.setdefault(fold(_QUALIFIER.sub("", name)).strip(), set()).add(code)
    single = {name: frozenset(codes) for name, codes in names.items() if _WORD.fullmatch(name)}
    by_prefix: dict[str, list[tuple[str, str]]] = {}
    for name, codes in single.items():
        for code in codes:
            by_prefix.setdefault(name[:_SHARED_LETTERS], []).append((name, code))
    several = {name: min(codes) for name, codes in names.items() if name not in single}
    pattern = "|".join(re.escape(name) for name in sorted(several, key=len, reverse=True))
    forms: dict[str, list[str]] = {}
    for name, named in names.items():
        for code in named:
            # "El Salvador" has the form "Salvadoran", "The Gambia" "Gambian"
            forms.setdefault(code, []).extend({name, _LEADING_ARTICLE.sub("", name)})
    for code, (words, *phrases) in _STANDS_FOR.items():
        forms[code].extend([*words.split(), *phrases])
    return _Names(
        single,
        {prefix: tuple(pairs) for prefix, pairs in by_prefix.items()},
        re.compile(rf"(?<!\w)({pattern})(?!\w)"),
        several,
        {code: tuple(words) for code, words in forms.items()},
    )


def countries_named(text: str) -> frozenset[str]:
    """The codes (ISO 3166-1 alpha-2) of the countries ``text`` names as names."""
    names = _names()
    anywhere = not any(character.isupper() for character in text)
    found: set[str] = set()
    for match in _WORD.finditer(text):
        if not (anywhere or match.group()[0].isupper()):
            continue
        word = fold(match.group())
        found |= names.single.get(word, frozenset())
        if len(word) >= _SHARED_LETTERS:
            found |= {code for name, code in names.by_prefix.get(word[:_SHARED_LETTERS], ()) if same_word(word, name)}
    found |= {names.several_words_country[match.group()] for match in names.several_words.finditer(fold(text))}
    found |= {code for pattern, code in _ABBREVIATIONS if pattern.search(text)}
    return frozenset(found)


def mentions_country(code: str, text: str) -> bool:
    """Whether ``text`` mentions the country in any form, read leniently (see the module)."""
    if code in countries_named(text):
        return True
    folded = fold(text)
    words = set(_WORD.findall(folded))
    for form in _names().forms.get(code, ()):
        if " " in form:
            if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", folded):
                return True
        elif any(_lenient_form(word, form) for word in words):
            return True
    return False


def _lenient_form(word: str, name: str) -> bool:
    if word == name or same_word(word, name):
        return True
    common = next((i for i, (x, y) in enumerate(zip(word, name, strict=False)) if x != y), min(len(word), len(name)))
    return common >= max(_LENIENT_SHARED, len(name) - _LENIENT_UNSHARED) and len(word) > _LENIENT_SHARED
