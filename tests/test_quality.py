"""Retrieval and answer quality with the real model and the real FAISS index, on the shared gold set.

Thresholds sit below the figures measured when they were set (docs/EVALUATION.md) so a regression
fails the suite; the gold set is a sample, so they are not a promise about other questions."""

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qa.answer import continues_sentence
from qa.engine import Engine
from qa.evaluate import evaluate, load_gold
from qa.settings import Settings

from .conftest import GOLD, ROOT, SEED_DOCUMENT

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def gold_report(real_engine: Engine) -> dict:
    return evaluate(real_engine, load_gold(GOLD))


@pytest.fixture(scope="module")
def dev_report(real_engine: Engine) -> dict:
    return evaluate(real_engine, load_gold(ROOT / "eval" / "dev.jsonl"))


@pytest.fixture(scope="module")
def unseen_report(real_engine: Engine) -> dict:
    """eval/heldout.jsonl and blind*.jsonl: 14,540 questions written without running qa."""
    sets = ("heldout.jsonl", *(f"blind{n}.jsonl" for n in ("", *range(2, 253))))
    return evaluate(real_engine, [q for name in sets for q in load_gold(ROOT / "eval" / name)])


def test_gold_retrieval_thresholds(gold_report: dict) -> None:
    summary = gold_report["breakdown"]["all"]
    assert summary["recall@1"] >= 0.85
    assert summary["recall@5"] >= 0.95
    assert summary["mrr@10"] >= 0.92
    assert gold_report["median_passage_chars"] <= 1200


def test_gold_answers_and_abstention(gold_report: dict) -> None:
    summary = gold_report["breakdown"]["all"]
    assert summary["answer_accuracy"] >= 0.85
    assert summary["abstention_recall"] == 1.0  # every unanswerable question abstains
    assert summary["wrong_abstention_rate"] <= 0.08


def test_cross_lingual_questions_retrieve_as_well(gold_report: dict) -> None:
    crosslingual = gold_report["breakdown"]["crosslingual"]
    assert crosslingual["recall@1"] >= 0.8
    assert crosslingual["recall@5"] == 1.0


def test_dev_set_thresholds(dev_report: dict) -> None:
    # 43 answerable + 36 unanswerable, 12 of them near-domain ("Who assassinated Trotsky?") that
    # extractive similarity cannot refuse; measured 0.930 / 1.0 / 0.977 / 0.0 / 0.806 (29/36) in round 8,
    # 0.930 / 1.0 / 0.953 / 0.023 / 0.889 (32/36) in round 11, where d12 "¿Qué enfermedad afecta al café
    # zapatista?" abstains: the article mentions "a disease" without naming it, and three blind sets
    # wrote that question as unanswerable.
    summary = dev_report["breakdown"]["all"]
    assert summary["recall@1"] >= 0.88
    assert summary["recall@5"] >= 0.97
    assert summary["answer_accuracy"] >= 0.85
    assert summary["wrong_abstention_rate"] <= 0.08
    assert summary["abstention_recall"] >= 0.7


def test_dev_cross_lingual_questions_answer_as_well(dev_report: dict) -> None:
    crosslingual = dev_report["breakdown"]["crosslingual"]
    # Recall@5 13 of 14 from round 13 to 35: "¿Con qué partido trabaja el MST?" ranked its passage
    # 6th to 9th, FreeDict translating "partido" by its stem's other words ("part", "partial"), not
    # "party"; 14 of 14 since round 36 (5th), Apertium translating the question whole
    assert crosslingual["recall@5"] >= 0.92
    assert crosslingual["recall@1"] >= 0.78  # 0.857 with pseudo-relevance feedback, 0.714 without
    assert crosslingual["answer_accuracy"] >= 0.75


def test_when_question_without_a_date_in_the_corpus_abstains(real_engine: Engine) -> None:
    answer = real_engine.ask("When did Evo Morales first become president?")
    assert not answer.answered


@pytest.mark.parametrize(
    "question",
    [
        "When was this article published?",
        "¿Cuándo se publicó este artículo?",
        # by fusion alone, these rank the title and byline below the first five passages
        "What date did this piece go online?",
        "When was it written?",
        "¿En qué fecha se publicó?",
        # the byline gives the section too; a question may name the document by its title's words
        "Under which section of the site was the article published, and when?",
        "When was the article about the left-wing alliance against the West written?",
        "When was this piece on Latin American left-wing alliances published?",  # America -> American
        "¿Cuándo se publica este artículo?",  # round 27
        # what date the document is from, with no word for publishing (round 29)
        "When does the article date from?",
        "¿De cuándo es el artículo?",
        "How old is this article?",
    ],
)
def test_the_publication_date_is_answered_from_the_byline(real_engine: Engine, question: str) -> None:
    answer = real_engine.ask(question)
    assert answer.answered
    byline = "Published October 30, 2021 in Personal Stories & Opinions - 0 Comments"
    assert [c.quote for c in answer.citations] == [byline]
    assert byline in answer.passages[0].chunk.text  # the passage that answers is the first one
    assert byline in real_engine.search(question, k=5)[0].chunk.text


