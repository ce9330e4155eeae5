"""Word translations between English and Spanish, so that BM25 can match a question's words in a
passage written in the other language.

BM25 finds no shared term between "¿Sobre qué tema llegaron a un acuerdo el MST y Venezuela?" and
"an agreement made between both parties ... in regards to agro-ecology": lexical retrieval only ever
helped same-language questions. Each word of the question is looked up in a bilingual dictionary and
the words of its first sense are added to the BM25 query (docs/EVALUATION.md, round 13).

The dictionaries are FreeDict's English-Spanish and Spanish-English, in the dictd format that Debian
installs under /usr/share/dictd (packages dict-freedict-eng-spa and dict-freedict-spa-eng,
GPL-2.0-or-later): they are read where they are installed, never copied into qa. Without them,
retrieval works as before, with no translations.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from qa.lexical import query_tokens, tokens
from qa.settings import Settings, set_by_hand, unusable_resource

# (dictionary name, language of its headwords, language of its translations)
DICTIONARIES = (("freedict-eng-spa", "en", "es"), ("freedict-spa-eng", "es", "en"))
DEBIAN_PACKAGES = "dict-freedict-eng-spa dict-freedict-spa-eng"

_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SENSE_NUMBER = re.compile(r"^\d+\.\s*")
_EDITION = re.compile(r"^Edition:\s*(\S+)", re.MULTILINE)


def _dictd_number(text: str) -> int:
    """A dictd index offset or length: base 64, most significant digit first."""
    number = 0
    for digit in text:
        value = _BASE64.find(digit)
        if value < 0:
            raise ValueError(f"{text!r} is not a base-64 number")
        number = number * 64 + value
    return number


def dictd_entries(index_text: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(headword, definition) for every entry of a dictd dictionary: ``index_text`` is its .index
    file (headword, offset and length in base 64, tab-separated; dictfmt may add the original
    headword as a fourth column), ``data`` its uncompressed .dict. The "00database..." entries are
    the dictionary's own description."""
    for number, line in enumerate(index_text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        try:
            if len(parts) not in (3, 4):
                raise ValueError("expected 'headword<TAB>offset<TAB>length'")
            start, length = _dictd_number(parts[1]), _dictd_number(parts[2])
            if start + length > len(data):
                raise ValueError(f"the entry ends at byte {start + length}, past the data's {len(data)}")
            yield parts[0], data[start : start + length].decode("utf-8")
        except ValueError as exc:  # UnicodeDecodeError included
            raise ValueError(f"index line {number}: {exc}") from None


def first_sense(definition: str) -> list[str]:
    """The words of a FreeDict definition's first sense: its first line is the headword and its
    pronunciation, then come senses, numbered ("1. accord, agreement") when there are several."""
    for line in definition.strip().splitlines()[1:]:
        words = [word.strip() for word in _SENSE_NUMBER.sub("", line.strip()).split(",")]
        if any(words):
            return [word for word in words if word]
    return []


def translation_table(
    entries: Iterable[tuple[str, str]], source_lang: str, target_lang: str, per_term: int
) -> dict[str, tuple[str, ...]]:
    """Stem in ``source_lang`` -> up to ``per_term`` stems in ``target_lang``: those of the words of
    its first sense, for headwords and translations of one content word (stems, as BM25 indexes
    them). Entries whose headwords share a stem pool their translations, in dictionary order, and
    ``per_term`` caps the pool."""
    table: dict[str, dict[str, None]] = {}
    for headword, definition in entries:
        if headword.startswith("00database"):
            continue
        # one content word: a phrase of stop words around it counts ("a la izquierda" gives
        # "izquierda" its translation "left", through "to the left"); measured to help (round 13)
        stems = tokens(headword, source_lang)
        if len(stems) != 1:
            continue
        for word in first_sense(definition):
            translated = tokens(word, target_lang)
            if len(translated) == 1:
                table.setdefault(stems[0], {})[translated[0]] = None
    return {stem: tuple(list(found)[:per_term]) for stem, found in table.items() if found}


@dataclass(frozen=True)
class Translations:
    """For each language, its stems mapped to stems of the other one (translation_table)."""

    tables: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    source: str = ""

    @property
    def size(self) -> int:
        return sum(len(table) for table in self.tables.values())

    def terms(self, question: str, lang: str | None = None) -> list[str]:
        """The translations of the question's words that are not already among its own query
        terms (qa.lexical.query_tokens): stemmed as a question in ``lang`` and looked up in that
        language's table, or, with no language, stemmed as each and looked up in each table. An
        English question's words looked up as Spanish would find false friends ("sent" -> "sentir"
        -> "feel")."""
        own = set(query_tokens(question))
        found: dict[str, None] = {}
        for table_lang, table in self.tables.items():
            if lang is not None and table_lang != lang:
                continue
            for stem in tokens(question, table_lang):
                found.update((term, None) for term in table.get(stem, ()) if term not in own)
        return list(found)


def translations_for(settings: Settings) -> Translations | None:
    """The translations the settings ask for: QA_DICTIONARY_DIR's dictionaries, which must be
    readable when that folder was set by hand (a ConfigError otherwise) and may be missing from
    the default one (a warning)."""
    return load_translations(
        settings.dictionary_dir, settings.translations_per_term, set_by_hand(settings, "dictionary_dir")
    )


def check_dictionaries(settings: Settings) -> None:
    """A ConfigError now when the dictionary folder was set by hand and cannot be read; the
    default folder is read later, when first needed (a server starts without waiting for it)."""
    if set_by_hand(settings, "dictionary_dir"):
        translations_for(settings)


def load_translations(directory: Path | None, per_term: int, required: bool = False) -> Translations | None:
    """The translations from the FreeDict dictionaries in ``directory``, or None when they are not
    there (``required``: a ConfigError naming QA_DICTIONARY_DIR instead) or ``per_term`` is 0."""
    if directory is None or per_term == 0:
        return None
    tables: dict[str, dict[str, tuple[str, ...]]] = {}
    editions = []
    for name, source_lang, target_lang in DICTIONARIES:
        try:
            entries = _read_dictd(directory, name)
        except (OSError, ValueError, EOFError, zlib.error) as exc:
            unusable_resource(
                "QA_DICTIONARY_DIR",
                f"cannot read the FreeDict dictionary {name} in {directory} ({exc})",
                f"install the Debian packages {DEBIAN_PACKAGES}",
                required,
                "no cross-lingual word translations",
            )
            return None
        editions.append(f"{name} {_edition(entries)}".strip())
        tables[source_lang] = translation_table(entries, source_lang, target_lang, per_term)
    return Translations(tables, ", ".join(editions))


def _read_dictd(directory: Path, name: str) -> list[tuple[str, str]]:
    """The entries of the dictd dictionary ``name`` in ``directory``: its .index and its data,
    dictzipped (.dict.dz, as Debian installs them; gzip reads dictzip) or plain (.dict)."""
    index_text = (directory / f"{name}.index").read_text(encoding="utf-8")
    compressed = directory / f"{name}.dict.dz"
    if compressed.exists():
        data = gzip.decompress(compressed.read_bytes())
    else:
        data = (directory / f"{name}.dict").read_bytes()
    entries = list(dictd_entries(index_text, data))
    if all(headword.startswith("00database") for headword, _ in entries):
        raise ValueError(f"{name}.index lists no entries")
    return entries


def _edition(entries: list[tuple[str, str]]) -> str:
    info = next((definition for headword, definition in entries if headword == "00databaseinfo"), "")
    match = _EDITION.search(info)
    return match.group(1) if match else ""
