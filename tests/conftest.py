"""Shared fixtures. Fast tests use the deterministic HashingEmbedder; `model` tests use the real model,
converted once per session into a cache shared with the developer's own (~/.cache/qa/models)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.embed import HashingEmbedder
from qa.engine import Engine
from qa.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_DOCUMENT = CORPUS / "left-wing-alliance-of-latin-america.txt"
# The shared gold set sits next to the checkout; QA_GOLD points elsewhere (e.g. from a git worktree).
GOLD = Path(os.environ.get("QA_GOLD", ROOT.parent / "shared" / "eval" / "gold.jsonl"))


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A private copy of the corpus that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture
def fast_settings(tmp_path: Path, corpus_dir: Path) -> Settings:
    # without Apertium: fast tests do not depend on whether it is installed, nor start its programs
    # for every engine (tests/test_machine_translation.py tests it, tests/test_quality.py with the model)
    return load_settings(corpus_dir=corpus_dir, index_dir=tmp_path / "index", apertium_modes_dir="")


@pytest.fixture
def fast_engine(fast_settings: Settings) -> Engine:
    """An indexed engine over the seed corpus with the fake embedder (no model)."""
    engine = Engine(fast_settings, embedder=HashingEmbedder())
    engine.build_index()
    return engine


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return load_settings(corpus_dir=CORPUS, index_dir=tmp_path_factory.mktemp("real") / "index")


@pytest.fixture(scope="session")
def real_engine(real_settings: Settings) -> Iterator[Engine]:
    """The real model and a real FAISS index over the seed corpus, built once per test session."""
    engine = Engine(real_settings)
    engine.build_index()
    yield engine
