import pytest

from qa.which_one import (
    LAST,
    about_another_numbered,
    introduces_series,
    item_number,
    leaves_unnamed,
    named_kind_asked,
    names_given,
    names_in,
    numbered,
)

SIXTH = (6, "declar")
FIRST = "One year later, the EZLN released the “First Declaration of the Lacandon Jungle” as you can read here."


def test_the_numbered_things_a_text_names() -> None:
    assert numbered("When was the Sixth Declaration of the Lacandon Jungle released?") == [SIXTH]
    assert numbered("¿Cuándo se publicó la Sexta Declaración?") == [SIXTH]  # either language
    assert numbered("the mandate of the XIX Summit, the 3rd Congress, la 2da Reunión") == [
        (19, "summit"),
        (3, "congress"),
        (2, "meeting"),
    ]
    # series nouns are one across languages; an acronym before the noun is skipped
    assert numbered("la XVIII Cumbre del ALBA") == [(18, "summit")]
    assert numbered("the 18th ALBA Summit") == [(18, "summit")]
    # an ordinal without an article is an adverb; "I" is a pronoun; a number alone numbers nothing
    assert numbered("When did the EZLN first declare war?") == []
    assert numbered("I think they had 6 of these") == []
    assert numbered("When did the EZLN first release the Sixth Declaration?") == [SIXTH]
    assert numbered("the first one") == []  # a noun of three letters names no series
    # one Roman letter after an article; a Roman numeral after its noun, as Spanish writes centuries
    assert numbered("la V Cumbre del ALBA") == [(5, "summit")]
    assert numbered("the 21st century and el siglo XXI") == [(21, "century"), (21, "century")]
    # a possessive names one too; a contraction does not, nor does it hide the one after it
    assert numbered("What was the EZLN's fifth order?") == [(5, "order")]
    assert numbered("the Zapatistas' Sixth Declaration") == [SIXTH]
    assert numbered("What's the first order?") == [(1, "order")]
    # opening a query typed in keywords, the article is often dropped
    assert numbered("First order of the Lacandon Jungle declaration") == [(1, "order")]
    assert numbered("sexta declaración fecha") == [SIXTH]
    assert numbered("First, the EZLN took seven municipalities") == []
    # after an opening quotation mark or question mark, the article is read as before
    assert numbered("“The Sixth Declaration of the Lacandon Jungle” was released.") == [SIXTH]
    assert numbered("¿La Sexta Declaración cuándo se publicó?") == [SIXTH]
    # an ordinal in brackets after the article, or after a word for a place in the series, stands
    # for the number; after another word, that word may be the noun
    assert numbered("What was the last (sixth) order of the First Declaration?") == [(6, "order"), (1, "declar")]
    assert numbered("¿Qué pedía la última (sexta) orden?") == [(6, "order")]
    assert numbered("the (6th) order and the (VI) Summit") == [(6, "order"), (6, "summit")]
    assert numbered("the last (Mexican) army and the army (EZLN) orders") == []
    assert numbered("What does the order (sixth) demand?") == []
    # the last of a series, after an article (round 30)
    assert numbered("What was the last order given to the EZLN?") == [(LAST, "order")]
    assert numbered("¿Qué pedía la última orden de la Primera Declaración?") == [(1, "declar"), (LAST, "order")]
    assert numbered("At last, order was restored") == []
    # ... or with the series after it (round 32)
    assert numbered("What was the last of the orders given to the EZLN?") == [(LAST, "order")]
    assert numbered("What did the last of the EZLN's orders say?") == [(LAST, "order")]
    assert numbered("What was the last of the six orders?") == [(LAST, "order")]
    assert numbered("¿Qué decía la última de las seis órdenes?") == [(LAST, "order")]
    assert numbered("the last one of the summits") == [(LAST, "summit")]
    assert numbered("Who was the last of them to leave?") == []


