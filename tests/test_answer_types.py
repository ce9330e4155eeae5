import pytest

from qa.answer_types import (
    appositive_names,
    asks_day,
    asks_procedure,
    asks_within_year,
    counted_terms,
    counts,
    expected_answer_type,
    has_answer_type,
    names_role_holder,
    names_weekday,
    parties_named,
    party_asked_countries,
    party_countries,
    procedure_subject,
)
from qa.lexical import query_tokens


def test_expected_answer_type_from_the_wording() -> None:
    assert expected_answer_type("When did Evo Morales first become president?") == "occasion"
    assert expected_answer_type("¿En qué año se creó el Foro de São Paulo?") == "time"
    assert expected_answer_type("How many troops did Russia send?") == "quantity"
    assert expected_answer_type("¿Cuántos soldados envió Rusia a Venezuela?") == "quantity"
    assert expected_answer_type("Why was the spokesperson of the EZLN hesitant?") is None
    assert expected_answer_type("What is the publication date of this article?") == "time"
    assert expected_answer_type("¿Cuál es la fecha de publicación del artículo?") == "time"
    assert expected_answer_type("cuantos soldados envio Rusia") == "quantity"  # typed without accents
    # a day is a date (round 16); not "day-to-day" or "days of the week"
    assert expected_answer_type("What day did the uprising start?") == "time"
    assert expected_answer_type("¿En qué día exacto comenzó el levantamiento?") == "time"
    assert expected_answer_type("On which exact day was it published?") == "time"
    assert asks_within_year("On what exact day in 1994 did it begin?")
    for not_a_date in (
        "What day-to-day work do the Zapatistas do?",
        "What day to day work do the Zapatistas do?",
        "What days of the week is the café open?",
        "What day laborers does the MST organize?",
        "What Day of the Dead traditions do they keep?",
        "¿Qué problemas enfrentan los campesinos que día a día trabajan la tierra?",
        "¿Crees que día con día crece el movimiento?",
    ):
        assert expected_answer_type(not_a_date) is None and not asks_within_year(not_a_date), not_a_date


def test_when_and_cuanto_joining_clauses_ask_for_nothing_in_particular() -> None:
    assert expected_answer_type("What did the MST do when the quarantine began?") is None
    assert expected_answer_type("¿Qué hizo el MST cuando empezó la cuarentena?") is None
    assert expected_answer_type("¿Qué dijo Putin en cuanto a Cuba?") is None
    # a "when" clause before the question proper, or the circumstances in which something goes better
    assert (
        expected_answer_type("When the government tries to buy land for the MST, what happens if they disagree?")
        is None
    )
    assert expected_answer_type("Cuando el EZLN tomó los municipios, ¿qué hizo la población?") is None
    # a question with its own verb after "when", and a comma for an aside, still asks for a time
    assert expected_answer_type("When did the ALBA, which Chávez founded, collapse?") == "occasion"
    assert expected_answer_type("¿Cuando se fundó el ALBA, que Chávez impulsó?") == "occasion"
    assert expected_answer_type("When, according to the article, was the EZLN founded?") == "occasion"
    assert expected_answer_type("When did the MST split, and why?") == "occasion"
    assert expected_answer_type("¿Cuándo tiene más éxito el MST para conseguir tierras?") == "occasion"


def test_when_does_asks_for_a_condition_not_a_date() -> None:
    # "...more luck ... when there is a leftist president in office": a circumstance, not a date
    assert expected_answer_type("When does the landless movement tend to get land?") is None
    assert expected_answer_type("When do the Zapatistas sell their coffee?") is None
    assert expected_answer_type("When, according to the author, does the MST tend to get land?") is None
    assert expected_answer_type("When, according to the article, did the FLN become the EZLN?") == "occasion"
    assert expected_answer_type("When did the FLN become the EZLN?") == "occasion"
    assert expected_answer_type("When was the São Paulo Forum founded?") == "occasion"


def test_has_answer_type() -> None:
    assert has_answer_type("time", "The FLN changed its name to the EZLN in 1983.")
    assert has_answer_type("time", "Published October 30, 2021")
    assert has_answer_type("time", "a los 12 días de conflicto armado")
    assert not has_answer_type("time", "his political support to Evo Morales not too long ago.")
    assert not has_answer_type("time", "They may well change.")  # "may" is not the month
    assert has_answer_type("time", "One year later, the EZLN released the First Declaration.")
    assert has_answer_type("time", "Dos años después volvieron a Chiapas.")
    # a weekday is no date, but it gives a day (round 16; asked.gives)
    assert not has_answer_type("time", "The coordinators held a telematic meeting this Thursday.")
    assert names_weekday("The coordinators held a telematic meeting this Thursday.")
    assert names_weekday("Se reunieron el domingo.") and not names_weekday("They met in Santo Domingo.")
    assert asks_day("On what day did they meet?") and asks_day("¿Qué día se reunieron?")
    assert not asks_day("On what date did they meet?") and not asks_day("What day-to-day work do they do?")
    assert not has_answer_type("time", "They came back later.")
    assert not has_answer_type("time", "los cincuenta estados del país")  # a count, not the fifties
    assert has_answer_type("time", "en los años cincuenta del siglo pasado")
    assert has_answer_type("time", "a principios de los setenta, terminaron con sus actividades")
    assert has_answer_type("time", "formed in the late sixties")
    assert has_answer_type("time", "since the ’70s")
    assert has_answer_type("time", "una organización clandestina formada a finales de los años 60 en el norte")
    assert has_answer_type("time", "in the 60s") and has_answer_type("time", "desde finales de los 60.")
    assert not has_answer_type("time", "con los 60 soldados")  # a count
    assert has_answer_type("time", "en la década de los 80")
    assert has_answer_type("quantity", "with over 1.5 million members")
    assert has_answer_type("quantity", "Russia sent two nuclear capable bombers")
    assert not has_answer_type("quantity", "China has offered considerable financial support.")
    assert has_answer_type("quantity", "the figure of 70,000 soldiers")
    assert has_answer_type("quantity", "they’ve had 6 of these up to the point of this writing")
    # a year says when, not how many; "one" and "una" are mostly a pronoun and an article
    assert not has_answer_type("quantity", "The Forum of São Paulo was constituted in 1990 when the party met.")
    assert not has_answer_type("quantity", "into an offensive one.")
    assert not has_answer_type("quantity", "una organización clandestina")
    assert has_answer_type("quantity", "2,000 activists")
    assert has_answer_type("quantity", "2000 families were evicted") and has_answer_type("quantity", "1500 soldados")
    assert not has_answer_type("quantity", "on 12 May 1994") and not has_answer_type(
        "quantity", "el 12 de mayo de 1994"
    )
    assert not has_answer_type("quantity", "In 1994 was the uprising")
    assert has_answer_type("time", "the 60's") and has_answer_type("time", "los años ’70")
    assert not has_answer_type("time", "fue uno de los 30.")
    assert has_answer_type(None, "anything")
    # a number that is part of a name counts nothing
    for name in (
        "the vaccine against COVID- 19, Sputnik V",
        "COVID-19",
        "COVID\u201319",
        "the G20 summit",
        "F-16 jets",
    ):
        assert not has_answer_type("quantity", name), name
    assert has_answer_type("quantity", "about 30 people") and has_answer_type("quantity", "(5)")