@pytest.mark.parametrize(
    "question",
    [
        "What is the tagline of the website this piece was published on?",
        "¿Cuál es el lema del sitio?",
        "What does the site's header say it offers readers?",
        "¿Cómo se llama el sitio o blog donde aparece el texto?",  # round 27
    ],
)
def test_the_site_line_answers_a_question_about_the_site(real_engine: Engine, question: str) -> None:
    answer = real_engine.ask(question)
    assert answer.answered and [c.quote for c in answer.citations] == ["All you need to know about Iberian America"]
    assert real_engine.search(question, k=5)[0].chunk.start == 0


@pytest.mark.parametrize(
    "question",
    [
        "How many municipalities did the Mexican army take back from the Zapatistas?",
        "¿Cuántos municipios perdieron los zapatistas en los combates con el ejército?",
    ],
)
def test_a_count_of_what_was_taken_does_not_answer_a_count_of_losses(real_engine: Engine, question: str) -> None:
    assert not real_engine.ask(question).answered  # the article counts the 38 municipalities the EZLN took


def test_oil_for_doctors_passage_ranks_first(real_engine: Engine) -> None:
    hits = real_engine.search("What did Venezuela give Cuba in exchange for the doctors?")
    assert "100,000 barrels of oil per day" in hits[0].chunk.text


def test_spanish_question_finds_the_spanish_quote(real_engine: Engine) -> None:
    hits = real_engine.search("¿Cuántos soldados envió el ejército mexicano a Chiapas?", k=3)
    assert any("70 mil efectivos" in hit.chunk.text for hit in hits)


def test_answers_quote_the_source_exactly(real_engine: Engine) -> None:
    answer = real_engine.ask("How many members does the Landless Workers Movement have?")
    assert answer.answered and answer.answer
    assert any("1.5 million members" in citation.quote for citation in answer.citations)
    for citation in answer.citations:
        text = real_engine.document(citation.doc_id).text
        assert text[citation.start : citation.end] == citation.quote
        assert len(citation.quote) <= 600


def test_a_citation_is_a_sentence_or_two(real_engine: Engine) -> None:
    # The answer is two sentences after the one naming the declaration, past an aside: it is cited
    # on its own, not run on from the sentence before the aside (docs/EVALUATION.md, round 40).
    answer = real_engine.ask("In essence, what was the First Declaration of the Lacandon Jungle?")
    assert answer.answered
    war = next(c for c in answer.citations if "basically a declaration of war" in c.quote)
    assert war.quote.startswith("Anyway") and war.n > 1
    # Over every answer to gold and dev, no citation holds more than two of the corpus's sentences,
    # counting a fragment that finishes the sentence before it ("Such as ...") with that one.
    snapshot = real_engine.snapshot()
    starts = {(c.doc_id, start) for c in snapshot.chunks for start, _ in c.sentences}
    text = SEED_DOCUMENT.read_text(encoding="utf-8")
    questions = [q.question for name in (GOLD, ROOT / "eval" / "dev.jsonl") for q in load_gold(name)]
    for answered in real_engine.ask_many(questions):
        for citation in answered.citations:
            inside = [
                start
                for doc_id, start in starts
                if doc_id == citation.doc_id
                and citation.start < start < citation.end
                and not continues_sentence(text[start : citation.end])
            ]
            assert len(inside) <= 1, (answered.question, citation.quote)


