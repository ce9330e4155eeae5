"""Helpers for bench/run.py: the question set, statistics, child processes and machine facts."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
QA = ROOT / ".venv" / "bin" / "qa"
GOLD = ROOT.parent / "shared" / "eval" / "gold.jsonl"
DEV = ROOT / "eval" / "dev.jsonl"
THREAD_ENV = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def load_questions(per_language: int = 20) -> list[dict[str, str]]:
    """About 40 varied questions: ``per_language`` English and Spanish ones from the gold and dev
    sets, answerable and unanswerable, interleaved so that every slice of the list is mixed."""
    rows: list[dict[str, Any]] = []
    for path in (GOLD, DEV):
        if path.is_file():
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_lang: dict[str, list[dict[str, str]]] = {"en": [], "es": []}
    seen: set[str] = set()
    for row in rows:
        question = row["question"].strip()
        if row.get("lang") in by_lang and question not in seen:
            seen.add(question)
            by_lang[row["lang"]].append({"id": row["id"], "lang": row["lang"], "kind": row["kind"], "q": question})
    picked = {lang: _spread(items, per_language) for lang, items in by_lang.items()}
    mixed = [q for pair in zip(picked["en"], picked["es"], strict=False) for q in pair]
    longer = picked["en"] if len(picked["en"]) > len(picked["es"]) else picked["es"]
    return mixed + longer[len(mixed) // 2 :]


def _spread(items: list[dict[str, str]], count: int) -> list[dict[str, str]]:
    """``count`` items taken evenly across the list (so both files and both kinds are represented)."""
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


# ---------------------------------------------------------------- statistics


def pct(values: Sequence[float], q: float) -> float:
    """Percentile with linear interpolation (q in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def summary_ms(values: Sequence[float]) -> dict[str, float]:
    return {"p50_ms": ms(pct(values, 50)), "p95_ms": ms(pct(values, 95)), "n": len(values)}


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


# ---------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def peak_rss_mb(pid: int) -> dict[str, float]:
    """VmHWM (peak resident set) and VmRSS of a live process, from /proc."""
    values: dict[str, float] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                values[key] = round(int(rest.split()[0]) / 1024, 1)
    return values


def stop(process: subprocess.Popen[Any], timeout: float = 20.0) -> None:
    """End a child we started: SIGTERM, then SIGKILL; only ever this one process id."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout)


@contextlib.contextmanager
def cpu_burner(active: bool) -> Iterator[int | None]:
    """A process spinning on one core while the block runs (the 'other core busy' case)."""
    if not active:
        yield None
        return
    process = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)  # let it reach the run queue
        yield process.pid
    finally:
        stop(process, 5.0)


def worker_env(threads: dict[str, str | None] | None = None, **extra: str) -> dict[str, str]:
    """The environment for a child: this one, with the thread variables set or removed as given."""
    env = dict(os.environ)
    for key, value in (threads or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    env.update(extra)
    return env


def run_json(args: list[str], env: dict[str, str], timeout: float = 900.0) -> dict[str, Any]:
    """Run a worker that prints one JSON object as its last stdout line."""
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{args[1:3]} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------- machine facts


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def busy_processes(min_cpu: float = 20.0) -> list[str]:
    """Other processes using a lot of CPU right now (colleagues' jobs): they make every number noisy."""
    try:
        listing = subprocess.run(
            ["ps", "-eo", "pid,pcpu,etime,comm", "--sort=-pcpu", "--no-headers"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    own = {os.getpid()}
    busy = []
    for line in listing.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and int(parts[0]) not in own and float(parts[1]) >= min_cpu:
            busy.append(f"{parts[3]} ({parts[1]}% cpu)")
    return busy


def machine_facts() -> dict[str, Any]:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = 0.0
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    return {
        "nproc": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_start": loadavg(),
        "busy_processes_start": busy_processes(),
        "thread_env": {key: os.environ.get(key) for key in THREAD_ENV},
    }


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in (
        "torch",
        "sentence-transformers",
        "transformers",
        "tokenizers",
        "faiss-cpu",
        "numpy",
        "uvicorn",
        "fastapi",
        "httpx",
        "lingua-language-detector",
        "bm25s",
    ):
        with contextlib.suppress(PackageNotFoundError):
            found[name] = version(name)
    return found
