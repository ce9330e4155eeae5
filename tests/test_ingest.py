from pathlib import Path

import pytest

from qa.errors import InvalidInput
from qa.ingest import discover, is_byline, load_document, make_document, parse, slugify
from qa.language import LanguageIdentifier
from qa.models import Block

from .conftest import CORPUS, SEED_DOCUMENT


@pytest.fixture(scope="module")
def detect() -> LanguageIdentifier:
    return LanguageIdentifier()


@pytest.fixture(scope="module")
def seed_blocks(detect: LanguageIdentifier) -> list[Block]:
    return parse(load_document(SEED_DOCUMENT, CORPUS), detect)


def _block_containing(blocks: list[Block], needle: str) -> Block:
    matches = [block for block in blocks if needle in block.text]
    assert len(matches) == 1, f"{needle!r} is in {len(matches)} blocks"
    return matches[0]


def test_seed_document_metadata_comes_from_the_sidecar() -> None:
    document = load_document(SEED_DOCUMENT, CORPUS)
    assert document.doc_id == "left-wing-alliance-of-latin-america"
    assert document.title == "The Left-Wing Alliance of Latin America Against the West"
    assert document.site == "All you need to know about Iberian America"
    assert document.published == "2021-10-30"
    assert document.text == SEED_DOCUMENT.read_text(encoding="utf-8")


def test_every_block_round_trips_its_offsets(seed_blocks: list[Block]) -> None:
    text = SEED_DOCUMENT.read_text(encoding="utf-8")
    assert seed_blocks
    for block in seed_blocks:
        assert text[block.start : block.end] == block.text
        assert block.text == block.text.strip()


def test_front_matter_kinds(seed_blocks: list[Block]) -> None:
    kinds = [block.kind for block in seed_blocks[:3]]
    assert kinds == ["site", "title", "byline"]
    assert seed_blocks[2].text.startswith("Published October 30, 2021")


