"""The chunks of a snapshot as a table that opens in milliseconds whatever its size.

On disk, ``chunks.jsonl`` keeps one plain JSON record per chunk, and ``chunk_table.npy`` holds per
chunk the byte offset of its record plus the columns that queries filter on (document, span,
language). Building a million ``Chunk`` objects at load time took about 30 s (docs/SCALE.md); an
opened table instead parses a record when a query first looks at that chunk, a few dozen per question.
"""

from __future__ import annotations

import json
import mmap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any, overload

import numpy as np

from qa.errors import IndexCorrupt
from qa.models import Chunk, Document

COLUMNS = np.dtype([("offset", "<i8"), ("doc", "<i4"), ("start", "<i8"), ("end", "<i8"), ("lang", "S8")])
_CACHED_RECORDS = 8192


def sentence_rows(chunks: Sequence[Chunk]) -> dict[tuple[str, int, int], int]:
    """Each distinct sentence of the index, numbered in order of first appearance (overlapping
    chunks share sentences); row i of ``sentence_embeddings`` belongs to sentence i."""
    rows: dict[tuple[str, int, int], int] = {}
    for chunk in chunks:
        for start, end in chunk.sentences:
            rows.setdefault((chunk.doc_id, start, end), len(rows))
    return rows


class ChunkTable(Sequence[Chunk]):
    """Chunks by position, with the sentence-embedding rows of each and vectorised filters."""

    def __init__(
        self, columns: np.ndarray, documents: Mapping[str, Document], records: bytes | mmap.mmap, source: str = ""
    ) -> None:
        self._source = source
        self._columns = columns
        self._offsets = np.asarray(columns["offset"])  # a plain view: indexing a memmap costs more per call
        self._documents = documents
        self._doc_numbers = _doc_numbers(documents)
        self._records = records
        self._parsed: dict[int, tuple[Chunk, tuple[int, ...]]] = {}
        self._seen: dict[str, int] = {}  # chunk id -> position, for every chunk read so far
        self._first_positions: dict[int, int] | None = None  # document number -> its first chunk's position
        self._read = lru_cache(maxsize=_CACHED_RECORDS)(self._read_record)

    @classmethod
    def from_chunks(cls, chunks: Sequence[Chunk], documents: Mapping[str, Document]) -> ChunkTable:
        """An in-memory table of freshly built chunks (nothing is parsed: every record is at hand)."""
        rows = sentence_rows(chunks)
        table = cls(_columns(chunks, documents), documents, b"")
        for position, chunk in enumerate(chunks):
            table._parsed[position] = (chunk, tuple(rows[(chunk.doc_id, s, e)] for s, e in chunk.sentences))
            table._seen[chunk.chunk_id] = position
        return table

    @classmethod
    def open(cls, records_path: Path, columns_path: Path, documents: Mapping[str, Document]) -> ChunkTable:
        columns = np.load(columns_path, mmap_mode="r")
        if columns.dtype != COLUMNS:
            raise ValueError(f"{columns_path.name} has columns {columns.dtype}, expected {COLUMNS}")
        with open(records_path, "rb") as handle:
            size = handle.seek(0, 2)
            # the map outlives the file: old snapshots are deleted while readers may still hold them
            records = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        if len(columns) and not 0 <= int(columns["offset"][-1]) < size:
            raise ValueError(f"{columns_path.name} points past the end of {records_path.name}")
        return cls(columns, documents, records, str(records_path))

    def __len__(self) -> int:
        return len(self._columns)

    @overload
    def __getitem__(self, position: int) -> Chunk: ...

    @overload
    def __getitem__(self, position: slice) -> list[Chunk]: ...

    def __getitem__(self, position: int | slice) -> Chunk | list[Chunk]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        return self._entry(position)[0]

    def __iter__(self) -> Iterator[Chunk]:
        for position in range(len(self)):
            yield self._entry(position)[0]

    def sentence_rows_at(self, position: int) -> tuple[int, ...]:
        """Rows of ``sentence_embeddings`` for the chunk's sentences, in the order of ``chunk.sentences``."""
        return self._entry(position)[1]

    def sentence_rows_of(self, chunk: Chunk) -> tuple[int, ...]:
        position = self.position(chunk.chunk_id)
        if position is None:
            raise KeyError(chunk.chunk_id)
        return self.sentence_rows_at(position)

    def position(self, chunk_id: str) -> int | None:
        if chunk_id in self._seen:
            return self._seen[chunk_id]
        doc_id, _, span = chunk_id.rpartition(":")
        start, _, end = span.partition("-")
        number = self._doc_numbers.get(doc_id)
        if number is None or not (start.isdigit() and end.isdigit()):
            return None
        c = self._columns
        found = np.flatnonzero((c["doc"] == number) & (c["start"] == int(start)) & (c["end"] == int(end)))
        return int(found[0]) if len(found) else None

    def first_of(self, doc_id: str) -> int | None:
        """The position of the document's first chunk (its front matter, when it has one), or None.
        The first call finds every document's at once, so later ones do not scan the columns."""
        if self._first_positions is None:
            self._first_positions = _first_positions(self._columns)
        number = self._doc_numbers.get(doc_id)
        return None if number is None else self._first_positions.get(number)

    def mask(self, lang: str | None, doc_id: str | None) -> np.ndarray | None:
        """Which chunks pass the filters (None: no filter)."""
        if lang is None and doc_id is None:
            return None
        allowed = np.ones(len(self), dtype=bool)
        if lang is not None:
            allowed &= self._columns["lang"] == lang.encode()
        if doc_id is not None:
            allowed &= self._columns["doc"] == self._doc_numbers.get(doc_id, -1)
        return allowed

    def _entry(self, position: int) -> tuple[Chunk, tuple[int, ...]]:
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self._parsed.get(position) or self._read(position)

    def _read_record(self, position: int) -> tuple[Chunk, tuple[int, ...]]:
        start = int(self._offsets[position])
        end = int(self._offsets[position + 1]) if position + 1 < len(self) else len(self._records)
        try:
            record: dict[str, Any] = json.loads(self._records[start:end])
            rows = tuple(int(row) for row in record.pop("sentence_rows"))
            record["sentences"] = tuple((int(s), int(e)) for s, e in record["sentences"])
            record["sentence_langs"] = tuple(record.get("sentence_langs", ()))
            if record["sentence_langs"] and len(record["sentence_langs"]) != len(record["sentences"]):
                raise ValueError("one language per sentence")
            text = self._documents[record["doc_id"]].text[record["start"] : record["end"]]
            chunk = Chunk(text=text, **record)
        except (ValueError, KeyError, TypeError) as exc:
            # files over 64 MiB are only size-checked at load, so a damaged record can surface here
            raise IndexCorrupt(
                f"chunk record {position} of {self._source} cannot be read ({type(exc).__name__}: {exc}); "
                "run `qa index --rebuild` to rebuild it"
            ) from None
        self._seen[chunk.chunk_id] = position
        return chunk, rows


