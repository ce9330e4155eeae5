"""Typed values passed between the pipeline stages. All frozen: stages never mutate their inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
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
