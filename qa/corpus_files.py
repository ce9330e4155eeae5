"""Writing into the corpus folder: sanitised names, validated content, atomic writes."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from qa.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType
from qa.ingest import DOCUMENT_SUFFIXES, metadata_path, name_tag
from qa.lexical import without_accents

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(filename: str) -> str:
    """A plain file name for the corpus folder: no directories, no dot files, only portable characters."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    original_stem, dot, suffix = base.rpartition(".")
    if not dot:
        original_stem, suffix = base, ""
    folded = without_accents(original_stem)
    stem = _UNSAFE.sub("-", folded.encode("ascii", "ignore").decode()).strip("-._")[:100]
    # "Café" keeps its "e"; "東京", "Москва" or "🙂" would leave nothing, or one "Report" for
    # "Report 東京" and "Report Москва", and one upload would replace another
    if not stem or any(not c.isascii() for c in folded if c.isalnum()):
        stem = f"{stem or 'document'}-{name_tag(original_stem)}"
    suffix = suffix.lower()
    if f".{suffix}" not in DOCUMENT_SUFFIXES:
        allowed = ", ".join(DOCUMENT_SUFFIXES)
        raise UnsupportedMediaType(f"{filename!r}: unsupported file type (allowed: {allowed})")
    return f"{stem}.{suffix}"


def prepare_upload(filename: str, data: bytes, max_bytes: int) -> tuple[str, str]:
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"{filename!r} is {len(data)} bytes; the limit is {max_bytes} (QA_MAX_UPLOAD_BYTES)")
    name = safe_name(filename)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{filename!r} is not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    if not text.strip():
        raise InvalidInput(f"{filename!r} is empty")
    return name, text


def write_atomically(corpus_dir: Path, name: str, text: str) -> Path:
    corpus_dir.mkdir(parents=True, exist_ok=True)
    target = corpus_dir / name
    temporary = corpus_dir / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    return target


def delete(corpus_dir: Path, source: str) -> None:
    path = corpus_dir / source
    path.unlink(missing_ok=True)
    metadata_path(path).unlink(missing_ok=True)


def read_existing(corpus_dir: Path, name: str) -> str | None:
    path = corpus_dir / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


def restore(corpus_dir: Path, previous: dict[str, str | None]) -> None:
    """Undo uploads whose indexing failed: put back replaced files, remove new ones."""
    for name, text in previous.items():
        if text is None:
            (corpus_dir / name).unlink(missing_ok=True)
        else:
            write_atomically(corpus_dir, name, text)
