"""What a question asks for beyond the kind of answer: whose role ("the president of Cuba"),
which event (a death, a birth, a founding, a loss, a succession, a win, what someone said) and of
whom, gathered with the kind in AskedFor; and whether a text gives all of it (pure functions over
strings; used by qa.answer).
docs/EVALUATION.md, round 9."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.acronyms import acronym_asked, stands_for
from qa.answer_types import (
    AUXILIARIES,
    GIVES_FOUNDER,
    GIVES_ROLE,
    OPENS,
    POSSESSIVE_ROLE_QUESTION,
    QUESTION_WORDS,
    ROLES_EN,
    ROLES_ES,
    appositive_names,
    asks_day,
    asks_within_year,
    counted_terms,
    expected_answer_type,
    founding_objects,
    has_answer_type,
    names_role_holder,
    names_weekday,
    occasions,
    parties_named,
    party_asked_countries,
    party_countries,
    times_named,
)
from qa.countries import UPPER, countries_named, mentions_countries
from qa.lexical import query_tokens, same_word, without_possessive
from qa.which_one import named_kind_asked, names_given, numbered

# The holder of the role a question asks about ("the current president of Cuba" -> Cuba, "el
# portavoz del EZLN" -> EZLN): up to four words after "of"/"de", stopping at a word that starts a
# clause of time or place ("the head of the ALBA Bank at the time of ...").
_ROLE_HOLDER = re.compile(
    rf"(?:{ROLES_EN}|{ROLES_ES})(?:e?s)?\s+(?:(?:actual|general|nacional)\s+)?(?:of|for|de|del)\s+(?:(?:the|la|el|los|las)\s+)?"
    r"((?:(?!(?:at|in|on|during|when|before|after|since|today|now|who|which|that|whose|with|and|en|durante|cuando|antes|hoy|desde|que|quien|cuyo|cuya|con|y)\b)[\w-]+\s*){1,4})",
    re.IGNORECASE,
)
# ... or before the role, in the possessive ("Who was Mexico's president in 1994?" -> Mexico)
_POSSESSIVE_HOLDER = re.compile(rf"\b{POSSESSIVE_ROLE_QUESTION}", re.IGNORECASE)
_ARTICLES = frozenset(("the", "a", "an", "la", "el", "los", "las", "un", "una"))
# words of a holder that name no one in particular ("the Republic of Cuba" is Cuba); function words
# ("of", "de") go too: they are next to every role
_GENERIC_HOLDER_WORDS = frozenset(("republic", "república", "republica", "state", "estado", "federation", "federación"))
# how near the holder is named to a role word: "Cuba's president", "Cuban President X" (before);
# "the president of the Republic of Cuba", "President Díaz-Canel of Cuba" (after), not counting
# articles. "Venezuelan President Maduro ... Evo Morales of Bolivia" names no president of Bolivia.
_HOLDER_BEFORE, _HOLDER_AFTER = 2, 4
_WORD = re.compile(r"\w+")


# Losing, and taking back: the verbs of a count of losses ("loss" in _ASKS_EVENT). Taking back is
# from someone; getting back, regaining or recovering only when from someone is said ("How much
# farmland has the MST recovered?" asks of no loss).
_LOSS_VERBS = (
    r"lose|loses|lost|losing|perd(i[oó]|ieron|er|ido|idos|ida|idas|iera|ieran|iendo|[ií]a|[ií]an)|pierd(e|en|a|an)"
)
_TAKEN_BACK_VERBS = r"(take|takes|took|taken|taking) back|retake|retakes|retook|retaken|recaptur\w*|reconquist\w*"
_GOT_BACK_VERBS = r"(get|gets|got|gotten|win|wins|won) back|regain\w*|recover\w*|recuper\w*|retom\w*"
# from someone, not from a time ("recover from 2000 to 2010", "recupera al año", "a la fecha")
_FROM_SOMEONE = (
    r"from(?!\s+(\d|the (start|beginning|end)\b))|de manos"
    r"|(a (los|las|la|el)|al)(?!\s+(a[nñ]os?|mes(es)?|d[ií]as?|fecha|final|principio|comienzo|inicio|vez)\b)"
)
# up to 80 characters with no word opening a clause of time ("How many did it take before it lost
# support?", "antes de perder apoyo"); a relative clause may describe what is counted ("¿Cuántos de
# los municipios que tomó el EZLN perdió?")
_IN_CLAUSE = r"(?:(?!\b(?:before|after|when|while|until|antes|despu[eé]s|cuando|mientras|hasta)\b)[^?]){0,80}?"
# Events a question asks about, whatever the kind of answer it wants ("When / where / how did
# Trotsky die?", "Who succeeded Evo Morales?"): a sentence that does not mention the event answers
# nothing, however close to the question ("In what year did Hugo Chávez die?" found "Since the latter
# 2000s, the Kremlin's growing anti-Americanism ... Hugo Chavez ..."). Something "born" may be an
# organisation ("¿En qué ciudad nació La Vía Campesina?" / "that started in Mons, Belgium"), so
# how something began gives a birth too. docs/EVALUATION.md, round 9.
_FOUNDED_WORDS = GIVES_FOUNDER.pattern + r"|\b(born|birth\w*|naci(ó|o|eron|miento|d[oa]s?))\b"
# words after "What did …" / "¿Qué dijo …" that name no one in particular: an article or a pronoun
# ("What does the author think …?", "¿Qué le dijo el rey …?")
_NOT_A_SPEAKER_EN = r"(the|a|an|this|that|these|those|it|he|she|they|you|we|i|its|his|her|their|people|some|most)"
_NOT_A_SPEAKER_ES = (
    r"(el|la|los|las|un|una|unos|unas|este|esta|ese|esa|usted|ustedes|[eé]l|ella|ellos|ellas|la gente|su|sus)"
)
# how a sentence refers back to someone named before it
_REFERS_BACK = re.compile(
    r"\b(him|her|his|he|she|they|them|their|it|its"
    r"|the (organi[sz]ation|group|movement|government|forum|party|blog|report|brigade|declaration))\b"
    r"|\b([eé]l|ella|ellos|ellas|su|sus|la organizaci[oó]n|el grupo|el movimiento|el gobierno|el foro|el partido)\b",
    re.IGNORECASE,
)
# "What did Dilma Rousseff say …?", "¿Qué declaró Evo Morales sobre …?": who is asked about (the
# speaker: up to three words, in Spanish up to a preposition). In the past only: "What does Via
# Campesina say about food sovereignty?" asks for its position, which a sentence gives without a verb
# of saying ("Much of its focus is also on the concept of “food sovereignty”").
_ASKS_STATEMENT = re.compile(
    rf"{OPENS}what\s+(did|had)\s+(?!{_NOT_A_SPEAKER_EN}\b)(?P<speaker>(?:[\w’'.-]+\s+){{1,3}}?)"
    r"(say|said|declare|declared|state|stated|claim|claimed)\b"
    rf"|{OPENS}qu[eé]\s+(?:le\s+|les\s+)?(dijo|dijeron|declar[oó]|declararon|afirm[oó]|afirmaron|sostuvo)\s+"
    rf"(?!{_NOT_A_SPEAKER_ES}\b)"
    r"(?P<hablante>\w[\w.-]*(?:\s+(?!(?:de|del|sobre|ante|a|al|en|acerca|con|para|por|cuando|que|y)\b)\w[\w.-]*){0,2})",
    re.IGNORECASE,
)
_ASKS_EVENT = (
    (
        "death",
        re.compile(
            r"\bdid\b[^?]*\bdie\b|\b(was|were)\b[^?]*\b(killed|assassinated|murdered)\b|\bdeath of\b"
            r"|\bmuri(ó|o|eron)\b|\bfalleci(ó|o|eron)\b|\b(fue|fueron)\s+(asesinad|matad)\w*"
            # a time of death asked for by keywords ("Hugo Chávez fecha muerte", "date of death")
            r"|\b(date|year|fecha|a[nñ]o)\s+(of\s+|de\s+(la\s+|su\s+)?)?(death|muerte|fallecimiento)\b"
            r"|\b(death|muerte|fallecimiento)\s+(date|year|fecha|a[nñ]o)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(die[sd]?|dying|death|dead|killed|kill|murder\w*|assassinat\w*|executed|passed away|lives"
            r"|muri(ó|o|eron)|muert[eoa]s?|falleci\w*|asesina\w*|mat(ó|aron|ado)|perdi(ó|eron) la vida)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "birth",
        re.compile(
            r"\b(was|were)\b[^?]*\bborn\b|\bnaci(ó|o|eron)\b|\bbirthplace\b|\blugar de nacimiento\b", re.IGNORECASE
        ),
        re.compile(rf"\b(native of|natal)\b|{_FOUNDED_WORDS}", re.IGNORECASE),
    ),
    (
        # when, where or by whom something was founded: not "What groups were formed by ...?"
        "founding",
        re.compile(
            rf"{OPENS}(when|where|in (what|which) \w+|(what|which) year|by whom|who)\b[^?]*\b(was|were)\b[^?]*"
            r"\b(founded|established|created|formed|set up)\b"
            rf"|{OPENS}(cu[aá]ndo|d[oó]nde|en qu[eé] \w+|por qui[eé]n(es)?|qui[eé]n(es)?)\b[^?]*"
            r"\b(se\s+(fund|cre|form|establec|constitu)\w*|(fue|fueron)\s+(fundad|cread|formad|establecid)\w*)",
            re.IGNORECASE,
        ),
        re.compile(_FOUNDED_WORDS, re.IGNORECASE),
    ),
    (
        # who won (an election, a prize, a war): a sentence about the loser or the race that says
        # nobody won answers nothing ("Who won Bolivia's election after Evo Morales lost power?" /
        # "... Russia supporting Evo Morales during the time he lost political power"); not
        # "How much farmland has the MST won?"
        "win",
        re.compile(
            rf"{OPENS}(who|which \w+|what \w+)\s+(won|wins|will win|has won|had won)\b|\bwinners?\b"
            rf"|{OPENS}(qui[eé]n(es)?|qu[eé] \w+|cu[aá]l(es)?)\s+"
            r"(gan[oó]|ganaron|gana|ganar[aá]|ha ganado|hab[ií]a ganado)\b"
            r"|\bganador(a|es|as)?\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(won(?![’']t)|wins?|winning|winners?|victor(y|ies|ious)|elected|re-?elected|triumph\w*|defeat(s|ed|ing)?|beat"
            r"|gan[oó]|ganaron|ganad[oa]s?|ganador\w*|victorias?|triunf\w*|elegid[oa]s?|electos?|reelect\w*|derrot\w*)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # how many were lost, or taken back from someone: a count of what was taken or held gives
        # neither ("How many municipalities did the army take back from the Zapatistas?" / "el EZLN
        # tomó el control de 38 municipios"); lives lost count the dead, which any count of them gives
        "loss",
        re.compile(
            rf"\b(how (many|much)|cu[aá]nt[oa]s?)\b(?![^?]*\b(li(fe|ves)|vidas?)\b){_IN_CLAUSE}"
            rf"\b(({_LOSS_VERBS}|{_TAKEN_BACK_VERBS})\b|(le|les) ({_GOT_BACK_VERBS})\b"
            rf"|({_GOT_BACK_VERBS})\b{_IN_CLAUSE}\b({_FROM_SOMEONE})\b)",
            re.IGNORECASE,
        ),
        re.compile(
            rf"\b({_LOSS_VERBS}|{_TAKEN_BACK_VERBS}|{_GOT_BACK_VERBS}|losses|p[eé]rdidas?|devolvi\w*)\b", re.IGNORECASE
        ),
    ),
    (
        # who came after someone in an office: not "Who replaced the Soviet Union as ALBA's partner?"
        "succession",
        re.compile(
            rf"{OPENS}who\s+(succeeded|took over from)\b|\bsuccessor\b"
            rf"|{OPENS}qui[eé]n(es)?\s+(sucedi[oó]|relev[oó])\b"
            rf"|{OPENS}who\s+replaced\b[^?]*\b(as|in)\s+(the\s+)?((?:[\w’'-]+\s+){{0,2}}[\w-]+[’'](?:s\s+|\s+))?"
            rf"({ROLES_EN}|office|power)\b"
            rf"|{OPENS}qui[eé]n(es)?\s+(reemplaz[oó]|sustituy[oó])\b[^?]*\b(en la presidencia|en el cargo|en el poder"
            rf"|como\s+({ROLES_ES}))\b|\bsucesor\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(succeed\w*|successor|replac\w*|took over|took (his|her|the) place|took office|assumed"
            r"|became (the )?(president|leader|head)|sucedi\w*|sucesor\w*|reemplaz\w*|sustitu\w*|relev\w*"
            r"|asumi[oó]|tom[oó] posesi[oó]n|pas[oó] a ser)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # what someone named said: a sentence that names them without saying what they said
        # answers nothing ("What did Dilma Rousseff say about the landless workers movement?" / "Someone
        # like Dilma Rousseff."). Only a name right after the verb: "What did the King of Spain tell
        # Chávez?" is answered by a video's title, "What does the author say …?" in the author's own
        # voice, neither with a verb of saying. Not what someone thinks: "¿Qué pensaba Marcos de pasar a
        # la ofensiva?" / "Marcos, was hesitant to take any offensive action".
        "statement",
        _ASKS_STATEMENT,
        re.compile(
            r"\b(say|says|said|saying|state[sd]|stating|statements?|told|tells?|telling|declar\w*|argu\w*"
            r"|claim(s|ed|ing)?|words|speech\w*|demand\w*|call(s|ed|ing)? for|according to|sees\b[^.]{0,80}\bas"
            r"|cit(e|es|ed|ing)|suggest\w*|encourag\w*|advi[cs]e\w*|urg(e|es|ed|ing)|warn\w*|defend(s|ed)? that"
            r"|dij[oe]|dijeron|dicen?|diciendo|afirm\w*|sostuv\w*|sostien\w*|exig\w*|seg[uú]n|cit[oóa]\w*"
            r"|pidi[oó]|pide|advirti[oó]"
            r"|palabras|discurso)\b",
            re.IGNORECASE,
        ),
    ),
)


# the stems of founding words, which say nothing of what was founded
_FOUNDING_TERMS = frozenset(query_tokens("who founded found founders founder created create set up fundó fundaron"))
# how a text mentions each event
_EVENT_MENTIONS = {name: mentions for name, _, mentions in _ASKS_EVENT}


@dataclass(frozen=True)
class AskedFor:
    """What a question's wording asks for: a kind of answer (expected_answer_type), whose role
    (role_holder), an event the answer must mention (death, birth, founding, loss, succession, win,
    statement), of whom: the question's names (``subject``; for a statement, the speaker), and for a
    kind of answer, the countries it is asked about (``countries``: a passage about others does not
    give it)."""

    kind: str | None = None
    holder: tuple[str, ...] = ()
    event: str | None = None
    subject: tuple[str, ...] = ()
    countries: frozenset[str] = frozenset()
    # the numbered things asked about, in the question's order ("the Sixth Declaration": (6, "declar");
    # numbered)
    numbered: tuple[tuple[int, str], ...] = ()
    # a kind of thing known by its name asked which one of ("What film ...?": "film", "movie", ...;
    # named_kind_asked)
    named_kind: tuple[str, ...] | None = None
    # for a bare "when" (kind "occasion"), "who founded" and a name, the question's terms: the occasion,
    # the thing founded or the name that a sentence gives must be another event than the one asked
    # about, the thing asked about, or another name than the question's own (gives)
    terms: frozenset[str] = frozenset()
    # for "which countries" (kind "country"), the countries the question names itself ("Apart from
    # Russia and China, which ...?"): an answer names another, and need not mention these
    named_countries: frozenset[str] = frozenset()
    # for a time asked by name, the times the question gives itself ("¿En qué fecha exacta empezó el
    # levantamiento de 1994?"): an answer gives another (times_named)
    named_times: frozenset[str] = frozenset()
    # a date, a day or a month asked for (answer_types.asks_within_year): with a year the question
    # gives, "One year later" gives nothing finer than it
    within_year: bool = False
    # a day asked for (answer_types.asks_day): a weekday gives it ("this Thursday"), though no date
    day: bool = False
    # for a role asked for, the people the question sets aside ("Who leads the EZLN after
    # Subcomandante Marcos?": "Marcos"; people_set_aside): a sentence naming only them as the
    # holder gives no other
    people_set_aside: tuple[str, ...] = ()
    # for what an acronym stands for (kind "expansion"), the acronym (acronyms.acronym_asked)
    acronym: str | None = None
    # for a count, the terms of what is counted ("How many members ...?": "member"; counted_terms)
    counted: frozenset[str] = frozenset()
    # for a kind known by its name, the question's words that may be names (which_one.names_given):
    # the one asked for is another ("Which university did the author write his thesis on the
    # Zapatistas for?" is not answered by "Zapatista coffee")
    question_names: tuple[str, ...] = ()
    # for "which party" (kind "party"), the parties the question names itself ("Which parties did the
    # Brazilian Workers' Party approach?"): an answer names another (answer_types.parties_named)
    named_parties: frozenset[str] = frozenset()
    # for "which party", the countries the question asks a party of ("Which Argentine party …?":
    # "AR"; answer_types.party_asked_countries): a party named with another country's is no answer
    # ("the Brazilian Workers' Party")
    party_countries_asked: frozenset[str] = frozenset()
    # for a bare "when", the question's terms but its names, question words and auxiliaries
    # ("¿Cuándo visitó el autor el movimiento zapatista?": "visit", "autor", "movimiento", ...): an
    # occasion farther behind the best sentence must share one that sentence lacks (shares_asked_term)
    unnamed_terms: frozenset[str] = frozenset()
    # for a name (kind "name"), whether one in apposition may give it: not for a real name, which is
    # another than the one a text calls someone by ("What was the spokesperson's real name?" / "the
    # spokesperson, Subcomandante Marcos, was hesitant")
    apposition_names: bool = False

    @property
    def anything(self) -> bool:
        # what a sentence must give to be moved first (typed_first); a numbered thing or a named kind
        # only keeps a sentence about another from answering: any sentence not naming one would do
        return self.kind is not None or self.event is not None


_ASKS_REAL_NAME = re.compile(
    r"\b(real|true|birth|legal|actual|original)\s+names?\b|\bnombres?\s+(real(es)?|verdaderos?|de pila|legal(es)?)\b"
    r"|\bverdaderos?\s+nombres?\b",
    re.IGNORECASE,
)
# capitalised words after a question's first: its names ("Hugo Chávez", "Vía Campesina")
_CAPITALISED = re.compile(r"(?<!^)(?<![¿¡])\b[A-ZÁÉÍÓÚÑ][\w’'-]*")


def asked_for(question: str) -> AskedFor:
    kind = expected_answer_type(without_lead_in(question))
    holder = role_holder(question) if kind == "role" else ()
    event = next((name for name, asks, _ in _ASKS_EVENT if asks.search(question)), None)
    named = event is not None or kind == "founder"
    subject = _speaker(question) if event == "statement" else _names(question) if named else ()
    in_question = countries_named(question) if kind is not None else frozenset()
    # the countries a "which countries" question names are what it is not about: an answer names another
    countries, named_countries = (frozenset(), in_question) if kind == "country" else (in_question, frozenset())
    terms = _asked_terms(kind, question)
    named_times = times_named(question) if kind == "time" else frozenset()
    within_year = kind == "time" and asks_within_year(question)
    day = kind == "time" and asks_day(question)
    set_aside = people_set_aside(question) if kind == "role" else ()
    named_kind = named_kind_asked(question)
    return AskedFor(
        kind,
        holder,
        event,
        subject,
        countries,
        tuple(numbered(question)),
        named_kind,
        terms,
        named_countries,
        named_times,
        within_year,
        day,
        set_aside,
        acronym_asked(question) if kind == "expansion" else None,
        counted_terms(question) if kind in ("quantity", "people") else frozenset(),
        names_given(question) if named_kind is not None else (),
        named_parties=parties_named(question) if kind == "party" else frozenset(),
        party_countries_asked=party_asked_countries(question) if kind == "party" else frozenset(),
        unnamed_terms=_unnamed_terms(question) if kind == "occasion" else frozenset(),
        apposition_names=kind == "name" and not _ASKS_REAL_NAME.search(question),
    )


def _names(question: str) -> tuple[str, ...]:
    return tuple(name for name in _CAPITALISED.findall(question.strip()) if query_tokens(name))


def _speaker(question: str) -> tuple[str, ...]:
    """The words naming whom a question asks what they said (_ASKS_STATEMENT), in any case: "que
    dijo maduro" -> ("maduro",)."""
    match = _ASKS_STATEMENT.search(question)
    speaker = (match.group("speaker") or match.group("hablante") or "") if match else ""
    return tuple(word for word in speaker.split() if query_tokens(word))


