import pytest

from qa.asked import (
    AskedFor,
    about_other_countries,
    asked_for,
    asked_of_names,
    founded_another,
    gives,
    gives_occasion,
    gives_role_of,
    names_nothing,
    names_subject,
    people_set_aside,
    role_holder,
    shares_asked_term,
    without_lead_in,
    without_names,
    without_set_aside,
)


def test_the_holder_of_the_role_a_question_asks_about() -> None:
    assert role_holder("Who is the current president of Cuba?") == ("cuba",)
    assert role_holder("¿Quién es el presidente actual de Bolivia?") == ("bolivia",)
    assert role_holder("¿Quién era el portavoz del EZLN que se mostraba reacio?") == ("ezln",)
    assert role_holder("Who was the head of the ALBA Bank at the time of the talks?") == ("alba", "bank")
    assert role_holder("who is the prime minister of canada") == ("canada",)
    assert role_holder("Who currently leads the MST?") == ()  # no "of": any role answers
    # function words and "Republic" name no one: they would be found next to any role
    assert role_holder("Who is the current president of the Republic of Cuba?") == ("cuba",)
    assert role_holder("¿Quién es el presidente de la República de Cuba?") == ("cuba",)
    assert role_holder("Who is the president of the Bank of the South?") == ("bank", "south")
    # in the possessive, before the role (round 29)
    assert role_holder("Who was Mexico's president when the Zapatistas rose up in 1994?") == ("mexico",)
    assert role_holder("Who is the ALBA Bank’s current president?") == ("alba", "bank")
    assert role_holder("Who's Cuba's leader?") == ("cuba",)
    assert role_holder("Who wrote Mexico's history of the president?") == ()  # no role asked
    # after "is" or "was", a plural going on is no role asked for: the question asks whom they met (round 30)
    assert role_holder("Who was the Russian official ALBA's national coordinators met with online?") == ()
    assert role_holder("Who were the EZLN's commanders?") == ("ezln",)
    assert role_holder("Who was the EZLN's leaders?") == ("ezln",)  # ending the question, it is asked


