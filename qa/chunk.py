"""Structure-aware chunking: sentence windows that never cross a section, quotes kept whole where they fit."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from qa.models import Block, Chunk, Document

SentenceSpans = Callable[[str, int, int], list[tuple[int, int]]]


@dataclass(frozen=True)
class ChunkingParameters:
    max_chars: int
    overlap_sentences: int
    quote_max_chars: int

    def as_dict(self) -> dict[str, int | str]:
        return {
            "strategy": "section-sentence-windows-v1",
            "max_chars": self.max_chars,
            "overlap_sentences": self.overlap_sentences,
            "quote_max_chars": self.quote_max_chars,
        }


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    block: Block


def chunk_document(
    document: Document, blocks: Sequence[Block], sentence_spans: SentenceSpans, params: ChunkingParameters
) -> list[Chunk]:
    """Chunks whose ``text`` is exactly ``document.text[start:end]``, in document order."""
    chunks: list[Chunk] = []
    for group in _runs(blocks):
        sentences = [
            _Sentence(start, end, block)
            for block in group
            for start, end in sentence_spans(document.text, block.start, block.end)
        ]
        if not sentences:
            continue
        lead_in = _lead_in(document.text, chunks, group[0])
        if group[0].kind == "quote" and group[0].end - group[0].start <= params.quote_max_chars:
            windows: list[list[_Sentence]] = [sentences]
        else:
            windows = list(_windows(sentences, params.max_chars, params.overlap_sentences))
        chunks.extend(_make_chunk(document, window, lead_in) for window in windows)
    return chunks


def _runs(blocks: Sequence[Block]) -> Iterator[list[Block]]:
    """Consecutive non-quote blocks of one section; each quote alone. Headings only delimit."""
    run: list[Block] = []
    for block in blocks:
        if block.kind == "heading" or block.kind == "quote":
            if run:
                yield run
            run = []
            if block.kind == "quote":
                yield [block]
            continue
        if run and run[-1].section != block.section:
            yield run
            run = []
        run.append(block)
    if run:
        yield run


def _windows(sentences: list[_Sentence], max_chars: int, overlap: int) -> Iterator[list[_Sentence]]:
    first = 0
    while first < len(sentences):
        last = first + 1
        while last < len(sentences) and sentences[last].end - sentences[first].start <= max_chars:
            last += 1
        yield sentences[first:last]
        if last >= len(sentences):
            return
        first = max(last - overlap, first + 1)


def _lead_in(text: str, previous: list[Chunk], block: Block) -> str:
    """For a quote, the sentence that introduces it: it usually says who is quoted and about what."""
    if block.kind != "quote" or not previous:
        return ""
    before = previous[-1]
    if before.section != block.section or not before.sentences:
        return ""
    start, end = before.sentences[-1]
    return text[start:end]


def _make_chunk(document: Document, window: list[_Sentence], lead_in: str) -> Chunk:
    start, end = window[0].start, window[-1].end
    blocks = {id(s.block): s.block for s in window}.values()
    languages: dict[str, int] = {}
    for sentence in window:
        languages[sentence.block.lang] = languages.get(sentence.block.lang, 0) + sentence.end - sentence.start
    section = window[0].block.section
    context = " — ".join(part for part in (document.title, section, lead_in) if part)
    return Chunk(
        chunk_id=f"{document.doc_id}:{start}-{end}",
        doc_id=document.doc_id,
        start=start,
        end=end,
        text=document.text[start:end],
        section=section,
        lang=max(languages, key=lambda lang: languages[lang]),
        kind="+".join(sorted({block.kind for block in blocks})),
        context=context,
        sentences=tuple((s.start, s.end) for s in window),
    )
