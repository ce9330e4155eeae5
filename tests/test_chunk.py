import itertools
import statistics

import pytest

from qa import chunk as chunk_module
from qa.chunk import (
    ChunkingParameters,
    chunk_document,
    page_part,
    refers_back,
    sentence_embedding_text,
    sentence_topic,
)
from qa.ingest import load_document, make_document, parse
from qa.language import LanguageIdentifier
from qa.models import Chunk
from qa.sentences import SentenceSplitter, train_parameters

from .conftest import CORPUS, SEED_DOCUMENT

PARAMS = ChunkingParameters(max_chars=700, overlap_sentences=1, quote_max_chars=1400)


@pytest.fixture(scope="module")
def seed_chunks() -> list[Chunk]:
    document = load_document(SEED_DOCUMENT, CORPUS)
    splitter = SentenceSplitter(train_parameters([document.text]))
    return chunk_document(document, parse(document, LanguageIdentifier()), splitter.spans, PARAMS)


def test_every_chunk_round_trips_its_offsets(seed_chunks: list[Chunk]) -> None:
    text = SEED_DOCUMENT.read_text(encoding="utf-8")
    for chunk in seed_chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        for start, end in chunk.sentences:
            assert chunk.start <= start < end <= chunk.end


def test_chunks_are_bounded_and_small(seed_chunks: list[Chunk]) -> None:
    for chunk in seed_chunks:
        limit = PARAMS.quote_max_chars if "quote" in chunk.kind else PARAMS.max_chars
        # a single sentence longer than the limit is the only way to exceed it
        assert len(chunk.text) <= limit or len(chunk.sentences) == 1
    assert statistics.median(len(c.text) for c in seed_chunks) <= 1200


def test_chunks_never_cross_a_section(seed_chunks: list[Chunk]) -> None:
    text = SEED_DOCUMENT.read_text(encoding="utf-8")
    for heading in ("\n\nVia Campesina\n\n", "\n\nThe ALBA Alliance\n\n"):
        position = text.index(heading)
        for chunk in seed_chunks:
            assert not (chunk.start < position < chunk.end), chunk.chunk_id


def test_quotes_that_fit_are_kept_whole(seed_chunks: list[Chunk]) -> None:
    quote = next(c for c in seed_chunks if "70 mil efectivos" in c.text)
    assert quote.kind == "quote"
    assert quote.text.startswith('"En el levantamiento') and quote.text.endswith('militares o paramilitares."')
    assert quote.lang == "es"
    war = next(c for c in seed_chunks if "Therefore, according to this declaration" in c.text)
    assert war.text.endswith("controlled by the EZLN.”")


def test_a_quote_carries_its_lead_in_as_context_only(seed_chunks: list[Chunk]) -> None:
    quote = next(c for c in seed_chunks if "oil for doctors" in c.text)
    assert "Cuba would send doctors over" in quote.context
    assert "Cuba would send doctors over" not in quote.text
    assert quote.section == "The ALBA Alliance"
    assert quote.embedding_text.endswith(quote.text)


def test_windows_overlap_by_one_sentence(seed_chunks: list[Chunk]) -> None:
    paragraphs = [
        c for c in seed_chunks if c.kind == "paragraph" and c.section == "Landless Workers Movement of Brazil"
    ]
    assert len(paragraphs) >= 3
    for first, second in itertools.pairwise(paragraphs):
        if first.end > second.start:  # consecutive windows of one run share exactly one sentence
            assert first.sentences[-1] == second.sentences[0]


def test_the_front_matter_and_the_closing_words_are_passages_that_say_what_they_are(
    seed_chunks: list[Chunk],
) -> None:
    front, closing = seed_chunks[0], seed_chunks[-1]
    assert front.text.startswith("All you need to know about Iberian America") and "Top of the page" in front.context
    assert closing.kind == "closing"
    assert closing.text == (
        "Anyway, if you have any comments, drop them below in the comment section.\n\n"
        "And follow my Twitter here.\n\nThanks for reading."
    )
    assert "sign-off" in closing.context and closing.section is not None and closing.section not in closing.context
    # the passage before them ends with the topic's last paragraph
    assert seed_chunks[-2].text.endswith("given its importance to left-leaning politics in Latin America.")
    # a bare sentence of them is embedded with what they are, any other with its section
    topic = sentence_topic(closing)
    assert topic is not None and "sign-off" in topic
    assert sentence_topic(seed_chunks[-2]) == seed_chunks[-2].section


