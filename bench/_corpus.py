"""Generated text for the ingestion and lexical benchmarks: the seed corpus recombined.

Sentences, headings, quotes and list items of the seed document are shuffled into new documents
(title, byline, sections of paragraphs, the odd quote or list). Recombining alone would keep the
vocabulary at the seed's few thousand words whatever the corpus size, which is unlike real text
(vocabulary keeps growing, Heaps' law) and would hide any cost that grows with the vocabulary; so
about one word in twenty is replaced by an invented word drawn from a Zipf distribution over a pool
that grows with the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from _vectors import CORPUS, SEED_DOCUMENT

from qa.ingest import load_document, make_document, parse
from qa.models import Document

_SYLLABLES = [c + v for c in "bcdfglmnprstvz" for v in "aeiou"] + ["qui", "gue", "chi", "lla", "ñu", "ção", "rra"]
INVENTED_SHARE = 0.05


@dataclass(frozen=True)
class Seed:
    sentences: list[str]
    headings: list[str]
    quotes: list[str]
    items: list[str]


@lru_cache(maxsize=1)
def seed() -> Seed:
    document = load_document(SEED_DOCUMENT, CORPUS)
    blocks = parse(document, lambda _text: "en")
    sentences = [
        s.strip()
        for block in blocks
        if block.kind == "paragraph"
        for s in re.split(r"(?<=[.!?”])\s+", block.text)
        if len(s.strip()) > 15
    ]
    headings = [b.text for b in blocks if b.kind == "heading"]
    headings += [s.rstrip(".?!") for s in sentences if 15 < len(s) < 60 and s[0].isupper()]  # more of them
    quotes = [b.text for b in blocks if b.kind == "quote"]
    items = [b.text for b in blocks if b.kind == "list_item"]
    return Seed(sentences, headings, quotes, items)


def invented_word(rank: int) -> str:
    syllables = []
    rank += len(_SYLLABLES)  # at least two syllables
    while rank:
        rank, digit = divmod(rank, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
    return "".join(syllables)


class Writer:
    def __init__(self, target_passages: int, seed_value: int) -> None:
        self.rng = np.random.default_rng(seed_value)
        self.seed = seed()
        self.pool = max(1000, int(30 * target_passages**0.7))  # distinct invented words available

    def sentence(self) -> str:
        return self.mutate(self.seed.sentences[self.rng.integers(len(self.seed.sentences))])

    def mutate(self, text: str) -> str:
        words = text.split(" ")
        for position in np.flatnonzero(self.rng.random(len(words)) < INVENTED_SHARE):
            rank = int(min(self.rng.zipf(1.3), self.pool)) - 1
            word = invented_word(rank)
            words[position] = word.capitalize() if words[position][:1].isupper() else word
        return " ".join(words)

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(int(self.rng.integers(1, 5))))

    def document(self, number: int, passages: int) -> tuple[str, str, str]:
        """(text, source, title) of a blog-like document of about ``passages`` paragraphs, quotes, lists."""
        title = self.mutate(self.seed.headings[self.rng.integers(len(self.seed.headings))])
        parts = [title, f"Published March {1 + number % 28}, 2022 in Opinions - {number % 7} Comments"]
        written = 0
        while written < passages:
            parts.append(self.mutate(self.seed.headings[self.rng.integers(len(self.seed.headings))]))
            for _ in range(int(self.rng.integers(3, 9))):
                roll = self.rng.random()
                if roll < 0.06:
                    parts.append(self.mutate(self.seed.quotes[self.rng.integers(len(self.seed.quotes))]))
                elif roll < 0.09:
                    count = int(self.rng.integers(2, 5))
                    parts.append("\n".join("- " + self.sentence() for _ in range(count)))
                else:
                    parts.append(self.paragraph())
                written += 1
        return "\n\n".join(parts) + "\n", f"generated/doc-{number:06d}.txt", title


def raw_documents(passages: int, per_document: int = 40, seed_value: int = 11) -> list[tuple[str, str, str]]:
    """(text, source, title) of about ``passages`` blocks spread over documents of ``per_document`` each."""
    writer = Writer(passages, seed_value)
    count = max(1, round(passages / per_document))
    return [writer.document(number, passages // count + (number < passages % count)) for number in range(count)]


def documents(passages: int, per_document: int = 40, seed_value: int = 11) -> list[Document]:
    return [
        make_document(text, source=source, title=title)
        for text, source, title in raw_documents(passages, per_document, seed_value)
    ]


def short_passages(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` (text, lang) pairs of one or two sentences, for the lexical index at a million passages."""
    writer = Writer(n, seed)
    spanish = re.compile(r"\b(el|los|las|del|para|por|que|una?)\b")
    passages = []
    for _ in range(n):
        text = writer.sentence() if writer.rng.random() < 0.5 else writer.sentence() + " " + writer.sentence()
        passages.append((text, "es" if len(spanish.findall(text)) >= 3 else "en"))
    return passages