def test_a_question_asking_what_something_is_called_expects_a_name() -> None:
    for question in (
        "What is Subcomandante Marcos's real name?",
        "What is the name of the European network?",
        "What was the campaign called that led to the takeover?",
        "What is the Zapatista café in Mexico City called?",
        "What is the MST called in Portuguese?",
        "¿Cómo se llamaba la campaña?",
        "¿Cómo se llamó la campaña?",
        "¿Cómo se denomina el ejército zapatista?",
        "¿Cuál es el nombre verdadero del Subcomandante Marcos?",
    ):
        assert expected_answer_type(question) == "name", question
    for question in (
        "Name the US places where the MST has chapters.",  # a list
        "Can you name the countries in ALBA?",
        "Why was the ceasefire called?",
        "In whose name did the EZLN speak?",
        "¿Quién habla en nombre del EZLN?",
        "¿Quién les cambió el nombre a los municipios?",  # who did it, not what they are called
        # "name" the verb: which one is mentioned, not what it is called
        "Which Brazilian president does the author name as an example?",
        "Which leader did he name?",
    ):
        assert expected_answer_type(question) is None, question
    assert expected_answer_type("What did they name the school?") == "name"
    assert expected_answer_type("What school did the Zapatistas name after Che Guevara?") == "name"
    assert expected_answer_type("What does the name EZLN stand for?") == "name"
    assert expected_answer_type("How many days passed before the government called a ceasefire?") == "quantity"


def test_a_name_is_given_by_naming_words_a_quoted_name_or_an_acronym() -> None:
    assert has_answer_type("name", "a Zapatista café in Mexico City called Rincon Zapatista")
    assert has_answer_type("name", "Known as the Bolivarian Alliance for the Peoples of Our America, ALBA is ...")
    assert has_answer_type("name", "la campaña denominada “Paz con Justicia y Dignidad”")
    assert has_answer_type("name", "como resultado de la campaña “Paz con Justicia y Dignidad”")
    assert has_answer_type("name", "Technically meaning “the Peasants Way,” Via Campesina is ...")
    assert has_answer_type("name", "a meeting with the Landless Workers Movement (MST)")
    assert not has_answer_type("name", "Consequently, the spokesperson, Subcomandante Marcos, was hesitant.")
    assert not has_answer_type("name", "Marcos has never revealed his real name.")  # mentions, gives none
    assert not has_answer_type("name", "They sell “organic” coffee to host a “solidarity” event.")  # scare quotes
    assert not has_answer_type("name", "Habla en nombre del EZLN y por medio de comunicados.")


def test_a_name_in_apposition_is_read_but_not_a_list_of_names() -> None:
    sputnik = "the acquisition of the vaccine against COVID- 19, Sputnik V, and thus consolidate the Vaccine Bank"
    assert appositive_names(sputnik) == ["Sputnik V"]
    assert appositive_names("the spokesperson for the EZLN, Subcomandante Marcos, was hesitant") == [
        "Subcomandante Marcos"
    ]
    assert appositive_names("countries like Venezuela, Cuba, Bolivia and Nicaragua") == []
    assert appositive_names("Cuba, Venezuela, and Nicaragua, among others") == []
    assert appositive_names("In 1994, Mexico, the largest one, signed") == []  # a country is no name asked for


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which right-wing party was the author's previous article mostly about?", "party"),
        ("the previous article the author mentions mostly focused on which party?", "party"),
        ("Which Brazilian political party does the Landless Workers Movement cooperate with?", "party"),
        ("¿Con qué partido colabora el MST?", "party"),
        ("¿En qué partido de la derecha española se centraba el artículo anterior?", "party"),
        ("¿Cuál es el partido del presidente?", "party"),
        # a party the question names, not one it asks for
        ("What did the party do?", None),
        ("Which Workers Party politician helps the MST?", None),
        ("What party politics does the author like?", None),
        ("Which party-backed president helped the MST?", None),
        ("Which third parties bring Zapatista coffee to Europe?", None),
        ("Which Workers Party person could be a leftist president?", None),
        ("¿Por qué el partido Vox aparece en el artículo?", None),
        ("¿Qué otro partido colabora con el MST?", "party"),
        ("How many parties founded the São Paulo Forum?", "quantity"),
    ],
)
def test_which_party_is_asked_for_by_its_noun(question: str, kind: str | None) -> None:
    assert expected_answer_type(question) == kind


def test_a_party_is_given_by_its_word_next_to_a_name() -> None:
    text = "that article largely focuses on just the right-wing party Vox from Spain"
    assert has_answer_type("party", text) and parties_named(text) == {"vox"}
    assert parties_named("the Brazilian Workers' Party and the Socialist Party of Zambia") == {"workers", "socialist"}
    assert parties_named("el Partido de los Trabajadores") == {"trabajadores"}
    for unnamed in ("The party met.", "Each party signed.", "an agreement made between both parties"):
        assert not has_answer_type("party", unnamed)


def test_a_party_is_named_with_the_country_next_to_it() -> None:
    assert party_countries("the right-wing party Vox from Spain") == {"vox": {"ES"}}
    assert party_countries("the Brazilian Workers' Party and the Socialist Party of Zambia") == {
        "workers": {"BR"},
        "socialist": {"ZM"},
    }
    assert party_countries("el Partido Comunista de Cuba") == {"comunista": {"CU"}}
    assert party_countries("the Workers Party approached other parties") == {"workers": frozenset()}
    # past a modifier, an acronym or the rest of the name; a country of several words
    assert party_countries("Spain's far-right party Vox") == {"vox": {"ES"}}
    assert party_countries("the Workers' Party (PT) of Brazil") == {"workers": {"BR"}}
    assert party_countries("the Spanish Socialist Workers' Party") == {"workers": {"ES"}}
    assert party_countries("el Partido Socialista Unido de Venezuela") == {"socialista": {"VE"}}
    assert party_countries("the Liberal Party of Costa Rica") == {"liberal": {"CR"}}
    # a country's word is no party's name, but the name after it is one
    assert parties_named("an Argentine party") == set() and not has_answer_type("party", "an Argentine party")
    assert party_countries("the Mexican party Morena won") == {"morena": {"MX"}}


