"""Dynamic micro-batching of query embeddings: concurrent requests share one model call.

The API runs every request in a worker thread, so sixteen clients asking at once would make
sixteen one-row model calls, queued on the model's lock or competing for two cores. ``MicroBatchingEmbedder``
queues the query texts of concurrent callers and embeds them in one call instead, which costs
little more than a single row and so multiplies throughput under load.

Leader-follower, no thread of its own: the caller that finds no batch in progress becomes the
leader. It waits at most ``max_wait_ms`` after the oldest queued request arrived (or until
``max_batch`` texts are queued) for company, takes the queue, embeds it in its own thread,
hands every caller its rows, and steps down; the followers just sleep until their rows are
ready, and one of them leads the next batch. While the model is busy new requests keep queueing,
so the next batch goes as soon as the model is free, without waiting again. Compared with a
daemon worker thread this has nothing to start or stop (no thread can leak or outlive a test),
no hand-off to another thread on the single-caller path, and an exception is raised in the
caller's own thread. All waits are ``Condition.wait`` calls: no polling.

Up to ``max_running`` batches may be in the model at once (one per core, each on one torch thread),
so that two cores serve sixteen clients; this pays only with an embedder that is safe to call from
several threads (``TorchBertEmbedder``; the sentence-transformers one serialises its calls itself).
One batch at a time forms: a caller leads a new one when no other batch is forming, a model slot is
free and its request has not been taken yet.

Passages (indexing) go straight through: they come in large batches already, from one caller.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from qa.embed import Embedder, TextKind
from qa.settings import Settings


@dataclass(eq=False)
class _Request:
    texts: list[str]
    arrived: float = field(default_factory=time.monotonic)
    rows: np.ndarray | None = None
    error: BaseException | None = None
    taken: bool = False  # in a batch that is running
    done: bool = False


@dataclass(frozen=True)
class BatchingStats:
    """Counters since the embedder was made: how many query requests shared how many model calls."""

    requests: int
    texts: int
    batches: int
    largest_batch: int


class MicroBatchingEmbedder:
    """An ``Embedder`` that coalesces concurrent ``embed(texts, "query")`` calls into one inner call."""

    def __init__(self, inner: Embedder, max_wait_ms: float = 2.0, max_batch: int = 32, max_running: int = 1) -> None:
        if max_wait_ms < 0:
            raise ValueError("max_wait_ms must be >= 0")
        if max_batch < 1:
            raise ValueError("max_batch must be >= 1")
        if max_running < 1:
            raise ValueError("max_running must be >= 1")
        self.max_running = max_running
        self.inner = inner
        self.model_id = inner.model_id
        self.max_wait = max_wait_ms / 1000.0
        self.max_batch = max_batch
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)  # the leader waits here for company
        self._finished = threading.Condition(self._lock)  # followers wait here for their rows or a turn
        self._queue: deque[_Request] = deque()
        self._queued_texts = 0
        self._forming = False  # a leader is waiting for company
        self._running = 0  # batches in the model
        self._requests = 0
        self._texts = 0
        self._batches = 0
        self._largest = 0

    @classmethod
    def from_settings(cls, inner: Embedder, settings: Settings) -> MicroBatchingEmbedder:
        """The batcher the server uses: ``QA_BATCH_WAIT_MS``, ``QA_MAX_BATCH``, ``QA_MODEL_CONCURRENCY``."""
        return cls(inner, settings.batch_wait_ms, settings.max_batch, settings.model_concurrency)

    # ------------------------------------------------------------ the Embedder protocol

    @property
    def fingerprint(self) -> str:
        return self.inner.fingerprint

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def load(self) -> None:
        """Load the inner model now, if it loads lazily (see ``SentenceTransformerEmbedder.load``)."""
        load = getattr(self.inner, "load", None)
        if callable(load):
            load()

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        if kind != "query" or not texts or len(texts) >= self.max_batch:
            # Indexing, or already a full batch: nothing to gain from waiting for company.
            return self.inner.embed(texts, kind)
        request = _Request(list(texts))
        with self._lock:
            self._queue.append(request)
            self._queued_texts += len(request.texts)
            self._requests += 1
            self._texts += len(request.texts)
            if self._queued_texts >= self.max_batch:
                self._arrived.notify()
            while not request.done:
                if request.taken or self._forming or self._running >= self.max_running:
                    self._finished.wait()
                else:
                    self._lead()
        if request.error is not None:
            raise _fresh(request.error)
        assert request.rows is not None
        return request.rows

    def stats(self) -> BatchingStats:
        with self._lock:
            return BatchingStats(self._requests, self._texts, self._batches, self._largest)

    # ------------------------------------------------------------ the leader

    def _lead(self) -> None:
        """Form one batch from the head of the queue, embed it and deliver it; called with the lock held."""
        self._forming = True
        try:
            deadline = self._queue[0].arrived + self.max_wait
            while self._queued_texts < self.max_batch:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._arrived.wait(remaining)
            batch = self._take()
        finally:
            self._forming = False
            self._finished.notify_all()  # the next batch may form while this one runs
        self._running += 1
        try:
            self._lock.release()
            try:
                self._run(batch)
            finally:
                self._lock.acquire()
        finally:
            for request in batch:
                if request.rows is None and request.error is None:  # interrupted before _run finished
                    request.error = RuntimeError("the embedding batch was interrupted")
                request.done = True
            self._running -= 1
            self._finished.notify_all()

    def _take(self) -> list[_Request]:
        """Whole requests from the head of the queue, at most ``max_batch`` texts (always at least one)."""
        batch = [self._queue.popleft()]
        size = len(batch[0].texts)
        while self._queue and size + len(self._queue[0].texts) <= self.max_batch:
            request = self._queue.popleft()
            batch.append(request)
            size += len(request.texts)
        for request in batch:
            request.taken = True
        self._queued_texts -= size
        self._batches += 1
        self._largest = max(self._largest, size)
        return batch

    def _run(self, batch: list[_Request]) -> None:
        """Embed the batch without holding the lock; every request gets its rows or the error."""
        texts = [text for request in batch for text in request.texts]
        try:
            vectors = self.inner.embed(texts, "query")
            if len(vectors) != len(texts):
                raise ValueError(f"the embedder returned {len(vectors)} rows for {len(texts)} texts")
        except BaseException as exc:  # even KeyboardInterrupt: no follower may wait forever
            for request in batch:
                request.error = exc
            return
        start = 0
        for request in batch:
            end = start + len(request.texts)
            request.rows = np.array(vectors[start:end], dtype=np.float32, copy=True)
            start = end


def _fresh(error: BaseException) -> BaseException:
    """A copy of ``error`` for one caller, so that callers raising it in several threads at once do
    not all add their frames to one shared traceback; falls back to the error itself."""
    try:
        clone = copy.copy(error)
    except Exception:
        return error
    if type(clone) is not type(error) or clone is error:
        return error
    clone.__traceback__ = None
    clone.__cause__ = error
    return clone
