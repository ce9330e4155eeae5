from qa.answer import MAX_CITATION_CHARS, AnswerParameters, SentenceCandidate, answer, confidence
from qa.engine import Engine

PARAMS = AnswerParameters(abstain_threshold=0.5, confidence_center=0.85, confidence_scale=0.02, max_citations=2)


def _candidate(text: str, similarity: float, start: int = 0, rank: int = 1) -> SentenceCandidate:
    return SentenceCandidate("d:0-9", "d", start, start + len(text), text, "en", rank, similarity)


def test_confidence_is_a_calibrated_logistic() -> None:
    assert confidence(0.85, PARAMS) == 0.5
    assert confidence(0.95, PARAMS) > 0.99
    assert confidence(0.75, PARAMS) < 0.01


def test_best_sentence_is_quoted_with_a_numbered_citation() -> None:
    result = answer(
        "What did Venezuela give Cuba?",
        [],
        [_candidate("Cuba sent doctors.", 0.86, 0), _candidate("Venezuela gave Cuba oil.", 0.90, 100)],
        PARAMS,
    )
    assert result.answered
    assert result.citations[0].quote == "Venezuela gave Cuba oil."
    assert result.answer is not None and result.answer.startswith("Venezuela gave Cuba oil. [1]")
    assert 0.5 < result.confidence <= 1.0


def test_a_close_second_sentence_becomes_a_second_citation() -> None:
    result = answer("q", [], [_candidate("First.", 0.90, 0), _candidate("Second.", 0.895, 50)], PARAMS)
    assert [c.n for c in result.citations] == [1, 2]
    assert result.answer == "First. [1] Second. [2]"


def test_low_similarity_abstains_but_keeps_passages() -> None:
    result = answer("What is the GDP of Argentina?", [], [_candidate("Unrelated sentence.", 0.78)], PARAMS)
    assert not result.answered
    assert result.answer is None and result.citations == ()
    assert 0.0 <= result.confidence < 0.5


def test_no_candidates_abstains() -> None:
    result = answer("anything", [], [], PARAMS)
    assert not result.answered and result.confidence == 0.0


def test_citations_are_capped_at_600_characters() -> None:
    long_text = ("palabra " * 200).strip()
    result = answer("q", [], [_candidate(long_text, 0.95)], PARAMS)
    citation = result.citations[0]
    assert len(citation.quote) <= MAX_CITATION_CHARS
    assert citation.end - citation.start == len(citation.quote)
    assert long_text.startswith(citation.quote)


def test_engine_citations_are_exact_source_slices(fast_engine: Engine) -> None:
    settings = fast_engine.settings.model_copy(update={"abstain_threshold": 0.0})
    engine = Engine(settings, embedder=fast_engine.embedder)
    result = engine.ask("Café Libertad Aroma Zapatista Germany")
    assert result.answered
    for citation in result.citations:
        text = engine.document(citation.doc_id).text
        assert text[citation.start : citation.end] == citation.quote
        assert len(citation.quote) <= MAX_CITATION_CHARS
