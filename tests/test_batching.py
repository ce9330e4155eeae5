"""MicroBatchingEmbedder: concurrent query embeddings share model calls, and nobody gets another's rows."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from qa.batching import MicroBatchingEmbedder
from qa.embed import HashingEmbedder, TextKind
from qa.engine import Engine

TIMEOUT = 30.0  # only ever reached when something is broken


class RecordingEmbedder:
    """HashingEmbedder rows, recording every call; optionally held at a gate or failing."""

    model_id = "recording"

    def __init__(self, fail: Callable[[list[str]], bool] | None = None) -> None:
        self.calls: list[tuple[list[str], TextKind]] = []
        self.gate: threading.Event | None = None
        self.entered = threading.Event()
        self.fail = fail
        self._real = HashingEmbedder()
        self._lock = threading.Lock()

    @property
    def fingerprint(self) -> str:
        return "recording-fp"

    @property
    def dimension(self) -> int:
        return self._real.dimension

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        with self._lock:  # like the real embedder: one model call at a time
            self.calls.append((list(texts), kind))
            self.entered.set()
            if self.gate is not None:
                assert self.gate.wait(TIMEOUT)
            if self.fail is not None and self.fail(texts):
                raise ValueError(f"cannot embed {len(texts)} texts")
            return self._real.embed(texts, kind)

    def query_calls(self) -> list[list[str]]:
        return [texts for texts, kind in self.calls if kind == "query"]


def questions(n: int) -> list[str]:
    return [f"question number {i} about topic {i * 7 % 5} and word{i}" for i in range(n)]


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def run_concurrently(batcher: MicroBatchingEmbedder, requests: list[list[str]]) -> list[np.ndarray]:
    with ThreadPoolExecutor(len(requests)) as pool:
        futures = [pool.submit(batcher.embed, texts, "query") for texts in requests]
        return [future.result(TIMEOUT) for future in futures]


def gated_concurrent_run(
    inner: RecordingEmbedder, batcher: MicroBatchingEmbedder, requests: list[list[str]]
) -> list[np.ndarray | BaseException]:
    """The first request goes alone and holds the model until all the others are queued, so that
    the batches are decided by the batcher's rules alone, not by how the threads are scheduled."""
    inner.gate = threading.Event()
    with ThreadPoolExecutor(len(requests)) as pool:
        futures = [pool.submit(batcher.embed, requests[0], "query")]
        assert inner.entered.wait(TIMEOUT)
        futures += [pool.submit(batcher.embed, texts, "query") for texts in requests[1:]]
        wait_until(lambda: batcher.stats().requests == len(requests))
        inner.gate.set()
        results: list[np.ndarray | BaseException] = []
        for future in futures:
            error = future.exception(TIMEOUT)
            results.append(error if error is not None else future.result())
    return results


def test_each_caller_gets_its_own_rows_identical_to_unbatched() -> None:
    inner = RecordingEmbedder()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=5, max_batch=32)
    texts = questions(40)
    requests = [texts[i : i + 1 + i % 3] for i in range(16)]  # 1-3 texts each, overlapping
    results = gated_concurrent_run(inner, batcher, requests)
    reference = HashingEmbedder()
    for request, rows in zip(requests, results, strict=True):
        assert isinstance(rows, np.ndarray)
        assert rows.dtype == np.float32 and rows.shape == (len(request), reference.dimension)
        np.testing.assert_array_equal(rows, reference.embed(request, "query"))


def test_concurrent_queries_are_coalesced_into_few_model_calls() -> None:
    inner = RecordingEmbedder()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=5, max_batch=32)
    requests = [[text] for text in questions(16)]
    gated_concurrent_run(inner, batcher, requests)
    calls = inner.query_calls()
    # The first call went alone; everything that queued while it ran goes in one.
    assert calls[0] == requests[0] and len(calls) == 2
    assert sorted(text for call in calls for text in call) == sorted(text for [text] in requests)
    stats = batcher.stats()
    assert (stats.requests, stats.texts, stats.batches) == (16, 16, 2)


