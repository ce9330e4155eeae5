"""The dense (FAISS) index over L2-normalised rows (inner product = cosine), chosen from the corpus size.

Below ``threshold`` vectors the index is exact (``IndexFlatIP``): at 50,000 vectors one query takes
about 3 ms and the answer is perfect. From ``threshold`` on it is an inverted file with 8-bit scalar
quantisation (``IVF{nlist},SQ8``, inner product): about 400 bytes per vector instead of 1,536,
recall@10 about 0.97 against exact search and about 1 ms per query at a million vectors (measured in
docs/SCALE.md with ``bench/scale.py``; HNSW, IVF-PQ, IVF-Flat and SQ6 were compared there too).
The description returned by ``build`` records the type and every parameter, and goes into the
snapshot manifest. ``nprobe`` is stored in the index file too, so ``load`` restores it without
help; a description passed to ``load`` overrides it.

Files are memory-mapped on load (the IVF lists and the flat codes), so opening a snapshot is
instant and several processes share one copy in the page cache.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import faiss
import numpy as np

DEFAULT_THRESHOLD = 50_000
"""Exact search below this many vectors, approximate (IVF-SQ8) from it on."""
TRAIN_SAMPLE = 100_000
"""Rows sampled (deterministically) to train the k-means lists and the scalar quantiser."""
TRAIN_SEED = 1234
KMEANS_ITERATIONS = 10
LIST_SCALE = 2.0
"""nlist is the power of two nearest to ``LIST_SCALE * sqrt(n)``: 512 at 100k, 2048 at 1M vectors."""
PROBE_FRACTION = 64
MIN_PROBE = 32
"""nprobe = max(MIN_PROBE, nlist / PROBE_FRACTION): 32 at 100k and 1M vectors (recall@10 ~0.97, ~1 ms)."""
MIN_POINTS_PER_LIST = 39  # faiss's own minimum of training points per k-means centroid
CANDIDATE_FACTOR = 4
"""A search for k results probes enough lists to hold CANDIDATE_FACTOR * k vectors on average."""
SINGLE_QUERY_THREADS = 1
"""One OpenMP thread for a lone query: IVF search parallelises over queries, so a second thread
cannot help; exact search splits its scan, but waking and joining the second thread made single
queries up to 3x slower on a busy two-core machine (measured in docs/SCALE.md)."""
BATCH_THREADS = faiss.omp_get_max_threads()

EXACT = "flat-ip"
APPROXIMATE = "ivf-sq8"
# Inverted-file indexes map their lists (OnDiskInvertedLists over the file); flat ones map their
# codes (IO_FLAG_MMAP_IFC). The two flags cannot be combined: the IVF one needs a plain file reader.
_MMAP_IVF = faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY
_MMAP_CODES = faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY


def nlist_for(n: int) -> int:
    """Number of inverted lists for ``n`` vectors: ~2 sqrt(n), a power of two, each list trainable."""
    if n <= 0:
        return 1
    target = 2 ** round(math.log2(LIST_SCALE * math.sqrt(n)))
    most = max(1, min(n, TRAIN_SAMPLE) // MIN_POINTS_PER_LIST)
    return int(max(1, min(target, 2 ** int(math.log2(most)))))


def nprobe_for(nlist: int) -> int:
    return int(min(nlist, max(MIN_PROBE, nlist // PROBE_FRACTION)))


def build(
    vectors: np.ndarray,
    threshold: int = DEFAULT_THRESHOLD,
    *,
    nlist: int | None = None,
    nprobe: int | None = None,
    train_sample: int = TRAIN_SAMPLE,
    seed: int = TRAIN_SEED,
) -> tuple[faiss.Index, dict[str, Any]]:
    """An index over L2-normalised rows, with its description for the manifest.

    Exact below ``threshold`` rows, IVF-SQ8 from it on; ``nlist``/``nprobe`` default from the size.
    """
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dimension = vectors.shape
    lists = nlist or nlist_for(n)
    if n < max(threshold, 1) or lists < 2:
        exact = faiss.IndexFlatIP(dimension)
        if n:
            exact.add(vectors)
        return exact, _describe(exact, threshold)
    index = faiss.index_factory(dimension, f"IVF{lists},SQ8", faiss.METRIC_INNER_PRODUCT)
    ivf = faiss.extract_index_ivf(index)  # the same object, typed as an IVF index; `index` keeps it alive
    ivf.cp.seed = seed
    ivf.cp.niter = KMEANS_ITERATIONS
    ivf.cp.spherical = True  # centroids on the unit sphere, like the vectors
    sample = _training_sample(vectors, train_sample, seed)
    index.train(sample)
    index.add(vectors)
    ivf.nprobe = nprobe or nprobe_for(lists)
    description = _describe(index, threshold)
    description.update(train_sample=len(sample), train_seed=seed, kmeans_iterations=KMEANS_ITERATIONS)
    return index, description


def _training_sample(vectors: np.ndarray, size: int, seed: int) -> np.ndarray:
    if len(vectors) <= size:
        return vectors
    rows = np.sort(np.random.default_rng(seed).choice(len(vectors), size=size, replace=False))
    return vectors[rows]


def describe(index: faiss.Index, threshold: int | None = None) -> dict[str, Any]:
    """The type and search parameters of ``index`` (as loaded), for status output and checks."""
    return _describe(index, threshold)


def _describe(index: faiss.Index, threshold: int | None) -> dict[str, Any]:
    common = {"metric": "inner_product", "vectors": int(index.ntotal), "dimension": int(index.d)}
    if threshold is not None:
        common["threshold"] = int(threshold)
    ivf = faiss.try_extract_index_ivf(index)
    if ivf is None:
        return {"type": EXACT, "factory": "Flat", "exact": True, **common, "mmap": True}
    return {
        "type": APPROXIMATE,
        "factory": f"IVF{ivf.nlist},SQ8",
        "exact": False,
        **common,
        "nlist": int(ivf.nlist),
        "nprobe": int(ivf.nprobe),
        "scalar_quantizer": "QT_8bit (per-dimension range)",
        "by_residual": bool(ivf.by_residual),
        "spherical_kmeans": True,
        "candidate_factor": CANDIDATE_FACTOR,
        "single_query_threads": SINGLE_QUERY_THREADS,
        "mmap": True,
    }


def search(index: faiss.Index, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(scores, positions) each of shape (len(queries), k'); positions of -1 are padding.

    On an IVF index a large ``k`` probes more lists (enough for ``CANDIDATE_FACTOR * k`` vectors on
    average), up to all of them, so that a caller widening its search (a filter hiding most
    neighbours) eventually gets every vector, as from the exact index.
    """
    k = min(k, int(index.ntotal))
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    if queries.ndim == 1:
        queries = queries[None, :]
    if k <= 0 or len(queries) == 0:
        empty = np.zeros((len(queries), max(k, 0)))
        return empty.astype(np.float32), empty.astype(np.int64) - 1
    params = None
    ivf = faiss.try_extract_index_ivf(index)
    if ivf is not None:
        wanted = math.ceil(CANDIDATE_FACTOR * k * ivf.nlist / max(1, index.ntotal))
        params = faiss.SearchParametersIVF()
        params.nprobe = int(min(ivf.nlist, max(ivf.nprobe, wanted)))
    threads = SINGLE_QUERY_THREADS if len(queries) == 1 else BATCH_THREADS
    previous = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(threads)  # per calling thread (an OpenMP ICV), so safe under a thread pool
    try:
        scores, positions = index.search(queries, k, params=params)
    finally:
        faiss.omp_set_num_threads(previous)
    return scores, positions


def save(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load(path: Path, description: dict[str, Any] | None = None, mmap: bool = True) -> faiss.Index:
    """Read an index written by ``save``; memory-mapped (read-only) unless ``mmap`` is False.

    ``nprobe`` comes from the file; a manifest description passed as ``description`` overrides it.
    """
    flags = 0
    if mmap:
        with open(path, "rb") as handle:
            fourcc = handle.read(4)
        flags = _MMAP_IVF if fourcc.startswith(b"Iw") else _MMAP_CODES  # "Iw..": an IndexIVF* header
    index = faiss.read_index(str(path), flags)
    ivf = faiss.try_extract_index_ivf(index)
    lists = faiss.downcast_InvertedLists(ivf.invlists) if ivf is not None and ivf.invlists is not None else None
    if isinstance(lists, faiss.OnDiskInvertedLists):
        # The mapped lists start 32 prefetch threads per search by default: +2-3 ms a query, for
        # pages that are in the page cache anyway (measured in docs/SCALE.md).
        lists.prefetch_nthread = 0
    if ivf is not None and description and description.get("nprobe"):
        ivf.nprobe = int(description["nprobe"])
    return index
