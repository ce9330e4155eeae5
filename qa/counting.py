"""What a "how many" question counts, and whether a text counts that (pure functions over strings;
the similarity of words is given, by the engine's model: used by qa.answer).

A count of something else does not answer: "¿Cuántos barcos de guerra envió Rusia a Venezuela?" is
not answered by "Russia sent two nuclear capable bombers to Venezuela", nor "How many individual
farmers does Via Campesina represent?" by "a farmers organization of 182 organizations in 81
countries". What a number counts is named right after it; what it is compared with may be a
synonym or a word of the other language ("soldados" / "1,000 troops", "municipalities" / "38
municipios"), which a bilingual dictionary rarely gives and the model does (docs/EVALUATION.md,
round 14)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qa.answer_types import count_ends
from qa.lexical import tokens

# The cosines of a phrase to words (the model's query vectors), in the order of the words.
Similarity = Callable[[str, Sequence[str]], Sequence[float]]

_ASKS_COUNT = re.compile(r"\b(how many|cu[aá]nt[oa]s)\s+([^?¿!.;:,]*)", re.IGNORECASE)
_WORD = re.compile(r"[\w’'-]+")
# Up to this many words name what a question counts ("individual farmers", "barcos de guerra") and
# what a number in a text counts ("two nuclear capable bombers").
_COUNTED_WORDS = 3
# What may stand between a number and what it counts: "1.5 million members", "more than 180
# organizations", "38 de los municipios".
_BETWEEN = re.compile(
    r"million|millions|thousand|thousands|hundred|hundreds|billion|billions|mil|millones|millón|cientos|de|of|del"
    r"|more|than|over|about|around|some|nearly|almost|unos|unas|más|the|los|las",
    re.IGNORECASE,
)
# A number followed by one of these counts what the sentences before named ("they've had 6 of
# these"): the text is not held to name it.
_POINTS_BACK = re.compile(
    r"these|those|them|they|which|whom|estos|estas|esos|esas|ellos|ellas|cuales|cuáles",
    re.IGNORECASE,
)
_CONNECTORS = frozenset(("of", "de"))
# verbs that end what a question counts ("How many soldiers did ...?"), besides stop words
_AUXILIARIES = re.compile(
    r"do|does|did|is|are|was|were|be|been|has|have|had|can|could|will|would|should|may|might|must"
    r"|ha|han|hay|había|habían|fue|fueron|es|son|era|eran|está|están|tiene|tienen|tenía|tenían",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;:!?\n]")


def counted_phrase(question: str) -> str | None:
    """What a "how many" / "cuántos" question counts: its words after the question word up to the
    verb ("How many individual farmers does ...?" -> "individual farmers"; "¿Cuántos barcos de guerra
    envió ...?" -> "barcos de guerra"), None when it asks no count or names nothing counted. A
    Spanish noun is followed by its adjectives and the verb, so only the noun and its "de"
    complement are taken."""
    match = _ASKS_COUNT.search(question)
    if match is None:
        return None
    english = match.group(1).casefold() == "how many"
    words: list[str] = []
    for word in _WORD.findall(match.group(2)):
        if word.casefold() in _CONNECTORS and words:
            words.append(word)
            continue
        if _is_function_word(word) or len([w for w in words if w.casefold() not in _CONNECTORS]) >= _COUNTED_WORDS:
            break  # a stop word (the verb "does", "were", "han") or enough words
        if not english and words and words[-1].casefold() not in _CONNECTORS:
            break  # "buques de guerra rusos": the noun and its complement
        words.append(word)
    while words and words[-1].casefold() in _CONNECTORS:
        words.pop()
    return " ".join(words) or None


@dataclass(frozen=True)
class Counted:
    """What the numbers of a text count: the words right after each (``words``), and whether one
    of them counts nothing named, pointing back or ending the sentence (``unnamed``)."""

    words: tuple[str, ...]
    unnamed: bool


def counted_in(text: str) -> Counted:
    """The words after each number that counts something in ``text`` (answer_types.count_ends),
    up to three, past "million", "of" and the like."""
    words: dict[str, None] = {}
    unnamed = False
    for end in count_ends(text):
        after = _SENTENCE_END.split(text[end:], maxsplit=1)[0]
        following = [word for word in _WORD.findall(after)[: _COUNTED_WORDS + 4]]
        while following and _BETWEEN.fullmatch(following[0]):
            following.pop(0)
        if not following or _POINTS_BACK.fullmatch(following[0]):
            unnamed = True
            continue
        words.update(dict.fromkeys(word for word in following[:_COUNTED_WORDS] if not _is_function_word(word)))
    return Counted(tuple(words), unnamed)


def _is_function_word(word: str) -> bool:
    """A stop word, an auxiliary verb or a number: no name of what is counted."""
    return not tokens(word, "en") or bool(_AUXILIARIES.fullmatch(word)) or not any(ch.isalpha() for ch in word)


def counts_asked(phrase: str, text: str, similarity: Similarity, threshold: float) -> bool:
    """Whether a number of ``text`` counts what ``phrase`` names: one of the words after a number
    is at least ``threshold`` similar to it, or a number counts something the text leaves unnamed."""
    counted = counted_in(text)
    if counted.unnamed:
        return True
    if not counted.words:
        return False
    return max(similarity(phrase, counted.words)) >= threshold
