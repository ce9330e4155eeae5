"""Indexing: documents -> blocks -> chunks -> embeddings -> a new snapshot. Unchanged text is never re-embedded."""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from qa import dense
from qa.acronyms import Acronym, defined_acronyms, with_acronyms
from qa.chunk import ChunkingParameters, chunk_document, same_block_run, sentence_embedding_text, sentence_topic
from qa.chunk_table import ChunkTable, sentence_rows
from qa.countries import countries_mentioned
from qa.embed import Embedder, TextKind
from qa.index import FORMAT_VERSION, Snapshot, corpus_fingerprint
from qa.ingest import parse
from qa.lexical import LexicalIndex, term_rarity
from qa.models import Chunk, Document
from qa.sentences import (
    SentenceSplitter,
    parameters_from_json,
    parameters_to_json,
    train_parameters,
    training_sample,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildStats:
    documents: int
    chunks: int
    sentences: int
    embedded: int
    reused: int
    seconds: float


def chunk_corpus(
    documents: Iterable[Document],
    detect_lang: Callable[[str], str],
    sentence_parameters: dict[str, Any],
    chunking: ChunkingParameters,
) -> list[Chunk]:
    splitter = SentenceSplitter(parameters_from_json(sentence_parameters))
    chunks: list[Chunk] = []
    for document in documents:
        chunks.extend(chunk_document(document, parse(document, detect_lang), splitter.spans, chunking))
    return chunks


def sentence_embedding_texts(
    chunks: Sequence[Chunk], documents: Mapping[str, Document], acronyms: Mapping[str, Acronym]
) -> list[str]:
    """The text embedded for each distinct sentence (chunk.sentence_embedding_text): its section
    gives a bare sentence its topic, with the ``acronyms`` the corpus defines for what the section
    names (acronyms.with_acronyms), and one that refers back is read after the sentence before it,
    when that one is in the same kind of block and section with only blank space between (as a
    citation quotes it)."""
    runs: dict[tuple[str, int, int], tuple[str, str | None, Chunk]] = {}
    for chunk in chunks:
        for number, (start, end) in enumerate(chunk.sentences):
            runs.setdefault((chunk.doc_id, start, end), (chunk.sentence_lang(number), sentence_topic(chunk), chunk))
    before = {
        key: previous
        for previous, key in itertools.pairwise(sorted(runs))
        if same_block_run(runs[previous][2], runs[key][2]) and not documents[key[0]].text[previous[2] : key[1]].strip()
    }
    # one section name stands over many sentences: its acronyms are looked for once
    named = {topic: with_acronyms(topic, acronyms) for _, topic, _ in runs.values() if topic}
    texts = []
    for (doc_id, start, end), (lang, topic, _) in runs.items():
        text = documents[doc_id].text
        previous = before.get((doc_id, start, end))
        sentence_before = None if previous is None else text[previous[1] : previous[2]]
        texts.append(sentence_embedding_text(text[start:end], lang, named[topic] if topic else None, sentence_before))
    return texts


def snapshot_sentence_texts(snapshot: Snapshot) -> list[str]:
    """The sentence texts a built snapshot's sentence vectors were embedded from: its own chunks,
    documents and acronyms, never another snapshot's."""
    return sentence_embedding_texts(snapshot.chunks, snapshot.documents, snapshot.acronyms)


def build_snapshot(
    documents: list[Document],
    embedder: Embedder,
    detect_lang: Callable[[str], str],
    chunking: ChunkingParameters,
    model_manifest: dict[str, Any],
    previous: Snapshot | None = None,
    sentence_parameters: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> tuple[Snapshot, BuildStats]:
    started = time.perf_counter()
    if sentence_parameters is None:
        # in a fixed order, so the same corpus always trains the same splitter
        ordered = sorted(documents, key=lambda d: (d.content_hash, d.doc_id))
        sentence_parameters = parameters_to_json(train_parameters(training_sample(d.text for d in ordered)))
    by_id = {document.doc_id: document for document in documents}
    unchanged = _unchanged_documents(previous, documents)
    reusable = _unchanged_chunks(previous, unchanged, sentence_parameters)
    fresh_chunks = chunk_corpus(
        [d for d in documents if d.doc_id not in reusable], detect_lang, sentence_parameters, chunking
    )
    chunks = _in_document_order(documents, reusable, fresh_chunks)
    chunk_texts = [chunk.embedding_text for chunk in chunks]
    acronyms = defined_acronyms((chunk.text, chunk.lang) for chunk in chunks)
    sentence_texts = sentence_embedding_texts(chunks, by_id, acronyms)
    cache = _previous_vectors(previous)
    vectors, embedded = _embed_with_cache(
        embedder, chunk_texts + sentence_texts, cache, model_manifest.get("dimension"), progress
    )
    chunk_vectors, sentence_vectors = vectors[: len(chunks)], vectors[len(chunks) :]
    dense_index, dense_description = dense.build(chunk_vectors)
    lexical = LexicalIndex.build((chunk.embedding_text, chunk.lang) for chunk in chunks)
    manifest = {
        "format_version": FORMAT_VERSION,
        "model": dict(model_manifest, dimension=int(vectors.shape[1])),
        "chunking": chunking.as_dict(),
        "corpus_fingerprint": corpus_fingerprint(documents),
        "documents": len(documents),
        "chunks": len(chunks),
        "dense_index": dense_description,
        "lexical_index": {"type": "bm25s", "stemming": "snowball by chunk language", "accent_folding": True},
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    snapshot = Snapshot(
        manifest,
        by_id,
        ChunkTable.from_chunks(chunks, by_id),
        chunk_vectors,
        dense_index,
        lexical,
        sentence_parameters,
        sentence_vectors,
        term_rarity(chunk.text for chunk in chunks),
        acronyms,
        document_countries=_document_countries(documents, previous, unchanged),
    )
    stats = BuildStats(
        len(documents),
        len(chunks),
        len(sentence_texts),
        embedded,
        len(vectors) - embedded,
        time.perf_counter() - started,
    )
    return snapshot, stats


def _unchanged_documents(previous: Snapshot | None, documents: list[Document]) -> set[str]:
    """The ids of the documents that did not change since ``previous`` (same text and metadata)."""
    if previous is None:
        return set()
    return {d.doc_id for d in documents if previous.documents.get(d.doc_id) == d}


def _unchanged_chunks(
    previous: Snapshot | None, unchanged: set[str], sentence_parameters: dict[str, Any]
) -> dict[str, list[Chunk]]:
    """Chunks of the ``unchanged`` documents: parsing them again would give the same result (same
    text, metadata and sentence model), so incremental updates skip it."""
    if previous is None or previous.sentence_parameters != sentence_parameters:
        return {}
    reused: dict[str, list[Chunk]] = {doc_id: [] for doc_id in unchanged}
    for chunk in previous.chunks:
        if chunk.doc_id in reused:
            reused[chunk.doc_id].append(chunk)
    return reused


def _document_countries(
    documents: list[Document], previous: Snapshot | None, unchanged: set[str]
) -> dict[str, frozenset[str]]:
    """The countries each document mentions, with its title; read again only for a document not
    ``unchanged`` since ``previous``, as reading every one would make adding one to a large corpus
    slow."""
    known = (previous.document_countries or {}) if previous is not None else {}
    return {
        d.doc_id: known[d.doc_id]
        if d.doc_id in unchanged and d.doc_id in known
        else countries_mentioned(f"{d.title}\n{d.text}")
        for d in documents
    }


def _in_document_order(documents: list[Document], reused: dict[str, list[Chunk]], fresh: list[Chunk]) -> list[Chunk]:
    by_document: dict[str, list[Chunk]] = {doc_id: list(chunks) for doc_id, chunks in reused.items()}
    for chunk in fresh:
        by_document.setdefault(chunk.doc_id, []).append(chunk)
    return [chunk for document in documents for chunk in by_document.get(document.doc_id, [])]


def _text_key(kind: TextKind, text: str) -> str:
    return hashlib.sha1(f"{kind}\0{text}".encode()).hexdigest()


def _previous_vectors(previous: Snapshot | None) -> dict[str, np.ndarray]:
    if previous is None:
        return {}
    cache = {
        _text_key("passage", chunk.embedding_text): previous.embeddings[position]
        for position, chunk in enumerate(previous.chunks)
    }
    texts = snapshot_sentence_texts(previous)
    rows = sentence_rows(previous.chunks)
    if len(rows) == len(previous.sentence_embeddings):
        cache.update((_text_key("passage", text), previous.sentence_embeddings[row]) for row, text in enumerate(texts))
    return cache


def _embed_with_cache(
    embedder: Embedder,
    texts: list[str],
    cache: dict[str, np.ndarray],
    dimension: int | None,
    progress: Progress | None,
    batch: int = 16,  # the model runs one call at a time: small batches let queries in between
) -> tuple[np.ndarray, int]:
    keys = [_text_key("passage", text) for text in texts]
    missing = [i for i, key in enumerate(keys) if key not in cache]
    # New vectors go straight into the result: holding them apart first (each row pinning its whole
    # batch) kept every vector in memory twice.
    matrix: np.ndarray | None = None
    if progress:
        progress(0, len(missing))
    # Longest first: batches of similar length waste less padding.
    order = sorted(missing, key=lambda i: -len(texts[i]))
    for offset in range(0, len(order), batch):
        part = order[offset : offset + batch]
        vectors = embedder.embed([texts[i] for i in part], "passage")
        if len(vectors) != len(part):
            raise ValueError(f"the embedder returned {len(vectors)} vectors for {len(part)} texts")
        if matrix is None:
            matrix = np.zeros((len(texts), dimension or vectors.shape[1]), dtype=np.float32)
        matrix[part] = vectors
        if progress:
            progress(min(offset + batch, len(order)), len(missing))
    if matrix is None:
        known = next(iter(cache.values()), None)
        width = dimension or (len(known) if known is not None else embedder.dimension)
        matrix = np.zeros((len(texts), width), dtype=np.float32)
    for i, key in enumerate(keys):
        if key in cache:
            matrix[i] = cache[key]
    return matrix, len(missing)