def test_a_role_is_given_next_to_its_holder_in_any_form() -> None:
    for text in (
        "Cuban President Díaz-Canel spoke",
        "Cuba’s president spoke",
        "the president of the Republic of Cuba",
        "el presidente de Cuba habló",
        "el presidente cubano habló",
    ):
        assert gives_role_of(("cuba",), text), text
    assert gives_role_of(("ezln",), "the spokesperson for the EZLN, Subcomandante Marcos, was hesitant")
    # another country's president, with the asked-for country further away
    assert not gives_role_of(
        ("bolivia",), "To Venezuelan President Maduro showing his support to Evo Morales of Bolivia"
    )
    assert not gives_role_of(
        ("cuba",), "Mexico has helped out Cuba under leftist President AMLO during one of Cuba’s protests"
    )
    assert not gives_role_of(("cuba",), "Cuba sent doctors")  # no role at all


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("In what year did Hugo Chávez die?", "death"),
        ("How did Trotsky die?", "death"),
        ("¿En qué año murió Hugo Chávez?", "death"),
        ("When was Trotsky assassinated?", "death"),
        ("¿Dónde nació León Trotski?", "birth"),
        ("When was Vladimir Putin born?", "birth"),
        ("Who succeeded Evo Morales as president of Bolivia?", "succession"),
        ("¿Quién reemplazó a Evo Morales en la presidencia?", "succession"),
        ("Who replaced the Soviet Union as the ALBA’s partner?", None),  # no office
        ("Who replaced Subcomandante Marcos as the EZLN's spokesperson?", "succession"),
        ("Who replaced Marcos as the Zapatistas' spokesperson?", "succession"),
        ("Who replaced Lula as the Workers' Party's leader?", "succession"),
        ("What groups were formed by landless workers in Brazil?", None),  # what, not when or where
        ("¿Qué alianza se formó contra Occidente?", None),
        ("In which Brazilian state was the Landless Workers Movement founded?", "founding"),
        ("¿Cuándo se fundó el EZLN?", "founding"),
        # yes/no questions, and questions only mentioning the event, ask for no event
        ("Were the people who originally founded the Zapatista movement themselves indigenous?", None),
        ("How many people died in 1994?", None),
        ("Under what circumstances does the MST tend to succeed more?", None),
        ("Who won Bolivia's election after Evo Morales lost power?", "win"),
        ("¿Quién ganó las elecciones en Bolivia?", "win"),
        ("Which party won the 2018 election in Mexico?", "win"),
        ("How much farmland has the MST won?", None),  # an amount, not who won
        ("How many families have benefited from the farmland the MST has won?", None),
        # a count of what was lost, or taken back from someone
        ("How many municipalities did the army take back from the Zapatistas?", "loss"),
        ("How many of the municipalities it had seized did the EZLN later lose?", "loss"),
        ("How many towns did the army recover from the rebels?", "loss"),
        ("¿Cuántos municipios perdieron los zapatistas?", "loss"),
        ("¿Cuántos municipios le recuperó el ejército a los zapatistas?", "loss"),
        ("cuántos municipios recuperó el ejército de manos zapatistas", "loss"),
        ("How much farmland has the MST recovered?", None),  # recovered for itself, from no one
        ("¿Cuántas hectáreas ha recuperado el MST?", None),
        ("Did the Zapatistas lose all the territory they took?", None),  # no count
        ("When did Evo Morales lose power?", None),
        ("¿Cuántos de los municipios que tomó el EZLN perdió?", "loss"),  # a relative clause describes them
        ("How many of the municipalities that it took did the EZLN lose?", "loss"),
        # lives lost are deaths; a loss in a clause of time is not what is counted
        ("How many people lost their lives in the uprising?", None),
        ("How many lives were lost?", None),
        ("¿Cuántas personas perdieron la vida?", None),
        ("How many municipalities did the EZLN take before it lost support?", None),
        ("¿Cuántos municipios tomó el EZLN antes de perder apoyo?", None),
        ("¿Cuántas veces pidió perdón el rey?", None),  # "perdón" is no loss
        ("¿Cuántas hectáreas ha recuperado el MST en algunos estados?", None),
        ("¿Cuántas hectáreas ha recuperado el MST a lo largo de los años?", None),
        ("How much land has the MST regained?", None),  # from no one
        ("How many votes did Morales get back?", None),
        ("¿Cuánto territorio perdieron los zapatistas?", "loss"),  # singular "cuánto"
        ("¿Cuántos municipios fue perdiendo el EZLN?", "loss"),
        ("¿Cuántos municipios pierde el EZLN cada año?", "loss"),
        ("¿Cuántos municipios reconquistó el ejército?", "loss"),  # taking back, from whoever held them
        ("¿Cuántos municipios les recuperó el ejército?", "loss"),
        ("How many people lost their life in the war?", None),
        ("How many towns did the EZLN hold when it lost support?", None),
        ("¿Cuántos municipios controlaba el EZLN cuando perdió apoyo?", None),
        # recovering from a time is from no one
        ("¿Cuántas hectáreas recupera el MST al año?", None),
        ("¿Cuántas hectáreas ha recuperado el MST a la fecha?", None),
        ("How much land did the MST recover from 2000 to 2010?", None),
        # what someone named said
        ("What did Dilma Rousseff say about the landless workers movement?", "statement"),
        ("what did dilma rousseff say about the landless workers movement", "statement"),
        ("¿Qué declaró Evo Morales sobre el respaldo de Rusia?", "statement"),
        ("que dijo maduro", "statement"),
        ("What did the King of Spain tell Chávez?", None),  # no name after the verb
        ("¿Qué le dijo el rey de España a Chávez?", None),
        ("What does the author say about the Zapatistas?", None),
        ("What did Marcos think about going on the offensive?", None),  # thinking, not saying
        ("¿Qué opina Evo Morales de Rusia?", None),
        ("What does Via Campesina say about food sovereignty?", None),  # a position, in the present
        ("¿Qué dice La Vía Campesina de la soberanía alimentaria?", None),
    ],
)
def test_the_event_a_question_asks_about(question: str, event: str | None) -> None:
    assert asked_for(question).event == event


def test_an_answer_mentions_the_event_asked_about() -> None:
    died = asked_for("In what year did Hugo Chávez die?")
    assert died == AskedFor("time", (), "death", ("Hugo", "Chávez"))
    assert not gives(
        died, "Since the latter 2000s, the Kremlin found a receptive audience among Hugo Chavez and others."
    )
    assert gives(died, "Hugo Chávez died in 2013.") and not gives(died, "Hugo Chávez died not too long ago.")
    born = asked_for("¿En qué ciudad nació La Vía Campesina?")
    assert gives(born, "an organization that started in Mons, Belgium")  # an organisation is born when it starts
    assert not gives(asked_for("¿Dónde nació León Trotski?"), "The Soviet Union saw people like Trotsky a threat")
    succeeded = asked_for("Who succeeded Evo Morales as president of Bolivia?")
    assert not gives(succeeded, "Maduro showed his political support to Evo Morales of Bolivia")
    assert gives(succeeded, "Luis Arce succeeded Evo Morales")
    # whose event: the question's names (none in a lowercase question)
    assert not names_subject(asked_for("Where did Hugo Chávez die?"), "Trotsky took an ice axe in Mexico City and died")
    assert names_subject(asked_for("Where did Trotsky die?"), "Trotsky took an ice axe in Mexico City and died")
    assert names_subject(asked_for("how did trotsky die?"), "He took an ice axe in Mexico City and died")
    said = asked_for("¿Qué declaró Evo Morales sobre Rusia?")
    assert said.subject == ("Evo", "Morales")  # the speaker, not "Rusia"
    assert not gives(said, "Russia supported Evo Morales during the time he lost political power")
    assert not gives(said, "And Maduro here saying “hands off Venezuela!”")  # someone else's words
    assert gives(said, "Evo Morales said Russia was a friend")
    assert gives(said, "There is a video of him demanding an apology")  # named in the sentence before
    assert asked_for("que dijo maduro").subject == ("maduro",)
    shchetinin = asked_for("What did Alexander Shchetinin say at the ALBA meeting?")
    assert not gives(shchetinin, "The Heads of State met Alexander Shchetinin.")  # a noun, not "states"
    assert gives(shchetinin, "Alexander Shchetinin stated that the meeting went well.")
    president = asked_for("Who is the current president of Cuba?")
    assert president == AskedFor("role", ("cuba",), countries=frozenset({"CU"})) and gives(
        president, "Cuban President Díaz-Canel"
    )
    assert not asked_for("What did the Zapatistas want?").anything


