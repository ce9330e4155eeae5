import numpy as np
import pytest

from qa.engine import Engine
from qa.errors import NotFound
from qa.lexical import phrase_overlap
from qa.models import Chunk
from qa.retrieve import expanded_query, fuse, overlaps, weighted_sum
from qa.voice import first_person


def _chunk(doc_id: str, start: int, end: int) -> Chunk:
    return Chunk(f"{doc_id}:{start}-{end}", doc_id, start, end, "x" * (end - start), None, "en", "paragraph")


def test_rrf_rewards_agreement_between_rankings() -> None:
    fused = dict(fuse([1, 2, 3], [3, 4], rrf_k=60, dense_weight=1.0, lexical_weight=1.0))
    assert max(fused, key=lambda p: fused[p]) == 3
    assert fused[3] == 1 / 63 + 1 / 61


def test_rrf_weights_and_dense_tie_break() -> None:
    order = [p for p, _ in fuse([1, 2], [2, 1], rrf_k=60, dense_weight=1.0, lexical_weight=1.0)]
    assert order == [1, 2]  # equal scores keep the dense order
    order = [p for p, _ in fuse([1, 2], [2, 1], rrf_k=60, dense_weight=1.0, lexical_weight=2.0)]
    assert order == [2, 1]
    assert [p for p, _ in fuse([5], [], 60, 1.0, 0.0)] == [5]


def test_overlap_rule_is_half_of_the_shorter() -> None:
    assert overlaps(_chunk("a", 0, 100), _chunk("a", 50, 300))
    assert not overlaps(_chunk("a", 0, 100), _chunk("a", 60, 300))
    assert not overlaps(_chunk("a", 0, 100), _chunk("b", 0, 100))


def test_search_results_have_no_overlapping_passages(fast_engine: Engine) -> None:
    hits = fast_engine.search("Zapatista coffee Germany", k=10)
    assert len(hits) == 10
    assert [h.rank for h in hits] == list(range(1, 11))
    for i, a in enumerate(hits):
        for b in hits[i + 1 :]:
            assert not overlaps(a.chunk, b.chunk)
    assert hits[0].score >= hits[-1].score


def test_lexical_side_finds_exact_terms(fast_engine: Engine) -> None:
    snapshot = fast_engine.snapshot()
    best = int(np.argmax(snapshot.lexical.scores("Café Libertad Aroma Zapatista Germany")))
    assert "Café Libertad and Aroma Zapatista in Germany" in snapshot.chunks[best].text


def test_accent_folding_and_spanish_stemming(fast_engine: Engine) -> None:
    snapshot = fast_engine.snapshot()
    best = int(np.argmax(snapshot.lexical.scores("movilización sociedad civíl detuvo ataque")))
    assert "Las movilizaciones de la sociedad civil" in snapshot.chunks[best].text


def test_weighted_sum_scales_bm25_per_query() -> None:
    lexical = np.array([10.0, 5.0, 0.0])
    fused = weighted_sum({0: 0.80, 1: 0.81, 2: 0.82}, lexical, [0, 1], weight=0.03)
    assert [p for p, _ in fused] == [0, 1, 2]  # exact terms overturn a small cosine lead
    assert dict(fused)[0] == pytest.approx(0.83)
    assert dict(fused)[1] == pytest.approx(0.825)
    assert weighted_sum({3: 0.5}, np.zeros(4), [], weight=1.0) == [(3, 0.5)]


def test_both_fusions_are_selectable(fast_engine: Engine) -> None:
    rrf = Engine(fast_engine.settings.model_copy(update={"fusion": "rrf"}), embedder=fast_engine.embedder)
    assert rrf.search("Zapatista coffee", k=3)
    assert fast_engine.search("Zapatista coffee", k=3)


def test_language_and_document_filters(fast_engine: Engine) -> None:
    spanish = fast_engine.search("EZLN Chiapas", k=5, lang="es")
    assert spanish and all(h.chunk.lang == "es" for h in spanish)
    with pytest.raises(NotFound, match="no-such-doc"):
        fast_engine.search("EZLN", k=5, doc_id="no-such-doc")
    only = fast_engine.search("EZLN", k=5, doc_id="left-wing-alliance-of-latin-america")
    assert only and all(h.chunk.doc_id == "left-wing-alliance-of-latin-america" for h in only)


def test_weighted_sum_adds_the_bonuses() -> None:
    fused = weighted_sum({0: 0.80, 1: 0.81}, np.zeros(2), [], weight=0.03, bonus={0: 0.02})
    assert [position for position, _ in fused] == [0, 1]