def test_a_sentence_about_another_of_a_numbered_series_does_not_answer() -> None:
    assert about_another_numbered(SIXTH, FIRST, "")
    assert not about_another_numbered(SIXTH, FIRST, "The Sixth Declaration came out in 2005.")  # named too
    assert not about_another_numbered(SIXTH, "They have had 6 of these up to now.", "")
    assert not about_another_numbered((1, "declar"), FIRST, "")
    assert not about_another_numbered(None, FIRST, "")
    # another numbered thing of another kind does not count
    assert not about_another_numbered((2, "order"), FIRST, "")
    # nor does an ordinal used as an adverb
    assert not about_another_numbered(SIXTH, "The EZLN first declared war in 1994.", "")
    assert about_another_numbered((18, "summit"), "In compliance with the mandate of the XIX Summit of ALBA", "")
    # a sentence opening with the one asked about names it, whatever else it names
    assert not about_another_numbered(SIXTH, "Sixth Declaration of the Lacandon Jungle, unlike the First, …", "")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What disease has been killing the Zapatistas' coffee plants?", "disease"),
        ("Which specific plant disease is damaging the coffee crops?", "disease"),
        ("What film were they showing at the café?", "film"),
        ("¿Qué película proyectaban en el Rincón Zapatista?", "film"),
        ("¿Qué enfermedad afecta al café?", "disease"),
        ("What disease affects the coffee plants?", "disease"),  # a verb of its own
        ("What diseases have hurt the coffee?", "disease"),
        ("Which company built the road?", "company"),
        # after a preposition, and plurals in "-ies"
        ("¿En qué universidad estudió el autor?", "university"),
        ("At which museum did they meet?", "museum"),
        ("Which companies make the vials?", "company"),
        ("Which universities did the author attend?", "university"),
        ("In what year did it happen?", None),
        # asking about this one, or about a kind that is not known by names
        ("What book is this?", None),
        ("What organization is Via Campesina?", None),
        ("What problem has been hurting the coffee crops?", None),
        # the kind as the subject of what is asked
        ("what did chinese companies build in cuba", None),
        ("What have the companies sold?", None),
        ("What Chinese companies built Cuba's network?", "company"),
        ("What is the company that built Cuba's network?", "company"),
        ("At which Venezuelan airport did the bombers land?", "airport"),
        ("¿En qué barrio de la Ciudad de México está el museo?", "neighborhood"),
    ],
)
def test_a_question_asking_which_one_of_a_kind_known_by_names(question: str, kind: str | None) -> None:
    asked = named_kind_asked(question)
    assert (asked[0] if asked else None) == kind


def test_a_quote_that_says_there_was_one_does_not_name_it() -> None:
    disease, film = named_kind_asked("What disease is it?"), named_kind_asked("¿Qué película es?")
    assert disease is None  # "is" with no participle after it
    disease = named_kind_asked("What disease has been killing the plants?")
    assert leaves_unnamed(disease, "(such as a disease that has been killing some of their plants).")
    assert leaves_unnamed(film, "They were hosting some movie and quite a few folks argued.")  # across languages
    assert not leaves_unnamed(film, "They were hosting a movie called “Zapata” and argued.")
    assert not leaves_unnamed(film, "They showed the film about Russia.")  # a particular one
    assert not leaves_unnamed(disease, "The coffee plants were dying.")  # not mentioned at all
    assert not leaves_unnamed(None, "some movie")
    # the name right before it, or after a comma
    assert not leaves_unnamed(disease, "Coffee rust, a fungal disease that attacks the leaves, has been killing them.")
    assert not leaves_unnamed(disease, "La roya es una enfermedad que ataca las hojas.")
    vaccine = named_kind_asked("What vaccine did the clinics receive?")
    assert not leaves_unnamed(vaccine, "They received a vaccine, Sputnik V, in 2021.")
    assert leaves_unnamed(vaccine, "They received a vaccine from Russia in 2021.")


def test_the_names_of_a_text_are_its_acronyms_and_capitalised_words_within_sentences() -> None:
    assert names_in("Which university did the author write his thesis on the Zapatistas for?") == ("Zapatistas",)
    assert names_in("I went to the UNAM. Harvard is far, said Marcos.") == ("UNAM", "Marcos")


