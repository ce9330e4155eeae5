import pytest

from qa.voice import asks_about_author, first_person


@pytest.mark.parametrize(
    "question",
    [
        "What did the author see in Mexico City?",
        "Why does the author's knowledge of the MST fall short?",
        "How much has the writer published on the Zapatistas?",
        "¿Qué movimiento visitó el autor en Brasil?",
        "¿Qué opina la autora de Rusia?",
    ],
)
def test_questions_about_the_author(question: str) -> None:
    assert asks_about_author(question)


@pytest.mark.parametrize(
    "question",
    [
        "What did the Mexican authorities do?",  # not the author
        "Is Russia an authoritarian government?",
        "Who founded the MST?",
        "¿Qué autoridades detuvieron los ataques?",
    ],
)
def test_questions_not_about_the_author(question: str) -> None:
    assert not asks_about_author(question)


@pytest.mark.parametrize(
    "text",
    [
        "I visited the movement in my first trip to Latin America ever.",
        "Given that I’ve written a few hundred pages on this topic.",
        "My impression was different.",
        "They told me about it.",
        "Yo estuve allí con mis amigos.",
        "Para mí es claro.",
        "Then I went home.",
    ],
)
def test_first_person_text(text: str) -> None:
    assert first_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "Well, as we said, the MST is part of Via Campesina.",  # the editorial "we" is not the author's experience
        "We give our military forces, the EZLN, the following orders.",
        "In 1993, they voted to turn the EZLN into an offensive organization.",
        "World War II and the IMF.",  # capital I inside words and acronyms
        "World War I ended in 1918.",  # a numeral
        "Part I: The Uprising",
        "Marcos said: “I will not surrender.”",  # someone else's words, quoted
    ],
)
def test_not_first_person_text(text: str) -> None:
    assert not first_person(text)
