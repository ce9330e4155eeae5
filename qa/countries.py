"""Countries a text names, in English or Spanish (the Unicode CLDR's names, through babel), read two
ways.

``countries_named`` is strict, for telling that a sentence is about some country: a country's name
as written ("Bolivia", "Estados Unidos"), capitalised unless the text has no capitals at all ("how
many doctors did cuba send to bolivia"), and not part of a longer name ("Chad Smith", "New Mexico",
"Mexico City"), or a usual abbreviation ("US", "EE.UU.", not "US$"). "reunión" is not Réunion,
"una granada" not Grenada, "Francis" not France.

``mentions_countries`` is lenient, for telling that a passage may well be about a country: any form
of its name ("Cuban", "mexicanos"; lexical.same_word), and words that stand for it without sharing
its name (_STANDS_FOR: "rusos", "soviético", "estadounidense", "British", "La Paz").

A fact asked about a country is not answered by a sentence about other countries
(qa.asked.about_other_countries): "How many doctors did Cuba send to Bolivia?" found "Cuba
provided Venezuela with 31,000 Cuban doctors" (docs/EVALUATION.md, round 10)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from qa.lexical import fold, same_word, without_accents, without_possessive

_LANGUAGES = ("en", "es")
# CLDR territories that are no country: the European Union, the eurozone, the United Nations,
# outlying Oceania, an unknown region, pseudo-locales, and islands or bases CLDR lists apart
# (Ascension, Clipperton, Sark, Diego Garcia, Ceuta and Melilla, the Canaries, Tristan da Cunha)
_NOT_COUNTRIES = frozenset(("EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"))
# abbreviations, matched as written (a lower-case "us" is a pronoun), not inside a run of capitals
# ("LET US KNOW") nor as a currency ("US$ 18.000 millones")
_ABBREVIATIONS = (
    (re.compile(r"(?<![A-Z]{2} )(?<![\w.])(U\.S\.A\.|U\.S\.|USA|US|EE\.\s?UU\.?|EEUU)(?![\w$])(?! [A-Z]{2})"), "US"),
    (re.compile(r"(?<![A-Z]{2} )(?<![\w.])(UK|U\.K\.)(?![\w])(?! [A-Z]{2})"), "GB"),
)
# Words that stand for a country without sharing its name's first letters with an ending
# (lexical.same_word): irregular demonyms, former names, capitals. Read leniently by mentions_countries,
# where a word too many costs little ("American" is also "Latin American"), and by countries_of_word,
# which tells a party's country (answer_types.party_countries): a word here that is more often
# something else would refuse answers, so languages' names stand only where the country's is
# meant more often than the language ("Spanish party", not "Korean": North or South).
_STANDS_FOR = {
    "US": "american americans estadounidense estadounidenses norteamericano norteamericana norteamericanos "
    "norteamericanas washington eeuu usa",
    "GB": "british britain britanico britanica britanicos britanicas english england ingles inglesa ingleses "
    "scotland scottish escocia london londres",
    "RU": "ruso rusa rusos rusas soviet soviets sovietico sovietica sovieticos sovieticas urss ussr moscow moscu "
    "kremlin",
    "CU": "havana habana",
    "VE": "venezolano venezolana venezolanos venezolanas caracas",
    "BO": "sucre",
    "EC": "ecuatoriano ecuatoriana ecuatorianos ecuatorianas quito",
    "CO": "bogota",
    "PE": "lima peruvian peruvians",
    "NI": "managua",
    "GT": "guatemalteco guatemalteca guatemaltecos guatemaltecas",
    "HN": "tegucigalpa hondureno hondurena hondurenos hondurenas",
    "CR": "costarricense costarricenses tico ticos",
    "PR": "puertorriqueno puertorriquena puertorriquenos puertorriquenas",
    "DO": "dominicano dominicana dominicanos dominicanas",
    "AR": "argentine argentines",
    "BR": "brasilia",
    "CL": "santiago",
    "UY": "montevideo",
    "PY": "asuncion",
    "CN": "beijing pekin",
    "KP": "pyongyang",
    "KR": "seoul seul",
    "IR": "tehran teheran irani iranies",
    "NL": "dutch holland holanda neerlandes neerlandesa",
    "DE": "german germans aleman alemana alemanes berlin",
    "FR": "french frances francesa franceses paris",
    "CH": "swiss suizo suiza",
    "DK": "danish danes danesa",
    "NZ": "neozelandes neozelandesa",
    "SA": "saudi saudis saudita sauditas",
    "AE": "emirati emiratis",
    "TR": "turkey turkish turco turca turcos",
    "ES": "spanish spaniard spaniards",
    "PT": "portuguese portugues portuguesa portugueses lisbon lisboa",
    "PA": "panamanian panamanians",
    "CA": "canadiense canadienses ottawa",
    "BE": "belgian belgians belga belgas brussels bruselas",
    "GR": "greek greeks griego griega griegos",
    "IE": "irish",
    "SE": "swedish swede swedes",
}
# several words standing for a country
_STANDS_FOR_PHRASES = {
    "US": ("ee uu",),
    "BO": ("la paz",),
    "MX": ("ciudad de mexico",),
    "AR": ("buenos aires",),
    "KP": ("north korean", "norcoreano", "norcoreana", "norcoreanos"),
    "KR": ("south korean", "surcoreano", "surcoreana", "surcoreanos"),
}
# the part of a CLDR name that people write: "Myanmar (Burma)" is Myanmar, "Congo - Kinshasa" Congo
_QUALIFIER = re.compile(r"\s*(\(.*\)|-\s.*)$")
_WORD = re.compile(r"[^\W\d_]+")
_LEADING_ARTICLE = re.compile(r"^(the|el|la|los|las) ")
# a country's name right after these is part of another place's ("New Mexico", "Nueva Guinea")
_NEW = frozenset(("new", "nueva", "nuevo", "papua"))


@dataclass(frozen=True)
class _Names:
    single: dict[str, frozenset[str]]  # a one-word name, folded, and the countries it names
    several_words: re.Pattern[str]  # names of several words, folded ("estados unidos")
    several_words_country: dict[str, frozenset[str]]
    forms: dict[str, tuple[str, ...]]  # the one-word names of a country and the words standing for it
    phrases: dict[str, tuple[str, ...]]  # its names of several words and the phrases standing for it


@lru_cache(maxsize=1)
def _names() -> _Names:
    names: dict[str, set[str]] = {}
    for language in _LANGUAGES:
        for code, name in Locale(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                names.setdefault(fold(_QUALIFIER.sub("", name)).strip(), set()).add(code)
    single = {name: frozenset(codes) for name, codes in names.items() if " " not in name}
    several = {name: frozenset(codes) for name, codes in names.items() if " " in name}
    pattern = "|".join(re.escape(name) for name in sorted(several, key=len, reverse=True))
    forms: dict[str, list[str]] = {}
    phrases: dict[str, list[str]] = {}
    for name, codes in names.items():
        for code in codes:
            # "El Salvador" has the form "Salvadoran", "The Gambia" "Gambian"
            bare = _LEADING_ARTICLE.sub("", name)
            (phrases if " " in bare else forms).setdefault(code, []).append(bare)
    for code, words in _STANDS_FOR.items():
        forms.setdefault(code, []).extend(words.split())
    for code, more in _STANDS_FOR_PHRASES.items():
        phrases.setdefault(code, []).extend(more)
    return _Names(
        single,
        re.compile(rf"(?<!\w)({pattern})(?!\w)"),
        several,
        {code: tuple(words) for code, words in forms.items()},
        {code: tuple(words) for code, words in phrases.items()},
    )


def countries_named(text: str) -> frozenset[str]:
    """The codes (ISO 3166-1 alpha-2) of the countries ``text`` names by name (see the module)."""
    names = _names()
    anywhere = not any(character.isupper() for character in text)
    words = list(_WORD.finditer(text))
    found: set[str] = set()
    for position, match in enumerate(words):
        word = match.group()
        if not (anywhere or word[0].isupper()) or fold(word) not in names.single:
            continue
        before = words[position - 1] if position > 0 else None
        if before is not None and _adjacent(text, before, match) and fold(before.group()) in _NEW:
            continue
        after = words[position + 1] if position + 1 < len(words) else None
        if (
            after is not None
            and not anywhere
            and _adjacent(text, match, after)
            and after.group()[0].isupper()
            and fold(after.group()) not in names.single
        ):
            continue  # part of a longer name: "Chad Smith", "Mexico City", "Georgia Tech"
        found |= names.single[fold(word)]
    kept_case = without_accents(text)
    folded = kept_case.lower()
    # a name of several words is capitalised too in a text that capitalises words ("el salvador de los
    # indígenas" is none), not only acronyms ("ciudades de estados unidos con capítulos del MST")
    capitalises = any(match.group()[0].isupper() and not match.group().isupper() for match in words)
    aligned = len(folded) == len(kept_case)  # lower() may lengthen a rare letter ("İ")
    for match in names.several_words.finditer(folded):
        if not capitalises or not aligned or kept_case[match.start()].isupper():
            found |= names.several_words_country[match.group()]
    found |= {code for pattern, code in _ABBREVIATIONS if pattern.search(text)}
    return frozenset(found)


def countries_mentioned(text: str) -> frozenset[str]:
    """Every country ``text`` mentions in some form, read leniently as mentions_countries reads
    them ("Turkey" for Türkiye, "Cuban", "rusos", "Caracas", "Reino Unido"), all at once: the
    countries a corpus may be asked about. A word that only shares a form's first letters is read
    so when capitalised: "quite" is no "Quito"."""
    found = set(countries_named(text))
    forms = _forms()
    for word in set(_WORD.findall(text)):
        folded = fold(word)
        found.update(forms.exact.get(folded, ()))
        if word[0].isupper():
            found.update(code for code, form in forms.by_prefix.get(folded[:4], ()) if same_word(folded, form))
    for match in forms.phrases.finditer(fold(text)):
        found.update(forms.phrase_countries[match.group()])
    return frozenset(found)


@dataclass(frozen=True)
class _Forms:
    exact: dict[str, frozenset[str]]  # a one-word form, folded, and the countries it stands for
    by_prefix: dict[str, tuple[tuple[str, str], ...]]  # (country, form) by the form's first four letters
    phrases: re.Pattern[str]  # forms of several words ("reino unido", "la paz")
    phrase_countries: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _forms() -> _Forms:
    """Each country's forms (_Names.forms and .phrases), looked up as countries_mentioned reads."""
    names = _names()
    exact: dict[str, set[str]] = {}
    by_prefix: dict[str, list[tuple[str, str]]] = {}
    for code, forms in names.forms.items():
        for form in forms:
            exact.setdefault(form, set()).add(code)
            by_prefix.setdefault(form[:4], []).append((code, form))
    phrases: dict[str, set[str]] = {}
    for code, several in names.phrases.items():
        for phrase in several:
            phrases.setdefault(phrase, set()).add(code)
    pattern = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    return _Forms(
        {form: frozenset(codes) for form, codes in exact.items()},
        {prefix: tuple(pairs) for prefix, pairs in by_prefix.items()},
        re.compile(rf"(?<!\w)({pattern})(?!\w)"),
        {phrase: frozenset(codes) for phrase, codes in phrases.items()},
    )


