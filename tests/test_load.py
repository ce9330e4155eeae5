"""A short, bounded load test: a real `qa serve` (uvicorn, the real model) on loopback, driven by
concurrent asyncio clients asking English and Spanish questions through /search and /ask while a
document is uploaded. Every request must succeed. Only correctness is asserted here; the
latencies and the throughput are measured by bench/load.py (docs/LOAD.md)."""

from __future__ import annotations

import asyncio

import pytest

from bench import load
from qa.engine import Engine
from qa.settings import Settings

CLIENTS = 8
SECONDS = 10.0


@pytest.mark.model
def test_concurrent_searches_and_answers_during_an_upload_never_fail(
    real_engine: Engine, real_settings: Settings
) -> None:
    # real_engine has built the index; the server starts on a copy of it (and of the corpus).
    with load.serving(index_from=real_settings.index_dir) as server:
        samples, ingestion, _ = asyncio.run(
            load.load_phase(server.url, CLIENTS, SECONDS, ("informe-carga.md", load.long_document(12)))
        )
    errors = [sample for sample in samples if sample.error is not None]
    assert not errors, errors[:5]
    assert len(samples) >= 2 * CLIENTS
    assert {(s.kind, s.lang) for s in samples} == {("search", "en"), ("search", "es"), ("ask", "en"), ("ask", "es")}
    assert ingestion is not None
    assert ingestion.status == 201, ingestion.error
    assert ingestion.embedded and ingestion.embedded > 50
    # /health was polled every 50 ms from before the upload began until it was answered.
    assert len(ingestion.health) >= 5
    assert [s.status for s in ingestion.health] == [200] * len(ingestion.health)
