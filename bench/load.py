"""Load benchmark of the HTTP API: concurrent clients against a real `qa serve`, with ingestion.

    .venv/bin/python bench/load.py --clients 16 --seconds 60     # writes docs/LOAD.md and docs/LOAD.json
    .venv/bin/python bench/load.py --clients 4 --seconds 10 --no-report   # a quick try

A `qa serve` subprocess (the real model, a private copy of the corpus and index in a temporary
folder, loopback) is driven by asyncio httpx clients, each on its own keep-alive connection,
asking the dev-set questions (eval/dev.jsonl, English and Spanish) in a fixed random mix of
GET /search, POST /search and POST /ask, for a fixed time. Phases:

1. idle: /health polled alone, as the baseline;
2. load: N clients for S seconds; a quarter of the way in, one document is uploaded through
   POST /documents while /health is polled every 50 ms;
3. quiet ingestion: another document is uploaded with no other load, /health polled again.

Every response must be a 200 (201 for uploads); the run fails (exit 1) on any error. Latencies
are measured by the client, from sending the request to reading the whole answer. The machine is
shared: the load average and the busiest other processes at the start and the end are recorded
beside the numbers. tests/test_load.py runs a short version of the same phases.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEV_SET = ROOT / "eval" / "dev.jsonl"
DOCS = ROOT / "docs"
API_KEY = "load-benchmark-key"
HEALTH_INTERVAL = 0.05
FALLBACK_QUESTIONS = {
    "en": ["What did Venezuela give Cuba in exchange for the doctors?", "Who was the spokesperson of the EZLN?"],
    "es": ["¿Cuántos médicos y dentistas cubanos recibió Venezuela?", "¿Quién era el portavoz del EZLN?"],
}


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """`qa serve` in a subprocess over a private copy of the corpus (and of an index, if given)."""

    def __init__(self, workdir: Path, index_from: Path | None = None, env: dict[str, str] | None = None) -> None:
        self.workdir = workdir
        self.corpus = workdir / "corpus"
        self.index = workdir / "index"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "server.log"
        shutil.copytree(CORPUS, self.corpus)
        if index_from is not None:
            shutil.copytree(index_from, self.index)
        self.env = {
            **os.environ,
            "QA_CORPUS_DIR": str(self.corpus),
            "QA_INDEX_DIR": str(self.index),
            "QA_API_KEY": API_KEY,
            "QA_HOST": "127.0.0.1",
            "QA_PORT": str(self.port),
            **(env or {}),
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.started_in: float | None = None

    def start(self, timeout: float = 600.0) -> None:
        """Start and wait until /ready answers 200 (the model loaded, the index built or opened)."""
        started = time.monotonic()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "qa", "serve"], env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = started + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"qa serve exited with {self.process.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/ready", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"qa serve was not ready after {timeout:.0f}s:\n{self.log_tail()}")
            time.sleep(0.25)
        self.started_in = time.monotonic() - started

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)  # uvicorn's graceful shutdown
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def serving(index_from: Path | None = None, keep: bool = False) -> Iterator[Server]:
    workdir = Path(tempfile.mkdtemp(prefix="qa-load-"))
    try:
        with Server(workdir, index_from) as server:
            yield server
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------- what the clients ask


def questions() -> dict[str, list[str]]:
    """The dev set's questions by language (answerable and not: both paths of /ask)."""
    by_lang: dict[str, list[str]] = {"en": [], "es": []}
    if DEV_SET.is_file():
        for line in DEV_SET.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                by_lang.setdefault(item["lang"], []).append(item["question"])
    return {lang: qs or FALLBACK_QUESTIONS[lang] for lang, qs in by_lang.items() if lang in FALLBACK_QUESTIONS}


@dataclass(frozen=True)
class Call:
    kind: str  # "search" or "ask"
    lang: str
    method: str
    path: str
    params: dict[str, Any] | None = None
    body: dict[str, Any] | None = None


def next_call(rng: random.Random, pool: dict[str, list[str]]) -> Call:
    lang = rng.choice(sorted(pool))
    question = rng.choice(pool[lang])
    roll = rng.random()
    if roll < 0.25:
        return Call("search", lang, "GET", "/search", params={"q": question})
    if roll < 0.5:
        return Call("search", lang, "POST", "/search", body={"question": question})
    return Call("ask", lang, "POST", "/ask", body={"question": question})


@dataclass
class Sample:
    kind: str
    lang: str
    status: int | None
    seconds: float
    at: float  # when it started, relative to the start of the phase
    error: str | None = None


# ---------------------------------------------------------------- load and polling