def test_phrase_overlap_counts_adjacent_question_terms() -> None:
    question = "What is the Zapatista café in Mexico City called?"
    assert phrase_overlap(question, "a Zapatista café in Mexico City called Rincon Zapatista", "en") >= 0.8
    assert phrase_overlap(question, "a café in a city of Mexico sells coffee called Zapatista", "en") == 0.0
    assert phrase_overlap("?", "anything", "en") == 0.0


def test_expanded_query_moves_towards_the_feedback_and_stays_unit_length() -> None:
    question = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    feedback = np.array([[0.0, 1.0, 0.0], [0.0, 0.6, 0.8]], dtype=np.float32)
    moved = expanded_query(question, feedback, 0.5)
    assert np.linalg.norm(moved) == pytest.approx(1.0)
    assert moved[0] > moved[1] > moved[2] > 0  # the question still dominates
    assert moved @ feedback.mean(axis=0) > question @ feedback.mean(axis=0)
    np.testing.assert_array_equal(expanded_query(question, feedback[:0], 0.5), question)


def test_feedback_reranks_but_reports_the_questions_own_cosine(fast_engine: Engine) -> None:
    settings = fast_engine.settings
    one_pass = Engine(settings.model_copy(update={"feedback_weight": 0.0}), embedder=fast_engine.embedder)
    two_pass = Engine(settings.model_copy(update={"feedback_weight": 3.0}), embedder=fast_engine.embedder)
    question = "Zapatista coffee sold in Germany"
    vector = fast_engine.embedder.embed([question], "query")[0]
    snapshot = fast_engine.snapshot()
    for engine in (one_pass, two_pass):
        hits = engine.search(question, k=10)
        for hit in hits:
            position = snapshot.chunks.position(hit.chunk.chunk_id)
            assert position is not None
            # answer support and confidence are calibrated on this cosine, whatever ranked the passage
            assert hit.dense_score == pytest.approx(float(snapshot.embeddings[position] @ vector), abs=1e-6)
    # a heavy feedback weight reorders the same candidates
    first = [h.chunk.chunk_id for h in one_pass.search(question, k=10)]
    second = [h.chunk.chunk_id for h in two_pass.search(question, k=10)]
    assert first != second
    assert first[0] in second[:3]


def test_the_tie_break_keeps_search_and_ask_in_step_and_does_not_depend_on_k(fast_engine: Engine) -> None:
    untied = Engine(fast_engine.settings.model_copy(update={"answer_tie_margin": 0.0}), embedder=fast_engine.embedder)
    for question in ("What did Venezuela give Cuba in exchange for doctors?", "Zapatista coffee Germany", "MST land"):
        hits = fast_engine.search(question, k=5)
        assert [h.chunk.chunk_id for h in hits] == [h.chunk.chunk_id for h in fast_engine.ask(question, k=5).passages]
        assert fast_engine.search(question, k=1)[0].chunk.chunk_id == hits[0].chunk.chunk_id
        assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
        assert {h.chunk.chunk_id for h in untied.search(question, k=5)} == {h.chunk.chunk_id for h in hits}


def test_reciprocal_rank_fusion_keeps_its_own_order(fast_engine: Engine) -> None:
    # the margin is in weighted-fusion units; RRF scores differ by ~0.0003 a rank, so all would tie
    rrf = fast_engine.settings.model_copy(update={"fusion": "rrf"})
    tied = Engine(rrf, embedder=fast_engine.embedder).search("Zapatista coffee", k=5)
    untied = Engine(rrf.model_copy(update={"answer_tie_margin": 0.0}), embedder=fast_engine.embedder)
    assert [h.chunk.chunk_id for h in tied] == [h.chunk.chunk_id for h in untied.search("Zapatista coffee", k=5)]


def test_a_question_about_the_author_favours_passages_in_the_first_person(fast_engine: Engine) -> None:
    question = "What did the author see in Mexico City and Brazil?"
    plain = Engine(fast_engine.settings.model_copy(update={"author_voice_bonus": 0.0}), embedder=fast_engine.embedder)
    voiced = Engine(fast_engine.settings.model_copy(update={"author_voice_bonus": 1.0}), embedder=fast_engine.embedder)
    assert not all(first_person(h.chunk.text) for h in plain.search(question, k=3))
    assert all(first_person(h.chunk.text) for h in voiced.search(question, k=3))
    # a question that is not about the author is not moved
    other = "What did the Zapatistas see in Mexico City and Brazil?"
    assert [h.chunk.chunk_id for h in voiced.search(other, k=5)] == [h.chunk.chunk_id for h in plain.search(other, k=5)]