def test_who_won_is_answered_by_a_sentence_saying_someone_won() -> None:
    won = asked_for("Who won Bolivia's election after Evo Morales lost power?")
    assert not gives(won, "Outside of Venezuela, Russia supported Evo Morales during the time he lost political power.")
    assert gives(won, "Luis Arce won the 2020 election.") and gives(won, "Luis Arce was elected president in 2020.")
    assert gives(asked_for("¿Quién ganó las elecciones en Bolivia?"), "Luis Arce ganó las elecciones de 2020.")
    assert not gives(won, "Evo Morales won’t accept the result.") and gives(won, "Arce defeats Mesa.")


def test_a_count_of_losses_is_not_given_by_a_count_of_gains() -> None:
    lost = asked_for("How many municipalities did the army take back from the Zapatistas?")
    assert not gives(lost, "el EZLN tomó el control de 38 municipios en el estado de Chiapas")
    assert not gives(lost, "the Zapatistas lost various parts of the territory")  # no count
    assert gives(lost, "The army took back 12 of the 38 municipalities.")
    assert gives(asked_for("¿Cuántos municipios perdieron los zapatistas?"), "Perdieron 12 municipios.")
    assert gives(lost, "The Zapatistas lost 12 municipalities.")
    for taken_back in ("The army recovered 12 municipalities from them.", "The army would retake 12.", "It loses 12."):
        assert gives(asked_for("How many towns did the army recover from the rebels?"), taken_back), taken_back
    for mention in ("Losses ran to 12 municipalities.", "Las pérdidas: 12 municipios.", "Devolvió 12 municipios."):
        assert gives(lost, mention), mention
    assert gives(asked_for("¿Cuántos municipios fue perdiendo el EZLN?"), "El EZLN fue perdiendo 12 municipios.")
    died = asked_for("How many people lost their lives in the uprising?")
    assert gives(died, "About 150 people died.") and gives(
        asked_for("¿Cuántas personas perdieron la vida?"), "Murieron 150 personas."
    )


def test_the_countries_a_fact_is_asked_about() -> None:
    assert asked_for("How many doctors did Cuba send to Bolivia?").countries == {"CU", "BO"}
    assert asked_for("¿Cuántos barriles envía Venezuela a Nicaragua?").countries == {"VE", "NI"}
    assert asked_for("Why did Cuba send doctors to Bolivia?").countries == set()  # no kind of answer asked for
    asked = asked_for("How many doctors did Cuba send to Bolivia?")
    assert about_other_countries(asked, "Cuba provided Venezuela with 31,000 Cuban doctors.", "")
    assert not about_other_countries(asked, "Cuban doctors arrived in Bolivia.", "")
    # the passage may mention it: "... Bolivia. Cuba sent 5,000 doctors there."
    assert not about_other_countries(asked, "Cuba sent 5,000 doctors to Venezuela.", "Bolivia asked Cuba for help.")
    assert not about_other_countries(AskedFor("quantity"), "Cuba provided Venezuela with doctors.", "")
    # other countries named elsewhere in the passage do not count
    assert not about_other_countries(asked, "Cuba sent 5,000 doctors.", "Venezuela and Peru asked for them.")


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        # the country in another form than the question's
        ("How many soldiers did Russia send to Venezuela?", "Moscú envió 1.000 soldados rusos a Venezuela en 2019."),
        ("How many US doctors arrived in Honduras?", "Los médicos estadounidenses que llegaron a Honduras eran 300."),
        ("¿Cuántos médicos de EE. UU. llegaron a Honduras?", "The American doctors who reached Honduras were 300."),
        ("How many UK troops were in the Falklands?", "Las tropas británicas en las Malvinas eran 1.200 en Argentina."),
        ("¿Cuántos venezolanos viven en Brasil?", "About 260,000 Venezuelans live in Brazil."),
        ("How many Venezuelans live in Brazil?", "Unos 260.000 venezolanos viven en Brasil."),
        # no country named in the passage: it is left to the paragraphs before
        ("When did the Mexican FLN change its name to the EZLN?", "Overtime, the FLN changed its name in 1983."),
        (
            "How many hectares of coffee do farmers in El Salvador grow?",
            "Salvadoran farmers near Guatemala grow 2,000 ha.",
        ),
    ],
)
def test_a_passage_about_the_countries_asked_in_any_form_is_not_about_others(question: str, passage: str) -> None:
    assert not about_other_countries(asked_for(question), passage, "")