async def client_loop(
    url: str, deadline: float, rng: random.Random, pool: dict[str, list[str]], origin: float, samples: list[Sample]
) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=120.0) as client:
        while time.perf_counter() < deadline:
            call = next_call(rng, pool)
            started = time.perf_counter()
            status, error = None, None
            try:
                response = await client.request(call.method, call.path, params=call.params, json=call.body)
                status = response.status_code
                if status != 200:
                    error = response.text[:300]
                else:
                    response.json()
            except (httpx.HTTPError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            samples.append(Sample(call.kind, call.lang, status, time.perf_counter() - started, started - origin, error))


async def poll_health(url: str, stop: asyncio.Event, samples: list[Sample], origin: float) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30.0) as client:
        while not stop.is_set():
            started = time.perf_counter()
            status, error = None, None
            try:
                response = await client.get("/health")
                status = response.status_code
                if status != 200:
                    error = response.text[:300]
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            samples.append(Sample("health", "-", status, time.perf_counter() - started, started - origin, error))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), HEALTH_INTERVAL)


@dataclass
class Ingestion:
    filename: str
    bytes: int
    status: int | None = None
    seconds: float = 0.0
    started_at: float = 0.0
    embedded: int | None = None
    error: str | None = None
    health: list[Sample] = field(default_factory=list)


async def ingest_while_polling(url: str, filename: str, text: str, origin: float) -> Ingestion:
    """Upload one document through the API while /health is polled every 50 ms until it is done."""
    data = text.encode()
    result = Ingestion(filename, len(data))
    stop = asyncio.Event()
    poller = asyncio.create_task(poll_health(url, stop, result.health, origin))
    await asyncio.sleep(0.2)  # a few polls before the upload starts
    started = time.perf_counter()
    result.started_at = started - origin
    try:
        async with httpx.AsyncClient(base_url=url, timeout=600.0) as client:
            response = await client.post(
                "/documents", files={"file": (filename, data, "text/markdown")}, headers={"X-API-Key": API_KEY}
            )
        result.status = response.status_code
        if response.status_code == 201:
            result.embedded = response.json()["embedded"]
        else:
            result.error = response.text[:300]
    except httpx.HTTPError as exc:
        result.error = f"{type(exc).__name__}: {exc}"
    finally:
        result.seconds = time.perf_counter() - started
        stop.set()
        await poller
    return result


async def load_phase(
    url: str, clients: int, seconds: float, ingest: tuple[str, str] | None, seed: int = 1
) -> tuple[list[Sample], Ingestion | None, float]:
    """`clients` concurrent clients for `seconds`; the upload, if any, starts a quarter of the way in.
    Returns the samples, the ingestion and the wall time of the load itself."""
    pool = questions()
    origin = time.perf_counter()
    deadline = origin + seconds
    samples: list[Sample] = []
    workers = [
        asyncio.create_task(client_loop(url, deadline, random.Random(seed * 1000 + n), pool, origin, samples))
        for n in range(clients)
    ]
    ingestion = None
    if ingest is not None:
        await asyncio.sleep(seconds / 4)
        ingestion = await ingest_while_polling(url, ingest[0], ingest[1], origin)
    await asyncio.gather(*workers)
    return samples, ingestion, time.perf_counter() - origin


async def idle_health(url: str, polls: int = 40) -> list[Sample]:
    samples: list[Sample] = []
    stop = asyncio.Event()
    origin = time.perf_counter()
    task = asyncio.create_task(poll_health(url, stop, samples, origin))
    while len(samples) < polls:
        await asyncio.sleep(HEALTH_INTERVAL)
    stop.set()
    await task
    return samples


def long_document(paragraphs: int, seed: int = 7) -> str:
    """Varied English and Spanish text, every sentence new to the index: all of it gets embedded."""
    rng = random.Random(seed)
    subjects = ["La cooperativa", "The union", "El sindicato", "The council", "La asamblea", "The ministry"]
    verbs = ["exportó", "reported", "negoció", "approved", "financió", "rejected", "distribuyó", "audited"]
    objects = ["toneladas de café", "barrels of oil", "hectáreas de tierra", "medical brigades", "créditos agrícolas"]
    parts = []
    for p in range(paragraphs):
        sentences = [
            f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.randint(10, 99999)} {rng.choice(objects)} "
            f"en {rng.randint(1950, 2020)} (informe {seed}-{p}-{s})."
            for s in range(6)
        ]
        parts.append(f"## Sección {p}\n\n" + " ".join(sentences))
    return f"# Informe {seed}\n\n" + "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------- statistics


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def latency_summary(samples: list[Sample], wall: float | None = None) -> dict[str, Any]:
    values = sorted(s.seconds * 1000 for s in samples)
    summary: dict[str, Any] = {
        "requests": len(samples),
        "errors": sum(1 for s in samples if s.error is not None),
        "p50_ms": round(percentile(values, 50), 1),
        "p95_ms": round(percentile(values, 95), 1),
        "p99_ms": round(percentile(values, 99), 1),
        "max_ms": round(values[-1], 1) if values else None,
        "mean_ms": round(sum(values) / len(values), 1) if values else None,
    }
    if wall:
        summary["throughput_rps"] = round(len(samples) / wall, 2)
    return summary