def _cli_batch(command: str, questions: Path, settings: Settings) -> dict[str, dict]:
    environment = dict(os.environ, QA_CORPUS_DIR=str(settings.corpus_dir), QA_INDEX_DIR=str(settings.index_dir))
    result = subprocess.run(
        [sys.executable, "-m", "qa", command, "--json", "--batch", str(questions)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
        check=True,
    )
    return {record["id"]: record for record in map(json.loads, result.stdout.splitlines())}


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    # ../shared/eval/README.md: overlapping one evidence span by at least half the shorter span
    return any(min(end, b) - max(start, a) >= 0.5 * min(end - start, b - a) for a, b in spans)


def test_the_cli_batch_path_scores_as_qa_eval_does(real_settings: Settings, gold_report: dict) -> None:
    # A held-out set is scored through `qa search --json --batch` and `qa ask --json --batch`:
    # those outputs, scored by the shared rule written out here, give what `qa eval` reports.
    searches = _cli_batch("search", GOLD, real_settings)
    answers = _cli_batch("ask", GOLD, real_settings)
    text = SEED_DOCUMENT.read_text(encoding="utf-8")
    by_id = {row["id"]: row for row in gold_report["details"]}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        question = json.loads(line)
        spans = [(text.index(evidence), text.index(evidence) + len(evidence)) for evidence in question["evidence"]]
        hits = searches[question["id"]]["hits"]
        ranks = [hit["rank"] for hit in hits if _overlaps(hit["start"], hit["end"], spans)]
        answer = answers[question["id"]]
        cited = any(_overlaps(c["start"], c["end"], spans) for c in answer["citations"])
        expected = by_id[question["id"]]
        expected_rank = expected["first_relevant_rank"]  # among qa eval's ten; the CLI lists five
        if expected_rank is not None and expected_rank > len(hits):
            expected_rank = None
        assert (ranks[0] if ranks else None) == expected_rank, question["id"]
        assert (answer["answered"], cited) == (expected["answered"], expected["correct_citation"]), question["id"]


def test_out_of_domain_question_abstains_with_passages(real_engine: Engine) -> None:
    answer = real_engine.ask("What is the GDP of Argentina?")
    assert not answer.answered and answer.answer is None
    assert answer.passages and answer.confidence < 0.5


def test_unseen_question_thresholds(unseen_report: dict) -> None:
    # 10,946 answerable (5,722 cross-lingual) + 3,594 unanswerable; measured 0.955 / 0.994 / 0.972 /
    # 0.973 / 0.016 / 0.972 (docs/EVALUATION.md, round 43). A regression guard, a little below those.
    summary = unseen_report["breakdown"]["all"]
    assert summary["recall@1"] >= 0.91
    assert summary["recall@5"] >= 0.98
    assert summary["mrr@10"] >= 0.945
    assert summary["answer_accuracy"] >= 0.93
    assert summary["wrong_abstention_rate"] <= 0.035
    assert summary["abstention_recall"] >= 0.965


def test_unseen_cross_lingual_questions_answer_about_as_well(unseen_report: dict) -> None:
    # measured 0.976 cross-lingual against 0.969 same-language for answers, 0.957 against 0.953 for
    # Recall@1 over the 14,540 (round 43; every round's figures are in docs/EVALUATION.md; before
    # language-neutral vectors, round 6, 0.878 against 0.895 answers and 0.817 against 0.892). With
    # over 500 cross-lingual questions the standard error of the difference is about 0.02: 0.03
    # allows that noise and still fails on a real gap like the one before language-neutral vectors.
    breakdown = unseen_report["breakdown"]
    assert breakdown["crosslingual"]["answer_accuracy"] >= breakdown["same_language"]["answer_accuracy"] - 0.03
    assert breakdown["crosslingual"]["recall@1"] >= breakdown["same_language"]["recall@1"] - 0.03


def test_a_consequence_is_answered_with_its_reason(real_engine: Engine) -> None:
    # "Consequently, ... Marcos, was hesitant to take any offensive action" names the topic; the
    # sentence before it gives the reason, and the citation quotes both
    answer = real_engine.ask("Why did Marcos hesitate to attack the Mexican government?")
    assert answer.answered
    # the sentence before is a fragment ("Such as the fall of Berlin ..."), so the one it finishes is quoted too
    reason = "worldwide changes were happening that weakened the international socialist movement"
    assert any(reason in c.quote and "Soviet Union" in c.quote and "Consequently" in c.quote for c in answer.citations)
    for citation in answer.citations:
        assert real_engine.document(citation.doc_id).text[citation.start : citation.end] == citation.quote


def test_a_relative_clause_is_cited_with_the_sentence_it_finishes(real_engine: Engine) -> None:
    # "In which their was an agreement made between both parties of this movement and the Venezuelan
    # government ..." does not say whose visit: the sentence before names the minister (round 29)
    # (citations are numbered in source order: since round 34's section acronyms, "If they can't reach
    # an agreement, the government offers …" from the MST's section is quoted too, and comes first)
    answer = real_engine.ask("¿Sobre qué llegaron a un acuerdo el MST y el gobierno venezolano?")
    assert answer.answered
    clause = next(c for c in answer.citations if "In which their was an agreement" in c.quote)
    assert "Elias Jaua" in clause.quote
    assert real_engine.document(clause.doc_id).text[clause.start : clause.end] == clause.quote


def test_a_near_tie_goes_to_the_passage_holding_the_answer(real_engine: Engine) -> None:
    # the war orders' long quote ties (0.002 behind) with the paragraph after it; its sentence
    # "Second: ... turn over all wounded to the International Red Cross" answers, so it ranks first
    question = "Who were the Zapatistas told to hand their wounded prisoners over to?"
    first = real_engine.search(question, k=5)[0]
    assert "International Red Cross" in first.chunk.text
    assert real_engine.search(question, k=1)[0].chunk.chunk_id == first.chunk.chunk_id
    # unsettled, the tie leaves the paragraph first in the retrieval, but the search still ranks first
    # the passage its answer quotes
    untied = Engine(real_engine.settings.model_copy(update={"answer_tie_margin": 0.0}), embedder=real_engine.embedder)
    assert "International Red Cross" in untied.search(question, k=5)[0].chunk.text
    answer = real_engine.ask(question)
    assert answer.answered and any("Red Cross" in c.quote for c in answer.citations)
    # what settling the tie still decides: which passage the answer is judged on ("I would've
    # discussed it in greater detail but the main points ..." ties with the Forum's quote)
    reason = "Why doesn't the author go into more detail on the São Paulo Forum?"
    settled = real_engine.ask(reason)
    assert settled.answered and any("main points I wanted to illustrate" in c.quote for c in settled.citations)
    assert not untied.ask(reason).answered


def test_a_search_ranks_first_the_passage_its_answer_quotes(real_engine: Engine) -> None:
    # the passage about the founders' "social movement" outranks the one saying "the initial founders
    # were not at all indigenous"; the answer quotes the latter, read also by what the question asks
    # of its names, since the two passages' best sentences come within search_aspect_margin
    question = "Were the original founders of the Zapatista movement indigenous?"
    evidence = "the initial founders were not at all indigenous"
    first = real_engine.search(question)[0]
    assert evidence in first.chunk.text and first.rank == 1
    assert real_engine.search(question, k=1)[0].chunk.chunk_id == first.chunk.chunk_id
    answer = real_engine.ask(question)
    assert answer.answered and any(evidence in c.quote for c in answer.citations)
    assert answer.passages[0].chunk.chunk_id == first.chunk.chunk_id
    hasty = Engine(real_engine.settings.model_copy(update={"search_aspect_margin": 0.0}), embedder=real_engine.embedder)
    assert evidence not in hasty.search(question)[0].chunk.text


def test_the_sentence_after_a_long_one_is_cited_when_it_does_not_fit_with_it(real_engine: Engine) -> None:
    # the Spanish quote's first sentence (437 characters) is the most like the question; the answer
    # follows it and, 164 characters long, would take the citation past 600: it is cited next
    answer = real_engine.ask("¿Qué detuvo los ataques del ejército mexicano en 1994?")
    assert answer.answered
    answering = "Las movilizaciones de la sociedad civil detuvieron los ataques"
    assert any(c.quote.startswith(answering) for c in answer.citations)
    assert all(len(c.quote) <= 600 for c in answer.citations)


def test_a_question_about_the_author_is_answered_in_the_authors_own_voice(real_engine: Engine) -> None:
    # "Next, when I was visiting the MST and MTST ..." says "I", the question says "the author"; a
    # passage naming the MST among other Brazilian NGOs scores higher, but the answer quotes the
    # author's visit (its sentence says "I"), and a search ranks that passage first
    question = "Which movement besides the MST did the author visit in Brazil?"
    assert "MTST" in real_engine.search(question, k=1)[0].chunk.text
    answer = real_engine.ask(question)
    assert answer.answered and any("MST and MTST" in c.quote for c in answer.citations)


def test_facts_the_article_does_not_give_about_what_it_discusses_are_refused(real_engine: Engine) -> None:
    # eval/facts.jsonl: 115 questions of gold's unanswerable kind about the places the article
    # discusses ("What is the population of Chiapas?", "¿Cuál es el PIB de Venezuela?", "Who is the
    # current president of Cuba?"); 101 abstained before the measure and fact types, 111 after,
    # all 115 once a role must be named next to its holder (round 9)
    report = evaluate(real_engine, load_gold(ROOT / "eval" / "facts.jsonl"))
    assert report["breakdown"]["all"]["abstention_recall"] >= 0.98


def test_questions_naming_an_organisation_only_by_its_acronym(real_engine: Engine) -> None:
    # eval/acronyms.jsonl: 60 questions written blind to name an organisation only by an acronym or
    # short name its evidence lacks ("What's been damaging the EZLN coffee crops?" / "the Zapatistas
    # and their coffee ... a disease"). A known weakness: measured once at Recall@1 0.800, Recall@5
    # 0.889, answers 0.733, 15 of 15 unanswerable abstained, and 0.778 / 0.889 / 0.733 / 15 of 15
    # since the section acronyms (docs/EVALUATION.md, round 34). A guard against it getting worse.
    report = evaluate(real_engine, load_gold(ROOT / "eval" / "acronyms.jsonl"))
    summary = report["breakdown"]["all"]
    assert summary["recall@5"] >= 0.85
    assert summary["answer_accuracy"] >= 0.68
    assert summary["abstention_recall"] >= 0.93


def test_a_sentence_naming_an_organisation_in_full_is_reached_by_its_acronym(real_engine: Engine) -> None:
    # "Considered one of the largest social movement's in Latin America with over 1.5 million
    # members, the Landless Workers Movement ..." never says "MST", many other sentences do; it is
    # embedded under its section's name with the acronym the article defines (round 34)
    answer = real_engine.ask("What is the size of the MST's membership?")
    assert answer.answered and any("1.5 million members" in c.quote for c in answer.citations)


def test_which_countries_is_answered_by_the_sentence_naming_them(real_engine: Engine) -> None:
    # "Some of the more prominent countries in the group are Venezuela, Cuba, Nicaragua and
    # Bolivia." stands 0.015 behind the sentence defining ALBA, beyond the 0.01 tie of any kind of
    # answer and within country_tie_margin (round 35)
    answer = real_engine.ask("¿Qué países forman el ALBA?")
    assert answer.answered and "Venezuela, Cuba, Nicaragua and Bolivia" in answer.citations[0].quote


def test_a_search_ranks_first_the_passage_holding_the_answers_citation_whole(real_engine: Engine) -> None:
    # the answer quotes "Much of its focus is also on the concept of “food sovereignty.” Which is “a
    # food system in which …”": the first sentence ends one passage, the next one holds both (round 35)
    question = "What does the concept of food sovereignty that Via Campesina promotes refer to?"
    first = real_engine.search(question, k=3)[0].chunk
    assert "food system in which the people who produce" in first.text
    answer = real_engine.ask(question)
    quoting = next(c for c in answer.citations if "food system in which" in c.quote)
    assert quoting.chunk_id == answer.passages[0].chunk.chunk_id == first.chunk_id


def test_gold_facts_asked_in_other_words(real_engine: Engine) -> None:
    # eval/paraphrase1.jsonl to paraphrase16.jsonl: gold's 28 answerable questions asked again in
    # English and Spanish by writers who never ran qa (896), and 128 unanswerable ones. The first four
    # were measured once at Recall@1 0.844, Recall@5 0.978, answers 0.920, 29 of 32 abstained (round
    # 34), the next two at 0.812 / 0.982 / 0.929 / 16 of 16 (round 35), two more at 0.857 / 0.964 /
    # 0.920 / 14 of 16 (round 36), two at 0.902 / 1.000 / 0.964 / 14 of 16 (round 37), the last at
    # 0.857 / 0.982 / 0.929 / 6 of 8 (round 38), one more at 0.893 / 0.982 / 0.964 / 8 of 8 (round
    # 39), one at 0.857 / 0.946 / 0.875 / 8 of 8 (round 40), one at 0.893 / 0.982 / 0.946 / 7 of 8
    # (round 41), one at 0.821 / 0.982 / 0.946 / 7 of 8 (round 42), the last at 0.875 / 0.982 / 0.911
    # / 8 of 8 (round 43); all sixteen now 0.866 / 0.980 / 0.934 / 127 of 128 (docs/EVALUATION.md).
    # A guard, a little below those.
    names = [f"paraphrase{n}.jsonl" for n in range(1, 17)]
    summary = evaluate(real_engine, [q for name in names for q in load_gold(ROOT / "eval" / name)])["breakdown"]["all"]
    assert summary["recall@5"] >= 0.95
    assert summary["answer_accuracy"] >= 0.9
    assert summary["abstention_recall"] >= 0.85


@pytest.mark.parametrize(
    "question",
    [
        "What is the population of Chiapas?",
        "¿Cuántos habitantes tiene Venezuela?",
        "¿Cuál es el PIB de Venezuela?",
        "What is the capital of Mexico?",
        "Who founded the Landless Workers Movement?",
        "¿Cuántas personas murieron en Chiapas en 1994?",  # the quote counts soldiers, not the dead
        # the article names Venezuela's president and Mexico's, in sentences about Bolivia and Cuba
        "Who is the current president of Bolivia?",
        "¿Quién es el presidente actual de Cuba?",
        "Who was Mexico's president when the Zapatistas rose up in 1994?",  # the holder in the possessive
        "Who is Cuba's leader?",
        # the event asked about is not in the sentences found (round 9)
        "In what year did Hugo Chávez die?",
        "Who succeeded Evo Morales as president of Bolivia?",
        "¿Dónde nació León Trotski?",
        # the country asked about is not the one the numbers are about (round 10)
        "How many Cuban doctors went to Ecuador?",
        "¿Cuántos médicos cubanos fueron enviados a Nicaragua?",
        "¿Cuántos barriles de petróleo le vende Venezuela a China?",
        # "COVID-19" counts nothing; the document names no author (round 10)
        "How many doses of the COVID-19 vaccine did Russia promise ALBA?",
        "Who is the author of this piece?",
        "¿Quién escribió este texto?",
        # members and fighters are people; a price is money (round 10)
        "¿Cuántos combatientes tenía el EZLN en 1994?",
        "How many militants did the FLN have?",
        "At what price is Zapatista coffee sold in Europe?",
        # a city, a place or a killer the article does not give; another of a numbered series (round 11)
        "¿En qué ciudad tiene su sede el ALBA?",
        "Where is the Florestan Fernandes School located?",
        "¿Dónde se celebró la XIX Cumbre del ALBA?",
        "Who killed Leon Trotsky?",
        "When was the Sixth Declaration of the Lacandon Jungle released?",
        "What disease has been killing the Zapatistas' coffee plants?",
        "In what year was Brazil's Workers' Party founded?",  # the São Paulo Forum was, in 1990
        # a founder or a role holder the article does not name (round 12): "started in Mons",
        # "host a MST leader", and a founding of something else
        "¿Quién fundó La Vía Campesina?",
        "Who is the current leader of the MST?",
        "Who is the current general coordinator of Via Campesina?",
        "¿Quién fundó el Partido de los Trabajadores de Brasil?",
        "¿Qué ciudades europeas visitaron los zapatistas?",  # "visited Europe" names no city
        # a toll of dead, a month, a spokesperson's successor, a host the article does not give (round 13)
        "¿Cuántos muertos dejó el levantamiento zapatista de 1994?",
        "¿Qué mes viajaron los zapatistas a Europa?",
        "Who replaced Subcomandante Marcos as the EZLN's spokesperson?",
        "Which country hosted the XIX ALBA summit?",  # the quote names the summit's mandate, no place
        "Which European countries did the Zapatistas visit on their recent trip?",  # "visited Europe"
        # a date asked for, and only the question's own year given (round 14)
        "¿En qué fecha exacta comenzó el alzamiento zapatista de 1994?",
        # a date within the year the question gives: "One year later" gives only that year (round 15)
        "On what date in 1994 did the EZLN release the First Declaration of the Lacandon Jungle?",
        # a state the article does not name: "the Brazilian Embassy" is none (round 15)
        "In which Brazilian state is the Florestan Fernandes School located?",
        "¿En qué estado brasileño nació el Movimiento de los Sin Tierra?",
        # a day asked for within the year the question gives; a role held by the one the question
        # names itself (round 16)
        "On what day in 1994 did the Zapatista uprising begin?",
        "Who heads the EZLN now, after Subcomandante Marcos?",
        # one known by its name, and a quote that names nothing (round 17)
        "Which university did the author write his thesis on the Zapatistas for?",
        # a span of time, an account, a winner, what an acronym stands for, ones of a kind in
        # general (round 18)
        "How long did Subcomandante Marcos serve as spokesperson of the EZLN?",
        "¿Cuál es la cuenta de Twitter del autor?",
        "Who won Bolivia's election after Evo Morales lost power?",
        "What does MTST stand for?",
        "Which Chinese companies built Cuba's telecommunications network?",
        "What does EZLN stand for?",  # "the spokesperson for the EZLN, Subcomandante Marcos" is another's name
        # an amount of money asked for as an amount (round 24): "considerable financial support" is none
        "¿Cuál fue el monto total de la ayuda financiera de China a Venezuela?",
        # money asked in the passive: "another 200 page thesis" is no price (round 27)
        "How much per pound are Zapatista coffee cooperatives paid for their beans?",
        # another document than this one: its byline does not date it (round 27)
        "When will the next article be published?",
        "¿Cuándo se publica el próximo artículo?",
        # an occasion a little behind the best sentence answers a bare "when"; not these, further
        # behind ("during the time he lost political power", "in my first trip") (round 28)
        "When did Bolivia join ALBA?",
        "When exactly did the Zapatistas travel to Europe?",
        "¿Cuándo empezó la cuarentena en Zambia?",  # "During a … quarantine": across languages (review)
        # ... nor one sharing only the names (round 31: "during the time he lost political power")
        "When did Evo Morales first become president?",
        # a party the article does not name: none of the sentences found names one (round 30)
        "Which party does Maduro belong to?",
        "¿A qué partido pertenece Evo Morales?",
        "Which political party do the Zapatistas support?",
        # a party of another country than the one asked about: "the Brazilian Workers' Party" (round 39)
        "Which Argentine party is a member of the São Paulo Forum?",
        "¿Qué partido colombiano forma parte del Foro de São Paulo?",
        # ... asked as keywords, by the noun that heads the query (round 41)
        "Argentina GDP",
        "PIB per cápita de Bolivia",
        "Venezuela inflation rate",
        "población de Chiapas",
        "asesino de Trotsky",
        "Venezuela inflation rate?",
        # ... or by the noun that ends it; a date of death; a question after a lead-in (round 42)
        "Venezuela annual inflation rate",
        "Russia Cuba military equipment credit amount",
        "Hugo Chávez fecha muerte",
        "According to the piece, when did Dilma Rousseff meet with MST leaders?",
        # a country the article never mentions: nothing in it is about it (round 41)
        "presidente actual de Colombia",
        "current president of Colombia",
        "Paraguay left-wing party alliance",
        "Which groups sell Zapatista coffee in France?",
        # what someone said, which the article does not report; a day given only as "One year later";
        # an airport named by no quote; a country the article never mentions beside one it does (round 43)
        "what did dilma rousseff say about the landless workers movement",
        "¿Qué declaró Evo Morales sobre el respaldo de Rusia cuando perdió el poder?",
        "What did Evo Morales say about Russia?",
        "On what exact day did the EZLN issue the First Declaration of the Lacandon Jungle?",
        "At which Venezuelan airport did the Russian bombers land?",
        "¿En qué barrio de la Ciudad de México está el museo de Trotsky?",
        "que relacion tiene chile con china",
        "What is the relationship between Colombia and Venezuela?",
    ],
)
def test_a_measure_or_fact_the_article_does_not_give_is_refused(real_engine: Engine, question: str) -> None:
    assert not real_engine.ask(question).answered


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("¿Quién era el portavoz del EZLN?", "Subcomandante Marcos"),
        ("EZLN spokesperson", "Subcomandante Marcos"),  # keywords: a bare role is whom they are about
        ("presidente del Banco del ALBA", "Raúl Li Causi"),
        ("King of Spain", "King of Spain"),
        ("duración del conflicto de Chiapas", "12 días"),
        ("EZLN founders", "formaron el EZLN"),
        ("twitter del autor", "follow my Twitter"),
        # a country the article mentions beside one it does not, or in a form CLDR does not use
        ("Did Via Campesina start in France or Belgium?", "Mons, Belgium"),
        ("¿Se vende café zapatista en Turquía?", "Turkey"),
        ("Who is the president of the ALBA Bank?", "Raúl Li Causi"),
        ("Who is Venezuela's president?", "Venezuelan President Maduro"),
        # an event asked about and given
        ("¿Dónde y cómo murió Trotsky?", "died from the assassination"),
        ("¿En qué ciudad nació La Vía Campesina?", "Mons"),
        # the countries asked about are the ones the numbers are about
        ("How many doctors did Cuba send to Venezuela?", "31,000 Cuban doctors"),
        ("How many barrels of oil a day did Venezuela give Cuba?", "100,000 barrels"),
        # what is counted, named by a synonym in the other language
        ("¿Cuántas tropas rusas llegaron a Venezuela?", "1,000 troops"),
        # an order of the declaration asked for by its number (round 14)
        ("What was the third order given to the EZLN in the declaration of war?", "Third: Initiate summary"),
        ("¿Qué decía la sexta orden de la declaración de guerra zapatista?", "Sixth: Suspend the robbery"),
        ("What did the sixth order say?", "Sixth: Suspend the robbery"),  # short: near the threshold
        ("What did the last (sixth) order demand?", "Sixth: Suspend the robbery"),  # round 27
        # a time within the question's own year answers; so does a weekday (round 14's review)
        ("¿Cuándo, en 1994, tomó el EZLN el control de 38 municipios?", "Para finales de 1994"),
        ("On what day did the ALBA national coordinators meet with Alexander Shchetinin?", "this Thursday"),
        # a state the article names (round 15)
        ("¿En qué estado de México tomó el EZLN el control de 38 municipios?", "estado de Chiapas"),
        # a city, a place and a numbered thing the article gives (round 11)
        ("In which city did state security forces uncover the FLN's structure?", "ciudad de México"),
        ("Where exactly are the Zapatistas located?", "Chiapas"),
        ("¿Dónde tuvo lugar la reunión entre el MST y los zapatistas?", "Southern Mexico"),
        ("When was the Forum of São Paulo founded?", "constituted in 1990"),
        ("When did the Zapatistas release the First Declaration of the Lacandon Jungle?", "One year later"),
        # an occasion answers a bare "when"; the closing words answer what the author asks at the end;
        # a founder named by what they did (round 12)
        ("When did the author first visit the Zapatistas?", "in my first trip to Latin America"),
        # ... from a little behind the best sentence, which has none (round 28)
        ("When did the author visit the Zapatistas?", "in my first trip to Latin America"),
        ("¿Cuándo fue el autor a ver a los zapatistas?", "in my first trip to Latin America"),
        # ... and from further behind when it shares more than the names with the question (round 31)
        ("¿Cuándo visitó el autor el movimiento zapatista?", "in my first trip to Latin America"),
        # ... before a date closer still, which is another event's ("on 17 April")
        ("¿Cuándo tiene más suerte el MST al conseguir tierras?", "when there is a leftist president"),
        ("What does the author invite readers to do at the end of the piece?", "comment section"),
        ("¿Con qué palabras se despide el autor al final del artículo?", "Thanks for reading."),
        ("Who founded the São Paulo Forum?", "Brazilian Workers' Party"),
        ("Who was the Venezuelan minister who visited the MST?", "Elias Jaua"),
        ("Which cities have MST chapters?", "Boston, Chicago"),
        ("Which blog cited the MST–Zapatista meeting as proof of the left's designs?", "Western Hemisphere"),
        ("Which vaccine did ALBA want to acquire from Russia?", "Sputnik"),
        # "name" the verb asks which one is mentioned; what a question sets aside is left out of the
        # search (round 13)
        ("Which Brazilian president does the author name as one under whom the MST gets land?", "Dilma Rousseff"),
        ("Apart from Russia and China, which countries have backed like-minded Latin American governments?", "Iran"),
        # the sentence most like the whole question names the same things ("One year later, the
        # EZLN released the “First Declaration ...”"); the answer is most like what is asked of them
        # (answer.sentence_score's aspect_weight, round 15)
        ("What did the First Declaration instruct about captives and injured people?", "Respect the lives"),
        ("Según la Primera Declaración de la Selva Lacandona, ¿a quién había que entregar a los heridos?", "Red Cross"),
        ("Were the people who founded the EZLN indigenous themselves?", "not at all indigenous"),
        ("What has Moscow offered Havana money for?", "military equipment"),
        ("What halted the government's attacks on the Zapatistas in Chiapas?", "detuvieron los ataques"),
        # a span of time; what an acronym stands for; a passage on words the dictionaries lack;
        # an acronym typed in lower case, spelled out for the dense search (round 18)
        ("¿Cuánto tiempo duró el conflicto armado en Chiapas?", "12 días"),
        ("¿Qué significa la sigla ALBA?", "Bolivarian Alliance for the Peoples of Our America"),
        ("What does MST stand for?", "Landless Workers Movement (MST)"),  # the fourth passage's sentence
        ("¿Qué es la soberanía alimentaria?", "food sovereignty"),
        ("how many members does mst have", "1.5 million members"),
        ("How many members does the MST have?", "1.5 million members"),  # a count of what was asked
        # the sentence after the one naming the topic, in the passage after (round 25)
        ("What contradiction does the author see in grassroots leftists who like Russia?", "Those contradictions"),
        # a party named, from a little further behind the best sentence; the last of the orders, and
        # an order found by its number while its series' introduction is the best sentence (round 30)
        ("¿Con qué partido político colabora el Movimiento de los Trabajadores Sin Tierra?", "Workers Party of Brazil"),
        ("Which right-wing party did the author's previous article focus on?", "party Vox"),
        ("What was the last order given to the EZLN forces in the declaration of war?", "Sixth: Suspend"),
        ("What did the sixth order of the First Declaration demand?", "Sixth: Suspend"),
        # ... asked for as the last of the series (round 32)
        ("¿Qué decía la última de las órdenes que recibió el EZLN en la Primera Declaración?", "Sixth: Suspend"),
        # typed by the noun ending the query, or after a lead-in, and answered by what it asks for (round 42)
        ("Chiapas armed conflict duration", "12 días"),
        ("According to the article, when did the EZLN vote to go on the offensive?", "1993"),
        ("según el autor, quién era el portavoz del EZLN", "Subcomandante Marcos"),
        # what someone said, by a sentence saying it, from a little behind the best one (round 43)
        ("que dijo maduro", "hands off Venezuela"),
        ("What did Maduro say about the threats to Venezuela?", "hands off Venezuela"),
        ("What did Via Campesina say about transnational corporations?", "as a threat"),
    ],
)
def test_a_role_or_event_the_article_gives_is_answered(real_engine: Engine, question: str, named: str) -> None:
    answer = real_engine.ask(question)
    assert answer.answered and any(named in c.quote for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    [
        "At which Mexico City café did the author hear people discussing Russia's benefits?",
        "Where did the author see grassroots leftists talk about Russia challenging the US?",
    ],
)
def test_a_sentence_that_refers_back_is_found_and_quoted_with_the_one_before(
    real_engine: Engine, question: str
) -> None:
    # "They were hosting some movie …" is embedded and quoted after the sentence naming the café (round 32)
    answer = real_engine.ask(question)
    assert answer.answered
    assert "called Rincon Zapatista" in answer.citations[0].quote and "They were hosting" in answer.citations[0].quote


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # "Pero tiempo más tarde ..., terminaron con sus actividades" (the FLN, 1970s) is closer to the
        # whole question; what it asks of Chiapas is closer to the answer (aspect_weight 0.5, round 25)
        ("What stopped the attacks in Chiapas?", "detuvieron los ataques"),
        ("Según la Primera Declaración, ¿a quién debían entregar los heridos?", "International Red Cross"),
    ],
)
def test_the_passage_answering_what_is_asked_of_the_names_is_first(
    real_engine: Engine, question: str, first: str
) -> None:
    assert first in real_engine.search(question, k=1)[0].chunk.text
    answer = real_engine.ask(question)
    assert answer.answered and first in answer.passages[0].chunk.text


