"""qa.language_neutral: the English/Spanish direction is measured on parallel sentences and removed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from qa.embed import HashingEmbedder, TextKind, make_embedder
from qa.engine import Engine
from qa.errors import IndexMismatch
from qa.language import LanguageIdentifier
from qa.language_neutral import (
    LanguageNeutralEmbedder,
    _bundled_reference,
    language_direction,
    parallel_sentences,
    remove_direction,
)
from qa.settings import Settings, load_settings

DIMENSION = 8
REFERENCE = "# comment\nen:house\tes:house\n\nen:river\tes:river\nen:bread\tes:bread\n"


class BilingualToy:
    """Texts "en:word" / "es:word": the word picks a direction, the language adds its own component,
    as a multilingual model's vectors do; on another axis for queries than for passages (their
    prompts differ), so a wrapper that used one kind's direction for the other would fail."""

    model_id = "toy"
    fingerprint = "toy-1"
    dimension = DIMENSION

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        self.calls.append(list(texts))
        rows = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            lang, _, word = text.partition(":")
            rows[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % (DIMENSION - 2)] = 1.0
            rows[row, DIMENSION - (1 if kind == "query" else 2)] = 0.6 if lang == "es" else -0.6
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_parallel_sentences_skip_comments_and_blank_lines() -> None:
    assert parallel_sentences(REFERENCE) == [
        ("en:house", "es:house"),
        ("en:river", "es:river"),
        ("en:bread", "es:bread"),
    ]


@pytest.mark.parametrize("line", ["only English", "English\t", "\tSpanish"])
def test_a_malformed_reference_line_is_named(line: str) -> None:
    with pytest.raises(ValueError, match="line 2"):
        parallel_sentences(f"a\tb\n{line}\n")


def test_the_bundled_reference_is_english_beside_spanish() -> None:
    pairs = parallel_sentences(_bundled_reference())
    assert len(pairs) >= 30
    identify = LanguageIdentifier(languages=("en", "es"))
    assert all(identify(english) == "en" and identify(spanish) == "es" for english, spanish in pairs)


def test_removing_the_direction_leaves_unit_vectors_orthogonal_to_it() -> None:
    rng = np.random.default_rng(0)
    english, spanish = rng.normal(size=(5, DIMENSION)), rng.normal(size=(5, DIMENSION)) + 1.0
    direction = language_direction(english, spanish)
    assert np.linalg.norm(direction) == pytest.approx(1.0)
    cleaned = remove_direction(rng.normal(size=(4, DIMENSION)).astype(np.float32), direction)
    assert cleaned.dtype == np.float32
    assert np.allclose(cleaned @ direction, 0.0, atol=1e-6)
    assert np.allclose(np.linalg.norm(cleaned, axis=1), 1.0)


def test_a_model_that_does_not_mark_the_language_is_left_alone() -> None:
    same = np.eye(3, DIMENSION)
    direction = language_direction(same, same)
    assert not direction.any()
    assert np.allclose(remove_direction(same.astype(np.float32), direction), same)


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_translations_meet_once_the_language_is_removed(kind: TextKind) -> None:
    toy = BilingualToy()
    neutral = LanguageNeutralEmbedder(toy, reference=REFERENCE)
    raw = toy.embed(["en:coffee", "es:coffee", "es:land"], kind)
    assert raw[0] @ raw[1] < 0.8  # the language pulls a translation apart ...
    vectors = neutral.embed(["en:coffee", "es:coffee", "es:land"], kind)
    assert vectors[0] @ vectors[1] == pytest.approx(1.0)  # ... and only the words remain
    assert vectors[1] @ vectors[2] < raw[1] @ raw[2]  # two Spanish texts no longer share a language bonus
    assert neutral.embed([], kind).shape == (0, DIMENSION)


def test_a_model_giving_no_usable_vectors_is_left_alone(tmp_path: Path) -> None:
    class Broken(BilingualToy):
        def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
            return np.full((len(texts), DIMENSION), np.nan, dtype=np.float32)

    neutral = LanguageNeutralEmbedder(Broken(), cache_dir=tmp_path, reference=REFERENCE)
    assert not neutral.direction("query").any()
    cached = list((tmp_path / "language-directions").glob("*.npy"))
    assert [np.load(path).any() for path in cached] == [False]  # a zero direction, not NaN, is kept
    assert not list((tmp_path / "language-directions").glob("*.tmp"))