def machine_state() -> dict[str, Any]:
    """The load average and the busiest processes: these machines are shared."""
    state: dict[str, Any] = {"loadavg": [round(x, 2) for x in os.getloadavg()]}
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        listing = subprocess.run(
            ["ps", "-eo", "pcpu,args", "--sort=-pcpu", "--no-headers"], capture_output=True, text=True, timeout=10
        ).stdout.splitlines()
        state["busiest"] = [line.strip()[:80] for line in listing[:5]]
    return state


def environment(server: Server) -> dict[str, Any]:
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if "model name" in line
            ),
            "",
        )
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "status", "--porcelain", "qa"], cwd=ROOT, capture_output=True, text=True).stdout
    ready = httpx.get(f"{server.url}/ready", timeout=10).json()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit.strip() + (" (with uncommitted changes in qa/)" if dirty.strip() else ""),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "model": ready["model"],
        "documents": ready["documents"],
        "chunks": ready["chunks"],
        "torch_threads": os.environ.get("QA_TORCH_THREADS", "1 (default)"),
        "server_start_seconds": round(server.started_in or 0.0, 1),
    }


# ---------------------------------------------------------------- the run


def run(clients: int, seconds: float, paragraphs: int, index_from: Path | None) -> dict[str, Any]:
    with serving(index_from) as server:
        before = machine_state()
        env = environment(server)
        idle = asyncio.run(idle_health(server.url))
        samples, ingestion, wall = asyncio.run(
            load_phase(server.url, clients, seconds, ("informe-carga.md", long_document(paragraphs, seed=11)))
        )
        assert ingestion is not None
        quiet = asyncio.run(
            ingest_while_polling(
                server.url, "informe-quieto.md", long_document(paragraphs, seed=12), time.perf_counter()
            )
        )
        after = machine_state()
    by_kind: dict[str, Any] = {"all": latency_summary(samples, wall)}
    for kind in ("search", "ask"):
        by_kind[kind] = latency_summary([s for s in samples if s.kind == kind], wall)
    for lang in ("en", "es"):
        by_kind[f"lang_{lang}"] = latency_summary([s for s in samples if s.lang == lang], wall)

    def indexing(sample: Sample) -> bool:
        return ingestion.started_at <= sample.at <= ingestion.started_at + ingestion.seconds

    during = [s for s in samples if indexing(s)]
    outside = [s for s in samples if not indexing(s)]
    return {
        "config": {"clients": clients, "seconds": seconds, "document_paragraphs": paragraphs},
        "environment": env,
        "machine_before": before,
        "machine_after": after,
        "load": by_kind,
        "load_while_ingesting": latency_summary(during),
        "load_not_ingesting": latency_summary(outside),
        "health_idle": latency_summary(idle),
        "ingestion_under_load": ingestion_summary(ingestion),
        "ingestion_quiet": ingestion_summary(quiet),
        "errors": [asdict(s) for s in samples if s.error is not None][:20],
    }


def ingestion_summary(ingestion: Ingestion) -> dict[str, Any]:
    during = [s for s in ingestion.health if ingestion.started_at <= s.at <= ingestion.started_at + ingestion.seconds]
    return {
        "status": ingestion.status,
        "error": ingestion.error,
        "bytes": ingestion.bytes,
        "embedded": ingestion.embedded,
        "seconds": round(ingestion.seconds, 2),
        "health": latency_summary(during),
        "health_polls_failed": sum(1 for s in ingestion.health if s.error is not None),
    }


def failures(result: dict[str, Any]) -> list[str]:
    problems = []
    if result["load"]["all"]["errors"]:
        problems.append(f"{result['load']['all']['errors']} failed requests under load")
    for phase in ("ingestion_under_load", "ingestion_quiet"):
        if result[phase]["status"] != 201:
            problems.append(f"{phase}: upload answered {result[phase]['status']}: {result[phase]['error']}")
        if result[phase]["health_polls_failed"]:
            problems.append(f"{phase}: {result[phase]['health_polls_failed']} /health polls failed")
    if result["health_idle"]["errors"]:
        problems.append("idle /health polls failed")
    return problems


# ---------------------------------------------------------------- the report


def _row(name: str, s: dict[str, Any], throughput: bool = True) -> str:
    rps = f"{s['throughput_rps']:.1f}" if throughput and "throughput_rps" in s else "–"
    return (
        f"| {name} | {s['requests']} | {s['errors']} | {s['p50_ms']:.0f} | {s['p95_ms']:.0f} | {s['p99_ms']:.0f} "
        f"| {s['max_ms']:.0f} | {rps} |"
    )


