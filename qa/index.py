"""The index on disk: immutable snapshot folders of plain files plus a ``CURRENT`` pointer.

A writer builds a complete snapshot in a temporary folder, fsyncs it, renames it into place and
then atomically replaces ``CURRENT``; a reader that loaded the previous snapshot keeps using it.
A crash at any moment therefore leaves either the old or the new snapshot current, never a mix.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from qa import chunk_table, dense
from qa.acronyms import Acronym
from qa.chunk_table import ChunkTable
from qa.errors import IndexCorrupt, IndexMismatch, IndexMissing
from qa.lexical import LexicalIndex, TermRarity
from qa.models import Document

# 2: chunk records carry their sentence rows, with a column table beside them (qa.chunk_table)
# 3: term_rarity.json; 4: acronyms.json; 5: each sentence's language; 6: a sentence that refers
# back embedded after the one before it (chunk.sentence_embedding_text); 7: a section's acronyms in
# its sentences' topic (acronyms.with_acronyms); 8: countries.json (each document's countries)
FORMAT_VERSION = 8
POINTER = "CURRENT"
SNAPSHOTS = "snapshots"
MANIFEST = "manifest.json"
DOCUMENTS = "documents.jsonl"
CHUNKS = "chunks.jsonl"
CHUNK_TABLE = "chunk_table.npy"
EMBEDDINGS = "embeddings.npy"
SENTENCE_EMBEDDINGS = "sentence_embeddings.npy"
DENSE = "dense.faiss"
LEXICAL = "lexical"
SENTENCES = "punkt.json"
RARITY = "term_rarity.json"
ACRONYMS = "acronyms.json"
COUNTRIES = "countries.json"
_KEEP_SNAPSHOTS = 2
REBUILD_HINT = "run `qa index --rebuild` to rebuild it"


@dataclass
class Snapshot:
    """A loaded index: everything retrieval needs, read-only once built."""

    manifest: dict[str, Any]
    documents: dict[str, Document]
    chunks: ChunkTable
    embeddings: np.ndarray
    dense_index: faiss.Index
    lexical: LexicalIndex
    sentence_parameters: dict[str, Any]
    sentence_embeddings: np.ndarray
    term_rarity: TermRarity
    # what the acronyms the corpus defines stand for (qa.acronyms), spelled out in questions
    acronyms: Mapping[str, Acronym] = field(default_factory=dict)
    # the countries each document mentions (qa.countries.countries_mentioned): a question about none
    # of the corpus's finds nothing about it; None for a snapshot of an older format
    document_countries: Mapping[str, frozenset[str]] | None = None
    path: Path | None = None

    @cached_property  # read by every answer
    def countries(self) -> frozenset[str] | None:
        """The countries the corpus mentions, if known."""
        if self.document_countries is None:
            return None
        return frozenset(code for codes in self.document_countries.values() for code in codes)


def corpus_fingerprint(documents: list[Document]) -> str:
    digest = hashlib.sha256()
    for document in sorted(documents, key=lambda d: d.doc_id):
        meta = (document.doc_id, document.content_hash, document.title, document.site, document.published)
        digest.update(json.dumps(meta).encode())
    return digest.hexdigest()[:16]


def expected_manifest(model: dict[str, Any], chunking: dict[str, Any]) -> dict[str, Any]:
    return {"format_version": FORMAT_VERSION, "model": model, "chunking": chunking}


def check_compatible(manifest: dict[str, Any], expected: dict[str, Any], where: Path | str) -> None:
    """Refuse an index built with another format, model or chunking; say exactly what differs."""
    differences = []
    if manifest.get("format_version") != expected["format_version"]:
        differences.append(f"format version {manifest.get('format_version')} != {expected['format_version']}")
    for section in ("model", "chunking"):
        built, wanted = manifest.get(section, {}), expected[section]
        for key in sorted(set(built) | set(wanted)):
            if key in wanted and built.get(key) != wanted.get(key):
                differences.append(f"{section}.{key}: index has {built.get(key)!r}, settings want {wanted.get(key)!r}")
    if differences:
        raise IndexMismatch(
            f"the index at {where} was built with other settings: " + "; ".join(differences) + f"; {REBUILD_HINT}"
        )


# ---------------------------------------------------------------- writing


@contextlib.contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """Serialise writers (CLI and server alike); readers never take it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_snapshot(index_dir: Path, snapshot: Snapshot) -> Path:
    """Persist ``snapshot`` and make it current atomically; the caller holds ``writer_lock``."""
    snapshots = index_dir / SNAPSHOTS
    snapshots.mkdir(parents=True, exist_ok=True)
    name = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    staging = snapshots / f".tmp-{name}"
    staging.mkdir()
    _write_jsonl(staging / DOCUMENTS, (asdict(document) for document in snapshot.documents.values()))
    chunk_table.write(snapshot.chunks, staging / CHUNKS, staging / CHUNK_TABLE)
    np.save(staging / EMBEDDINGS, snapshot.embeddings)
    np.save(staging / SENTENCE_EMBEDDINGS, snapshot.sentence_embeddings)
    dense.save(snapshot.dense_index, staging / DENSE)
    snapshot.lexical.save(staging / LEXICAL)
    (staging / SENTENCES).write_text(json.dumps(snapshot.sentence_parameters), encoding="utf-8")
    rarity = {"unseen": snapshot.term_rarity.unseen, "weights": dict(snapshot.term_rarity.weights)}
    (staging / RARITY).write_text(json.dumps(rarity, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    acronyms = {acronym: asdict(found) for acronym, found in snapshot.acronyms.items()}
    (staging / ACRONYMS).write_text(json.dumps(acronyms, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    if snapshot.document_countries is not None:  # unknown stays unknown, not "no country"
        countries = {doc_id: sorted(codes) for doc_id, codes in snapshot.document_countries.items()}
        (staging / COUNTRIES).write_text(json.dumps(countries, sort_keys=True), encoding="utf-8")
    manifest = dict(snapshot.manifest, files=_file_table(staging))
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    _fsync_tree(staging)
    final = snapshots / name
    os.rename(staging, final)
    _fsync_dir(snapshots)
    _replace_pointer(index_dir, f"{SNAPSHOTS}/{name}")
    snapshot.path, snapshot.manifest = final, manifest
    _remove_old_snapshots(snapshots, keep=final)
    return final


def _write_jsonl(path: Path, records: Iterator[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _file_table(directory: Path) -> dict[str, dict[str, Any]]:
    table = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            table[path.relative_to(directory).as_posix()] = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
    return table


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_tree(directory: Path) -> None:
    for path in directory.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    for path in [directory, *(p for p in directory.rglob("*") if p.is_dir())]:
        _fsync_dir(path)


def _fsync_dir(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _replace_pointer(index_dir: Path, target: str) -> None:
    temporary = index_dir / f".{POINTER}.{uuid.uuid4().hex[:8]}"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(target + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, index_dir / POINTER)
    _fsync_dir(index_dir)


def _remove_old_snapshots(snapshots: Path, keep: Path) -> None:
    """Keep the newest few snapshots (readers may still hold the previous one) and drop crash debris."""
    for leftover in snapshots.glob(".tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    finished = sorted(
        (p for p in snapshots.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name
    )
    for old in finished[:-_KEEP_SNAPSHOTS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
    for debris in snapshots.parent.glob(f".{POINTER}.*"):
        debris.unlink(missing_ok=True)


# ---------------------------------------------------------------- reading


def current_snapshot_path(index_dir: Path) -> Path:
    pointer = index_dir / POINTER
    if not pointer.is_file():
        raise IndexMissing(f"no index at {index_dir}: run `qa index` to build it")
    target = pointer.read_text(encoding="utf-8").strip()
    path = index_dir / target
    if not target or not (path / MANIFEST).is_file():
        raise IndexCorrupt(f"{pointer} points to a missing snapshot {target!r}; {REBUILD_HINT}")
    return path


def read_manifest(path: Path) -> dict[str, Any]:
    manifest_file = path / MANIFEST
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"{manifest_file} is unreadable ({exc}); {REBUILD_HINT}") from None
    if not isinstance(manifest, dict):
        raise IndexCorrupt(f"{manifest_file} is not a JSON object; {REBUILD_HINT}")
    return manifest


def load_snapshot(index_dir: Path, expected: dict[str, Any] | None = None, verify: bool = True) -> Snapshot:
    path = current_snapshot_path(index_dir)
    manifest = read_manifest(path)
    if expected is not None:
        check_compatible(manifest, expected, index_dir)
    if verify:
        _verify_files(path, manifest)
    try:
        documents = {record["doc_id"]: Document(**record) for record in _read_jsonl(path / DOCUMENTS)}
        chunks = ChunkTable.open(path / CHUNKS, path / CHUNK_TABLE, documents)
        embeddings = np.load(path / EMBEDDINGS, mmap_mode="r")
        dense_index = dense.load(path / DENSE, manifest.get("dense_index"))
        lexical = LexicalIndex.load(path / LEXICAL)
        sentence_parameters = json.loads((path / SENTENCES).read_text(encoding="utf-8"))
        sentence_embeddings = np.load(path / SENTENCE_EMBEDDINGS, mmap_mode="r")
        rarity = json.loads((path / RARITY).read_text(encoding="utf-8"))
        term_rarity = TermRarity(rarity["weights"], float(rarity["unseen"]))
        acronyms_json = json.loads((path / ACRONYMS).read_text(encoding="utf-8"))
        acronyms = {acronym: Acronym(**found) for acronym, found in acronyms_json.items()}
        document_countries = _read_countries(path / COUNTRIES)
    except IndexCorrupt:
        raise
    except Exception as exc:  # any decoding failure of any file means the same thing to the user
        raise IndexCorrupt(
            f"the index at {path} cannot be read ({type(exc).__name__}: {exc}); {REBUILD_HINT}"
        ) from None
    snapshot = Snapshot(
        manifest,
        documents,
        chunks,
        embeddings,
        dense_index,
        lexical,
        sentence_parameters,
        sentence_embeddings,
        term_rarity,
        acronyms,
        document_countries=document_countries,
        path=path,
    )
    if not (len(chunks) == len(embeddings) == dense_index.ntotal == lexical.size):
        raise IndexCorrupt(f"the index files at {path} disagree on the number of chunks; {REBUILD_HINT}")
    if len(chunks) and max(chunks.sentence_rows_at(len(chunks) - 1), default=-1) >= len(sentence_embeddings):
        raise IndexCorrupt(f"the index files at {path} disagree on the number of sentences; {REBUILD_HINT}")
    return snapshot


def _verify_files(path: Path, manifest: dict[str, Any]) -> None:
    for name, facts in manifest.get("files", {}).items():
        file = path / name
        if not file.is_file():
            raise IndexCorrupt(f"index file {file} is missing; {REBUILD_HINT}")
        if file.stat().st_size != facts.get("bytes"):
            raise IndexCorrupt(f"index file {file} is truncated or altered (size differs); {REBUILD_HINT}")
        if file.stat().st_size < (64 << 20) and _sha256(file) != facts.get("sha256"):
            raise IndexCorrupt(f"index file {file} is corrupt (checksum differs); {REBUILD_HINT}")


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _read_countries(file: Path) -> dict[str, frozenset[str]] | None:
    """Each document's countries, or None when the snapshot has no such file (an older format, read
    without a manifest to compare: the rule that uses them is off)."""
    if not file.exists():
        return None
    stored = json.loads(file.read_text(encoding="utf-8"))
    return {str(doc_id): frozenset(str(code) for code in codes) for doc_id, codes in stored.items()}
