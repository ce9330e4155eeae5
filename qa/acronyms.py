"""Acronyms the corpus defines ("the Brazilian NGO, Landless Workers Movement (MST)"), and a question
spelled out with them for the dense search (pure functions over strings; used by qa.pipeline and
qa.engine). docs/EVALUATION.md, round 18."""

from __future__ import annotations

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


# A run of capitalised words (joined by the small words of names: "Food and Agricultural
# Organization of the United Nations") right before the acronym in parentheses. The run starts at a
# capital, so "en las Fuerzas de Liberación Nacional (FLN)" gives "Fuerzas de Liberación Nacional";
# a comma ends it ("the Brazilian NGO, Landless Workers Movement (MST)").
_CAPITALISED = rf"[{UPPER}][\w’'-]*"
_NAME_LINKS = r"(?:of|the|for|and|on|de|del|la|las|los|el|y|e|para|do|da|dos|das)"
_DEFINITION = re.compile(
    rf"({_CAPITALISED}(?:[ \t]+(?:{_NAME_LINKS}[ \t]+){{0,3}}{_CAPITALISED}){{0,11}})[ \t]*\((?-i:([{UPPER}]{{2,6}}))\)"
)


def defined_acronyms(texts: Iterable[tuple[str, str]]) -> dict[str, Acronym]:
    """Each acronym that ``texts`` (text, language) define by a name and the acronym in parentheses,
    with its first definition: "Landless Workers Movement (MST)" -> MST. The long form must be longer
    than one word, and not the acronym again ("the MST (MST)")."""
    found: dict[str, Acronym] = {}
    for text, lang in texts:
        for match in _DEFINITION.finditer(text):
            acronym = match.group(2)
            words = _name_words(match.group(1).split(), acronym)
            if acronym not in found and len(words) > 1 and acronym not in words:
                found[acronym] = Acronym(" ".join(words), lang)
    return found


def _name_words(words: list[str], acronym: str) -> list[str]:
    """The words of the name an acronym stands for, out of the capitalised run before it: without
    the small words that open a sentence ("The Landless Workers Movement (MST)"), and from the first
    word with the acronym's initial when another opens it ("Including the Food and Agricultural
    Organization ... (FAO)"), unless that leaves one word (the MST is Portuguese for "Landless
    Workers Movement")."""
    words = list(itertools.dropwhile(is_stopword, words))
    first = next((i for i, word in enumerate(words) if word[0].upper() == acronym[0]), 0)
    return words[first:] if len(words) - first > 1 else words


def spelled_out(question: str, acronyms: Mapping[str, Acronym], lang: str, besides: Iterable[str] = ()) -> str:
    """The question with each acronym the corpus defines in ``lang`` (the question's language) followed
    by what it stands for: "How many members does the MST have?" -> "How many members does the MST
    (Landless Workers Movement) have?". A passage may name only the long form; the model reads the
    acronym and the long form as strangers. A long form in another language is left out: it pulls
    the question towards the passages in that language ("the FLN" / "Fuerzas de Liberación Nacional"
    took an English question to the Spanish quote; round 18). An acronym typed in lower case counts
    ("mst"); one whose long form the question already gives is left alone, and so is one the
    question sets aside (``besides``: "Which movement besides the MST did the author visit?" is
    about another one)."""
    aside = {name.upper() for name in besides}
    wanted = {acronym: found for acronym, found in acronyms.items() if found.lang == lang and acronym not in aside}
    if not wanted:
        return question
    folded = question.casefold()

    def spell(match: re.Match[str]) -> str:
        found = wanted[match.group().upper()]
        if found.long_form.casefold() in folded:
            return match.group()
        return f"{match.group()} ({found.long_form})"

    pattern = re.compile(r"\b(?:" + "|".join(re.escape(acronym) for acronym in wanted) + r")\b", re.IGNORECASE)
    return pattern.sub(spell, question)


# A question asking what an acronym stands for ("What does MTST stand for?", "What is the MST short
# for?", "¿Qué significan las siglas MST?"): the acronym in capitals, the question's words in any case.
_ASKS_EXPANSION = re.compile(
    # "What does the EZLN stand for?" may ask what it defends: with an article, only when it says acronym
    r"^\W*what\s+(?:does|do|did)\s+(?:(?:the\s+)?(?:acronym|abbreviation|initials|letters)\s+)?"
    rf"(?P<en>(?-i:[{UPPER}]{{2,8}}))\s+(?:stand|mean)\b"
    rf"|\bwhat\s+(?:is|was)\s+(?:the\s+)?(?P<short>(?-i:[{UPPER}]{{2,8}}))\s+short\s+for\b"
    rf"|\bqu[eé]\s+(?:significa|significan|quiere\s+decir|quieren\s+decir)\s+(?:(?:la|las)\s+siglas?\s+|el\s+acr[oó]nimo\s+)?"
    rf"(?:de\s+)?(?:(?:el|la|los|las)\s+)?(?P<es>(?-i:[{UPPER}]{{2,8}}))\b",
    re.IGNORECASE,
)


def acronym_asked(question: str) -> str | None:
    """The acronym a question asks what it stands for (_ASKS_EXPANSION), or None."""
    match = _ASKS_EXPANSION.search(question)
    if match is None:
        return None
    return match.group("en") or match.group("short") or match.group("es")


def stands_for(acronym: str, text: str) -> bool:
    """Whether ``text`` says what ``acronym`` stands for: a name of two capitalised words or more
    right next to it ("Landless Workers Movement (MST)", "MST (Movimento dos Trabalhadores Sem
    Terra)", "Known as the Bolivarian Alliance for the Peoples of Our America, ALBA is ...") or
    words saying so ("MST stands for ..."). "The MST and MTST" says nothing of what MTST stands for."""
    escaped = re.escape(acronym)
    return bool(
        re.search(
            rf"{_LONG_NAME}[ \t]*(?:\(\s*{escaped}\s*\)|,\s*(?:the\s+|el\s+|la\s+)?{escaped}\b)"
            rf"|\b{escaped}[ \t]*(?:\(\s*|,\s*(?:the\s+|el\s+|la\s+)?){_LONG_NAME}"
            rf"|\b{escaped}\b[^.;]{{0,40}}\b(?:stands?\s+for|short\s+for|significa|siglas\s+de|acr[oó]nimo\s+de)\b",
            text,
        )
    )


# two capitalised words or more, joined as names are ("Food and Agricultural Organization")
_LONG_NAME = rf"{_CAPITALISED}(?:[ \t]+(?:{_NAME_LINKS}[ \t]+){{0,3}}{_CAPITALISED}){{1,11}}"