def test_what_is_embedded_for_the_page_parts_is_part_of_the_chunking_parameters() -> None:
    # vectors of an index embedded with other page-part wording are not reused (pipeline._previous_vectors)
    assert PARAMS.as_dict()["page_parts"] == chunk_module._PAGE_PARTS_DIGEST
    assert page_part(["site", "title", "byline"]) == "Top of the page: site name, title, publication line"
    assert page_part(["title"]) == "Top of the page: title"
    assert page_part(["closing"]) == chunk_module._CLOSING
    assert page_part(["paragraph"]) is None


def test_a_long_quote_is_split_into_sentence_windows() -> None:
    sentence = "Esta es una frase bastante larga dentro de una cita que no cabe entera. "
    text = "Intro.\n\n“" + sentence * 40 + "Fin.”\n\nDespués."
    document = make_document(text, source="larga.txt")
    splitter = SentenceSplitter(train_parameters([text]))
    chunks = chunk_document(document, parse(document, LanguageIdentifier()), splitter.spans, PARAMS)
    quotes = [c for c in chunks if c.kind == "quote"]
    assert len(quotes) > 1
    assert all(len(c.text) <= PARAMS.max_chars for c in quotes)
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text


def test_each_sentence_keeps_the_language_it_is_written_in(seed_chunks: list[Chunk]) -> None:
    # the Spanish caption under an English paragraph run is a Spanish sentence in an English chunk
    caption = next(c for c in seed_chunks if "Por que no te callas" in c.text)
    assert caption.lang == "en"
    at = caption.start
    langs = {caption.text[s - at : e - at]: caption.sentence_lang(n) for n, (s, e) in enumerate(caption.sentences)}
    assert langs["Por que no te callas rey a chavez"] == "es"
    assert langs["As you can see here between Chavez and the King of Spain."] == "en"
    # a chunk in one language stores none: each sentence has the chunk's
    plain = next(c for c in seed_chunks if "Por que" not in c.text and c.lang == "en")
    assert plain.sentence_langs == ()
    assert {plain.sentence_lang(n) for n in range(len(plain.sentences))} == {"en"}
    assert all(len(c.sentence_langs) in (0, len(c.sentences)) for c in seed_chunks)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("They were hosting some movie and quite a few folks got into a discussion about Russia.", "en"),
        ("Their advice is to basically “spread the word.”", "en"),
        ("“He never came back,” she said.", "en"),
        ("Ellas decidieron su autogobierno.", "es"),
        ("Él no volvió.", "es"),
        ("Sus sobrevivientes no se dieron por vencidos.", "es"),
    ],
)
def test_a_sentence_opening_with_a_personal_pronoun_refers_back(sentence: str, lang: str) -> None:
    assert refers_back(sentence, lang)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("It’s been a little while since I’ve looked into this topic.", "en"),  # an empty "it"
        ("It initially served as a defensive organization.", "en"),
        ("Theory aside, the Zapatistas sell coffee.", "en"),
        ("Here’s a photo I took of the museum of Trotsky actually.", "en"),
        ("El Ejercito zapatista solo daría protección.", "es"),  # the article, not "él"
        ("He visitado el movimiento dos veces.", "es"),  # "I have visited"
        ("Susana visited the movement.", "en"),
        ("Their advice is to spread the word.", "pt"),  # a language without a list
    ],
)
def test_other_openings_do_not_refer_back(sentence: str, lang: str) -> None:
    assert not refers_back(sentence, lang)


def test_a_sentence_that_refers_back_is_embedded_after_the_one_before() -> None:
    before = "I went to a Zapatista café in Mexico City."
    hosting = "They were hosting some movie."
    assert sentence_embedding_text(hosting, "en", "Russia", before) == f"Russia: {before} {hosting}"
    assert sentence_embedding_text(hosting, "en", None, before) == f"{before} {hosting}"
    # any other sentence is embedded with its topic alone, whatever comes before it
    assert sentence_embedding_text("The movie was long.", "en", "Russia", before) == "Russia: The movie was long."
    assert sentence_embedding_text(hosting, "en", "Russia") == f"Russia: {hosting}"
    assert sentence_embedding_text("He visitado el café.", "es", None, before) == "He visitado el café."