def test_a_sentence_saying_something_else_was_founded_gives_no_founding() -> None:
    forum = "The Forum of São Paulo was constituted in 1990 when the Brazilian Workers' Party approached other parties."
    party = asked_for("In what year was Brazil's Workers' Party founded?")
    assert founded_another(party, forum) and not gives(party, forum)
    assert gives(asked_for("When was the Forum of São Paulo founded?"), forum)
    assert gives(asked_for("¿En qué año se fundó el Foro de São Paulo?"), forum)  # a word of its name
    # no name before the founding verb: left to the passage ("las FLN ..., una organización formada en ...")
    assert not founded_another(party, "It was founded in 1980 by unionists.")
    assert not founded_another(asked_for("What did the Workers' Party do?"), forum)  # no founding asked
    # an acronym may stand for the name founded: "the MST" for "the Landless Workers Movement"
    movement = "The Landless Workers Movement was founded in 1984 by rural workers."
    assert not founded_another(asked_for("When was the MST founded?"), movement)


def test_who_founded_something_is_not_answered_by_the_founding_of_another() -> None:
    forum = "“The Forum of São Paulo was constituted in 1990 when the Brazilian Workers' Party approached other parties"
    party = asked_for("¿Quién fundó el Partido de los Trabajadores de Brasil?")
    assert party.kind == "founder" and party.subject == ("Partido", "Trabajadores", "Brasil")
    assert founded_another(party, forum) and not gives(party, forum)
    # the forum's own founder is given by the same sentence: the party, in its "when" clause
    assert gives(asked_for("Who founded the São Paulo Forum?"), forum)
    assert gives(party, "El partido fue fundado por sindicalistas en 1980.")


@pytest.mark.parametrize(
    ("question", "text", "answers"),
    [
        # the occasion must be another event than the one asked about
        (
            "When did the author first visit the Zapatistas?",
            "I visited the movement in my first trip to Latin America.",
            True,
        ),
        (
            "When did the MST distribute seeds?",
            "During a heavily militarized quarantine, MST activists distribute seeds.",
            True,
        ),
        ("When did the crisis in Venezuela start?", "During the crisis in Venezuela, China supplied riot gear.", False),
        ("When did the author visit the MST?", "Next, when I was visiting the MST and MTST, I noticed", False),
        ("When did Russia help Nicaragua?", "when Russia only a few days ago helped Nicaragua", False),
        ("When did the quarantine begin?", "During a heavily militarized quarantine, MST activists work.", False),
        ("When did the EZLN take Chiapas?", "In 1994, the EZLN took several municipalities.", True),  # a date as before
        # a term of the question in the occasion counts when the rest of the sentence has it too
        (
            "When did China supply riot-control equipment to Venezuela?",
            "During the crisis in Venezuela, China supplied riot-control equipment to Venezuelan authorities.",
            True,
        ),
        ("When did the FLN end its activities?", "The FLN dissolved before long.", False),  # no occasion
        ("When did they occupy the farm?", "They occupied the farm after lunch.", False),
    ],
)
def test_a_bare_when_is_answered_by_a_date_or_another_event(question: str, text: str, answers: bool) -> None:
    assert gives(asked_for(question), text) is answers


@pytest.mark.parametrize(
    ("question", "text", "across_languages"),
    [
        # across languages "cuarentena" cannot be matched with "quarantine": an event named by a noun
        # after "during" may be the one asked about, so it does not count
        ("¿Cuándo fue la cuarentena en Zambia?", "During a heavily militarized quarantine, MST activists work.", False),
        ("¿Cuándo creció la alianza?", "After the crisis in Venezuela, the alliance grew.", False),
        # what the occasion says of one's own trip, or in a clause, is no event named by a noun
        (
            "¿Cuándo visitó el autor a los zapatistas?",
            "I visited the movement in my first trip to Latin America.",
            True,
        ),
        ("¿Cuándo visitó el autor a los zapatistas?", "I visited them during my first visit to Mexico.", True),
        ("¿Cuándo consigue tierras el MST?", "It gets land when there is a leftist president in office.", True),
    ],
)
def test_an_occasion_naming_an_event_counts_only_in_the_questions_language(
    question: str, text: str, across_languages: bool
) -> None:
    asked = asked_for(question)
    assert gives_occasion(asked, text, same_language=False) is across_languages
    assert gives_occasion(asked, text)  # in one language, the question's words tell the events apart


