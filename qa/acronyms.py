"""Acronyms the corpus defines ("the Brazilian NGO, Landless Workers Movement (MST)"), and a question
spelled out with them for the dense search (pure functions over strings; used by qa.pipeline and
qa.engine). docs/EVALUATION.md, round 18."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qa.countries import UPPER
from qa.lexical import is_stopword


@dataclass(frozen=True)
class Acronym:
    """What an acronym stands for, as the corpus spells it out, and the language it does so in."""

    long_form: str
    lang: str


# A name of two capitalised words or more (joined by the small words of names: "Food and
# Agricultural Organization of the United Nations"), then the acronym in parentheses. The name
# starts at a word's start: a search from inside a long word would read it again from every letter.
_CAPITALISED = r"[A-ZÁÉÍÓÚÑ][\w’'-]+"
_CONNECTOR = r"(?:of|de|del|the|for|la|las|los|el|y|e|and|on|in|do|da|dos|das|para)"
_DEFINITION = re.compile(
    rf"(?<![\w’'-])((?:{_CAPITALISED})(?:\s+(?:{_CONNECTOR}\s+)*{_CAPITALISED}){{1,8}})\s*\(([A-Z][A-Z-]{{1,9}})\)"
)

# two capitalised words or more, joined as names are ("Food and Agricultural Organization"), as
# stands_for reads an expansion next to an acronym
_LONG_NAME = rf"(?<![\w’'-]){_CAPITALISED}(?:[ \t]+(?:{_CONNECTOR}[ \t]+){{0,3}}{_CAPITALISED}){{1,11}}"


def definitions(text: str) -> dict[str, str]:
    """The acronyms ``text`` defines, each with its first definition: "Landless Workers Movement
    (MST)" -> {"MST": "Landless Workers Movement"}."""
    found: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        # a sentence's first word is capitalised too: "The Landless Workers Movement (MST)"
        words = list(itertools.dropwhile(_opening_word, match.group(1).split()))
        if len(words) > 1:
            found.setdefault(match.group(2), " ".join(words))
    return found


def _opening_word(word: str) -> bool:
    """A small word that is capitalised only for opening a sentence ("The", "With"; not "UN")."""
    return is_stopword(word) and not word.isupper()


def defined_acronyms(texts: Iterable[tuple[str, str]]) -> dict[str, Acronym]:
    """The acronyms ``texts`` (text, language) define (definitions), each with its first definition
    and the language of the text that gives it."""
    found: dict[str, Acronym] = {}
    for text, lang in texts:
        for acronym, long_form in definitions(text).items():
            found.setdefault(acronym, Acronym(long_form, lang))
    return found


def with_acronyms(topic: str, acronyms: Mapping[str, Acronym]) -> str:
    """A section's name with the acronym of each organisation it names that the corpus abbreviates,
    in the order the name gives them: "Landless Workers Movement of Brazil" -> "Landless Workers
    Movement of Brazil (MST)". Its sentences are embedded under it (chunk.sentence_embedding_text),
    so that a question naming the MST reaches "… with over 1.5 million members, the Landless Workers
    Movement is …", which never says "MST", among the many sentences that do (docs/EVALUATION.md,
    round 34). Long forms and acronyms are matched as whole words, as written."""
    named = sorted(
        (match.start(), acronym)
        for acronym, found in acronyms.items()
        if not _whole_word(acronym).search(topic)
        for match in [_whole_word(found.long_form).search(topic)]
        if match is not None
    )
    return topic + "".join(f" ({acronym})" for _, acronym in named)


@functools.lru_cache(maxsize=4096)
def _whole_word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w’'-]){re.escape(text)}(?![\w’'-])")