# Countries whose names are also everyday words, as a question's first word may be: "Reunión" (a
# meeting: Réunion), "Granada" (a grenade or the city: Grenada), "Jersey" (a sweater), "Guinea" (a
# guinea pig)
_EVERYDAY_NAMES = frozenset(("RE", "GD", "JE", "GN"))


# Capital letters of the names of places, in the Latin scripts of the Americas and Europe
UPPER = "A-ZÁÉÍÓÚÑÀÂÄÃÅÇÈÊËÌÎÏÒÔÖÕØÙÛÜÝŁŒŠŽ"
# A city named as where something is or happened: a capitalised name after "in", "at", "near",
# "from" (or their Spanish), after "cities like / such as", after "the capital," or before "-based",
# that is not a country or a region as a whole, a country with a direction ("Southern Mexico"), an
# acronym, a month, a day or a language ("started in Mons, Belgium", "in Santiago de Chile", "cities
# like Boston, Chicago", "in the Venezuelan capital, Caracas", "Caracas-based"; not "in Latin
# America", "in Venezuela", "in ALBA", "in January", "in Spanish", "leaders like Hugo Chavez"); or a
# city named as one ("Mexico City", "la ciudad de México", "the city of Caracas"). "the" before the
# name makes it something else ("in the Cold War", "in the United Nations"), and so does "The" ("in
# The Guardian").
_CITY_AS_SUCH = re.compile(rf"\b(?i:the city of|la ciudad de|ciudad de)\s+[{UPPER}]|\b[{UPPER}][\w-]+ City\b")
# a name of five words at most ("Santiago de Chile", "San José de Costa Rica")
_NAME = rf"[{UPPER}][\w’'-]*(?:[ \u00a0](?:de |del |da |do |la |of )?[{UPPER}][\w’'-]*){{0,4}}"
_PLACE_WORD = r"(?i:in|en|at|near|cerca de|from|desde|based in|con sede en)"
_PLACE_NOUNS = r"(?i:cities|towns|places|capitals|parts of the world|ciudades|lugares|capitales)"
_NAMES_OF_CITIES = (
    re.compile(rf"\b{_PLACE_WORD}\s+(?!The\b)({_NAME})"),
    re.compile(rf"\b{_PLACE_NOUNS},?\s+(?i:like|such as|including|como|incluidas|incluyendo)\s+({_NAME})"),
    re.compile(rf"\b(?i:capital(?: city)?)(?: (?i:of|de|del) [{UPPER}][\w-]+)?,\s+({_NAME})"),
    re.compile(rf"\b({_NAME})-based\b"),
)
# A place, where a city is not needed: a capitalised name after "in", "at", ... (an article and a
# direction may come between: "in the Lacandon Jungle", "in southern Mexico"), a country or a region
# as well, but not an acronym, a month, a day or a language ("in January", "in Spanish")
DIRECTIONS = (
    *("north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "northeastern"),
    *("northwestern", "southeastern", "southwestern", "norte", "sur", "este", "oeste", "centro"),
)
_NAMES_OF_PLACES = re.compile(
    rf"\b{_PLACE_WORD}\s+((?:the|la|el|los|las)\s+)?((?i:{'|'.join(DIRECTIONS)}|rural)\s+)?(?!The\b)({_NAME})"
)
# countries often called otherwise than CLDR's English and Spanish names
_OTHER_COUNTRY_NAMES = frozenset(
    ("turkey", "england", "scotland", "wales", "holland", "ivory coast", "burma", "great britain", "czech republic")
)


def names_city(text: str) -> bool:
    """Whether ``text`` names a city as where something is or happened (above): what a question
    asking "In which city ...?" or where something has its seat needs. "¿En qué ciudad tiene su
    sede el ALBA?" is not answered by "ALBA is an intergovernmental organization ... of Latin
    America and the Caribbean"."""
    if _CITY_AS_SUCH.search(text):
        return True
    return any(_could_be_city(name) for pattern in _NAMES_OF_CITIES for name in pattern.findall(text))


def names_place(text: str) -> bool:
    """Whether ``text`` names a place, a country or a region as where something is (above), or a
    city (names_city)."""
    return names_city(text) or any(
        _plain_name(name) or countries_named(name) for *_, name in _NAMES_OF_PLACES.findall(text)
    )


# A state or a province called one, with a country's adjective or a direction between ("the state
# of Chiapas", "the Mexican state of Chiapas", "in the southern state of ...", "el estado de Chiapas",
# "el estado brasileño de Paraná")
_SUBDIVISION_AS_SUCH = re.compile(
    rf"\b(?i:state|province)\s+(?i:of)\s+[{UPPER}]|\b(?i:estado|provincia)(?:\s+[\wñ]+)?\s+(?i:de)\s+[{UPPER}]"
)
# A place named after "in" / "en" (a direction may come first: "in southern Chiapas"), not after
# "from" or "at", which name people and institutions as often ("a letter from Subcomandante
# Marcos", "at Harvard")
_IN_PLACE = re.compile(rf"\b(?i:in|en)\s+(?:(?i:{'|'.join(DIRECTIONS)}|rural)\s+)?(?!The\b)({_NAME})")
# A country's name as a question gives it: capitalised words, "de" or "of" between ("México", "the
# United States", "Costa Rica")
COUNTRY_NAME = rf"[{UPPER}][\w’'-]*(?:\s+(?:de\s+|of\s+)?[{UPPER}][\w’'-]*){{0,2}}"


def names_subdivision(text: str) -> bool:
    """Whether ``text`` names a state or a province of a country as where something is or
    happened: one called so, or a place after "in" that is no country or region as a whole ("in
    Chiapas", "in southern Chiapas"; not "in Brazil", "in southern Brazil", "in Latin America", "in
    the Cold War"; a city passes too). "In which
    Brazilian state is the Florestan Fernandes School?" is not answered by "pressure the Brazilian
    Embassy ... to keep open some school called “Florestan Fernandes School”"."""
    if _SUBDIVISION_AS_SUCH.search(text):
        return True
    return any(_could_be_city(name) for name in _IN_PLACE.findall(text))


def forms_a_country(word: str) -> bool:
    """Whether the word names a country or is a form of its name ("Brazilian", "mexicano",
    "brasileño"; not "Bolivarian", "Andean", "Member")."""
    return bool(countries_named(word)) or bool(_countries_formed_by(fold(word)))


@lru_cache(maxsize=8192)  # a scan of every country's forms, for the same words sentence after sentence
def _countries_formed_by(folded: str) -> frozenset[str]:
    """The countries a (folded) word is a form of one of the names of, or stands for."""
    return frozenset(code for code, forms in _names().forms.items() if any(same_word(folded, form) for form in forms))


def _plain_name(name: str) -> bool:
    """Whether the name is neither an acronym nor a month's, a day's or a language's ("ALBA",
    "January", "Spanish"; "Latin America" is one)."""
    return fold(without_possessive(name)) not in _not_places() and not name.split()[0].isupper()


def _could_be_city(name: str) -> bool:
    if not _plain_name(name):
        return False
    words = fold(without_possessive(name)).split()
    if words[0] in DIRECTIONS:
        words = words[1:]
    return bool(words) and not _is_territory(" ".join(words))


def _is_territory(folded: str) -> bool:
    """Whether the (folded) name is a country's or a region's as a whole ("belgium", "latin
    america"; not "santiago de chile")."""
    names = _names()
    return (
        folded in names.single
        or folded in names.several_words_country
        or folded in _regions()
        or folded in _OTHER_COUNTRY_NAMES
    )


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    """CLDR's names of continents and regions, folded ("latin america", "caribe", "europa")."""
    return frozenset(
        fold(name) for language in _LANGUAGES for code, name in Locale(language).territories.items() if code.isdigit()
    )


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    """CLDR's names of months, days of the week and languages, folded: "in January", "in Spanish"."""
    words: set[str] = {"us", "uk"}
    for language in _LANGUAGES:
        locale = Locale(language)
        words.update(fold(name) for name in locale.months["format"]["wide"].values())
        words.update(fold(name) for name in locale.days["format"]["wide"].values())
        words.update(fold(name) for name in locale.languages.values() if " " not in name)
    return frozenset(words)


@lru_cache(maxsize=8192)  # the same capitalised words come up in sentence after sentence
def names_no_one(word: str) -> bool:
    """Whether a capitalised word is a country, a form of one ("Venezuelan", "Mexican"), a region
    ("Latin", "America", "Caribbean"), a month, a day or a language: no person's name."""
    folded = fold(word)
    if folded in _names().single or folded in _not_places() or folded in _region_words():
        return True
    return bool(_countries_formed_by(folded))


@lru_cache(maxsize=8192)
def countries_of_word(word: str) -> frozenset[str]:
    """The countries one word names or stands for in some form ("Brazilian", "colombiano", "Perú",
    "rusos"), read leniently as mentions_countries reads them; none for a word of a region's name
    ("Latin", "American": not the United States in "Latin American")."""
    if names_a_region(word):
        return frozenset()
    folded = without_possessive(fold(word))
    return _names().single.get(folded, frozenset()) | _countries_formed_by(folded) | countries_named(word)


def names_a_region(word: str) -> bool:
    """Whether a capitalised word is a word of a continent's or a region's name ("Latin", "America",
    "Caribbean", "Europa"), in the possessive ("America's") or as its adjective ("American",
    "European", "Latin-American")."""
    parts = without_possessive(fold(word)).split("-")
    return all(part in _region_words() or _adjective_stem(part) in _region_words() for part in parts)


def _adjective_stem(word: str) -> str:
    """The region a word may be the adjective of, by its ending: "american" -> "america",
    "european" -> "europe"."""
    for ending in ("an", "n"):
        if word.endswith(ending) and word[: -len(ending)] in _region_words():
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1)
def _region_words() -> frozenset[str]:
    return frozenset(word for region in _regions() for word in region.split())