@pytest.mark.parametrize(
    ("question", "countries"),
    [
        ("Which Argentine party is a member of the São Paulo Forum?", {"AR"}),
        ("Which Spanish political party was the article about?", {"ES"}),
        ("¿Qué partido colombiano forma parte del Foro?", {"CO"}),
        ("¿En qué partido político español se centraba el artículo?", {"ES"}),
        ("Which party in Nicaragua leads the opposition?", {"NI"}),
        # a country further off may be the party's or not: the question does not say
        ("Which party governs Nicaragua?", set()),
        ("Which party did the Cuban brigade donate to?", set()),
        ("¿Con qué partido político colabora el MST?", set()),
        ("¿Qué partido de derecha español ganó?", {"ES"}),
        # a person's name, not a country ("Santiago" is Chile's capital) nor a city
        ("¿Cuál es el partido de Santiago Abascal?", set()),
        ("Which party of Chad Smith won the vote?", set()),
        # the "party" asked for, not another of the question
        ("After the Brazilian party's defeat, which party did the MST back?", set()),
        ("In the Vox party article, which Spanish party was mentioned?", {"ES"}),
    ],
)
def test_the_country_a_party_is_asked_of_is_next_to_the_word_party(question: str, countries: set[str]) -> None:
    assert party_asked_countries(question) == countries


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What is the population of Chiapas?", "people"),
        ("How many people live in Venezuela?", "people"),
        ("¿Cuántos habitantes tiene Venezuela?", "people"),
        ("¿Cuál es la población de Cuba?", "people"),
        ("What is the GDP of Argentina?", "money"),
        ("¿Cuál es el PIB de México?", "money"),
        ("How much money do the Zapatistas make from coffee?", "money"),
        ("How many billions of dollars has China lent to Venezuela?", "money"),
        ("¿Cuánto cuesta un paquete de café zapatista?", "money"),
        ("What does a bag of Zapatista coffee cost in Germany?", "money"),  # "cost" the verb
        ("What would it cost to visit Chiapas?", "money"),
        ("¿Cuál fue el monto total de la ayuda financiera de China a Venezuela?", "money"),
        ("What is the total amount China has lent to Venezuela?", "money"),
        ("What was the amount of Chinese financial aid to Venezuela?", "money"),
        ("¿Qué cantidad de dinero recibió el MST?", "money"),
        ("What amount did China give Venezuela?", "money"),
        ("What was the total loan amount?", "money"),
        ("What did China's loans to Venezuela amount to?", "money"),
        ("¿Qué cantidad prestó China a Venezuela?", "money"),
        ("¿Cuál fue el importe del préstamo?", "money"),
        ("monto ayuda china venezuela", "money"),
        # a percentage or barrels of an amount of money
        ("What percentage of the amount China lent has Venezuela repaid?", "percentage"),
        ("¿Qué porcentaje del monto prestado por China ha devuelto Venezuela?", "percentage"),
        ("How many barrels of oil a day does Venezuela ship to repay the amount China lent?", "barrels"),
        ("What does the cost of coffee mean for farmers?", None),  # "cost" a noun
        ("What did the human cost of the uprising look like?", None),
        ("What is the inflation rate in Venezuela?", "percentage"),
        ("¿Cuál es la tasa de desempleo en España?", "percentage"),
        ("What is the capital of Mexico?", "capital"),
        ("¿Cuál es la capital de Bolivia?", "capital"),
        ("Who is the current president of Colombia?", "role"),
        ("¿Quién es el presidente actual de Cuba?", "role"),
        ("Who was the spokesperson of the EZLN?", "role"),
        ("Who founded the MST?", "founder"),
        ("¿Quién fundó La Vía Campesina?", "founder"),
        ("Who was the founder of the MST?", "founder"),  # how it began, not an office
        ("By whom was the EZLN founded?", "founder"),
        ("¿Por quién fue fundado el EZLN?", "founder"),
        ("What's the population of Mexico City?", "people"),
        ("What is Mexico's population?", "people"),
        ("¿Cuántas personas murieron durante el levantamiento de 1994?", "people"),
        ("How many people belong to the MST?", "people"),
        ("Who currently leads the Landless Workers Movement?", "role"),
        ("¿Quién dirige hoy el MST?", "role"),
        ("What price per kilo do the cooperatives charge for their coffee?", "money"),
        # a price per unit of what is sold, money lent in the passive, or with pronouns before the verb
        ("How much per pound are Zapatista coffee cooperatives paid for their beans?", "money"),
        ("How much are the coffee growers paid per pound?", "money"),
        ("How much is a bag of Zapatista coffee?", "money"),
        ("How much is a barrel of oil?", "money"),
        ("How much per kilo do the cooperatives charge?", "money"),
        ("¿Cuánto les pagan por libra a los cafetaleros zapatistas?", "money"),
        ("¿Cuánto cobran por kilo de café?", "money"),
        ("How much was lent to Venezuela by China?", "money"),
        ("¿Cuánto se le prestó a Venezuela?", "money"),
        # but what is paid, given or donated may be goods ("100,000 barrels of oil per day"), and a
        # share, a weight or what a unit holds is no price
        ("How much per day does Venezuela pay Cuba?", "quantity"),
        ("How much are Cuban doctors paid by Venezuela?", "quantity"),
        ("How much was donated by the MST brigade in Zambia?", "quantity"),
        ("¿Cuánto por día le paga Venezuela a Cuba?", "quantity"),
        ("¿Cuánto se le pagaba a Cuba por los médicos?", "quantity"),
        ("How much per cent was spent?", "quantity"),
        ("How much did a bag of coffee weigh?", "quantity"),
        ("How much coffee is sold per bag?", "quantity"),
        ("How much is produced per unit of land?", "quantity"),
        ("¿Cuánto les prestó atención la prensa?", "quantity"),
        ("¿Cuánto le vale la pena al MST?", "quantity"),
        ("¿Cuánto café se vende por saco?", "quantity"),
        ("How much land is owned by the MST?", "quantity"),
        ("How much per hectare is harvested?", "quantity"),
        ("What was Venezuela's GDP in 2020?", "money"),
        ("What is the rate of inflation in Venezuela?", "percentage"),
        ("What is Mexico's capital?", "capital"),
        ("¿Cuál es la capital del estado de Chiapas?", "capital"),
        ("Who’s the president of Brazil?", "role"),
        ("Who is Mexico's president?", "role"),  # its holder in the possessive (round 29)
        ("Who was the EZLN's spokesperson?", "role"),
        # the toll of a war, asked by its noun: a count of people; by its verb, any count
        ("¿Cuántos muertos dejó el levantamiento de 1994?", "people"),
        ("How many casualties did the uprising cause?", "people"),
        ("¿Cuántas víctimas hubo?", "people"),
        ("How many soldiers were killed in Chiapas?", "quantity"),
        ("¿Cuántos soldados murieron en Ocosingo?", "quantity"),
        ("¿Cuántas bajas temperaturas hubo?", "quantity"),
        ("How long did Subcomandante Marcos serve as spokesperson of the EZLN?", "duration"),
        ("For roughly how long has the MST been doing this land work?", "duration"),
        ("¿Cuánto tiempo duró el conflicto armado?", "duration"),
        ("¿Durante cuánto tiempo fue Marcos portavoz?", "duration"),
        ("How many years did the FLN exist?", "quantity"),  # two dates may count the years
        ("¿Cuál es la cuenta de Twitter del autor?", "contact"),
        ("What is the author's Twitter handle?", "contact"),
        ("What is the email address of the MST?", "contact"),
        ("What is the author's Twitter?", "contact"),
        ("¿Cuál es el Twitter del autor?", "contact"),
        ("¿Cuál es el correo del autor?", "contact"),
    ],
)
def test_questions_asking_for_a_measure_or_a_fact(question: str, kind: str) -> None:
    assert expected_answer_type(question) == kind


