"""Extractive answers: the best supporting sentences of the retrieved passages, cited, or an abstention."""

from __future__ import annotations

import math
from dataclasses import dataclass

from qa.lexical import query_tokens, tokens
from qa.models import Answer, Citation, Hit

MAX_CITATION_CHARS = 600


@dataclass(frozen=True)
class SentenceCandidate:
    chunk_id: str
    doc_id: str
    start: int
    end: int
    text: str
    lang: str
    hit_rank: int
    similarity: float  # cosine between the question and the sentence


@dataclass(frozen=True)
class AnswerParameters:
    abstain_threshold: float  # on confidence, in [0, 1]
    confidence_center: float  # the sentence score at which confidence is 0.5
    confidence_scale: float  # how fast confidence moves around the centre
    max_citations: int
    lexical_bonus: float = 0.05
    rank_penalty: float = 0.005
    second_citation_margin: float = 0.015


def sentence_score(question_terms: set[str], candidate: SentenceCandidate, params: AnswerParameters) -> float:
    """Dense similarity, nudged up by shared terms and down by the rank of the passage it comes from."""
    sentence_terms = set(tokens(candidate.text, candidate.lang))
    overlap = len(question_terms & sentence_terms) / len(question_terms) if question_terms else 0.0
    return candidate.similarity + params.lexical_bonus * overlap - params.rank_penalty * (candidate.hit_rank - 1)


def confidence(score: float, params: AnswerParameters) -> float:
    return 1.0 / (1.0 + math.exp(-(score - params.confidence_center) / params.confidence_scale))


def answer(question: str, hits: list[Hit], candidates: list[SentenceCandidate], params: AnswerParameters) -> Answer:
    if not candidates:
        return Answer(question, answered=False, answer=None, confidence=0.0, passages=tuple(hits))
    terms = set(query_tokens(question))
    ranked = sorted(candidates, key=lambda c: -sentence_score(terms, c, params))
    best_score = sentence_score(terms, ranked[0], params)
    certainty = confidence(best_score, params)
    if certainty < params.abstain_threshold:
        return Answer(question, answered=False, answer=None, confidence=round(certainty, 4), passages=tuple(hits))
    chosen = [ranked[0]]
    for candidate in ranked[1:]:
        if len(chosen) >= params.max_citations:
            break
        close = best_score - sentence_score(terms, candidate, params) <= params.second_citation_margin
        if close and not any(_same_span(candidate, other) for other in chosen):
            chosen.append(candidate)
    citations = tuple(_citation(n, candidate) for n, candidate in enumerate(chosen, start=1))
    text = " ".join(f"{citation.quote.strip()} [{citation.n}]" for citation in citations)
    return Answer(question, True, text, round(certainty, 4), citations, tuple(hits))


def _same_span(a: SentenceCandidate, b: SentenceCandidate) -> bool:
    return a.doc_id == b.doc_id and min(a.end, b.end) > max(a.start, b.start)


def _citation(n: int, candidate: SentenceCandidate) -> Citation:
    end = candidate.end
    if end - candidate.start > MAX_CITATION_CHARS:
        # cut a very long sentence at the last word boundary that fits
        cut = candidate.text.rfind(" ", 0, MAX_CITATION_CHARS)
        end = candidate.start + (cut if cut > 0 else MAX_CITATION_CHARS)
    quote = candidate.text[: end - candidate.start]
    return Citation(n, candidate.doc_id, candidate.start, end, quote, candidate.lang, candidate.chunk_id)
