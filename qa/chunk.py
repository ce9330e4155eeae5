"""Structure-aware chunking: sentence windows that never cross a section, quotes kept whole where they fit."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from qa.acronyms import definitions
from qa.ingest import SIGN_OFF, SIGN_OFF_MAX_CHARS, SIGN_OFF_TAIL_CHARS
from qa.models import Block, Chunk, Document

SentenceSpans = Callable[[str, int, int], list[tuple[int, int]]]
# Block kinds whose runs stay in one chunk when they fit: a quote or a list read in pieces loses
# what it is about.
_KEPT_WHOLE = ("quote", "list_item")
# What the front matter and the closing words are, said in the text embedded for them and for their
# sentences (page_part): a question about "the top of the page" or "the end of the article" names no
# word they hold (measured with e5-small: "How does the article end?" 0.79 -> 0.84 for the closing,
# where the 5th passage scores 0.81; docs/EVALUATION.md, round 12).
_FRONT_PARTS = {"site": "site name", "title": "title", "byline": "publication line"}
# the kinds of block of a document's front matter, which is a passage of its own (_family)
FRONT_MATTER_KINDS = frozenset(_FRONT_PARTS)
_CLOSING = "The end: the writer's sign-off to readers"
_LEAD_IN_SENTENCES = 2
_LEAD_IN_MAX_CHARS = 400


_PAGE_PARTS_DIGEST = hashlib.sha256(
    json.dumps([_FRONT_PARTS, _CLOSING, SIGN_OFF.pattern, SIGN_OFF_MAX_CHARS, SIGN_OFF_TAIL_CHARS]).encode()
).hexdigest()[:12]


@dataclass(frozen=True)
class ChunkingParameters:
    max_chars: int
    overlap_sentences: int
    quote_max_chars: int

    def as_dict(self) -> dict[str, int | str]:
        return {
            "strategy": "section-sentence-windows-v2",
            # what is embedded with the front matter and the closing words, and what a closing is:
            # reused vectors must have been embedded with the same (pipeline._previous_vectors)
            "page_parts": _PAGE_PARTS_DIGEST,
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
    aliases = definitions(document.text)
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


def sentence_topic(chunk: Chunk) -> str | None:
    """What a bare sentence of ``chunk`` is about, embedded with it: its section, or which part of
    the page the front matter and the closing words are ("And follow my Twitter here." says
    nothing of being the author's sign-off)."""
    return page_part(chunk.kind.split("+")) or chunk.section


def same_block_run(a: Chunk, b: Chunk) -> bool:
    """Whether two passages are of the same kind of block in the same section of one document, so
    that a citation may quote across them (engine._sentences_after, engine._sentence_before) and a
    sentence be embedded after one of the other (pipeline.sentence_embedding_texts)."""
    return (a.doc_id, a.section, a.kind) == (b.doc_id, b.section, b.kind)


# A sentence whose subject is a personal pronoun, or opens with its possessive, tells what happened
# but not to whom: "They were hosting some movie and quite a few folks got into a discussion about
# Russia" is about the café the sentence before names. Not "it", far more often an empty subject
# ("It's been a little while", "It can be seen") than one that points back (round 32). By the
# sentence's language: a Spanish sentence opening with "He" says "I have" ("He visitado …").
_OPENS_WITH_PRONOUN = {
    lang: re.compile(rf"^\W*({pronouns})\b", re.IGNORECASE)
    for lang, pronouns in {"en": "they|he|she|them|their|his|her", "es": "ellos|ellas|él|ella|sus?"}.items()
}


def refers_back(sentence: str, lang: str) -> bool:
    """Whether the sentence, in ``lang``, opens with a personal pronoun (or its possessive) standing
    for what the sentence before it names."""
    pattern = _OPENS_WITH_PRONOUN.get(lang)
    return pattern is not None and pattern.match(sentence) is not None


def sentence_embedding_text(sentence: str, lang: str, topic: str | None, before: str | None = None) -> str:
    """What is embedded for a sentence in ``lang``: its topic (sentence_topic), and the sentence
    ``before`` it when it refers back to that one (refers_back); a bare "They were hosting some
    movie" is far from any question about the café it happened at."""
    read = f"{before} {sentence}" if before is not None and refers_back(sentence, lang) else sentence
    return f"{topic}: {read}" if topic else read


def page_part(kinds: Iterable[str]) -> str | None:
    """What the blocks of these kinds are when they are the front matter ("Top of the page: site
    name, title") or the closing words, else None. A chunk holds blocks of one family (_runs)."""
    kinds = set(kinds)
    if "closing" in kinds:
        return _CLOSING
    front = [description for kind, description in _FRONT_PARTS.items() if kind in kinds]
    return f"Top of the page: {', '.join(front)}" if front else None


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
    if block.kind in _FRONT_PARTS:
        return "front"  # what the document is and when it was published: one passage of its own
    return block.kind if block.kind in (*_KEPT_WHOLE, "closing") else "prose"


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
    page = page_part(block.kind for block in blocks)
    # the front matter and the closing words say which part of the page they are, not their section
    parts = (page,) if page is not None else (section, _alias_context(text, section, aliases), lead_in)
    context = " — ".join(part for part in (document.title, *parts) if part)
    lang = max(languages, key=languages.__getitem__)
    sentence_langs = tuple(s.block.lang for s in window)
    return Chunk(
        chunk_id=f"{document.doc_id}:{start}-{end}",
        doc_id=document.doc_id,
        start=start,
        end=end,
        text=text,
        section=section,
        lang=lang,
        kind="+".join(sorted({block.kind for block in blocks})),
        context=context,
        sentences=tuple((s.start, s.end) for s in window),
        sentence_langs=sentence_langs if set(sentence_langs) != {lang} else (),
    )
