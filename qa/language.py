"""Language identification of blocks and questions, with lingua (offline, works on short text)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# Restricting the candidates makes short texts far more reliable; these are the languages a
# corpus about Iberian America realistically contains.
_CANDIDATES = {
    Language.ENGLISH: "en",
    Language.SPANISH: "es",
    Language.PORTUGUESE: "pt",
    Language.FRENCH: "fr",
    Language.GERMAN: "de",
    Language.ITALIAN: "it",
}
SUPPORTED_LANGS = frozenset(_CANDIDATES.values())


class LanguageIdentifier:
    """Callable text -> ISO 639-1 code; ``default`` when the text has no letters to judge by."""

    def __init__(self, default: str = "en", languages: Iterable[str] | None = None) -> None:
        self.default = default
        wanted = set(SUPPORTED_LANGS if languages is None else languages)
        self._languages = [language for language, code in _CANDIDATES.items() if code in wanted]

    @cached_property
    def _detector(self) -> LanguageDetector:
        return LanguageDetectorBuilder.from_languages(*self._languages).build()

    def __call__(self, text: str) -> str:
        if not any(ch.isalpha() for ch in text):
            return self.default
        language = self._detector.detect_language_of(text)
        return _CANDIDATES.get(language, self.default) if language else self.default
