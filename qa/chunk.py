"""Structure-aware chunking: sentence windows that never cross a section, quotes kept whole where they fit."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from qa.models import Block, Chunk, Document

SentenceSpans = Callable[[str, int, int], list[tuple[int, int]]]
# Block kinds whose runs stay in one chunk when they fit: a quote or a list read in pieces loses
# what it is about.
_KEPT_WHOLE = ("quote", "list_item")
_LEAD_IN_SENTENCES = 2
_LEAD_IN_MAX_CHARS = 400
_CAPITALISED = r"[A-ZÁÉÍÓÚÑ][\w’'-]+"
_CONNECTOR = r"(?:of|de|del|the|for|la|las|los|el|y|and|on|in|do|da|dos)"
_ACRONYM_DEFINITION = re.compile(
    rf"((?:{_CAPITALISED})(?:\s+(?:{_CONNECTOR}\s+)*{_CAPITALISED}){{1,8}})\s*\(([A-Z][A-Z-]{{1,9}})\)"
)


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
    aliases = acronyms(document.text)
    for group in _runs(blocks):
        sentences = [
            _Sentence(start, end, block)
            for block in group
            for start, end in sentence_spans(document.text, block.start, block.end)
        ]
        if not sentences:
            continue
        lead_in = _lead_in(document.text, chunks, group[0])
        whole = group[0].kind in _KEPT_WHOLE and group[-1].end - group[0].start <= params.quote_max_chars
        if whole:
            windows: list[list[_Sentence]] = [sentences]
        else:
            windows = list(_windows(sentences, params.max_chars, params.overlap_sentences))
        chunks.extend(_make_chunk(document, window, lead_in, aliases) for window in windows)
    return chunks


def acronyms(text: str) -> dict[str, str]:
    """Acronyms a document defines, "Landless Workers Movement (MST)" -> {"MST": "Landless Workers
    Movement"}: a passage that uses one form is then also found by the other."""
    found: dict[str, str] = {}
    for match in _ACRONYM_DEFINITION.finditer(text):
        found.setdefault(match.group(2), match.group(1))
    return found


def _alias_context(text: str, section: str | None, aliases: dict[str, str]) -> str:
    where = f"{section or ''}\n{text}".casefold()
    used = [
        f"{expansion} ({acronym})"
        for acronym, expansion in aliases.items()
        if expansion.casefold() in where or re.search(rf"\b{re.escape(acronym)}\b", f"{section or ''}\n{text}")
    ]
    return "; ".join(used)


def _runs(blocks: Sequence[Block]) -> Iterator[list[Block]]:
    """Consecutive blocks of one section and one family (prose, a quote, a list). Headings only delimit."""
    run: list[Block] = []
    for block in blocks:
        if block.kind == "heading":
            if run:
                yield run
            run = []
            continue
        if run and (run[-1].section != block.section or _family(run[-1]) != _family(block) or block.kind == "quote"):
            yield run
            run = []
        run.append(block)
    if run:
        yield run


def _family(block: Block) -> str:
    if block.kind in ("site", "title", "byline"):
        return "front"  # what the document is and when it was published: one passage of its own
    return block.kind if block.kind in _KEPT_WHOLE else "prose"


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
    """For a quote or a list, the sentence that introduces it: it says who is quoted, or what is listed."""
    if block.kind not in _KEPT_WHOLE or not previous:
        return ""
    before = previous[-1]
    if before.section != block.section or not before.sentences:
        return ""
    # "Including the following:" alone says little; the sentence before it usually names the topic.
    sentences = [text[start:end] for start, end in before.sentences[-_LEAD_IN_SENTENCES:]]
    while len(sentences) > 1 and sum(len(s) for s in sentences) > _LEAD_IN_MAX_CHARS:
        sentences.pop(0)
    return " ".join(sentences)


def _make_chunk(document: Document, window: list[_Sentence], lead_in: str, aliases: dict[str, str]) -> Chunk:
    start, end = window[0].start, window[-1].end
    blocks = {id(s.block): s.block for s in window}.values()
    languages: dict[str, int] = {}
    for sentence in window:
        languages[sentence.block.lang] = languages.get(sentence.block.lang, 0) + sentence.end - sentence.start
    section = window[0].block.section
    text = document.text[start:end]
    context = " — ".join(
        part for part in (document.title, section, _alias_context(text, section, aliases), lead_in) if part
    )
    return Chunk(
        chunk_id=f"{document.doc_id}:{start}-{end}",
        doc_id=document.doc_id,
        start=start,
        end=end,
        text=text,
        section=section,
        lang=max(languages, key=lambda lang: languages[lang]),
        kind="+".join(sorted({block.kind for block in blocks})),
        context=context,
        sentences=tuple((s.start, s.end) for s in window),
    )
