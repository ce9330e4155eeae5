"""Sentence boundaries with NLTK's Punkt, trained on the corpus itself (nothing is downloaded)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Imported where used: nltk brings scipy, sklearn and pandas with it (about 2 s of every `qa ask`
    # start-up, docs/BENCHMARKS.md), and only indexing splits sentences.
    from nltk.tokenize.punkt import PunktParameters

# Abbreviations Punkt cannot learn from a small corpus but that would split sentences wrongly.
_SEED_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "sra",
        "srta",
        "dra",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "ee.uu",
        "no",
        "núm",
        "pág",
        "ed",
        "approx",
        "dept",
    ]
)
_NEWLINE_SENTENCE_BREAK = re.compile(r"\n\s*")
# Fallback boundaries for over-long "sentences" (Punkt trained on little text can miss some).
_PUNCTUATION_BREAK = re.compile(r"(?<=[.!?…;])[\"”»')]*\s+")
MAX_SENTENCE_CHARS = 500


# Punkt learns abbreviations and collocations; a few million characters teach it what more would, and
# training on everything was the costliest indexing stage at 100k chunks (docs/SCALE.md).
TRAINING_SAMPLE_CHARS = 4_000_000


def training_sample(texts: Iterable[str], limit: int = TRAINING_SAMPLE_CHARS) -> list[str]:
    """The texts, in the given order, up to ``limit`` characters (the last one cut at a line break)."""
    sample: list[str] = []
    room = limit
    for text in texts:
        if len(text) > room:
            cut = text.rfind("\n", 0, room)
            sample.append(text[: cut if cut > 0 else room])
            break
        sample.append(text)
        room -= len(text)
    return sample


def train_parameters(texts: Iterable[str]) -> PunktParameters:
    from nltk.tokenize.punkt import PunktTrainer

    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    parameters = trainer.get_params()
    parameters.abbrev_types.update(_SEED_ABBREVIATIONS)
    return parameters


def parameters_to_json(parameters: PunktParameters) -> dict[str, list[str] | list[list[str]]]:
    return {
        "abbrev_types": sorted(parameters.abbrev_types),
        "collocations": sorted([list(pair) for pair in parameters.collocations]),
        "sent_starters": sorted(parameters.sent_starters),
    }


def parameters_from_json(data: dict[str, list[str] | list[list[str]]]) -> PunktParameters:
    from nltk.tokenize.punkt import PunktParameters

    parameters = PunktParameters()
    parameters.abbrev_types = {str(item) for item in data.get("abbrev_types", [])}
    parameters.collocations = {(str(pair[0]), str(pair[1])) for pair in data.get("collocations", [])}
    parameters.sent_starters = {str(item) for item in data.get("sent_starters", [])}
    return parameters


class SentenceSplitter:
    def __init__(self, parameters: PunktParameters, max_chars: int = MAX_SENTENCE_CHARS) -> None:
        from nltk.tokenize.punkt import PunktSentenceTokenizer

        self._punkt = PunktSentenceTokenizer(parameters)
        self._max_chars = max_chars

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Sentence spans (absolute offsets) of ``text[start:end]``; a line break always ends a sentence."""
        spans: list[tuple[int, int]] = []
        line_start = start
        for separator in [*_NEWLINE_SENTENCE_BREAK.finditer(text, start, end), None]:
            line_end = separator.start() if separator else end
            segment = text[line_start:line_end]
            spans.extend((line_start + s, line_start + e) for s, e in self._punkt.span_tokenize(segment))
            if separator:
                line_start = separator.end()
        bounded = [piece for s, e in spans for piece in _bounded(text, s, e, self._max_chars)]
        return [(s, e) for s, e in bounded if text[s:e].strip()]


def _bounded(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Split a span longer than ``max_chars`` at punctuation, else at the last space that fits."""
    if end - start <= max_chars:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for match in _PUNCTUATION_BREAK.finditer(text, start, end):
        if match.start() - piece_start >= max_chars // 4:
            pieces.append((piece_start, match.start()))
            piece_start = match.end()
    pieces.append((piece_start, end))
    result: list[tuple[int, int]] = []
    for s, e in pieces:
        while e - s > max_chars:
            cut = text.rfind(" ", s + 1, s + max_chars)
            cut = cut if cut > s else s + max_chars
            result.append((s, cut))
            s = cut + 1 if text[cut] == " " else cut
        result.append((s, e))
    return result