def _asked_terms(kind: str | None, question: str) -> frozenset[str]:
    if kind in ("occasion", "founder"):
        return frozenset(query_tokens(question)) - _FOUNDING_TERMS
    return frozenset(query_tokens(question)) if kind == "name" else frozenset()


def _unnamed_terms(question: str) -> frozenset[str]:
    words = [word for word in without_names(question).split() if word.casefold() not in AUXILIARIES]
    return frozenset(query_tokens(" ".join(words))) - _QUESTION_WORD_TERMS


def shares_asked_term(asked: AskedFor, text: str, besides: str) -> bool:
    """Whether ``text`` has one of the question's terms besides its names and auxiliaries
    (``unnamed_terms``) that ``besides``, the sentence it would stand before, lacks. A sentence
    sharing only the names may tell when something else happened to them ("When did Evo Morales
    first become president?" / "… supporting Evo Morales during the time he lost political power"),
    and one sharing only what the better sentence shares too is no closer to what was asked ("When
    was the author writing something on the Zapatista movement?" / "I visited the movement in my
    first trip …", behind "… as I was writing something on the movement")."""
    return bool(asked.unnamed_terms.intersection(query_tokens(text)).difference(query_tokens(besides)))


def gives(asked: AskedFor, text: str) -> bool:
    """Whether ``text`` gives what was asked for: the kind of answer (has_answer_type; for a bare
    "when", a time or another event than the one asked about; for a founder, whoever founded what
    was asked about), the role next to its holder (gives_role_of), the event mentioned (for what
    someone said, by them), and not the founding of something else (founded_another)."""
    if not _gives_kind(asked, text) or founded_another(asked, text):
        return False
    if asked.holder and not gives_role_of(asked.holder, text):
        return False
    if asked.event == "statement" and not (names_subject(asked, text) or _REFERS_BACK.search(text)):
        # the words said are someone else's ("What did Evo Morales say about Russia?" / "And Maduro
        # here saying “hands off Venezuela!”", in a passage naming Evo Morales); a sentence may
        # refer to the speaker named before it ("a video here of him demanding that the King of
        # Spain apologize", "The organization sees …")
        return False
    return asked.event is None or bool(_EVENT_MENTIONS[asked.event].search(text))