def _adjacent(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether only spaces separate the two words (not a comma, a full stop or a line break)."""
    return text[first.end() : second.start()] in (" ", "\u00a0")


def mentions_countries(codes: Iterable[str], text: str) -> bool:
    """Whether ``text`` mentions every one of the countries in some form, read leniently (see the
    module). The text is read once, whatever the number of countries."""
    named = countries_named(text)
    folded = fold(text)
    words = set(_WORD.findall(folded))
    return all(code in named or _mentioned_by_form(code, folded, words) for code in codes)


def _mentioned_by_form(code: str, folded: str, words: set[str]) -> bool:
    """Whether a word of the (folded) text is a form of one of the country's names or stands for
    it, or one of its phrases occurs in it."""
    names = _names()
    if any(word == form or same_word(word, form) for form in names.forms.get(code, ()) for word in words):
        return True
    return any(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded) for phrase in names.phrases.get(code, ()))


# The words that set a country aside ("besides Ecuador", "sin contar a Honduras", "rather than
# Colombia") or offer it as a choice ("in Mexico City or in Norway")
_ASIDE_OR_CHOICE = (
    r"besides|apart from|aside from|other than|except(?: for)?|excluding|not counting|rather than"
    r"|instead of|unlike|or|nor|adem[aá]s de|aparte de|excepto|salvo|sin contar(?: con)?|en lugar de|en vez de"
    r"|a diferencia de|o|u|ni"
)
# A country named after them is not what is asked about
_NOT_ASKED_AFTER = re.compile(
    rf"\b(?i:{_ASIDE_OR_CHOICE})"
    rf"\s+(?:(?i:in|en|a|al|the|el|la|los|las|to|from|de|del)\s+)?(?P<name>[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*)*)"
)


def names_only_unknown_countries(question: str, known: frozenset[str]) -> bool:
    """Whether the question asks about one country or more by name (countries_named), none of them
    ``known`` (countries_mentioned of a corpus): "What is the GDP of Argentina?", not "Did Via
    Campesina start in France or Belgium?" nor "Besides Ecuador, which countries …?" (_NOT_ASKED_AFTER).
    Only a question with capitals is read: without them, "chile" may be a pepper and "ecuador" the
    line; nor the names that are also everyday words."""
    if not any(character.isupper() for character in question):
        return False
    aside = frozenset(code for match in _NOT_ASKED_AFTER.finditer(question) for code in countries_named(match["name"]))
    named = countries_named(question) - _EVERYDAY_NAMES
    return bool(named) and not named & known and bool(named - aside)


# words that set a country aside, offer a choice or compare countries, in any case: a country the
# corpus never mentions may then be only the other term ("Did Via Campesina start in France or
# Belgium?", "Is Cuba closer to Russia than Chile is?")
_CHOICE_OR_COMPARISON = re.compile(
    rf"\b({_ASIDE_OR_CHOICE}|versus|vs|than|like|such as|compared?|comparison|same as|frente a|compar\w*"
    r"|igual que|tal como|as[ií] como|m[aá]s\b[^?]*\bque|menos\b[^?]*\bque)\b",
    re.IGNORECASE,
)


# a question about relations between countries ("the relationship between X and Y", "¿Qué relación
# tiene X con Y?")
_ABOUT_RELATIONS = re.compile(r"\b(relationships?|relations|ties|relaci[oó]n(es)?|v[ií]nculos?|lazos)\b", re.IGNORECASE)


def names_unknown_country(question: str, known: frozenset[str]) -> bool:
    """Whether the question asks about a country the corpus never mentions: it names only such
    countries (names_only_unknown_countries), or asks about relations between one and countries the
    corpus mentions, with neither a choice nor a comparison between them ("What is the relationship
    between Chile and China?"; the corpus cannot say what Chile's is). A country named in passing is
    not what such a question asks about ("What did Russia send to Venezuela, a country bordering
    Colombia?", "Where are the MST chapters in the US and Canada?"). Typed in lower case, a name is
    taken for a country when a known country is named too ("que relacion tiene chile con china")."""
    if names_only_unknown_countries(question, known):
        return True
    named = countries_named(question) - _EVERYDAY_NAMES
    return (
        bool(named & known)
        and bool(named - known)
        and bool(_ABOUT_RELATIONS.search(question))
        and not _CHOICE_OR_COMPARISON.search(question)
    )
