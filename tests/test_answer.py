from qa.answer import (
    MAX_CITATION_CHARS,
    AnswerParameters,
    SentenceCandidate,
    answer,
    confidence,
    names_in,
    names_unknown,
)
from qa.engine import Engine
from qa.models import Chunk, Hit

PARAMS = AnswerParameters(abstain_threshold=0.5, confidence_center=0.85, confidence_scale=0.02, max_citations=2)


def _candidate(text: str, similarity: float, start: int = 0, rank: int = 1, lang: str = "en") -> SentenceCandidate:
    return SentenceCandidate("d:0-9", "d", start, start + len(text), text, lang, rank, similarity, similarity)


def _hits(similarity: float) -> list[Hit]:
    chunk = Chunk("d:0-9", "d", 0, 9, "x" * 9, None, "en", "paragraph")
    return [Hit(chunk, similarity, 1, dense_score=similarity)]


def test_confidence_is_a_calibrated_logistic() -> None:
    assert confidence(0.85, PARAMS) == 0.5
    assert confidence(0.95, PARAMS) > 0.99
    assert confidence(0.75, PARAMS) < 0.01


def test_best_sentence_is_quoted_with_a_numbered_citation() -> None:
    candidates = [_candidate("Cuba sent doctors.", 0.86, 0), _candidate("Venezuela gave Cuba oil.", 0.90, 100)]
    result = answer("What did Venezuela give Cuba?", _hits(0.9), candidates, PARAMS)
    assert result.answered
    assert result.citations[0].quote == "Venezuela gave Cuba oil."
    assert result.answer == "Venezuela gave Cuba oil. [1]"
    assert 0.5 < result.confidence <= 1.0


def test_a_close_second_sentence_becomes_a_second_citation_in_source_order() -> None:
    candidates = [_candidate("Second.", 0.895, 50), _candidate("First.", 0.90, 0)]
    result = answer("q", _hits(0.9), candidates, PARAMS)
    assert [c.quote for c in result.citations] == ["First.", "Second."]
    assert result.answer == "First. [1] Second. [2]"


def test_low_similarity_abstains_but_keeps_passages() -> None:
    hits = _hits(0.78)
    result = answer("What is the GDP of Argentina?", hits, [_candidate("Unrelated sentence.", 0.78)], PARAMS)
    assert not result.answered
    assert result.answer is None and result.citations == ()
    assert result.passages == tuple(hits)
    assert 0.0 <= result.confidence < 0.5


def test_unknown_names_lower_confidence_below_the_threshold() -> None:
    candidates = [_candidate("Some close sentence.", 0.87)]
    assert answer("q", _hits(0.87), candidates, PARAMS).answered
    assert not answer("q", _hits(0.87), candidates, PARAMS, unknown_names=True).answered


def test_cross_lingual_support_is_credited() -> None:
    candidates = [_candidate("La frase en español.", 0.84, lang="es")]
    plain = answer("q", _hits(0.84), candidates, PARAMS, question_lang="es").confidence
    crossed = answer("q", _hits(0.84), candidates, PARAMS, question_lang="en").confidence
    assert crossed > plain


def test_names_in_a_question() -> None:
    assert names_in("What is the GDP of Argentina?") == ["GDP", "Argentina"]
    assert names_in("How do China's aims differ from Russia’s?") == ["China", "Russia"]
    assert names_in("how does it work?") == []
    known = {"china", "russia"}.__contains__
    assert names_unknown("What is the GDP of Argentina?", lambda w: known(w.lower()))
    assert not names_unknown("What did China send to Argentina?", lambda w: known(w.lower()))
    assert not names_unknown("how does it work?", lambda w: False)


def test_no_candidates_abstains() -> None:
    result = answer("anything", [], [], PARAMS)
    assert not result.answered and result.confidence == 0.0


def test_citations_are_capped_at_600_characters() -> None:
    long_text = ("palabra " * 200).strip()
    result = answer("q", _hits(0.95), [_candidate(long_text, 0.95)], PARAMS)
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
