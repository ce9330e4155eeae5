"""Incremental ingestion through the Engine: add, replace, remove, HTML, and upload validation."""

import json
from pathlib import Path

import numpy as np
import pytest

from qa import pipeline
from qa.answer import SentenceCandidate, points_back
from qa.asked import asked_of_names
from qa.embed import HashingEmbedder, TextKind
from qa.engine import Engine, sentence_candidates
from qa.errors import InvalidInput, NotFound, PayloadTooLarge, UnsupportedMediaType
from qa.index import Snapshot
from qa.models import Answer, Chunk, Hit, promoted
from qa.retrieve import retrieve
from qa.settings import Settings, load_settings

NOTE = "# Café de Chiapas\n\nLa cooperativa Yachil vende café orgánico a Alemania desde 1998.\n"


def test_adding_a_document_embeds_only_its_text(fast_engine: Engine, tmp_path: Path) -> None:
    chunks_before = len(fast_engine.snapshot().chunks)
    source = tmp_path / "Café Yachil.md"
    source.write_text(NOTE, encoding="utf-8")
    doc_ids, stats = fast_engine.add_files([source])
    assert doc_ids == ["cafe-yachil"]
    assert 0 < stats.embedded <= 4  # the new chunk and its sentences, nothing else
    assert stats.reused > 100
    snapshot = fast_engine.snapshot()
    assert len(snapshot.chunks) > chunks_before
    assert (fast_engine.settings.corpus_dir / "Cafe-Yachil.md").read_text(encoding="utf-8") == NOTE
    hits = fast_engine.search("cooperativa Yachil café orgánico Alemania", k=1)
    assert hits[0].chunk.doc_id == "cafe-yachil"


def test_the_countries_a_document_mentions_come_and_go_with_it(
    fast_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "PY" not in (fast_engine.snapshot().countries or ())
    read: list[str] = []
    original = pipeline.countries_mentioned

    def reading(text: str) -> frozenset[str]:
        read.append(text)
        return original(text)

    monkeypatch.setattr(pipeline, "countries_mentioned", reading)
    fast_engine.add_uploads([("paraguay.md", b"# Paraguay\n\nLa yerba mate de Paraguay.")])
    assert len(read) == 1 and "yerba mate" in read[0]  # the documents that did not change are not read again
    snapshot = fast_engine.snapshot()
    assert snapshot.document_countries is not None and snapshot.document_countries["paraguay"] == {"PY"}
    assert "MX" in (snapshot.countries or ())
    fast_engine.remove("paraguay")
    assert "PY" not in (fast_engine.snapshot().countries or ())


def test_replacing_keeps_the_doc_id_and_drops_old_text(fast_engine: Engine) -> None:
    fast_engine.add_uploads([("nota.md", b"# Nota\n\nPrimera version del texto sobre maiz.")])
    fast_engine.add_uploads([("nota.md", b"# Nota\n\nSegunda version del texto sobre frijol.")])
    document = fast_engine.document("nota")
    assert "frijol" in document.text and "maiz" not in document.text
    assert all("maiz" not in c.text for c in fast_engine.snapshot().chunks)


def test_remove_deletes_from_both_indexes_and_the_corpus(fast_engine: Engine) -> None:
    fast_engine.add_uploads([("borrar.txt", "Texto único sobre quinoa boliviana.".encode())])
    assert fast_engine.search("quinoa boliviana", k=1)[0].chunk.doc_id == "borrar"
    fast_engine.remove("borrar")
    snapshot = fast_engine.snapshot()
    assert "borrar" not in snapshot.documents
    assert all(c.doc_id != "borrar" for c in snapshot.chunks)
    assert snapshot.lexical.size == len(snapshot.chunks) == snapshot.dense_index.ntotal
    assert not (fast_engine.settings.corpus_dir / "borrar.txt").exists()
    with pytest.raises(NotFound):
        fast_engine.remove("borrar")


def test_html_is_turned_into_text_with_exact_offsets(fast_engine: Engine) -> None:
    html = (
        "<html><head><title>Informe</title><script>alert(1)</script></head><body><nav>menu</nav>"
        "<h2>Reforma agraria</h2><p>El movimiento ocupó <b>tierras</b> improductivas.</p></body></html>"
    )
    (doc_id,), _ = fast_engine.add_uploads([("informe.html", html.encode())])
    document = fast_engine.document(doc_id)
    assert "alert" not in document.text and "menu" not in document.text and "<b>" not in document.text
    hit = fast_engine.search("tierras improductivas", k=1, doc_id=doc_id)[0]
    assert document.text[hit.chunk.start : hit.chunk.end] == hit.chunk.text
    assert hit.chunk.section == "Reforma agraria"


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("virus.exe", b"MZ", UnsupportedMediaType),
        ("bad.txt", b"caf\xe9", InvalidInput),
        ("empty.txt", b"   ", InvalidInput),
        ("big.txt", b"x" * 2048, PayloadTooLarge),
    ],
)
def test_bad_uploads_are_refused_before_anything_is_written(
    fast_engine: Engine, name: str, data: bytes, error: type[Exception]
) -> None:
    engine = Engine(fast_engine.settings.model_copy(update={"max_upload_bytes": 1024}), embedder=fast_engine.embedder)
    before = sorted(p.name for p in engine.settings.corpus_dir.iterdir())
    with pytest.raises(error):
        engine.add_uploads([(name, data)])
    assert sorted(p.name for p in engine.settings.corpus_dir.iterdir()) == before