def test_an_engine_indexes_searches_and_answers_through_the_wrapper(fast_settings: Settings) -> None:
    neutral = LanguageNeutralEmbedder(HashingEmbedder(), reference=_bundled_reference())
    engine = Engine(fast_settings, embedder=neutral)
    engine.build_index()
    assert engine.snapshot().manifest["model"]["fingerprint"] == neutral.fingerprint
    hits = engine.search("oil for doctors Cuba Venezuela", k=3)
    assert hits and any("doctors" in hit.chunk.text for hit in hits)
    assert engine.ask("¿Cuántos médicos cubanos recibió Venezuela?").passages
    # an index of raw vectors is another space: the raw model refuses it rather than mixing the two
    with pytest.raises(IndexMismatch):
        Engine(fast_settings, embedder=HashingEmbedder()).snapshot()


def test_the_fingerprint_changes_with_the_reference_sentences() -> None:
    toy = BilingualToy()
    neutral = LanguageNeutralEmbedder(toy, reference=REFERENCE)
    other = LanguageNeutralEmbedder(toy, reference=REFERENCE + "en:salt\tes:salt\n")
    # an index built on raw vectors, or with another reference, is not loaded as if it were the same space
    assert len({toy.fingerprint, neutral.fingerprint, other.fingerprint}) == 3
    assert neutral.model_id == "toy" and neutral.dimension == DIMENSION


def test_each_direction_is_measured_once_then_read_from_the_cache(tmp_path: Path) -> None:
    first = BilingualToy()
    LanguageNeutralEmbedder(first, cache_dir=tmp_path, reference=REFERENCE).load()
    assert len(first.calls) == 2  # the reference sentences, once as queries and once as passages
    assert len(list((tmp_path / "language-directions").glob("*.npy"))) == 2

    second = BilingualToy()
    neutral = LanguageNeutralEmbedder(second, cache_dir=tmp_path, reference=REFERENCE)
    neutral.embed(["en:coffee"], "query")
    neutral.embed(["es:coffee"], "query")
    assert second.calls == [["en:coffee"], ["es:coffee"]]  # no reference sentence embedded again


def test_a_damaged_cache_file_is_measured_again(tmp_path: Path) -> None:
    LanguageNeutralEmbedder(BilingualToy(), cache_dir=tmp_path, reference=REFERENCE).load()
    for path in (tmp_path / "language-directions").glob("*.npy"):
        path.write_bytes(b"not an array")
    toy = BilingualToy()
    vectors = LanguageNeutralEmbedder(toy, cache_dir=tmp_path, reference=REFERENCE).embed(
        ["en:coffee", "es:coffee"], "passage"
    )
    assert len(toy.calls) == 2  # the reference again, then the texts
    assert vectors[0] @ vectors[1] == pytest.approx(1.0)


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would go")
    vectors = LanguageNeutralEmbedder(BilingualToy(), cache_dir=blocked, reference=REFERENCE).embed(
        ["en:coffee", "es:coffee"], "query"
    )
    assert vectors[0] @ vectors[1] == pytest.approx(1.0)


# ---------------------------------------------------------------- the real model

# Sentences of the corpus's kind, none of them in the bundled reference: (English, Spanish translation,
# another Spanish sentence on a neighbouring topic).
HELD_OUT = [
    (
        "The army stopped its attacks after twelve days.",
        "El ejército detuvo sus ataques después de doce días.",
        "Los campesinos ocupan tierras que nadie cultiva.",
    ),
    (
        "Russia sent two bombers to Venezuela.",
        "Rusia envió dos bombarderos a Venezuela.",
        "Cuba envió miles de médicos a otros países.",
    ),
    (
        "The movement sells coffee to supporters abroad.",
        "El movimiento vende café a sus simpatizantes en el extranjero.",
        "El gobierno firmó un acuerdo sobre agricultura.",
    ),
    (
        "The organisation was founded in a Belgian city.",
        "La organización se fundó en una ciudad belga.",
        "La guerrilla se reorganizó en la selva de Chiapas.",
    ),
]


@pytest.mark.model
def test_the_real_model_prefers_a_translation_over_its_own_language_more_once_neutral() -> None:
    """A Spanish question's margin for the English sentence that says the same thing, over a Spanish
    one that does not, grows: the language no longer competes with the meaning."""
    raw = make_embedder(load_settings(language_neutral=False))
    neutral = make_embedder(load_settings())
    assert isinstance(neutral, LanguageNeutralEmbedder)
    margins = {}
    for name, embedder in (("raw", raw), ("neutral", neutral)):
        questions = embedder.embed([spanish for _, spanish, _ in HELD_OUT], "query")
        english = embedder.embed([english for english, _, _ in HELD_OUT], "passage")
        other = embedder.embed([other for _, _, other in HELD_OUT], "passage")
        margins[name] = np.einsum("ij,ij->i", questions, english) - np.einsum("ij,ij->i", questions, other)
    assert (margins["neutral"] > margins["raw"]).all()
    assert margins["neutral"].mean() > margins["raw"].mean() + 0.01