def test_a_place_of_a_kind_is_named_with_the_kinds_word() -> None:
    airport = named_kind_asked("At which Venezuelan airport did the Russian bombers land?")
    barrio = named_kind_asked("¿En qué barrio de la Ciudad de México está el museo de Trotsky?")
    assert airport is not None and barrio is not None
    names = names_given("At which Venezuelan airport did the Russian bombers land?")
    # other names (countries, a city, people) name no airport and no neighbourhood
    bombers = "Russia sent two nuclear capable bombers to Venezuela as US-Russian ties soared."
    assert leaves_unnamed(airport, bombers, names)
    assert leaves_unnamed(barrio, "Trotsky took an ice axe to the face in Mexico City.")
    assert leaves_unnamed(airport, "They landed at an airport near Caracas.")
    assert not leaves_unnamed(airport, "The bombers landed at Simón Bolívar International Airport.", names)
    assert not leaves_unnamed(airport, "They landed at the Maiquetía airport.")
    assert not leaves_unnamed(barrio, "El museo está en el barrio de Coyoacán.")


@pytest.mark.parametrize(
    ("question", "quote", "unnamed"),
    [
        # the question's own words name nothing it asks for, in any case, possessive or plural
        ("Which university did he write his thesis on the Zapatistas for?", "Videos on Zapatista coffee.", True),
        ("which university did he write his thesis on the zapatistas for?", "Videos on the Zapatistas’ coffee.", True),
        ("¿Para qué universidad escribió el autor su tesis sobre los zapatistas?", "Sobre el café Zapatista.", True),
        ("Which university did he write his thesis on the Zapatistas for?", "A group in Latin America's south.", True),
        ("Which university did he write his thesis on the Zapatistas for?", "On Latin American groups.", True),
        ("Which university did he write his thesis on the Zapatistas for?", "On European groups.", True),
        # a name that only begins like one of its words is another; choices offered are answers
        ("Which airline company flies to Cuba?", "The route is flown by Cubana.", False),
        ("Which company built it, Huawei or ZTE?", "It was built by Huawei.", False),
        ("¿Qué empresa lo construyó, Huawei o ZTE?", "Lo construyó Huawei.", False),
        # the kind's own word and a name beside a word of the question
        ("WHICH UNIVERSITY IN TEXAS DID HE ATTEND?", "He went to the University of Texas.", False),
        ("which university in texas did he attend?", "He went to the University of Texas.", False),
        ("Which newspaper in Mexico published it?", "It came out in La Jornada, a Mexican newspaper.", False),
    ],
)
def test_what_the_question_names_itself_names_no_one_known_by_a_name(question: str, quote: str, unnamed: bool) -> None:
    assert leaves_unnamed(named_kind_asked(question), quote, names_given(question)) is unnamed


def test_a_quote_that_names_nothing_names_no_one_known_by_a_name() -> None:
    university = named_kind_asked("Which university did the author write his thesis for?")
    assert leaves_unnamed(university, "But if I keep writing, this will turn into another 200 page thesis.")
    assert not leaves_unnamed(university, "I wrote my thesis on them at the UNAM.")  # an acronym names one
    assert not leaves_unnamed(university, "I wrote it while studying in Mexico City.")  # a name, maybe another
    # a region names no university, nor does what the question names
    assert leaves_unnamed(university, "It is a thesis on a left wing group in Latin America.")
    assert leaves_unnamed(university, "Here are some videos on Zapatista coffee.", ("Zapatistas",))
    assert not leaves_unnamed(university, "Here are some videos on Zapatista coffee.")
    assert not leaves_unnamed(university, "I wrote it for the UNAM, on the Zapatistas.", ("Zapatistas",))
    # a capital that opens a sentence, and "I", name nothing
    assert leaves_unnamed(university, "This is it. And then I wrote another one.")
    assert leaves_unnamed(university, "“Then I wrote it,” he said.")
    blog = named_kind_asked("Which blog cited the meeting?")
    assert not leaves_unnamed(blog, "“The Western Hemisphere Policy Watch blog cites a meeting")
    # named in no capitals but marked as a name; an acronym opening a sentence; other alphabets
    film = named_kind_asked("Which film did they screen?")
    assert not leaves_unnamed(film, "They screened a film called “1917”.")
    assert not leaves_unnamed(named_kind_asked("¿Qué diario publicó la noticia?"), "Salió en el diario «granma».")
    assert not leaves_unnamed(university, "UNAM gave him the degree.")
    assert not leaves_unnamed(university, "Estudou na universidade de Évora.")
    assert not leaves_unnamed(university, "Ele estudou em Ânima.")
    # the first person in any form is no name; a name opening a sentence is not counted (a limit)
    assert leaves_unnamed(university, "Well, as I’ve said, I’ll leave it at that.")
    assert leaves_unnamed(university, "Harvard gave him the degree.")
    # a disease is often named in lower case ("coffee rust"): a quote naming nothing may name it
    disease = named_kind_asked("What disease has been killing the plants?")
    assert not leaves_unnamed(disease, "The plants are dying of coffee rust.")


