import pytest

from qa.countries import (
    countries_mentioned,
    countries_named,
    countries_of_word,
    forms_a_country,
    mentions_countries,
    names_city,
    names_only_unknown_countries,
    names_place,
    names_subdivision,
    names_unknown_country,
)


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("How many Cuban doctors were sent to Bolivia?", {"BO"}),  # a name, not a demonym
        ("¿Cuántos barriles le envía Venezuela a Nicaragua?", {"VE", "NI"}),
        ("Brasil", {"BR"}),
        ("the Brazilian embassy", set()),
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
        ("how many doctors did cuba send to bolivia", {"CU", "BO"}),  # no capitals at all: any word
        # part of a longer name, a currency, a person
        ("New Mexico officials met in Mexico City.", set()),
        ("Pekín prestó a Quito US$ 18.000 millones.", set()),
        ("When did Pope Francis travel to Cuba?", {"CU"}),
        ("Chad Smith played in Georgia Tech.", set()),
        ("Doctors went to Bolivia. The next year, more.", {"BO"}),  # a sentence ends after the name
        ("Cuba’s president and the Venezuela-Cuba deal", {"CU", "VE"}),
        ("LET US KNOW", set()),  # capitals, not the United States
        ("CONTACT US", set()),
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
        ("MX", "la reacción del Ejército Mexicano."),
        ("BR", "the Brazilian embassy"),
        ("RU", "la URSS envió 40.000 soldados a Cuba"),
        ("RU", "the Soviet Union"),
        ("BO", "Havana sent 2,000 doctors to La Paz"),
        ("KP", "North Korean troops"),
        ("SV", "Salvadoran farmers"),
    ],
)
def test_a_country_is_mentioned_in_any_form(code: str, text: str) -> None:
    assert mentions_countries({code}, text)


def test_a_country_is_not_mentioned_by_another() -> None:
    assert not mentions_countries({"BO"}, "Cuba provided Venezuela with 31,000 Cuban doctors.")
    assert not mentions_countries({"NI"}, "Venezuela provided Cuba with 100,000 barrels of oil per day.")
    # every one of them
    assert mentions_countries({"CU", "VE"}, "Cuba provided Venezuela with doctors.")
    assert not mentions_countries({"CU", "BO"}, "Cuba provided Venezuela with doctors.")
    # words that merely begin like a short name
    assert not mentions_countries({"PE"}, "pero no a otros países") and not mentions_countries({"CO"}, "colonial")


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("that started in Mons, Belgium", True),
        ("a Zapatista café in Mexico City", True),
        ("su estructura en la ciudad de México", True),
        ("the summit was held in the city of Caracas", True),
        ("desde São Paulo", True),
        # a country's name inside a city's; a list; a capital named; "-based"; a possessive
        ("in Santiago de Chile", True),
        ("in Port of Spain", True),
        ("chapters in cities like Boston, Chicago", True),
        ("in the Venezuelan capital, Caracas", True),
        ("the Caracas-based channel", True),
        ("in Brazil’s São Paulo", True),
        # countries, regions, a country with a direction, a name after "the"
        ("in Venezuela and in Latin America", False),
        ("en Latinoamérica y el Caribe", False),
        ("in Southern Mexico", False),
        ("in Mexico’s south", False),
        ("en Estados Unidos", False),
        ("in Turkey and in England", False),  # called otherwise than by CLDR
        # acronyms; people named after "like"
        ("in ALBA and in USA", False),
        ("leaders like Hugo Chavez", False),
        # months, languages, "The" before a name
        ("in January 2013", False),
        ("in Spanish and English", False),
        ("published in The Guardian", False),
        ("in the Cold War", False),
        ("the Brazilian Embassy", False),
    ],
)
def test_a_city_is_named_as_where_something_is(text: str, city: bool) -> None:
    assert names_city(text) is city


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("in Latin America", True),
        ("in the US", True),
        ("in the Lacandon Jungle", True),
        ("in southern Mexico", True),
        ("that started in Mons, Belgium", True),
        ("in Spanish", False),
        ("in January", False),
        ("in The Guardian", False),
        ("in ALBA", False),
    ],
)
def test_a_place_is_named_as_where_something_is(text: str, place: bool) -> None:
    assert names_place(text) is place


@pytest.mark.parametrize(
    ("text", "subdivision"),
    [
        ("el EZLN tomó el control de 38 municipios en el estado de Chiapas", True),
        ("reorganizarse e instalarse en 1983 en Chiapas", True),
        ("the state of São Paulo", True),
        ("that started in Mons, Belgium", True),  # a city is somewhere within a country too
        # a country's adjective or a direction between; a direction before the name (review)
        ("in the Brazilian state of Paraná", True),
        ("en el estado brasileño de Paraná", True),
        ("in the southern state of Rio Grande do Sul", True),
        ("in southern Chiapas", True),
        # a country, a region, a country with a direction, a name after "the", an embassy
        ("in Brazil and in Latin America", False),
        ("in southern Brazil", False),
        ("in the Cold War", False),
        ("in the Lacandon Jungle", False),
        ("pressure the Brazilian Embassy for change", False),
        ("in January", False),
        # people and institutions after "from" and "at"
        ("a letter from Subcomandante Marcos", False),
        ("He studied at Harvard", False),
    ],
)
def test_a_state_is_named_as_where_something_is(text: str, subdivision: bool) -> None:
    assert names_subdivision(text) is subdivision


