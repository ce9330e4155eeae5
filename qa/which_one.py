"""Which one a question asks about, when its wording names one of many: a numbered one of a series
("the Sixth Declaration", "la XIX Cumbre") or a particular one of a kind known by its name ("What
disease ...?", "¿Qué película ...?"); and whether a text is about another one, or names none (pure
functions over strings; used by qa.asked and qa.answer). docs/EVALUATION.md, round 11."""

from __future__ import annotations

import re

from qa.countries import forms_a_country, names_a_region
from qa.lexical import fold, same_word, without_possessive

# One of a numbered series, named by its number after an article or a possessive ("the Sixth
# Declaration", "la Sexta Declaración", "the 2nd Congress", "the XIX Summit", "the 18th ALBA Summit"):
# a sentence about another of the series ("the First Declaration of the Lacandon Jungle") does not
# answer for it, however alike the two read. Without the article an ordinal is often an adverb
# ("When did the EZLN first declare war?"), except opening the text, as a query typed in keywords
# drops the article ("First order of the declaration"). A Roman numeral opening the text is read
# only after an article: a lone "I" is the pronoun.
_ORDINAL_WORDS = {
    **dict.fromkeys(("first", "primer", "primera", "primero"), 1),
    **dict.fromkeys(("second", "segunda", "segundo"), 2),
    **dict.fromkeys(("third", "tercer", "tercera", "tercero"), 3),
    **dict.fromkeys(("fourth", "cuarta", "cuarto"), 4),
    **dict.fromkeys(("fifth", "quinta", "quinto"), 5),
    **dict.fromkeys(("sixth", "sexta", "sexto"), 6),
    **dict.fromkeys(("seventh", "septima", "septimo"), 7),
    **dict.fromkeys(("eighth", "octava", "octavo"), 8),
    **dict.fromkeys(("ninth", "novena", "noveno"), 9),
    **dict.fromkeys(("tenth", "decima", "decimo"), 10),
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    **dict.fromkeys(("twentieth", "vigesima", "vigesimo"), 20),
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# a possessive names one of a series too ("the EZLN's Sixth Declaration", "the Zapatistas' fifth
# order"), a contraction does not ("What's the first ...?")
_ARTICLE = (
    r"(?:the|its|their|his|her|this|that|la|el|los|las|su|sus|del|al|esta|este"
    r"|(?!(?:it|what|that|he|she|there|here|who|where|how|let|why|when)[’']s\b)[^\W\d_]+(?:[’']s|s[’']))"
)
# a numeral's ordinal ending, in either language ("6th", "6ta", "6º")
_ORDINAL_ENDING = r"(?:st|nd|rd|th|er|ra|do|da|ro|to|ta|mo|ma|vo|va|no|na|º|ª)"
_NUMBERED = re.compile(
    rf"(?:\b{_ARTICLE}\s+|^\W*+(?!(?-i:[IVXLC]+)\b|{_ARTICLE}\s))[“\"«]?"
    rf"(?:(?-i:(?P<roman>[IVXLC]{{1,7}}))|(?P<digits>\d{{1,3}}){_ORDINAL_ENDING}"
    r"|(?P<word>[^\W\d_]+))"
    # the noun: the first of the next three words that is no acronym ("the 18th ALBA Summit")
    r"(?=(?P<after>(?:\s+[“\"«]?[^\W\d_]+){1,3}))",
    re.IGNORECASE,
)
# a Roman numeral after its noun, as Spanish has it ("el siglo XXI", "la Cumbre XIX")
_NOUN_ROMAN = re.compile(r"\b(?P<noun>[^\W\d_]{4,})\s+(?-i:(?P<roman>[IVXLC]{1,7}))\b(?![^\W\d_])")
_WORD = re.compile(r"[^\W\d_]+")
# nouns of series named alike in both languages, read as one ("Summit", "Cumbre"); any other noun is
# known by its first letters (_SAME_NOUN_PREFIX: "Declaration", "Declaración")
_SERIES_NOUNS = {
    fold(word): key
    for key, words in {
        "summit": "summit summits cumbre cumbres",
        "encounter": "encounter encounters encuentro encuentros",
        "order": "order orders orden ordenes",
        "assembly": "assembly asamblea",
        "meeting": "meeting meetings reunion reuniones",
        "congress": "congress congreso",
        "conference": "conference conferencia",
        "session": "session sesion",
        "forum": "forum foro",
        "council": "council consejo",
        "plenary": "plenary pleno plenaria",
        "round": "round ronda",
        "edition": "edition edicion",
        "century": "century centuries siglo siglos",
    }.items()
    for word in words.split()
}
_SAME_NOUN_PREFIX = 6
# a shorter word names no series ("the first one"), nor introduces one ("a:", "de:")
_SERIES_NOUN_LETTERS = 4


# an ordinal in brackets after the article, or after a word for a place in the series, stands for
# that place ("the last (sixth) order", "la última (sexta) orden", "the (2nd) order"); after any
# other word, the word may be the noun ("the order (sixth)")
_BRACKETED_ORDINAL = re.compile(
    rf"\b({_ARTICLE})\s+(?:(?:last|final|next|previous|latest|[uú]ltim[oa]|pr[oó]xim[oa]|anterior)\s+)?"
    r"\(\s*([^\W_]+)\s*\)",
    re.IGNORECASE,
)
# a numeral with its ordinal ending, or a Roman one in capitals, as _NUMBERED reads them
_NUMBERED_ORDINAL = re.compile(rf"\d{{1,3}}{_ORDINAL_ENDING}|[IVXLC]{{1,7}}")


# the last of a series, named by that word after an article ("the last order", "la última orden"),
# or the series after it ("the last of the EZLN's orders", "the last of the six orders", "la última
# de las órdenes"; round 32): numbered gives it this number, and answer.asked_item the item an
# enumeration ends with
LAST = -1
_CARDINALS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce"
)
_SERIES_AFTER_LAST = rf"(?:(?:one\s+)?of|de)\s+(?:(?:{_ARTICLE}|these|those|estas|estos|\d+|{_CARDINALS})\s+){{1,2}}"
_LAST_OF = re.compile(
    rf"\b{_ARTICLE}\s+(?:last|final|[uú]ltim[oa])\s+(?:{_SERIES_AFTER_LAST})?(?P<noun>[^\W\d_]+)", re.IGNORECASE
)