@pytest.mark.parametrize(
    "question",
    [
        "¿Qué hicieron los habitantes de los municipios tomados?",  # about the inhabitants, not how many
        "How has China helped the Cuban regime control its population?",
        "What did the civilian population do?",
        "Who were the Zapatistas supposed to protect as they advanced on the capital?",
        "Does the MST sell any product abroad to raise money?",
        "What happens if the government cannot agree on a price?",
        "Who was supposed to face summary trials?",
        # the thing is named in a question that asks for something else
        "How did the population of Chiapas react?",
        "¿Cómo reaccionó la población de Chiapas?",
        "What did the Zapatistas do in the capital of Chiapas?",
        "Why did the government cut the budget?",
        "¿Por qué subió la tasa de homicidios?",
        "How did the crime rate affect tourism?",
        "Who was arrested after the president visited?",
        "What happened to the Zapatistas who were arrested by the governor?",
        # an amount of something else
        "What did the First Declaration of the Lacandon Jungle amount to?",
        "What amount of land did the MST claim?",
        "¿Qué cantidad de tierra ocupó el MST?",
        "What amount of oil does Venezuela owe China?",
        "What amount of attention did the media pay to the MST?",
        "What amount of food aid did Venezuela send to Cuba?",
        "What did the peasants who founded the MST want?",
        "How long is the border between Mexico and Guatemala?",  # perhaps a length
        "Where does the author invite readers to follow him?",
        "Does the author have a Twitter account?",  # whether there is one, not which
        "¿Tiene el autor cuenta de Twitter?",
    ],
)
def test_questions_that_mention_a_measure_without_asking_for_it(question: str) -> None:
    assert expected_answer_type(question) is None


def test_measures_and_facts_are_given_in_their_own_form() -> None:
    assert has_answer_type("people", "Venezuela has about 28 million inhabitants.")
    assert has_answer_type("people", "The fighting left 145 dead.")
    assert has_answer_type("people", "Hubo 300 muertes y 50 asesinados.")
    assert has_answer_type("people", "In the market, 145 soldiers were killed.")
    assert has_answer_type("people", "Murieron 145 soldados en Ocosingo.")
    for dated in ("In 2013 Hugo Chávez died.", "Chávez died 5 March 2013.", "El 1 de enero de 1994 murieron varios."):
        assert not has_answer_type("people", dated), dated
    # a host named as such, or the place it took place in; not a country named about something else
    hosts = ("Venezuela hosted the XIX ALBA summit.", "It was hosted by Cuba.", "Cuba fue la sede.", "held in Caracas")
    for hosted in hosts:
        assert has_answer_type("host", hosted), hosted
    assert not has_answer_type("host", "By the summit's mandate, they met the Russian Federation's director.")
    assert not has_answer_type("people", "In the uprising of 1994 in Chiapas, the EZLN demanded land.")
    assert has_answer_type("people", "a population of 5.5 million")
    assert not has_answer_type("people", "con apoyo de la población local, el EZLN tomó el control de 38 municipios")
    assert not has_answer_type("people", "Cuba provided Venezuela with 31,000 Cuban doctors")
    assert has_answer_type("people", "with over 1.5 million members")
    assert not has_answer_type("people", "la cifra de 70 mil efectivos del Ejército Mexicano")  # troops, not people
    assert has_answer_type("role", "the movement is led by its national coordination")
    assert has_answer_type("money", "China lent $50 billion") and has_answer_type("money", "20 millones de dólares")
    assert not has_answer_type("money", "100,000 barrels of oil per day")
    assert has_answer_type("percentage", "inflation reached 300% that year")
    assert has_answer_type("percentage", "un 12 por ciento") and not has_answer_type("percentage", "12 municipios")
    assert has_answer_type("capital", "Caracas, the capital of Venezuela, ...")
    assert has_answer_type("capital", "the capital is Managua")
    assert has_answer_type("capital", "Managua is the capital of Nicaragua.")
    assert has_answer_type("capital", "Tuxtla Gutiérrez es la capital de Chiapas.")
    assert not has_answer_type("capital", "Cuba, the capitalist world’s old enemy")
    assert not has_answer_type("capital", "First: Advance to the capital of the country, overcoming the army.")
    assert has_answer_type("role", "Venezuelan President Maduro showed his support")
    assert has_answer_type("role", "el presidente de Bolivia, Evo Morales")
    assert not has_answer_type("role", "the movement grew")
    assert not has_answer_type("role", "el presidente de Bolivia")  # the role, with no one named
    assert not has_answer_type("founder", "an organization that started in Mons, Belgium")  # how, not who
    assert has_answer_type("founder", "formaron el EZLN") and not has_answer_type("founder", "with 1.5 million members")
    assert has_answer_type("founder", "The MST was founded in 1984 by landless farmers.")
    for text in ("funds for schools", "the Constitution of Mexico", "the form of the protest"):
        assert not has_answer_type("founder", text), text


def test_a_duration_is_given_by_a_counted_span_or_a_start() -> None:
    for text in (
        "Since it began working on these efforts over 30 years ago",
        "a los 12 días de conflicto armado",
        "it’s been a few odd years since I was there",
        "They have fought for decades.",
        "He has been the spokesperson since 1994.",
        "desde 1983",
    ):
        assert has_answer_type("duration", text), text
    for text in ("for a year", "from 1994 to 2014", "since January 1994"):
        assert has_answer_type("duration", text), text
    not_spans = ("And, in the context of the next decade, keep in mind", "In 1993, they voted", "the spokesperson")
    # one of a unit is a span only after "for": "One day, ..." is a time
    for text in (*not_spans, "One day, Marcos said", "un día llegaron", "a year later"):
        assert not has_answer_type("duration", text), text


def test_what_a_count_asks_about_and_whether_a_number_counts_it() -> None:
    members = counted_terms("How many members does the MST have?")
    assert members == frozenset(query_tokens("members")) and counted_terms("What did the MST win?") == frozenset()
    assert counts(members, "Considered one of the largest, with over 1.5 million members, the MST")
    assert not counts(members, "a farmers organization of 182 organizations in 81 countries")
    assert counts(counted_terms("¿Cuántos miembros tiene el MST?"), "tiene 1,5 millones de miembros")