def _gives_kind(asked: AskedFor, text: str) -> bool:
    if asked.kind == "time":
        # a time the question gives itself is no answer ("On what date did the 1994 uprising start?" /
        # "In 1994, ..."), nor one some years from another for a date, a day or a month ("On what exact
        # day did the EZLN issue the First Declaration?" / "One year later, the EZLN released …"; but
        # "After the 1993 vote, in what year …?" is answered so); a bare "when" may be answered by its
        # year (the question may name it to say which event it means)
        finer = asked.within_year
        return bool(times_named(text, finer_than_years=finer) - asked.named_times) or (
            asked.day and names_weekday(text)
        )
    if asked.kind == "occasion":
        return has_answer_type("time", text) or gives_occasion(asked, text)
    if asked.kind == "founder":
        return any(_founded_asked(asked, founded) for founded in founding_objects(text))
    if asked.kind == "role" and asked.people_set_aside:
        return names_role_holder(text, besides=asked.people_set_aside)
    if asked.kind == "country":
        return bool(countries_named(text) - asked.named_countries)
    if asked.kind == "party":
        # a party of another country than the one asked about is none ("Which Argentine party …?" /
        # "the Brazilian Workers' Party"); one named without its country may be of any
        return any(
            name not in asked.named_parties
            and (not countries or not asked.party_countries_asked or countries & asked.party_countries_asked)
            for name, countries in party_countries(text).items()
        )
    if asked.kind == "expansion" and asked.acronym is not None:
        return stands_for(asked.acronym, text)
    if asked.kind == "name":
        # a name in apposition answers when it is not the question's own ("ALBA Russian COVID vaccine
        # name" / "..., Sputnik V, ..."; not "Subcomandante Marcos real name" / "..., Subcomandante
        # Marcos, was hesitant")
        return has_answer_type("name", text) or (
            asked.apposition_names and any(set(query_tokens(name)) - asked.terms for name in appositive_names(text))
        )
    return has_answer_type(asked.kind, text)


