from dataclasses import replace
from pathlib import Path

import pytest

from qa.answer import (
    MAX_CITATION_CHARS,
    AnswerParameters,
    SentenceCandidate,
    answer,
    confidence,
    continues_sentence,
    cut_off_follower,
    lead_over_other_passages,
    points_back,
    quoted_similarity,
    ranked_sentences,
    rare_term_overlap,
    sentence_score,
    support,
)
from qa.embed import HashingEmbedder
from qa.engine import Engine
from qa.lexical import TermRarity, query_tokens, term_rarity
from qa.models import Chunk, Hit
from qa.settings import load_settings

PARAMS = AnswerParameters(abstain_threshold=0.5, confidence_center=0.85, confidence_scale=0.02, max_citations=2)


def _candidate(text: str, similarity: float, start: int = 0, rank: int = 1, lang: str = "en") -> SentenceCandidate:
    return SentenceCandidate("d:0-9", "d", start, start + len(text), text, lang, rank, similarity, similarity)


def _hits(similarity: float, lang: str = "en") -> list[Hit]:
    chunk = Chunk("d:0-9", "d", 0, 9, "x" * 9, None, lang, "paragraph")
    return [Hit(chunk, similarity, 1, dense_score=similarity)]


def test_a_rare_shared_term_counts_for_more_than_a_common_one() -> None:
    passages = [
        "The Zapatista movement is a movement of indigenous people in Chiapas.",
        "The Zapatistas sell coffee.",
        "Zapatista coffee is sold abroad.",
        "While the initial founders were not at all indigenous, they lived in Chiapas.",
    ]
    rarity = term_rarity(passages)
    assert rarity.of(query_tokens("founders")[0]) > rarity.of(query_tokens("indigenous")[0])
    terms = set(query_tokens("Were the founders of the Zapatista movement indigenous?"))
    founders = _candidate(passages[3], 0.80)
    movement = _candidate(passages[0], 0.80)
    # without weights, the two share as many terms with the question
    assert rare_term_overlap(terms, movement, None) == rare_term_overlap(terms, founders, None)
    assert rare_term_overlap(terms, founders, rarity) > rare_term_overlap(terms, movement, rarity)
    question = "Were the founders of the Zapatista movement indigenous?"
    ranked = ranked_sentences(question, [movement, founders], replace(PARAMS, term_rarity=rarity))
    assert ranked[0][1] is founders
    movement_first = ranked_sentences(question, [movement, founders], PARAMS)
    assert movement_first[0][0] == movement_first[1][0]  # a tie, left in the order given


def test_a_term_the_corpus_lacks_weighs_as_much_as_one_in_no_passage() -> None:
    rarity = TermRarity({"founder": 2.0, "zapatista": 0.5}, unseen=2.5)
    candidate = _candidate("the founders", 0.8)
    assert rare_term_overlap({"founder", "zapatista", "unheard"}, candidate, rarity) == pytest.approx(2.0 / 5.0)
    assert rare_term_overlap(set(), candidate, rarity) == 0.0
    assert term_rarity([]).weights == {}  # an empty corpus


