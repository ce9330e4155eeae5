"""The JSON shapes of qa's output, shared by the CLI (`--json`) and the HTTP API."""

from __future__ import annotations

from pydantic import BaseModel, Field

from qa.models import Answer, Chunk, Document, Hit


class HitOut(BaseModel):
    rank: int
    chunk_id: str
    doc_id: str
    start: int = Field(description="Character offset of the passage in the document text")
    end: int
    score: float
    lang: str
    section: str | None
    text: str = Field(description="Exactly document_text[start:end]")


class SearchOut(BaseModel):
    query: str
    hits: list[HitOut]


class CitationOut(BaseModel):
    n: int
    doc_id: str
    start: int
    end: int
    quote: str = Field(description="Exactly document_text[start:end]")
    lang: str
    chunk_id: str


class AnswerOut(BaseModel):
    question: str
    answered: bool
    answer: str | None = Field(description="Quoted sentences with [n] citation markers, or null when abstaining")
    confidence: float = Field(ge=0.0, le=1.0)
    citations: list[CitationOut]
    passages: list[HitOut]


class DocumentSummary(BaseModel):
    doc_id: str
    title: str
    source: str
    site: str | None
    published: str | None
    chars: int


class DocumentOut(DocumentSummary):
    text: str


class PassageOut(BaseModel):
    chunk_id: str
    doc_id: str
    start: int
    end: int
    lang: str
    section: str | None
    kind: str
    text: str


def hit_out(hit: Hit) -> HitOut:
    chunk = hit.chunk
    return HitOut(
        rank=hit.rank,
        chunk_id=chunk.chunk_id,
        doc_id=chunk.doc_id,
        start=chunk.start,
        end=chunk.end,
        score=round(hit.score, 6),
        lang=chunk.lang,
        section=chunk.section,
        text=chunk.text,
    )


def search_out(query: str, hits: list[Hit]) -> SearchOut:
    return SearchOut(query=query, hits=[hit_out(hit) for hit in hits])


def answer_out(answer: Answer) -> AnswerOut:
    return AnswerOut(
        question=answer.question,
        answered=answer.answered,
        answer=answer.answer,
        confidence=answer.confidence,
        citations=[CitationOut(**vars(citation)) for citation in answer.citations],
        passages=[hit_out(hit) for hit in answer.passages],
    )


def document_summary(document: Document) -> DocumentSummary:
    return DocumentSummary(
        doc_id=document.doc_id,
        title=document.title,
        source=document.source,
        site=document.site,
        published=document.published,
        chars=len(document.text),
    )


def document_out(document: Document) -> DocumentOut:
    return DocumentOut(**document_summary(document).model_dump(), text=document.text)


def passage_out(chunk: Chunk) -> PassageOut:
    return PassageOut(
        chunk_id=chunk.chunk_id,
        doc_id=chunk.doc_id,
        start=chunk.start,
        end=chunk.end,
        lang=chunk.lang,
        section=chunk.section,
        kind=chunk.kind,
        text=chunk.text,
    )