_CAFE = "A few years ago, I remember going to a Zapatista café as I was writing something on the movement."


@pytest.mark.parametrize(
    ("question", "text", "shares"),
    [
        ("¿Cuándo visitó el autor el movimiento zapatista?", "I visited the movement in my first trip.", True),
        ("When did the author first go see the Zapatistas?", "I visited the movement in my first trip.", True),
        # only the names: what the sentence tells of them may be another event
        ("When did Evo Morales first become president?", "Russia supported Evo Morales when he lost power.", False),
        ("When did Venezuela join ALBA?", "Outside of Venezuela, ALBA met during the crisis.", False),
        ("When did the Zapatistas travel to Europe?", "When the Zapatistas arrived, they did sell coffee.", False),
        # only what the better sentence shares too ("movement")
        ("When was the author writing on the Zapatista movement?", "I visited the movement in my first trip.", False),
    ],
)
def test_an_occasion_further_behind_must_share_a_term_besides_the_names(question: str, text: str, shares: bool) -> None:
    asked = asked_for(question)
    assert asked.kind == "occasion"
    assert shares_asked_term(asked, text, besides=_CAFE) is shares


@pytest.mark.parametrize(
    ("question", "text", "answers"),
    [
        ("Who founded the MST?", "The MST has created a school in every settlement.", False),  # something else
        ("Who founded the MST?", "Students founded a school next to the MST camp.", False),
        ("Who founded the MST?", "Students from UNAM founded it.", True),
        ("¿Quién creó el EZLN?", "Pero, para poder alcanzar sus objetivos, formaron el EZLN y una base social.", True),
        ("who founded the ezln?", "The FLN was founded by Mexican students.", False),  # lower case: its terms
        ("who founded the fln?", "The FLN was founded by Mexican students.", True),
        # a place before "was founded" is not what was founded
        ("Who founded the cooperative?", "The cooperative in Chiapas was founded in 1998 by forty families.", True),
        ("¿Quién fundó la cooperativa?", "La cooperativa de Chiapas fue fundada por cuarenta familias.", True),
        ("Who founded the MST?", "The founders of the EZLN were students.", False),  # the founders of another
        ("Who founded the EZLN?", "The founders of the EZLN were students.", True),
        ("Who founded the MST?", "Students founded the Landless Workers Movement (MST) in 1984.", True),
        ("Who started the MST?", "Students started the MST in 1984.", True),
    ],
)
def test_who_founded_is_answered_by_whoever_founded_what_was_asked(question: str, text: str, answers: bool) -> None:
    assert gives(asked_for(question), text) is answers


@pytest.mark.parametrize(
    ("question", "text", "answers"),
    [
        ("Who was the president of Chile?", "The president of Chile, Salvador Allende, was overthrown.", True),
        ("Who is the minister of foreign affairs?", "The minister of Foreign Affairs spoke.", False),
        ("Who is the leader of the front?", "The leader of the Sandinista Front spoke.", False),
    ],
)
def test_a_role_holder_is_a_person_not_what_the_role_is_of(question: str, text: str, answers: bool) -> None:
    assert gives(asked_for(question), text) is answers


MARCOS = "Consequently, the spokesperson for the EZLN, Subcomandante Marcos, was hesitant."