def spelled_out(question: str, acronyms: Mapping[str, Acronym], lang: str, besides: Iterable[str] = ()) -> str:
    """The question with each acronym the corpus defines in ``lang`` (the question's language)
    followed by what it stands for: "How many members does the MST have?" -> "How many members does
    the MST (Landless Workers Movement) have?". A passage may name only the long form; the model
    reads the acronym and the long form as strangers. A long form in another language is left out:
    it pulls the question towards the passages in that language ("the FLN" / "Fuerzas de Liberación
    Nacional" took an English question to the Spanish quote; round 18). An acronym is read in
    capitals, or in a question typed all in lower case when it has no vowel ("mst"; "who" and "pan"
    may be words). One whose long form the question already gives is left alone, and so is one the
    question sets aside (``besides``: "Which movement besides the MST did the author visit?" is
    about another one)."""
    aside = {name.upper() for name in besides}
    wanted = {acronym: found for acronym, found in acronyms.items() if found.lang == lang and acronym not in aside}
    if not wanted:
        return question
    folded = question.casefold()

    def spell(match: re.Match[str]) -> str:
        typed = match.group()
        found = wanted[typed.upper()]
        if found.long_form.casefold() in folded or (typed != typed.upper() and _VOWEL.search(typed)):
            return typed
        return f"{typed} ({found.long_form})"

    lower_case = question == question.lower()
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(acronym) for acronym in wanted) + r")\b", re.IGNORECASE if lower_case else 0
    )
    return pattern.sub(spell, question)


_VOWEL = re.compile(r"[aeiouáéíóúü]", re.IGNORECASE)


# A question asking what an acronym stands for ("What does MTST stand for?", "What is the MST short
# for?", "¿Qué significan las siglas MST?"): the acronym in capitals, the question's words in any case.
_ASKS_EXPANSION = re.compile(
    # "What does the EZLN stand for?" may ask what it defends: with an article, only when it says acronym;
    # "mean" ends the question ("What does MST mean for the landless?" asks something else)
    r"^\W*what\s+(?:does|do|did)\s+(?:(?:the\s+)?(?:acronym|abbreviation|initials|letters)\s+)?"
    rf"(?P<en>(?-i:[{UPPER}]{{2,8}}))\s+(?:stand\s+for\b|mean\s*(?:\?|$))"
    rf"|\bwhat\s+(?:is|was)\s+(?:the\s+)?(?P<short>(?-i:[{UPPER}]{{2,8}}))\s+short\s+for\b"
    r"|\bqu[eé]\s+(?:significa|significan|quiere\s+decir|quieren\s+decir)\s+"
    rf"(?:(?:(?:la|las)\s+siglas?|el\s+acr[oó]nimo)\s+(?:del?\s+)?(?:(?:el|la|los|las)\s+)?(?P<es>(?-i:[{UPPER}]{{2,8}}))\b"
    # without "siglas", only an acronym that ends the question ("¿Qué significa el MST para los
    # campesinos?" asks what it means to them)
    rf"|(?:(?:el|la|los|las)\s+)?(?P<bare>(?-i:[{UPPER}]{{2,8}}))\s*(?:\?|$))",
    re.IGNORECASE,
)


def acronym_asked(question: str) -> str | None:
    """The acronym a question asks what it stands for (_ASKS_EXPANSION), or None."""
    match = _ASKS_EXPANSION.search(question)
    if match is None:
        return None
    return match.group("en") or match.group("short") or match.group("es") or match.group("bare")


def stands_for(acronym: str, text: str) -> bool:
    """Whether ``text`` says what ``acronym`` stands for: a name of two capitalised words or more
    right next to it ("Landless Workers Movement (MST)", "MST (Movimento dos Trabalhadores Sem
    Terra)", "Known as the Bolivarian Alliance for the Peoples of Our America, ALBA is ...") or
    words saying so ("MST stands for ..."). "The MST and MTST" says nothing of what MTST stands for,
    nor "the spokesperson for the EZLN, Subcomandante Marcos" of the EZLN: a name after the acronym
    and a comma is another's."""
    escaped = re.escape(acronym)
    return bool(
        re.search(
            rf"{_LONG_NAME}[ \t]*(?:\(\s*{escaped}\s*\)|,\s*(?:the\s+|el\s+|la\s+)?{escaped}\b)"
            rf"|\b{escaped}[ \t]*\(\s*{_LONG_NAME}"
            rf"|\b{escaped}\b[^.;]{{0,40}}\b(?:stands?\s+for|short\s+for|significa|siglas\s+de|acr[oó]nimo\s+de)\b",
            text,
        )
    )