# Something named as what was founded, in the passive ("The Forum of São Paulo was constituted in 1990
# when the Brazilian Workers' Party approached ...", "La Vía Campesina fue fundada en ..."): the
# name right before "was founded" is what was founded, whatever other names the sentence holds.
_FOUNDED_NAMED = re.compile(
    r"\b(?!(?:It|This|That|These|Those|He|She|They|We|Ella|Ellos|Ellas|Esta|Este|Esto|Eso)\s)"
    rf"((?:[{UPPER}][\w’'-]*\s+)(?:(?:of|de|del|do|da|the|la|el)\s+|[{UPPER}][\w’'-]*\s+){{0,5}})"
    r"(?:was|were|fue|fueron)\s+(?:first\s+|originally\s+)?"
    r"(?:founded|constituted|established|created|formed|set up|fundad[oa]s?|constituid[oa]s?|cread[oa]s?"
    r"|formad[oa]s?|establecid[oa]s?)\b"
)


_NAME_RUN = re.compile(rf"[{UPPER}][\w’'-]*(?:\s+[{UPPER}][\w’'-]*)*")


def people_set_aside(question: str) -> tuple[str, ...]:
    """The names a question sets aside with "after", "before", "besides", "tras", "antes de", ...
    ("Who was the president of Cuba after Fidel Castro?": "Fidel Castro"), without role words
    ("Subcomandante Marcos's retirement": "Marcos") or a possessive ending."""
    names = []
    for clause in _SETS_ASIDE_PEOPLE.finditer(question):
        for run in _NAME_RUN.findall(clause.group(1)):
            words = [without_possessive(word) for word in run.split() if not GIVES_ROLE.fullmatch(word)]
            if words:
                names.append(" ".join(words))
    return tuple(names)


