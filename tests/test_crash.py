"""SIGKILL `qa index` and `qa add` at random moments: the index must always load and answer, as
before the change or as after it, never broken."""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa.embed import HashingEmbedder
from qa.engine import Engine
from qa.settings import load_settings

from .conftest import CORPUS

TRIALS = 20


def _env(corpus: Path, index: Path) -> dict[str, str]:
    return dict(os.environ, QA_MODEL="hashing", QA_CORPUS_DIR=str(corpus), QA_INDEX_DIR=str(index))


def _documents_after_crash(corpus: Path, index: Path) -> set[str]:
    engine = Engine(load_settings(corpus_dir=corpus, index_dir=index), embedder=HashingEmbedder())
    snapshot = engine.snapshot()  # must load: no exception allowed
    for chunk in snapshot.chunks:
        assert snapshot.documents[chunk.doc_id].text[chunk.start : chunk.end] == chunk.text
    assert engine.search("Zapatista coffee", k=3), "the index does not answer"
    return set(snapshot.documents)


def _run_and_kill(args: list[str], env: dict[str, str], delay: float) -> bool:
    """True when the process was killed before it finished."""
    process = subprocess.Popen(
        [sys.executable, "-m", "qa", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    process.wait()
    return killed


def _timed_run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "qa", *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    subprocess.run([sys.executable, "-m", "qa", "index"], env=_env(corpus, index), check=True, capture_output=True)
    return corpus, index


def test_sigkill_during_qa_index_never_breaks_the_index(workspace: tuple[Path, Path]) -> None:
    corpus, index = workspace
    env = _env(corpus, index)
    rng = random.Random(1234)
    extra = corpus / "extra.md"
    duration = None
    killed = 0
    for trial in range(TRIALS):
        before = _documents_after_crash(corpus, index)
        # alternate adding and removing a document so every run has work to do
        if extra.exists():
            extra.unlink()
        else:
            extra.write_text(f"# Extra {trial}\n\nUn documento nuevo sobre cacao número {trial}.", encoding="utf-8")
        after = {
            d.doc_id
            for d in Engine(load_settings(corpus_dir=corpus, index_dir=index), embedder=HashingEmbedder()).load_corpus()
        }
        if duration is None:
            duration = _timed_run(["index", "--rebuild"], env)
        killed += _run_and_kill(["index", "--rebuild"], env, rng.uniform(0.0, duration * 1.1))
        assert _documents_after_crash(corpus, index) in (before, after)
    assert killed >= TRIALS // 2, "too few runs were actually interrupted to prove anything"
    _timed_run(["index"], env)  # a later run completes: no stale lock, no debris in the way
    assert _documents_after_crash(corpus, index) == {p.stem for p in corpus.glob("*.txt")} | (
        {"extra"} if extra.exists() else set()
    )


def test_sigkill_during_qa_add_never_breaks_the_index(workspace: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, index = workspace
    env = _env(corpus, index)
    rng = random.Random(99)
    duration = None
    killed = 0
    for trial in range(TRIALS):
        source = tmp_path / f"nuevo-{trial}.md"
        source.write_text(f"# Nuevo {trial}\n\nTexto sobre la cooperativa {trial} de café.", encoding="utf-8")
        before = _documents_after_crash(corpus, index)
        if duration is None:
            duration = _timed_run(["add", str(source)], env)
            continue
        killed += _run_and_kill(["add", str(source)], env, rng.uniform(0.0, duration * 1.1))
        # "after" is the index mirroring the corpus folder; the file is written before the index
        # swap, so a file left by an interrupted add is part of the next complete state.
        in_folder = {p.stem for p in corpus.iterdir() if p.suffix in (".txt", ".md")}
        assert _documents_after_crash(corpus, index) in (before, in_folder)
    assert killed >= (TRIALS - 1) // 2
