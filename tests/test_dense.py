"""The dense index: exact below the size threshold, IVF-SQ8 above it; persistence, mmap, edge cases."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np
import pytest

from qa import dense

DIMENSION = 48


def unit(rows: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(rows / np.linalg.norm(rows, axis=1, keepdims=True), dtype=np.float32)


def structured(n: int, seed: int = 0, topics: int = 40) -> np.ndarray:
    """Embedding-like vectors: topic centres sharing a common direction, mixed in pairs, plus noise
    in a low-rank subspace (nearest neighbours at cosine ~0.9, random pairs ~0.6)."""
    rng = np.random.default_rng(seed)
    common = rng.standard_normal(DIMENSION)
    centres = unit(1.5 * common + rng.standard_normal((topics, DIMENSION)))
    subspace = unit(rng.standard_normal((16, DIMENSION)))
    parents = rng.integers(0, topics, size=(n, 2))
    weights = rng.random((n, 1))
    mixed = weights * centres[parents[:, 0]] + (1 - weights) * centres[parents[:, 1]]
    return unit(mixed + 0.1 * rng.standard_normal((n, 16)) @ subspace)


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-(queries @ vectors.T), axis=1, kind="stable")[:, :k]


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(a) & set(b)) / len(b) for a, b in zip(found, truth, strict=True)]))


@pytest.fixture(scope="module")
def corpus() -> np.ndarray:
    return structured(3100)[:3000]


@pytest.fixture(scope="module")
def queries() -> np.ndarray:
    """Held out from the same distribution as the corpus."""
    return structured(3100)[3000:]


@pytest.fixture(scope="module")
def approximate(corpus: np.ndarray) -> tuple[faiss.Index, dict]:
    return dense.build(corpus, threshold=1000)


def test_below_the_threshold_the_index_is_exact(corpus: np.ndarray, queries: np.ndarray) -> None:
    index, description = dense.build(corpus[:500])
    assert description["type"] == dense.EXACT and description["exact"] is True
    assert description["threshold"] == dense.DEFAULT_THRESHOLD
    scores, positions = dense.search(index, queries, 10)
    np.testing.assert_array_equal(positions, exact_top(corpus[:500], queries, 10))
    np.testing.assert_allclose(scores[:, 0], np.max(queries @ corpus[:500].T, axis=1), rtol=1e-5)


def test_above_the_threshold_the_index_is_approximate_with_high_recall(
    corpus: np.ndarray, queries: np.ndarray, approximate: tuple[faiss.Index, dict]
) -> None:
    index, description = approximate
    assert description["type"] == dense.APPROXIMATE and description["exact"] is False
    assert isinstance(index, faiss.IndexIVFScalarQuantizer)
    _, positions = dense.search(index, queries, 10)
    assert recall(positions, exact_top(corpus, queries, 10)) >= 0.9


def test_description_records_type_parameters_and_threshold(approximate: tuple[faiss.Index, dict]) -> None:
    index, description = approximate
    for field in (
        "type",
        "factory",
        "metric",
        "vectors",
        "dimension",
        "threshold",
        "nlist",
        "nprobe",
        "train_sample",
        "train_seed",
        "kmeans_iterations",
        "mmap",
    ):
        assert field in description, field
    assert description["vectors"] == index.ntotal == 3000
    assert description["dimension"] == DIMENSION
    assert description["threshold"] == 1000
    assert description["factory"] == f"IVF{description['nlist']},SQ8"
    assert description["metric"] == "inner_product"
    assert 2 <= description["nprobe"] <= description["nlist"] == faiss.extract_index_ivf(index).nlist


def test_threshold_and_parameters_are_configurable(corpus: np.ndarray) -> None:
    exact, description = dense.build(corpus, threshold=len(corpus) + 1)
    assert description["type"] == dense.EXACT and description["threshold"] == len(corpus) + 1
    assert isinstance(exact, faiss.IndexFlatIP)
    index, description = dense.build(corpus, threshold=1000, nlist=16, nprobe=3)
    ivf = faiss.extract_index_ivf(index)
    assert (description["nlist"], description["nprobe"]) == (ivf.nlist, ivf.nprobe) == (16, 3)


def test_build_is_deterministic(corpus: np.ndarray, queries: np.ndarray, approximate: tuple[faiss.Index, dict]) -> None:
    again, _ = dense.build(corpus, threshold=1000)
    first = dense.search(approximate[0], queries, 10)
    second = dense.search(again, queries, 10)
    np.testing.assert_array_equal(first[1], second[1])
    np.testing.assert_array_equal(first[0], second[0])


@pytest.mark.parametrize("kind", ["exact", "approximate"])
@pytest.mark.parametrize("mmap", [True, False])
def test_save_load_round_trip_gives_identical_results(
    tmp_path: Path,
    corpus: np.ndarray,
    queries: np.ndarray,
    approximate: tuple[faiss.Index, dict],
    kind: str,
    mmap: bool,
) -> None:
    index = dense.build(corpus)[0] if kind == "exact" else approximate[0]
    path = tmp_path / "dense.faiss"
    dense.save(index, path)
    loaded = dense.load(path, mmap=mmap)
    assert type(loaded) is type(index) and loaded.ntotal == index.ntotal
    for batch in (queries, queries[:1]):
        expected = dense.search(index, batch, 10)
        got = dense.search(loaded, batch, 10)
        np.testing.assert_array_equal(got[1], expected[1])
        np.testing.assert_array_equal(got[0], expected[0])
    if kind == "approximate":
        loaded_ivf = faiss.extract_index_ivf(loaded)
        assert loaded_ivf.nprobe == faiss.extract_index_ivf(index).nprobe  # restored from the file
        assert loaded_ivf.invlists is not None
        inverted_lists = faiss.downcast_InvertedLists(loaded_ivf.invlists)
        if mmap:
            assert isinstance(inverted_lists, faiss.OnDiskInvertedLists)
            assert inverted_lists.prefetch_nthread == 0  # no thread start-up per query
        else:
            assert isinstance(inverted_lists, faiss.ArrayInvertedLists)
        assert dense.describe(loaded) == dense.describe(index)


def test_a_description_given_to_load_overrides_nprobe(tmp_path: Path, approximate: tuple[faiss.Index, dict]) -> None:
    index, description = approximate
    dense.save(index, tmp_path / "dense.faiss")
    loaded = dense.load(tmp_path / "dense.faiss", description)
    assert faiss.extract_index_ivf(loaded).nprobe == description["nprobe"]
    overridden = dense.load(tmp_path / "dense.faiss", dict(description, nprobe=5))
    assert faiss.extract_index_ivf(overridden).nprobe == 5


def test_a_mapped_index_survives_removal_of_its_snapshot(
    tmp_path: Path, queries: np.ndarray, approximate: tuple[faiss.Index, dict]
) -> None:
    """Old snapshots are deleted while readers still hold them: the mapping must stay valid."""
    path = tmp_path / "dense.faiss"
    dense.save(approximate[0], path)
    loaded = dense.load(path)
    path.unlink()
    np.testing.assert_array_equal(dense.search(loaded, queries, 10)[1], dense.search(approximate[0], queries, 10)[1])


@pytest.mark.parametrize("threshold", [0, dense.DEFAULT_THRESHOLD])
def test_empty_index(tmp_path: Path, threshold: int) -> None:
    index, description = dense.build(np.zeros((0, DIMENSION), dtype=np.float32), threshold=threshold)
    assert index.ntotal == 0 and description["vectors"] == 0 and description["type"] == dense.EXACT
    scores, positions = dense.search(index, np.ones((2, DIMENSION), dtype=np.float32), 5)
    assert scores.shape == positions.shape == (2, 0)
    dense.save(index, tmp_path / "dense.faiss")
    assert dense.load(tmp_path / "dense.faiss").ntotal == 0


def test_k_larger_than_the_index(
    corpus: np.ndarray, queries: np.ndarray, approximate: tuple[faiss.Index, dict]
) -> None:
    small, _ = dense.build(corpus[:7])
    _, positions = dense.search(small, queries, 50)
    assert positions.shape == (len(queries), 7)
    assert sorted(positions[0]) == list(range(7))
    # On IVF a k as large as the index probes every list: every vector comes back, no padding.
    index, _ = approximate
    _, positions = dense.search(index, queries[:2], 10 * len(corpus))
    assert positions.shape == (2, len(corpus))
    assert sorted(positions[0]) == list(range(len(corpus)))


def test_search_accepts_a_single_vector_and_restores_the_thread_count(approximate: tuple[faiss.Index, dict]) -> None:
    index, _ = approximate
    before = faiss.omp_get_max_threads()
    vector = structured(3101)[-1]
    _, positions = dense.search(index, vector, 3)
    assert positions.shape == (1, 3) and (positions >= 0).all()
    assert faiss.omp_get_max_threads() == before


def test_nlist_grows_with_the_corpus_and_stays_trainable() -> None:
    assert dense.nlist_for(100_000) == 512
    assert dense.nlist_for(1_000_000) == 2048
    for n in (100, 1000, 3000, 50_000, 10_000_000):
        lists = dense.nlist_for(n)
        assert lists & (lists - 1) == 0
        assert min(n, dense.TRAIN_SAMPLE) >= lists * dense.MIN_POINTS_PER_LIST or lists == 1
        assert dense.nprobe_for(lists) <= lists