def test_the_engine_weighs_terms_by_the_current_snapshots_rarity(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Title A\n\nThe cooperative grows coffee in the mountains.", encoding="utf-8")
    engine = Engine(load_settings(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=HashingEmbedder())
    engine.build_index()
    before = engine.answer_parameters(engine.snapshot()).term_rarity
    assert before is not None and before.of("coffe") < before.unseen
    assert "quinoa" not in before.weights
    (corpus / "b.txt").write_text("Title B\n\nThe farmers grow quinoa and coffee.", encoding="utf-8")
    engine.build_index()
    after = engine.answer_parameters(engine.snapshot()).term_rarity
    assert after is not None and "quinoa" in after.weights  # computed again for the new snapshot


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


def test_a_second_citation_must_score_within_the_margin() -> None:
    # scores are 1.5 x the similarity here (sentence + half the passage's, which _candidate sets equal)
    near = [_candidate("Best.", 0.90, 0), _candidate("Near.", 0.87, 50)]  # 0.045 behind
    far = [_candidate("Best.", 0.90, 0), _candidate("Far.", 0.8633, 50)]  # 0.055 behind
    assert [c.quote for c in answer("q", _hits(0.9), near, PARAMS).citations] == ["Best.", "Near."]
    assert [c.quote for c in answer("q", _hits(0.9), far, PARAMS).citations] == ["Best."]


def _passage(chunk_id: str, start: int, score: float, rank: int) -> Hit:
    chunk = Chunk(chunk_id, "d", start, start + 9, "x" * 9, None, "en", "paragraph")
    return Hit(chunk, score, rank, dense_score=score)


def test_the_passage_an_answer_quotes_is_listed_first() -> None:
    hits = [_passage("d:0-9", 0, 0.90, 1), _passage("d:100-109", 100, 0.89, 2), _passage("d:200-209", 200, 0.88, 3)]
    quoted = replace(_candidate("Venezuela gave Cuba oil.", 0.90, 100, rank=2), chunk_id="d:100-109")
    other = _candidate("Cuba sent doctors.", 0.80, 0)
    result = answer("What did Venezuela give Cuba?", hits, [other, quoted], PARAMS)
    assert result.answered and result.citations[0].chunk_id == "d:100-109"
    assert [hit.chunk.chunk_id for hit in result.passages] == ["d:100-109", "d:0-9", "d:200-209"]
    assert [hit.rank for hit in result.passages] == [1, 2, 3]
    # refused, the passages keep their order
    refused = answer("What is the GDP of Argentina?", hits, [replace(quoted, similarity=0.7)], PARAMS)
    assert not refused.answered and refused.passages == tuple(hits)


def _spanning(spans: list[tuple[str, int, int, float]]) -> list[Hit]:
    chunks = [(Chunk(f"{doc}:{a}-{b}", doc, a, b, "x" * (b - a), None, "en", "paragraph"), s) for doc, a, b, s in spans]
    return [Hit(chunk, score, rank, score) for rank, (chunk, score) in enumerate(chunks, start=1)]


def test_the_passage_listed_first_holds_the_citation_whole_when_it_reads_on_past_the_sentences_passage() -> None:
    topic = "Much of its focus is on food sovereignty."  # 100-141
    definition = " Which is a food system controlled by its producers."  # 141-193
    question = "What is food sovereignty?"
    best = replace(_candidate(topic, 0.90, 100), chunk_id="d:100-141", following=(definition,))
    # the topic sentence ends its passage; another document's passage and the one holding only the
    # definition rank above those holding both; of those, the better ranked comes first
    spans = [("d", 100, 141, 0.9), ("e", 0, 300, 0.9), ("d", 141, 193, 0.9), ("d", 100, 220, 0.89), ("d", 0, 300, 0.8)]
    hits = _spanning(spans)
    # cited first, in source order
    earlier = replace(_candidate("Via Campesina works on food.", 0.899, 0), chunk_id="d:0-300")
    result = answer(question, hits, [best, earlier], PARAMS)
    assert [c.quote for c in result.citations] == [earlier.text, topic + definition]
    assert [hit.chunk.chunk_id for hit in result.passages][:2] == ["d:100-220", "d:100-141"]
    assert result.citations[1].chunk_id == "d:100-220"  # the citation names the passage listed first
    # with no passage holding it whole, or a citation within its passage, the sentence's own comes first
    assert answer(question, hits[:3], [best], PARAMS).passages[0].chunk.chunk_id == "d:100-141"
    alone = answer(question, [hits[3], *hits[:3]], [replace(best, following=())], PARAMS)
    assert alone.passages[0].chunk.chunk_id == "d:100-141" and alone.citations[0].chunk_id == "d:100-141"
    # a sentence quoted after the one before it, which ends the passage before, keeps its own
    after = replace(_candidate("Consequently, it was hesitant.", 0.90, 142), chunk_id="d:142-180", before=topic + " ")
    hits = _spanning([("d", 142, 180, 0.9), ("d", 100, 193, 0.89)])
    assert answer("Why was it hesitant?", hits, [after], PARAMS).passages[0].chunk.chunk_id == "d:142-180"


def test_the_lead_over_other_passages_skips_the_best_passages_sentences_in_an_overlapping_one() -> None:
    best = _candidate("Best.", 0.9, 0)
    shared = replace(best, chunk_id="d:0-20")  # the same sentence, in the passage overlapping it
    same_passage = _candidate("Next.", 0.89, 10)
    shared_next = replace(same_passage, chunk_id="d:0-20")  # the best passage's next one, shared too
    rival = replace(_candidate("Rival.", 0.85, 30), chunk_id="d:30-40")
    ranked = [(1.0, best), (1.0, shared), (0.99, same_passage), (0.99, shared_next), (0.95, rival)]
    assert lead_over_other_passages(ranked) == pytest.approx(0.05)
    assert lead_over_other_passages(ranked[:4]) == float("inf")
    assert lead_over_other_passages([]) == float("inf")


def test_low_similarity_abstains_but_keeps_passages() -> None:
    hits = _hits(0.78)
    result = answer("What is the GDP of Argentina?", hits, [_candidate("Unrelated sentence.", 0.78)], PARAMS)
    assert not result.answered
    assert result.answer is None and result.citations == ()
    assert result.passages == tuple(hits)
    assert 0.0 <= result.confidence < 0.5


def test_cross_lingual_support_is_credited() -> None:
    candidates = [_candidate("La frase en español.", 0.84, lang="es")]
    plain = answer("q", _hits(0.84, "es"), candidates, PARAMS, question_lang="es").confidence
    crossed = answer("q", _hits(0.84, "es"), candidates, PARAMS, question_lang="en").confidence
    assert crossed > plain


def test_each_cosine_of_the_support_is_credited_for_crossing_languages_on_its_own() -> None:
    spanish_sentence = _candidate("Por que no te callas rey a chavez", 0.84, lang="es")
    english_sentence = _candidate("As you can see here between Chavez and the King of Spain.", 0.84)
    terms: set[str] = set()

    def credited(sentence: SentenceCandidate, question_lang: str, passage_lang: str) -> float:
        return support(terms, sentence, 0.84, passage_lang, question_lang, PARAMS) - 0.84

    # a Spanish question: a Spanish sentence of an English passage crosses languages in one cosine
    assert credited(spanish_sentence, "es", "en") == pytest.approx(PARAMS.crosslingual_bonus / 2)
    assert credited(english_sentence, "es", "en") == pytest.approx(PARAMS.crosslingual_bonus)
    assert credited(spanish_sentence, "es", "es") == pytest.approx(0.0)
    assert credited(english_sentence, "en", "en") == pytest.approx(0.0)


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


def test_a_citation_gives_the_language_of_its_own_sentence(fast_engine: Engine) -> None:
    settings = fast_engine.settings.model_copy(update={"abstain_threshold": 0.0})
    engine = Engine(settings, embedder=fast_engine.embedder)
    result = engine.ask("Por que no te callas rey a chavez")  # a Spanish caption in an English passage
    caption = next(c for c in result.citations if c.quote.startswith("Por que no te callas rey a chavez"))
    assert caption.lang == "es"
    assert result.passages[0].chunk.lang == "en"


@pytest.mark.parametrize(
    ("plain_question", "typed_question", "lacking", "holding"),
    [
        (
            "What did Maduro show Evo Morales?",
            "When did Evo Morales become president?",
            "Maduro showed his support to Evo Morales.",
            "Evo Morales took office in 2006.",
        ),
        (
            "Who was the spokesperson?",
            "What was the spokesperson's real name?",
            "Consequently, the spokesperson, Subcomandante Marcos, was hesitant to attack.",
            "The spokesperson was known as Subcomandante Marcos.",
        ),
    ],
)
def test_a_typed_question_whose_best_sentence_lacks_the_type_abstains(
    plain_question: str, typed_question: str, lacking: str, holding: str
) -> None:
    assert answer(plain_question, _hits(0.9), [_candidate(lacking, 0.90)], PARAMS).answered
    assert not answer(typed_question, _hits(0.9), [_candidate(lacking, 0.90)], PARAMS).answered
    assert answer(typed_question, _hits(0.9), [_candidate(holding, 0.90)], PARAMS).answered


def test_a_role_asked_of_one_holder_is_not_answered_by_anothers() -> None:
    venezuela = _candidate("Venezuelan President Maduro showed his support to Evo Morales of Bolivia.", 0.90)
    assert answer("Who is the current president of Venezuela?", _hits(0.9), [venezuela], PARAMS).answered
    assert not answer("Who is the current president of Bolivia?", _hits(0.9), [venezuela], PARAMS).answered
    # a sentence naming the asked-for holder's role, tied with the best, answers instead
    bolivia = replace(_candidate("Bolivia’s President Arce thanked him.", 0.895, start=80), passage_similarity=0.9)
    cited = answer("Who is the current president of Bolivia?", _hits(0.9), [venezuela, bolivia], PARAMS).citations
    assert [c.start for c in cited] == [80]


def test_an_answer_must_mention_the_event_asked_about() -> None:
    undying = _candidate("Since the 2000s, Hugo Chávez welcomed Russia.", 0.90)
    assert answer("In what year did Hugo Chávez welcome Russia?", _hits(0.9), [undying], PARAMS).answered
    assert not answer("In what year did Hugo Chávez die?", _hits(0.9), [undying], PARAMS).answered
    died = _candidate("Hugo Chávez died in 2013.", 0.90)
    assert answer("In what year did Hugo Chávez die?", _hits(0.9), [died], PARAMS).answered


def test_a_sentence_tied_with_the_best_answers_instead_when_the_best_is_about_other_countries() -> None:
    venezuela = _candidate("Cuba sent Venezuela 31,000 doctors.", 0.90)
    # scores 1.3623 against the Venezuela sentence's 1.3682: within the 0.01 tie margin
    bolivia = replace(_candidate("Bolivia got 2,000 doctors from Cuba.", 0.885, start=40), passage_similarity=0.9)
    result = answer("How many doctors did Cuba send to Bolivia?", _hits(0.9), [venezuela, bolivia], PARAMS)
    assert result.answered and [c.start for c in result.citations] == [40]  # alone: no rival count


def test_a_fact_asked_about_a_country_is_answered_only_from_a_passage_naming_it() -> None:
    doctors = _candidate("Cuba provided Venezuela with 31,000 Cuban doctors.", 0.90)
    for question in ("How many doctors did Cuba send to Venezuela?", "How many Cuban doctors went there?"):
        assert answer(question, _hits(0.9), [doctors], PARAMS).answered, question
    for question in ("How many doctors did Cuba send to Bolivia?", "¿Cuántos médicos envió Cuba a Bolivia?"):
        assert not answer(question, _hits(0.9), [doctors], PARAMS).answered, question
    # a question asking for no particular kind of answer is not held to it
    assert answer("Did Cuba send doctors to Bolivia?", _hits(0.9), [doctors], PARAMS).answered
    # the passage's heading may name the country asked about; a quote naming no country is not
    # held to it (the country is often named in the paragraphs before)
    compared = _candidate("Like Argentina's, the movement has over 1.5 million members.", 0.90)
    [hit] = _hits(0.9)
    brazil = replace(hit, chunk=replace(hit.chunk, context="Landless Workers Movement of Brazil"))
    question = "How many members does the movement have in Brazil?"
    assert answer(question, [brazil], [compared], PARAMS).answered
    assert not answer(question, [hit], [compared], PARAMS).answered
    members = _candidate("The movement has over 1.5 million members.", 0.90)
    assert answer(question, [hit], [members], PARAMS).answered


_VOTE_QUESTION = "In what year did they vote to go on the offensive?"


def _vote_sentences(dated_similarity: float) -> list[SentenceCandidate]:
    """The best sentence without a year, and one with the year asked for at ``dated_similarity``
    (same passage similarity, same shared terms, so their scores differ only by it)."""
    undated = _candidate("They voted to go on the offensive as the movement grew.", 0.900)
    dated = _candidate("In 1993, they voted to go on the offensive.", dated_similarity, start=70)
    return [undated, replace(dated, passage_similarity=0.9)]


def test_a_sentence_tied_with_the_best_that_holds_the_asked_for_time_answers_instead() -> None:
    tied = _vote_sentences(0.895)
    one = replace(PARAMS, max_citations=1)
    assert [c.start for c in answer(_VOTE_QUESTION, _hits(0.9), tied, one).citations] == [70]
    assert [c.start for c in answer("What did they vote for?", _hits(0.9), tied, one).citations] == [0]
    untied = replace(one, answer_type_tie_margin=0.0)
    assert not answer(_VOTE_QUESTION, _hits(0.9), tied, untied).answered


def test_a_sentence_that_wins_a_tie_by_its_type_answers_alone() -> None:
    earlier = replace(_candidate("In 1983 they voted to go on the offensive.", 0.88, start=130), passage_similarity=0.9)
    citations = answer(_VOTE_QUESTION, _hits(0.9), [*_vote_sentences(0.895), earlier], PARAMS).citations
    assert [c.start for c in citations] == [70]  # neither the undated sentence it replaced nor a rival year


def test_what_someone_said_is_answered_by_a_sentence_saying_it_from_a_little_further() -> None:
    # scores are 1.5 x the similarity here: 0.03 behind the best, beyond the 0.01 of other kinds
    best = _candidate("Maduro showed his political support to Evo Morales.", 0.90, 0)
    said = _candidate("And Maduro here saying “hands off Venezuela!”", 0.88, 100)
    # the passage holding both names the speaker, as a sentence moved up from behind must (names_subject)
    [hit] = _hits(0.9)
    passage = [replace(hit, chunk=replace(hit.chunk, text=f"{best.text} {said.text}"))]
    assert answer("What did Maduro say?", passage, [best, said], PARAMS).citations[0].quote == said.text
    assert not answer("What did Evo Morales say?", passage, [best, said], PARAMS).answered  # Maduro's words
    narrower = replace(PARAMS, statement_tie_margin=0.01)
    assert not answer("What did Maduro say?", passage, [best, said], narrower).answered


def test_a_count_of_the_very_thing_asked_for_answers_from_a_little_further() -> None:
    # scores are 1.5 x the similarity here: 0.02 behind the best, beyond the 0.01 of any count
    best = _candidate("There’s some organization in the UK that supports the MST.", 0.90, 0)
    members = _candidate("With over 1.5 million members, it is one of the largest movements.", 0.8867, 100)
    families = _candidate("It claimed land benefiting 370,000 families.", 0.8867, 100)
    question = "How many members does the MST have?"
    assert answer(question, _hits(0.9), [best, members], PARAMS).citations[0].quote == members.text
    assert not answer(question, _hits(0.9), [best, families], PARAMS).answered  # a count of something else


@pytest.mark.parametrize(
    ("question", "best_text", "answering_text", "similarity", "further", "narrowed"),
    [
        # 0.02 behind the best, beyond the 0.01 of any kind (the party sentence shares "party" with
        # the question); 0.07 behind is beyond party_tie_margin
        (
            "Which political party does the MST cooperate with?",
            "A meeting between the Landless Workers Movement (MST) and the Zapatistas.",
            "The MST does work with the Workers Party of Brazil.",
            0.8733,
            0.84,
            replace(PARAMS, party_tie_margin=0.01),
        ),
        # 0.015 behind the best; 0.025 behind is beyond country_tie_margin
        (
            "Which countries are in ALBA?",
            "Known as the Bolivarian Alliance, ALBA is an intergovernmental organization.",
            "Some of the more prominent countries in the group are Venezuela and Cuba.",
            0.89,
            0.8733,
            replace(PARAMS, country_tie_margin=0.01),
        ),
    ],
)
def test_a_named_party_or_country_answers_from_a_little_further(
    question: str, best_text: str, answering_text: str, similarity: float, further: float, narrowed: AnswerParameters
) -> None:
    best = _candidate(best_text, 0.90, 0)
    answering = _candidate(answering_text, similarity, 100)
    answered = answer(question, _hits(0.9), [best, answering], PARAMS)
    assert answered.answered and answered.citations[0].quote == answering.text
    farther = replace(answering, similarity=further, passage_similarity=further)
    assert not answer(question, _hits(0.9), [best, farther], PARAMS).answered
    assert not answer(question, _hits(0.9), [best, answering], narrowed).answered


def test_which_party_is_not_answered_by_a_sentence_naming_none() -> None:
    best = _candidate("A meeting between the Landless Workers Movement (MST) and the Zapatistas.", 0.90, 0)
    unnamed = _candidate("The MST does work with a political party.", 0.8733, 100)
    question = "Which political party does the MST cooperate with?"
    assert not answer(question, _hits(0.9), [best, unnamed], PARAMS).answered


def test_a_sentence_moved_first_for_its_kind_is_read_with_the_first_passage_for_shared_words() -> None:
    # FreeDict gives "partido" as "elsewhere" and has no "landless": the passage quoted shares no
    # word with the question, the passage found first does (round 30)
    first = Chunk("d:0-9", "d", 0, 9, "x" * 9, None, "en", "paragraph", context="Landless Workers Movement (MST)")
    quoted = Chunk("d:100-199", "d", 100, 199, "y" * 99, None, "en", "paragraph", context="Challenging the US")
    hits = [Hit(first, 0.82, 1, dense_score=0.82), Hit(quoted, 0.80, 2, dense_score=0.80)]
    best = _candidate("A meeting between the MST and the Zapatistas.", 0.90, 0)
    party = replace(
        _candidate("The Landless Workers Movement works with the Workers Party.", 0.89, 100), chunk_id="d:100-199"
    )
    question = "¿Con qué partido colabora el MST?"
    result = answer(question, hits, [best, party], PARAMS, question_lang="es", translated_terms=["elsewher"])
    assert result.answered and result.citations[0].quote == party.text
    # a sentence that is best by itself is read with its own passage only
    alone = answer(
        "¿Qué pasa con el partido?", hits[1:], [party], PARAMS, question_lang="es", translated_terms=["elsewher"]
    )
    assert not alone.answered


def test_an_occasion_answers_a_bare_when_from_a_little_further_and_a_date_does_not() -> None:
    # scores are 1.5 x the similarity here: 0.02 behind the best, beyond the 0.01 of any time
    best = _candidate("A few years ago, I remember going to a Zapatista café in Mexico City.", 0.90, 0)
    occasion = _candidate("I visited the movement in my first trip to Latin America ever.", 0.8867, 100)
    dated = _candidate("The Zapatistas visited Europe in March 2021.", 0.8867, 100)
    question = "When did the author visit the Zapatistas?"
    answered = answer(question, _hits(0.9), [best, occasion], PARAMS)
    assert answered.answered and answered.citations[0].quote == occasion.text
    assert not answer(question, _hits(0.9), [best, dated], PARAMS).answered  # dates are everywhere
    further = replace(occasion, similarity=0.87, aspect_similarity=0.87)  # 0.037 behind: it shares "visit"
    assert answer(question, _hits(0.9), [best, further], PARAMS).answered
    too_far = replace(occasion, similarity=0.84, aspect_similarity=0.84)  # 0.067 behind
    assert not answer(question, _hits(0.9), [best, too_far], PARAMS).answered
    untied = replace(PARAMS, occasion_tie_margin=0.01, shared_occasion_tie_margin=0.01)
    assert not answer(question, _hits(0.9), [best, occasion], untied).answered


def test_an_occasion_further_behind_answers_only_when_it_shares_more_than_the_names() -> None:
    best = _candidate("A few years ago, I remember going to a Zapatista café in Mexico City.", 0.90, 0)
    trip = _candidate("I visited the movement in my first trip to Latin America ever.", 0.87, 100)  # 0.045 behind
    visited = answer("¿Cuándo visitó el autor el movimiento zapatista?", _hits(0.9), [best, trip], PARAMS, "es")
    assert visited.answered and visited.citations[0].quote == trip.text  # "visit"
    # what it says of Evo Morales is another event than the one asked about
    lost = _candidate("Russia supported Evo Morales during the time he lost political power.", 0.855, 100)  # 0.043
    question = "When did Evo Morales first become president?"
    assert not answer(question, _hits(0.9), [best, lost], PARAMS).answered
    closer = replace(lost, similarity=0.875, aspect_similarity=0.875)  # 0.013 behind: within the tie
    assert answer(question, _hits(0.9), [best, closer], PARAMS).answered


def test_a_bare_when_takes_an_occasion_a_little_behind_before_a_date_closer_still() -> None:
    best = _candidate("Their advice is to spread the word and pressure the embassy.", 0.90, 0)
    dated = _candidate("Members delivered the programme to the embassy on 17 April.", 0.8967, 100)  # 0.005 behind
    occasion = _candidate("They do best when there is a leftist president in office.", 0.875, 200)  # 0.021 behind
    question = "When is it easier for the movement to get land?"
    both = answer(question, _hits(0.9), [best, dated, occasion], replace(PARAMS, max_citations=1))
    assert both.answered and [c.quote for c in both.citations] == [occasion.text]
    alone = answer(question, _hits(0.9), [best, dated], replace(PARAMS, max_citations=1))
    assert alone.answered and [c.quote for c in alone.citations] == [dated.text]  # a date within the tie


def test_across_languages_an_occasion_named_by_a_noun_does_not_answer_from_further() -> None:
    # "cuarentena" and "quarantine" cannot be compared: the occasion may be the event asked about
    best = _candidate("Last week, the brigade donated 400 masks to a party.", 0.90, 0)
    during = _candidate("During a heavily militarized quarantine, MST activists work on seeds.", 0.8867, 100)
    trip = _candidate("I visited the movement in my first trip to Latin America ever.", 0.8867, 100)
    assert not answer("¿Cuándo fue la cuarentena en Zambia?", _hits(0.9), [best, during], PARAMS, "es").answered
    tied = replace(during, similarity=0.8967, aspect_similarity=0.8967)  # 0.005 behind: nor within the tie
    assert not answer("¿Cuándo fue la cuarentena en Zambia?", _hits(0.9), [best, tied], PARAMS, "es").answered
    visit = answer("¿Cuándo visitó el autor el movimiento?", _hits(0.9), [best, trip], PARAMS, "es")
    assert visit.answered and visit.citations[0].quote == trip.text


def test_a_typed_sentence_further_than_the_tie_margin_does_not_answer() -> None:
    assert not answer(_VOTE_QUESTION, _hits(0.9), _vote_sentences(0.880), PARAMS).answered


def _front_matter(byline: str = "Published October 30, 2021") -> tuple[list[Hit], list[SentenceCandidate]]:
    front = Chunk("d:0-90", "d", 0, 90, "x" * 90, None, "en", "byline+site+title")
    # the title (dated, but no byline) and a dated sentence of another passage both outscore the byline
    title = SentenceCandidate("d:0-90", "d", 0, 28, "The Zapatista March of 2001", "en", 1, 0.82, 0.80)
    dated = SentenceCandidate("d:0-90", "d", 30, 30 + len(byline), byline, "en", 1, 0.78, 0.80)
    title, dated = (replace(c, passage_kind=front.kind) for c in (title, dated))
    other = _candidate("The Forum was constituted in 1990 by several parties.", 0.83, start=200, rank=2)
    return [Hit(front, 0.80, 1, dense_score=0.80)], [title, dated, other]


def test_a_question_about_the_publication_date_is_answered_by_the_dated_byline_alone() -> None:
    hits, candidates = _front_matter()
    for question in ("When was this article published?", "¿Cuándo se publicó este artículo?"):
        result = answer(question, hits, candidates, PARAMS)
        assert result.answered
        assert result.confidence == PARAMS.front_matter_confidence
        assert [(c.start, c.quote) for c in result.citations] == [(30, "Published October 30, 2021")]
    title, byline, other = candidates
    first = [title, replace(byline, similarity=0.84), other]  # the byline scores best, the others close behind
    citations = answer("When was this article published?", hits, first, PARAMS).citations
    assert [c.start for c in citations] == [30]


def test_the_front_matter_does_not_answer_for_another_document() -> None:
    hits, (title, byline, other) = _front_matter()
    first = [replace(byline, similarity=0.9), title, other]  # the byline is the sentence most like it
    assert answer("When will the new article be out?", hits, first, PARAMS).answered
    for question in ("When will the next article be out?", "¿Cuándo sale el próximo artículo?"):
        assert not answer(question, hits, first, PARAMS).answered, question
    # a sentence of the body may speak of the other document; the front matter does not answer with
    # it, as it does a question about this one when it is the sentence most like it
    body = replace(other, text="The previous article was on the Forum, constituted in 1990.", similarity=0.9)
    candidates = [replace(byline, similarity=0.94), title, body]
    result = answer("What was the previous article about?", hits, candidates, PARAMS)
    assert result.answered and [c.start for c in result.citations] == [body.start]
    this_one = answer("What was this article about?", hits, candidates, PARAMS)
    assert [c.start for c in this_one.citations] == [30, body.start]


def test_a_title_is_not_cited_beside_the_sentence_that_answers() -> None:
    title = replace(_candidate("Meeting minutes", 0.899, 0), passage_kind="title")
    thanks = _candidate("Thanks for reading.", 0.90, 100)
    result = answer("a note", _hits(0.9), [thanks, title], PARAMS)
    assert [c.quote for c in result.citations] == [thanks.text]
    untitled = replace(title, passage_kind="paragraph")  # the same line in the body is a citation
    assert [c.quote for c in answer("a note", _hits(0.9), [thanks, untitled], PARAMS).citations] == [
        "Meeting minutes",
        thanks.text,
    ]


@pytest.mark.parametrize("question", ["what?", "Who?", "Why not?", "¿Cuántos?", "¿Por qué?", "How many?", "When?"])
def test_a_question_of_question_words_alone_is_not_answered(question: str) -> None:
    sentence = _candidate("In 1990 President Lula founded the Forum with 12 parties because of neoliberalism.", 0.95)
    result = answer(question, _hits(0.95), [sentence], PARAMS)
    assert not result.answered and result.answer is None and result.passages
    named = answer(f"{question.rstrip('?')} Forum?", _hits(0.95), [sentence], PARAMS)
    assert named.answered  # the same sentence answers once the question names what it asks about


def test_the_byline_answers_only_publication_questions_and_only_with_a_date() -> None:
    hits, candidates = _front_matter()
    for question in ("When did the Zapatista march start?", "When was the Mona Lisa painted?"):
        result = answer(question, hits, candidates, PARAMS)
        assert not result.answered or result.citations[0].start != 30, question
    body = [replace(c, passage_kind="paragraph") for c in candidates]  # "Published ..." in the body
    result = answer("When was this article published?", hits, body, PARAMS)
    assert not result.answered or result.confidence < PARAMS.front_matter_confidence
    undated_hits, undated = _front_matter(byline="By Jane Doe")
    result = answer("When was this article published?", undated_hits, undated, PARAMS)
    assert not result.answered or result.confidence < PARAMS.front_matter_confidence
    # another document's date is not this one's: the first passage is from a document "e"
    elsewhere = [replace(hits[0], chunk=replace(hits[0].chunk, doc_id="e", kind="paragraph"))]
    result = answer("When was this article published?", elsewhere, candidates, PARAMS)
    assert not result.answered or result.confidence < PARAMS.front_matter_confidence


def test_who_wrote_the_document_is_answered_by_the_byline_naming_the_writer_or_not_at_all() -> None:
    for byline in (
        "By Jane Doe, October 30, 2021",
        "Posted on October 30, 2021 by admin",
        "By: Jane Doe",
        "Por Ana Ruiz",
        "Author: Jane Doe",
    ):
        named_hits, named = _front_matter(byline=byline)
        for question in ("Who wrote this article?", "¿Quién es el autor del artículo?"):
            result = answer(question, named_hits, named, PARAMS)
            assert result.answered and [c.quote for c in result.citations] == [byline]
    # a byline naming a publisher, or no one: the best sentence is about someone else, so no answer
    for byline in ("Published by Verso Books", "Publicado por primera vez en 2020"):
        publisher_hits, publisher = _front_matter(byline=byline)
        assert not answer("Who wrote this article?", publisher_hits, publisher, PARAMS).answered, byline
    hits, candidates = _front_matter()
    high = [replace(c, similarity=0.95, passage_similarity=0.95) for c in candidates]
    result = answer("Who wrote this article?", hits, high, PARAMS)
    assert not result.answered and result.confidence == 0.0 and result.passages == tuple(hits)
    # a question about something else is answered as before
    assert answer("Who constituted the Forum?", hits, high, PARAMS).citations[0].start == 200


def test_a_title_question_is_answered_by_the_title_line_alone() -> None:
    hits, (title, byline, other) = _front_matter()
    title = replace(title, following=("\n\nPublished October 30, 2021",))  # the byline runs on after it
    candidates = [other, title, byline]  # the title scores below another sentence
    for question in ("What is the title of this article?", "¿Cómo se titula el artículo?"):
        result = answer(question, hits, candidates, PARAMS, document_title="The Zapatista March of 2001")
        assert result.answered and result.confidence == PARAMS.front_matter_confidence, question
        assert [(c.start, c.quote) for c in result.citations] == [(0, "The Zapatista March of 2001")]
    # only the title line of the first passage's document's front matter is its title
    for not_the_title in (
        [other, replace(title, passage_kind="paragraph"), byline],  # the same words in the body
        [other, replace(title, doc_id="e"), byline],  # another document's
        [other, replace(title, text="The Zapatista March"), byline],  # another line
    ):
        result = answer("What is the title of this article?", hits, not_the_title, PARAMS, document_title=title.text)
        assert not result.answered or result.confidence < PARAMS.front_matter_confidence


def test_a_site_question_is_answered_by_the_site_line_alone() -> None:
    hits, (title, byline, other) = _front_matter()
    site_line = "Farm News: all about the valleys"
    site = replace(title, start=40, end=40 + len(site_line), text=site_line, similarity=0.79, following=(" x",))
    candidates = [other, title, site, byline]  # the site line scores below the others
    for question in ("What is the name of this blog?", "¿Cuál es el lema del sitio?", "What's the site's tagline?"):
        result = answer(question, hits, candidates, PARAMS, document_title=title.text, document_site=site_line)
        assert result.answered and result.confidence == PARAMS.front_matter_confidence, question
        assert [(c.start, c.quote) for c in result.citations] == [(40, site_line)], question
    # a site line of two sentences is quoted whole, from its first
    two = replace(site, text="Farm News.", end=50, following=(" All about the valleys.", "\n\nPublished"))
    result = answer(
        "What's the site's tagline?", hits, [other, two], PARAMS, document_site="Farm News. All about the valleys."
    )
    assert [c.quote for c in result.citations] == ["Farm News. All about the valleys."]
    # only the site line of the first passage's document's front matter gives its site
    for not_the_site, known in (
        ([other, title, replace(site, passage_kind="paragraph"), byline], site_line),  # the same words in the body
        ([other, title, replace(site, doc_id="e"), byline], site_line),  # another document's
        ([other, title, site, byline], ""),  # a document whose site is not known
    ):
        result = answer("What is the name of this blog?", hits, not_the_site, PARAMS, document_site=known)
        assert not result.answered or result.confidence < PARAMS.front_matter_confidence


def test_the_published_line_is_preferred_to_an_updated_one() -> None:
    hits, (title, published, other) = _front_matter()
    updated = replace(published, start=60, end=84, text="Updated November 2, 2022", similarity=0.85)
    citations = answer("When was it written?", hits, [title, updated, published, other], PARAMS).citations
    assert [c.quote for c in citations] == ["Published October 30, 2021"]


def test_whether_the_corpus_answers_is_judged_on_what_is_quoted() -> None:
    question = "What did the last article here say about alliances?"
    text = "As I wrote in the last article here, alliances form. Though that one is about Vox from Spain."
    # the first sentence shares the question's words, and its passage is the closer: it ranks first
    best = replace(_candidate(text[:52], 0.82), following=(text[52:],), passage_similarity=0.85)
    follower = replace(_candidate(text[53:], 0.87, start=53), passage_similarity=0.80)
    assert quoted_similarity(best, [best, follower]) == 0.87
    result = answer(question, _hits(0.82), [best, follower], PARAMS)
    assert result.answered and result.citations[0].quote.startswith("As I wrote"), result
    # the closer sentence is not quoted after the best one: the best one's cosine is judged alone
    for unquoted in (replace(best, following=()), replace(best, following=(" And more." + " x" * 300,))):
        assert quoted_similarity(unquoted, [unquoted, follower]) == 0.82
        assert not answer(question, _hits(0.82), [unquoted, follower], PARAMS).answered
    assert quoted_similarity(best, [best, replace(follower, doc_id="e")]) == 0.82  # another document's
    assert support(set(), best, 0.82, "en", "en", PARAMS, 0.87) == pytest.approx(0.845)
    assert support(set(), best, 0.82, "en", "en", PARAMS) == pytest.approx(0.82)  # the best sentence's own
    # a sentence before the best one counts only when the citation quotes it (the best one points back)
    lead_in = _candidate("Worldwide changes weakened the movement.", 0.88, start=0)
    consequence = _candidate(" Consequently, Marcos was hesitant.", 0.82, start=41)
    assert quoted_similarity(replace(consequence, before=lead_in.text + " "), [lead_in, consequence]) == 0.88
    plain = _candidate(" Marcos was hesitant.", 0.82, start=41)
    assert quoted_similarity(replace(plain, before=lead_in.text + " "), [lead_in, plain]) == 0.82


def test_a_volume_may_come_in_the_sentences_quoted_after_the_best_one() -> None:
    text = "Venezuela and Cuba signed an oil deal. Venezuela sends Cuba 100,000 barrels a day."
    best = SentenceCandidate("d:0-90", "d", 0, 38, text[:38], "en", 1, 0.90, 0.90, (text[38:],))
    assert answer("How many barrels of oil does Venezuela send Cuba?", _hits(0.9), [best], PARAMS).answered
    alone = replace(best, following=())
    assert not answer("How many barrels of oil does Venezuela send Cuba?", _hits(0.9), [alone], PARAMS).answered


def test_a_count_may_come_in_the_sentences_quoted_after_the_best_one() -> None:
    text = "In 1993, the EZLN became an offensive one. They have had 6 of these declarations."
    best = SentenceCandidate("d:0-90", "d", 0, 42, text[:42], "en", 1, 0.90, 0.90, (text[42:],))
    assert answer("How many declarations did they issue?", _hits(0.9), [best], PARAMS).answered
    alone = replace(best, following=())  # only a year and a pronoun: no count of anything
    assert not answer("How many declarations did they issue?", _hits(0.9), [alone], PARAMS).answered


def test_a_city_may_come_in_the_sentence_the_length_cap_kept_out_of_the_quote() -> None:
    # the best sentence is too long to quote with the next, which an answer cites after it
    long = "The FLN was a clandestine organization formed in the north of Mexico, " + "inspired by Cuba, " * 28 + "."
    follower = " Its structure in Mexico City was discovered."
    best = SentenceCandidate("d:0-900", "d", 0, len(long), long, "en", 1, 0.90, 0.90, (follower,))
    assert len(long) + len(follower) > MAX_CITATION_CHARS
    assert answer("In which city was the FLN's structure discovered?", _hits(0.9), [best], PARAMS).answered
    alone = replace(best, following=())
    assert not answer("In which city was the FLN's structure discovered?", _hits(0.9), [alone], PARAMS).answered
    # a city two sentences on is about something else
    text = "Here is a photo I took of the museum. Not everyone agrees. A café in Mexico City showed films."
    photo = SentenceCandidate("d:0-99", "d", 0, 37, text[:37], "en", 1, 0.90, 0.90, (text[37:56], text[56:]))
    assert not answer("Where is the museum located?", _hits(0.9), [photo], PARAMS).answered


def test_a_sentence_promoted_for_its_type_gives_it_without_the_sentence_after() -> None:
    # promoted, a sentence answers alone, so a city in the next sentence the cap kept out is not cited
    long = "The group was formed in the north, " + "inspired by Cuba, " * 31 + "."
    best = _candidate("The group was clandestine and very old.", 0.905)
    second = SentenceCandidate("d:0-900", "d", 50, 50 + len(long), long, "en", 1, 0.90, 0.90, (" It met in Mons.",))
    result = answer("In which city did the group meet?", _hits(0.9), [best, second], PARAMS)
    assert not result.answered or any("Mons" in c.quote for c in result.citations)


def test_a_place_may_open_the_next_passage() -> None:
    # the best sentence ends its passage; the place is in the first sentence of the next one
    best = SentenceCandidate(
        "d:0-60", "d", 0, 60, "Here is an article about a meeting between the MST and them.", "en", 1, 0.9, 0.9
    )
    opening = SentenceCandidate(
        "d:62-104", "d", 62, 104, "The meeting took place in Southern Mexico.", "en", 2, 0.80, 0.80
    )
    result = answer("Where did the meeting take place?", _hits(0.9), [best, opening], PARAMS)
    assert result.answered and any("Southern Mexico" in c.quote for c in result.citations)
    far = replace(opening, start=200, end=242)  # not right after it
    assert not answer("Where did the meeting take place?", _hits(0.9), [best, far], PARAMS).answered


def test_a_question_about_a_numbered_thing_does_not_promote_a_sentence_naming_none() -> None:
    # the best sentence is about another of the series; one tied with it says nothing of the sixth
    first = _candidate("The First Declaration of the Lacandon Jungle said war.", 0.905)
    other = _candidate("They have had six declarations up to now.", 0.92, start=100)  # within the tie margin
    assert not answer(
        "What did the Sixth Declaration of the Lacandon Jungle say?", _hits(0.9), [first, other], PARAMS
    ).answered


def test_points_back() -> None:
    assert points_back("Consequently, Marcos was hesitant.", "en")
    assert points_back("“Therefore, according to this declaration, we give the orders.", "en")
    assert points_back("Por eso no atacaron.", "es")
    assert not points_back("Marcos was hesitant.", "en")
    assert not points_back("So many people came.", "en")  # "so" alone is too often an intensifier
    assert points_back("As a result, they fled.", "en") and not points_back("As a result of the war, they fled.", "en")
    assert points_back("Como consecuencia, huyeron.", "es") and not points_back(
        "Como consecuencia de la guerra, huyeron.", "es"
    )
    assert not points_back("Thus far, nothing has changed.", "en")
    assert points_back("Por tanto, se retiraron.", "es") and points_back("That‘s why they left.", "en")


def test_a_sentence_opening_with_a_personal_pronoun_points_back() -> None:
    assert points_back("They were hosting some movie.", "en") and points_back(
        "Their advice is to spread the word.", "en"
    )
    assert points_back("Ellos decidieron su autogobierno.", "es")
    assert not points_back("It’s been a little while.", "en")  # "it" is too often an empty subject
    assert not points_back("He visitado el movimiento.", "es")  # "I have visited"


def test_the_citation_of_a_sentence_that_refers_back_quotes_the_one_before() -> None:
    before = "I went to a Zapatista café in Mexico City called Rincon Zapatista.\n\n"
    hosting = replace(
        _candidate("They were hosting a movie and folks got into a discussion about Russia.", 0.9, start=len(before)),
        before=before,
    )
    result = answer("What did people discuss at the café?", _hits(0.9), [hosting], PARAMS)
    assert result.answered and result.citations[0].start == 0
    assert result.citations[0].quote == before + hosting.text


def test_a_relative_clause_written_as_a_sentence_points_back() -> None:
    assert points_back("In which their was an agreement made between both parties.", "en")
    assert points_back("Where they will find some land that is not being used.", "en")
    assert points_back("En el que participaron varios países.", "es") and points_back("Donde venden su café.", "es")
    assert not points_back("Where do they sell their coffee?", "en")  # a question
    assert not points_back("Where is the school?", "en")
    assert not points_back("Which of them is right is unclear.", "en")
    assert not points_back("Within which limits?", "en") and not points_back("Elsewhere, they sell coffee.", "en")


def test_a_relative_clause_is_quoted_with_the_sentence_it_finishes() -> None:
    text = "They had a visit from the minister Elias Jaua. In which an agreement was made on agro-ecology."
    antecedent, clause = text[:47], text[47:]
    best = SentenceCandidate("d:0-95", "d", 47, len(text), clause, "en", 1, 0.9, 0.9, (), antecedent)
    citation = answer("Who made an agreement on agro-ecology?", _hits(0.9), [best], PARAMS).citations[0]
    assert (citation.start, citation.end) == (0, len(text)) and citation.quote == text


def test_continues_sentence() -> None:
    assert continues_sentence("Such as the fall of Berlin and the collapse of the Soviet Union.")
    assert continues_sentence("Incluyendo a Cuba.")
    assert not continues_sentence("The fall of Berlin came such as it did.")


def test_a_consequence_is_quoted_with_the_sentence_that_gives_its_reason() -> None:
    text = "The socialist movement was weakening. Consequently, Marcos was hesitant to attack. He waited."
    reason, consequence = text[:37], text[38:82]
    best = SentenceCandidate("d:0-93", "d", 38, 82, consequence, "en", 1, 0.90, 0.90, (text[82:],), text[:38])
    citation, after = answer("Why was Marcos hesitant?", _hits(0.9), [best], PARAMS).citations
    assert (citation.start, citation.end) == (0, 82)
    assert citation.quote == text[:82] and reason in citation.quote
    assert (after.n, after.start, after.quote) == (2, 83, "He waited.")  # a citation is a sentence or two
    plain = replace(best, text="Marcos was hesitant.", following=())  # no connective: quoted alone
    assert answer("Why was Marcos hesitant?", _hits(0.9), [plain], PARAMS).citations[0].start == 38


def test_a_reason_too_long_to_quote_with_its_consequence_is_left_out() -> None:
    reason = "R" * 590 + ". "  # with the sentence, over 600 characters
    text = reason + "Therefore, they left."
    best = SentenceCandidate("d:0-600", "d", len(reason), len(text), text[len(reason) :], "en", 1, 0.9, 0.9, (), reason)
    citation = answer("Why did they leave?", _hits(0.9), [best], PARAMS).citations[0]
    assert (citation.start, citation.quote) == (len(reason), "Therefore, they left.")


def test_after_a_quoted_reason_the_following_sentences_are_kept_as_far_as_they_fit() -> None:
    # reason + sentence + the first following sentence fit in a citation, the second does not
    reason = "Because of the war, " + "x" * 300 + ". "
    sentence = "Therefore, the rebels issued declarations."
    first, second = " They have issued 6 of these.", " " + "y" * 300 + "."
    text = reason + sentence + first + second
    start = len(reason)
    best = SentenceCandidate(
        "d:0-1", "d", start, start + len(sentence), sentence, "en", 1, 0.9, 0.9, (first, second), reason
    )
    citations = answer("How many declarations did the rebels issue?", _hits(0.9), [best], PARAMS).citations
    assert len(text) > MAX_CITATION_CHARS >= len(reason + sentence + first)
    assert [c.quote for c in citations] == [reason + sentence, first.strip()]  # in pieces of two sentences
    assert [(c.start, c.end) for c in citations] == [
        (0, start + len(sentence)),
        (start + len(sentence) + 1, len(text) - len(second)),
    ]


def test_a_second_citation_does_not_quote_an_introduction_already_quoted() -> None:
    text = "The socialist movement was weakening. Consequently, Marcos was hesitant to attack."
    first = SentenceCandidate("d:0-81", "d", 0, 37, text[:37], "en", 1, 0.90, 0.90)
    second = SentenceCandidate("d:0-82", "d", 38, 82, text[38:], "en", 1, 0.899, 0.899, (), text[:38])
    citations = answer("Why the delay?", _hits(0.9), [first, second], PARAMS).citations
    assert [(c.start, c.end) for c in citations] == [(0, 37), (38, len(text))]


def test_a_sentence_in_another_language_is_credited_when_ranking() -> None:
    # cross-lingual cosines run lower: a slightly less similar English sentence wins a Spanish question
    candidates = [_candidate("Oración en español.", 0.875, 0, lang="es"), _candidate("English sentence.", 0.870, 100)]
    params = AnswerParameters(0.5, 0.85, 0.02, max_citations=1)
    assert answer("¿Qué pasa?", _hits(0.9), candidates, params).citations[0].start == 0
    assert answer("¿Qué pasa?", _hits(0.9), candidates, params, question_lang="es").citations[0].start == 100


def test_a_citation_running_into_a_better_one_stops_before_it() -> None:
    text = "Russia sent two bombers. It was close to this time. With Russia also sending 1,000 troops."
    first = SentenceCandidate("d:0-90", "d", 0, 24, text[:24], "en", 1, 0.899, 0.899, (text[24:51], text[51:]))
    third = SentenceCandidate("d:0-90", "d", 52, len(text), text[52:], "en", 1, 0.90, 0.90)
    result = answer("What did Russia send?", _hits(0.9), [first, third], PARAMS)
    assert [(c.start, c.end) for c in result.citations] == [(0, 51), (52, len(text))]
    assert result.citations[0].quote == text[:51]


def test_a_question_in_the_source_is_never_the_answer() -> None:
    # the article asks its own questions ("But what about outside of Latin America?"); they look
    # like the user's question but answer nothing, so the sentence after them is quoted instead
    question = _candidate("But what about outside of Latin America?", 0.92, 0)
    statement = _candidate("Well, the MST is part of Via Campesina.", 0.88, 42)
    result = answer("What about the MST outside Latin America?", _hits(0.9), [question, statement], PARAMS)
    assert [c.start for c in result.citations] == [42]
    asked = _candidate("¿Y qué pasa fuera de América Latina?", 0.92, 0, lang="es")
    assert answer("q", _hits(0.9), [asked], PARAMS).citations[0].start == 0  # nothing else to quote


def test_sentences_are_ranked_best_first_without_the_source_questions() -> None:
    candidates = [_candidate("Is it?", 0.95, 0), _candidate("Low.", 0.80, 10), _candidate("High.", 0.90, 20)]
    ranked = ranked_sentences("q", candidates, PARAMS)
    assert [c.text for _, c in ranked] == ["High.", "Low."]
    assert ranked[0][0] > ranked[1][0]


def _long_sentence_and_follower() -> tuple[SentenceCandidate, SentenceCandidate, SentenceCandidate]:
    long_sentence = "In the 1994 uprising " + "x" * 570 + "."
    follower = "Civil society stopped the attacks."
    best = _candidate(long_sentence, 0.90)
    best = replace(best, following=(" " + follower,))
    after = _candidate(follower, 0.80, start=best.end + 1)  # far below the second-citation margin
    near = _candidate("Near.", 0.895, start=2000)
    return best, after, near


def test_the_sentence_after_a_best_one_too_long_to_quote_with_it_is_cited_next() -> None:
    best, after, near = _long_sentence_and_follower()
    assert len(best.text) + len(best.following[0]) > MAX_CITATION_CHARS
    result = answer("What stopped the attacks in 1994?", _hits(0.9), [best, near, after], PARAMS)
    assert [(c.start, c.quote) for c in result.citations] == [(0, best.text), (after.start, after.text)]


def test_a_quote_of_more_than_two_sentences_is_cited_in_pieces_of_two() -> None:
    # the sentence most like the question names the topic; the answer is two sentences on
    topic = "One year later, the EZLN released the First Declaration."  # 0-56
    aside = " They have issued 6 of these."  # 56-85
    gist = " Anyway, the First Declaration was basically a declaration of war."  # 85-151
    best = replace(_candidate(topic, 0.90), following=(aside, gist))
    spanish = replace(_candidate(gist.strip(), 0.60, 86, lang="es"), chunk_id="d:86-151")  # its own passage
    result = answer("What did the First Declaration amount to?", _hits(0.9), [best, spanish], PARAMS)
    assert [(c.n, c.start, c.end, c.quote) for c in result.citations] == [
        (1, 0, 85, topic + aside),
        (2, 86, 151, gist.strip()),
    ]
    assert [c.lang for c in result.citations] == ["en", "es"]  # each piece in its first sentence's language
    assert result.answer == f"{topic}{aside} [1] {gist.strip()} [2]"
    # the sentence before it and it, then the two after it
    consequence = replace(best, text="Consequently, it rose.", start=60, end=82, before="It was 1994. " * 4)
    pieces = answer("Why did it rise?", _hits(0.9), [consequence], PARAMS).citations
    assert [(c.start, c.end) for c in pieces] == [(8, 82), (83, 177)]


def test_a_piece_starts_at_its_sentence_past_the_bullet_before_it() -> None:
    text = "They sit on these bodies:\n  • the FAO\n  • the WIPO\n  • the HRC"
    items = [text.index(item) for item in ("the FAO", "the WIPO", "the HRC")]
    following = (text[25 : items[0] + 7], text[items[0] + 7 : items[1] + 8])  # each with its bullet
    best = replace(_candidate(text[:25], 0.9), following=following, following_starts=tuple(items[:2]))
    council = replace(_candidate("the WIPO", 0.5, items[1], lang="es"), chunk_id="d:40-60")
    result = answer("Which bodies do they sit on?", _hits(0.9), [best, council], PARAMS)
    assert [(c.quote, c.lang) for c in result.citations] == [
        ("They sit on these bodies:\n  • the FAO", "en"),
        ("the WIPO", "es"),  # neither the bullet before it nor the space is quoted
    ]
    for citation in result.citations:
        assert text[citation.start : citation.end] == citation.quote


def test_a_first_piece_opening_with_the_sentence_before_is_in_that_sentences_language() -> None:
    text = "El movimiento se debilitaba. Consequently, Marcos was hesitant. He waited. They left."
    best = SentenceCandidate("d:0-9", "d", 29, 63, text[29:63], "en", 1, 0.9, 0.9, (text[63:74], text[74:]), text[:29])
    reason = _candidate(text[:28], 0.5, lang="es")
    citations = answer("Why was Marcos hesitant?", _hits(0.9), [best, reason], PARAMS).citations
    assert [(c.quote, c.lang) for c in citations] == [(text[:63], "es"), (text[64:], "en")]


# a topic sentence (100-141) and the two after it (141-165, 165-200)
_TOPIC, _DEFINITION = "Much of its focus is on food sovereignty.", " Which is a food system."
_MORE = " It is controlled by its producers."


def _topic_of(passage: str) -> SentenceCandidate:
    return replace(_candidate(_TOPIC, 0.90, 100), chunk_id=passage, following=(_DEFINITION, _MORE))


def test_with_no_passage_holding_the_quote_the_one_holding_the_sentences_piece_comes_first() -> None:
    best = _topic_of("d:100-141")
    hits = _spanning([("d", 100, 141, 0.9), ("d", 100, 165, 0.89)])
    result = answer("What is food sovereignty?", hits, [best], PARAMS)
    assert result.passages[0].chunk.chunk_id == "d:100-165"
    assert [(c.quote, c.chunk_id) for c in result.citations] == [
        (_TOPIC + _DEFINITION, "d:100-165"),
        (_MORE.strip(), "d:100-141"),  # no passage listed holds it
    ]


def test_the_passage_listed_first_holds_every_piece_of_the_quote() -> None:
    best = _topic_of("d:100-165")
    hits = _spanning([("d", 100, 165, 0.9), ("d", 100, 220, 0.89)])
    result = answer("What is food sovereignty?", hits, [best], PARAMS)
    assert [c.quote for c in result.citations] == [_TOPIC + _DEFINITION, _MORE.strip()]
    assert result.passages[0].chunk.chunk_id == "d:100-220"  # it holds the whole quote, not only the first piece
    assert {c.chunk_id for c in result.citations} == {"d:100-220"}


def test_a_piece_read_on_past_its_sentences_passage_names_a_passage_holding_it() -> None:
    best = _topic_of("d:100-165")
    hits = _spanning([("d", 100, 165, 0.9), ("d", 165, 220, 0.89)])  # none holds the whole quote
    result = answer("What is food sovereignty?", hits, [best], PARAMS)
    assert [(c.quote, c.chunk_id) for c in result.citations] == [
        (_TOPIC + _DEFINITION, "d:100-165"),
        (_MORE.strip(), "d:165-220"),
    ]
    assert result.passages[0].chunk.chunk_id == "d:100-165"  # the best sentence's own passage stays first


def test_a_following_sentence_that_fits_is_quoted_in_the_best_citation_not_again() -> None:
    best, after, near = _long_sentence_and_follower()
    short = replace(best, text="In 1994 they rose up.", end=21, following=(" " + after.text,))
    after = replace(after, start=22, end=22 + len(after.text))
    assert cut_off_follower(best, [best, after, near]) is None  # not the sentence right after it
    assert cut_off_follower(short, [short, after, near]) is None  # quoted with it already
    result = answer("What stopped the attacks in 1994?", _hits(0.9), [short, near, after], PARAMS)
    assert [c.quote for c in result.citations] == ["In 1994 they rose up. Civil society stopped the attacks.", "Near."]


def test_a_question_about_the_author_prefers_a_sentence_in_the_first_person() -> None:
    about = _candidate("The Zapatistas have published a few hundred pages.", 0.90, 0)
    own = _candidate("I have written a few hundred pages on this topic.", 0.88, 100)  # 0.03 behind, scaled
    question = "How much has the author written about the Zapatistas?"
    assert ranked_sentences(question, [about, own], PARAMS)[0][1] is own
    other = "How much has anyone written about the Zapatistas?"
    assert ranked_sentences(other, [about, own], PARAMS)[0][1] is about
    unvoiced = replace(PARAMS, author_voice_sentence_bonus=0.0)
    assert ranked_sentences(question, [about, own], unvoiced)[0][1] is about


def test_a_passage_sharing_no_word_with_the_question_does_not_answer_it() -> None:
    sentence = "At any rate, there is much more that could be said."
    candidates = [_candidate(sentence, 0.95)]
    # the passage is read with its context: the heading names the Zapatistas
    chunk = Chunk("d:0-9", "d", 0, len(sentence), sentence, "Zapatistas", "en", "paragraph", context="Zapatistas")
    hits = [Hit(chunk, 0.83, 1, dense_score=0.83)]
    off_topic = "dame una receta de ceviche peruano"
    # without a dictionary nothing is known of the other language's words: the rule is off
    assert answer(off_topic, hits, candidates, PARAMS, question_lang="es").answered
    refused = answer(off_topic, hits, candidates, PARAMS, question_lang="es", translated_terms=["recip"])
    assert not refused.answered and refused.confidence < 0.5
    # no translation at all is still a dictionary's word: the rule applies
    assert not answer(off_topic, hits, candidates, PARAMS, question_lang="es", translated_terms=[]).answered
    related = "¿Qué más se podría decir de los zapatistas?"
    assert answer(related, hits, candidates, PARAMS, question_lang="es", translated_terms=[]).answered


def test_a_passage_close_to_the_question_answers_though_the_dictionaries_lack_its_words() -> None:
    sentence = "Much of its focus is also on the concept of food sovereignty."
    candidates = [_candidate(sentence, 0.86)]
    chunk = Chunk("d:0-9", "d", 0, len(sentence), sentence, None, "en", "paragraph")
    question = "¿Qué es la soberanía alimentaria?"  # FreeDict translates neither word
    for similarity, answered in ((0.863, True), (0.83, False)):
        hits = [Hit(chunk, similarity, 1, dense_score=similarity)]
        result = answer(question, hits, candidates, PARAMS, question_lang="es", translated_terms=[])
        assert result.answered is answered, similarity


def test_a_title_alone_close_to_the_question_does_not_stand_for_a_passage_about_it() -> None:
    # a short title is close to any short question: "test" is 0.846 from "Meeting minutes"
    sentence = "The cooperative agreed to buy a new tractor in spring."
    candidates = [replace(_candidate(sentence, 0.86, 100, rank=2), chunk_id="m:100-154", doc_id="m")]
    title = Chunk("m:0-15", "m", 0, 15, "Meeting minutes", None, "en", "title")
    body = Chunk("m:100-154", "m", 100, 154, sentence, None, "en", "paragraph")
    hits = [Hit(title, 0.846, 1, dense_score=0.846), Hit(body, 0.80, 2, dense_score=0.80)]
    assert not answer("test", hits, candidates, PARAMS, question_lang="en", translated_terms=[]).answered
    close_body = [hits[0], Hit(body, 0.85, 2, dense_score=0.85)]
    assert answer("test", close_body, candidates, PARAMS, question_lang="en", translated_terms=[]).answered
    # nor is a title quoted for being close, however close the body passages come
    titled = SentenceCandidate("m:0-15", "m", 0, 15, "Meeting minutes", "en", 1, 0.90, 0.90, passage_kind="title")
    title_first = [Hit(title, 0.90, 1, dense_score=0.90), Hit(body, 0.85, 2, dense_score=0.85)]
    for found in (title_first, title_first[:1]):
        refused = answer("test", found, [titled, *candidates], PARAMS, question_lang="en", translated_terms=[])
        assert not refused.answered, len(found)


def test_a_typed_question_cites_only_sentences_giving_what_it_asks_for() -> None:
    # the second sentence is as close, but says nothing of how long: a reader would take it for the answer
    span = _candidate("The ceasefire came after 12 days of armed conflict.", 0.90, 100)
    other = _candidate("Later on, the structure in the city was discovered.", 0.899, 0)
    result = answer("How long did the armed conflict last?", _hits(0.9), [span, other], PARAMS)
    assert [c.quote for c in result.citations] == [span.text]
    untyped = answer("What happened during the armed conflict?", _hits(0.9), [span, other], PARAMS)
    assert [c.quote for c in untyped.citations] == [other.text, span.text]


def test_an_item_asked_for_by_its_number_answers_alone() -> None:
    lead = "We give our military forces the following orders:"
    text = f"The EZLN released the First Declaration. {lead} Fifth: Surrender. Sixth: Stop the robbery."
    chunk = Chunk("d:0-99", "d", 0, len(text), text, "Zapatistas", "en", "paragraph")
    hits = [Hit(chunk, 0.9, 1, dense_score=0.9)]

    def sentence(part: str, similarity: float) -> SentenceCandidate:
        start = text.index(part)
        following = tuple(f" {rest}" for rest in text[start + len(part) :].split(". ") if rest.strip())
        return SentenceCandidate("d:0-99", "d", start, start + len(part), part, "en", 1, similarity, 0.9, following)

    topic = sentence("The EZLN released the First Declaration.", 0.92)
    fifth, sixth = sentence("Fifth: Surrender.", 0.80), sentence("Sixth: Stop the robbery.", 0.80)
    candidates = [topic, fifth, sixth]
    # quoted without the items after it
    result = answer("What did the fifth order of the First Declaration ask for?", hits, candidates, PARAMS)
    assert result.answered and [c.quote for c in result.citations] == ["Fifth: Surrender."]
    # judged on the sentence that was best before the item moved (the item's own cosine, 0.80,
    # would put it near the centre of the logistic)
    assert result.confidence > 0.9
    # on its own cosine: what a citation of it would quote is not what is quoted
    closer = replace(sentence(lead, 0.96), passage_similarity=0.0)  # quoted after it, ranked below it
    with_closer = answer(
        "What did the fifth order of the First Declaration ask for?", hits, [*candidates, closer], PARAMS
    )
    assert with_closer.confidence == result.confidence
    # the series may come second in the question
    assert (
        answer("In the First Declaration, what did the fifth order ask?", hits, candidates, PARAMS)
        .citations[0]
        .quote.startswith("Fifth:")
    )
    # "the First Declaration" asks for no item of the orders; the Sixth Declaration's orders are not these
    first = answer("What did the First Declaration say?", hits, candidates, PARAMS)
    assert first.citations[0].quote.startswith("The EZLN released")
    other = answer("What did the fifth order of the Sixth Declaration ask for?", hits, candidates, PARAMS)
    assert not other.citations or not other.citations[0].quote.startswith("Fifth:")


def test_an_item_that_is_also_the_best_sentence_answers_confidently() -> None:
    text = "We give our forces the following orders: Sixth: Stop the robbery of our resources."
    chunk = Chunk("d:0-99", "d", 0, len(text), text, "Zapatistas", "en", "paragraph")
    start = text.index("Sixth:")
    item = SentenceCandidate("d:0-99", "d", start, len(text), text[start:], "en", 1, 0.82, 0.82)
    hits = [Hit(chunk, 0.82, 1, dense_score=0.82)]
    # found by likeness and by its number: at least item_confidence, where the cosines alone abstain
    assert answer("What did the sixth order say?", hits, [item], PARAMS).confidence == pytest.approx(0.9)
    # the last order is the item no other follows (round 30)
    assert answer("What did the last order say?", hits, [item], PARAMS).confidence == pytest.approx(0.9)
    assert not answer("What did the fifth order say?", hits, [item], PARAMS).answered
    assert not answer("What did the last summit say?", hits, [item], PARAMS).answered


def test_an_item_whose_series_is_introduced_by_the_best_sentence_answers_confidently() -> None:
    lead = "We give our forces the following orders:"
    text = f"{lead} Fifth: Surrender. Sixth: Stop the robbery of our resources."
    context = "Zapatistas — the First Declaration was a declaration of war"
    chunk = Chunk("d:0-99", "d", 0, len(text), text, "Zapatistas", "en", "paragraph", context=context)
    hits = [Hit(chunk, 0.82, 1, dense_score=0.82)]

    def sentence(part: str, similarity: float) -> SentenceCandidate:
        start = text.index(part)
        following = tuple(f" {rest}" for rest in text[start + len(part) :].split(". ") if rest.strip())
        return SentenceCandidate("d:0-99", "d", start, start + len(part), part, "en", 1, similarity, 0.82, following)

    candidates = [
        sentence(lead, 0.83),
        sentence("Fifth: Surrender.", 0.80),
        sentence("Sixth: Stop the robbery of our resources.", 0.80),
    ]
    # the introduction is best by likeness, the item found by its number, and the question names
    # the declaration the passage names: both point at the item (round 30)
    sixth = answer("What did the sixth order of the First Declaration demand?", hits, candidates, PARAMS)
    assert sixth.confidence == pytest.approx(0.9) and sixth.citations[0].quote.startswith("Sixth:")
    last = answer("What was the last order of the First Declaration?", hits, candidates, PARAMS)
    assert last.confidence == pytest.approx(0.9) and last.citations[0].quote.startswith("Sixth:")
    # any question about an order is most like the introduction: judged on the cosines
    for other in ("What did the sixth order demand?", "What was the last order given by the Mexican government?"):
        assert not answer(other, hits, candidates, PARAMS).answered
    # nor does a best sentence in another passage say anything of the item
    elsewhere = replace(sentence(lead, 0.83), chunk_id="d:200-299", start=200, end=240)
    first_declaration = "What did the sixth order of the First Declaration demand?"
    assert not answer(first_declaration, hits, [elsewhere, *candidates[1:]], PARAMS).answered


def test_a_sentence_is_ranked_by_what_the_question_asks_of_its_names_too() -> None:
    # "One year later, the EZLN released the First Declaration" is most like the whole question
    # (it names the same thing); the order about prisoners is most like what is asked of it
    # (the two share no word with the question, and one passage)
    naming = _candidate("One year later, the EZLN released it.", 0.86)
    naming = replace(naming, aspect_similarity=0.78, passage_similarity=0.85)
    answering = _candidate("Second: Respect the lives of our prisoners.", 0.84, start=60)
    answering = replace(answering, aspect_similarity=0.86, passage_similarity=0.85)
    question = "What did the First Declaration order about captives?"
    assert ranked_sentences(question, [naming, answering], PARAMS)[0][1] is answering
    # without the weight, or for a question naming nothing, the plain cosine ranks them
    plain = replace(PARAMS, aspect_weight=0.0)
    assert ranked_sentences(question, [naming, answering], plain)[0][1] is naming
    unnamed = [replace(c, aspect_similarity=None) for c in (naming, answering)]
    assert ranked_sentences("what did it order about captives", unnamed, PARAMS)[0][1].text.startswith("One year")
    assert sentence_score(set(), answering, PARAMS) - sentence_score(set(), answering, plain) == pytest.approx(
        PARAMS.aspect_weight * (0.86 - 0.84)
    )


def test_whether_the_corpus_answers_is_judged_on_the_whole_question() -> None:
    # a sentence close only to what the question asks of its names ("the" + "say about prisoners")
    # does not lift the support: confidence is calibrated on the whole question's cosine
    # (0.84 alone is under the threshold; blended, 0.873 would be over it)
    candidate = replace(_candidate("Respect the lives of our prisoners.", 0.84), aspect_similarity=0.95)
    result = answer("What did the First Declaration order about captives?", _hits(0.84), [candidate], PARAMS)
    assert not result.answered
    assert answer("What did the First Declaration order about captives?", _hits(0.88), [candidate], PARAMS).answered


def test_instructions_are_not_answered_by_a_sentence_sharing_only_the_thing_they_are_for() -> None:
    sentence = "The Zapatistas sell coffee grown by their cooperatives in Chiapas."
    candidates = [_candidate(sentence, 0.9)]
    hits = _hits(0.9)
    how_to = "How do I make cold brew coffee at home?"
    # "coffee" alone is in common: the sentence tells nothing of making it
    refused = answer(how_to, hits, candidates, PARAMS, question_lang="en", translated_terms=[])
    assert not refused.answered and refused.confidence < 0.5
    # without the dictionaries the rule is off, as the word in common is
    assert answer(how_to, hits, candidates, PARAMS, question_lang="en").answered
    # two words in common: the sentence is about what the question asks to do
    sell = "How can I buy coffee from the Zapatistas?"
    assert answer(sell, hits, candidates, PARAMS, question_lang="en", translated_terms=[]).answered
    # one of two is half of what the instructions are for ("How do I follow the author?" / "And
    # follow my Twitter here.")
    half = "How do I roast coffee?"
    assert answer(half, hits, candidates, PARAMS, question_lang="en", translated_terms=[]).answered
    # the words that ask for instructions are not what they are for
    espresso = "What's the best way to brew espresso at home?"
    best_way = [_candidate("The best way to help is to buy their coffee.", 0.9)]
    assert not answer(espresso, hits, best_way, PARAMS, question_lang="en", translated_terms=[]).answered
    # a word and its translation in the same sentence are one word asked about
    cafe = [_candidate("Groups sell the coffee through a network called Café RebelDia.", 0.9)]
    assert not answer(how_to, hits, cafe, PARAMS, question_lang="en", translated_terms=["caf"]).answered
    # not a question for instructions: one word in common is enough
    plain = "What do the cooperatives grow?"
    assert answer(plain, hits, candidates, PARAMS, question_lang="en", translated_terms=[]).answered


def test_a_question_about_a_country_the_corpus_never_names_is_refused() -> None:
    candidates = [_candidate("Venezuela's economy shrank during the crisis, with help from China.", 0.9)]
    hits = _hits(0.9)
    known = frozenset({"VE", "CN"})
    argentina = "How did Argentina's economy do during the crisis?"
    refused = answer(argentina, hits, candidates, PARAMS, corpus_countries=known)
    assert not refused.answered and refused.confidence < 0.5
    assert answer("How did Venezuela's economy do?", hits, candidates, PARAMS, corpus_countries=known).answered
    # what a question sets aside is not what it asks about
    aside = "Apart from Argentina, which countries helped Venezuela?"
    assert answer(aside, hits, candidates, PARAMS, corpus_countries=known).answered
    # a name that is also an everyday word ("reunión", a meeting) is not read as the country
    assert answer("reunion de venezuela y china", hits, candidates, PARAMS, corpus_countries=known).answered
    # the asker's country, in a lead-in before what is asked
    lead_in = "I'm writing a paper in Argentina: how did Venezuela's economy do?"
    assert answer(lead_in, hits, candidates, PARAMS, corpus_countries=known).answered
    # nor one beside countries it does name, unless offered as a choice or a comparison
    beside = "What is the relationship between Argentina and China?"
    assert not answer(beside, hits, candidates, PARAMS, corpus_countries=known).answered
    compared = "Did China help Venezuela more than Argentina?"
    assert answer(compared, hits, candidates, PARAMS, corpus_countries=known).answered
    # not known (a snapshot built before round 41): the rule is off
    assert answer(argentina, hits, candidates, PARAMS).answered