def numbered(text: str) -> list[tuple[int, str]]:
    """The numbered things ``text`` names (above), an ordinal in brackets as if without them:
    (number, the noun as a key); the last of a series (_LAST_OF) after them, as LAST."""
    found = []
    text = _BRACKETED_ORDINAL.sub(_unbracketed, text)
    for match in _NUMBERED.finditer(text):
        number = _number(match)
        noun = next((word for word in _WORD.findall(match.group("after")) if not word.isupper()), None)
        if number and noun is not None and len(noun) >= _SERIES_NOUN_LETTERS:
            found.append((number, _noun_key(noun)))
    found += [(_roman(match.group("roman")), _noun_key(match.group("noun"))) for match in _NOUN_ROMAN.finditer(text)]
    found += [
        (LAST, _noun_key(match.group("noun")))
        for match in _LAST_OF.finditer(text)
        if len(match.group("noun")) >= _SERIES_NOUN_LETTERS
    ]
    return found


def _unbracketed(match: re.Match[str]) -> str:
    """The article and the ordinal in brackets after it (_BRACKETED_ORDINAL), without the brackets
    and the word between, which the ordinal says more exactly; the match as it is for anything else
    in brackets."""
    article, ordinal = match.groups()
    if fold(ordinal) in _ORDINAL_WORDS or _NUMBERED_ORDINAL.fullmatch(ordinal):
        return f"{article} {ordinal}"
    return match.group(0)


def _noun_key(noun: str) -> str:
    folded = fold(noun)
    return _SERIES_NOUNS.get(folded, folded[:_SAME_NOUN_PREFIX])


def _number(match: re.Match[str]) -> int:
    if match.group("digits"):
        return int(match.group("digits"))
    if match.group("roman"):
        return _roman(match.group("roman"))
    return _ORDINAL_WORDS.get(fold(match.group("word")), 0)


def _roman(numeral: str) -> int:
    values = [_ROMAN[letter] for letter in numeral]
    return sum(-value if value < after else value for value, after in zip(values, [*values[1:], 0], strict=True))


def about_another_numbered(asked: tuple[int, str] | None, sentence: str, passage: str) -> bool:
    """Whether the sentence names another of the numbered series asked about (``asked``: numbered's
    first of the question), and neither it nor its passage names the one asked about: "When was
    the Sixth Declaration released?" is not answered by "... the EZLN released the “First
    Declaration of the Lacandon Jungle”"."""
    if asked is None:
        return False
    in_sentence = numbered(sentence)
    if asked in in_sentence or asked in numbered(passage):
        return False
    return any(noun == asked[1] for _, noun in in_sentence)


