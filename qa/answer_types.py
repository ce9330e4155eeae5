"""What kind of answer a question asks for, and whether a text gives it.

A question whose wording asks for a time, a count, a name or a particular measure is answered only
by a sentence that gives one; otherwise the corpus talks about the subject without saying (pure
functions over strings; used by qa.answer)."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator

from qa.acronyms import acronym_asked
from qa.countries import (
    COUNTRY_NAME,
    DIRECTIONS,
    UPPER,
    countries_named,
    countries_of_word,
    forms_a_country,
    names_city,
    names_no_one,
    names_place,
    names_subdivision,
)
from qa.lexical import content_words, fold, query_tokens, without_possessive

# What kind of answer a question asks for, when its wording says so unambiguously: a time ("When
# ...?", "¿En qué año ...?"), a quantity ("How many ...?", "¿Cuántos ...?"), a name, or one of the
# measures and facts further down.
# "when" and an unaccented "cuando"/"cuanto" also join clauses ("What did the MST do when ...?", "en
# cuanto a ..."): as question words they open the question; "cuándo", "cuánto" are always questions.
# Of those, the ones asking for a date by name; a bare "When did the author visit the Zapatistas?"
# may be answered by the occasion ("in my first trip to Latin America ever"): occasions.
# "day" as no date: "day to day", "día a día", "día con día", "day laborers", "Day of the Dead"
_NOT_A_DAY = r"(?![\s-]+(?:to|a|con|tras|after|by|laborers?|labourers?|workers?|jornaleros?|of the dead|de muertos)\b)"
_DAY, _DIA = rf"day{_NOT_A_DAY}", rf"d[ií]a{_NOT_A_DAY}"
_ASKS_DATE = re.compile(
    rf"\b(what|which|in what) (exact )?(year|date|months?|{_DAY})\b(?!-)"
    rf"|\bqu[eé] (a[nñ]o|fecha|mes|meses|{_DIA})\b"
    r"|\b(publication|release) date\b|\bdate of\b|\bfecha (de|del)\b",
    re.IGNORECASE,
)


# What a query typed as keywords asks for, named by a noun: a date ("ALBA founding year", "year
# EZLN voted to fight", "año de fundación del ALBA", "fecha del levantamiento") or a price ("precio
# café zapatista por kilo"). In a question with a question word the noun only names what something
# else is asked about ("How many members did the MST have in its founding year?", "Why did the price
# of coffee fall?"). A year counted, repeated or pointed at ("30 year", "each year", "cada año",
# "that year", "el año pasado") or a date "to date" asks for no date, nor a cost that is no money
# ("the human cost of the uprising", "costo político"). A count is not typed this way: "number of
# days the conflict lasted" reads as a duration, "a number of alliances" as "several".
def _not_after(words: str) -> str:
    """Lookbehinds refusing a match right after any of these whole words."""
    return "".join(rf"(?<!\b{word} )" for word in words.split())


_DATE_NOUN = r"(?:year|date|a[nñ]o|fecha)"
_NOT_A_DATE = r"(?<![\d-])(?<!\d )" + _not_after(
    "new each every per a to this that last next cada por un al este ese esta aquel pasado próximo"
)
_NO_MONEY_AFTER = r"humanos?|pol[ií]ticos?|sociales?|personal(es)?"
_KEYWORD_TYPES = (
    ("time", re.compile(rf"{_NOT_A_DATE}\b{_DATE_NOUN}(?![\w-])(?!\s+(pasado|que viene)\b)", re.IGNORECASE)),
    (
        "money",
        re.compile(
            _not_after("human political social personal")
            + rf"(?<![\w-])(prices?|costs?|precios?|costos?|costes?)(?![\w-])(?!\s+({_NO_MONEY_AFTER})\b)",
            re.IGNORECASE,
        ),
    ),
)
# "año en que se fundó el ALBA", "the year in which ALBA was founded": a date asked for by a clause
_DATE_BY_CLAUSE = re.compile(
    rf"^\W*(?:(?:the|el|la)\s+)?{_DATE_NOUN}\s+(?:in which|on which|when|en (?:el |la )?que|cuando)\b",
    re.IGNORECASE,
)
# the words that open a question proper, after a "when" clause (_WHEN_CLAUSE) or anywhere (_QUESTION_WORD)
_WH_WORDS = r"what|how|who|which|why|where|qu[eé]|c[oó]mo|qui[eé]n|cu[aá]l|por qu[eé]|d[oó]nde"
# every word that asks (qa.asked reads a question's lead-in by them too)
QUESTION_WORDS = rf"{_WH_WORDS}|whom|whose|when|qui[eé]nes|cu[aá]les|cu[aá]nt[oa]s?"
_WH_WORD = re.compile(rf"\b({QUESTION_WORDS})\b", re.IGNORECASE)
_QUESTION_WORD = re.compile(rf"{_WH_WORD.pattern}|[?¿]", re.IGNORECASE)
_ASKS_DAY = re.compile(rf"\b(what|which) (exact )?{_DAY}\b(?!-)|\bqu[eé] {_DIA}\b", re.IGNORECASE)
# A date asked for finer than its year: a date, a day or a month ("On what date ...?", "¿En qué
# fecha exacta ...?", "In which month ...?"), not "In what year ...?"
_ASKS_WITHIN_YEAR = re.compile(
    rf"\b(what|which|in what) (exact )?(date|{_DAY}|months?)\b(?!-)|\bqu[eé] (fecha|{_DIA}|mes|meses)\b|\bexact date\b",
    re.IGNORECASE,
)
_ASKS_TIME = re.compile(
    rf"^\W*(when(?!(\s*,[^,?]*,)?\s+do(es)?\b)|cuando)\b|\bcuándo\b|{_ASKS_DATE.pattern}", re.IGNORECASE
)
# A "when" that asks for no time: a clause before the question proper ("When the government tries to
# buy land ..., what happens if ...?", "Cuando el EZLN tomó los municipios, ¿qué hizo ...?"). Such a
# clause starts with its own subject, a question with its verb ("When did the ALBA, which Chávez
# founded, collapse?" asks for a time).
_WHEN_CLAUSE = re.compile(
    r"^\W*(when|cuando)\s+(?!(did|do|does|is|are|was|were|has|have|had|will|would|can|could|se|fue|fueron|es|son|era"
    r"|eran|ha|han|hab[ií]a|sucedi[oó]|ocurri[oó]|pas[oó])\b)[^?,]*,\s*¿?\s*"
    rf"({_WH_WORDS})\b",
    re.IGNORECASE,
)
_ASKS_QUANTITY = re.compile(r"\bhow (many|much)\b|^\W*cuant[oa]s?\b|\bcuánt[oa]s?\b", re.IGNORECASE)
# A question asking which political party ("Which right-wing party was the author's previous article
# about?", "¿Con qué partido colabora el MST?"; not "How many parties …?", a quantity, "Which
# Workers Party politician …?", a person, "What party politics …?", "Which third parties sell …?",
# nor "¿Por qué el partido Vox …?"). The parties of a text are few and named (_GIVES_PARTY):
# "Which party does the MST work with?" is not answered by a sentence on the MST's meetings.
_ASKS_PARTY = re.compile(
    r"\b(which|what)\s+((?!(did|does|do|is|was|are|were|has|have|had|can|could|will|would|the|a|an|third)\b)[\w-]+\s+){0,2}?"
    r"part(y|ies)\b(?!-|\s+(politicians?|politics|leaders?|members?|presidents?|candidates?|officials?|figures?"
    r"|founders?|person|people|governments?|lines?|system)\b)"
    r"|(?<!\bpor\s)\bqu[eé]\s+((?!(el|la|los|las|un|una)\b)[\w-]+\s+)?partidos?\b"
    r"|\bcu[aá]l(es)?\s+(es|era|fue|son|eran|fueron)\s+(el|los)\s+partidos?\b",
    re.IGNORECASE,
)
# How a text gives a party: its word next to a capitalised name ("the right-wing party Vox", "the
# Workers Party of Brazil", "the Brazilian Workers' Party", "el Partido de los Trabajadores"); not
# "The party", "Each party". Read in the whole quote (READ_ON_KINDS): "As I wrote in the last article
# here, …" is quoted with "Though that article largely focuses on just the right-wing party Vox".
_GIVES_PARTY = re.compile(
    r"\b(?!(?:The|A|An|Each|Every|This|That|Which|What|Any|Some|Our|Their|His|Her|Its|One|El|La|Un|Una|Cada|Ese|Este)\s)"
    rf"(?P<before>[{UPPER}][\w’'-]*)\s+(?i:part(?:y|ies))\b"
    rf"|\b(?i:party|partido)\s+(?:(?i:de\s+(?:los|las|la)|del)\s+)?(?P<after>[{UPPER}][\w’'-]*)"
)


def parties_named(text: str) -> frozenset[str]:
    """The parties ``text`` names (_GIVES_PARTY), each by its name's word next to the party's,
    folded: "the Brazilian Workers' Party" -> "workers", "the right-wing party Vox" -> "vox"."""
    return frozenset(name for name, _ in _parties(text))


def party_countries(text: str) -> dict[str, frozenset[str]]:
    """The parties ``text`` names (as parties_named), each with the countries named next to it
    (_countries_next_to): "the Brazilian Workers' Party" -> {"workers": {"BR"}}, "the Socialist
    Party of Zambia" -> {"socialist": {"ZM"}}, "the right-wing party Vox from Spain" -> {"vox":
    {"ES"}}."""
    found: dict[str, frozenset[str]] = {}
    for name, match in _parties(text):
        found[name] = found.get(name, frozenset()) | _countries_next_to(text, match.start(), match.end())
    return found


def _parties(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Each party ``text`` names, folded, with its match of _GIVES_PARTY. A country's word is no
    party's name: "an Argentine party" names none, and "the Mexican party Morena" names Morena."""
    position = 0
    while (match := _GIVES_PARTY.search(text, position)) is not None:
        word = match.group("before") or match.group("after")
        if match.group("before") and countries_of_word(word):
            position = match.end("before")  # "Mexican party Morena": the party word may come before a name
            continue
        position = match.end()
        yield fold(without_possessive(word)), match


def party_asked_countries(question: str) -> frozenset[str]:
    """The countries a question asks a party of, by the words next to the "party" it asks for
    ("Which Argentine party …?", "¿Qué partido político español …?", "Which party in Nicaragua
    …?"); none when the country is further off ("Which party governs Nicaragua?" may be answered by
    a sentence naming the party without its country), nor from another "party" of the question
    ("After the Brazilian party's defeat, which party …?")."""
    asked = _ASKS_PARTY.search(question)
    match = _PARTY_WORD.search(question, asked.start()) if asked else None
    return _countries_next_to(question, match.start(), match.end()) if match else frozenset()


# "party" in English or Spanish; the words that may stand between it and its country's ("the
# Brazilian ruling party", "Spain's far-right party", "partido político colombiano"), and those
# putting a party in one ("of", "de"). Only spaces between them: a line break ends a name.
_PARTY_WORD = re.compile(r"\b(?:part(?:y|ies)|partidos?)\b", re.IGNORECASE)
_PARTY_MODIFIERS = re.compile(
    r"(?:political|left-wing|right-wing|far-right|far-left|centre-left|center-left|centre-right|center-right"
    r"|leftist|rightist|ruling|governing|opposition|main|largest|leading|pol[ií]tic[oa]s?|gobernantes?"
    r"|opositor(?:es)?|principal(?:es)?)$",
    re.IGNORECASE,
)
_WORDS_BEFORE = re.compile(r"((?:[\w’'-]+[ \u00a0]+){1,5})$")
_AFTER_NAME = re.compile(
    r"(?:[ \u00a0]+\([^()]{1,15}\))?"  # its acronym: "the Workers' Party (PT) of Brazil"
    r"(?:[ \u00a0]+de[ \u00a0]+(?:izquierdas?|derechas?))?"  # "partido de derecha español"
    r"[ \u00a0]+((?:[\w’'-]+[ \u00a0]+){0,5}[\w’'-]+)",
)
_OF_COUNTRY = frozenset(("of", "from", "in", "de", "del", "en"))
_ARTICLES = frozenset(("the", "la", "el", "los", "las"))
# how far before a party's name its country's word is looked for, in characters
_LOOK_BEFORE = 60


