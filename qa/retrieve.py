"""Hybrid retrieval: dense and BM25 rankings fused by weighted reciprocal rank, overlaps removed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from qa import dense
from qa.index import Snapshot
from qa.lexical import phrase_overlap
from qa.models import Chunk, Hit

Fusion = Literal["weighted", "rrf"]


@dataclass(frozen=True)
class RetrievalParameters:
    k: int
    candidates: int
    fusion: Fusion
    lexical_weight: float  # weighted: cosine + weight * BM25 / (best BM25 of the query)
    rrf_k: int
    rrf_lexical_weight: float  # rrf: 1/(k + dense rank) + weight/(k + BM25 rank)
    lang: str | None = None
    doc_id: str | None = None
    # weighted: added to the cosine of a passage in another language than the question's. A
    # Spanish question's cosines to English passages run lower than to the few Spanish ones
    # whatever they say (language bias of e5), so without it Spanish quotes crowd the top.
    crosslingual_bonus: float = 0.0
    # weighted: weight of the share of the question's adjacent term pairs found adjacent in the passage
    phrase_weight: float = 0.0


def retrieve(
    snapshot: Snapshot,
    question: str,
    query_vector: np.ndarray,
    params: RetrievalParameters,
    question_lang: str | None = None,
) -> list[Hit]:
    allowed = snapshot.chunks.mask(params.lang, params.doc_id)
    if allowed is not None and not allowed.any():
        return []
    dense_ranking, dense_scores = _dense_ranking(snapshot, query_vector, params.candidates, allowed)
    lexical_scores = snapshot.lexical.scores(question)
    lexical_ranking = _top_positions(lexical_scores, params.candidates, allowed)
    if params.fusion == "rrf":
        fused = fuse(dense_ranking, lexical_ranking, params.rrf_k, 1.0, params.rrf_lexical_weight)
    else:
        for position in lexical_ranking:
            if position not in dense_scores:  # found by BM25 only: its cosine comes from the stored vector
                dense_scores[position] = float(np.dot(snapshot.embeddings[position], query_vector))
        bonus = _bonuses(snapshot.chunks, dense_scores, question, question_lang, params)
        fused = weighted_sum(dense_scores, lexical_scores, lexical_ranking, params.lexical_weight, bonus)
    hits: list[Hit] = []
    for position, score in fused:
        chunk = snapshot.chunks[position]
        if any(overlaps(chunk, hit.chunk) for hit in hits):
            continue
        hits.append(
            Hit(
                chunk=chunk,
                score=score,
                rank=len(hits) + 1,
                dense_score=dense_scores.get(position),
                lexical_score=float(lexical_scores[position]) if len(lexical_scores) else None,
            )
        )
        if len(hits) == params.k:
            break
    return hits


def fuse(
    dense_ranking: list[int], lexical_ranking: list[int], rrf_k: int, dense_weight: float, lexical_weight: float
) -> list[tuple[int, float]]:
    """Weighted reciprocal rank fusion; ties keep the dense order."""
    scores: dict[int, float] = {}
    for weight, ranking in ((dense_weight, dense_ranking), (lexical_weight, lexical_ranking)):
        for rank, position in enumerate(ranking, start=1):
            scores[position] = scores.get(position, 0.0) + weight / (rrf_k + rank)
    order = {position: rank for rank, position in enumerate(dense_ranking)}
    return sorted(scores.items(), key=lambda item: (-item[1], order.get(item[0], len(order))))


def weighted_sum(
    dense_scores: dict[int, float],
    lexical_scores: np.ndarray,
    lexical_ranking: list[int],
    weight: float,
    bonus: dict[int, float] | None = None,
) -> list[tuple[int, float]]:
    """Cosine plus BM25 scaled to [0, 1] per query. Cosines of e5 sit in a narrow band (about
    0.75-0.9), so a small weight lets exact terms break near-ties without overruling meaning,
    which keeps cross-lingual matches (no shared terms) on top; the weight was chosen with
    `qa eval` (docs/EVALUATION.md). ``bonus`` adds a per-position amount (the cross-lingual one)."""
    best = float(lexical_scores[lexical_ranking[0]]) if lexical_ranking else 0.0
    extra = bonus or {}
    scores = {
        position: cosine
        + (weight * float(lexical_scores[position]) / best if best > 0 else 0.0)
        + extra.get(position, 0.0)
        for position, cosine in dense_scores.items()
    }
    return sorted(scores.items(), key=lambda item: -item[1])


def _bonuses(
    chunks: Sequence[Chunk],
    positions: dict[int, float],
    question: str,
    question_lang: str | None,
    params: RetrievalParameters,
) -> dict[int, float]:
    """What the weighted sum adds to a candidate's cosine besides BM25: the cross-lingual credit
    and the phrase match (both chosen with `qa eval`, docs/EVALUATION.md)."""
    bonus: dict[int, float] = {}
    for position in positions:
        chunk = chunks[position]
        extra = 0.0
        if question_lang is not None and chunk.lang != question_lang:
            extra += params.crosslingual_bonus
        if params.phrase_weight > 0:
            extra += params.phrase_weight * phrase_overlap(question, chunk.embedding_text, chunk.lang)
        if extra:
            bonus[position] = extra
    return bonus


def overlaps(a: Chunk, b: Chunk, fraction: float = 0.5) -> bool:
    """Two chunks of one document sharing at least ``fraction`` of the shorter one."""
    if a.doc_id != b.doc_id:
        return False
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared > 0 and shared >= fraction * min(a.end - a.start, b.end - b.start)


def _dense_ranking(
    snapshot: Snapshot, query_vector: np.ndarray, candidates: int, allowed: np.ndarray | None
) -> tuple[list[int], dict[int, float]]:
    total = int(snapshot.dense_index.ntotal)
    wanted = candidates if allowed is None else min(total, candidates * 8)
    while True:
        scores, positions = dense.search(snapshot.dense_index, query_vector[None, :], wanted)
        pairs = [
            (int(p), float(s))
            for p, s in zip(positions[0], scores[0], strict=True)
            if p >= 0 and (allowed is None or allowed[p])
        ]
        # A filter may hide most of the nearest neighbours: widen the search until enough pass.
        if len(pairs) >= candidates or wanted >= total:
            break
        wanted = min(total, wanted * 4)
    pairs = pairs[:candidates]
    return [p for p, _ in pairs], dict(pairs)


def _top_positions(scores: np.ndarray, candidates: int, allowed: np.ndarray | None) -> list[int]:
    if len(scores) == 0:
        return []
    if allowed is not None:
        scores = np.where(allowed, scores, 0.0)
    count = min(candidates, len(scores))
    top = np.argpartition(-scores, count - 1)[:count]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [int(p) for p in top if scores[p] > 0]