# An item of an enumeration, opened by its ordinal and a colon ("Fifth: We ask for the unconditional
# surrender ...", "Quinto: ..."), and what introduces an enumeration: a word and a colon that is no
# item's ordinal ("we give our military forces, the EZLN, the following orders:")
_INTRODUCTION = re.compile(r"([^\W\d_]+)\s*:")
_ITEM = re.compile(rf"^\W*{_INTRODUCTION.pattern}")  # the same, opening the sentence


def item_number(sentence: str) -> int | None:
    """The number of the enumerated item the sentence opens ("Fifth: ..." -> 5), or None."""
    match = _ITEM.match(sentence)
    return _ORDINAL_WORDS.get(fold(match.group(1))) if match else None


def introduces_series(noun: str, before: str) -> bool:
    """Whether the enumeration an item belongs to, introduced last in ``before`` (the text before
    the item), is of the series whose noun key (numbered) is ``noun``: "First: Advance ..." is the
    first order, not the First Declaration."""
    introductions = [
        word
        for word in (match.group(1) for match in _INTRODUCTION.finditer(before))
        if fold(word) not in _ORDINAL_WORDS and len(word) >= _SERIES_NOUN_LETTERS
    ]
    if not introductions:
        return False
    key = _noun_key(introductions[-1])
    return key.startswith(noun) or noun.startswith(key)  # "points" / "point"