def gives_occasion(asked: AskedFor, text: str, *, same_language: bool = True) -> bool:
    """Whether ``text`` gives an occasion (answer_types.occasions) that is another event than the
    question's (_another_event). Across languages (``same_language`` False) the question's words
    cannot be compared with the occasion's, so one naming an event by a noun does not count: it may
    be the very event asked about ("¿Cuándo fue la cuarentena en Zambia?" / "During a heavily
    militarized quarantine, MST activists work …")."""
    return any(_another_event(asked, o, text) for o in occasions(text, named_events=same_language))


def _another_event(asked: AskedFor, occasion: str, text: str) -> bool:
    """Whether an occasion (answer_types.occasions) of ``text`` is another event than the
    question's: it names none of the question's terms that the rest of the sentence leaves out.
    "When did the crisis in Venezuela start?" is not answered by "During the crisis in Venezuela,
    China supplied ..." ("crisis" is only in the occasion); "When did China supply riot-control
    equipment to Venezuela?" is ("Venezuela" is also in the rest, as "Venezuelan")."""
    words = set(query_tokens(occasion))
    rest = text.replace(occasion, " ")
    rest_terms, rest_words = set(query_tokens(rest)), _WORD.findall(rest)
    only_in_occasion = {
        term
        for term in words & asked.terms
        if term not in rest_terms and not any(same_word(word, term) for word in rest_words)
    }
    return bool(words) and not only_in_occasion