def test_coalescing_happens_with_free_running_threads() -> None:
    inner = RecordingEmbedder()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=20, max_batch=32)
    requests = [[text] for text in questions(16)]
    start = threading.Barrier(16)

    def call(texts: list[str]) -> np.ndarray:
        start.wait(TIMEOUT)
        return batcher.embed(texts, "query")

    with ThreadPoolExecutor(16) as pool:
        results = [f.result(TIMEOUT) for f in [pool.submit(call, texts) for texts in requests]]
    assert len(results) == 16
    assert len(inner.query_calls()) < 16


def test_max_batch_is_respected() -> None:
    inner = RecordingEmbedder()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=5, max_batch=4)
    texts = questions(30)
    requests = [texts[i : i + 1 + i % 3] for i in range(16)]
    results = gated_concurrent_run(inner, batcher, requests)
    assert all(isinstance(rows, np.ndarray) and len(rows) == len(r) for r, rows in zip(requests, results, strict=True))
    assert all(len(call) <= 4 for call in inner.query_calls())
    assert batcher.stats().largest_batch <= 4
    # Batches are as full as whole requests allow: with 1-3 texts each, at least 2 per call on average.
    assert len(inner.query_calls()) <= 1 + sum(map(len, requests)) // 2


def test_a_full_batch_goes_without_waiting_out_max_wait() -> None:
    inner = RecordingEmbedder()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=60_000, max_batch=4)
    started = time.monotonic()
    results = run_concurrently(batcher, [[text] for text in questions(4)])
    assert len(results) == 4
    assert time.monotonic() - started < TIMEOUT  # an hour's wait would have failed future.result()
    assert [len(call) for call in inner.query_calls()] == [4]


def test_an_error_reaches_every_caller_of_its_batch_and_the_batcher_recovers() -> None:
    inner = RecordingEmbedder(fail=lambda texts: any("poison" in text for text in texts))
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=5, max_batch=32)
    requests = [["first"]] + [[text] for text in questions(6)] + [["poison pill"]]
    results = gated_concurrent_run(inner, batcher, requests)
    # The first call went alone; the other seven shared the failing batch.
    assert isinstance(results[0], np.ndarray)
    for error in results[1:]:
        assert isinstance(error, ValueError) and "cannot embed 7 texts" in str(error)
    assert len({id(error) for error in results[1:]}) == 7  # each caller raises its own copy
    inner.gate = None
    np.testing.assert_array_equal(batcher.embed(["after"], "query"), HashingEmbedder().embed(["after"], "query"))


def test_a_wrong_number_of_rows_is_an_error_not_misrouted_rows() -> None:
    class Short(RecordingEmbedder):
        def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
            return super().embed(texts, kind)[:-1]

    batcher = MicroBatchingEmbedder(Short(), max_wait_ms=0, max_batch=8)
    with pytest.raises(ValueError, match="returned 1 rows for 2 texts"):
        batcher.embed(["a", "b"], "query")


def test_passages_and_large_requests_pass_straight_through() -> None:
    inner = RecordingEmbedder()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=60_000, max_batch=4)
    passages = questions(3)
    np.testing.assert_array_equal(batcher.embed(passages, "passage"), HashingEmbedder().embed(passages, "passage"))
    large = questions(5)
    np.testing.assert_array_equal(batcher.embed(large, "query"), HashingEmbedder().embed(large, "query"))
    assert batcher.embed([], "query").shape == (0, inner.dimension)
    assert [(len(texts), kind) for texts, kind in inner.calls] == [(3, "passage"), (5, "query"), (0, "query")]
    assert batcher.stats().requests == 0


def test_a_single_caller_waits_at_most_max_wait() -> None:
    inner = RecordingEmbedder()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=50, max_batch=32)
    waits: list[float | None] = []
    real_wait = batcher._arrived.wait

    def recording_wait(timeout: float | None = None) -> bool:
        waits.append(timeout)
        return real_wait(timeout)

    batcher._arrived.wait = recording_wait  # type: ignore[method-assign]
    started = time.monotonic()
    batcher.embed(["alone"], "query")
    elapsed = time.monotonic() - started
    assert waits, "the leader should wait a little for company"
    assert all(timeout is not None and 0 < timeout <= 0.05 for timeout in waits)
    assert elapsed < 5.0  # loose: this machine is shared; the bound above is the real check
    assert inner.query_calls() == [["alone"]]


