import pytest

from qa.acronyms import Acronym, acronym_asked, defined_acronyms, spelled_out, stands_for, with_acronyms

ARTICLE = (
    "A meeting between the Brazilian NGO, Landless Workers Movement (MST) and the Zapatistas.",
    "With the Food and Agricultural Organization of the United Nations (FAO), the UN Human Rights Council (HRC).",
    "The Alianza Bolivariana para los Pueblos de Nuestra América (ALBA-TCP) grew.",
)


def test_an_acronym_is_defined_by_the_capitalised_name_before_it_in_parentheses() -> None:
    found = defined_acronyms([(text, "en") for text in ARTICLE])
    assert found == {
        "MST": Acronym("Landless Workers Movement", "en"),  # the comma ends the name
        "ALBA-TCP": Acronym("Alianza Bolivariana para los Pueblos de Nuestra América", "en"),  # "The" opens it
        "FAO": Acronym("Food and Agricultural Organization of the United Nations", "en"),
        "HRC": Acronym("UN Human Rights Council", "en"),
    }
    spanish = "se encuentran en las Fuerzas de Liberación Nacional (FLN), siendo esta"
    assert defined_acronyms([(spanish, "es")]) == {"FLN": Acronym("Fuerzas de Liberación Nacional", "es")}


@pytest.mark.parametrize(
    "text",
    [
        "the movement (MST) grew",  # one word names nothing
        "the MST (MST) grew",
        "Considered the largest (in Latin America) movement",  # no acronym inside
        "The Landless Workers Movement (mst) grew",  # an acronym is written in capitals
    ],
)
def test_what_defines_no_acronym(text: str) -> None:
    assert defined_acronyms([(text, "en")]) == {}


def test_acronyms_are_read_in_linear_time() -> None:
    # a search from inside every word took seconds on each of these; a linear scan takes milliseconds
    for text in ("A" * 20000, "Á" * 20000, "A-" * 10000, "Ab " * 7000):
        assert defined_acronyms([(text, "en")]) == {}
        assert not stands_for("MST", text)


def test_the_first_definition_of_an_acronym_counts() -> None:
    texts = [("The Landless Workers Movement (MST) grew.", "en"), ("Movimento dos Sem Terra (MST)", "pt")]
    assert defined_acronyms(texts)["MST"] == Acronym("Landless Workers Movement", "en")


ACRONYMS = {
    "MST": Acronym("Landless Workers Movement", "en"),
    "FLN": Acronym("Fuerzas de Liberación Nacional", "es"),
    "WHO": Acronym("World Health Organization", "en"),  # "who" typed in lower case is a word
}


@pytest.mark.parametrize(
    ("question", "lang", "spelled"),
    [
        ("How big is the MST?", "en", "How big is the MST (Landless Workers Movement)?"),
        ("how many members does mst have", "en", "how many members does mst (Landless Workers Movement) have"),
        ("Is Mst big?", "en", "Is Mst big?"),  # in capitals, unless typed all in lower case
        ("who founded the mst", "en", "who founded the mst (Landless Workers Movement)"),
        # a long form in the other language pulls the question towards that language's passages
        ("In what year did the FLN become the EZLN?", "en", "In what year did the FLN become the EZLN?"),
        ("¿Cuándo se creó la FLN?", "es", "¿Cuándo se creó la FLN (Fuerzas de Liberación Nacional)?"),
        ("Is the MST the Landless Workers Movement?", "en", "Is the MST the Landless Workers Movement?"),
        ("What does the AMST do?", "en", "What does the AMST do?"),  # a whole word only
    ],
)
def test_a_question_spells_out_the_acronyms_defined_in_its_language(question: str, lang: str, spelled: str) -> None:
    assert spelled_out(question, ACRONYMS, lang) == spelled
    assert spelled_out(question, {}, lang) == question


def test_an_acronym_the_question_sets_aside_is_not_spelled_out() -> None:
    question = "Which movement besides the MST did the author visit?"
    assert spelled_out(question, ACRONYMS, "en", besides=("MST",)) == question


@pytest.mark.parametrize(
    ("question", "acronym"),
    [
        ("What does MTST stand for?", "MTST"),
        ("What does the acronym MTST stand for?", "MTST"),
        ("What is the MST short for?", "MST"),
        ("¿Qué significa la sigla ALBA?", "ALBA"),
        ("¿Qué significan las siglas MST?", "MST"),
        ("What does ALBA stand for and what does it focus on?", "ALBA"),
        ("What does the EZLN stand for?", None),  # perhaps what it defends
        ("What does MST mean?", "MST"),
        ("What does MST mean for the landless?", None),
        ("¿Qué significa el MST para los campesinos?", None),
        ("¿Qué significan las siglas del MST?", "MST"),
        ("¿Qué significa EZLN?", "EZLN"),
        ("What does the MST do?", None),
        ("¿Qué significa la soberanía alimentaria?", None),
    ],
)
def test_a_question_asking_what_an_acronym_stands_for(question: str, acronym: str | None) -> None:
    assert acronym_asked(question) == acronym


@pytest.mark.parametrize(
    ("acronym", "text", "says"),
    [
        ("MST", "a meeting between the Brazilian NGO, Landless Workers Movement (MST) and the Zapatistas", True),
        ("ALBA", "Known as the Bolivarian Alliance for the Peoples of Our America, ALBA is an organization", True),
        ("MST", "the MST (Movimento dos Trabalhadores Sem Terra) grew", True),
        ("MST", "MST stands for the movement of the landless", True),
        ("EZLN", "the spokesperson for the EZLN, Subcomandante Marcos, was hesitant", False),
        ("MTST", "Next, when I was visiting the MST and MTST in Brazil", False),
        ("MTST", "the MTST and the Workers Party met", False),
        ("MST", "Landless Workers Movement (FAO)", False),
    ],
)
def test_what_an_acronym_stands_for_is_given_next_to_it(acronym: str, text: str, says: bool) -> None:
    assert stands_for(acronym, text) is says


def test_a_section_name_carries_the_acronyms_of_what_it_names() -> None:
    acronyms = {"MST": Acronym("Landless Workers Movement", "en"), "FAO": Acronym("Food and Agriculture", "en")}
    assert with_acronyms("Landless Workers Movement of Brazil", acronyms) == "Landless Workers Movement of Brazil (MST)"
    assert with_acronyms("The MST and the Landless Workers Movement", acronyms) == (
        "The MST and the Landless Workers Movement"  # it says the acronym already
    )
    assert with_acronyms("Via Campesina", acronyms) == "Via Campesina"
    assert with_acronyms("Landless Workers Movements", acronyms) == "Landless Workers Movements"  # whole words


def test_a_section_names_acronyms_in_its_own_order_whatever_the_order_they_were_read_in() -> None:
    # a loaded index holds its acronyms sorted: the text embedded must not depend on it
    read = {"PT": Acronym("Workers Party", "en"), "MST": Acronym("Landless Workers Movement", "en")}
    loaded = dict(sorted(read.items()))
    topic = "Landless Workers Movement and the Workers Party"
    assert with_acronyms(topic, read) == with_acronyms(topic, loaded) == f"{topic} (MST) (PT)"
    assert with_acronyms("The Workers Partying", read) == "The Workers Partying"
