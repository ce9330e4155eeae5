"""Sentence boundaries with NLTK's Punkt, trained on the corpus itself (nothing is downloaded)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktTrainer

# Abbreviations Punkt cannot learn from a small corpus but that would split sentences wrongly.
_SEED_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr sra srta dra st vs etc e.g i.e u.s u.k ee.uu no núm pág ed approx dept".split()
)
_NEWLINE_SENTENCE_BREAK = re.compile(r"\n\s*")


def train_parameters(texts: Iterable[str]) -> PunktParameters:
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
    parameters = PunktParameters()
    parameters.abbrev_types = {str(item) for item in data.get("abbrev_types", [])}
    parameters.collocations = {(str(a), str(b)) for a, b in data.get("collocations", [])}
    parameters.sent_starters = {str(item) for item in data.get("sent_starters", [])}
    return parameters


class SentenceSplitter:
    def __init__(self, parameters: PunktParameters) -> None:
        self._punkt = PunktSentenceTokenizer(parameters)

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
        return [(s, e) for s, e in spans if text[s:e].strip()]
