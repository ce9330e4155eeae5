"""Small measuring helpers for the benchmarks: resident memory sampling, timers, percentiles, workers."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1 << 20


def rss() -> int:
    """Resident set size of this process now, in bytes (file-backed mapped pages included)."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * PAGE


def max_rss() -> int:
    """Peak resident set size of this process so far, in bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class PeakRSS:
    """Samples the resident set every ``interval`` seconds in a thread while the block runs."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.start = self.peak = self.end = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, rss())

    def __enter__(self) -> PeakRSS:
        self.start = self.peak = rss()
        self._started = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._started
        self._stop.set()
        self._thread.join()
        self.end = rss()
        self.peak = max(self.peak, self.end)

    @property
    def delta_mb(self) -> float:
        """Peak above the resident set at the start, in MiB."""
        return round((self.peak - self.start) / MB, 1)

    def facts(self) -> dict[str, float]:
        return {
            "seconds": round(self.seconds, 3),
            "peak_rss_mb": round(self.peak / MB, 1),
            "peak_rss_delta_mb": self.delta_mb,
            "rss_after_delta_mb": round((self.end - self.start) / MB, 1),
        }


@contextmanager
def timed(into: dict[str, float], key: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        into[key] = into.get(key, 0.0) + time.perf_counter() - started


def percentiles_ms(seconds: list[float]) -> dict[str, float]:
    values = np.asarray(seconds) * 1000
    return {"p50_ms": round(float(np.percentile(values, 50)), 3), "p95_ms": round(float(np.percentile(values, 95)), 3)}


def latencies(call: Callable[[np.ndarray], object], queries: np.ndarray, warmup: int = 20) -> list[float]:
    for query in queries[:warmup]:
        call(query)
    times = []
    for query in queries:
        started = time.perf_counter()
        call(query)
        times.append(time.perf_counter() - started)
    return times


def recall_at(found: np.ndarray, truth: np.ndarray) -> float:
    """Mean share of the true top-k found in the returned top-k (padding -1 never matches)."""
    k = truth.shape[1]
    hits = [len(set(map(int, a[:k])) & set(map(int, b))) for a, b in zip(found, truth, strict=True)]
    return round(float(np.mean(hits)) / k, 4)


def run_worker(script: Path, task: dict[str, Any]) -> dict[str, Any]:
    """Run ``script --worker TASK`` in a fresh process (clean peak memory) and return its JSON result."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = Path(handle.name)
    try:
        command = [sys.executable, str(script), "--worker", json.dumps(task), "--result", str(result_path)]
        subprocess.run(command, check=True)
        return dict(json.loads(result_path.read_text()))
    finally:
        result_path.unlink(missing_ok=True)


def finish_worker(result: dict[str, Any], path: str) -> None:
    result["process_peak_rss_mb"] = round(max_rss() / MB, 1)
    Path(path).write_text(json.dumps(result))


def merge_results(json_path: Path, sections: dict[str, Any]) -> dict[str, Any]:
    """Update some sections of the results file, keeping the ones another script wrote."""
    results: dict[str, Any] = {}
    if json_path.is_file():
        results = json.loads(json_path.read_text(encoding="utf-8"))
    results.update(sections)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def log(message: str) -> None:
    print(time.strftime("%H:%M:%S"), message, file=sys.stderr, flush=True)
