"""Scale benchmark of the dense index (and the persistence of both indexes) at 100k and 1M vectors.

    .venv/bin/python bench/scale.py [--sizes 100000 1000000] [--out docs/SCALE.md]

Vectors are perturbations of the real model's embeddings of the seed corpus (see bench/_vectors.py
and docs/SCALE.md). Every measurement runs in a fresh worker process so that peak memory figures
belong to one size. Results go to docs/scale.json (merged with the ingestion results of
bench/ingest_scale.py) and are rendered to docs/SCALE.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import faiss
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _measure import (
    MB,
    PeakRSS,
    finish_worker,
    latencies,
    log,
    merge_results,
    percentiles_ms,
    recall_at,
    run_worker,
)
from _report import render
from _vectors import Synthesizer, neighbour_statistics, real_embeddings

from qa import dense

if TYPE_CHECKING:
    from qa.lexical import LexicalIndex

ROOT = Path(__file__).resolve().parent.parent
K = 10
SCRIPT = Path(__file__).resolve()
DEFAULT_ALTERNATIVES = {
    # spec -> search-parameter sweep (nprobe for IVF, efSearch for HNSW, none for Flat)
    "Flat": [0],
    "IVF{nlist},SQ8": [8, 16, 32, 64],
    "IVF{nlist2},SQ8": [8, 16, 32, 64],
    "IVF{nlist},Flat": [8, 16, 32, 64],
    "IVF{nlist},SQ6": [16, 32, 64],
    "IVF{nlist},PQ48np,Refine(SQ8)": [16, 32, 64],
    "HNSW16,SQ8": [64, 128, 256],
    "HNSW32,SQ8": [64, 128, 256],
}
LARGE_ALTERNATIVES = {
    "IVF{nlist_half},SQ8": [16, 32, 64],
    "IVF{nlist},SQ8": [16, 32, 64],
    "IVF{nlist2},SQ8": [16, 32, 64, 128],
    "HNSW16,SQ8": [64, 128, 256],
}


# ---------------------------------------------------------------- shared data


def dataset(n: int, queries: int) -> tuple[np.ndarray, np.ndarray, int]:
    """n corpus vectors, then held-out perturbation queries followed by the real query embeddings."""
    real = real_embeddings()
    synthesizer = Synthesizer(real.passages)
    corpus = synthesizer.generate(n, seed=n)
    held_out = synthesizer.generate(queries, seed=n + 1)
    return corpus, np.vstack([held_out, real.queries]).astype(np.float32), len(held_out)


def ground_truth(corpus: np.ndarray, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    faiss.omp_set_num_threads(dense.BATCH_THREADS)
    started = time.perf_counter()
    scores, positions = faiss.knn(queries, corpus, K, metric=faiss.METRIC_INNER_PRODUCT)
    return scores, positions, time.perf_counter() - started


def recalls(found: np.ndarray, truth: np.ndarray, held_out: int) -> dict[str, float]:
    return {
        "recall_synthetic": recall_at(found[:held_out], truth[:held_out]),
        "recall_real_queries": recall_at(found[held_out:], truth[held_out:]),
    }


def exact_latency(corpus: np.ndarray, queries: np.ndarray) -> dict[str, float]:
    """Single-query exact search over ``corpus`` with one thread (the IndexFlatIP kernel)."""
    faiss.omp_set_num_threads(1)
    times = latencies(lambda q: faiss.knn(q[None], corpus, K, metric=faiss.METRIC_INNER_PRODUCT), queries, warmup=3)
    faiss.omp_set_num_threads(dense.BATCH_THREADS)
    return percentiles_ms(times)


def searching(index: faiss.Index) -> Callable[[np.ndarray], object]:
    """One query at a time through qa's own search (dense.search picks the thread count)."""
    return lambda query: dense.search(index, query, K)


def searching_one(index: faiss.Index, params: Any = None) -> Callable[[np.ndarray], object]:
    """One query at a time through faiss directly, with the threads the caller set."""
    return lambda query: index.search(query[None], K, params=params)


def scoring(index: LexicalIndex) -> Callable[[np.ndarray], object]:
    return lambda question: index.scores(str(question))


def search_parameters(index: faiss.Index, value: int) -> Any:
    # faiss's stubs leave out the keyword constructors of its SWIG parameter classes
    swig: Any = faiss
    if isinstance(index, faiss.IndexRefine):
        return swig.IndexRefineSearchParameters(
            k_factor=index.k_factor, base_index_params=search_parameters(index.base_index, value)
        )
    if faiss.try_extract_index_ivf(index) is not None:
        return swig.SearchParametersIVF(nprobe=value)
    if "HNSW" in type(index).__name__:
        return swig.SearchParametersHNSW(efSearch=value)
    return None