def _founded_asked(asked: AskedFor, founded: str) -> bool:
    """Whether what a founding verb founded (answer_types.founding_objects; "" for a founder named
    whatever was founded) is what the question asks about, or a word standing for it ("it", "the
    movement")."""
    words = set(query_tokens(founded))
    return not founded or bool(words & asked.terms) or bool(_STANDS_FOR_FOUNDED.match(founded))


# what a founding verb's object may say instead of the name asked about
_STANDS_FOR_FOUNDED = re.compile(
    r"(?i:it|them|this|that|lo|la|los|las|(the|this|that|el|la|este|esta) (movement|organi[sz]ation|group|party"
    r"|forum|alliance|movimiento|organizaci[oó]n|grupo|partido|foro|alianza))\b"
)


def founded_another(asked: AskedFor, text: str) -> bool:
    """Whether ``text`` says something else than the question's subject was founded: "In what year
    was Brazil's Workers' Party founded?" is not answered by "The Forum of São Paulo was
    constituted in 1990 when the Brazilian Workers' Party approached other parties"."""
    # a question typed in lower case names its subject only among its terms ("who founded the ezln?")
    subject = asked.subject or (tuple(asked.terms) if asked.kind == "founder" else ())
    if (asked.event != "founding" and asked.kind != "founder") or not subject:
        return False
    if any(_is_acronym(name) for name in asked.subject):
        return False  # "the MST" may be founded as "the Landless Workers Movement"
    founded = [_WORD.findall(match.group(1)) for match in _FOUNDED_NAMED.finditer(text) if not _after_of(text, match)]
    return bool(founded) and not any(same_word(word, named) for words in founded for word in words for named in subject)


def _after_of(text: str, match: re.Match[str]) -> bool:
    """Whether the name before "was founded" follows a preposition: "The cooperative in Chiapas was
    founded ...", "La cooperativa de Chiapas fue fundada ...": the place is not what was founded."""
    before = text[: match.start(1)].split()
    return bool(before) and before[-1].casefold() in _PREPOSITIONS


_PREPOSITIONS = frozenset(("in", "at", "of", "from", "near", "en", "de", "del", "desde", "cerca"))


def _is_acronym(name: str) -> bool:
    letters = [character for character in name if character.isalpha()]
    return len(letters) >= 2 and all(character.isupper() for character in letters)


