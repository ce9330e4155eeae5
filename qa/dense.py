"""The dense (FAISS) index: exact inner-product search; chosen and parameterised from the corpus size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np


def build(vectors: np.ndarray) -> tuple[faiss.Index, dict[str, Any]]:
    """An index over L2-normalised rows (inner product = cosine), with its description for the manifest."""
    dimension = vectors.shape[1]
    index = faiss.IndexFlatIP(dimension)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index, {"type": "flat-ip", "vectors": int(index.ntotal)}


def search(index: faiss.Index, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(scores, positions) each of shape (len(queries), k'); positions of -1 are padding."""
    k = min(k, int(index.ntotal))
    if k <= 0:
        empty = np.zeros((len(queries), 0))
        return empty.astype(np.float32), empty.astype(np.int64)
    scores, positions = index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
    return scores, positions


def save(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load(path: Path) -> faiss.Index:
    return faiss.read_index(str(path))