def test_an_account_or_an_address_is_given_written_out() -> None:
    written_out = ("Follow me at @qa_bot", "write to author@example.org", "see https://example.org", "+52 55 1234 567")
    for text in written_out:
        assert has_answer_type("contact", text), text
    not_written_out = ("And follow my Twitter here.", "Published October 30, 2021", "in 1994 and 2000")
    # numbers that are no phone's: a count, a range of years, a date
    for text in (*not_written_out, "12.000.000 de barriles", "1994 - 2014", "30.10.2021"):
        assert not has_answer_type("contact", text), text
    assert has_answer_type("contact", "call 555 1234 567")


def test_long_runs_of_digits_are_read_in_linear_time() -> None:
    digits = "1" * 20000  # a quadratic scan of this takes seconds; a linear one a few milliseconds
    for kind in ("people", "money", "percentage", "quantity"):
        assert has_answer_type(kind, digits) in (True, False)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How big is the state of Chiapas in square kilometers?", "area"),
        ("What is the total area of Venezuela?", "area"),
        ("¿Cuál es la superficie de Cuba?", "area"),
        ("¿Cuántos kilómetros cuadrados tiene Chiapas?", "area"),
        ("How far is Havana from Miami?", "length"),
        ("How tall is Mount Aconcagua?", "length"),
        ("¿A qué distancia está La Habana de Miami?", "length"),
        ("¿Cuál es la altura del Pico de Orizaba?", "length"),
        # mentioning an area or a distance asks for neither
        ("Which area of Chiapas did the Zapatistas control?", None),
        ("How far did the Zapatistas go in their demands?", None),
        ("How high was inflation in Venezuela?", None),
        ("What is the area of cooperation between Russia and the ALBA?", None),
        ("What is the EZLN's area of influence?", None),
        ("¿Cuál es el área de influencia del EZLN?", None),
        ("How far were the Zapatistas from their goals?", None),
        ("¿Qué tan lejos llegó la alianza con Rusia?", None),
        ("¿Qué tan alta fue la inflación en Venezuela?", None),
        ("What is the area of Chiapas?", "area"),
        ("How far is Chiapas from Mexico City?", "length"),
        ("Why did the movement keep its distance from governments?", None),
        # asked for by the unit counted
        ("How many hectares of land do the Zapatistas control?", "area"),
        ("¿Cuántas hectáreas controlan los zapatistas?", "area"),
        ("How many miles of border does Mexico share with the US?", "length"),
        ("¿Cuántos kilómetros recorrió la marcha?", "length"),
        ("How many barrels of oil did Venezuela send to Cuba?", "barrels"),
        ("¿Cuántos barriles de petróleo al día produce Venezuela?", "barrels"),
        ("How many tons of food did Russia send?", "tons"),
        ("¿Cuántos metros cúbicos de gas exporta Bolivia?", "cubic metres"),
        ("How many cubic meters of gas does Bolivia export?", "cubic metres"),
        ("How many doctors did Cuba send?", "quantity"),  # a count of anything else
        ("How many armed fighters did the EZLN have?", "people"),
        ("¿Cuántos integrantes tiene el MST?", "people"),
        ("¿Cuántos países miembros tiene el ALBA?", "quantity"),  # member countries are no people
        ("How many soldiers did the army deploy?", "quantity"),
        ("¿A qué precio se vende el café?", "money"),
        ("At what price is the coffee sold?", "money"),
        # a city, a place, a killer (round 11)
        ("In which city was Via Campesina founded?", "city"),
        ("Which European cities did the movement visit?", "city"),  # plurals too (round 12)
        ("¿Qué ciudades visitaron los zapatistas?", "city"),
        ("What town did the march start from?", "city"),
        ("In which Brazilian city is the school located?", "city"),
        # a state or a province of a country; "states" alone or of a continent are countries
        ("In which Brazilian state is the Florestan Fernandes School located?", "subdivision"),
        ("in which brazilian state did the MST start", "subdivision"),
        ("What state of Mexico did the EZLN rise in?", "subdivision"),
        ("¿En qué estado mexicano se levantó el EZLN?", "subdivision"),
        ("¿En qué estado de México surgió el EZLN?", "subdivision"),
        ("Which states have backed Venezuela?", None),
        ("What European states did the Zapatistas visit?", None),
        ("¿Qué estados latinoamericanos forman el ALBA?", None),
        ("¿Qué estado miembro del ALBA recibió más ayuda?", None),
        ("In which state of Brazil was the MST founded?", "subdivision"),
        ("¿En qué estado brasileño nació el MST?", "subdivision"),
        # states of a region or a group are countries; "state" before a noun is an adjective (review)
        ("Which states of Latin America are the most prominent members of ALBA?", None),
        ("Which states in the Caribbean joined ALBA?", None),
        ("¿Qué estados de América Latina forman el ALBA?", None),
        ("¿Qué estados del ALBA recibieron ayuda rusa?", None),
        ("Which Member States founded ALBA?", None),
        ("Which ALBA states received Russian aid?", None),
        ("Which Bolivarian states joined ALBA?", None),
        ("Which Soviet states backed Cuba?", None),
        ("¿Qué estados vecinos apoyaron a Venezuela?", None),
        ("¿Qué estados andinos forman parte del ALBA?", None),
        ("What Venezuelan state media reported it?", None),
        ("Which Russian state-owned company invested in Venezuela?", None),
        ("What Mexican state police attacked the Zapatistas?", None),
        ("In which Venezuelan state capital did they meet?", None),
        ("¿En qué ciudad belga nació La Vía Campesina?", "city"),
        ("¿Cuál es la ciudad donde se reunieron?", "city"),
        ("Where is the ALBA Bank headquartered?", "city"),
        ("¿Dónde tiene su sede el ALBA?", "city"),
        ("Where is the Florestan Fernandes School located?", "place"),
        ("Where are the Zapatistas based?", "place"),
        ("¿Dónde se celebró la cumbre?", "place"),
        ("¿Dónde se encuentra la escuela?", "place"),
        # which country held something: a host (round 13); not any "held"
        ("Which country hosted the XIX ALBA summit?", "host"),
        ("Which country held the 2019 ALBA summit?", "host"),
        ("¿Qué país fue sede de la cumbre?", "host"),
        ("Which country held the most influence in ALBA?", "country"),
        ("Which country sent bombers to Venezuela?", "country"),
        ("Which nation organized the boycott?", "country"),
        # which countries: after every other kind (round 13)
        ("Which European countries did the Zapatistas visit?", "country"),
        ("Apart from Russia and China, which countries have backed them?", "country"),
        ("¿Qué países forman parte del ALBA?", "country"),
        ("¿Cuáles son los países del ALBA?", "country"),
        ("How many countries are in ALBA?", "quantity"),
        ("Which country's president visited Cuba?", "country"),
        ("Who killed Trotsky?", "killer"),
        ("who was the man who killed trotsky", "killer"),
        ("¿Quién asesinó a Trotsky?", "killer"),
        ("By whom was Trotsky murdered?", "killer"),
        # a city named in the question, a place asked otherwise, a victim asked about
        ("Which Mexico City café did the author go to?", None),
        ("Where did the author go on his first trip?", None),
        ("Who were the militants that were killed?", None),
        ("¿Quiénes fueron asesinados en Chiapas?", None),
        ("Who was Trotsky killed by?", "killer"),
        ("Who was Trotsky's assassin?", "killer"),
        ("¿Quién fue el asesino de Trotski?", "killer"),
        ("Who was the revolutionary assassinated in Mexico City?", None),
        ("Who got killed in Mexico City?", None),
        # other senses of "execute" and "shoot"
        ("Who executed the oil for doctors program?", None),
        ("Who shot the photo of the museum?", None),
        # a city question, a seat of government, the relative "donde" inside a question
        ("What is the city where the summit took place?", "city"),
        ("Where did Chávez win a seat in 1998?", None),
        ("¿Qué pasó en la ciudad donde tiene su sede el banco?", None),
    ],
)
def test_measures_and_facts_are_asked_for_by_their_wording(question: str, kind: str | None) -> None:
    assert expected_answer_type(question) == kind


