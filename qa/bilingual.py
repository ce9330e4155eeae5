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
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import ConfigError
from qa.lexical import query_tokens, tokens

log = logging.getLogger(__name__)

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
        number = number * 64 + _BASE64.index(digit)
    return number


def dictd_entries(index_text: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(headword, definition) for every entry of a dictd dictionary: ``index_text`` is its .index
    file (headword, offset and length in base 64, tab-separated), ``data`` its uncompressed .dict.
    The "00database..." entries are the dictionary's own description."""
    for number, line in enumerate(index_text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"index line {number}: expected 'headword<TAB>offset<TAB>length'")
        headword, offset, length = parts
        start = _dictd_number(offset)
        yield headword, data[start : start + _dictd_number(length)].decode("utf-8")


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
    its first sense, for one-word headwords and translations (stems, as BM25 indexes them). Entries
    whose headwords share a stem pool their translations, in dictionary order."""
    table: dict[str, dict[str, None]] = {}
    for headword, definition in entries:
        if headword.startswith("00database"):
            continue
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

    def terms(self, question: str) -> list[str]:
        """The translations of the question's words that are not already among its own query
        terms (qa.lexical.query_tokens): each word is stemmed as English and looked up in the
        English table, and as Spanish in the Spanish one (a question's language says nothing
        of the evidence's)."""
        own = set(query_tokens(question))
        found: dict[str, None] = {}
        for lang, table in self.tables.items():
            for stem in tokens(question, lang):
                found.update((term, None) for term in table.get(stem, ()) if term not in own)
        return list(found)


def load_translations(directory: Path | None, per_term: int, required: bool = False) -> Translations | None:
    """The translations from the FreeDict dictionaries in ``directory``, or None when they are not
    there (``required``: a ConfigError naming QA_DICTIONARY_DIR instead) or ``per_term`` is 0."""
    if directory is None or per_term == 0:
        return None
    tables: dict[str, dict[str, tuple[str, ...]]] = {}
    editions = []
    for name, source_lang, target_lang in DICTIONARIES:
        index_path, data_path = directory / f"{name}.index", directory / f"{name}.dict.dz"
        try:
            index_text = index_path.read_text(encoding="utf-8")
            data = gzip.decompress(data_path.read_bytes())  # dictzip is gzip with a seek table
            entries = list(dictd_entries(index_text, data))
        except (OSError, ValueError, EOFError) as exc:
            message = (
                f"QA_DICTIONARY_DIR: cannot read the FreeDict dictionary {name} in {directory} ({exc}); "
                f"install the Debian packages {DEBIAN_PACKAGES}, or set QA_DICTIONARY_DIR to an empty value"
            )
            if required:
                raise ConfigError(message) from None
            log.warning("no cross-lingual word translations: %s", message.removeprefix("QA_DICTIONARY_DIR: "))
            return None
        editions.append(f"{name} {_edition(entries)}".strip())
        tables[source_lang] = translation_table(entries, source_lang, target_lang, per_term)
    return Translations(tables, ", ".join(editions))


def _edition(entries: list[tuple[str, str]]) -> str:
    info = next((definition for headword, definition in entries if headword == "00databaseinfo"), "")
    match = _EDITION.search(info)
    return match.group(1) if match else ""