def _countries_next_to(text: str, start: int, end: int) -> frozenset[str]:
    """The countries named right before ``text[start:end]`` (a party named, or the word "party"):
    the word before it past a modifier ("ruling") and the other words of a name ("the Spanish
    Socialist Workers' Party"), and right after it: a demonym ("partido colombiano"), or a country
    after "of" / "from" / "in" / "de" / "del" / "en" ("the Workers Party of Brazil", "Partido
    Socialista Unido de Venezuela", "of the United States")."""
    before = _WORDS_BEFORE.search(text, max(0, start - _LOOK_BEFORE), start)
    after = _AFTER_NAME.match(text, end)
    found = _country_before(before.group(1).split()) if before else frozenset()
    return found | (_country_after(after.group(1).split()) if after else frozenset())


def _country_before(words: list[str]) -> frozenset[str]:
    """The countries of the last of ``words`` past modifiers and capitalised words (the rest of a
    name); none past any other word ("Cuba sent the party …" names the sender)."""
    for word in reversed(words):
        if _PARTY_MODIFIERS.match(word):
            continue
        countries = countries_of_word(word)
        if countries or not word[0].isupper():
            return countries
    return frozenset()


def _country_after(words: list[str]) -> frozenset[str]:
    """The countries of the first of ``words`` past capitalised words (the rest of a name: "Unido")
    and modifiers ("político"): a demonym, or a country after "of" / "de"; none when a capitalised
    word follows it, which makes both another name's ("de Santiago Abascal", "of Chad Smith")."""
    position = 0
    while position < len(words) - 1 and (words[position][0].isupper() or _PARTY_MODIFIERS.match(words[position])):
        position += 1
    rest = words[position:]
    if rest and rest[0].casefold() in _OF_COUNTRY:
        rest = rest[1:]
        if rest and rest[0].casefold() in _ARTICLES:
            rest = rest[1:]
        named = countries_named(" ".join(rest[:3]))  # "the United States", "Costa Rica"
        if named:
            return named
    if not rest or (len(rest) > 1 and rest[1][0].isupper()):
        return frozenset()
    return countries_of_word(rest[0])


_NUMBER_WORDS = (
    r"hundreds?|thousands?|millions?|billions?|dozens?|mil|millones|millón|cien|cientos|"
    # not "one", "uno", "una": far more often a pronoun or an article ("an offensive one") than a count
    r"two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|"
    r"dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|veinte|cincuenta|several|varios|varias"
)
_MONTHS = (
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
# a weekday answers "On what day ...?" ("held a telematic meeting this Thursday"), not "On what date
# ...?" (the day of the week is not the date); not "Santo Domingo"
_WEEKDAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|(?<!santo )domingo)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
# a number that is part of a name counts nothing: "COVID-19" (also "COVID- 19"), "G20", "F-16"
_PART_OF_NAME = re.compile(r"[^\W\d_]([-\u2010\u2011\u2013]\s?)?$")
_NUMBER_WORD = re.compile(rf"\b({_NUMBER_WORDS})\b", re.IGNORECASE)
_YEAR = re.compile(r"(1[5-9]|20)\d\d")
_NOT_A_YEAR = rf"(?!{_YEAR.pattern}\b)"
# a year-like number after one of these is a year whatever follows ("In 1994 elections were held")
_YEAR_BEFORE = re.compile(r"\b(in|en|since|desde|from|de|del|of|by|until|hasta|year|año)\s*$", re.IGNORECASE)
# what follows, on the same line, a year-like number that counts something ("2000 families",
# "1500 soldados", "2000 km"): a lowercase plural, not a verb or pronoun ending in -s
_COUNTED = re.compile(
    r"[ \t]*((?!(was|has|does|is|its|his|this|thus|plus|less|unless|across|always|les|los|las|sus|mis|"
    r"más|mas|pues|tras|antes|después|además|mientras|entonces)\b)[a-záéíóúñ]{2,}s\b"
    r"|people|gente|men|women|children|niños|hombres|mujeres|km\b)"
)
# "May" is the month next to a day number only when capitalised ("12 May"; "12 may have died")
_MONTH_NAME = rf"((?i:{_MONTHS})|May)"
_DAY_OF_MONTH = (
    re.compile(rf"(º|st|nd|rd|th)?\s*((de|of)\s+)?{_MONTH_NAME}\b"),  # "12 May", "1st of January", "12 de mayo"
    re.compile(rf"\b{_MONTH_NAME}\s*$"),  # "May 12", "January 1, 1994"
)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/-]\d{1,2}[/-]\d{1,4}\b")  # "12/05/1994", "2021-10-30"
_HAS_TIME = re.compile(
    rf"\b1\d{{3}}s?\b|\b20\d{{2}}s?\b|\b({_MONTHS})\b"
    r"|\b\d+\s*(days?|weeks?|months?|years?|d[ií]as?|semanas?|meses|mes|a[nñ]os?)\b"
    # a decade in words ("a principios de los setenta", "in the late sixties", "the '70s"); a bare
    # "los cincuenta" is a decade only where no noun follows it ("los cincuenta estados" is a count)
    r"|\bthe (late |early |mid[- ]?)?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"
    r"|\blos años (veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)\b"
    r"|\blos (veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)\b(?!\s+\w)|[’']\d0s\b"
    # numeric decades: "a finales de los años 60", "los años ’70", "a principios de los 60", "the 60's"
    r"|\baños [’']?\d0s?\b|\b(finales|fines|principios|comienzos|mediados|d[eé]cada) de (los )?[’']?\d0s?\b"
    r"|\bthe [’']?\d0[’']?s\b|\ben los [’']?\d0s?\b(?![ \t]*[\w%])"
    # a time given relative to a dated event ("One year later, the EZLN released ...")
    r"|\b(a|one|two|three) (days?|weeks?|months?|years?|decades?) (later|after|before|earlier)\b"
    r"|\b(un|una|dos|tres) (d[ií]as?|semanas?|meses|mes|a[nñ]os?|d[eé]cadas?) (despu[eé]s|antes|m[aá]s tarde)\b",
    re.IGNORECASE,
)
# a time some years after or before a dated event, which gives no more than a year
_YEARS_AWAY = re.compile(
    r"(a|one|two|three|un|una|dos|tres|\d+)\s*(years?|decades?|a[nñ]os?|d[eé]cadas?)(\s+\w+( tarde)?)?", re.IGNORECASE
)

# An occasion that answers "When ...?" without a date: a "when" clause ("when there is a leftist
# president"), "during the quarantine", "after World War II", "in my first trip to Latin America",
# "cuando", "durante", "tras el …", or the condition it happens on ("only if attacked", "ante ataques
# militares", "en caso de", "in response to"; not a bare "if" or "si", which as often mean
# "whether" or open an aside, nor "ante el Congreso", a place). Not "When it comes to", nor a
# "when" someone does not know ("No one knows when …"), nor a vague "a few years ago" (_HAS_TIME's
# "not too long ago"). What follows the opening word is the occasion (occasions): it must be
# another event than the one asked about (asked.gives: "During the crisis in Venezuela" does not
# say when that crisis started).
# the words that open an occasion named by a noun ("during the quarantine", "tras la crisis")
_EVENT_OPENING_EN = r"during|after|before"
_EVENT_OPENING_ES = r"durante|tras|despu[eé]s de|antes de"
_TRIP = (
    r"(?:very\s+)?(?:first|last|second|latest|recent|previous|primer|primera|[uú]ltimo|[uú]ltima)\s+"
    r"(?:trip|visit|stay|journey|viaje|visita|estancia)\b"
)
_OCCASION = re.compile(
    r"(?<!\bknow )(?<!\bknows )(?<!\bknew )(?<!\bask )(?<!\basked )(?<!\bwonder )(?<!\bsabe )(?<!\bsé )"
    r"(?<!\bsaber )(?<!\bsabemos )"
    rf"(?:\bwhen\s+(?!it\s+comes\b)(?=(?:there|the|a|an|he|she|they|it|I|we|you|his|her|their|my)\b|(?-i:[{UPPER}]))"
    rf"|\b(?:{_EVENT_OPENING_EN})\s+(?=(?:the|my|his|her|their|our|a|an|its)\b|(?-i:[{UPPER}]))"
    rf"|\b(?:on|in|at|during)\s+(?:my|his|her|their|our|the)\s+{_TRIP}"
    r"|\bcuando\b"
    r"|\b(?:only\s+if|whenever|unless|in\s+(?:case|the\s+event)\s+of|in\s+response\s+to)\s+"
    r"|\b(?:s[oó]lo\s+si|siempre\s+que|en\s+caso\s+de|en\s+respuesta\s+a)\s+"
    r"|\bante\s+(?!(?:el|la|los|las|todo|mi|su|sus|un|una)\b)"
    rf"|\b(?:{_EVENT_OPENING_ES})\s+(?=(?:el|la|los|las|mi|su|sus|nuestro|nuestra)\b|(?-i:[{UPPER}]))"
    rf"|\ben\s+(?:mi|su|nuestro|nuestra)\s+{_TRIP})",
    re.IGNORECASE,
)
_OCCASION_WORDS = 8
_CLAUSE_END = re.compile(r"[,.;:!?]")
# An occasion that names an event by a noun ("during a heavily militarized quarantine", "tras la
# crisis"), not one's own trip ("during my first visit"): it may be the very event a "When …?"
# asks about, which only the question's own words can tell (asked.gives_occasion).
_NAMED_EVENT = re.compile(rf"(?:{_EVENT_OPENING_EN}|{_EVENT_OPENING_ES})\s", re.IGNORECASE)
_OWN_TRIP = re.compile(rf"(?:my|his|her|their|our|mi|su|nuestro|nuestra)\s+{_TRIP}", re.IGNORECASE)


def occasions(text: str, *, named_events: bool = True) -> list[str]:
    """What each occasion in ``text`` is (_OCCASION): the words after its opening, to the end of
    the clause or the eighth word ("When did the author first visit the Zapatistas?" / "I visited
    the movement in my first trip to Latin America ever": "to Latin America ever as you can read").
    With ``named_events`` False, not those naming an event by a noun (_NAMED_EVENT)."""
    found = []
    for match in _OCCASION.finditer(text):
        rest = _CLAUSE_END.split(text[match.end() :], maxsplit=1)[0]
        if not named_events and _NAMED_EVENT.match(match.group(0)) and not _OWN_TRIP.match(rest.lstrip()):
            continue
        found.append(" ".join(rest.split()[:_OCCASION_WORDS]))
    return found


# A question asking what something or someone is called ("What is the name of ...?", "What is X's
# real name?", "What was the campaign called?", "¿Cómo se llama ...?", "¿Cuál es el nombre ...?"),
# not one asking to name several things ("Can you name the places ...?": a list answers that), nor
# one using the word otherwise ("Why was the ceasefire called?", "¿Quién habla en nombre del EZLN?",
# "Which president does the author name ...?": the verb, asking for the one mentioned).
_ASKS_NAME = re.compile(
    r"\b(what|which)\b(?!\s+(?!(do|does|did)\b)\w+[^?]*\b(do|does|did)\s+(the\s+)?(?!the\b)\w+\s+name\b(?!\s+after\b))"
    r"[^?]*\bname\b"
    r"|^\W*(what|how)\b[^?]*\bcalled(\s+in\s+\w+)?\s*(\?|$|that\b|which\b)"
    r"|\bc[oó]mo se (le |les )?(llam|denomin)\w*"
    r"|\b(cu[aá]l|qu[eé])\b[^?]*(?<!\ben )\bnombre\b",
    re.IGNORECASE,
)
# How a text gives a name: "called", "known as", "meaning", "llamado", "denominada", a capitalised
# name in quotation marks ("Paz con Justicia y Dignidad"; not a scare-quoted “organic”), or a name
# with its acronym ("Landless Workers Movement (MST)"). Not the bare word "name": "whose real name
# remains unknown" gives none.
_GIVES_NAME = re.compile(
    r"(?i:\b(called|named|renamed|known as|under the name|by the name of|meaning|stands for|titled|dubbed|"
    r"llamad[oa]s?|se llama(ba|n|ban)?|denominad[oa]s?|conocid[oa]s? como|renombrad[oa]s?|bajo el nombre|"
    r"significa|bautizad[oa]s?)\b)"
    r"|[“«\"][A-ZÁÉÍÓÚÑ][^”»\"]{1,}[”»\"]|\b[A-ZÁÉÍÓÚÑ][\w’'-]+ \([A-Z][A-Z-]{1,9}\)",
)

