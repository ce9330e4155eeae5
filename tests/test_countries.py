import pytest

from qa.countries import countries_named, mentions_country


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("How many Cuban doctors were sent to Bolivia?", {"CU", "BO"}),  # a demonym and a name
        ("¿Cuántos barriles le envía Venezuela a Nicaragua?", {"VE", "NI"}),
        ("la reacción del Ejército Mexicano.", {"MX"}),
        ("Brasil", {"BR"}),
        ("the Brazilian embassy", {"BR"}),
        ("Spain, Spanish, España", {"ES"}),
        ("Estados Unidos", {"US"}),  # several words
        ("the United States", {"US"}),
        ("sanctions by the US and EE.UU. and the U.S.", {"US"}),  # abbreviations, as written
        ("Myanmar", {"MM"}),  # CLDR says "Myanmar (Burma)"
        ("Latin American left-wing alliances", set()),
        ("how many of us were there", set()),  # a pronoun
        ("the ALBA alliance", set()),  # not Albania
        ("the children of the valley", set()),  # not Chile
        ("the West and the Global South", set()),
        # common words and names that are also countries' names, written as words
        ("¿Cuándo fue la reunión telemática?", set()),  # not Réunion
        ("Un jersey de lana y chiles en nogada con una granada", set()),
        ("how many cuban doctors were sent to bolivia", {"CU", "BO"}),  # no capitals at all: any word
        ("LET US KNOW", set()),  # capitals, not the United States
        ("Diego García and the Canarias", set()),  # CLDR territories that are no country
    ],
)
def test_countries_named(text: str, countries: set[str]) -> None:
    assert countries_named(text) == countries


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("RU", "Moscú envió 1.000 soldados rusos"),
        ("VE", "unos 260.000 venezolanos"),
        ("US", "los médicos estadounidenses"),
        ("US", "EE UU"),
        ("GB", "las tropas británicas"),
        ("NL", "Dutch farmers"),
        ("TR", "Turkey"),  # CLDR says "Türkiye"
        ("MX", "el ejército mexicano"),
    ],
)
def test_a_country_is_mentioned_in_any_form(code: str, text: str) -> None:
    assert mentions_country(code, text)


def test_a_country_is_not_mentioned_by_another() -> None:
    assert not mentions_country("BO", "Cuba provided Venezuela with 31,000 Cuban doctors.")
    assert not mentions_country("NI", "Venezuela provided Cuba with 100,000 barrels of oil per day.")