def test_areas_and_lengths_are_given_with_a_unit() -> None:
    assert has_answer_type("area", "Chiapas covers 73,311 km² in the south")
    assert has_answer_type("area", "una superficie de 73 mil kilómetros cuadrados")
    assert has_answer_type("area", "about 1,000 hectares of land")
    assert not has_answer_type("area", "the EZLN took 38 municipios")
    assert has_answer_type("length", "Havana is 369 km from Miami") and has_answer_type("length", "6,961 metros")
    assert not has_answer_type("length", "70 mil efectivos") and not has_answer_type("length", "10 million people")
    for text in ("1 mile", "a 3,145-kilometer border", "a 6,961-meter peak"):  # singular, hyphenated
        assert has_answer_type("length", text), text
    for text in ("73,000-square-kilometer", "73,311 sq. kilometers", "73,311 km cuadrados", "500 m²"):
        assert has_answer_type("area", text), text
    assert has_answer_type("barrels", "Venezuela provided Cuba with 100,000 barrels of oil per day")
    assert has_answer_type("tons", "unas 20 mil toneladas de alimentos")
    assert not has_answer_type("barrels", "31,000 Cuban doctors and 100 tanks")
    assert has_answer_type("people", "3,000 fighters") and not has_answer_type("people", "70 mil efectivos")
    assert not has_answer_type("barrels", "Russia sent thousands of tons of wheat")  # another unit
    for kind, text in (
        ("barrels", "a million barrels a day"),
        ("tons", "two tons of rice"),
        ("barrels", "cien mil barriles"),
        ("cubic metres", "30 metros cúbicos"),
        ("tons", "thousands of tons of wheat"),
        ("barrels", "millions of barrels"),
        ("tons", "twelve tons"),
        ("tons", "miles de toneladas"),
        ("tons", "doscientas toneladas"),
    ):
        assert has_answer_type(kind, text), text
    assert not has_answer_type("length", "a mile away")  # "a" is no number
    assert has_answer_type("length", "doce kilómetros") and has_answer_type("length", "hundreds of miles")
    assert not has_answer_type("length", "miles of roads")  # "miles" counts in Spanish only before "de"
    # money and a Spanish "mi" are no lengths
    assert not has_answer_type("length", "Russia lent Cuba $200m") and not has_answer_type(
        "length", "En 2019 mi gobierno"
    )


@pytest.mark.parametrize(
    ("kind", "text", "given"),
    [
        ("city", "a farmers organization that started in Mons, Belgium", True),
        ("city", "su estructura en la ciudad de México fue descubierta", True),
        ("city", "a café in Mexico City", True),
        # a country, a region, a name with "the": no city
        ("city", "ALBA is an alliance of countries in Latin America and the Caribbean.", False),
        ("city", "They met in Venezuela, in Southern Mexico and in the Cold War.", False),
        ("city", "pressure the Brazilian Embassy and keep open the school", False),
        ("subdivision", "el EZLN tomó el control de 38 municipios en el estado de Chiapas", True),
        ("subdivision", "pressure the Brazilian Embassy to keep open the Florestan Fernandes School", False),
        ("place", "a social movement in rural areas of Chiapas, Mexico", True),
        ("place", "The Lacandon Jungle being where they are located exactly", True),
        ("place", "fundada en el norte de México", True),
        ("place", "cooperation with allied powers, in this case Russia, as agreed", False),
        ("killer", "Ramón Mercader killed Trotsky with an ice axe.", True),
        ("killer", "fue descubierta por las fuerzas de seguridad y sus militantes fueron asesinados", True),
        ("killer", "He was murdered by a Soviet agent.", True),
        ("killer", "Trotsky took an ice axe to the face and died from the assassination.", False),
        ("killer", "Many militants were killed.", False),
        # the killer named as such, in either language
        ("killer", "His assassin was Ramón Mercader.", True),
        ("killer", "Romero murió a manos de un francotirador.", True),
        ("killer", "Sandino was executed on the orders of Somoza.", True),
        # a passive with an adverb, a reason, a date: no killer
        ("killer", "Chico Mendes was brutally murdered in 1988.", False),
        ("killer", "Berta Cáceres fue asesinada en 2016 por su lucha.", False),
        ("killer", "By 1940, Trotsky had been assassinated.", False),
        ("killer", "He was later killed in a plane crash.", False),
        # a killing named by its noun, with its doer
        ("killer", "The assassination was carried out by a death squad.", True),
        ("killer", "A death squad carried out the killing.", True),
        ("killer", "Stalin ordered the assassination of Trotsky.", True),
        ("killer", "Seven men were convicted of her murder.", True),
        # an English past needs its subject and its object: a participle names no killer
        ("killer", "The army killed the militants.", True),
        ("killer", "In 1940, Mercader killed Trotsky.", True),
        ("killer", "Leon Trotsky, assassinated in Coyoacán in 1940, founded it.", False),
        ("killer", "Many community leaders killed in the 1980s were never identified.", False),
        ("killer", "the murdered activist", False),
        ("killer", "The police executed a search warrant.", False),
        # places given with a direction, as a territory, near a border
        ("place", "located in southern Mexico, near the border with Guatemala", True),
        ("place", "se ubica al este del estado de Chiapas", True),
        ("place", "held on Zapatista territory", True),
        ("place", "se realizó en territorio zapatista", True),
    ],
)
def test_a_city_a_place_or_a_killer_is_given_in_its_own_form(kind: str, text: str, given: bool) -> None:
    assert has_answer_type(kind, text) is given