def sweep(
    index: faiss.Index, values: list[int], queries: np.ndarray, truth: np.ndarray, held_out: int, latency_queries: int
) -> list[dict[str, Any]]:
    rows = []
    for value in values:
        params = search_parameters(index, value)
        faiss.omp_set_num_threads(dense.BATCH_THREADS)
        _, found = index.search(queries, K, params=params)
        faiss.omp_set_num_threads(1)
        times = latencies(searching_one(index, params), queries[:latency_queries])
        faiss.omp_set_num_threads(dense.BATCH_THREADS)
        rows.append({"param": value, **recalls(found, truth, held_out), **percentiles_ms(times)})
    return rows


# ---------------------------------------------------------------- workers


def dense_worker(task: dict[str, Any]) -> dict[str, Any]:
    n, workdir = task["n"], Path(task["workdir"])
    result: dict[str, Any] = {"n": n, "latency_queries": task["latency_queries"]}
    log(f"dense {n}: generating")
    started = time.perf_counter()
    corpus, queries, held_out = dataset(n, task["queries"])
    result["generate_seconds"] = round(time.perf_counter() - started, 1)
    truth_scores, truth, result["ground_truth_seconds"] = ground_truth(corpus, queries)
    percent = (5, 50, 95)
    result["query_neighbours"] = {
        "percentiles": list(percent),
        "nn1": [round(float(v), 3) for v in np.percentile(truth_scores[:held_out, 0], percent)],
        "nn10": [round(float(v), 3) for v in np.percentile(truth_scores[:held_out, 9], percent)],
        "real_nn1": [round(float(v), 3) for v in np.percentile(truth_scores[held_out:, 0], percent)],
    }
    latency_queries = queries[: task["latency_queries"]]
    log(f"dense {n}: exact latency")
    result["exact"] = exact_latency(corpus, latency_queries[: max(20, min(200, 30_000_000 // n))])

    log(f"dense {n}: build")
    with PeakRSS() as build_memory:
        index, description = dense.build(corpus)
    result["description"] = description
    result["build"] = build_memory.facts()
    path = workdir / f"dense-{n}.faiss"
    started = time.perf_counter()
    dense.save(index, path)
    result["save_seconds"] = round(time.perf_counter() - started, 3)
    result["file_bytes"] = path.stat().st_size
    result["bytes_per_vector"] = round(path.stat().st_size / n, 1)

    log(f"dense {n}: search")
    _, found = dense.search(index, queries, K)
    result.update(recalls(found, truth, held_out))
    result["latency"] = percentiles_ms(latencies(searching(index), latency_queries))
    # The same single queries with two OpenMP threads, bypassing dense.search's choice of one.
    faiss.omp_set_num_threads(2)
    result["latency_2_threads"] = percentiles_ms(latencies(searching_one(index), latency_queries))
    faiss.omp_set_num_threads(dense.BATCH_THREADS)
    started = time.perf_counter()
    dense.search(index, queries, K)
    result["batch_queries_per_second"] = round(len(queries) / (time.perf_counter() - started), 1)
    ivf = faiss.try_extract_index_ivf(index)
    if ivf is not None:
        probes = sorted({max(1, ivf.nprobe // 4), max(1, ivf.nprobe // 2), ivf.nprobe, ivf.nprobe * 2, ivf.nprobe * 4})
        result["nprobe_sweep"] = sweep(
            index, [p for p in probes if p <= ivf.nlist], queries, truth, held_out, min(300, len(latency_queries))
        )
    del index  # free it before loading the file back

    log(f"dense {n}: load")
    with PeakRSS() as load_memory:
        loaded = dense.load(path, mmap=False)
    result["load"] = load_memory.facts()
    result["identical_after_load"] = bool(np.array_equal(dense.search(loaded, queries, K)[1], found))
    del loaded
    with PeakRSS() as mmap_memory:
        mapped = dense.load(path, description)
    result["load_mmap"] = mmap_memory.facts()
    cold = latencies(searching(mapped), latency_queries[:100], warmup=0)
    result["latency_mmap_first_100"] = percentiles_ms(cold)
    result["identical_after_mmap_load"] = bool(np.array_equal(dense.search(mapped, queries, K)[1], found))
    result["latency_mmap"] = percentiles_ms(latencies(searching(mapped), latency_queries))
    result["rss_after_mmap_searches_delta_mb"] = round((mmap_memory.end - mmap_memory.start) / MB, 1)
    path.unlink()
    return result


def threshold_worker(task: dict[str, Any]) -> dict[str, Any]:
    """Exact against approximate at the sizes around the threshold: is exact search fast enough there?"""
    sizes = sorted(task["sizes"])
    corpus, queries, held_out = dataset(max(sizes), task["queries"])
    rows = []
    for n in sizes:
        log(f"threshold {n}")
        part = corpus[:n]
        _, truth, _ = ground_truth(part, queries)
        started = time.perf_counter()
        exact, _ = dense.build(part, threshold=n + 1)
        exact_build = time.perf_counter() - started
        exact_times = latencies(searching(exact), queries[:300])
        faiss.omp_set_num_threads(2)  # the same single queries with two threads, for comparison
        exact_two = latencies(searching_one(exact), queries[:100])
        faiss.omp_set_num_threads(dense.BATCH_THREADS)
        started = time.perf_counter()
        approximate, description = dense.build(part, threshold=0)
        approximate_build = time.perf_counter() - started
        _, found = dense.search(approximate, queries, K)
        approximate_times = latencies(searching(approximate), queries[:300])
        rows.append(
            {
                "n": n,
                "exact_build_seconds": round(exact_build, 3),
                "exact": percentiles_ms(exact_times),
                "exact_2_threads": percentiles_ms(exact_two),
                "approximate_build_seconds": round(approximate_build, 2),
                "approximate": {
                    "factory": description["factory"],
                    "nprobe": description["nprobe"],
                    **percentiles_ms(approximate_times),
                    **recalls(found, truth, held_out),
                },
            }
        )
    return {"rows": rows}


def alternatives_worker(task: dict[str, Any]) -> dict[str, Any]:
    n, workdir = task["n"], Path(task["workdir"])
    corpus, queries, held_out = dataset(n, task["queries"])
    _, truth, _ = ground_truth(corpus, queries)
    nlist = dense.nlist_for(n)
    names = {"nlist": nlist, "nlist2": nlist * 2, "nlist_half": nlist // 2}
    rows_sampled = np.random.default_rng(dense.TRAIN_SEED).choice(n, min(n, dense.TRAIN_SAMPLE), replace=False)
    sample = corpus[np.sort(rows_sampled)]
    rows = []
    for template, values in task["specs"].items():
        spec = template.format(**names)
        log(f"alternatives {n}: {spec}")
        faiss.omp_set_num_threads(dense.BATCH_THREADS)
        index = faiss.index_factory(corpus.shape[1], spec, faiss.METRIC_INNER_PRODUCT)
        ivf = faiss.try_extract_index_ivf(index)
        if ivf is not None:
            ivf.cp.seed, ivf.cp.niter, ivf.cp.spherical = dense.TRAIN_SEED, dense.KMEANS_ITERATIONS, True
        if isinstance(index, faiss.IndexRefine):
            index.k_factor = 16  # re-rank 16 k PQ candidates with the SQ8 codes
        with PeakRSS() as memory:
            index.train(sample)
            index.add(corpus)
        path = workdir / "alternative.faiss"
        faiss.write_index(index, str(path))
        params = values if (ivf is not None or "HNSW" in spec) else [0]
        row = {
            "spec": spec,
            "build_seconds": round(memory.seconds, 1),
            "build_peak_rss_delta_mb": memory.delta_mb,
            "bytes_per_vector": round(path.stat().st_size / n, 1),
            "sweep": sweep(index, params, queries, truth, held_out, min(300, task["latency_queries"])),
        }
        del index
        # Does the file memory-map (dense.load's flags) and give the same answers?
        try:
            with PeakRSS() as mapped_memory:
                mapped = dense.load(path)
            row["mmap_load_seconds"] = round(mapped_memory.seconds, 3)
            row["mmap_rss_delta_mb"] = mapped_memory.delta_mb
            _, found = mapped.search(queries, K, params=search_parameters(mapped, params[0]))
            _, expected = faiss.read_index(str(path)).search(queries, K, params=search_parameters(mapped, params[0]))
            row["mmap_identical"] = bool(np.array_equal(found, expected))
            del mapped
        except RuntimeError as exc:
            row["mmap_error"] = str(exc).splitlines()[0][:200]
        path.unlink()
        rows.append(row)
    return {"n": n, "rows": rows}


def lexical_worker(task: dict[str, Any]) -> dict[str, Any]:
    """BM25 over ``n`` short generated passages: build, save, load and query time at scale."""
    from _corpus import short_passages

    from qa.lexical import LexicalIndex

    n, workdir = task["n"], Path(task["workdir"])
    log(f"lexical {n}: generating passages")
    passages = short_passages(n, seed=7)
    result: dict[str, Any] = {"n": n, "mean_chars": round(float(np.mean([len(p) for p, _ in passages])), 1)}
    # Is the build linear? The same passages, a tenth and a third of them first.
    result["scaling"] = []
    for part in sorted({max(1, n // 10), max(1, n // 3)}):
        with PeakRSS() as part_memory:
            LexicalIndex.build(passages[:part])
        result["scaling"].append({"n": part, **part_memory.facts()})
    log(f"lexical {n}: build")
    with PeakRSS() as build_memory:
        index = LexicalIndex.build(passages)
    result["build"] = build_memory.facts()
    result["scaling"].append({"n": n, **build_memory.facts()})
    del passages
    folder = workdir / f"lexical-{n}"
    started = time.perf_counter()
    index.save(folder)
    result["save_seconds"] = round(time.perf_counter() - started, 2)
    result["bytes"] = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    result["bytes_per_passage"] = round(result["bytes"] / n, 1)
    questions = [
        "¿Qué inspiró a las Fuerzas de Liberación Nacional?",
        "What did the Zapatistas sell abroad?",
        "coffee cooperatives in Chiapas",
        "Foro de São Paulo members",
        "left-wing alliance Venezuela Cuba",
    ]
    before = index.scores(questions[0])
    result["query"] = percentiles_ms(latencies(scoring(index), np.array(questions * 20), warmup=5))
    del index  # free it before loading the files back
    log(f"lexical {n}: load")
    with PeakRSS() as load_memory:
        loaded = LexicalIndex.load(folder)
    result["load"] = load_memory.facts()
    result["identical_after_load"] = bool(np.array_equal(loaded.scores(questions[0]), before))
    shutil.rmtree(folder)
    return result


WORKERS = {
    "dense": dense_worker,
    "threshold": threshold_worker,
    "alternatives": alternatives_worker,
    "lexical": lexical_worker,
}


# ---------------------------------------------------------------- orchestration


def data_section(sizes: list[int]) -> dict[str, Any]:
    real = real_embeddings()
    synthesizer = Synthesizer(real.passages)
    section: dict[str, Any] = {
        "source": real.source,
        "note": real.note,
        "base_vectors": len(real.passages),
        "real_queries": len(real.queries),
        "noise": synthesizer.noise,
        "noise_rank": synthesizer.rank,
        "real": neighbour_statistics(real.passages),
        "synthetic_same_size": neighbour_statistics(synthesizer.generate(len(real.passages), seed=3)),
    }
    if sizes:
        section["synthetic_100k"] = neighbour_statistics(synthesizer.generate(100_000, seed=4))
    return section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "SCALE.md")
    parser.add_argument("--queries", type=int, default=1000, help="held-out perturbation queries")
    parser.add_argument("--latency-queries", type=int, default=500)
    parser.add_argument("--threshold-sizes", type=int, nargs="*", default=[10_000, 20_000, 50_000, 100_000])
    parser.add_argument("--alternatives-sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--lexical-size", type=int, default=1_000_000, help="0 to skip")
    parser.add_argument("--only", nargs="*", choices=["data", *WORKERS], help="run only these parts")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        import json

        task = json.loads(args.worker)
        finish_worker(WORKERS[task["kind"]](task), args.result)
        return

    parts = set(args.only or ["data", *WORKERS])
    json_path = args.out.parent / "scale.json"
    started = time.perf_counter()
    sections: dict[str, Any] = {}
    real_embeddings()  # build (or reuse) the cached real embeddings once, before the workers start
    with tempfile.TemporaryDirectory(prefix="qa-scale-") as workdir:
        common = {"workdir": workdir, "queries": args.queries, "latency_queries": args.latency_queries}
        if "data" in parts:
            log("data statistics")
            sections["data"] = data_section(args.sizes)
        if "dense" in parts:
            sections["dense"] = [run_worker(SCRIPT, {"kind": "dense", "n": n, **common}) for n in args.sizes]
        if "threshold" in parts and args.threshold_sizes:
            sections["threshold"] = run_worker(SCRIPT, {"kind": "threshold", "sizes": args.threshold_sizes, **common})
        if "alternatives" in parts:
            previous = merge_results(json_path, {}).get("alternatives", {})
            for n in args.alternatives_sizes:
                specs = DEFAULT_ALTERNATIVES if n <= 200_000 else LARGE_ALTERNATIVES
                previous[str(n)] = run_worker(SCRIPT, {"kind": "alternatives", "n": n, "specs": specs, **common})
            sections["alternatives"] = previous
        if "lexical" in parts and args.lexical_size:
            sections["lexical"] = run_worker(SCRIPT, {"kind": "lexical", "n": args.lexical_size, **common})
    sections["environment"] = {
        "cpus": os.cpu_count(),
        "faiss": faiss.__version__,
        "numpy": np.__version__,
        "faiss_batch_threads": dense.BATCH_THREADS,
        "date": time.strftime("%Y-%m-%d"),
    }
    log(f"done in {(time.perf_counter() - started) / 60:.1f} min")
    results = merge_results(json_path, sections)
    results.setdefault("runs", {})[",".join(sorted(parts))] = round((time.perf_counter() - started) / 60, 1)
    merge_results(json_path, {"runs": results["runs"]})
    args.out.write_text(render(results), encoding="utf-8")
    log(f"wrote {args.out} and {json_path}")


if __name__ == "__main__":
    main()