def test_a_word_forms_a_country_by_its_name_or_adjective() -> None:
    assert all(forms_a_country(word) for word in ("Brazil", "Brazilian", "mexicano", "brasileño", "Cuban", "US"))
    assert not any(forms_a_country(word) for word in ("Bolivarian", "Andean", "Member", "NATO", "ALBA", "vecinos"))


def test_a_word_names_the_countries_it_is_a_form_of() -> None:
    assert countries_of_word("Brazilian") == {"BR"} and countries_of_word("colombiano") == {"CO"}
    assert countries_of_word("Perú") == {"PE"} and countries_of_word("Peruvian") == {"PE"}
    # demonyms that share too little of their country's name to be read as its form
    assert countries_of_word("Spanish") == {"ES"} and countries_of_word("Portuguese") == {"PT"}
    assert countries_of_word("Argentine") == {"AR"} and countries_of_word("Brazil's") == {"BR"}
    # a region's word is no country's: "Latin American" is not the United States
    assert not any(countries_of_word(word) for word in ("American", "Latin", "Workers", "Socialist", "party"))
    assert countries_of_word("US") == {"US"} and not countries_of_word("us")
    # only a demonym more often the country's than a language's or a region's: not "Korean"
    assert not mentions_countries(["KR"], "North Korean troops")


def test_the_countries_a_corpus_mentions_are_read_in_any_form() -> None:
    text = "Cuban doctors arrived in Caracas. The Kremlin sent bombers. Turkey too. los rusos y el Reino Unido"
    assert countries_mentioned(text) == {"CU", "VE", "RU", "TR", "GB"}  # CLDR says "Türkiye"
    assert countries_mentioned("That is quite a lot.") == frozenset()  # no "Quito": not capitalised


def test_a_question_naming_only_countries_the_corpus_does_not_mention() -> None:
    known = frozenset({"CU", "VE", "BE", "TR"})
    assert names_only_unknown_countries("What is the GDP of Argentina?", known)
    assert not names_only_unknown_countries("How many doctors did Cuba send to Venezuela?", known)
    assert not names_only_unknown_countries("¿Se vende café zapatista en Turquía?", known)
    # a choice or a comparison names a country the corpus mentions too
    assert not names_only_unknown_countries("Did Via Campesina start in France or Belgium?", known)
    # without capitals, "chile" may be a pepper and "ecuador" the line
    assert not names_only_unknown_countries("partido del peru en el foro", known)
    assert not names_only_unknown_countries("café con chile", known)
    # names that are also everyday words; several words need capitals too
    assert not names_only_unknown_countries("Reunión del MST con los zapatistas", known)
    assert not names_only_unknown_countries("¿Era Marcos el salvador de los indígenas?", known)
    assert names_only_unknown_countries("¿Qué pasó en El Salvador?", known)
    # set aside, or offered as a choice
    assert not names_only_unknown_countries("Which ALBA countries besides Ecuador does the article name?", known)
    assert not names_only_unknown_countries("Sin contar a Ecuador, ¿qué países destacan en el ALBA?", known)
    assert not names_only_unknown_countries("Rather than Colombia, which country did Trump consider?", known)
    assert not names_only_unknown_countries("Was Trotsky killed in Mexico City or in Norway?", known)
    assert names_only_unknown_countries("What is the GDP of Argentina or Chile?", known)


def test_a_question_naming_a_country_the_corpus_does_not_mention_beside_ones_it_does() -> None:
    known = frozenset({"CU", "VE", "BE", "CN", "RU", "MX"})
    assert names_unknown_country("What is the GDP of Argentina?", known)  # only unknown ones
    assert names_unknown_country("What is the relationship between Colombia and Venezuela?", known)
    assert names_unknown_country("¿Qué relación tiene Perú con China?", known)
    # in lower case, a name is a country beside a known one
    assert names_unknown_country("que relacion tiene chile con china", known)
    assert not names_unknown_country("café con chile", known)
    # a choice, a comparison or a country set aside
    for question in (
        "Did Via Campesina start in France or Belgium?",
        "did via campesina start in france or belgium",
        "Is Cuba closer to Russia than Chile is?",
        "¿Es Venezuela más cercana a Rusia que Colombia?",
        "Apart from Ecuador, which countries joined Cuba and Venezuela?",
        "Like Argentina, does Mexico sell coffee?",
    ):
        assert not names_unknown_country(question, known), question
    assert not names_unknown_country("How many doctors did Cuba send to Venezuela?", known)
    # named in passing, not asked about: only relations between countries are (review)
    assert not names_unknown_country("What did Russia send to Venezuela, a country bordering Colombia?", known)
    assert not names_unknown_country("how many cuban doctors did cuba send to venezuela and peru", known)


def test_several_words_name_a_country_with_capitals_in_a_text_with_capitals() -> None:
    assert countries_named("¿Quién era el salvador de los indígenas?") == frozenset()
    assert countries_named("Aid reached El Salvador and Costa Rica.") == {"SV", "CR"}
    assert countries_named("aid reached el salvador") == {"SV"}  # a text without capitals
    assert countries_named("ciudades de estados unidos con capítulos del MST") == {"US"}  # only an acronym