def markdown(result: dict[str, Any]) -> str:
    c, e, load = result["config"], result["environment"], result["load"]
    under, quiet, idle = result["ingestion_under_load"], result["ingestion_quiet"], result["health_idle"]
    header = (
        "| | requests | errors | p50 ms | p95 ms | p99 ms | max ms | req/s |\n|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    health_header = (
        "| /health | polls | failed | p50 ms | p95 ms | p99 ms | max ms | |\n|---|---:|---:|---:|---:|---:|---:|---|"
    )
    verdict = "no errors" if not failures(result) else "FAILED: " + "; ".join(failures(result))
    return f"""# Load test of the HTTP API

Measured by `bench/load.py` (`.venv/bin/python bench/load.py --clients {c["clients"]} --seconds {c["seconds"]:g}`);
the raw numbers are in [LOAD.json](LOAD.json). Result: **{verdict}**.

## Set-up

- A `qa serve` subprocess (uvicorn, one process, the real model `{e["model"]}`, torch threads
  {e["torch_threads"]}) over a private copy of the corpus ({e["documents"]} document, {e["chunks"]} passages),
  on loopback. Server start-up, model load and indexing took {e["server_start_seconds"]} s.
- {c["clients"]} asyncio httpx clients, each on its own keep-alive connection, for {c["seconds"]:g} s, asking the
  dev-set questions (eval/dev.jsonl, English and Spanish, answerable and not) in a fixed random mix:
  25 % `GET /search`, 25 % `POST /search`, 50 % `POST /ask`. Latency is the client's: from sending the
  request to reading the whole answer, so it includes queueing behind the other clients.
- A quarter of the way in, one generated document ({under["bytes"]} bytes, {under["embedded"]} texts to embed) is
  uploaded through `POST /documents` while `/health` is polled every 50 ms; after the load, another
  is uploaded with nothing else running.
- Machine: {e["cpus"]} CPUs ({e["cpu"]}), Python {e["python"]}, commit {e["commit"]}, {e["date"]}.
  **The two cores are shared with colleagues' jobs**: load average {result["machine_before"]["loadavg"]} before
  and {result["machine_after"]["loadavg"]} after the run (busiest processes before:
  {", ".join(result["machine_before"].get("busiest", [])[:3]) or "unknown"}). The client runs on the same
  two cores as the server. Absolute figures are therefore pessimistic and vary from run to run.

## Searches and answers under load

{header}
{_row("all", load["all"])}
{_row("/search (GET and POST)", load["search"])}
{_row("/ask", load["ask"])}
{_row("English questions", load["lang_en"])}
{_row("Spanish questions", load["lang_es"])}
{_row("while the upload was indexing", result["load_while_ingesting"], throughput=False)}
{_row("the rest of the time", result["load_not_ingesting"], throughput=False)}

## /health while a document is ingested

{health_header}
{_row("idle server (baseline)", idle, throughput=False)}
{_row(f"ingestion under load ({under['seconds']} s upload)", under["health"], throughput=False)}
{_row(f"ingestion alone ({quiet['seconds']} s upload)", quiet["health"], throughput=False)}

Uploads: under load answered {under["status"]} in {under["seconds"]} s; alone answered {quiet["status"]} in
{quiet["seconds"]} s ({quiet["embedded"]} texts embedded).

## Reading the numbers

- The engine work of `POST /documents` runs in a worker thread, so the event loop keeps serving
  `/health` during ingestion; its latency then is the time the loop waits for the GIL, which the
  indexing thread and the searching threads hold in turns (the model itself releases it).
- During ingestion, searches wait for the model between the indexing batches (the model runs one
  call at a time), which is what the row "while the upload was indexing" shows.
- Under load, the client's own event loop shares the two cores too, which adds to every figure,
  the `/health` polls of "ingestion under load" included; "ingestion alone" is the clean measure.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--paragraphs", type=int, default=60, help="size of each uploaded document")
    parser.add_argument("--index-from", type=Path, help="copy this index instead of building one at start-up")
    parser.add_argument("--no-report", action="store_true", help="print the JSON; do not write docs/LOAD.*")
    args = parser.parse_args(argv)
    result = run(args.clients, args.seconds, args.paragraphs, args.index_from)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    if args.no_report:
        print(text)
    else:
        (DOCS / "LOAD.json").write_text(text + "\n", encoding="utf-8")
        (DOCS / "LOAD.md").write_text(markdown(result), encoding="utf-8")
        print(markdown(result))
    problems = failures(result)
    for problem in problems:
        print(f"load test failed: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
