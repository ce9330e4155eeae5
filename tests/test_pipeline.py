from pathlib import Path

import numpy as np

from qa.chunk_table import sentence_rows
from qa.embed import HashingEmbedder
from qa.engine import Engine
from qa.pipeline import sentence_embedding_texts, snapshot_sentence_texts
from qa.settings import Settings

CAFE = "A few years ago, I remember going to a Zapatista café in Mexico City called Rincon Zapatista"


def test_every_sentence_has_one_text_in_the_order_of_its_vectors(fast_engine: Engine) -> None:
    snapshot = fast_engine.snapshot()
    texts = snapshot_sentence_texts(snapshot)
    assert len(texts) == len(snapshot.sentence_embeddings) == len(sentence_rows(snapshot.chunks))
    chunk = next(c for c in snapshot.chunks if "They were hosting some movie" in c.text)
    rows = snapshot.chunks.sentence_rows_of(chunk)
    hosting = next(
        n
        for n, (start, _) in enumerate(chunk.sentences)
        if snapshot.documents[chunk.doc_id].text[start:].startswith("They")
    )
    # the café is named in one paragraph, what happened there told in the next
    assert texts[rows[hosting]] == (
        f"{chunk.section}: {CAFE} as I was writing something on the movement. They were hosting some movie and "
        "quite a few folks got into a discussion about Russia and its benefits in challenging the US."
    )
    # the sentence before is embedded as it was: it does not refer back
    assert texts[rows[hosting - 1]] == f"{chunk.section}: {CAFE} as I was writing something on the movement."


def _sentence_texts_with(settings: Settings, document: str | None, acronyms: bool = True) -> list[str]:
    """The sentence texts of the corpus indexed with ``document`` added as notes.md (None: as it is)."""
    if document is not None:
        Path(settings.corpus_dir, "notes.md").write_text(document, encoding="utf-8")
    engine = Engine(settings, embedder=HashingEmbedder())
    engine.build_index()
    snapshot = engine.snapshot()
    if not acronyms:
        return sentence_embedding_texts(snapshot.chunks, snapshot.documents, {})
    return snapshot_sentence_texts(snapshot)


def test_a_sentence_is_not_read_after_one_of_another_section_or_kind_of_block(
    fast_settings: Settings,
) -> None:
    texts = _sentence_texts_with(
        fast_settings,
        "# Notes\n\n## Coffee\n\nThe Zapatistas sell coffee. They ship it to Germany.\n\n"
        "## Cinema\n\nThey were hosting a movie.\n\n"
        'As one of the growers put it:\n\n"Their coffee is the best. We sell it everywhere."\n',
    )
    assert "Coffee: The Zapatistas sell coffee. They ship it to Germany." in texts
    assert "Cinema: They were hosting a movie." in texts  # a new section: nothing before it there
    # only blank space stands between the words introducing a quote and the quote, but the quote is
    # another kind of block: its "Their" is the speaker's
    (quoted,) = [text for text in texts if "Their coffee is the best" in text]
    assert "As one of the growers put it" not in quoted


def test_a_section_named_for_an_abbreviated_organisation_gives_its_sentences_the_acronym(
    fast_settings: Settings,
) -> None:
    texts = _sentence_texts_with(
        fast_settings,
        "# Brazil\n\n## Landless Workers Movement of Brazil\n\nWith over 1.5 million members, it is large.\n\n"
        "The Brazilian NGO, Landless Workers Movement (MST), met the Zapatistas.\n\n"
        "## Coffee\n\nThe Zapatistas sell coffee.\n",
    )
    assert "Landless Workers Movement of Brazil (MST): With over 1.5 million members, it is large." in texts
    assert "Coffee: The Zapatistas sell coffee." in texts  # a section naming nothing abbreviated
    assert "Landless Workers Movement of Brazil: With over 1.5 million members, it is large." in _sentence_texts_with(
        fast_settings, None, acronyms=False
    )


def test_a_section_is_embedded_again_when_the_acronym_it_names_comes_or_goes(fast_settings: Settings) -> None:
    corpus = Path(fast_settings.corpus_dir)
    (corpus / "section.md").write_text(
        "# Chiapas\n\n## Coffee Growers Union of Chiapas\n\nWith over 900 members, it is large.\n",
        encoding="utf-8",
    )
    definition = corpus / "definition.md"
    embedder = HashingEmbedder()
    engine = Engine(fast_settings, embedder=embedder)
    for step in ("without", "defined", "removed"):
        if step == "defined":
            definition.write_text("# Note\n\nThe local Coffee Growers Union (CGU) met today.\n", encoding="utf-8")
        if step == "removed":
            definition.unlink()
        engine.build_index()  # incremental: vectors of unchanged texts are reused
        snapshot = engine.snapshot()
        texts = snapshot_sentence_texts(snapshot)
        assert any(text.startswith("Coffee Growers Union of Chiapas (CGU):") for text in texts) is (step == "defined")
        # every sentence's vector is its current text's, none left from the step before
        assert np.allclose(snapshot.sentence_embeddings, embedder.embed(texts, "passage"), atol=1e-6), step
