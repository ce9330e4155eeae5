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
from qa.voice import asks_about_author, first_person

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
    # pseudo-relevance feedback: the question vector plus this weight times the mean vector of the
    # first ``feedback_passages`` passages ranks a second time (0: one pass)
    feedback_weight: float = 0.0
    feedback_passages: int = 5
    # weighted: added to a passage written in the first person when the question asks about the author
    author_voice_bonus: float = 0.0


def retrieve(
    snapshot: Snapshot,
    question: str,
    query_vector: np.ndarray,
    params: RetrievalParameters,
    question_lang: str | None = None,
    translated_terms: Sequence[str] = (),
) -> list[Hit]:
    """The passages for a question, best first; ``translated_terms`` (qa.bilingual) join the
    question's own terms in BM25, so that it matches passages in the other language too."""
    allowed = snapshot.chunks.mask(params.lang, params.doc_id)
    if allowed is not None and not allowed.any():
        return []
    lexical_scores = snapshot.lexical.scores(question, translated_terms)
    lexical = (lexical_scores, _top_positions(lexical_scores, params.candidates, allowed))
    ranking_vector = query_vector
    if params.feedback_weight > 0:
        first = _select(
            snapshot.chunks,
            _ranking(snapshot, question, query_vector, lexical, params, question_lang, allowed),
            params.feedback_passages,
        )
        ranking_vector = expanded_query(query_vector, np.asarray(snapshot.embeddings[first]), params.feedback_weight)
    fused = _ranking(snapshot, question, ranking_vector, lexical, params, question_lang, allowed)
    scores = dict(fused)
    hits: list[Hit] = []
    for position in _select(snapshot.chunks, fused, params.k):
        hits.append(
            Hit(
                chunk=snapshot.chunks[position],
                score=scores[position],
                rank=len(hits) + 1,
                # the question's own cosine: answer support and confidence are calibrated on it
                dense_score=float(np.dot(snapshot.embeddings[position], query_vector)),
                lexical_score=float(lexical_scores[position]) if len(lexical_scores) else None,
            )
        )
    return hits


def expanded_query(query_vector: np.ndarray, feedback: np.ndarray, weight: float) -> np.ndarray:
    """Rocchio's pseudo-relevance feedback: the question moved towards the passages it found first.
    Their mean vector carries the topic in the corpus's own language, which offsets e5's pull
    towards passages in the question's language (docs/EVALUATION.md)."""
    if len(feedback) == 0:
        return query_vector
    moved = query_vector + weight * feedback.mean(axis=0)
    return (moved / np.linalg.norm(moved)).astype(np.float32)


def _ranking(
    snapshot: Snapshot,
    question: str,
    query_vector: np.ndarray,
    lexical: tuple[np.ndarray, list[int]],
    params: RetrievalParameters,
    question_lang: str | None,
    allowed: np.ndarray | None,
) -> list[tuple[int, float]]:
    """Candidate positions with their fused scores, best first; ``lexical`` is BM25's (scores, ranking)."""
    lexical_scores, lexical_ranking = lexical
    dense_ranking, dense_scores = _dense_ranking(snapshot, query_vector, params.candidates, allowed)
    if params.fusion == "rrf":
        return fuse(dense_ranking, lexical_ranking, params.rrf_k, 1.0, params.rrf_lexical_weight)
    for position in lexical_ranking:
        if position not in dense_scores:  # found by BM25 only: its cosine comes from the stored vector
            dense_scores[position] = float(np.dot(snapshot.embeddings[position], query_vector))
    bonus = _bonuses(snapshot.chunks, dense_scores, question, question_lang, params)
    return weighted_sum(dense_scores, lexical_scores, lexical_ranking, params.lexical_weight, bonus)


def _select(chunks: Sequence[Chunk], fused: list[tuple[int, float]], k: int) -> list[int]:
    """The first ``k`` positions of the ranking, skipping chunks that overlap a better one."""
    chosen: list[int] = []
    for position, _ in fused:
        if any(overlaps(chunks[position], chunks[other]) for other in chosen):
            continue
        chosen.append(position)
        if len(chosen) == k:
            break
    return chosen


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
    """What the weighted sum adds to a candidate's cosine besides BM25: the cross-lingual credit,
    the phrase match and the author's voice (all chosen with `qa eval`, docs/EVALUATION.md)."""
    bonus: dict[int, float] = {}
    about_author = params.author_voice_bonus > 0 and asks_about_author(question)
    for position in positions:
        chunk = chunks[position]
        extra = 0.0
        if question_lang is not None and chunk.lang != question_lang:
            extra += params.crosslingual_bonus
        if params.phrase_weight > 0:
            extra += params.phrase_weight * phrase_overlap(question, chunk.embedding_text, chunk.lang)
        if about_author and first_person(chunk.text):
            extra += params.author_voice_bonus
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
