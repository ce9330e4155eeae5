"""Is ingestion linear? The whole pipeline on generated corpora of growing size, stage by stage.

    .venv/bin/python bench/ingest_scale.py [--passages 1000 5000 20000 100000] [--out docs/SCALE.md]

Documents are the seed corpus recombined (bench/_corpus.py) and pass through the project's own
functions: ``qa.ingest.make_document``, ``qa.pipeline.build_snapshot`` (Punkt training, parsing with
the real ``LanguageIdentifier``, chunking, BM25, dense index), ``qa.index.write_snapshot`` and
``qa.index.load_snapshot``. The embedder is a fake that hands out reused real embeddings (cycling
through the seed corpus's vectors plus a little noise): the real model embeds ~30 texts a second on
these two cores, hours for 100k passages, and its cost is linear per text anyway.

Each size runs in a fresh process. Stage times come from thin timing wrappers around the pipeline's
own functions (the behaviour is unchanged); memory is the resident set sampled every 5 ms, and the
peak within each stage's time windows is reported.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _corpus import raw_documents
from _measure import MB, finish_worker, log, merge_results, rss, run_worker
from _report import render
from _vectors import real_embeddings

import qa.chunk
import qa.pipeline
from qa import dense, index
from qa.embed import TextKind
from qa.ingest import make_document
from qa.language import LanguageIdentifier
from qa.lexical import LexicalIndex
from qa.sentences import SentenceSplitter
from qa.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve()
# Consecutive short paragraphs share a chunk (up to 700 characters): the generated documents give
# about 0.63 chunks per block, so this many blocks are written per passage (chunk) wanted.
BLOCKS_PER_PASSAGE = 1.6


class ReusedEmbeddings:
    """An Embedder handing out real embeddings of the seed corpus in turn, plus a little noise."""

    model_id = "bench-reused-real-embeddings"

    def __init__(self, base: np.ndarray, noise: float = 0.02, seed: int = 0) -> None:
        self.base = base
        self.noise = noise
        self.rng = np.random.default_rng(seed)
        self.served = 0

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.base.tobytes()).hexdigest()[:16]

    @property
    def dimension(self) -> int:
        return int(self.base.shape[1])

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        rows = (self.served + np.arange(len(texts))) % len(self.base)
        self.served += len(texts)
        vectors = self.base[rows] + self.noise * self.rng.standard_normal((len(texts), self.dimension), np.float32)
        return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


class Stages:
    """Accumulated time per stage and the time windows each stage ran in (for its peak memory)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.windows: dict[str, list[tuple[float, float]]] = {}
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.samples.append((time.perf_counter(), rss()))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def record(self, name: str, started: float, ended: float, window: bool) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + ended - started
        self.calls[name] = self.calls.get(name, 0) + 1
        if window:
            self.windows.setdefault(name, []).append((started, ended))

    def wrap(self, name: str, function: Callable[..., Any], window: bool = True) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.record(name, started, time.perf_counter(), window)

        return timed

    def peak_mb(self, name: str) -> float | None:
        windows = self.windows.get(name)
        if not windows:
            return None
        inside = [value for moment, value in self.samples if any(a <= moment <= b for a, b in windows)]
        return round(max(inside) / MB, 1) if inside else None


def instrument(stages: Stages) -> None:
    """Time the pipeline's own steps where build_snapshot looks them up (module globals)."""
    pipeline = qa.pipeline
    pipeline.train_parameters = stages.wrap("punkt_training", pipeline.train_parameters)
    pipeline.chunk_corpus = stages.wrap("parse_and_chunk", pipeline.chunk_corpus)
    pipeline.parse = stages.wrap("parse (incl. language id)", pipeline.parse, window=False)
    pipeline.chunk_document = stages.wrap("chunk (incl. sentence split)", pipeline.chunk_document, window=False)
    SentenceSplitter.spans = stages.wrap("sentence split", SentenceSplitter.spans, window=False)  # type: ignore[method-assign]
    pipeline.sentence_embedding_texts = stages.wrap("sentence_texts", pipeline.sentence_embedding_texts)
    pipeline._embed_with_cache = stages.wrap("embedding (fake model)", pipeline._embed_with_cache)
    pipeline.dense.build = stages.wrap("dense_index", dense.build)
    build_lexical = LexicalIndex.build.__func__  # type: ignore[attr-defined]
    LexicalIndex.build = classmethod(stages.wrap("bm25", build_lexical))  # type: ignore[assignment, method-assign]
    _ = qa.chunk  # chunk_document is looked up through qa.pipeline


