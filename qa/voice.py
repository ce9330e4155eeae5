"""The author's voice: questions about the author, and text written in the first person.

An article written in the first person answers "What did the author see?" with "I saw ...": the
question names the author and the answer says "I", which a question embedding does not connect
(questions about the author were the weakest group, docs/EVALUATION.md, round 8)."""

from __future__ import annotations

import re

_ASKS_ABOUT_AUTHOR = re.compile(r"\b(authors?|writers?|autor(a|es)?|escritor(a|es)?)\b", re.IGNORECASE)
# "I" only as a capital word ("I", "I’ve", "I'm"); "my", "me", "myself" and Spanish "yo", "mi",
# "mis", "conmigo" in any case. Not "we": the article's editorial "as we said", and a quoted
# declaration's "we give our military forces ...", are not the author's own experience.
_FIRST_PERSON = re.compile(r"\bI(?:[’'](?:ve|m|d|ll))?\b|\b(?i:my|me|myself|mine|yo|mi|mis|conmigo)\b")


def asks_about_author(question: str) -> bool:
    """Whether the question is about the author ("What did the author see?", "¿Qué visitó el autor?")."""
    return bool(_ASKS_ABOUT_AUTHOR.search(question))


def first_person(text: str) -> bool:
    """Whether the text speaks in the first person singular ("I visited", "my first trip")."""
    return bool(_FIRST_PERSON.search(text))