def names_subject(asked: AskedFor, text: str) -> bool:
    """Whether ``text`` names whom the event asked about happened to, by one of the question's
    names (or the question has none): a sentence that did not answer best is taken for its event
    only then ("Where did Hugo Chávez die?" is not answered by Trotsky's death). The best sentence
    is not held to it: it often says "they" or an alias ("... fueron brutalmente asesinados")."""
    words = _WORD.findall(text)
    return not asked.subject or any(same_word(name, word) for name in asked.subject for word in words)


def about_other_countries(asked: AskedFor, quote: str, passage: str) -> bool:
    """Whether the quote answers for other countries than the ones the question asks its fact
    about: some country of the question is mentioned in no form by the quote or its passage (with
    its heading), and the quote names another country by name. "How many doctors did Cuba send to
    Bolivia?" is not answered by "Cuba provided Venezuela with 31,000 Cuban doctors", however
    close its numbers. A quote naming no country is not held to it: it often leaves the country to
    the paragraphs before ("Overtime, the FLN ... changed its name to the EZLN in 1983" for "When
    did the Mexican FLN become the EZLN?")."""
    if not asked.countries or mentions_countries(asked.countries, f"{passage}\n{quote}"):
        return False
    return bool(countries_named(quote) - asked.countries)


def role_holder(question: str) -> tuple[str, ...]:
    """The words naming whose role a question asks about ("Who is the current president of Cuba?"
    -> ("cuba",)); empty when it names none ("Who currently leads the MST?")."""
    match = _ROLE_HOLDER.search(question)
    if match is not None:
        holder = match.group(1)
    elif (possessive := _POSSESSIVE_HOLDER.search(question)) is not None:
        holder = possessive.group("possessor")
    else:
        return ()
    words = _WORD.findall(holder.casefold())
    return tuple(word for word in words if word not in _GENERIC_HOLDER_WORDS and query_tokens(word))


def gives_role_of(holder: tuple[str, ...], text: str) -> bool:
    """Whether ``text`` names a role next to one of the holder's words, or to a form of one
    ("Cuban President", "Cuba's president", "el presidente de Cuba", "presidente cubano")."""
    words = [(match.start(), match.group().casefold()) for match in _WORD.finditer(text)]
    words = [(start, word) for start, word in words if word not in _ARTICLES]
    for role in GIVES_ROLE.finditer(text):
        first = next((i for i, (start, _) in enumerate(words) if start >= role.start()), len(words))
        last = next((i for i, (start, _) in enumerate(words) if start >= role.end()), len(words))
        near = words[max(0, first - _HOLDER_BEFORE) : first] + words[last : last + _HOLDER_AFTER]
        if any(same_word(word, named) for _, word in near for named in holder):
            return True
    return False


# What a question sets aside: "Apart from Russia and China, which countries ...?", "¿Qué países ...
# además de Rusia y China?". Those names are what the answer is not about, yet they pull retrieval to
# the passages that discuss them (round 13). Not "fuera de" (outside), "salvo" (also "salvó", "a
# salvo"), "sin contar con" (without relying on), "except when", "none other than"; not an action
# ("Besides sending doctors, how many ...?": the doctors' passage is where the answer is).
_SET_ASIDE_WORDS = (
    r"(?:apart from|aside from|besides|(?<!none )other than|except for(?! the fact)|excluding"
    r"|adem[aá]s del?|aparte del?|excepto(?! cuando| que| si))"
)
_SET_ASIDE = rf"{_SET_ASIDE_WORDS}\s+(?!\w+ing\b|\w+(?:ar|er|ir)\b)"
# the people a question asking who holds a role sets aside follow the same words ("besides
# Maduro,"; what follows may end like a verb: "besides former president Lula", "además de Óscar
# Arias") or one who comes before or after, or instead, up to the end of its clause ("... after
# Fidel Castro?", "... tras el subcomandante Marcos?", "... después del presidente Chávez?")
_SETS_ASIDE_PEOPLE = re.compile(
    rf"\b(?:{_SET_ASIDE_WORDS}|after|before|instead of|except(?!\s+(?:for the fact|when|if|that)\b)|tras"
    r"|despu[eé]s del?|antes del?|en lugar del?|en vez del?)\b([^,;?¿]*)",
    re.IGNORECASE,
)


