"""The author's voice: questions about the author, and text written in the first person.

An article written in the first person answers "What did the author see?" with "I saw ...": the
question names the author and the answer says "I", which a question embedding does not connect
(questions about the author were the weakest group, docs/EVALUATION.md, round 8)."""

from __future__ import annotations

import re

_ASKS_ABOUT_AUTHOR = re.compile(r"\b(authors?|writers?|autor(a|es)?|escritor(a|es)?)\b", re.IGNORECASE)
# "I" only as a capital word ("I", "I’ve", "I'm") and not as a numeral ("World War I", "Part I");
# "my", "me", "myself" and Spanish "yo", "mi", "mí", "mis", "conmigo" in any case. Not "we": the
# article's editorial "as we said", and a quoted declaration's "we give our military forces ...",
# are not the author's own experience.
_NUMERALS_AFTER = ("War", "Part", "Chapter", "Phase", "Article", "Section", "Title", "Book", "Volume", "Act")
_NUMERAL_BEFORE = "".join(f"(?<!{word} )" for word in _NUMERALS_AFTER)
_FIRST_PERSON = re.compile(
    rf"{_NUMERAL_BEFORE}\bI(?:[’'](?:ve|m|d|ll))?\b|\b(?i:my|me|myself|mine|yo|mi|mí|mis|conmigo)\b"
)
# what someone else says, quoted, is not the author speaking ("Marcos said: “I will not surrender.”")
_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"")


def asks_about_author(question: str) -> bool:
    """Whether the question is about the author ("What did the author see?", "¿Qué visitó el autor?")."""
    return bool(_ASKS_ABOUT_AUTHOR.search(question))


def first_person(text: str) -> bool:
    """Whether the text speaks in the first person singular ("I visited", "my first trip"), outside
    quotation marks."""
    return bool(_FIRST_PERSON.search(_QUOTED.sub(" ", text)))