def test_an_enumerated_item_is_known_by_its_opening_ordinal() -> None:
    assert item_number("Fifth: We ask for the unconditional surrender of the enemy’s headquarters.") == 5
    assert item_number("“Quinto: Pedimos la rendición incondicional.") == 5
    assert item_number("First, they voted.") is None  # an adverb, no item
    assert item_number("Note: the orders follow.") is None
    assert item_number("In 1993, they voted.") is None


ORDERS = "we give our military forces, the EZLN, the following orders:\n\nFirst: Advance to the capital.\n\n"


def test_an_enumeration_is_of_the_series_its_introduction_names() -> None:
    assert introduces_series("order", ORDERS)
    # "the First Declaration" is no item of the orders, though the passage names declarations
    assert not introduces_series("declar", "the EZLN released the First Declaration. " + ORDERS)
    assert introduces_series("point", "The plan had these points:\n\nFirst: land.")  # "points" / "point"
    assert not introduces_series("order", "First: Advance to the capital.")  # nothing introduces it
    assert not introduces_series("assembly", "a:\n\nFirst: land.")  # too short to name a series


def test_ones_of_a_kind_in_general_name_none_of_them() -> None:
    companies = named_kind_asked("Which Chinese companies built Cuba's telecommunications network?")
    in_general = (
        "“Chinese companies have played a key part in building Cuba’s telecommunications infrastructure, "
        "a system the regime uses to control its people, just as the CCP does within its own borders.”"
    )
    assert leaves_unnamed(companies, in_general)  # though it names Cuba and the CCP
    assert leaves_unnamed(companies, "It said so. Las empresas chinas construyeron la red.")
    # named right after, before, or as such
    assert not leaves_unnamed(companies, "Chinese companies Huawei and ZTE built it.")
    assert not leaves_unnamed(companies, "Huawei and ZTE, Chinese companies, built it.")
    assert not leaves_unnamed(companies, "Companies such as Huawei built it.")
    # not opening a sentence, or after a word that may be a name: not read as in general
    assert not leaves_unnamed(companies, "The regime relied on Chinese companies for it, Huawei first.")
    assert not leaves_unnamed(companies, "Big Chinese companies built it.")
    vaccine = named_kind_asked("Which vaccine did ALBA want to buy from Russia?")
    assert leaves_unnamed(vaccine, "Vaccines were discussed with the Russian Direct Investment Fund.")
    # Spanish plurals take an article; a sentence listing them names them
    assert leaves_unnamed(companies, "Las empresas chinas han construido la red de Cuba.")
    assert not leaves_unnamed(companies, "Chinese companies built Cuba's network, among them Huawei and ZTE.")
    assert not leaves_unnamed(companies, "Chinese companies—Huawei and ZTE—built it.")
    # far into a long sentence, a mention does not open it
    assert not leaves_unnamed(companies, "In " + "a long aside, " * 8 + "many Chinese companies built it, Huawei too.")
    # "I" after a mention is no name
    film = named_kind_asked("What film were they showing?")
    assert leaves_unnamed(film, "They were showing a film I had never seen.")
