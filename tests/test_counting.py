from collections.abc import Sequence

import pytest

from qa.counting import Counted, Similarity, counted_in, counted_phrase, counts_asked


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("How many individual farmers does Via Campesina represent?", "individual farmers"),
        ("How many Russian troops were sent to Venezuela?", "Russian troops"),
        ("How many days of fighting were there?", "days of fighting"),
        ("How many Declarations of the Lacandon Jungle have there been?", "Declarations"),
        ("In how many countries does Via Campesina work?", "countries"),
        # Spanish: the noun and its "de" complement, not its adjectives and verb
        ("¿Cuántos barcos de guerra envió Rusia a Venezuela?", "barcos de guerra"),
        ("¿Cuántos buques de guerra rusos han llegado?", "buques de guerra"),
        ("¿De cuántos municipios de Chiapas tomó el control el EZLN?", "municipios de Chiapas"),
        ("cuantos soldados rusos mandaron a venezuela", "soldados"),
        ("¿A cuántos profesionales sanitarios formó Cuba?", "profesionales"),
    ],
)
def test_the_phrase_a_how_many_question_counts(question: str, phrase: str) -> None:
    assert counted_phrase(question) == phrase


@pytest.mark.parametrize(
    "question", ["What did Russia send?", "How many?", "¿Cuántos de los municipios?", "How much did it cost?"]
)
def test_a_question_counting_nothing_named_has_no_phrase(question: str) -> None:
    assert counted_phrase(question) is None


def test_what_the_numbers_of_a_text_count() -> None:
    assert counted_in("Russia sent two nuclear capable bombers to Venezuela.") == Counted(
        ("nuclear", "capable", "bombers"), False
    )
    # past "million", "more than", "de los"; numbers are not what is counted
    assert counted_in("over 1.5 million members") == Counted(("members",), False)
    assert counted_in("182 organizations in 81 countries") == Counted(("organizations", "countries"), False)
    assert counted_in("tomó el control de 38 de los municipios") == Counted(("municipios",), False)
    # a year counts nothing
    assert counted_in("In 1994 the EZLN rose up.") == Counted((), False)


def test_a_count_pointing_back_or_ending_the_sentence_names_nothing() -> None:
    assert counted_in("they’ve had 6 of these up to the point of writing").unnamed
    assert counted_in("By the end of 1994 the municipalities they held were 38.").unnamed


def _similarity(known: dict[tuple[str, str], float]) -> Similarity:
    def similarity(phrase: str, words: Sequence[str]) -> list[float]:
        return [1.0 if phrase == word else known.get((phrase, word), 0.5) for word in words]

    return similarity


def test_a_count_answers_only_when_it_counts_what_was_asked() -> None:
    similarity = _similarity({("soldados", "troops"): 0.91, ("barcos de guerra", "bombers"): 0.85})
    assert counts_asked("soldados", "Russia also sent 1,000 troops to Venezuela", similarity, 0.865)
    assert not counts_asked("barcos de guerra", "Russia sent two bombers to Venezuela", similarity, 0.865)
    # no count at all counts nothing; a count of what the text named before counts it
    assert not counts_asked("soldados", "Russia sent troops to Venezuela", similarity, 0.865)
    assert counts_asked("declarations", "They have had 6 of these.", similarity, 0.865)