def test_an_acronym_the_corpus_defines_finds_the_passages_that_spell_it_out(real_engine: Engine) -> None:
    # the section on the MST says "Landless Workers Movement", never "MST"
    assert "1.5 million members" in real_engine.search("How many members does the MST have?", k=1)[0].chunk.text


def test_a_question_for_a_span_of_time_cites_only_what_gives_one(real_engine: Engine) -> None:
    answer = real_engine.ask("¿Cuánto tiempo duró el conflicto armado en Chiapas?")
    # one quote, the one giving "12 días", cited in pieces of two sentences: nothing else near it
    # (the FLN's end "a principios de los setenta") is cited
    assert answer.citations and "12 días" in answer.citations[0].quote
    text = real_engine.document(answer.citations[0].doc_id).text
    for before, after in itertools.pairwise(answer.citations):
        assert after.doc_id == before.doc_id and not text[before.end : after.start].strip()


def test_with_the_dictionaries_words_are_matched_across_languages(real_engine: Engine) -> None:
    if real_engine.translations is None:
        pytest.skip("Debian's FreeDict dictionaries are not installed (scripts/setup.sh installs them)")
    # "acuerdo" -> "agreement" finds the English passage (round 13)
    answer = real_engine.ask("¿Qué ministro venezolano visitó al MST y sobre qué tema se firmó un acuerdo?")
    assert answer.answered and any("agro-ecology" in c.quote for c in answer.citations)
    # everyday questions whose nearest passages share no word with them (at 0.80 and 0.64 without)
    for question in ("dame una receta de ceviche peruano", "receta fácil de guacamole casero?"):
        assert not real_engine.ask(question).answered, question
    # a passage's words translated into the question's language found false friends in common words
    # ("come" -> "hacer", "how" -> "cuánto", "other" -> "menos", "turn" -> "volver") and answered
    # these (round 26, measured and removed)
    for question in (
        "¿Qué hacer en caso de inundación?",
        "¿Cuántas calorías tiene un café con leche?",
        "¿Cuántas calorías menos tiene un café con leche desnatada?",
        "¿Qué hago si me duele la cabeza y quiero volver al trabajo?",
    ):
        assert not real_engine.ask(question).answered, question