def test_file_names_never_reach_the_filesystem_unsanitised(fast_engine: Engine) -> None:
    (doc_id,), _ = fast_engine.add_uploads([("../../etc/passwd.txt", b"root text here")])
    assert doc_id == "passwd"
    assert (fast_engine.settings.corpus_dir / "passwd.txt").is_file()
    assert not Path("/etc/passwd.txt").exists()
    (doc_id,), _ = fast_engine.add_uploads([(".hidden.md", b"# Hidden\n\ntext")])
    assert not doc_id.startswith(".")


def test_a_failed_index_restores_the_replaced_file(fast_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_engine.add_uploads([("keep.txt", b"Original text about cacao.")])

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(fast_engine, "_publish", explode)
    with pytest.raises(RuntimeError):
        fast_engine.add_uploads([("keep.txt", b"Replacement that must not survive.")])
    assert (fast_engine.settings.corpus_dir / "keep.txt").read_text() == "Original text about cacao."
    assert "cacao" in fast_engine.document("keep").text


def test_a_question_naming_something_is_embedded_without_its_names_too(fast_engine: Engine) -> None:
    questions = ["what did they ask for", "What did the EZLN ask for?", "EZLN", "Who led the MST?", "What is ALBA?"]
    vectors, aspects = fast_engine._question_vectors(questions, [asked_of_names(q) for q in questions])
    embed = fast_engine.embedder.embed
    assert len(vectors) == 5 and np.allclose(vectors[1], embed([questions[1]], "query")[0])
    assert aspects[0] is None  # it names nothing
    assert aspects[1] is not None and np.allclose(aspects[1], embed(["What did the ask for?"], "query")[0])
    assert aspects[3] is not None and np.allclose(aspects[3], embed(["Who led the?"], "query")[0])
    assert aspects[2] is None and aspects[4] is None  # nothing would be left to ask but "what"
    snapshot = fast_engine.snapshot()
    hit = Hit(snapshot.chunks[0], 0.9, 1, dense_score=0.9)
    [first, *_] = sentence_candidates(snapshot, [hit], vectors[1], aspects[1])
    assert first.aspect_similarity is not None
    assert sentence_candidates(snapshot, [hit], vectors[1])[0].aspect_similarity is None


def recorded_embeddings(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The texts of each call to the engine's embedder from now on."""
    embedded: list[list[str]] = []
    embed = engine.embedder.embed

    def recorded(texts: list[str], kind: TextKind) -> np.ndarray:
        embedded.append(texts)
        return embed(texts, kind)

    monkeypatch.setattr(engine.embedder, "embed", recorded)
    return embedded


QUESTIONS = ["What did the EZLN ask for?", "Who sells Zapatista coffee in Europe?", "what is via campesina"]
# what the first two ask of their names (the third names nothing)
ASPECTS = ["What did the ask for?", "Who sells coffee in ?"]


def test_an_answer_embeds_a_question_naming_something_twice(
    fast_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded = recorded_embeddings(fast_engine, monkeypatch)
    fast_engine.ask_many(QUESTIONS)
    assert embedded == [[*QUESTIONS, *ASPECTS]]


def test_a_search_ranks_first_the_passage_its_answer_quotes(fast_settings: Settings, fast_engine: Engine) -> None:
    # read as an answer reads it whatever the margin, a search ranks the passages as the answer does
    # (the passage quoted first, then the others in their order)
    always = Engine(fast_settings.model_copy(update={"search_aspect_margin": 10.0}), embedder=HashingEmbedder())
    searched = always.search_many(QUESTIONS)
    answers = always.ask_many(QUESTIONS)
    assert [[hit.chunk.chunk_id for hit in hits] for hits in searched] == [
        [hit.chunk.chunk_id for hit in answer.passages] for answer in answers
    ]
    for hits, answer in zip(searched, answers, strict=True):
        assert [hit.rank for hit in hits] == list(range(1, len(hits) + 1))
        if answer.answered:
            assert hits[0].chunk.chunk_id in {citation.chunk_id for citation in answer.citations}
    # the first passage does not depend on how many are asked for
    assert [always.search(question, k=1)[0].chunk.chunk_id for question in QUESTIONS] == [
        hits[0].chunk.chunk_id for hits in searched
    ]


def test_a_search_embeds_a_question_twice_only_when_two_passages_come_close(
    fast_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for margin, second in ((0.0, []), (10.0, [ASPECTS])):
        engine = Engine(fast_settings.model_copy(update={"search_aspect_margin": margin}), embedder=HashingEmbedder())
        engine.build_index()
        embedded = recorded_embeddings(engine, monkeypatch)
        engine.search_many(QUESTIONS)
        # the questions in one batch, then what the close ones ask of their names in another
        assert embedded == [QUESTIONS, *second]


def test_a_search_embeds_what_an_answer_embeds_for_a_question_setting_something_aside(
    fast_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # both read the question without what it sets aside: "which countries backed them?"
    questions = ["Apart from Russia and China, which countries backed the EZLN?"]
    always = Engine(fast_settings.model_copy(update={"search_aspect_margin": 10.0}), embedder=HashingEmbedder())
    always.build_index()
    embedded = recorded_embeddings(always, monkeypatch)
    always.search_many(questions)
    searched = embedded[1:]
    embedded.clear()
    always.ask_many(questions)
    assert [texts[1:] for texts in embedded] == searched == [["which countries backed the ?"]]


def test_the_passage_quoted_comes_first_for_any_k(fast_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # whatever the answer quotes among the first five passages comes first, with k = 1 too
    quoted: list[str] = []

    def quoting_the_fourth(question: str, hits: list[Hit], *rest: object, **keywords: object) -> Answer:
        quoted.append(hits[3].chunk.chunk_id)
        return Answer(question, True, "…", 0.9, (), tuple(promoted(hits, hits[3].chunk.chunk_id)))

    monkeypatch.setattr("qa.engine.extract_answer", quoting_the_fourth)
    question = "Who sells Zapatista coffee in Europe?"
    [one] = fast_engine.search(question, k=1)
    assert one.chunk.chunk_id == quoted[-1] and one.rank == 1
    assert [hit.chunk.chunk_id for hit in fast_engine.ask(question, k=1).passages] == [quoted[-1]]
    assert len(fast_engine.search(question, k=3)) == 3 and len(fast_engine.ask(question, k=7).passages) == 7


def test_aspect_weight_zero_embeds_an_answer_once(fast_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine(fast_settings.model_copy(update={"aspect_weight": 0.0}), embedder=HashingEmbedder())
    engine.build_index()
    assert engine.answer_parameters().aspect_weight == 0.0
    embedded = recorded_embeddings(engine, monkeypatch)
    [answer] = engine.ask_many(["What did the EZLN ask for?"])
    assert embedded == [["What did the EZLN ask for?"]]
    assert answer.passages


def test_sentence_candidates_are_exact_slices_with_their_context(fast_engine: Engine) -> None:
    snapshot = fast_engine.snapshot()
    chunks = [snapshot.chunks[position] for position in range(len(snapshot.chunks))]
    hits = [Hit(chunk, 0.9, rank, dense_score=0.9) for rank, chunk in enumerate(chunks, start=1)]
    vector = np.zeros(snapshot.embeddings.shape[1], dtype=np.float32)
    candidates = sentence_candidates(snapshot, hits, vector, top=len(hits))
    introduced = set()
    for candidate in candidates:
        text = snapshot.documents[candidate.doc_id].text
        assert text[candidate.start : candidate.end] == candidate.text
        assert text[candidate.end : candidate.end + len("".join(candidate.following))] == "".join(candidate.following)
        if candidate.before is not None:
            assert points_back(candidate.text, candidate.lang)
            assert text[candidate.start - len(candidate.before) : candidate.start] == candidate.before
            introduced.add(candidate.start)
    pointing_back = {c.text[:30]: c.start for c in candidates if points_back(c.text, c.lang)}
    assert sorted(pointing_back) == [
        "Consequently, Trotsky took an ",
        "Consequently, the spokesperson",
        # relative clauses written as sentences (round 29)
        "In which their was an agreemen",
        "In which you have right-wing a",
        # sentences opening with a personal pronoun or its possessive (round 32)
        "Their advice is to basically “",
        "They also encourage people to ",
        "They can challenge economic mo",
        "They dislike neoliberal econom",
        "They were hosting some movie a",
        "They work largely to ensure la",
        "They’re not concerned with wor",
        "Where one believed in a more a",
        "Where they basically have alwa",
        "Where they will find some land",
        "Where you, from how I understa",
        "“Therefore, according to this ",
    ]
    # the author's sentence before the declaration's quote is not what its "Therefore" refers to
    assert introduced == {start for opening, start in pointing_back.items() if not opening.startswith("“Therefore")}
    # every copy has it, also where a passage opens with the sentence (passages overlap by one)
    assert all(c.before is not None for c in candidates if c.start in introduced)
    marcos = next(c for c in candidates if c.text.startswith("Consequently, the spokesperson"))
    assert marcos.before is not None and marcos.before.startswith("And, in the context of the next decade")
    hosting = next(c for c in candidates if c.text.startswith("They were hosting"))
    assert hosting.before is not None and hosting.before.startswith(
        "A few years ago, I remember going to a Zapatista café"
    )


def _farm_passages(tmp_path: Path, text: str, chunk_max_chars: int) -> tuple[Snapshot, list[Chunk]]:
    """A corpus of one document, farm.txt, indexed in passages of at most ``chunk_max_chars``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "farm.txt").write_text(text, encoding="utf-8")
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index", chunk_max_chars=chunk_max_chars)
    engine = Engine(settings, embedder=HashingEmbedder())
    engine.build_index()
    snapshot = engine.snapshot()
    return snapshot, [snapshot.chunks[position] for position in range(len(snapshot.chunks))]


def _candidates_of(snapshot: Snapshot, chunk: Chunk) -> list[SentenceCandidate]:
    vector = np.zeros(snapshot.embeddings.shape[1], dtype=np.float32)
    return sentence_candidates(snapshot, [Hit(chunk, 0.9, 1, dense_score=0.9)], vector)


def test_a_passage_opening_with_a_consequence_finds_its_reason_in_the_passage_before(tmp_path: Path) -> None:
    reason = "The harvest failed for the third year running because the rains never came to the valley."
    consequence = "Consequently, the farmers sold their land and moved to the cities in large numbers."
    text = f"Farming\n\nThe valley was once rich and green. {reason} {consequence} Nobody came back.\n"
    snapshot, chunks = _farm_passages(tmp_path, text, 180)
    opening = next(c for c in chunks if text[c.start :].startswith("Consequently"))
    [first, *_] = _candidates_of(snapshot, opening)
    assert first.text.startswith("Consequently") and first.before is not None
    assert first.before.strip() == reason


def test_a_sentence_ending_its_passage_is_followed_into_the_passage_after(tmp_path: Path) -> None:
    opening = "The valley was once rich and green, and its farmers sold maize in every market of the region."
    named = "Of course, some asked whether the farmers understood the contradictions that they hold."
    given = "Those contradictions being that they sold land to the very company they marched against."
    text = f"Farming\n\n{opening} {named} {given} Nobody came back.\n\nMarkets\n\nA new section starts.\n"
    snapshot, chunks = _farm_passages(tmp_path, text, 190)
    ending = next(c for c in chunks if text[c.start : c.end].endswith(named))  # the contradictions are not in it
    last = next(c for c in _candidates_of(snapshot, ending) if c.text == named)
    assert [sentence.strip() for sentence in last.following] == [given, "Nobody came back."]
    assert text[last.end : last.end + len("".join(last.following))] == "".join(last.following)
    # nor into another section
    closing = next(c for c in chunks if text[c.start : c.end].endswith("Nobody came back."))
    [*_, final] = _candidates_of(snapshot, closing)
    assert final.text == "Nobody came back." and final.following == ()


def test_the_sentences_after_are_found_past_a_passage_held_in_the_one_before(tmp_path: Path) -> None:
    # the long sentence after the shared one gets a passage of its own; the passage between holds
    # only the shared sentence, within the one before
    first = "The valley was once rich and green, and its farmers sold their maize in every market there."
    second = "Of course, some of them asked whether the farmers understood what the new contracts meant."
    shared = "Those contracts bound every farmer of the valley to sell the whole harvest to one company."
    long = (
        "Nobody in the valley could have guessed how long the company would keep the prices down, how many "
        "families would leave, how the schools would close one after another, or how the market squares "
        "would empty of everyone but the company's own men."
    )
    text = f"Farming\n\n{first} {second} {shared} {long} Then the rains failed.\n"
    snapshot, chunks = _farm_passages(tmp_path, text, 300)
    assert [chunk.text for chunk in chunks if chunk.text == shared]  # the passage within the one before
    opening = next(chunk for chunk in chunks if chunk.text.startswith(first))
    last = next(c for c in _candidates_of(snapshot, opening) if c.text == shared)
    assert [sentence.strip() for sentence in last.following] == [long, "Then the rains failed."]


def _publication_engine(tmp_path: Path) -> Engine:
    """Two documents: a dated one whose front matter is one short passage among many long ones,
    and one without a byline."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # every body paragraph shares a word with the question, the front matter none
    body = "\n\n".join(f"It was written that the cooperative of valley {n} sells coffee." for n in range(60))
    spanish = "\n\n".join(f"La cooperativa del valle {n} vende café y maíz a los pueblos cercanos." for n in range(20))
    front = "Valleys of Chiapas\n\nPublished March 3, 2020 in Farming"
    (corpus / "valleys.txt").write_text(f"{front}\n\n{body}\n\n{spanish}\n", "utf-8")
    (corpus / "notes.txt").write_text("Field notes\n\nThe rains came late to the valley this year.\n", "utf-8")
    engine = Engine(load_settings(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=HashingEmbedder())
    engine.build_index()
    return engine


def test_a_publication_question_is_answered_from_the_documents_byline(tmp_path: Path) -> None:
    engine = _publication_engine(tmp_path)
    result = engine.ask("When was it written?", doc_id="valleys")
    # ranked by fusion alone, the front matter is not among the passages; for this question it is first
    untied = Engine(engine.settings.model_copy(update={"answer_tie_margin": 0.0}), embedder=engine.embedder)
    plain = retrieve(
        untied.snapshot(),
        "When was it written?",
        engine.embedder.embed(["When was it written?"], "query")[0],
        untied.retrieval_parameters(None, None, "valleys"),
        "en",
    )
    assert all("byline" not in hit.chunk.kind for hit in plain)
    first = engine.search("When was it written?", doc_id="valleys")[0]
    assert "byline" in first.chunk.kind and first.rank == 1
    assert result.answered
    [citation] = result.citations
    assert citation.quote == "Published March 3, 2020 in Farming"
    text = engine.document("valleys").text
    assert text[citation.start : citation.end] == citation.quote
    assert citation.chunk_id in [hit.chunk.chunk_id for hit in result.passages]  # the passage it quotes is listed


def test_a_publication_question_may_name_the_document_by_its_title(tmp_path: Path) -> None:
    engine = _publication_engine(tmp_path)
    result = engine.ask("When was this piece on the valleys of Chiapas written?", doc_id="valleys")
    assert [citation.quote for citation in result.citations] == ["Published March 3, 2020 in Farming"]


def test_a_publication_question_takes_no_date_from_elsewhere(tmp_path: Path) -> None:
    engine = _publication_engine(tmp_path)
    for result in (
        engine.ask("When was it written?", doc_id="notes"),  # no byline in this document
        engine.ask("When was it written?", doc_id="valleys", lang="es"),  # its front matter is English
        engine.ask("When was the coffee of valley 3 sold?", doc_id="valleys"),  # not about the document
    ):
        assert all("Published" not in citation.quote for citation in result.citations)


def test_who_wrote_the_document_is_answered_from_its_byline_however_low_it_ranks(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # every body paragraph shares words with the question ("who", "wrote"), the front matter none
    body = "\n\n".join(f"The farmer who wrote letter {n} asked for water." for n in range(60))
    (corpus / "letters.txt").write_text(f"Letters from the valley\n\nBy Ana Ruiz\n\n{body}\n", "utf-8")
    (corpus / "notes.txt").write_text(
        "Field notes\n\nPublished May 1, 2020\n\nWho wrote these notes is unknown.\n", "utf-8"
    )
    engine = Engine(load_settings(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=HashingEmbedder())
    engine.build_index()
    result = engine.ask("Who wrote this article?", doc_id="letters")
    assert result.answered and [c.quote for c in result.citations] == ["By Ana Ruiz"]
    assert "byline" in result.passages[0].chunk.kind
    unnamed = engine.ask("Who wrote this article?", doc_id="notes")  # its byline names nobody
    assert not unnamed.answered and unnamed.answer is None and unnamed.passages


def test_a_title_question_is_answered_by_the_documents_title(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # every body paragraph shares words with the questions, the front matter few
    body = "\n\n".join(f"The headline of this article is the name of valley {n}, and its title too." for n in range(60))
    (corpus / "valleys.txt").write_text(
        f"Valleys of Chiapas\n\nPublished March 3, 2020 in Farming\n\n{body}\n", "utf-8"
    )
    (corpus / "notes.txt").write_text(f"Field notes\n\n{body}\n", "utf-8")  # a title and no byline
    engine = Engine(load_settings(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=HashingEmbedder())
    engine.build_index()
    untied = Engine(engine.settings.model_copy(update={"answer_tie_margin": 0.0}), embedder=engine.embedder)
    for question, doc_id, title in (
        ("What is the title of this article?", "valleys", "Valleys of Chiapas"),
        ("What is this article called?", "valleys", "Valleys of Chiapas"),
        ("what's the headline of this piece", "notes", "Field notes"),
    ):
        # ranked by fusion alone, the front matter is not among the passages; for this question it is first
        vector = engine.embedder.embed([question], "query")[0]
        plain = retrieve(untied.snapshot(), question, vector, untied.retrieval_parameters(None, None, doc_id), "en")
        assert all(hit.chunk.start != 0 for hit in plain), question
        assert engine.search(question, doc_id=doc_id)[0].chunk.start == 0, question
        result = engine.ask(question, doc_id=doc_id)
        assert result.answered, question
        assert result.confidence == engine.answer_parameters().front_matter_confidence
        assert [(c.start, c.quote) for c in result.citations] == [(0, title)], question
    # a question about something else keeps its own first passage
    assert engine.search("What is the headline of valley 3 called?", doc_id="valleys")[0].chunk.start != 0


def test_a_site_question_is_answered_by_the_documents_site_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "\n\n".join(f"The name of this blog post is the name of valley {n}, and its tagline too." for n in range(60))
    site = "Farm News: all about the valleys"
    (corpus / "valleys.txt").write_text(f"{site}\n\nValleys of Chiapas\n\n{body}\n", "utf-8")
    (corpus / "valleys.meta.json").write_text(json.dumps({"site": site, "title": "Valleys of Chiapas"}), "utf-8")
    (corpus / "notes.txt").write_text(f"Field notes\n\n{body}\n", "utf-8")  # no site line
    engine = Engine(load_settings(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=HashingEmbedder())
    engine.build_index()
    for question in ("What is the name of this blog?", "What's the tagline of the website?"):
        assert engine.search(question, doc_id="valleys")[0].chunk.start == 0, question
        result = engine.ask(question, doc_id="valleys")
        assert result.answered and result.confidence == engine.answer_parameters().front_matter_confidence
        assert [(c.start, c.quote) for c in result.citations] == [(0, site)], question
        unknown = engine.ask(question, doc_id="notes")  # no site line: answered, if at all, as any question
        assert unknown.confidence < engine.answer_parameters().front_matter_confidence, question
