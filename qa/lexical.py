"""Lexical retrieval: BM25 (bm25s) over accent-folded, language-stemmed tokens."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import bm25s
import numpy as np
import Stemmer  # PyStemmer: Snowball stemmers, no data to download
from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_SPANISH

_STEMMER_NAMES = {"en": "english", "es": "spanish", "pt": "portuguese", "fr": "french", "de": "german", "it": "italian"}
# Queries are stemmed both ways: the question's language says nothing about the evidence's.
QUERY_LANGS = ("en", "es")
_WORD = re.compile(r"\w+", re.UNICODE)


def without_possessive(word: str) -> str:
    """A word without its possessive ending: "America's" -> "America", "Zapatistas’" -> "Zapatistas"."""
    return _POSSESSIVE_END.sub("", word)


_POSSESSIVE_END = re.compile(r"[’']s?$")


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Vía" matches "Via" and "médicos" matches "medicos"."""
    return without_accents(text.lower())


def without_accents(text: str) -> str:
    """The text with its accents stripped and its case kept: "Café Niño" -> "Cafe Nino"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# What may follow the common part of two forms of one name or word: plurals, demonyms and
# adjectives ("Cuba"/"Cuban", "México"/"mexicano", "China"/"Chinese", "West"/"Western", "Left"/
# "leftist"), not any continuation ("Chile"/"children", "ALBA"/"Albania", "Latin"/"latitude").
_WORD_FORM_ENDINGS = frozenset(
    (
        "",
        "s",
        "es",
        "a",
        "o",
        "e",
        "n",
        "ns",
        "an",
        "ans",
        "ian",
        "ians",
        "ese",
        "ist",
        "ists",
        "ern",
        "erns",
        "erner",
        "erners",
        "ic",
        "ish",
        "no",
        "na",
        "nos",
        "nas",
        "ano",
        "ana",
        "anos",
        "anas",
        "eno",
        "ena",
        "enos",
        "enas",
        "ense",
        "enses",
        "ol",
        "ola",
        "oles",
        "olas",
    )
)


def same_word(a: str, b: str) -> bool:
    """Two forms of one word or name, compared folded: equal, or sharing at least four letters
    followed by the endings of plurals, demonyms and adjectives (_WORD_FORM_ENDINGS: "cuba"/"cuban",
    "bolivia"/"boliviano", "méxico"/"mexican", "america"/"american", "left"/"leftist"). Snowball
    stems keep such pairs apart."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return common >= 4 and a[common:] in _WORD_FORM_ENDINGS and b[common:] in _WORD_FORM_ENDINGS


@lru_cache(maxsize=8)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_STEMMER_NAMES.get(lang, "english"))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(fold(word) for word in (*STOPWORDS_EN, *STOPWORDS_SPANISH))


def is_stopword(word: str) -> bool:
    """Whether a word is one of the English or Spanish stop words that BM25 leaves out."""
    return fold(word) in _stopwords()


def content_words(text: str) -> list[str]:
    """The text's words, folded, without the stop words."""
    return [word for word in _WORD.findall(fold(text)) if word not in _stopwords()]


def tokens(text: str, lang: str) -> list[str]:
    return list(_stemmer(lang).stemWords(content_words(text)))


@lru_cache(maxsize=65536)
def term_set(text: str, lang: str) -> frozenset[str]:
    """The distinct stemmed terms of a passage's sentence: the same sentences come up for question
    after question, and stemming them again was most of the answer step's time."""
    return frozenset(tokens(text, lang))


def query_tokens(text: str) -> list[str]:
    stems: dict[str, None] = {}
    for lang in QUERY_LANGS:
        stems.update(dict.fromkeys(tokens(text, lang)))
    return list(stems)


@dataclass(frozen=True)
class TermRarity:
    """The inverse document frequency of the corpus's query terms (term_rarity); a term the corpus
    lacks weighs as much as one in no passage would (``unseen``)."""

    weights: Mapping[str, float] = field(default_factory=dict)
    unseen: float = 1.0

    def of(self, term: str) -> float:
        return self.weights.get(term, self.unseen)


