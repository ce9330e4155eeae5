"""bench/run.py's stage breakdown runs the engine's steps one by one, as the engine calls them: a
change of a step's signature must not break the benchmark (round 26's `answer` did)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from qa.engine import Engine

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture
def bench_run(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    # run.py imports its helpers as `python bench/run.py` finds them: from its own folder
    monkeypatch.syspath_prepend(str(BENCH))
    from bench import run

    return run


@pytest.mark.model
def test_the_stage_breakdown_times_every_step(real_engine: Engine, bench_run: ModuleType) -> None:
    # a Spanish question on an English passage reaches the rule of a passage sharing no word with it
    questions = ["¿En qué red social se puede seguir al autor?", "dame una receta de ceviche peruano"]
    steps = bench_run.stage_breakdown(real_engine, questions)
    assert "extract answer" in steps
    assert all(timing["p50_ms"] >= 0 for timing in steps.values())