# A name in apposition, between commas after what it names: "the vaccine against COVID- 19, Sputnik
# V, and thus ...", "the spokesperson for the EZLN, Subcomandante Marcos, was hesitant". Not an item
# of a list ("Venezuela, Cuba, Bolivia and Nicaragua", "Cuba, Venezuela, and Nicaragua": another name
# follows it, or a conjunction and a name).
_APPOSITIVE_NAME = re.compile(
    rf"(?<=[\w)]), ([{UPPER}][\w’'-]*(?:\s+[{UPPER}0-9][\w’'-]*)*)"
    r",(?=\s+(?:(?:and|or|nor|y|e|o|ni|u)\s+)?[a-záéíóúñ])"
)

# Questions that ask for a particular measure or fact, and how a text gives it. A question about a
# place or a movement the corpus discusses finds sentences about it, often with some number in them
# ("¿Cuántos habitantes tiene Venezuela?" found "31,000 Cuban doctors"; "What is the population of
# Chiapas?" found the sentence with "38 municipios"): a population, or how many people did
# something, is a count of people ("1.5 million members", not "70 mil efectivos"), a GDP or a
# price an amount of money, a rate a percentage, a capital a city called the capital, "who is the
# president of X?" a sentence naming such a role, "who founded X?" one that says how it began, an
# area or a distance a number with its unit ("How big is Chiapas in square kilometers?" found the
# FLN quote's "a principios de los setenta").
# docs/EVALUATION.md, rounds 8 and 9.
#
# Each question pattern is anchored to the question's own structure ("What is the population of
# ...?"), so that a question only mentioning the thing ("How did the population of Chiapas react?",
# "What did they do in the capital of Chiapas?", "What did the peasants who founded the MST want?")
# asks for nothing in particular. Numbers are matched from their first digit ((?<![\d.,])), which
# keeps the search linear on long runs of digits.
OPENS = r"^\W*"
_IS = r"(is|was|are|were|'s|’s)"
_NOT_PEOPLE = (
    r"(?!(countries|states|nations|organi[sz]ations|groups|parties|pa[ií]ses|estados|naciones|organizaciones|grupos"
    r"|partidos)\b)"
)
# the nouns of a toll of people, asked "how many" of (_ASKS_PEOPLE) or by a keyword query (_KEYWORD_COUNTS)
_TOLL_EN = r"dead|deaths|casualties|victims|fatalities"
_TOLL_ES = r"muertos|muertes|v[ií]ctimas|fallecidos"
_ASKS_PEOPLE = re.compile(
    rf"{OPENS}(what|which)\s*{_IS}\s+(the\s+)?(\w+\s+)?population\s+of\b"
    rf"|{OPENS}what\s*{_IS}\s+[^?]*[’']s\s+(\w+\s+)?population\b"
    r"|\bhow many (people|inhabitants|residents|persons|civilians)\b"
    # members or fighters, with one word before ("armed fighters"; not soldiers: "70 mil efectivos"
    # counts the soldiers a government sent, people of no group asked about; and not member
    # countries or groups, which are no people)
    rf"|\bhow many ({_NOT_PEOPLE}\w+ )?(members|militants|fighters|combatants|guerrillas)\b"
    rf"|\bcu[aá]nt[oa]s ({_NOT_PEOPLE}\w+ )?(miembros|integrantes|militantes|combatientes|guerrilleros)\b"
    r"|\bhow populous\b|\bhow (large|big) is the population\b"
    rf"|{OPENS}(cu[aá]l|qu[eé])\s+(es|era|fue)\s+la\s+poblaci[oó]n\b"
    r"|\bcu[aá]nt[oa]s (habitantes|pobladores|residentes|personas|civiles)\b|\bcu[aá]nta gente\b"
    # the toll of a war or a disaster, asked by its noun: a count of people too ("How many soldiers
    # were killed?" is not: "145 soldiers" is no count of people for _GIVES_PEOPLE)
    rf"|\bhow many (\w+ )?({_TOLL_EN})\b"
    rf"|\bcu[aá]nt[oa]s (\w+ )?({_TOLL_ES})\b",
    re.IGNORECASE,
)
_GIVES_PEOPLE = re.compile(
    r"(?<![\d.,])\d[\d.,]*\s*(?:(?:million|millones|millón|mil|thousand|billion)\s+)?(?:de\s+)?"
    r"(?:people|persons|inhabitants|residents|civilians|members|militants|fighters|combatants|guerrillas|victims|dead"
    r"|deaths|casualties|fatalities|killed"
    r"|habitantes|personas|pobladores|residentes|civiles|miembros|integrantes|militantes|combatientes|guerrilleros"
    r"|víctimas|muertos|muertes|fallecidos|asesinados)\b"
    # a toll told by its verb: "145 soldiers were killed", "murieron 145 soldados"; a year or a day
    # is no toll ("In 2013 Hugo Chávez died", "died 5 March 2013")
    rf"|(?<![\d.,]){_NOT_A_YEAR}\d[\d.,]*\s+(?:[a-záéíóúñ-]+\s+){{0,2}}"
    r"(?:were killed|died|have died|murieron|fallecieron)\b"
    r"|\b(?:murieron|fallecieron|died|were killed)\s+(?:unos\s+|m[aá]s de\s+|about\s+|over\s+)?"
    rf"{_NOT_A_YEAR}\d[\d.,]*\s+[a-záéíóúñ]+s\b"
    r"|\b(?:population|población)\s+(?:of|is|was|de|es|era|:)?\s*"
    r"(?:about|around|approximately|over|nearly|almost|unos|unas|más de|cerca de|casi)?\s*\d",
    re.IGNORECASE,
)
# An amount asked for is money when it is of money's things or when what is done with it is money's
# ("the total amount of China's financial aid", "the amount China lent", "¿Cuál fue el monto de la
# ayuda?"); an amount of something else ("What amount of land ...?", "the amount of time he spent",
# "food aid") is not, nor one a percentage or barrels are asked of ("What percentage of the amount
# lent has been repaid?")
_MONEY_THINGS = (
    r"(?:money|cash|funds|funding|financing|investments?|loans?|debts?|donations?|dollars|euros"
    r"|(?:financial|economic)\s+(?:aid|support|assistance|help))"
)
_MONEY_THINGS_ES = (
    r"(?:dinero|d[oó]lares|euros|(?:ayuda|asistencia) (?:financiera|econ[oó]mica)|apoyo (?:financiero|econ[oó]mico)"
    r"|financiaci[oó]n|financiamiento|inversi[oó]n|inversiones|pr[eé]stamos?|deudas?|donaciones)"
)
_MONEY_VERBS = (
    r"(?:lent|loaned|lend|paid|pay|spent|spend|invested|invest|raised|raise|donated|donate|owed|owe|borrowed"
    r"|borrow|cost|charged|charge|gave|give|given|received|receive)"
)
_MONEY_VERBS_ES = r"(?:prest|pag|gast|invirti|invierte|invert|don|recaud|deb|cost|recibi|dio|dieron|otorg)\w*"
_NOT_A_SHARE = r"^(?![^?]*\b(?:percent\w*|porcentaje|por\s+ciento|proporci[oó]n|barrels?|barriles)\b)[^?]*?"
_ASKS_AMOUNT_OF_MONEY = (
    rf"{_NOT_A_SHARE}(?:\bamounts?\s+of\s+(?:[\w’'-]+\s+){{0,2}}{_MONEY_THINGS}\b"
    rf"|\bamounts?\b(?!\s+of\b)[^?]{{0,80}}\b{_MONEY_VERBS}\b"
    r"|\b(?:loan|debt|funding|investment|donation)s?\s+amounts?\b"
    r"|\b(?:loans?|debts?|investments?|donations?|funding)\b[^?]{0,80}\bamount(?:ed)?\s+to\b"
    rf"|\bmontos?\b|\b(?:el|un|del|al)\s+importe\b|\bcantidad\s+de\s+{_MONEY_THINGS_ES}"
    rf"|\bqu[eé]\s+cantidad\b(?!\s+de\b)[^?]{{0,80}}\b{_MONEY_VERBS_ES})"
)
# what is sold by the unit a price is given per
_SALE_UNITS_EN = r"pound|lb|kilo|kilogram|kg|ounce|ton|tonne|bag|sack|cup|bottle|liter|litre|gallon|bushel|barrel"
# the pronouns a Spanish verb of paying or lending may take before it ("¿Cuánto se le prestó?")
_CLITICS_ES = r"(se|les?|nos|me|te)"
_SALE_UNITS_ES = r"libra|kilo|kilogramo|kg|onza|tonelada|bolsa|saco|taza|botella|litro|gal[oó]n|barril"
_ASKS_MONEY = re.compile(
    rf"{OPENS}(what|how (big|large|much))\s*{_IS}\s+(the\s+)?([\w-]+([’']s)?\s+){{0,2}}"
    r"(GDP|PIB|gross domestic product|budget|price|cost|exchange rate)\b"
    rf"|{OPENS}(cu[aá]l|qu[eé])\s+(es|era|fue)\s+(el|la)\s+(PIB|producto (interno|interior) bruto|presupuesto"
    r"|precio|costo|coste|tipo de cambio)\b"
    r"|\bhow much money\b|\bcu[aá]nto dinero\b|\bhow much (is|was|are|were)\b[^?]*\bworth\b"
    rf"|{OPENS}((at|for) )?(what|which) (price|cost|fee)\b|\bprice per\b|{OPENS}(a |por )?qu[eé] precio\b"
    r"|\bhow many (\w+ )?(of )?(dollars|euros)\b|\bcu[aá]nt[oa]s (\w+ )?(de )?(d[oó]lares|euros)\b"
    r"|\bhow much (does|did|do|would|will|has|have|had)\b[^?]*\b(cost|pay|paid|earn|make|made|raise|raised|lend|lent"
    r"|loan|loaned|invest|invested|spend|spent|charge)\b"
    # in the passive, with the verbs that only money follows ("How much was lent to Venezuela?"): one
    # is paid, given or donated in kind too ("100,000 barrels of oil per day")
    r"|\bhow much (is|are|was|were|has been|have been|had been)\b[^?]*\b(lent|loaned|invested|charged)\b"
    # a price per unit of what is sold ("How much per pound are the growers paid?", "¿Cuánto les
    # pagan por libra?"); "per day" may be paid in kind, "per cent" is a share
    rf"|\bhow much\s+(?![^?]*\b(weigh|hold|contain|measure)\w*)((is|are|was|were|do|does|did)\b[^?]*?\s)?"
    rf"(per|a|an)\s+({_SALE_UNITS_EN})\b"
    rf"|\bcu[aá]nto\s+(({_CLITICS_ES}\s+){{0,2}}(pag|cobr|cuest|cost|vend|val)\w*\b[^?]*?\s)?"
    rf"(por|cada|el|la)\s+({_SALE_UNITS_ES})\b"
    # "What does a bag of coffee cost?": "cost" the verb, not a noun ("What does the cost of coffee mean?")
    rf"|{OPENS}what\s+(does|do|did|would|will)\b[^?]*\s{_not_after('the a human political')}cost\b(?!\s+of\b)"
    r"|\bcu[aá]nto (cuesta|cuestan|cost[oó]|pag\w*|gan\w*|recaud\w*|prest\w*|invirti\w*|invierte\w*|gast\w*|vale)\b"
    # with the pronouns before the verb, the verbs that only money follows ("¿Cuánto se le prestó?";
    # not "prestar atención", "valer la pena")
    rf"|\bcu[aá]nto ({_CLITICS_ES} ){{1,2}}(cuesta|cuestan|cost[oó]|prest\w*\b(?!\s+atenci)|invirti\w*|invierte\w*"
    r"|vale\b(?!\s+la\s+pena))"
    rf"|{_ASKS_AMOUNT_OF_MONEY}",
    re.IGNORECASE,
)
_GIVES_MONEY = re.compile(
    r"[$€£¥]\s*\d|\bUS\$|(?<![\d.,])\d[\d.,]*\s*"
    r"(?:(?:million|billion|trillion|thousand|millones|mil millones|mil|billones)\s+)?"
    r"(?:de\s+)?(?:dollars?|dólares|euros?|pesos|reais|reales|bolívares|yuan|rubles?|rublos?|USD|EUR)\b",
    re.IGNORECASE,
)
_RATES = (
    r"inflation|unemployment|interest|literacy|poverty|growth|crime|murder|homicide|birth|death|mortality|tax"
    r"|approval|participation|turnout"
)
_ASKS_PERCENTAGE = re.compile(
    rf"{OPENS}(what|how (high|low))\s*{_IS}\s+(the\s+)?([\w-]+([’']s)?\s+){{0,2}}({_RATES})\s+rate\b"
    rf"|{OPENS}(what|how (high|low))\s*{_IS}\s+(the\s+)?rate of ({_RATES})\b"
    rf"|{OPENS}(what|which) (percent|percentage|share|proportion)\b"
    rf"|{OPENS}(cu[aá]l|qu[eé])\s+(es|era|fue)\s+la\s+tasa\s+de\b|{OPENS}qu[eé] (porcentaje|proporci[oó]n)\b",
    re.IGNORECASE,
)
_GIVES_PERCENTAGE = re.compile(r"(?<![\d.,])\d[\d.,]*\s*(%|percent\b|per cent\b|por ciento\b)", re.IGNORECASE)
_ASKS_CAPITAL = re.compile(
    rf"{OPENS}(what|which)( city)?\s*{_IS}\s+(the\s+)?capital( city)?\s+of\b"
    rf"|{OPENS}what\s*{_IS}\s+[^?]*[’']s\s+capital\b"
    rf"|{OPENS}(cu[aá]l|qu[eé] ciudad)\s+(es|era|fue)\s+(la\s+)?capital\s+(de|del)\b",
    re.IGNORECASE,
)
_CAPITALISED_NAME = r"[A-ZÁÉÍÓÚÑ][\w-]+"
_GIVES_CAPITAL = re.compile(
    rf"(?i:\bcapital(?: city)?)\b(?: (?i:of|de|del) {_CAPITALISED_NAME})?"
    rf"(?:,|\s+(?i:is|es|was|era))?\s+{_CAPITALISED_NAME}"
    rf"|{_CAPITALISED_NAME},\s+(?i:the|its|la|su)\s+(?i:capital)\b"
    rf"|{_CAPITALISED_NAME}\s+(?i:is|was|es|era)\s+(?i:the|la)\s+(?i:capital)\b"
)
# "the area of" a place (a capitalised name: not "the area of cooperation", "its area of influence")
_PLACE_NAME = r"(?-i:[A-ZÁÉÍÓÚÑ])"
_ASKS_AREA = re.compile(
    r"\bhow (big|large) is\b[^?]*\bin (square|sq)\b|\bhow many (square|sq|hectares|acres)\b"
    r"|\bcu[aá]nt[oa]s (kil[oó]metros|millas|metros) cuadrad|\bcu[aá]nt[oa]s (hect[aá]reas|acres)\b"
    rf"|{OPENS}what\s*{_IS}\s+(the\s+)?(total\s+|land\s+|surface\s+)?area\s+of\s+(the\s+)?((state|country|city|island)\s+of\s+)?{_PLACE_NAME}"
    rf"|{OPENS}what\s*{_IS}\s+{_PLACE_NAME}[^?]*[’']s\s+(total\s+|land\s+)?area\s*(\?|$)"
    rf"|{OPENS}(cu[aá]l|qu[eé])\s+(es|era|fue)\s+la\s+(superficie|extensi[oó]n)\b"
    rf"|{OPENS}(cu[aá]l|qu[eé])\s+(es|era|fue)\s+el\s+[aá]rea\s+(de|del)\s+(estado\s+de\s+)?{_PLACE_NAME}"
    r"|\bqu[eé] (superficie|extensi[oó]n) tiene\b",
    re.IGNORECASE,
)
# a number in digits or in words before a unit ("two tons", "thousands of tons", "cien mil barriles",
# "miles de toneladas"; not "a" or "one": "a mile away" gives no distance)
_UNIT_NUMBER_WORDS = (
    rf"{_NUMBER_WORDS}|eleven|thirty|forty|sixty|seventy|eighty|ninety|once|treinta|cuarenta|sesenta|setenta"
    r"|ochenta|noventa|\w+cient[oa]s|quinient[oa]s|miles"
)
_NUMBER_BEFORE_UNIT = (
    rf"(?:(?<![\d.,])\d[\d.,]*|\b(?:{_UNIT_NUMBER_WORDS})\b)"
    r"(?:[\s-]+(?:million|millones|mil|thousand|hundred))?[\s-]*(?:(?:of|de)\s+)?"
)
_GIVES_AREA = re.compile(
    _NUMBER_BEFORE_UNIT + r"(km²|km2|m²|sq\.?\s*(km|mi|kilomet\w*|miles?)|square[\s-]+(kilomet|mile|met)\w*"
    r"|(kil[oó]metros|km|millas|metros)\s+cuadrad[oa]s|hect[aá]reas?|hectares?|acres?)",
    re.IGNORECASE,
)
# a distance or a height: "How far is Havana from Miami?", "How tall is ...?", "¿A qué distancia ...?"
# (not "How far were they from their goals?", "How high was inflation?", "¿Qué tan alta fue la
# inflación?": a distance is between places, named with a capital)
_ASKS_LENGTH = re.compile(
    rf"{OPENS}how far away (is|are|was|were)\s+{_PLACE_NAME}"
    rf"|{OPENS}how far (is|are|was|were)\s+{_PLACE_NAME}[^?]*\b(from\s+{_PLACE_NAME}|away\b)|{OPENS}how tall\b"
    rf"|\bwhat\s*{_IS}\s+the (distance|height|elevation|altitude) (of|between|from)\s+(the\s+)?{_PLACE_NAME}"
    r"|\bhow many (kilometers|kilometres|miles|km|meters|metres|feet)\b"
    rf"|\ba qu[eé] distancia\b|\b(cu[aá]l|qu[eé])\s+(es|era|fue)\s+la\s+(distancia|altura|altitud|elevaci[oó]n)"
    rf"\s+(de|del|entre)\s+(el\s+|la\s+)?{_PLACE_NAME}"
    r"|\bqu[eé] altura tiene\b|\bcu[aá]nt[oa]s (kil[oó]metros|millas|metros)\b(?! cuadrad| c[uú]bic)",
    re.IGNORECASE,
)
# not a bare "m" or "mi" ("$200m", "mi gobierno")
_GIVES_LENGTH = re.compile(
    _NUMBER_BEFORE_UNIT
    + r"(km|kms|kilomet(er|re)s?|miles?|met(er|re)s?|feet|foot|ft|kil[oó]metros?|millas?|metros?|pies?)\b",
    re.IGNORECASE,
)
# An account, an address or a number asked for ("What is the author's Twitter handle?", "¿Cuál es la
# cuenta de Twitter del autor?", "What is their email address?") is given by one written out (a
# handle, an address, a link, a number): "And follow my Twitter here." names the site, not the account.
_ASKS_CONTACT = re.compile(
    # asked which one, not whether there is one ("Does the author have a Twitter account?")
    rf"{OPENS}(what|which|cu[aá]l|qu[eé]|give|tell|dame|dime)\b[^?]*?"
    r"(\b(twitter|instagram|facebook|tiktok|youtube|telegram)\s+(handle|account|username|user\s*name|profile)\b"
    r"|\b(handle|account|username|user\s*name|profile|cuenta|usuario|perfil)\s+(de|en|on|in)\s+"
    r"(twitter|instagram|facebook|tiktok|youtube|telegram)\b"
    r"|\b(e-?mail|phone|telephone)\s+(address|number)\b|\bcorreo\s+electr[oó]nico\b"
    r"|\bn[uú]mero\s+de\s+(tel[eé]fono|celular|whatsapp)\b"
    # the site or the address by itself, someone's: "the author's Twitter?", "el Twitter del autor", "his email"
    r"|(?:[’']s|\b(?:his|her|their|its|su|sus))\s+(twitter|instagram|facebook|tiktok|youtube|telegram|e-?mail|correo"
    r"|tel[eé]fono|phone)\b|\b(el|la|su)\s+(twitter|instagram|facebook|tiktok|e-?mail|correo|tel[eé]fono)\s+(de|del)\b)",
    re.IGNORECASE,
)
# bounded runs: a long text of dots and letters is not read again from every word
_GIVES_CONTACT = re.compile(
    r"(?<![\w@])@\w{2,}|https?://|\bwww\.|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,64}\.\w"
    # a phone number: after a plus or a word for it, not any run of digits ("12.000.000", "1994 - 2014")
    r"|\+\d[\d\s().-]{6,24}\d|(?i:\b(?:phone|tel|tel[eé]fono|call|llam\w*|whatsapp)\b)\D{0,15}\d[\d\s().-]{6,24}\d"
)
# A length of time asked for ("How long did Marcos serve as spokesperson?", "¿Cuánto tiempo duró
# ...?"; not "How long is the border?", which may ask for a length) is given by a counted span ("12 días", "over 30
# years", "a few odd years", "for decades") or a start ("since 1994", "desde 1983"): a sentence about
# the spokesperson that says for how long nothing is no answer. "How many years ...?" stays a
# quantity: a count of years may be given by two dates.
_ROUGHLY = r"(roughly|approximately|about|around|more or less)"
_ASKS_DURATION = re.compile(
    rf"{OPENS}(for\s+)?({_ROUGHLY}\s+)?how long\s+(did|does|do|has|have|had|will|would)\b"
    rf"|\bfor\s+({_ROUGHLY}\s+)?how long\b|\bcu[aá]nto tiempo\b|\bdurante cu[aá]nto\b",
    re.IGNORECASE,
)
_TIME_UNITS = (
    r"(minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(y|ies)|minutos?|horas?|d[ií]as?|semanas?|meses"
    r"|mes|a[nñ]os?|d[eé]cadas?|siglos?)"
)
_GIVES_DURATION = re.compile(
    # not "One day, Marcos said" nor "un día llegaron": one of a unit is a span only after "for"
    rf"(?:(?<![\d.,])\d[\d.,]*|\b(?:{_UNIT_NUMBER_WORDS}|unos|unas|few|many|some|couple of"
    rf"|pocos|pocas|muchos|muchas|algunos|algunas)\b)[\s-]+(?:(?:odd|more|long|full|largos?|largas?)\s+)?{_TIME_UNITS}\b"
    rf"|\b(for|over|during|durante|por)\s+(?:(?:a|an|one|un|una)\s+)?{_TIME_UNITS}\b"
    r"|\b(since|desde)\s+(the\s+|el\s+|los\s+|la\s+)?(\d{4}|early|late|(mid|finales|principios|mediados)\b"
    rf"|{_MONTHS})"
    r"|\b(from|between|de|entre)\s+\d{4}\s+(to|until|and|a|hasta|y)\s+\d{4}\b",
    re.IGNORECASE,
)
# A volume or a weight, asked for by its unit ("How many barrels of oil ...?", "¿Cuántas toneladas
# ...?"), is given by a number with that unit, in either language: tons of wheat do not answer how
# many barrels of oil. Each unit is a kind of its own: (kind, how it is asked for, how it is given).
_UNITS = (
    ("barrels", r"barrels?|barriles", r"barrels?|barriles|bpd"),
    ("tons", r"tons?|tonnes?|toneladas?", r"tons?|tonnes?|toneladas?"),
    ("litres", r"lit(?:er|re)s?|litros?", r"lit(?:er|re)s?|litros?"),
    ("gallons", r"gallons?|galones", r"gallons?|galones"),
    ("kilograms", r"kilos|kilograms?|kilogramos?", r"kilos?|kilograms?|kilogramos?|kg"),
    (
        "cubic metres",
        r"cubic (?:met(?:er|re)s|feet)|metros c[uú]bicos",
        r"cubic (?:met(?:er|re)s|feet)|metros c[uú]bicos|m³",
    ),
)
_UNIT_MEASURES = tuple(
    (
        kind,
        re.compile(rf"\bhow many (\w+ )?({asked})\b|\bcu[aá]nt[oa]s (\w+ )?({asked})\b", re.IGNORECASE),
        re.compile(_NUMBER_BEFORE_UNIT + rf"({given})(?!\w)", re.IGNORECASE),
    )
    for kind, asked, given in _UNITS
)
# What a query typed as keywords counts, named by a noun (as _KEYWORD_TYPES names a date or a
# price): a unit ("zapatista coffee tons exported per year", "barriles diarios Venezuela Cuba"), a
# toll of people ("muertos levantamiento zapatista 1994", "death toll"; not the singular "cause of
# death" nor "Día de Muertos") or any number ("MST membership count", "número de soldados enviados a
# Chiapas", "china loans to venezuela total billions"; not "a number of alliances", several). And a
# name ("subcomandante marcos real name", "cafe zapatista mexico nombre"), not the imperative "Name
# the leading member states of ALBA", which asks to list them, nor "in the name of", "en nombre de".
_KEYWORD_COUNTS = (
    *((kind, re.compile(rf"\b({asked})\b", re.IGNORECASE)) for kind, asked, _ in _UNITS),
    (
        "people",
        re.compile(
            rf"\b(death toll|{_TOLL_EN}|{_TOLL_ES})\b"
            r"(?<!\bof the dead)(?<!\bde muertos)(?<!\bde los muertos)",
            re.IGNORECASE,
        ),
    ),
    (
        "quantity",
        re.compile(
            r"(?<!\ba )(?<!\bun )\b(number|n[uú]mero|count|cifra|cantidad|total|billions?|millions?|millones)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "name",
        re.compile(
            r"^(?!\W*name\s+(the|a|an|some|all|any|one|two|three|four|five)\b)"
            r".*?(?<!\bin the )(?<!\ben )\b(name|nombre)\b",
            re.IGNORECASE,
        ),
    ),
)
# A state or a province of a country, asked for as such: after a country's adjective or before its
# name ("In which Brazilian state ...?", "what state of Mexico", "¿En qué estado mexicano / de México
# ...?"; _asks_subdivision). Not "Which states have backed them?", "Which states of Latin America /
# Member States / ALBA states ...?" (countries), nor "state" before a noun ("Which Russian state
# company ...?"). Given by names_subdivision.
_ASKS_SUBDIVISION = re.compile(
    r"\b(?i:what|which)\s+(?P<adjective>[\w-]+)\s+(?i:states?|provinces?)(?![\w-])(?P<after>(?:\s+\w+)?)"
    rf"|\b(?i:what|which)\s+(?i:states?|provinces?)\s+(?i:of|in)\s+(?:(?i:the)\s+)?(?P<country>{COUNTRY_NAME})"
    rf"|\b(?i:qu[eé])\s+(?i:estados?|provincias?)\s+(?:(?i:de|del)\s+(?:(?i:la|el)\s+)?(?P<pais>{COUNTRY_NAME})"
    r"|(?P<adjetivo>[\w-]+))"
)
# what follows "state" asked about as a noun: a verb, a preposition, a clause or the question's end
# ("In which Brazilian state did ...", "... state is X in?"), not a noun it qualifies ("state media")
_AFTER_STATE_NOUN = re.compile(
    r"^(\s+(is|are|was|were|did|does|do|has|have|had|can|could|would|will|of|in|on|where|that|which|whose"
    r"|the|a|an|its|their))?$",
    re.IGNORECASE,
)


def _asks_subdivision(question: str) -> bool:
    for match in _ASKS_SUBDIVISION.finditer(question):
        if match.group("country") or match.group("pais"):
            if countries_named(match.group("country") or match.group("pais")):
                return True
            continue
        word = match.group("adjective") or match.group("adjetivo")
        if match.group("adjective") and not _AFTER_STATE_NOUN.match(match.group("after")):
            continue
        if forms_a_country(word) and fold(word) not in _NO_LONGER_COUNTRIES:
            return True
    return False


# adjectives of countries that are no more: their states were countries ("Which Soviet states ...?")
_NO_LONGER_COUNTRIES = frozenset(("soviet", "sovietico", "sovieticos", "sovietica", "sovieticas"))


# A city, asked for as such ("In which city ...?", "What town ...?", "¿En qué ciudad belga ...?"; not
# "Which Mexico City café ...?") or as where something has its seat ("Where is X headquartered?",
# "¿Dónde tiene su sede X?"); given by names_city.
_ASKS_CITY = re.compile(
    r"\b(what|which)\s+(city|cities|town|towns|village|villages)\b"
    r"|\b(what|which)\s+[\w-]+\s+(?-i:city|cities|town|towns|village|villages)\b"
    r"|\bqu[eé]\s+(ciudad|ciudades|pueblo|pueblos|localidad|localidades)\b"
    rf"|\bcu[aá]l\s+(es|era|fue)\s+la\s+ciudad\b|{OPENS}what\s*{_IS}\s+the\s+(city|town)\b"
    r"|\bwhere\b[^?]*\b(headquartered|headquarters|seat of)\b|\bwhere\b[^?]*[’']s seat\b"
    r"|^\W*(en\s+)?d[oó]nde\b[^?]*\bsede\b",
    re.IGNORECASE,
)
# Where something is or takes place, asked for as such ("Where is X located / based / held?", "¿Dónde
# se encuentra / se celebró X?"); other "where" questions are answered in
# too many ways ("in my first trip to Latin America", "in the outskirts of the country", "Facebook")
# to ask for a place.
_ASKS_PLACE = re.compile(
    r"^\W*(where|d[oó]nde|en d[oó]nde)\b[^?]*\b(located|based|situated|held|hosted|take place|took place"
    r"|se (encuentra|encuentran|ubica|ubican|sit[uú]a|sit[uú]an|celebr[oó]|celebra|realiz[oó]|realiza)"
    r"|est[aá]n? (ubicad|situad)[oa]s?|tuvo lugar|tiene lugar|queda|quedan)(?!\w)",
    re.IGNORECASE,
)
# Which country hosted something ("Which country hosted the XIX ALBA summit?", "¿Qué país fue sede
# de la cumbre?"); given by a host named as such ("Venezuela hosted ...", "hosted by Cuba", "Cuba
# fue la sede") or a place it took place in ("held in Caracas"): not by a sentence about the
# summit's mandate that names some country.
_ASKS_HOST = re.compile(
    r"\b(which|what)\s+(country|nation)\s+(hosted|was the (host|venue)"
    r"|held\s+(the|a|an|its)\s+([\w-]+\s+){0,3}(summit|meeting|conference|forum|congress|talks))\b"
    r"|\bqu[eé]\s+pa[ií]s\s+(acogi[oó]|alberg[oó]|fue (la )?sede|fue (el )?anfitri[oó]n)(?!\w)",
    re.IGNORECASE,
)
# Which country or countries ("Which European countries did the Zapatistas visit?", "Apart from
# Russia and China, which countries have backed them?", "¿Qué países ...?"): given by a sentence
# naming a country other than those the question names (asked.gives); "the Zapatistas even visited
# Europe" names none. Asked for after every other kind ("Which country hosted ...?" asks for a host).
_ASKS_COUNTRY = re.compile(
    r"\b(which|what)\s+([\w-]+\s+){0,2}?(countries|country|nations|nation)\b"
    r"|\bqu[eé]\s+([\w-]+\s+)?(pa[ií]s|pa[ií]ses|naciones)\b"
    r"|\bcu[aá]l(es)?\s+(son|fueron|es|fue|eran|era)\s+(los|el)\s+pa[ií]s(es)?\b",
    re.IGNORECASE,
)
_GIVES_HOST = re.compile(r"\b(hosted|hosts|host|hosting|venue|sede|anfitri[oó]n|acogi[oó]|alberg[oó])\b", re.IGNORECASE)
# A place: a name after "in", "at", "near", "from" (or their Spanish) that is no month or language
# (qa.countries.names_place: "in southern Mexico", "in the Lacandon Jungle", "in Venezuela"); "in
# rural areas of Chiapas", "el norte de México"; a direction from one ("al este del estado de
# Chiapas", "north of Havana"); a territory or a border ("on Zapatista territory", "en territorio
# zapatista", "near the border"); a name said to be where ("The Lacandon Jungle being where they are
# located"). Not "in this case Russia", "in January", "in Spanish".
_GIVES_PLACE = re.compile(
    rf"\b(?i:in|en)\s+([a-záéíóúñ]+\s+){{1,2}}(?i:of|de|del)\s+((?i:the|la|el)\s+)?[{UPPER}]"
    rf"|\b(?i:al|hacia el) (?i:{'|'.join(DIRECTIONS)}|noreste|noroeste|sureste|suroeste) (?i:de|del)\b"
    r"|\b(?i:north|south|east|west|northeast|northwest|southeast|southwest) of\b"
    r"|\b(?i:on|in|en)\s+([\w-]+\s+)?(?i:territory|territorio|soil|suelo)\b"
    r"|\b(?i:on|near|along|at)\s+the\s+border\b|\b(?i:en|cerca de) la frontera\b"
    rf"|\b[{UPPER}][\w-]+\s+(?i:being|is|was|es|era|are|son)\s+(?i:where|donde)\b"
)
# Who killed someone, asked for by the doer ("Who killed Trotsky?", "¿Quién asesinó a Trotsky?", "Who
# was the man who killed him?", "Who was Trotsky killed by?", "Who was Trotsky's assassin?", "¿Quién
# fue el asesino de Trotsky?", "By whom was he killed?"), not who was killed ("Who was assassinated
# in Mexico City?", "Who were the militants that were killed?"), nor another sense of the verb ("Who
# executed the program?", "Who shot the photo?"). It is given by a killing verb in the active with
# its object ("the army killed the militants", "lo mataron"; not "Leon Trotsky, assassinated in
# 1940", "the murdered activist"), a killing with its agent ("asesinados ... por las fuerzas de
# seguridad", "The assassination was carried out by a death squad"; not "por su lucha", "By 1940"),
# or the killer named as such ("His assassin was ...", "a manos de", "on the orders of", "Stalin
# ordered the assassination"): "Trotsky took an ice axe to the face ... and died from the
# assassination" says how he died, not who killed him.
_KILL_ASKED_EN = r"killed|murdered|assassinated"
_KILLING_VERBS_ES = r"asesin[oó]|asesinaron|mat[oó]|mataron|fusil[oó]|fusilaron"
_NOT_BE = r"(?!(is|was|were|are|be|been|being|got|get|gets|fue|fueron|es|era|eran|son|ha sido)\b)"
_KILLER_NOUNS_EN = r"assassins?|killers?|murderers?"
_ASKS_KILLER = re.compile(
    rf"^\W*(who|qui[eé]n(es)?)\s+({_NOT_BE}\w+\s+)?({_KILL_ASKED_EN}|{_KILLING_VERBS_ES})\b"
    rf"|^\W*(who|qui[eé]n(es)?)\s+(is|was|were|are|fue|fueron|es|era)\b[^?]*\b(who|that|quien|quienes|que)\s+"
    rf"({_NOT_BE}\w+\s+)?({_KILL_ASKED_EN}|{_KILLING_VERBS_ES})\b"
    rf"|^\W*who\s+(was|were|is|are)\b[^?]*\b({_KILL_ASKED_EN})\s+by\s*(\?|$)"
    rf"|^\W*who\s+(was|were|is|are)\b[^?]*\b({_KILLER_NOUNS_EN})\b"
    r"|^\W*¿?\s*qui[eé]n(es)?\s+(fue|fueron|es|era)\s+(el|la|los|las)\s+(asesin[oa]s?|homicidas?)\b"
    rf"|\bby whom\b[^?]*\b({_KILL_ASKED_EN})\b|\bpor qui[eé]n(es)?\b[^?]*\b(asesinad|matad|fusilad)\w*",
    re.IGNORECASE,
)
# Spanish finite forms are active by their form; an English past needs its object after it
_KILLING_VERB_ES = re.compile(rf"\b({_KILLING_VERBS_ES})\b", re.IGNORECASE)
_KILLING_VERB_EN = re.compile(
    r"\b(killed|murdered|assassinated|shot)\s+((him|her|them|the|a|an|his|their|many|several|some|dozens|hundreds)\b"
    rf"|\d|(?-i:[{UPPER}]))",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(
    r",\s*$|\b(was|were|been|be|being|is|are|got|get|gets|fue|fueron|sido|ser|es|son|era|eran)\s+(\w+\s+)?$",
    re.IGNORECASE,
)
_KILLED = r"(?i:killed|murdered|assassinated|shot|executed|(?:asesinad|matad|ejecutad|fusilad)[oa]s?)"
_AGENT = rf"(?i:by|por)\s+((?i:the|a|an|his|her|their|its|el|la|los|las|un|una)\b|[{UPPER}])"
_KILLING = r"(?i:killing|murder|assassination|execution|asesinato|homicidio|ejecuci[oó]n)"
_KILLER_NAMED = re.compile(
    rf"\b{_KILLED}\b[^.]{{0,200}}?\b{_AGENT}|\b{_AGENT}[^.]{{0,200}}?\b{_KILLED}\b"
    rf"|\b{_KILLING}\b[^.]{{0,80}}?\b(?i:carried out|committed|ordered|perpetrated|cometid[oa]|ordenad[oa]"
    rf"|perpetrad[oa]|llevad[oa] a cabo)\s+{_AGENT}"
    rf"|\b(?i:carried out|committed|ordered|perpetrated|cometi[oó]|orden[oó]|perpetr[oó])\s+"
    rf"((?i:the|his|her|their|el|la|su)\s+)?{_KILLING}\b"
    rf"|\b(?i:{_KILLER_NOUNS_EN}|asesin[oa]s?|homicidas?|sicarios?|gunm[ae]n|hitm[ae]n)\b"
    r"|\b(?i:a manos de|at the hands of|on the orders of|por [oó]rdenes? de)\b"
    r"|\b(?i:convicted of|condenad[oa]s? por)\b[^.]{0,60}\b(?i:murder|killing|assassination|asesinato|homicidio)"
)
# how far before a killing verb a passive helper is looked for (two words)
_LOOK_BEFORE = 40


def _gives_killer(text: str) -> bool:
    """Whether ``text`` says who killed: an active killing verb, an agent, the killer named (above)."""
    if _KILLER_NAMED.search(text) or _KILLING_VERB_ES.search(text):
        return True
    return any(
        not _PASSIVE_BEFORE.search(text, max(0, verb.start() - _LOOK_BEFORE), verb.start())
        for verb in _KILLING_VERB_EN.finditer(text)
    )


ROLES_EN = (
    r"president|vice[- ]president|prime minister|premier|leader|head|secretary[- ]general|secretary|chair(?:man|woman)?"
    r"|king|queen|governor|mayor|minister|ceo|director|spokes(?:man|woman|person)|commander|chancellor|dictator"
    r"|coordinator|chief"
)
# the words that may stand before a role ("current", "executive")
_ROLE_QUALIFIERS = (
    r"(?:(?:current|former|first|new|last|next|present)\s+)?(?:(?:general|national|executive|international)\s+)?"
)
# A role asked for with whose it is in the possessive ("Who was Mexico's president …?", "Who is the
# ALBA Bank's president?"): group "possessor" is the holder (asked.role_holder). After "is" or "was"
# a plural role goes on to what is asked of it, unless it ends the question: "Who was the Russian
# official ALBA's national coordinators met with?" asks for someone the coordinators met, "Who was
# the EZLN's leaders?" for its leaders.
POSSESSIVE_ROLE_QUESTION = (
    r"who\s*(?:(?P<one>is|was|'s|’s)|are|were)\s+(?:the\s+)?(?P<possessor>(?:[\w-]+\s+){0,2}[\w-]+)[’']s\s+"
    rf"{_ROLE_QUALIFIERS}(?:{ROLES_EN})(?(one)(?:s(?=\W*$))?|s?)\b"
)
ROLES_ES = (
    r"presidente|presidenta|vicepresidente|primer ministro|primera ministra|l[ií]der|jefe|jefa|secretari[oa] general"
    r"|secretari[oa]|rey|reina|gobernador|gobernadora|alcalde|alcaldesa|ministr[oa]|director|directora"
    r"|portavoz|vocero|comandante|canciller|dictador|coordinador|coordinadora"
)
_ASKS_ROLE = re.compile(
    rf"{OPENS}{POSSESSIVE_ROLE_QUESTION}"
    rf"|{OPENS}who\s*{_IS}\s+(the\s+)?{_ROLE_QUALIFIERS}({ROLES_EN})s?\b"
    rf"|{OPENS}qui[eé]n(es)?\s+(es|era|fue|son|ha sido|ser[aá])\s+(el|la|los|las)?\s*"
    rf"(actual|primer|primera|nuevo|nueva|[uú]ltimo|[uú]ltima)?\s*({ROLES_ES})(e?s)?\b"
    rf"|{OPENS}who\s+(currently\s+|now\s+|today\s+)?(leads|heads|runs|governs|rules|chairs|directs|presides)\b"
    rf"|{OPENS}qui[eé]n(es)?\s+(actualmente\s+|hoy\s+)?(dirige|lidera|encabeza|gobierna|preside)\b",
    re.IGNORECASE,
)
_LEADS = re.compile(
    r"leads|led by|heads|headed by|runs|run by|governs|governed by|rules|chairs|presides|dirige|dirigid[oa]"
    r"|lidera|liderad[oa]|encabeza|encabezad[oa]|gobierna|gobernad[oa]|preside",
    re.IGNORECASE,
)
GIVES_ROLE = re.compile(
    rf"\b({ROLES_EN}|{ROLES_ES}|founder|fundador|fundadora|subcomandante)s?\b|\b({_LEADS.pattern})\b",
    re.IGNORECASE,
)
# Leading in the passive, with whoever leads after it: "the movement is led by its national
# coordination" names the holder, whoever it is.
_LED_BY = re.compile(
    r"(?:led|headed|run|governed|chaired|presided(?: over)?)\s+by\b"
    r"|(?:dirigid|liderad|encabezad|gobernad|presidid)[oa]s?\s+por\b",
    re.IGNORECASE,
)
# A person's name next to a role: "Venezuelan President Maduro", "Subcomandante Marcos", "President
# AMLO" (a name or an acronym right after the role), or a name of two words or more near it ("the
# Minister for Communities and Social Movements Elias Jaua", "the president of the ALBA Bank, Raúl
# Li Causi"). "Who is the current leader of the MST?" is not answered by "host a MST leader", nor
# "Who is the president of Mexico?" by "the Mexican president".
_NAME_WORD = re.compile(rf"[{UPPER}][a-záéíóúñü’']+(-[{UPPER}]?[a-záéíóúñü’']+)*")  # "Jaua", "Díaz-Canel"
_ACRONYM = re.compile(rf"[{UPPER}]{{2,6}}")
_WORD_WITH_OFFSETS = re.compile(r"[\w’'-]+")
# capitalised words that are no person's name: function words starting a sentence or a title, and
# the nouns of organisations' names ("the Workers Party", "the ALBA Bank")
_NOT_PERSONAL_NAMES = frozenset(
    (
        *("the", "a", "an", "el", "la", "los", "las", "un", "una", "i", "in", "on", "at", "of", "for", "and"),
        *("y", "de", "del", "this", "that", "these", "those", "his", "her", "their", "its", "or", "but", "o", "pero"),
        *("party", "partido", "movement", "movimiento", "movements", "movimientos", "government", "gobierno"),
        *("bank", "banco", "fund", "fondo", "council", "consejo", "army", "ejército", "ejercito", "union", "unión"),
        *("organization", "organisation", "organización", "organizacion", "department", "departamento"),
        *("ministry", "ministerio", "federation", "federación", "federacion", "republic", "república"),
        *("republica", "state", "states", "estado", "estados", "national", "nacional", "social", "communities"),
    )
)
_ROLE_NAME_BEFORE, _ROLE_NAME_AFTER = 3, 7  # "Evo Morales, Bolivia's president"; "Minister for X and Y Elias Jaua"
_BEFORE_PLACES = frozenset(("in", "at", "from", "near", "to", "en", "desde", "cerca"))  # "met in Chiapas"


def names_role_holder(text: str, besides: tuple[str, ...] = ()) -> bool:
    """Whether ``text`` names a role (GIVES_ROLE) with whoever holds it: a person's name next to
    the role word, a passive of leading with its agent ("led by its national coordination"), or a
    verb of leading after a name ("Maduro governs"). The people named ``besides`` (in any case,
    possessive or not) hold no role here: "Who leads the EZLN after Subcomandante Marcos?" is not
    answered by "the spokesperson for the EZLN, Subcomandante Marcos"."""
    roles = list(GIVES_ROLE.finditer(text))
    if not roles:
        return False  # most sentences: no word of theirs needs reading as a name
    words = [(match.start(), match.end(), match.group()) for match in _WORD_WITH_OFFSETS.finditer(text)]
    starts_at = [start for start, _, _ in words]
    set_aside = _words_of(text, besides, starts_at)
    names = [i not in set_aside and _is_personal_name(text, words, i) for i in range(len(words))]
    # a sentence's first word may start a name of several ("Evo Morales, Bolivia's president")
    starts = [
        names[i] or (i not in set_aside and _is_personal_name(text, words, i, first_word=True))
        for i in range(len(words))
    ]
    for role in roles:
        if _LED_BY.match(text, role.start()):
            return True
        first, last = bisect_left(starts_at, role.start()), bisect_left(starts_at, role.end())
        if _LEADS.fullmatch(role.group()):
            if first > 0 and names[first - 1] and _only_spaces(text, words[first - 1][1], role.start()):
                return True
            continue
        right_after = last < len(words) and _only_spaces(text, role.end(), words[last][0])
        if right_after and (names[last] or (last not in set_aside and _ACRONYM.fullmatch(words[last][2]))):
            return True
        if _named_in_apposition(text, words, names, role.end(), set_aside):
            return True
        near = range(max(0, first - _ROLE_NAME_BEFORE), min(len(words), last + _ROLE_NAME_AFTER))
        if any(
            starts[i]
            and names[i + 1]
            and _only_spaces(text, words[i][1], words[i + 1][0])
            and not _of_something(words, i)
            for i in near
            if i + 1 < len(words) and (i + 1 < first or i >= last)
        ):
            return True
    return False


def _words_of(text: str, people: tuple[str, ...], starts_at: list[int]) -> frozenset[int]:
    """The positions of the words (by their starts, ``starts_at``) that name one of ``people``."""
    if not people:
        return frozenset()
    spelled = "|".join(r"\s+".join(re.escape(word) for word in name.split()) for name in people)
    mentions = re.finditer(rf"\b(?:{spelled})(?:[’']s?)?(?!\w)", text, flags=re.IGNORECASE)
    spans = [(bisect_left(starts_at, mention.start()), bisect_left(starts_at, mention.end())) for mention in mentions]
    return frozenset(i for first, end in spans for i in range(first, end))


def _named_in_apposition(
    text: str, words: list[tuple[int, int, str]], names: list[bool], after: int, set_aside: frozenset[int]
) -> bool:
    """Whether the role ending at ``after`` is followed, once what it is of is said, by a name after
    a comma: "the director of the Latin American Department of the Russian Federation, Alexander
    Shchetinin", "the spokesperson for the EZLN, Subcomandante Marcos"."""
    comma = _APPOSITION.match(text, after)
    if comma is None:
        return False
    following = [i for i, (start, _, word) in enumerate(words) if start >= comma.end()][:3]
    if following and GIVES_ROLE.fullmatch(words[following[0]][2]):
        following = following[1:]  # a title before the name
    if not following:
        return False
    # a first name may be a place or a month ("Salvador Allende", "Julio Cortázar") when a name follows
    first_of_two = (
        len(following) > 1
        and following[0] not in set_aside
        and bool(_NAME_WORD.fullmatch(words[following[0]][2]))
        and names[following[1]]
    )
    return names[following[0]] or first_of_two


# what the role is of, then a comma: "of the ALBA Bank, ", "for the EZLN, "
_APPOSITION = re.compile(r"\s+(?:of|for|de|del)\b[^,.;:!?\n]{1,80},\s*")


def _of_something(words: list[tuple[int, int, str]], i: int) -> bool:
    """Whether the name starting at the i-th word comes after "of (the)", "de (la)": what a role is
    of ("the minister of Foreign Affairs", "the leader of the Sandinista Front"), not who holds it."""
    before = [word.casefold() for _, _, word in words[max(0, i - 2) : i]]
    return bool(before) and (before[-1] in _OF or (len(before) == 2 and before[0] in _OF and before[1] in _ARTICLES))


_OF = frozenset(("of", "de", "del", "for", "para"))
_ARTICLES = frozenset(("the", "el", "la", "los", "las"))


def _only_spaces(text: str, start: int, end: int) -> bool:
    return start <= end and not text[start:end].strip(" \u00a0")


def _is_personal_name(text: str, words: list[tuple[int, int, str]], i: int, first_word: bool = False) -> bool:
    """Whether the i-th word reads as part of a person's name: capitalised, not a sentence's first
    word (unless ``first_word``), not after "in"/"at"/"from" (a place), not a role, a country, a
    demonym, a region, a month, a day or a word of an organisation's name."""
    start, _, word = words[i]
    if not _NAME_WORD.fullmatch(word) or word.casefold() in _NOT_PERSONAL_NAMES or GIVES_ROLE.fullmatch(word):
        return False
    before = text[:start].rstrip(" \u00a0“\"'(")
    if not first_word and (not before or before[-1] in ".!?\n:;¿¡"):
        return False  # a capital that may only mark the sentence's start: "Officials said ..."
    if i > 0 and words[i - 1][2].casefold() in _BEFORE_PLACES:
        return False
    return not names_no_one(word)


_ASKS_FOUNDER = re.compile(
    rf"{OPENS}who\s+(founded|co-?founded|created|established|set up|started)\b"
    rf"|{OPENS}who\s+{_IS}\s+(the\s+)?(co-?)?founders?\s+of\b"
    r"|\bby whom (was|were)\b[^?]*\b(founded|created|established)\b"
    rf"|{OPENS}qui[eé]n(es)?\s+(fund[oó]|cre[oó]|estableci[oó]|fundaron|crearon)\b"
    rf"|{OPENS}qui[eé]n(es)?\s+(es|era|fue|fueron|son)\s+(el|la|los|las)?\s*fundador(a|es|as)?\b"
    r"|\bpor qui[eé]n(es)? (fue|fueron) (fundad|cread)\w*",
    re.IGNORECASE,
)
GIVES_FOUNDER = re.compile(
    r"\b(found(ed|ers?|ing)|co-?found(ed|ers?)|establish(ed|ment)|creat(ed|ion)|formed|started|set up|constituted"
    r"|launched|fund(ó|ado|ada|ados|adas|ador|adores|adora|aron|ación)|cre(ó|aron|ado|ada)|form(ó|aron|ado|ada)"
    r"|establec(ió|ieron|ido|ida)|constitu(yó|yeron|ido|ida)|surgi(ó|eron)|naci(ó|eron))\b",
    re.IGNORECASE,
)
# Who founded something is given with the founder: "founded by", "fundada por", "its founders", a
# passive founding with the "when" clause of whoever did it ("was constituted in 1990 when the
# Brazilian Workers' Party approached ..."), or an active verb with its object ("they formed the
# EZLN", "Chávez founded ALBA"), whose object must be what was asked about (asked.gives: "The MST has
# created a school" does not say who founded the MST). "Via Campesina ... started in Mons, Belgium in
# 1993" says how, not who.
_FOUNDER_NAMED = re.compile(
    r"\b(co-?)?founders?\b(?!\s+of\b)|\bfundador(a|es|as)?\b(?!\s+del?\b)"
    r"|\b(founded|co-?founded|created|established|set up|formed|started|launched|constituted|organi[sz]ed)\b"
    r"[^.;,]{0,30}?\s+by\b"
    r"|\b(fundad|cread|formad|establecid|constituid|organizad)[oa]s?\b[^.;,]{0,30}?\s+por\b"
    r"|\b(founded|constituted|created|established|formed|fundad[oa]|constituid[oa]|cread[oa])\b[^.;]{0,30}"
    r"\b(when|cuando)\s+(the\s+|el\s+|la\s+)?(?-i:[A-ZÁÉÍÓÚÑ])",
    re.IGNORECASE,
)
_FOUNDING_ACTIVE = re.compile(
    r"(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\bbeen )(?<!\bbe )(?<!\bfue )(?<!\bfueron )"
    r"\b(?:founded|co-?founded|created|established|formed|launched|started|set up|fund[oó]|fundaron|cre[oó]|crearon"
    r"|form[oó]|formaron|estableci[oó]|establecieron|constituyeron|(?:co-?)?founders?\s+of|fundador(?:a|es|as)?\s+del?)"
    r"\s+(?P<object>(?:(?:the|a|an|its|their|his|her|el|la|los|las|un|una|su|sus)\s+|(?-i:[A-ZÁÉÍÓÚÑ])|(?:it|them)\b)"
    r"[\w’'-]*(?:\s+[\w’'()-]+){0,5})",
    re.IGNORECASE,
)


def founding_objects(text: str) -> list[str]:
    """How ``text`` says who founded something: for each mention, what an active founding verb
    founded ("formaron el EZLN y una base": "el EZLN y una"), or "" when the mention names the
    founder whatever was founded (a noun, a passive with its agent, a "when" clause)."""
    return [""] * len(_FOUNDER_NAMED.findall(text)) + [
        _OBJECT_ENDS.split(match.group("object"), maxsplit=1)[0] for match in _FOUNDING_ACTIVE.finditer(text)
    ]


# where the noun phrase founded ends: "a school | next to the MST camp", "the EZLN | y una base social"
_OBJECT_ENDS = re.compile(
    r"\s+(?:in|at|on|to|next|near|with|for|from|by|since|after|before|during|when|which|that|and|who"
    r"|en|con|para|junto|cerca|desde|tras|cuando|que|y)\b",
    re.IGNORECASE,
)


# founder before role: "Who was the founder of the MST?" asks how it began, not for an office
_MEASURES = (
    ("duration", _ASKS_DURATION, _GIVES_DURATION),
    ("contact", _ASKS_CONTACT, _GIVES_CONTACT),
    ("founder", _ASKS_FOUNDER, _FOUNDER_NAMED),
    ("role", _ASKS_ROLE, GIVES_ROLE),
    ("people", _ASKS_PEOPLE, _GIVES_PEOPLE),
    ("money", _ASKS_MONEY, _GIVES_MONEY),
    ("percentage", _ASKS_PERCENTAGE, _GIVES_PERCENTAGE),
    ("capital", _ASKS_CAPITAL, _GIVES_CAPITAL),
    ("area", _ASKS_AREA, _GIVES_AREA),
    ("length", _ASKS_LENGTH, _GIVES_LENGTH),
    *_UNIT_MEASURES,
)


# What a query typed as keywords asks for, named by the noun it opens with after at most one word
# (a country's or an organisation's name, usually), as its question asks (round 41): a statistic, a
# rate or a population ("Argentina GDP", "PIB per cápita de Bolivia", "Venezuela inflation rate",
# "tasa de inflación de Venezuela", "población de Cuba"; "What is the GDP of Argentina?"), a killer
# ("asesino de Trotsky") or a span ("duración del conflicto"). The noun heads the query: it ends it
# or is followed by what it is of ("of", "de", "per capita"). Elsewhere it names what something else
# is asked about ("population benefited by MST farmland", "famous phrase king of spain chavez"), as
# after a verb ("were the killers of trotsky soviet agents": a question without its question word),
# and a population described is people, not a count ("civilian population", "población civil").
# Roles, accounts and seats are not typed so: "current president of Mexico" is answered by "leftist
# President AMLO", "twitter del autor" by "follow my Twitter here", "enemy headquarters surrender" by
# the Fifth order; a country the corpus never mentions is refused anyway (qa.countries). The noun
# ending the query heads it too (round 42): "Venezuela annual inflation rate"; not a seat or a place
# ("EZLN headquarters" is a region, "Russian nuclear bombers location" answered by "to Venezuela").
_AUXILIARY_OPENERS = (
    r"is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|may|must"
    r"|es|son|era|eran|fue|fueron|hay|hubo|tiene|tienen|ha|han|puede|pueden"
)
_DESCRIBED_PEOPLE = r"civil|civilian|local|indigenous|rural|native|poor"


def _keyword_head(not_before: str = _AUXILIARY_OPENERS) -> str:
    """The start of a query up to its head noun: at most one word, none of ``not_before``."""
    return rf"^[^\w’'-]*(?:(?!(?:{not_before})\s)[\w’'-]+\s+)?"


def _keyword_tail(not_before: str = "") -> str:
    """The start of a query up to a noun that ends it: words, the first no auxiliary (a question
    without its question word), the last none of ``not_before``."""
    last = rf"(?!(?:{not_before})\s)" if not_before else ""
    return rf"^[^\w’'-]*(?!(?:{_AUXILIARY_OPENERS})\s)(?:[\w’'-]+\s+)*{last}[\w’'-]+\s+"


_HEAD_ENDS = r"(?=[\s?.!]*$|\s+(?:of|de|del|per\s+c[aá]pita)\b)"


def _keyword_heads(names: str, not_before: str = "") -> re.Pattern[str]:
    """A query headed by one of ``names``: opening it after at most one word and followed by what it
    is of, or ending it ("Venezuela annual inflation rate": an English compound's head is its last
    noun)."""
    head = _keyword_head(f"{_AUXILIARY_OPENERS}|{not_before}" if not_before else _AUXILIARY_OPENERS)
    return re.compile(rf"{head}({names}){_HEAD_ENDS}|{_keyword_tail(not_before)}({names})[\s?.!]*$", re.IGNORECASE)


_KEYWORD_HEADS = (
    (
        "percentage",
        _keyword_heads(
            rf"({_RATES}) rates?|rates? of ({_RATES})|tasas? de (?!cambio)[\w-]+|percentage|porcentaje"
            r"|(GDP|PIB|population|poblaci[oó]n) growth|crecimiento (del PIB|de la poblaci[oó]n)"
        ),
    ),
    (
        "money",
        _keyword_heads(
            r"GDP|PIB|gross domestic product|producto (interno|interior) bruto|budget|presupuesto"
            r"|exchange rate|tipo de cambio|tasa de cambio"
            r"|(credit|loan|debt|investment|bailout|funding) amount"
        ),
    ),
    ("people", _keyword_heads(r"population|poblaci[oó]n|inhabitants|habitantes", _DESCRIBED_PEOPLE)),
    ("killer", _keyword_heads(r"killers?|murderers?|assassins?|asesin[oa]s?|homicidas?")),
    ("duration", _keyword_heads(r"duration|duraci[oó]n")),
)


_ALL_KEYWORD_TYPES = (*_KEYWORD_TYPES, *_KEYWORD_COUNTS, *_KEYWORD_HEADS)


def expected_answer_type(question: str) -> str | None:
    """ "time" (a date asked for by name), "occasion" (a bare "when": a date or an occasion),
    "expansion", "duration", "contact", "people", "money", "percentage", "capital", "role", "founder", "area", "length",
    a unit of volume or weight ("barrels", "tons", ...: _UNITS), "killer", "subdivision", "city",
    "host", "place",
    "quantity", "party", "name", "country" or None (the question's wording does not say); the more particular kind
    first ("How much money ...?" asks for money, not any quantity)."""
    if _ASKS_TIME.search(question) and not _WHEN_CLAUSE.search(question):
        return "time" if _ASKS_DATE.search(question) else "occasion"
    if _DATE_BY_CLAUSE.search(question):
        return "time"
    if acronym_asked(question) is not None:
        return "expansion"
    for kind, asks, _ in _MEASURES:
        if asks.search(question):
            return kind
    if not _WH_WORD.search(question):
        # a question mark does not make keywords a question ("asesino de Trotsky?"): the head noun
        # still says what is asked, where a noun anywhere may be what a yes-or-no question is about
        # ("Did the price of coffee fall?")
        keyword_types = _KEYWORD_HEADS if _QUESTION_WORD.search(question) else _ALL_KEYWORD_TYPES
        keyword_kind = next((kind for kind, names in keyword_types if names.search(question)), None)
        if keyword_kind is not None:
            return keyword_kind
    if _ASKS_KILLER.search(question):
        return "killer"
    if _asks_subdivision(question):
        return "subdivision"
    if _ASKS_CITY.search(question):
        return "city"
    if _ASKS_HOST.search(question):
        return "host"
    if _ASKS_PLACE.search(question):
        return "place"
    if _ASKS_QUANTITY.search(question):
        return "quantity"
    if _ASKS_PARTY.search(question):
        return "party"
    if _ASKS_NAME.search(question):
        return "name"
    if _ASKS_COUNTRY.search(question):
        return "country"
    return None


def has_answer_type(kind: str | None, text: str) -> bool:
    """Whether ``text`` contains the kind of answer asked for: for a time, a year, a date, a
    counted duration ("12 días"), a decade ("los setenta", "los años 60") or a time relative to a
    dated event ("One year later"), not a vague "not too long ago"; for an occasion, a time or the
    occasion something happened at (occasions); for a quantity, a number in digits or words that is
    not a date (_has_count); for a name, words that give one ("called", "known as", "denominada"), a
    capitalised name in quotation marks or an acronym's expansion; for a party, one named
    (_GIVES_PARTY); for the measures and facts of
    _MEASURES, what gives each (a span of time, an account or address written out, a count of
    people, an amount of money, a percentage, a city called the capital, a role, how something
    began, an area or a length with its unit); for a killer, the doer of a killing
    (_gives_killer); for a state, a city or a place, one named as where something is
    (qa.countries.names_subdivision, names_city, names_place). A question whose best sentence lacks
    what it asks for is one the corpus does not answer: "When did Evo Morales first become
    president?" finds sentences about Evo Morales, none with a date. What an acronym stands for
    depends on the acronym asked about and is judged by qa.asked.gives: for that kind, and for none,
    this is True. "What
    is Subcomandante Marcos's real name?" finds the one sentence that mentions him."""
    if kind == "time":
        return bool(_HAS_TIME.search(text))
    if kind == "occasion":
        return bool(_HAS_TIME.search(text)) or bool(occasions(text))
    if kind == "quantity":
        return _has_count(text)
    if kind == "name":
        return bool(_GIVES_NAME.search(text))
    if kind == "party":
        return bool(parties_named(text))
    if kind == "city":
        return names_city(text)
    if kind == "subdivision":
        return names_subdivision(text)
    if kind == "place":
        return names_place(text) or bool(_GIVES_PLACE.search(text))
    if kind == "host":
        return bool(_GIVES_HOST.search(text)) or names_place(text)
    if kind == "country":
        return bool(countries_named(text))
    if kind == "killer":
        return _gives_killer(text)
    if kind == "role":
        return names_role_holder(text)
    if kind == "founder":
        return bool(founding_objects(text))
    for measure, _, gives in _MEASURES:
        if kind == measure:
            return bool(gives.search(text))
    return True


def asks_day(question: str) -> bool:
    """Whether the question asks on what day ("What day ...?", "¿Qué día ...?"): a weekday answers it."""
    return bool(_ASKS_DAY.search(question))


def appositive_names(text: str) -> list[str]:
    """The names ``text`` gives in apposition ("..., Sputnik V, and ..."), but countries: what an
    answer to "what is it called?" may be when the text does not say "called"."""
    return [name for name in _APPOSITIVE_NAME.findall(text) if not countries_named(name)]


def names_weekday(text: str) -> bool:
    return bool(_WEEKDAY.search(text))


def asks_within_year(question: str) -> bool:
    """Whether the question asks for a date, a day or a month, finer than a year."""
    return bool(_ASKS_WITHIN_YEAR.search(question))


def times_named(text: str, finer_than_years: bool = False) -> frozenset[str]:
    """The times ``text`` gives (as has_answer_type reads them for "time"), lower-cased, each with
    the word that places it within its year or decade ("para finales de 1994", "early 1994"): a
    question's own ("... the 1994 uprising") are no answer to when, but "the end of 1994" is.
    ``finer_than_years``: not a time some years after or before another ("One year later"), which
    says no more than a year the question gives ("On what date in 1994 ...?")."""
    found = set()
    for match in _HAS_TIME.finditer(text):
        if finer_than_years and _YEARS_AWAY.fullmatch(match.group()):
            continue
        placed = _WITHIN_TIME.search(text, max(0, match.start() - _WITHIN_TIME_CHARS), match.start())
        found.add(" ".join(f"{placed.group() if placed else ''}{match.group()}".casefold().split()))
    return frozenset(found)


# what places a time within its year or decade, right before it: "finales de", "the end of", "early"
_WITHIN_TIME = re.compile(
    r"\b(?:finales|fines|principios|comienzos|mediados|inicios)\s+(?:de|del)\s+(?:los\s+|año\s+)?$"
    r"|\b(?:(?:the\s+)?(?:end|beginning|start|middle|turn)\s+of\s+(?:the\s+)?|early\s+|late\s+|mid-?\s*)$",
    re.IGNORECASE,
)
_WITHIN_TIME_CHARS = 30


# what a count asks about: the words after "how many" / "cuántos" ("How many members does ...?")
_COUNT_ASKED = re.compile(r"\b(?:how\s+many|cu[aá]nt[oa]s)\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)", re.IGNORECASE)
# how far after a number the thing it counts is looked for, in words ("1.5 million members")
_COUNTED_WORDS = 3


def counted_terms(question: str) -> frozenset[str]:
    """The terms (lexical.query_tokens) of what a count asks about: "How many members does the MST
    have?" -> {"member", "mst", ...}: up to three words after "how many" / "cuántos"."""
    match = _COUNT_ASKED.search(question)
    if match is None:
        return frozenset()
    words = itertools.takewhile(lambda word: word.casefold() not in AUXILIARIES, match.group(1).split())
    return frozenset(query_tokens(" ".join(words)))


# the verb that ends what is counted: "How many members | does ...", "¿Cuántos miembros | tiene ...?"
AUXILIARIES = frozenset(
    (
        *("does", "do", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could", "will"),
        *("would", "should", "hay", "había", "tiene", "tienen", "tenía", "tenían", "es", "son", "fue"),
        *("fueron", "era", "eran", "ha", "han"),
    )
)


def counts(terms: frozenset[str], text: str) -> bool:
    """Whether a number of ``text`` counts one of ``terms``: one of them in the few words after it."""
    if not terms:
        return False
    for number in itertools.chain(_NUMBER.finditer(text), _NUMBER_WORD.finditer(text)):
        after = _WORDS_AFTER.findall(text, number.end(), number.end() + _COUNTED_CHARS)[:_COUNTED_WORDS]
        if terms.intersection(query_tokens(" ".join(after))):
            return True
    return False


_WORDS_AFTER = re.compile(r"[\w’'-]+")
_COUNTED_CHARS = 60


def _has_count(text: str) -> bool:
    """A number in digits or words that counts something. A year ("constituted in 1990") or a day
    of the month counts nothing, so a sentence whose only numbers are dates does not say how many
    of anything there are; a year-like number followed by a plural ("2000 families") does count."""
    dates = [match.span() for match in _NUMERIC_DATE.finditer(text)]
    for number in _NUMBER.finditer(text):
        before, after = text[: number.start()], text[number.end() :]
        if any(start <= number.start() < end for start, end in dates) or _PART_OF_NAME.search(before[-3:]):
            continue
        if _YEAR.fullmatch(number.group()) and (_YEAR_BEFORE.search(before) or not _COUNTED.match(after)):
            continue
        if len(number.group()) <= 2 and (_DAY_OF_MONTH[0].match(after) or _DAY_OF_MONTH[1].search(before)):
            continue
        return True
    return bool(_NUMBER_WORD.search(text))


# Kinds whose value is often given in the sentences quoted after the one naming the topic ("... the
# First Declaration." / "they've had 6 of these"), so the whole quote is read for them; a date
# rarely is, and reading on for one lets unanswerable "when" questions through (round 5).
READ_ON_KINDS = frozenset(
    {
        *("quantity", "duration", "people", "money", "percentage", "area", "length", "party"),
        *(kind for kind, _, _ in _UNITS),
    }
)
# Kinds often given in the sentence right after the one naming the topic, and no further ("...
# organización clandestina formada ... en el norte de México ..." / "... su estructura en la ciudad
# de México fue descubierta ..."; "Trotsky was assassinated in 1940." / "His assassin was ..."):
# reading two sentences on lets a city named about something else answer ("Here's a photo I took of
# the museum of Trotsky" / ... / "a café in Mexico City").
NEXT_SENTENCE_KINDS = frozenset({"subdivision", "city", "place", "killer", "country"})


# A question asking how to do something oneself, or for a recipe: instructions ("How do I make cold
# brew coffee at home?", "What's the best way to cook quinoa?", "¿Cómo se prepara el mole poblano?",
# "como renovar el pasaporte mexicano", "receta de arepas"). Knowing, saying or explaining something
# is no instruction ("How do we know the author visited Chiapas?", "How can one explain the pink
# tide?", "¿Cómo se hace llamar el subcomandante?"), nor is a "como" ("as") inside a sentence.
_NOT_INSTRUCTIONS = (
    r"(?!\s+(?:know|think|say|tell|explain|describe|define|understand|translate|pronounce|interpret|call"
    r"|llamar|explicar|entender|decir|saber|definir|describir|traducir|interpretar|pronunciar)\b)"
)
_ASKS_PROCEDURE = re.compile(
    rf"\bhow (?:do|can|should|could|must) (?:i|we|you|one)\b{_NOT_INSTRUCTIONS}|\bhow to\b{_NOT_INSTRUCTIONS}"
    r"|\b(?:best|easiest|right|proper|quickest|fastest) ways? to\b|\b(?:recipes?|ingredients)\b"
    r"|\bstep[- ]by[- ]step\b|\btips (?:for|on)\b"
    r"|(?:^\W*c[oó]mo|\bcómo) (?:puedo|podemos|debo|debemos|hago|hacemos"
    rf"|se (?:hace|hacen|prepara|preparan|cocina|puede|pueden|debe))\b{_NOT_INSTRUCTIONS}"
    r"|^\W*c[oó]mo (?:hacer|preparar|cocinar|renovar|sacar|obtener|conseguir|tramitar|aprender|instalar"
    r"|quitar|limpiar)\b"
    r"|\b(?:recetas?|ingredientes)\b|\bpaso a paso\b"
    r"|\b(?:mejor|mejores) (?:forma|manera|modo)s? de\b|\bconsejos para\b",
    re.IGNORECASE,
)


def asks_procedure(question: str) -> bool:
    """Whether the question asks for instructions: how to do something, or a recipe."""
    return bool(_ASKS_PROCEDURE.search(question))


# The words that ask for instructions, or only say how: what is left names what they are for.
_PROCEDURE_WORDS = frozenset(
    fold(word)
    for word in (
        *AUXILIARIES,
        *("how", "what", "which", "where", "must", "i", "we", "you", "one", "to", "get", "make", "best"),
        *("easiest", "right", "proper", "quickest", "fastest", "good", "way", "ways", "recipe", "recipes"),
        *("ingredients", "step", "steps", "tips", "give", "tell", "me", "please", "cómo", "qué", "cuál"),
        *("puedo", "podemos", "debo", "debemos", "hago", "hacemos", "hacer", "hace", "hacen", "puede"),
        *("pueden", "debe", "mejor", "mejores", "forma", "formas", "manera", "maneras", "modo", "receta"),
        *("recetas", "ingredientes", "paso", "consejos", "dame", "favor"),
    )
)
# ... as the terms a passage may share with the question (query_tokens): sharing "best" and "way",
# or "how", tells nothing of what the instructions are for
PROCEDURE_TERMS = frozenset(query_tokens(" ".join(_PROCEDURE_WORDS)))


def procedure_subject(question: str) -> frozenset[str]:
    """The words of a question asking for instructions that name what they are for ("How do I make
    cold brew coffee at home?" -> cold, brew, coffee, home). Words, not terms: a word and its
    translation are one thing asked about."""
    return frozenset(word for word in content_words(question) if len(word) > 1 and word not in _PROCEDURE_WORDS)