def test_instructions_are_answered_only_by_a_passage_about_what_to_do(real_engine: Engine) -> None:
    if real_engine.translations is None:
        pytest.skip("Debian's FreeDict dictionaries are not installed (scripts/setup.sh installs them)")
    # the Zapatistas' coffee, Mexico's passports: one word in common tells nothing of how (round 37)
    for question in (
        "How do I make cold brew coffee at home?",
        "¿Cómo se prepara un café de olla?",
        "como renovar el pasaporte mexicano",
    ):
        assert not real_engine.ask(question).answered, question
    # helping the MST and its languages: the passage says how
    answer = real_engine.ask("¿Cómo se puede ayudar al MST si hablas otros idiomas?")
    assert answer.answered and any("translators" in c.quote for c in answer.citations)
    # one of the two words naming what is asked about is half of it: "And follow my Twitter here."
    answer = real_engine.ask("How do I follow the author?")
    assert answer.answered and any("Twitter" in c.quote for c in answer.citations)


def test_a_question_translated_whole_finds_the_passage_in_the_other_language(
    real_engine: Engine, real_settings: Settings
) -> None:
    if real_engine.translator is None:
        pytest.skip("Debian's apertium-eng-spa is not installed (scripts/setup.sh installs it)")
    # FreeDict gives "partido" its stem's other words ("partial", "parthian", ...) and has no
    # "colaborar" or "objetivo"; Apertium's translation gives BM25 "party", "collaborates" and
    # "aims" (round 36)
    question = "¿Con qué partido político colabora el MST para conseguir sus objetivos?"
    evidence = "does work with the Workers Party of Brazil to help it achieve its goals"
    assert evidence in real_engine.search(question, k=5)[0].chunk.text
    answer = real_engine.ask(question)
    assert answer.answered and any(evidence in c.quote for c in answer.citations)
    without = Engine(real_settings.model_copy(update={"apertium_modes_dir": None}), embedder=real_engine.embedder)
    assert all(evidence not in hit.chunk.text for hit in without.search(question, k=5))