@pytest.mark.parametrize(
    ("question", "set_aside", "text", "answers"),
    [
        ("¿Quién dirige actualmente el EZLN tras el subcomandante Marcos?", ("Marcos",), MARCOS, False),
        ("Who leads the EZLN after Marcos's retirement?", ("Marcos",), MARCOS, False),
        ("Who leads the EZLN after Marcos’ retirement?", ("Marcos",), MARCOS, False),
        ("WHO LEADS THE EZLN AFTER SUBCOMANDANTE MARCOS?", ("MARCOS",), MARCOS, False),
        (
            "Who leads the EZLN after Subcomandante Marcos?",
            ("Marcos",),
            "The EZLN is led by Subcomandante Moisés.",
            True,
        ),
        ("Who was the spokesperson of the EZLN before Subcomandante Moisés?", ("Moisés",), MARCOS, True),
        # a name shared with the holder's is not the holder's ("Raúl Castro" is not "Fidel Castro")
        (
            "Who was the president of Cuba after Fidel Castro?",
            ("Fidel Castro",),
            "Raúl Castro became president of Cuba.",
            True,
        ),
        (
            "¿Quién fue el presidente de Cuba después de Fidel Castro?",
            ("Fidel Castro",),
            "El presidente cubano Raúl Castro habló.",
            True,
        ),
        # names the question does not set aside, role words and what the role is of remain
        ("Who is the President of Cuba?", (), "Cuban President Díaz-Canel", True),
        ("Who was the spokesperson of the EZLN?", (), MARCOS, True),
        ("Who is the president of Venezuela, Maduro?", (), "To Venezuelan President Maduro showing support.", True),
    ],
)
def test_a_role_held_by_whom_the_question_sets_aside_is_no_answer(
    question: str, set_aside: tuple[str, ...], text: str, answers: bool
) -> None:
    asked = asked_for(question)
    assert asked.kind == "role" and asked.people_set_aside == set_aside
    assert gives(asked, text) is answers
    assert people_set_aside("When did Subcomandante Marcos speak after Fidel Castro?") == ("Fidel Castro",)
    # the same words set people aside as set things aside for retrieval (asked._SET_ASIDE), with its
    # refinements, besides those of before and after
    assert people_set_aside("¿Quién, además del presidente Maduro, viajó a Moscú?") == ("Maduro",)
    assert people_set_aside("Who led the EZLN, none other than Marcos?") == ()
    assert people_set_aside("¿Quién dirige el EZLN, excepto que Marcos se retiró?") == ()
    assert people_set_aside("Who led the EZLN, except for the fact that Marcos retired?") == ()
    # unlike a thing set aside for retrieval, a person may follow with a word that ends like a verb
    assert people_set_aside("Who, besides former president Lula, attended the Forum?") == ("Lula",)
    assert people_set_aside("Who, besides Minister Lavrov, visited Caracas?") == ("Lavrov",)
    assert people_set_aside("¿Quién, además de Óscar Arias, ganó el premio?") == ("Óscar Arias",)
    assert people_set_aside("¿Quién gobernó Venezuela después del presidente Chávez?") == ("Chávez",)


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("Apart from Russia and China, which countries have backed them?", "which countries have backed them?"),
        ("¿Qué países han mostrado solidaridad además de Rusia y China?", "¿Qué países han mostrado solidaridad?"),
        ("Which countries, besides Russia, backed them?", "Which countries backed them?"),
        ("¿Cuántos soldados envió Rusia, además de aviones?", "¿Cuántos soldados envió Rusia?"),
        ("Aparte de Europa, ¿en qué países se vende el café?", "¿en qué países se vende el café?"),
        ("Who else, besides Marcos", "Who else"),
        ("Apart from Russia, China, and Iran, which countries backed them?", "which countries backed them?"),
        ("Which countries backed them besides Russia and China?", "Which countries backed them?"),
        # "fuera de" is "outside"; nothing would be left
        ("¿Han viajado los zapatistas fuera de México?", None),
        ("Besides?", None),
        # without a comma, only names are left out at the end: the rest may be the question's verb
        ("Which movement besides the MST did the author visit in Brazil?", None),
        ("¿Qué movimiento además del MST ha visitado el autor?", None),
        ("Which countries besides Russia sent bombers to Venezuela?", None),
        ("Did anyone besides the author visit the Zapatista school?", None),
        ("What is sold besides coffee by the Zapatista cooperatives?", None),
        ("¿Qué países además de Rusia enviaron bombarderos?", None),
        # between commas, a list that goes on is not left out in part
        ("¿Qué países, excepto Cuba, Nicaragua y Bolivia, forman parte del ALBA?", None),
        # other senses, and actions, are not set aside
        ("¿Qué organización salvo a los campesinos?", None),
        ("¿Cómo sobrevivió el MST sin contar con apoyo del gobierno?", None),
        ("¿Qué hacen los zapatistas excepto cuando hay elecciones?", None),
        ("Is the article neutral, except for the fact that it praises Chávez?", None),
        ("Was it none other than Chávez who founded ALBA?", None),
        ("Besides sending doctors, how many health workers did Cuba train?", None),
        ("Además de enviar médicos, ¿a cuántos sanitarios formó Cuba?", None),
    ],
)
def test_what_a_question_sets_aside_is_left_out_of_the_search(question: str, searched: str | None) -> None:
    assert without_set_aside(question) == (question if searched is None else searched)


def test_leaving_out_what_a_question_sets_aside_takes_linear_time() -> None:
    for question in ("Who" + " " * 1990 + "?", "besides " * 250 + "?", "Which, besides " + "a " * 900 + "?"):
        assert without_set_aside(question)  # a backtracking pattern would take seconds over these runs


def test_which_countries_is_answered_by_a_country_the_question_does_not_name() -> None:
    besides = asked_for("Apart from Russia and China, which countries have backed them?")
    assert besides.kind == "country" and besides.named_countries == {"RU", "CN"}
    assert not besides.countries  # the answer need not mention Russia or China
    assert gives(besides, "We have other countries like Iran and Syria that have showed solidarity.")
    assert not gives(besides, "Both Russia and China have friends in Latin America.")
    visited = asked_for("Which European countries did the Zapatistas visit on their recent trip?")
    assert not gives(visited, "As of recently, the Zapatistas even visited Europe and other continents.")
    assert gives(visited, "They toured Spain, France and Italy.")
    assert gives(asked_for("¿Qué países forman parte del ALBA?"), "Venezuela, Cuba, Bolivia y Nicaragua.")