def term_rarity(texts: Iterable[str]) -> TermRarity:
    """How rare every query term (query_tokens: stems in each language) is over ``texts``, the
    corpus's passages: a rare term shared by a question and a sentence ("the initial founders") says
    more about what the sentence is about than a common one ("Zapatista")."""
    document_frequency: Counter[str] = Counter()
    count = 0
    for text in texts:
        document_frequency.update(set(query_tokens(text)))
        count += 1
    weights = {term: math.log((count + 1) / (frequency + 0.5)) for term, frequency in document_frequency.items()}
    return TermRarity(weights, math.log((count + 1) / 0.5))


# Words this long that are this alike are taken for one word in two languages (difflib's ratio:
# "descolonización" / "decolonization" 0.86, "presidente" / "president" 0.95); shorter words are
# too often alike by chance.
COGNATE_MIN_LETTERS = 6
COGNATE_MIN_RATIO = 0.8


@lru_cache(maxsize=4096)
def _long_words(text: str) -> frozenset[str]:
    return frozenset(word for word in _WORD.findall(fold(text)) if len(word) >= COGNATE_MIN_LETTERS)


@lru_cache(maxsize=4096)
def _query_terms(text: str) -> frozenset[str]:
    """query_tokens as a set, kept: the same passages come up for question after question."""
    return frozenset(query_tokens(text))


def has_words(text: str) -> bool:
    """Whether the text holds a letter or a digit: "?!", "..." and "🙂" hold nothing to search for
    (the model would still find passages close to them, and an answer would quote one)."""
    return any(character.isalnum() for character in text)


def shares_a_word(question: str, translated_terms: Iterable[str], text: str) -> bool:
    """Whether ``text`` has one of the question's terms (query_tokens), one of their translations
    (``translated_terms``: qa.bilingual), or a cognate of one of its words: a text that shares
    nothing with a question is not about what it asks ("dame una receta de ceviche peruano" and
    a passage on the Zapatistas' coffee)."""
    terms = _query_terms(text)
    if terms.intersection(query_tokens(question)) or terms.intersection(translated_terms):
        return True
    words = _long_words(text)
    return any(
        SequenceMatcher(None, asked, word).ratio() >= COGNATE_MIN_RATIO
        for asked in _long_words(question)
        for word in words
    )


@lru_cache(maxsize=65536)
def _bigrams(text: str, lang: str) -> frozenset[tuple[str, str]]:
    words = tokens(text, lang)
    return frozenset(pairwise(words))


def phrase_overlap(question: str, text: str, lang: str) -> float:
    """Share of the question's adjacent content-word pairs that a text in ``lang`` also has adjacent
    (both stemmed for ``lang``): "Zapatista café in Mexico City" -> (zapatista, cafe), (cafe,
    mexico), (mexico, citi). BM25 scores terms one by one and cannot tell a passage that uses the
    question's phrase from one that scatters its words."""
    pairs = _bigrams(question, lang)
    if not pairs:
        return 0.0
    return len(pairs & _bigrams(text, lang)) / len(pairs)


class LexicalIndex:
    def __init__(self, model: bm25s.BM25, size: int) -> None:
        self._model = model
        self.size = size

    @classmethod
    def build(cls, texts_and_langs: Iterable[tuple[str, str]]) -> LexicalIndex:
        corpus = [tokens(text, lang) or [""] for text, lang in texts_and_langs]
        model = bm25s.BM25()
        if corpus:
            model.index(corpus, show_progress=False)
        return cls(model, len(corpus))

    def scores(self, question: str, extra_terms: Iterable[str] = ()) -> np.ndarray:
        """BM25 score of every chunk for the question and ``extra_terms`` (stems, such as the
        question's words translated: qa.bilingual), zeros when no term matches."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        vocabulary = self._model.vocab_dict
        asked = dict.fromkeys((*query_tokens(question), *extra_terms))
        terms = [term for term in asked if term in vocabulary]
        if not terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._model.get_scores(terms), dtype=np.float32)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        if self.size:
            self._model.save(str(directory), show_progress=False)
        (directory / "size.txt").write_text(str(self.size))

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        size = int((directory / "size.txt").read_text())
        model = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0) if size else bm25s.BM25()
        return cls(model, size)