_ASKING = (
    r"(?:¿|(?:which|what|who|whom|how|where|when|why|in which|in what|qu[eé]|cu[aá]l|cu[aá]les|qui[eé]n"
    r"|qui[eé]nes|c[oó]mo|d[oó]nde|cu[aá]ndo|cu[aá]nt[oa]s?|por qu[eé]|en qu[eé])\b)"
)
# first, up to the comma before the question proper ("Apart from Russia, China and Iran, which ...")
_SET_ASIDE_FIRST = re.compile(rf"^(\W*){_SET_ASIDE}[^?¿]{{1,100}}?,\s*(?={_ASKING})", re.IGNORECASE)
# between commas, when what follows is no further item of a list ("excepto Cuba, Nicaragua y ...")
_SET_ASIDE_WITHIN = re.compile(rf",\s*{_SET_ASIDE}[^,?¿]{{1,80}},(?!\s*(?-i:[{UPPER}]))", re.IGNORECASE)
# last: after a comma, a phrase without a verb of its own ("..., además de aviones?"); without one,
# only names ("... además de Rusia y China?"): anything else may be the question's own verb and
# object ("Which countries besides Russia sent bombers?")
_NO_VERB = (
    r"(?:(?!\b(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should"
    r"|ha|han|hab[ií]a|fue|fueron|es|son|era|eran|est[aá]n?)\b)[^,?¿])"
)
_NAME = rf"(?-i:[{UPPER}])[\w’'.-]*"
_NAMES = rf"(?:(?:the|la|el|los|las)\s+)?{_NAME}(?:(?:\s+|\s*,\s*)(?:(?:and|or|y|e|o|of|de|del|the|la|el)\s+)?{_NAME})*"
_SET_ASIDE_LAST = re.compile(
    rf"(?:,\s*{_SET_ASIDE}{_NO_VERB}{{1,80}}|(?<![\s,])\s+{_SET_ASIDE}{_NAMES})(?=\s*\?|\s*$)", re.IGNORECASE
)


def without_names(question: str) -> str:
    """The question without its names (the capitalised words after its first): what it asks about
    them. "What did the First Declaration instruct about captives and injured people?" -> "What did
    the instruct about captives and injured people?". The sentence most like the whole question is
    often the one naming the same things ("One year later, the EZLN released the “First Declaration
    of the Lacandon Jungle”"), the one most like what it asks is the answer ("Second: Respect the
    lives of our prisoners and turn over all wounded ..."); answer.sentence_score weighs both."""
    return " ".join(_CAPITALISED.sub("", question.strip()).split())


def asked_of_names(question: str) -> str | None:
    """The question without its names (without_names), when it names something and asks something
    of it besides a question word ("What is ALBA?" leaves "What is ?", "Why the EZLN?" "why", whose
    stems "why" and "whi" are both a question word's, "How many in the EZLN?" "how many"; an
    all-capitals question its first word); None otherwise."""
    aspect = without_names(question)
    return aspect if aspect != question and set(query_tokens(aspect)) - _QUESTION_WORD_TERMS else None


# English question words that query_tokens keeps (Spanish ones are stopwords)
_INTERROGATIVES = frozenset(("what", "which", "who", "whom", "whose", "when", "where", "why", "how"))
# The terms (query_tokens: "why" is also "whi") of the English and Spanish words that only say what
# kind of answer a question wants; most Spanish ones are stopwords already.
_QUESTION_WORD_TERMS = frozenset(
    query_tokens(
        " ".join(sorted(_INTERROGATIVES))
        + " many much qué quién quiénes cuál cuáles cuándo dónde cómo cuánto cuántos cuánta cuántas"
    )
)


def names_nothing(question: str) -> bool:
    """Whether a question has no term besides its question words and stopwords ("What?", "What's
    that?", "¿Cuántos?", "Why not?"): nothing in it tells what the corpus should be searched for. A
    capitalised word after the first is a name, even one the stopword lists hold ("What is IT?",
    "¿Qué es el Estado?")."""
    if _CAPITALISED.search(question.strip()):
        return False
    words = " ".join(without_possessive(word) for word in question.split())  # "What's" asks "What"
    return not set(query_tokens(words)) - _QUESTION_WORD_TERMS


# A lead-in before a colon or a Spanish question's opening mark, when what follows asks something by
# itself: "I live in Canada: how can I support the MST?", "Para un trabajo en Perú, ¿en qué año …?";
# or one that only says where the answer is to come from: "According to the piece, when did …?",
# "Según el artículo, ¿quién era …?"; not one ending in a quotation ("In what year did Chávez and the
# King have their "¿Por qué no te callas?" exchange?")
_SOURCE_EN = r"article|piece|text|author|post|blog|writer|essay|page|story"
_SOURCE_ES = r"art[ií]culo|texto|autor|autora|nota|pieza|entrada|blog|p[aá]gina|escrito|ensayo"
_LEAD_IN = re.compile(
    rf"^(?:[^:¿\"“”«»]*[:¿]|\W*(?:(?:according to|based on|as per|going by|in) (?:the|this) (?:{_SOURCE_EN})"
    rf"|(?:seg[uú]n|de acuerdo con|conforme a|en) (?:el|la|este|esta) (?:{_SOURCE_ES}))\b[^,?¿:]*,\s*¿?)\s*"
    rf"(?=.*\b(?:{QUESTION_WORDS}|cu[aá]ndo)\b)",
    re.IGNORECASE,
)


def without_lead_in(question: str) -> str:
    """The question without a lead-in that only says who asks or why (_LEAD_IN); the countries it
    names are the asker's, not what is asked about."""
    return _LEAD_IN.sub("", question, count=1)


def without_set_aside(question: str) -> str:
    """The question without what it sets aside, for retrieval: "Apart from Russia and China, which
    countries have backed them?" -> "which countries have backed them?"; the question itself when
    nothing would be left."""
    searched = _SET_ASIDE_FIRST.sub(lambda match: match.group(1), question)
    searched = _SET_ASIDE_LAST.sub("", _SET_ASIDE_WITHIN.sub("", searched))
    return searched if query_tokens(searched) else question