def test_a_name_is_answered_by_a_name_in_apposition_the_question_does_not_give() -> None:
    sputnik = "the acquisition of the vaccine against COVID- 19, Sputnik V, and thus consolidate the Vaccine Bank"
    assert gives(asked_for("ALBA Russian COVID vaccine name"), sputnik)
    assert gives(asked_for("What was the name of the coronavirus shot the ALBA Bank negotiated for?"), sputnik)
    spokesperson = "Consequently, the spokesperson for the EZLN, Subcomandante Marcos, was hesitant."
    assert gives(asked_for("What was the name of the EZLN's spokesperson?"), spokesperson)
    # the question's own name is no answer to what else it is called, nor the one a text uses to a
    # question asking for a real name
    assert not gives(asked_for("subcomandante marcos real name"), spokesperson)
    assert not gives(asked_for("What is Subcomandante Marcos's real name?"), spokesperson)
    assert not gives(asked_for("What was the spokesperson's real name?"), spokesperson)
    assert not gives(asked_for("¿Cuál es el verdadero nombre del portavoz del EZLN?"), spokesperson)
    assert not gives(asked_for("nombre real del portavoz del EZLN"), spokesperson)


def test_which_party_is_answered_by_a_party_the_question_does_not_name() -> None:
    works_with = asked_for("¿Con qué partido colabora el Movimiento de los Sin Tierra?")
    assert works_with.kind == "party" and not works_with.named_parties
    assert gives(works_with, "the Landless Workers Movement does work with the Workers Party of Brazil")
    assert not gives(works_with, "The MST is part of Via Campesina, a farmers organization.")
    # the party the question names is what it asks about, not an answer (round 30)
    approached = asked_for("Which parties did the Brazilian Workers' Party approach?")
    assert approached.kind == "party" and approached.named_parties == {"workers"}
    assert not gives(
        approached, "The Forum was constituted when the Brazilian Workers' Party approached other parties."
    )
    assert gives(approached, "It approached the Socialist Party of Zambia.")


def test_a_time_the_question_gives_itself_is_no_answer() -> None:
    # a day asked for is given by a weekday, a date is not (round 16)
    meeting = "The coordinators held a telematic meeting this Thursday with Alexander Shchetinin."
    assert gives(asked_for("On what day did the coordinators meet Shchetinin?"), meeting)
    assert not gives(asked_for("On what date did the coordinators meet Shchetinin?"), meeting)
    # a day asked for is a date (round 16)
    for day in ("¿En qué día exacto comenzó el levantamiento zapatista de 1994?", "On what day in 1994 did it begin?"):
        assert asked_for(day).kind == "time" and asked_for(day).within_year
        assert not gives(asked_for(day), "En el levantamiento de 1994 en Chiapas, el EZLN exigía la tierra.")
    exact = asked_for("¿En qué fecha exacta empezó el levantamiento zapatista de 1994?")
    assert exact.kind == "time" and exact.named_times == frozenset({"1994"})
    assert not gives(exact, "En el levantamiento de 1994 en Chiapas, el EZLN exigía la tierra.")
    assert gives(exact, "The uprising began on January 1, 1994.")  # "january" is new
    # a time placed within the year is a time of its own
    assert gives(exact, "Para finales de 1994, el EZLN tomó el control de 38 municipios.")
    assert gives(exact, "It began at the end of 1994.")
    # a bare "when" may be answered by the year it names: the year may only say which event is meant
    bare = asked_for("When did the EZLN decide in 1993 to become offensive?")
    assert bare.kind == "occasion" and not bare.named_times
    assert gives(bare, "In 1993, they voted to turn the EZLN into an offensive organization.")
    # a question naming no time is held to nothing new
    assert gives(asked_for("In what year did the uprising start?"), "In 1994, the uprising started.")
    # some years after another time give no more than the year the question names (round 15);
    # months after it may give a month, and with no time named, a year later is the answer's year
    in_1994 = asked_for("On what date in 1994 did the EZLN release the First Declaration?")
    assert not gives(in_1994, "One year later, the EZLN released the First Declaration.")
    assert not gives(in_1994, "Un año después, el EZLN publicó la Primera Declaración.")
    assert gives(in_1994, "Two months later, the EZLN released the First Declaration.")
    assert gives(asked_for("In what year was the First Declaration released?"), "One year later, it was released.")
    assert not gives(in_1994, "2 years later, the EZLN released the First Declaration.")
    # nor a date, day or month asked for with no time named: a year later gives only the year
    for finer in ("On what exact day did the EZLN issue the First Declaration?", "¿En qué fecha salió la Declaración?"):
        assert not gives(asked_for(finer), "One year later, the EZLN released the First Declaration."), finer
        assert gives(asked_for(finer), "Two months later, the EZLN released the First Declaration."), finer
    # a year asked for after a year the question gives is answered by "One year later" (review)
    after_vote = asked_for("After the 1993 vote, in what year did the EZLN release the First Declaration?")
    assert gives(after_vote, "One year later, the EZLN released the First Declaration.")
    assert gives(asked_for("In what year did the EZLN, founded in 1983, rise up?"), "A decade later, they rose up.")


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        (
            "What did the First Declaration instruct about captives and injured people?",
            "What did the instruct about captives and injured people?",
        ),
        ("¿Los fundadores del EZLN eran indígenas?", "¿Los fundadores del eran indígenas?"),
        ("Según la Primera Declaración, ¿qué se pedía?", "Según la , ¿qué se pedía?"),
        # the first word is no name; a question naming nothing stays as it is
        ("When does the MST get land?", "When does the get land?"),
        ("when does the mst get land", "when does the mst get land"),
    ],
)
def test_a_question_without_its_names_is_what_it_asks_of_them(question: str, aspect: str) -> None:
    assert without_names(question) == aspect


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("What did the EZLN ask for?", "What did the ask for?"),
        ("What is ALBA?", None),  # nothing would be left to ask but "what"
        # question words stem apart ("why" is "whi" too, "cuántos" "cuant"): they ask nothing either
        ("Why the EZLN?", None),
        ("¿Cuántos tiene el MST?", None),
        ("Why did the EZLN rise up?", "Why did the rise up?"),
    ],
)
def test_what_a_question_asks_of_its_names(question: str, aspect: str | None) -> None:
    assert asked_of_names(question) == aspect


