import json
from dataclasses import replace
from pathlib import Path

import pytest

from qa import index as store
from qa.embed import HashingEmbedder
from qa.engine import Engine
from qa.errors import IndexCorrupt, IndexMismatch, IndexMissing
from qa.settings import Settings


def _snapshot_dir(index_dir: Path) -> Path:
    return index_dir / (index_dir / store.POINTER).read_text().strip()


def test_index_folder_holds_plain_files_and_a_manifest(fast_engine: Engine) -> None:
    folder = _snapshot_dir(fast_engine.settings.index_dir)
    names = {p.name for p in folder.iterdir()}
    assert {"manifest.json", "chunks.jsonl", "documents.jsonl", "dense.faiss", "embeddings.npy", "lexical"} <= names
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["format_version"] == store.FORMAT_VERSION
    assert manifest["model"]["id"] == "hashing"
    assert manifest["model"]["dimension"] == 64
    assert manifest["chunking"]["max_chars"] == fast_engine.settings.chunk_max_chars
    assert manifest["corpus_fingerprint"]
    assert manifest["dense_index"]["type"]
    assert set(manifest["files"]) >= {"chunks.jsonl", "dense.faiss"}


def test_the_acronyms_the_corpus_defines_are_stored_with_the_snapshot(fast_engine: Engine) -> None:
    folder = _snapshot_dir(fast_engine.settings.index_dir)
    stored = json.loads((folder / "acronyms.json").read_text(encoding="utf-8"))
    assert stored["MST"] == {"long_form": "Landless Workers Movement", "lang": "en"}
    assert fast_engine.snapshot().acronyms["FLN"].lang == "es"  # defined in the Spanish quote


def test_the_countries_each_document_mentions_are_stored_with_the_snapshot(fast_engine: Engine) -> None:
    folder = _snapshot_dir(fast_engine.settings.index_dir)
    stored = json.loads((folder / "countries.json").read_text(encoding="utf-8"))
    assert set(stored) == set(fast_engine.snapshot().documents)
    mentioned = {code for codes in stored.values() for code in codes}
    assert {"MX", "VE", "CU", "RU", "CN", "BR", "ZM", "TR"} <= mentioned
    assert "AR" not in mentioned and "CO" not in mentioned  # gold's unanswerable questions' countries
    assert fast_engine.snapshot().countries == frozenset(mentioned)


def test_unknown_countries_stay_unknown_through_a_save(fast_engine: Engine, tmp_path: Path) -> None:
    # None turns the rule that uses them off; an empty set would refuse every question naming a country
    snapshot = replace(fast_engine.snapshot(), document_countries=None)
    store.write_snapshot(tmp_path, snapshot)
    assert not (_snapshot_dir(tmp_path) / "countries.json").exists()
    assert store.load_snapshot(tmp_path).countries is None


def test_loaded_chunks_round_trip_offsets(fast_engine: Engine) -> None:
    snapshot = fast_engine.snapshot()
    assert len(snapshot.chunks) > 20
    for chunk in snapshot.chunks:
        assert snapshot.documents[chunk.doc_id].text[chunk.start : chunk.end] == chunk.text


def test_missing_index_says_how_to_build_it(fast_settings: Settings) -> None:
    with pytest.raises(IndexMissing, match="qa index"):
        Engine(fast_settings, embedder=HashingEmbedder()).snapshot()


def test_model_mismatch_names_what_differs(fast_engine: Engine) -> None:
    other = Engine(fast_engine.settings, embedder=HashingEmbedder(dimension=32))
    with pytest.raises(IndexMismatch, match=r"model\.fingerprint: index has 'hashing-64', settings want 'hashing-32'"):
        other.snapshot()


def test_chunking_mismatch_names_the_parameter(fast_engine: Engine) -> None:
    settings = fast_engine.settings.model_copy(update={"chunk_max_chars": 400})
    with pytest.raises(
        IndexMismatch, match=r"chunking\.max_chars: index has 700, settings want 400.*qa index --rebuild"
    ):
        Engine(settings, embedder=HashingEmbedder()).snapshot()


def test_stale_corpus_is_reported_and_reindex_embeds_only_what_changed(fast_engine: Engine) -> None:
    assert fast_engine.status().stale is False
    new = fast_engine.settings.corpus_dir / "nuevo.md"
    new.write_text("# Café de Chiapas\n\nLa cooperativa vende café orgánico a Europa desde 1998.", encoding="utf-8")
    assert fast_engine.status().stale is True
    stats = fast_engine.build_index()
    assert stats is not None
    assert 0 < stats.embedded < 10 < stats.reused
    assert fast_engine.status().stale is False
    assert "nuevo" in fast_engine.snapshot().documents
    assert fast_engine.build_index() is None  # up to date: nothing to do


def test_truncated_file_is_reported_with_the_file_and_the_fix(fast_engine: Engine) -> None:
    folder = _snapshot_dir(fast_engine.settings.index_dir)
    target = folder / "dense.faiss"
    target.write_bytes(target.read_bytes()[:100])
    with pytest.raises(IndexCorrupt, match=r"dense\.faiss.*qa index --rebuild"):
        Engine(fast_engine.settings, embedder=HashingEmbedder()).snapshot()


def test_corrupt_manifest_is_reported(fast_engine: Engine) -> None:
    (_snapshot_dir(fast_engine.settings.index_dir) / "manifest.json").write_text("{not json")
    with pytest.raises(IndexCorrupt, match=r"manifest\.json"):
        Engine(fast_engine.settings, embedder=HashingEmbedder()).snapshot()


def test_rebuild_publishes_a_new_snapshot_and_readers_pick_it_up(fast_engine: Engine) -> None:
    before = fast_engine.snapshot()
    fast_engine.build_index(rebuild=True)
    after = fast_engine.snapshot()
    assert after is not before
    assert after.path != before.path
    snapshots = [p for p in (fast_engine.settings.index_dir / store.SNAPSHOTS).iterdir()]
    assert len(snapshots) <= 2 and not any(p.name.startswith(".tmp") for p in snapshots)