def test_a_bare_when_asks_for_a_date_or_an_occasion_a_named_date_for_a_date() -> None:
    assert expected_answer_type("When did the author first visit the Zapatistas?") == "occasion"
    assert expected_answer_type("¿Cuándo visitó el autor a los zapatistas?") == "occasion"
    assert expected_answer_type("In what year did the author visit the Zapatistas?") == "time"
    assert expected_answer_type("In what month did the Zapatistas travel to Europe?") == "time"
    assert expected_answer_type("¿Qué mes viajaron los zapatistas a Europa?") == "time"
    assert expected_answer_type("¿En qué meses viajaron?") == "time"
    assert expected_answer_type("What month-long campaign did they run?") is None
    assert has_answer_type("time", "They landed in Vigo in June.")
    assert not has_answer_type("time", "The Zapatistas even visited Europe recently.")
    assert expected_answer_type("¿En qué año visitó el autor a los zapatistas?") == "time"
    assert expected_answer_type("What is the date of the uprising?") == "time"


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        # typed as keywords, a noun says what is asked for
        ("ALBA founding year", "time"),
        ("MST year founded", "time"),
        ("año de fundación del ALBA", "time"),
        ("trotsky assassination year", "time"),
        ("year EZLN voted to become an offensive armed organization", "time"),
        ("fecha del levantamiento zapatista", "time"),
        ("precio café zapatista por kilo", "money"),
        ("zapatista coffee price", "money"),
        ("zapatista coffee prices", "money"),
        ("ALBA year founded", "time"),  # "a year" is none, "ALBA year" is one
        ("Vía Campesina año de fundación", "time"),
        ("revolución cubana año", "time"),
        ("año en que se fundó el ALBA", "time"),  # asked by a clause
        ("the year in which ALBA was founded", "time"),
        ("founding members of ALBA", None),
        # a year counted, repeated or pointed at, or no date at all
        ("30 year anniversary of the EZLN", None),
        ("year-long ceasefire", None),
        ("MST members each year", None),
        ("cada año el MST", None),
        ("ALBA countries that year", None),
        ("el año pasado en Chiapas", None),
        ("up to date news on ALBA", None),
        ("new year speech of Marcos", None),
        # a cost that is no money
        ("human cost of the Zapatista uprising", None),
        ("costo político del ALBA", None),
        # a count, a unit, a toll of people or a name, named by its noun ("a number of" is "several")
        ("number of MST members", "quantity"),
        ("MST membership count", "quantity"),
        ("número de soldados enviados a Chiapas", "quantity"),
        ("china loans to venezuela total billions", "quantity"),
        ("a number of left-wing alliances", None),
        ("un número de alianzas", None),
        ("zapatista coffee tons exported per year", "tons"),
        ("barriles diarios Venezuela Cuba", "barrels"),
        ("muertos levantamiento zapatista 1994", "people"),
        ("zapatista uprising death toll", "people"),
        ("cause of death of Trotsky", None),
        ("Día de Muertos Chiapas", None),
        ("subcomandante marcos real name", "name"),
        ("cafe zapatista mexico nombre", "name"),
        ("Name the leading member states of ALBA", None),  # asks to list them
        ("in the name of the people EZLN", None),
        ("en nombre del pueblo EZLN", None),
        ("Tell me the phone number of the MST", "contact"),  # a measure's own type first
        # a statistic, a rate, a population, a killer or a span, named by the noun that heads the
        # query after at most one word: what its question asks for (round 41)
        ("Argentina GDP", "money"),
        ("GDP of Argentina", "money"),
        ("Argentina gross domestic product", "money"),
        ("PIB per cápita de Bolivia", "money"),
        ("Venezuela inflation rate", "percentage"),
        ("tasa de inflación de Venezuela", "percentage"),
        ("Argentina GDP growth", "percentage"),  # a growth is a rate
        ("crecimiento del PIB de Venezuela", "percentage"),
        ("población de Cuba", "people"),
        ("Cuba population", "people"),
        ("asesino de Trotsky", "killer"),
        ("Trotsky killer", "killer"),
        ("duración del conflicto de Chiapas", "duration"),
        # ... or ending it: an English compound's head is its last noun (round 42)
        ("Venezuela annual inflation rate", "percentage"),
        ("Russia Cuba military equipment credit amount", "money"),
        ("Tell me Argentina's gross domestic product.", "money"),
        ("Cuba doctors aid amount", None),  # aid may be in kind
        ("Chiapas indigenous population", None),  # a population described
        ("is the Chiapas population", None),  # a question without its question word
        ("amount of land the MST occupied", None),  # an amount of something else
        # ... with a question mark too, which does not make keywords a question
        ("asesino de Trotsky?", "killer"),
        ("Venezuela inflation rate?", "percentage"),
        ("¿Población de Cuba?", "people"),
        ("Did the price of coffee fall?", None),  # a noun anywhere: what a yes-or-no question is about
        ("Was the GDP of Venezuela high?", None),
        # not heading it, or after a verb: what something else is asked about; a population
        # described; roles, accounts and seats (answered by "leftist President AMLO", "follow my
        # Twitter here", the Fifth order's "headquarters")
        ("famous phrase king of spain chavez", None),
        ("fuente de ingresos zapatistas en el extranjero", None),
        ("population benefited by MST farmland", None),
        ("GDP Argentina", None),
        ("Trotsky killer identity", None),
        ("were the killers of trotsky soviet agents", None),
        ("civilian population protected in the advance", None),
        ("EZLN civilian population", None),
        ("población civil Chiapas", None),
        ("current president of Mexico", None),
        ("King of Spain", None),
        ("twitter del autor", None),
        ("enemy headquarters surrender", None),
        ("EZLN founders", None),
        # with a question word, the noun is only what something else is asked about
        ("How many members did the MST have in its founding year?", "people"),
        ("Which countries joined ALBA in its founding year?", "country"),
        ("Why did the price of coffee fall?", None),
        ("What did the Zapatistas do that year?", None),
    ],
)
def test_a_keyword_query_asks_for_what_its_noun_names(query: str, kind: str | None) -> None:
    assert expected_answer_type(query) == kind


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("I visited the movement in my first trip to Latin America ever as you can read here.", True),
        ("They have more luck when there is a leftist president in office.", True),
        ("When Chávez died, the alliance weakened.", True),
        ("During the quarantine, MST activists distributed seeds.", True),
        ("They returned after the uprising.", True),
        ("Los visité durante mi primer viaje.", True),
        ("Volvieron tras la firma del acuerdo.", True),
        ("In 1993, they voted to turn the EZLN into an offensive one.", True),  # a date still does
        ("A few years ago, I remember going to a Zapatista café.", False),  # vague, as before
        ("When it comes to China, the trade is large.", False),
        ("Some would ask when many things happen.", False),
        ("No one knows when the movement was founded.", False),  # a "when" no one knows
        ("After World War II, they left.", True),
        ("During Chávez's presidency, the alliance grew.", True),
        ("Los visité cuando era joven.", True),
        ("Los visité en mi primera visita a México.", True),
        ("The movement is based in Chiapas.", False),
        # a condition says when something would happen ("When would the army protect them?")
        ("El Ejercito zapatista solo daría protección ante ataques militares o paramilitares.", True),
        ("The army would step in only if the municipalities were attacked.", True),
        ("They fight back in case of an attack.", True),
        ("Solo intervienen en caso de ataque.", True),
        ("The government offers what it can in response to the occupation.", True),
        # a bare "if" / "si" is as often "whether" or an aside; "ante" before an article, a place
        ("But if I keep writing, this will turn into another 200 page thesis.", False),
        ("I tried to see if the MST sells anything.", False),
        ("No está claro si el EZLN aceptará.", False),
        ("Si bien el ALBA nació en Cuba, creció en Venezuela.", False),
        ("Chávez habló ante la Asamblea General de la ONU.", False),
        ("Ante todo, el EZLN es un movimiento indígena.", False),
    ],
)
def test_an_occasion_is_given_by_a_time_or_the_event_it_happened_at(text: str, gives: bool) -> None:
    assert has_answer_type("occasion", text) is gives
    # a date asked for by name is not given by an occasion
    if "1993" not in text:
        assert has_answer_type("time", text) is False


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("It was founded by Joao Pedro Stedile.", True),
        ("La organización fue fundada por campesinos.", True),
        ("Its founders were students from Mexico City.", True),
        ("Pero, para poder alcanzar sus objetivos, formaron el EZLN y una base social.", True),
        ("Students founded the movement in 1984.", True),
        ("The Forum was constituted in 1990 when the Brazilian Workers' Party approached other parties.", True),
        # how it began, with no one who began it
        ("ALBA was founded in December 2004 by Chávez and Castro.", True),
        ("Chávez founded ALBA.", True),
        ("Students from UNAM founded it.", True),
        ("Via Campesina is an organization of 182 organizations that started in Mons, Belgium in 1993.", False),
        ("The school was created the same year.", False),  # a passive, not "created the ..."
        ("The MST was founded in 1984.", False),
        ("The movement was created to defend land rights.", False),
    ],
)
def test_a_founder_is_given_with_whoever_founded(text: str, gives: bool) -> None:
    assert has_answer_type("founder", text) is gives


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("they even had a visit from the Venezuelan Minister for Communities and Social Movements Elias Jaua.", True),
        ("Consequently, the spokesperson for the EZLN, Subcomandante Marcos, was hesitant.", True),
        ("To Venezuelan President Maduro showing his political support to Evo Morales.", True),
        ("the president of the ALBA Bank, Raúl Li Causi, held a meeting.", True),
        ("the director of the Latin American Department of the Russian Federation, Alexander Shchetinin.", True),
        ("Evo Morales, Bolivia's president, spoke.", True),  # a name of two words may open the sentence
        ("Today Maduro governs Venezuela.", True),  # a verb of leading after a name
        ("President AMLO demanded an apology.", True),  # an acronym right after the role
        ("the movement is led by its national coordination", True),  # a passive with its agent
        ("They encourage people to “host a MST leader” in their area.", False),
        ("The President of the Republic of Cuba spoke.", False),  # a role and a country, no one named
        ("Leader of many, he spoke.", False),
        ("Officials said the president would speak.", False),  # a sentence's first word alone is no name
        ("Maduro governs Venezuela.", False),  # nor is it before a verb of leading
        ("The leaders of the movement met in Chiapas.", False),  # a place after "in"
        # demonyms, regions, days, organisations' words and roles are no names
        ("The Mexican president spoke.", False),
        ("The Venezuelan leader arrived.", False),
        ("The National Coordinators met.", False),
        ("The head of the Zapatista Army spoke.", False),
        ("The president of the Latin American Bank spoke.", False),
        ("The president of the country spoke on Monday.", False),
        ("The president of the country, Monday, said so.", False),
        ("As you can see here between Chavez and the King of Spain.", False),  # a name, not next to the role
        ("Heads of State met.", False),
        ("The road runs along the border.", False),
    ],
)
def test_a_role_is_given_with_the_name_of_who_holds_it(text: str, gives: bool) -> None:
    assert has_answer_type("role", text) is gives


