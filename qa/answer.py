"""Extractive answers: the best supporting sentences of the retrieved passages, cited, or an abstention."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
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
    passage_similarity: float  # cosine between the question and the passage the sentence is in
    # The sentence and the one after it in the passage (exactly document_text[start:end + ...]):
    # a sentence that names the topic is often followed by the one that answers ("Much of its
    # focus is on food sovereignty." / "Which is ..."), so a citation quotes both when they fit.
    with_next: str | None = None


@dataclass(frozen=True)
class AnswerParameters:
    abstain_threshold: float  # on confidence, in [0, 1]
    confidence_center: float  # the support score at which confidence is 0.5
    confidence_scale: float  # how fast confidence moves around the centre
    max_citations: int
    # Weights chosen on the gold and dev sets with `qa eval` (docs/EVALUATION.md).
    lexical_bonus: float = 0.1
    rank_penalty: float = 0.01
    passage_weight: float = 0.5
    support_lexical_weight: float = 0.025
    second_citation_margin: float = 0.03
    unknown_names_penalty: float = 0.25
    crosslingual_bonus: float = 0.02


def term_overlap(question_terms: set[str], candidate: SentenceCandidate) -> float:
    if not question_terms:
        return 0.0
    return len(question_terms & set(tokens(candidate.text, candidate.lang))) / len(question_terms)


def sentence_score(question_terms: set[str], candidate: SentenceCandidate, params: AnswerParameters) -> float:
    """How well a sentence answers: its similarity, its passage's, shared terms, and passage rank."""
    return (
        candidate.similarity
        + params.passage_weight * candidate.passage_similarity
        + params.lexical_bonus * term_overlap(question_terms, candidate)
        - params.rank_penalty * (candidate.hit_rank - 1)
    )


def support(
    question_terms: set[str],
    best: SentenceCandidate,
    top_passage_similarity: float,
    question_lang: str | None,
    params: AnswerParameters,
) -> float:
    """Evidence that the corpus answers at all: the best sentence and the best passage both close.
    Cosines across languages run lower than within one (measured: about 0.02 for e5-small on the
    dev set), so a cross-lingual match is credited that much instead of being mistaken for a miss."""
    score = (best.similarity + top_passage_similarity) / 2
    score += params.support_lexical_weight * term_overlap(question_terms, best)
    if question_lang is not None and best.lang != question_lang:
        score += params.crosslingual_bonus
    return score


def confidence(score: float, params: AnswerParameters) -> float:
    return 1.0 / (1.0 + math.exp(-(score - params.confidence_center) / params.confidence_scale))


_NAME = re.compile(r"[\w’'-]+")


def names_in(question: str) -> list[str]:
    """Capitalised words after the first, and acronyms: the names a question asks about."""
    words = _NAME.findall(question)
    names = [w for i, w in enumerate(words) if len(w) > 1 and ((i > 0 and w[0].isupper()) or w.isupper())]
    return [re.sub(r"[’']s$", "", name) for name in names]


def names_unknown(question: str, known: Callable[[str], bool]) -> bool:
    """True when the question names things and the corpus mentions none of them ("the GDP of
    Argentina" in a corpus that never says GDP or Argentina cannot be answered from it)."""
    names = names_in(question)
    return bool(names) and not any(known(name) for name in names)


def answer(
    question: str,
    hits: list[Hit],
    candidates: list[SentenceCandidate],
    params: AnswerParameters,
    unknown_names: bool = False,
    question_lang: str | None = None,
) -> Answer:
    if not candidates or not hits:
        return Answer(question, answered=False, answer=None, confidence=0.0, passages=tuple(hits))
    terms = set(query_tokens(question))
    ranked = sorted(candidates, key=lambda c: -sentence_score(terms, c, params))
    best_score = sentence_score(terms, ranked[0], params)
    top_similarity = hits[0].dense_score or 0.0
    certainty = confidence(support(terms, ranked[0], top_similarity, question_lang, params), params)
    if unknown_names:
        certainty *= params.unknown_names_penalty
    if certainty < params.abstain_threshold:
        return Answer(question, answered=False, answer=None, confidence=round(certainty, 4), passages=tuple(hits))
    chosen = [ranked[0]]
    for candidate in ranked[1:]:
        if len(chosen) >= params.max_citations:
            break
        close = best_score - sentence_score(terms, candidate, params) <= params.second_citation_margin
        if close and not any(_same_span(_cited_span(candidate), _cited_span(other)) for other in chosen):
            chosen.append(candidate)
    chosen.sort(key=lambda c: (c.doc_id, c.start))  # read in source order
    citations = tuple(_citation(n, candidate) for n, candidate in enumerate(chosen, start=1))
    text = " ".join(f"{citation.quote.strip()} [{citation.n}]" for citation in citations)
    return Answer(question, True, text, round(certainty, 4), citations, tuple(hits))


def _cited_span(candidate: SentenceCandidate) -> tuple[str, int, int]:
    return candidate.doc_id, candidate.start, candidate.start + len(_citation(0, candidate).quote)


def _same_span(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return a[0] == b[0] and min(a[2], b[2]) > max(a[1], b[1])


def _citation(n: int, candidate: SentenceCandidate) -> Citation:
    text = candidate.text
    if candidate.with_next is not None and len(candidate.with_next) <= MAX_CITATION_CHARS:
        text = candidate.with_next
    if len(text) > MAX_CITATION_CHARS:
        # cut a very long sentence at the last word boundary that fits
        cut = text.rfind(" ", 0, MAX_CITATION_CHARS)
        text = text[: cut if cut > 0 else MAX_CITATION_CHARS]
    end = candidate.start + len(text)
    return Citation(n, candidate.doc_id, candidate.start, end, text, candidate.lang, candidate.chunk_id)
