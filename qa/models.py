"""Typed values passed between the pipeline stages. All frozen: stages never mutate their inputs."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Literal

BlockKind = Literal["title", "site", "byline", "heading", "paragraph", "list_item", "quote", "closing"]


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    title: str
    source: str  # file name inside the corpus directory
    site: str | None = None
    published: str | None = None  # ISO date
    content_hash: str = ""


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    text: str
    section: str | None
    lang: str


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    start: int
    end: int
    text: str
    section: str | None
    lang: str
    kind: str  # the kind of block(s) the chunk came from: "paragraph", "quote", "list_item"...
    context: str = ""  # text prepended for embedding only (title, section, quote lead-in)
    # Absolute (start, end) of each sentence, so answers can cite single sentences without re-parsing.
    sentences: tuple[tuple[int, int], ...] = ()
    # Each sentence's language, when they are not all the chunk's: a Spanish caption inside an
    # English paragraph run is quoted, and credited as cross-lingual, as Spanish.
    sentence_langs: tuple[str, ...] = ()

    def sentence_lang(self, number: int) -> str:
        return self.sentence_langs[number] if self.sentence_langs else self.lang

    @property
    def embedding_text(self) -> str:
        return f"{self.context}\n{self.text}" if self.context else self.text


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    rank: int
    dense_score: float | None = None
    lexical_score: float | None = None


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    start: int
    end: int
    quote: str
    lang: str
    chunk_id: str


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    answer: str | None
    confidence: float
    citations: tuple[Citation, ...] = field(default_factory=tuple)
    passages: tuple[Hit, ...] = field(default_factory=tuple)


def promoted(hits: list[Hit], chunk_id: str, margin: float = math.inf) -> list[Hit]:
    """The hits with ``chunk_id`` first when its score is within ``margin`` of the first one's
    (``hits`` itself when nothing moves); the promoted passage may then score lower than the one it
    overtook. Retrieval promotes within a near tie the passage holding the best sentence (e5's
    cosines sit in a narrow band, and passages of one section often tie to within 0.01 of the
    weighted fusion's score; docs/EVALUATION.md, round 4); an answer, whatever the margin, the
    passage it quotes (round 19)."""
    chosen = next((hit for hit in hits if hit.chunk.chunk_id == chunk_id), None)
    if chosen is None or chosen is hits[0] or hits[0].score - chosen.score > margin:
        return hits
    return moved_first(hits, chosen)


def moved_first(hits: list[Hit], chosen: Hit) -> list[Hit]:
    """``chosen`` (one of ``hits`` or not) first, then the other hits in their order, ranked anew."""
    order = [chosen, *(hit for hit in hits if hit.chunk.chunk_id != chosen.chunk.chunk_id)]
    return [replace(hit, rank=rank) for rank, hit in enumerate(order, start=1)]