def test_no_wait_at_all_with_max_wait_zero() -> None:
    inner = RecordingEmbedder()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=0, max_batch=32)
    batcher._arrived.wait = lambda timeout=None: pytest.fail("waited")  # type: ignore[method-assign]
    np.testing.assert_array_equal(batcher.embed(["now"], "query"), HashingEmbedder().embed(["now"], "query"))


def test_no_threads_are_left_behind() -> None:
    before = set(threading.enumerate())
    inner = RecordingEmbedder()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=1, max_batch=8)
    run_concurrently(batcher, [[text] for text in questions(8)])
    assert set(threading.enumerate()) == before


def test_it_is_an_embedder() -> None:
    inner = RecordingEmbedder()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=1, max_batch=8)
    assert (batcher.model_id, batcher.fingerprint, batcher.dimension) == ("recording", "recording-fp", 64)
    with pytest.raises(ValueError):
        MicroBatchingEmbedder(inner, max_wait_ms=-1, max_batch=8)
    with pytest.raises(ValueError):
        MicroBatchingEmbedder(inner, max_wait_ms=1, max_batch=0)


def test_engine_results_are_unchanged_behind_the_batcher(fast_engine: Engine) -> None:
    batched = Engine(fast_engine.settings, embedder=MicroBatchingEmbedder(HashingEmbedder(), 2, 32))
    question_list = ["Where did Via Campesina start?", "¿Dónde se fundó La Vía Campesina?", "Zapatista coffee"]
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda q: batched.ask(q), question_list))
    for question, answer in zip(question_list, answers, strict=True):
        assert answer == fast_engine.ask(question)


@pytest.mark.model
def test_real_model_rows_match_unbatched_ones() -> None:
    from qa.embed import SentenceTransformerEmbedder
    from qa.settings import load_settings

    inner = SentenceTransformerEmbedder(load_settings())
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=20, max_batch=32)
    texts = ["Where did Via Campesina start?", "¿Dónde se fundó La Vía Campesina?", "coffee", "What is ALBA?"] * 2
    expected = inner.embed(texts, "query")
    results = run_concurrently(batcher, [[text] for text in texts])
    # Padding to the batch's longest text changes the float sums a little, never the meaning.
    np.testing.assert_allclose(np.vstack(results), expected, atol=1e-5)


class ParallelEmbedder(RecordingEmbedder):
    """Like the plain-torch embedder: no lock, calls may overlap; records how many ran at once."""

    def __init__(self) -> None:
        super().__init__()
        self.in_flight = 0
        self.most_in_flight = 0
        self.release = threading.Event()

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        with self._lock:
            self.calls.append((list(texts), kind))
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            assert self.release.wait(TIMEOUT)
            return self._real.embed(texts, kind)
        finally:
            with self._lock:
                self.in_flight -= 1


@pytest.mark.parametrize("max_running", [1, 2, 3])
def test_at_most_max_running_batches_are_in_the_model_at_once(max_running: int) -> None:
    inner = ParallelEmbedder()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=0, max_batch=2, max_running=max_running)
    requests = [[q] for q in questions(8)]
    with ThreadPoolExecutor(len(requests)) as pool:
        futures = [pool.submit(batcher.embed, texts, "query") for texts in requests]
        # every slot fills while the model is held; no more than the slots
        wait_until(lambda: inner.in_flight == max_running)
        time.sleep(0.05)
        assert inner.in_flight == max_running
        inner.release.set()
        results = [future.result(TIMEOUT) for future in futures]
    assert inner.most_in_flight == max_running
    for texts, rows in zip(requests, results, strict=True):
        np.testing.assert_array_equal(rows, HashingEmbedder().embed(texts, "query"))


def test_concurrent_batches_give_every_caller_its_own_rows() -> None:
    inner = ParallelEmbedder()
    inner.release.set()
    batcher = MicroBatchingEmbedder(inner, max_wait_ms=1, max_batch=4, max_running=2)
    requests = [questions(40)[i : i + 1 + i % 3] for i in range(40)]
    results = run_concurrently(batcher, requests)
    for texts, rows in zip(requests, results, strict=True):
        np.testing.assert_array_equal(rows, HashingEmbedder().embed(texts, "query"))
    assert batcher.stats().requests == 40


def test_max_running_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_running"):
        MicroBatchingEmbedder(HashingEmbedder(), max_running=0)
