"""The chunk table: what is written is what is read, lazily, with filters and lookups by id."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qa import index as store
from qa.chunk_table import ChunkTable, sentence_rows, write
from qa.engine import Engine
from qa.errors import IndexCorrupt, IndexMismatch
from qa.models import Chunk, Document


def _snapshot_dir(engine: Engine) -> Path:
    index_dir = engine.settings.index_dir
    return index_dir / (index_dir / store.POINTER).read_text().strip()


@pytest.fixture
def built(fast_engine: Engine) -> tuple[list[Chunk], dict[str, Document], Path]:
    folder = _snapshot_dir(fast_engine)
    snapshot = store.load_snapshot(fast_engine.settings.index_dir)
    return list(snapshot.chunks), snapshot.documents, folder


def test_opened_table_reads_back_every_chunk_and_its_sentence_rows(
    built: tuple[list[Chunk], dict[str, Document], Path],
) -> None:
    chunks, documents, folder = built
    in_memory = ChunkTable.from_chunks(chunks, documents)
    opened = ChunkTable.open(folder / store.CHUNKS, folder / store.CHUNK_TABLE, documents)
    assert len(opened) == len(in_memory) == len(chunks)
    assert list(opened) == chunks
    assert any(chunk.sentence_langs for chunk in chunks)  # a sentence in another language than its chunk's
    rows = sentence_rows(chunks)
    for position, chunk in enumerate(chunks):
        expected = tuple(rows[(chunk.doc_id, s, e)] for s, e in chunk.sentences)
        assert opened.sentence_rows_at(position) == in_memory.sentence_rows_at(position) == expected
        assert opened.sentence_rows_of(chunk) == expected
        assert documents[chunk.doc_id].text[chunk.start : chunk.end] == opened[position].text
    assert opened[-1] == chunks[-1]
    assert opened[2:4] == chunks[2:4]
    with pytest.raises(IndexError):
        opened[len(chunks)]


def test_positions_by_chunk_id(built: tuple[list[Chunk], dict[str, Document], Path]) -> None:
    chunks, documents, folder = built
    # a fresh table that has parsed nothing yet finds ids through its columns
    opened = ChunkTable.open(folder / store.CHUNKS, folder / store.CHUNK_TABLE, documents)
    for position in (0, len(chunks) // 2, len(chunks) - 1):
        assert opened.position(chunks[position].chunk_id) == position
    doc_id = chunks[0].doc_id
    for unknown in ["nope:1-2", f"{doc_id}:1-2", f"{doc_id}:x-y", f"{doc_id}", "", ":-"]:
        assert opened.position(unknown) is None


def test_first_of_a_document_is_its_front_matter(built: tuple[list[Chunk], dict[str, Document], Path]) -> None:
    chunks, documents, folder = built
    opened = ChunkTable.open(folder / store.CHUNKS, folder / store.CHUNK_TABLE, documents)
    expected = min((c for c in chunks if c.doc_id == chunks[0].doc_id), key=lambda c: c.start)
    assert "byline" in expected.kind
    for table in (opened, ChunkTable.from_chunks(list(reversed(chunks)), documents)):
        position = table.first_of(chunks[0].doc_id)
        assert position is not None and table[position] == expected
        assert table.first_of("no-such-document") is None
    assert ChunkTable.from_chunks([], documents).first_of(chunks[0].doc_id) is None


def test_filters_match_the_chunks_fields(built: tuple[list[Chunk], dict[str, Document], Path]) -> None:
    chunks, documents, folder = built
    opened = ChunkTable.open(folder / store.CHUNKS, folder / store.CHUNK_TABLE, documents)
    assert opened.mask(None, None) is None
    for lang in ("en", "es", "de"):
        expected = np.array([c.lang == lang for c in chunks])
        np.testing.assert_array_equal(opened.mask(lang, None), expected)
    doc_id = chunks[0].doc_id
    np.testing.assert_array_equal(opened.mask("es", doc_id), np.array([c.lang == "es" for c in chunks]))
    assert not opened.mask(None, "no-such-document").any()  # type: ignore[union-attr]


def test_empty_table_round_trips(tmp_path: Path) -> None:
    empty = ChunkTable.from_chunks([], {})
    write(empty, tmp_path / "chunks.jsonl", tmp_path / "table.npy")
    opened = ChunkTable.open(tmp_path / "chunks.jsonl", tmp_path / "table.npy", {})
    assert len(opened) == 0 and list(opened) == []
    assert opened.position("a:1-2") is None


def test_a_damaged_record_is_reported_when_read(fast_engine: Engine) -> None:
    """Large files are only size-checked at load: a record damaged in place surfaces on first read."""
    records = _snapshot_dir(fast_engine) / store.CHUNKS
    data = bytearray(records.read_bytes())
    data[1] = ord("#")  # same size, no longer JSON
    records.write_bytes(bytes(data))
    snapshot = store.load_snapshot(fast_engine.settings.index_dir, verify=False)
    with pytest.raises(IndexCorrupt, match=r"chunk record 0 of .*chunks\.jsonl.*qa index --rebuild"):
        snapshot.chunks[0]
    with pytest.raises(IndexCorrupt, match="checksum"):
        store.load_snapshot(fast_engine.settings.index_dir)


def test_a_table_that_points_past_its_records_is_refused(fast_engine: Engine) -> None:
    folder = _snapshot_dir(fast_engine)
    columns = np.load(folder / store.CHUNK_TABLE)
    columns["offset"][-1] = (folder / store.CHUNKS).stat().st_size + 10
    np.save(folder / store.CHUNK_TABLE, columns)
    with pytest.raises(IndexCorrupt, match="qa index --rebuild"):
        store.load_snapshot(fast_engine.settings.index_dir, verify=False)


def test_an_index_of_the_previous_format_is_refused_with_the_fix(fast_engine: Engine) -> None:
    manifest_file = _snapshot_dir(fast_engine) / store.MANIFEST
    current = store.FORMAT_VERSION
    manifest_file.write_text(
        manifest_file.read_text().replace(f'"format_version": {current}', f'"format_version": {current - 1}')
    )
    fresh = Engine(fast_engine.settings, embedder=fast_engine.embedder)
    with pytest.raises(IndexMismatch, match=rf"format version {current - 1} != {current}.*qa index --rebuild"):
        fresh.snapshot()