# kinds of place that a quote names with the kind's word ("Simón Bolívar International Airport", "el
# barrio de Coyoacán"): one without it names none, whatever else it names ("At which Venezuelan airport
# did the bombers land?" / "Russia sent two nuclear capable bombers to Venezuela as US-Russian …")
_PLACES = (("airport", "aeropuerto"), ("neighborhood", "neighbourhood", "barrio"))
# Kinds of thing known by their names, with their words in both languages: a question asking which
# one ("What disease has been killing the coffee plants?", "¿Qué película proyectaban?") is not
# answered by a quote that only says there was one ("such as a disease that has been killing some of
# their plants", "They were hosting some movie").
_NAMED_KINDS = (
    ("disease", "illness", "virus", "pest", "enfermedad", "plaga"),
    ("film", "movie", "documentary", "pelicula", "documental"),
    ("book", "novel", "libro", "novela"),
    ("song", "album", "cancion", "disco"),
    ("newspaper", "magazine", "periodico", "diario", "revista"),
    ("company", "brand", "empresa", "compania", "marca"),
    ("vaccine", "vacuna"),
    ("treaty", "tratado"),
    ("museum", "museo"),
    ("university", "universidad"),
    ("website", "blog"),
    *_PLACES,
)
# each word of a kind, and the English plurals in "-ies" ("companies", "universities"), to its group
_KIND_FORMS = {
    form: group
    for group in _NAMED_KINDS
    for word in group
    for form in (word, *((word[:-1] + "ies",) if word.endswith("y") else ()))
}
# and each group to its forms, as a quote's words are compared with them
_FORMS_OF_KIND: dict[tuple[str, ...], tuple[str, ...]] = {
    group: tuple(form for form, of in _KIND_FORMS.items() if of == group) for group in _NAMED_KINDS
}
_KIND_WORDS = "|".join(sorted(_KIND_FORMS, key=len, reverse=True))
# "[In/At/...] What/Which [two words at most] <kind> <verb> ...?" ("What disease has been killing
# ...?", "What disease affects ...?", "What film were they showing?", "Which company built ...?", "At
# which university did ...?"; not "What book is this?", "Which film is the best?", which ask about
# this one, nor "What did Chinese companies build?", whose kind is the subject of what is asked; "What
# is the company that built …?" asks which one),
# "¿[En/De/...] Qué/Cuál <kind> ...?" (read folded)
_AUXILIARY = r"(?:did|does|do|has|have|had|can|could|will|would|should|may|might)\b"
_ASKS_WHICH_NAMED = re.compile(
    rf"^\W*(?:(?:in|at|from|for|by|with|to|on|of|into)\s+)?(?:what|which)\s+(?:(?!{_AUXILIARY})[\w-]+\s+){{0,2}}"
    rf"(?P<kind>{_KIND_WORDS})(?:s|es)?\s+"
    r"(?!(?:is|are|was|were)\s+(?!(?:\w+\s+){0,2}\w+(?:ing|ed)\b))\w+"
    r"|^\W*(?:(?:en|de|a|con|por|para|desde|sobre|hacia)\s+)?(?:que|cual|cuales)\s+"
    rf"(?P<kind_es>{_KIND_WORDS})(?:s|es)?\b",
    re.IGNORECASE,
)
# some one of the kind: "a disease that", "some movie", "una película" (two words between at most),
# unless a name comes right before it ("Coffee rust, a fungal disease", "La roya es una enfermedad")
_SOME_ONE = re.compile(
    r"\b(?:a|an|some|another|un|una|unos|unas|alg[uú]n|alguna|cierto|cierta)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
_NAMED_BEFORE = re.compile(r"(?:,|\b(?:is|was|are|were|es|era|fue|son))\s+$", re.IGNORECASE)
# named or listed right after: "a disease called ...", "a film, “Zapata”", "a vaccine, Sputnik V",
# "some songs such as ..."
_NAMED_AFTER = re.compile(
    r"\W*(?:(?i:called|named|known as|titled|such as|like|including|llamad[oa]|titulad[oa]|como)\b|[“\"«(:]"
    r"|,\s*[A-ZÁÉÍÓÚÑ])"
)
# a name right after the mention: "Chinese companies Huawei and ZTE", "la empresa Huawei"
_NAME_NEXT = re.compile(r"[ \t]+(?P<word>[A-ZÁÉÍÓÚÑ][\w’'-]*)")
# first letters every form of a kind's word shares ("disease", "diseases"; "pelicula", "películas")
_STEM = 4
# how far before a mention its article is looked for (a few words)
_LOOK_BEFORE = 60


def named_kind_asked(question: str) -> tuple[str, ...] | None:
    """The kind of thing known by its name that a question asks which one of (_ASKS_WHICH_NAMED),
    as its words in both languages ("film", "movie", "pelicula", ...)."""
    match = _ASKS_WHICH_NAMED.search(fold(question))
    if match is None:
        return None
    return _KIND_FORMS[match.group("kind") or match.group("kind_es")]


# Kinds whose ones are known by a proper name ("Sputnik V", "La Jornada", "UNAM"); a disease often
# is not ("coffee rust", "la roya")
_PROPER_NAMED = tuple(group for group in _NAMED_KINDS if "disease" not in group)
# a word (letters of any alphabet first) or what ends a sentence, read in turn by names_in
_WORD_OR_STOP = re.compile(r"[^\W\d_][\w’'-]*|[.!?…]")
# the first person is capitalised without naming anyone ("I", "I’m", "I'll")
_FIRST_PERSON = re.compile(r"I(?:[’'](?:m|d|ll|ve|s))?")


def leaves_unnamed(kind: tuple[str, ...] | None, quote: str, question_names: tuple[str, ...] = ()) -> bool:
    """Whether the quote mentions the kind asked about (named_kind_asked), and only as some one of
    it, never named (above); or, for a kind known by a proper name (_PROPER_NAMED), names nothing
    but words of the question itself (``question_names``: names_given) and regions: "Which
    university did the author write his thesis on the Zapatistas for?" is not answered by "this
    will turn into another 200 page thesis. … a left wing grassroots group in Latin America …
    videos on Zapatista coffee"."""
    if kind is None:
        return False
    folded = fold(quote)
    forms = _FORMS_OF_KIND[kind]  # "companies" too
    mentions = (
        [match for match in _WORD.finditer(quote) if any(same_word(fold(match.group()), w) for w in forms)]
        if any(word[:_STEM] in folded for word in kind)  # most quotes: no word of the kind, read at once
        else []
    )
    # "a film called “1917”", "el diario «granma»": named, though in no capitals
    if any(_named_after(quote, mention) for mention in mentions):
        return False
    if kind in _PLACES:
        return not mentions or all(_unnamed(quote, mention) for mention in mentions)
    if kind in _PROPER_NAMED and not _names_something(quote, {_name_form(name) for name in question_names}):
        return True
    return bool(mentions) and all(_unnamed(quote, mention) for mention in mentions)


def _named_after(quote: str, mention: re.Match[str]) -> bool:
    """Whether a name follows the mention: marked as one (_NAMED_AFTER) or capitalised right after it
    ("Chinese companies Huawei and ZTE"; not "a film I had never seen")."""
    if _NAMED_AFTER.match(quote, mention.end()):
        return True
    following = _NAME_NEXT.match(quote, mention.end())
    return following is not None and not _FIRST_PERSON.fullmatch(following.group("word"))


def _names_something(quote: str, besides: set[str]) -> bool:
    """Whether the quote holds a name (names_in) that is none of ``besides`` (as _name_form writes
    them: "Zapatista" is "Zapatistas'", "Cubana" is not "Cuba") nor a word of a region's name ("Latin
    America", "European"), which is no one thing's."""
    return any(_name_form(name) not in besides and not names_a_region(name) for name in names_in(quote))


def _name_form(name: str) -> str:
    """A name folded, without a possessive ending or a plural's "s"."""
    return without_possessive(fold(name)).removesuffix("s")


def names_given(question: str) -> tuple[str, ...]:
    """The words of a question that may be names it gives as what it asks about, in any case (a
    Spanish question writes "los zapatistas"): all but the words of the kinds asked about
    ("university") and the choices it offers for the answer ("Which company built it, Huawei or
    ZTE?")."""
    left_out = _KIND_NAME_FORMS | {
        _name_form(word) for pair in _CHOICES.finditer(question) for word in pair.group(1, 2)
    }
    return tuple(
        word for word in _WORD_OR_STOP.findall(question) if word not in ".!?…" and _name_form(word) not in left_out
    )


# the words of the kinds, as _name_form writes them ("universities" -> "universitie", "university")
_KIND_NAME_FORMS = frozenset(_name_form(form) for form in _KIND_FORMS)
# two names offered as the answer's choices: "Huawei or ZTE", "la UNAM o la UAM"
_CHOICES = re.compile(
    r"([^\W\d_][\w’'-]*)\s*,?\s+(?:or|o|u)\s+(?:(?:the|el|la|los|las)\s+)?([^\W\d_][\w’'-]*)", re.IGNORECASE
)


def names_in(text: str) -> tuple[str, ...]:
    """The acronyms of ``text`` ("UNAM", anywhere) and its capitalised words that do not open one of
    its sentences and are not the first person. A name opening a sentence ("Harvard gave him the
    degree.") cannot be told from any other first word: it is not counted."""
    found = []
    opens_sentence = True
    for match in _WORD_OR_STOP.finditer(text):
        token = match.group()
        if token in ".!?…":
            opens_sentence = True
            continue
        if (len(token) > 1 and token.isupper()) or (
            token[0].isupper() and not opens_sentence and not _FIRST_PERSON.fullmatch(token)
        ):
            found.append(token)
        opens_sentence = False
    return tuple(found)


def _unnamed(quote: str, mention: re.Match[str]) -> bool:
    """Whether a mention of the kind, named by nothing after it (leaves_unnamed looks there first),
    is some one of it with no name before, or ones of it in general (_in_general)."""
    if _in_general(quote, mention):
        return True
    article = _SOME_ONE.search(quote, max(0, mention.start() - _LOOK_BEFORE), mention.start())
    if article is None:
        return False
    return not _NAMED_BEFORE.search(quote, max(0, article.start() - _LOOK_BEFORE), article.start())


def _in_general(quote: str, mention: re.Match[str]) -> bool:
    """Whether a mention is the kind's plural opening its sentence, after at most two words that
    are articles, lower case or a country's ("“Chinese companies have played a key part in building
    Cuba’s telecommunications infrastructure ...", "Las empresas chinas ..."), and its sentence
    lists none of them ("..., among them Huawei and ZTE"): the sentence says what such ones did,
    not which. "Huawei and ZTE, Chinese companies, ..." names them before."""
    if not mention.group().casefold().endswith("s"):
        return False
    start = max(0, mention.start() - _LOOK_BEFORE)
    opening = (_QUOTE_OPENING if start == 0 else _SENTENCE_OPENING).search(quote, start, mention.start())
    if opening is None or not all(_generic_word(word) for word in opening.group("words").split()):
        return False
    rest = _SENTENCE_REST.match(quote, mention.end())
    return rest is None or not _LISTS_NAMES.search(rest.group())


def _generic_word(word: str) -> bool:
    return word.islower() or fold(word) in _ARTICLES or forms_a_country(word)


# what comes between a sentence's start and a word: up to two words and quotation marks; at the
# quote's start (only when the look-back window starts there) no sentence end is needed
_OPENING_WORDS = r"[\W_]*(?P<words>(?:[^\W\d_][\w’'-]*\s+){0,2})$"
_SENTENCE_OPENING = re.compile(rf"[.!?…:]\s+{_OPENING_WORDS}")
_QUOTE_OPENING = re.compile(rf"(?:^|[.!?…:]\s+){_OPENING_WORDS}")
_ARTICLES = frozenset(("the", "los", "las", "el", "la", "unos", "unas", "some", "many", "muchas", "muchos"))
# the rest of the sentence, and a list of names in it: "..., among them Huawei", "— Huawei and ZTE —"
_SENTENCE_REST = re.compile(r"[^.!?…]{0,300}")
_LISTS_NAMES = re.compile(
    r"(?:(?i:among them|such as|including|like|namely|for example|entre ellas|entre ellos|como|incluidas|incluidos"
    r"|por ejemplo)\b|[—–:(])\s*[“\"«]?[A-ZÁÉÍÓÚÑ]"
)