@pytest.mark.parametrize(
    "line",
    [
        "Published October 30, 2021 in News",
        "By Jane Doe",
        "By: Jane Doe",
        "Por Ana Ruiz",
        "Author: Jane Doe",
        "Autora: Ana Ruiz",
        "Text by Jane Doe",
        "2021-10-30",
    ],
)
def test_bylines(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize("line", ["Por eso, nadie vino.", "Por qué importa", "Authorities said so."])
def test_lines_that_are_no_byline(line: str) -> None:
    assert not is_byline(line)


def test_section_headings_are_found_and_assigned(seed_blocks: list[Block]) -> None:
    headings = [block.text for block in seed_blocks if block.kind == "heading"]
    assert headings == [
        "Anyone Want Some Zapatista Coffee?",
        "Via Campesina",
        "Landless Workers Movement of Brazil",
        "The ALBA Alliance",
        "Challenging the US, Neoliberalism & Legacy of Colonialism",
        "The Cold War Importance",
    ]
    assert _block_containing(seed_blocks, "Speaking of rural movements").section == "Via Campesina"
    assert _block_containing(seed_blocks, "oil for doctors").section == "The ALBA Alliance"


def test_a_short_unpunctuated_sentence_is_not_a_heading(seed_blocks: list[Block]) -> None:
    assert _block_containing(seed_blocks, "Por que no te callas").kind == "paragraph"


def test_the_declaration_of_war_quote_spans_seven_paragraphs(seed_blocks: list[Block]) -> None:
    quote = _block_containing(seed_blocks, "Therefore, according to this declaration of war")
    assert quote.kind == "quote"
    assert quote.text.startswith("“Therefore")
    assert quote.text.endswith("controlled by the EZLN.”")
    assert quote.text.count("\n\n") == 6
    assert quote.lang == "en"


def test_the_spanish_chiapas_quote_spans_two_paragraphs_with_straight_quotes(seed_blocks: list[Block]) -> None:
    quote = _block_containing(seed_blocks, "70 mil efectivos")
    assert quote.kind == "quote"
    assert quote.text.startswith('"En el levantamiento de 1994')
    assert "Las movilizaciones de la sociedad civil" in quote.text
    assert quote.text.count("\n\n") == 1
    assert quote.lang == "es"


def test_bullet_list_items(seed_blocks: list[Block]) -> None:
    items = [block.text for block in seed_blocks if block.kind == "list_item"]
    assert items[0] == "Food and Agricultural Organization of the United Nations (FAO)"
    assert "UN Human Rights Council (HRC)" in items
    assert len(items) == 4


def test_page_furniture_is_not_a_block(seed_blocks: list[Block]) -> None:
    texts = [block.text for block in seed_blocks]
    for furniture in ("Best regards,", "No comments yet", "Leave a Reply:"):
        assert furniture not in texts
    assert seed_blocks[-1].text == "Thanks for reading."


def test_the_closing_words_are_a_block_kind_of_their_own(seed_blocks: list[Block]) -> None:
    closing = [block.text for block in seed_blocks if block.kind == "closing"]
    assert closing == [
        "Anyway, if you have any comments, drop them below in the comment section.",
        "And follow my Twitter here.",
        "Thanks for reading.",
    ]
    # the paragraph before them is about the topic, not to the reader
    assert _block_containing(seed_blocks, "I would’ve discussed it in greater detail").kind == "paragraph"


@pytest.mark.parametrize(
    ("ending", "closing"),
    [
        ("Gracias por leer.\n\nSíguenos en Twitter.", 2),
        ("Thank you for reading!\n\nCheers,", 1),  # the salutation is furniture, not indexed
        ("Officials declined to comment.", 0),  # a news story's last line is no sign-off
        ("Officials urged residents to share this information with neighbours.", 0),
        ("Other nations should follow our example, the president said.", 0),
        ("El alcalde dijo que nos vemos obligados a actuar.", 0),
        ("Los comentarios del ministro Pérez fueron claros.", 0),
        ("The minister left without taking any questions.", 0),
        ("Nine countries subscribe to the ALBA charter.", 0),
        ("El ministro escribe sus comentarios en Twitter.", 0),
        ("Thanks for reading.\n\nHope you enjoyed it!", 2),  # a short line after a sign-off ends it too
        ("Gracias por leer.\n\nUn abrazo.", 2),
        ("A short line on the topic.\n\nThanks for reading!", 1),  # but does not start it
        ("Leave your comments below, and subscribe to the newsletter for more on the land reform.", 1),
        # a sign-off is short: a long last paragraph that mentions comments is about the topic
        ("The comment section of the ministry's report " + "says much about land reform. " * 8, 0),
    ],
)
def test_closing_words_are_the_short_last_paragraphs_addressing_the_reader(
    detect: LanguageIdentifier, ending: str, closing: int
) -> None:
    text = "A title\n\nThe land reform changed many things in the region.\n\n" + ending
    blocks = parse(make_document(text, source="post.txt"), detect)
    assert [block.kind for block in blocks].count("closing") == closing
    assert blocks[1].kind == "paragraph"
    for block in blocks:
        assert text[block.start : block.end] == block.text


def test_a_document_of_nothing_but_a_sign_off_keeps_it_as_a_paragraph(detect: LanguageIdentifier) -> None:
    blocks = parse(make_document("Thanks for reading.", source="x.txt"), detect)
    assert [block.kind for block in blocks] == ["paragraph"]


def test_languages_of_blocks(seed_blocks: list[Block]) -> None:
    assert _block_containing(seed_blocks, "Los orígenes político-militares").lang == "es"
    assert _block_containing(seed_blocks, "Technically meaning").lang == "en"
    # a two-word heading takes the document's language rather than a guess
    heading = next(b for b in seed_blocks if b.kind == "heading" and b.text == "Via Campesina")
    assert heading.lang == "en"


def test_markdown_structure(detect: LanguageIdentifier) -> None:
    text = (
        "# Mi título\n\n## Una sección\n\nUn párrafo en español sobre la reforma agraria.\n\n"
        "- uno\n- dos\n\n> Una cita larga de alguien importante."
    )
    document = make_document(text, source="nota.md")
    blocks = parse(document, detect)
    assert [b.kind for b in blocks] == ["title", "heading", "paragraph", "list_item", "list_item", "quote"]
    assert document.title == "Mi título"
    assert blocks[2].section == "Una sección"
    assert blocks[2].lang == "es"
    for block in blocks:
        assert text[block.start : block.end] == block.text


def test_an_unclosed_quote_stays_one_paragraph(detect: LanguageIdentifier) -> None:
    text = "Intro paragraph here.\n\n“An opening quote that never closes.\n\nA normal paragraph after it."
    blocks = parse(make_document(text, source="x.txt"), detect)
    assert [b.kind for b in blocks] == ["paragraph", "quote", "paragraph"]


def test_discover_finds_documents_and_skips_sidecars(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "b.md").write_text("B", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    assert [p.name for p in discover(tmp_path)] == ["a.txt", "b.md"]


def test_invalid_utf8_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 con leche")
    with pytest.raises(InvalidInput, match="not valid UTF-8"):
        load_document(bad, tmp_path)


@pytest.mark.parametrize(
    ("name", "slug"),
    # ids of names with ASCII letters are as they always were (an index, links and --doc use them)
    [("Café Niño – año 2024", "caf-ni-o-a-o-2024"), ("report", "report"), ("Report 東京", "report")],
)
def test_a_doc_id_is_the_name_in_ascii_letters_and_digits(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_names_without_ascii_letters_keep_distinct_doc_ids() -> None:
    # "東京", "Москва", "🙂" and "!!!" were all "document": two such files could not be indexed together
    ids = [slugify(name) for name in ("東京", "Москва", "🙂", "!!!")]
    assert len(set(ids)) == 4 and all(doc_id.startswith("document-") for doc_id in ids)
    assert slugify("東京") == ids[0]  # the same name, the same id: a file edited in place keeps it