def worker(task: dict[str, Any]) -> dict[str, Any]:
    passages = task["passages"]
    settings = load_settings()
    chunking = qa.chunk.ChunkingParameters(
        settings.chunk_max_chars, settings.chunk_overlap_sentences, settings.quote_max_chars
    )
    real = real_embeddings()
    embedder = ReusedEmbeddings(real.passages)
    log(f"ingest {passages}: generating documents")
    raw = raw_documents(round(passages * BLOCKS_PER_PASSAGE))
    stages = Stages()
    detector = LanguageIdentifier()
    started = time.perf_counter()
    detector("warm up the language models")
    warmup = time.perf_counter() - started

    def detect_lang(text: str) -> str:
        begun = time.perf_counter()
        try:
            return detector(text)
        finally:
            stages.record("language id", begun, time.perf_counter(), window=False)

    instrument(stages)
    baseline = rss()
    stages.start()
    stages_started = time.perf_counter()
    begun = time.perf_counter()
    documents = [make_document(text, source=source, title=title) for text, source, title in raw]
    stages.record("make_document", begun, time.perf_counter(), window=True)
    del raw
    log(f"ingest {passages}: build_snapshot over {len(documents)} documents")
    snapshot, stats = stages.wrap("build_snapshot", qa.pipeline.build_snapshot)(
        documents,
        embedder,
        detect_lang,
        chunking,
        {
            "id": embedder.model_id,
            "fingerprint": embedder.fingerprint,
            "query_prompt": "query: ",
            "passage_prompt": "passage: ",
        },
    )
    with tempfile.TemporaryDirectory(prefix="qa-ingest-") as folder:
        log(f"ingest {passages}: write_snapshot")
        written = stages.wrap("write_snapshot", index.write_snapshot)(Path(folder), snapshot)
        snapshot_bytes = sum(f.stat().st_size for f in written.rglob("*") if f.is_file())
        del snapshot
        log(f"ingest {passages}: load_snapshot")
        loaded = stages.wrap("load_snapshot", index.load_snapshot)(Path(folder))
        total = time.perf_counter() - stages_started
        stages.stop()
        question = "What inspired the Fuerzas de Liberación Nacional?"
        query = real.queries[0]
        search_ms = {}
        for name, call in (
            ("dense_search_ms", lambda: dense.search(loaded.dense_index, query, 30)),
            ("lexical_scores_ms", lambda: loaded.lexical.scores(question)),
        ):
            call()
            begun = time.perf_counter()
            for _ in range(20):
                call()
            search_ms[name] = round((time.perf_counter() - begun) / 20 * 1000, 3)
        manifest = dict(loaded.manifest)
    seconds = {name: round(value, 3) for name, value in stages.seconds.items()}
    return {
        "passages_requested": passages,
        "documents": stats.documents,
        "chunks": stats.chunks,
        "sentences": stats.sentences,
        "characters": sum(len(d.text) for d in documents),
        "language_model_warmup_seconds": round(warmup, 2),
        "total_seconds": round(total, 2),
        "seconds": seconds,
        "calls": stages.calls,
        "baseline_rss_mb": round(baseline / MB, 1),
        "peak_rss_mb": {name: stages.peak_mb(name) for name in stages.windows},
        "snapshot_bytes": snapshot_bytes,
        "dense_index": manifest.get("dense_index"),
        **search_ms,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, nargs="*", default=[1000, 5000, 20_000, 100_000])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "SCALE.md")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        finish_worker(worker(json.loads(args.worker)), args.result)
        return
    real_embeddings()  # cache them once, before the workers start
    started = time.perf_counter()
    rows = [run_worker(SCRIPT, {"passages": n}) for n in args.passages]
    json_path = args.out.parent / "scale.json"
    results = merge_results(
        json_path, {"ingest": {"rows": rows, "minutes": round((time.perf_counter() - started) / 60, 1)}}
    )
    args.out.write_text(render(results), encoding="utf-8")
    log(f"wrote {args.out} and {json_path}")


if __name__ == "__main__":
    main()
