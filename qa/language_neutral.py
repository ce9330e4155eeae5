"""Language-neutral vectors: the direction in which a multilingual model marks English against
Spanish is removed from every query and passage vector.

A multilingual model places a text partly by what it says and partly by the language it is in, so a
Spanish question sits closer to any Spanish passage than to the English one that answers it (e5
ranked the article's Spanish quotes first for Spanish questions about its English text). The mean
difference between the vectors of Spanish sentences and their English translations is that
language component (Libovický et al., 2020, "On the Language Neutrality of Pre-trained Multilingual
Representations"); projecting it out leaves what the texts say. It is measured per kind of text
(queries and passages carry different prompts), from sentences on everyday topics, so that no topic
of a corpus leaks into it (docs/EVALUATION.md, round 6).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from qa.embed import Embedder, TextKind

log = logging.getLogger(__name__)

PARALLEL_SENTENCES = "parallel_en_es.tsv"
METHOD = "en-es-mean-difference-v1"


def parallel_sentences(text: str) -> list[tuple[str, str]]:
    """(English, Spanish) pairs from tab-separated lines; "#" lines are comments."""
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        english, tab, spanish = line.partition("\t")
        if not tab or not english.strip() or not spanish.strip():
            raise ValueError(f"line {number}: expected 'English<TAB>Spanish'")
        pairs.append((english.strip(), spanish.strip()))
    return pairs


def language_direction(english: np.ndarray, spanish: np.ndarray) -> np.ndarray:
    """The unit vector from the mean of the English vectors to the mean of their translations."""
    difference = spanish.mean(axis=0) - english.mean(axis=0)
    norm = float(np.linalg.norm(difference))
    if norm == 0.0 or not np.isfinite(norm):
        # a model that does not tell the languages apart (or gave no usable vectors): change nothing
        return np.zeros_like(difference, dtype=np.float32)
    return (difference / norm).astype(np.float32)


def remove_direction(vectors: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """The vectors without their component along ``direction``, L2-normalised again."""
    projected = vectors - np.outer(vectors @ direction, direction)
    norms = np.linalg.norm(projected, axis=1, keepdims=True)
    return np.ascontiguousarray(projected / np.where(norms == 0, 1.0, norms), dtype=np.float32)


class LanguageNeutralEmbedder:
    """Wraps an embedder: the same vectors with the English/Spanish direction removed. The directions
    are measured on first use and kept in ``cache_dir`` (embedding the reference sentences takes
    most of a second, which a CLI question should not pay every time)."""

    def __init__(self, inner: Embedder, cache_dir: Path | None = None, reference: str | None = None) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self._reference = reference if reference is not None else _bundled_reference()
        self._cache_dir = cache_dir
        self._directions: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    @cached_property
    def fingerprint(self) -> str:
        """The inner model's, and the reference sentences': an index built without them, or with
        others, holds vectors of another space and is rebuilt."""
        digest = hashlib.sha256(f"{METHOD}\n{self._reference}".encode()).hexdigest()[:12]
        return f"{self.inner.fingerprint}+neutral-{digest}"

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def load(self) -> None:
        """Load the model and both directions now rather than on the first request."""
        load = getattr(self.inner, "load", None)
        if load is not None:
            load()
        self.direction("query")
        self.direction("passage")

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        vectors = self.inner.embed(texts, kind)
        if not len(vectors):
            return vectors
        return remove_direction(vectors, self.direction(kind))

    def direction(self, kind: TextKind) -> np.ndarray:
        with self._lock:
            if kind not in self._directions:
                cached = self._cached(kind)
                self._directions[kind] = cached if cached is not None else self._measure(kind)
            return self._directions[kind]

    def _measure(self, kind: TextKind) -> np.ndarray:
        pairs = parallel_sentences(self._reference)
        vectors = self.inner.embed([text for pair in pairs for text in pair], kind)
        direction = language_direction(vectors[0::2], vectors[1::2])
        self._store(kind, direction)
        return direction

    def _cache_file(self, kind: TextKind) -> Path | None:
        if self._cache_dir is None:
            return None
        name = hashlib.sha256(f"{self.fingerprint}:{kind}".encode()).hexdigest()[:24]
        return self._cache_dir / "language-directions" / f"{name}.npy"

    def _cached(self, kind: TextKind) -> np.ndarray | None:
        path = self._cache_file(kind)
        if path is None or not path.is_file():
            return None
        try:
            direction = np.load(path)
        except (OSError, ValueError) as exc:
            log.warning("ignoring the cached language direction %s: %s", path, exc)
            return None
        if direction.shape != (self.dimension,) or not np.isfinite(direction).all():
            return None
        return direction.astype(np.float32)

    def _store(self, kind: TextKind, direction: np.ndarray) -> None:
        path = self._cache_file(kind)
        if path is None:
            return
        temporary: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # written whole and renamed: a process reading it never sees half a file
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
                temporary = handle.name
                np.save(handle, direction)
            os.chmod(temporary, 0o644)  # readable by whoever shares the model cache, like the model itself
            os.replace(temporary, path)
            temporary = None
        except OSError as exc:
            log.info("not caching the language direction (%s); it is measured again next time", exc)
        finally:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)


def _bundled_reference() -> str:
    return resources.files("qa").joinpath("data", PARALLEL_SENTENCES).read_text(encoding="utf-8")