@pytest.mark.parametrize(
    ("text", "besides", "names"),
    [
        ("the spokesperson for the EZLN, Subcomandante Marcos, was hesitant", ("Marcos",), False),
        ("the spokesperson for the EZLN, Subcomandante Marcos, was hesitant", ("marcos",), False),  # any case
        ("Subcomandante Marcos’s successor, Subcomandante Moisés, spoke", ("Marcos",), True),
        ("the president of the ALBA Bank, Raúl Li Causi, met them", ("Raúl Li Causi",), False),
        ("the president of the ALBA Bank, Raúl Li Causi, met them", ("Li",), True),  # a name, not a word of one
        ("Raúl Castro became president of Cuba.", ("Fidel Castro",), True),
        ("President AMLO of Mexico helped Cuba", ("AMLO",), False),
        ("the movement is led by its national coordination", ("Marcos",), True),
        # a name set aside leaves no capitalised word for the next one to pair with
        ("the spokesperson for the EZLN, Subcomandante Marcos  How many medics", ("Marcos",), False),
    ],
)
def test_a_role_held_only_by_people_set_aside_names_no_holder(text: str, besides: tuple[str, ...], names: bool) -> None:
    assert names_role_holder(text) is True
    assert names_role_holder(text, besides=besides) is names


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("How do I make cold brew coffee at home?", True),
        ("What's the best way to cook quinoa?", True),
        ("how to renew a mexican passport", True),
        ("Give me a recipe for arepas", True),
        ("¿Cómo se prepara el mole poblano?", True),
        ("como renovar el pasaporte mexicano", True),
        ("receta de arepas venezolanas", True),
        ("¿Cuál es la mejor forma de aprender español?", True),
        ("consejos para viajar a Chiapas", True),
        # asking how something happened, or how to say something, asks for no instructions
        ("How did the Zapatistas fund their movement?", False),
        ("¿Cómo se financian los zapatistas?", False),
        ("How would you translate 'campesino'?", False),
        ("¿Cómo ayudó Cuba a Venezuela?", False),
        # knowing, explaining or naming something is no instruction; nor is "como" ("as") in a sentence
        ("How do we know the author visited Chiapas?", False),
        ("How can one explain the rise of the pink tide?", False),
        ("¿Cómo se hace llamar el subcomandante?", False),
        ("¿Qué países, como se puede ver en el mapa, apoyan al ALBA?", False),
        ("¿Qué instrucciones dio Marcos a sus tropas?", False),
    ],
)
def test_a_question_asking_for_instructions(question: str, asks: bool) -> None:
    assert asks_procedure(question) is asks


def test_what_instructions_are_for_is_named_by_the_words_left() -> None:
    assert procedure_subject("How do I make cold brew coffee at home?") == {"cold", "brew", "coffee", "home"}
    assert procedure_subject("¿Cómo puedo apoyar al MST?") == {"apoyar", "mst"}
    assert procedure_subject("Can you give me a recipe for Mexican mole sauce?") == {"mexican", "mole", "sauce"}
    assert procedure_subject("receta de arepas") == {"arepas"}