@pytest.mark.parametrize("question", ["what?", "Who", "Why not?", "¿Cuántos?", "¿Por qué?", "How many?", "¿y?", "..."])
def test_a_question_of_question_words_alone_names_nothing(question: str) -> None:
    assert names_nothing(question)


@pytest.mark.parametrize("question", ["Who is Marcos?", "Why?  MST", "¿Cuántos miembros tiene?", "1994?", "test"])
def test_a_question_with_another_term_names_something(question: str) -> None:
    assert not names_nothing(question)


def test_a_party_of_another_country_than_the_one_asked_gives_no_party() -> None:
    argentine = asked_for("Which Argentine party is a member of the São Paulo Forum?")
    assert not gives(argentine, "the Brazilian Workers' Party approached other parties")
    assert not gives(argentine, "the brigade donated masks to the Socialist Party of Zambia")
    assert gives(argentine, "the Justicialist Party of Argentina joined it")
    assert gives(argentine, "the Justicialist Party joined it")  # no country said: it may be Argentine
    brazilian = asked_for("¿Con qué partido brasileño colabora el MST?")
    assert gives(brazilian, "the Landless Workers Movement does work with the Workers Party of Brazil")
    # with no country asked, a party of any country answers
    assert gives(asked_for("Which party does the MST work with?"), "the Workers Party of Brazil")
    mexican = asked_for("Which Mexican party won?")
    assert gives(mexican, "the Mexican party Morena won") and not gives(mexican, "the Brazilian party PT won")
    # one of two parties of the country asked about answers
    assert gives(argentine, "the Brazilian Workers' Party and the Justicialist Party of Argentina")
    assert gives(asked_for("¿Cuál es el partido de Santiago Abascal?"), "the right-wing party Vox from Spain")


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("I live in Canada: how can I support the MST?", "how can I support the MST?"),
        ("Para un trabajo en Perú, ¿en qué año se fundó el Foro?", "en qué año se fundó el Foro?"),
        ("¿Qué opina Chile del ALBA?", "Qué opina Chile del ALBA?"),
        ("What is the GDP of Argentina: nominal or real?", "What is the GDP of Argentina: nominal or real?"),
        ("How can supporters in Australia help the MST?", "How can supporters in Australia help the MST?"),
        # where the answer is to come from (round 42)
        ("According to the piece, when did Dilma Rousseff meet the MST?", "when did Dilma Rousseff meet the MST?"),
        ("Según el artículo, ¿quién era el portavoz del EZLN?", "quién era el portavoz del EZLN?"),
        ("según el texto, cuándo se fundó el ALBA", "cuándo se fundó el ALBA"),
        ("In this article, what does ALBA stand for?", "what does ALBA stand for?"),
        ("According to the article the EZLN rose up.", "According to the article the EZLN rose up."),
        # a question mark inside a quotation opens no question
        ('When did Chávez hear "¿Por qué no te callas?"', 'When did Chávez hear "¿Por qué no te callas?"'),
    ],
)
def test_a_lead_in_before_what_is_asked(question: str, asked: str) -> None:
    assert without_lead_in(question) == asked


def test_a_question_is_typed_without_its_lead_in() -> None:
    # "when" opens what is asked, not the question (round 42)
    assert asked_for("According to the piece, when did Dilma Rousseff meet with MST leaders?").kind == "occasion"
    assert asked_for("según el artículo, ¿quién era el portavoz del EZLN?").kind == "role"
    assert asked_for('In what year did Chávez hear "¿Por qué no te callas?"').kind == "time"