def write(chunks: ChunkTable, records_path: Path, columns_path: Path) -> None:
    """``chunks.jsonl`` (the text is left out: it is a slice of the document) and its column table."""
    offsets = []
    with open(records_path, "wb") as handle:
        for position, chunk in enumerate(chunks):
            offsets.append(handle.tell())
            record = asdict(chunk)
            record.pop("text")  # storing it twice would invite drift
            record["sentences"] = [list(span) for span in chunk.sentences]
            if not chunk.sentence_langs:
                del record["sentence_langs"]  # the chunk's language, as almost every chunk has it
            record["sentence_rows"] = list(chunks.sentence_rows_at(position))
            handle.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
    columns = np.array(chunks._columns)  # the table's own columns, with the records' offsets filled in
    columns["offset"] = offsets
    np.save(columns_path, columns)


def _first_positions(columns: np.ndarray) -> dict[int, int]:
    """Document number -> position of its chunk with the smallest start."""
    if not len(columns):
        return {}
    order = np.lexsort((columns["start"], columns["doc"]))
    documents = columns["doc"][order]
    first = np.r_[True, documents[1:] != documents[:-1]]
    return {int(number): int(position) for number, position in zip(documents[first], order[first], strict=True)}


def _doc_numbers(documents: Mapping[str, Document]) -> dict[str, int]:
    return {doc_id: number for number, doc_id in enumerate(documents)}


def _columns(chunks: Sequence[Chunk], documents: Mapping[str, Document]) -> np.ndarray:
    """Columns of freshly built chunks; offsets are -1 until ``write`` puts the records on disk."""
    numbers = _doc_numbers(documents)
    columns = np.zeros(len(chunks), dtype=COLUMNS)
    for position, chunk in enumerate(chunks):
        columns[position] = (-1, numbers[chunk.doc_id], chunk.start, chunk.end, chunk.lang.encode())
    return columns
