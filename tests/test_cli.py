"""The CLI through its real entry point, in a subprocess: exit codes and output as a user sees them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEED_ID = "left-wing-alliance-of-latin-america"


def run_qa(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "qa", *args], capture_output=True, text=True, env=env, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"qa {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A fast corpus index built with the hashing embedder (QA_MODEL=hashing)."""
    root = Path(__file__).resolve().parent.parent
    index_dir = tmp_path_factory.mktemp("cli") / "index"
    environment = dict(os.environ, QA_MODEL="hashing", QA_CORPUS_DIR=str(root / "corpus"), QA_INDEX_DIR=str(index_dir))
    run_qa("index", env=environment)
    return environment


def test_index_reports_up_to_date(env: dict[str, str]) -> None:
    result = json.loads(run_qa("index", "--json", env=env).stdout)
    assert result["updated"] is False and result["documents"] == 1 and result["chunks"] > 20


def test_search_json_shape_and_exact_text(env: dict[str, str]) -> None:
    result = json.loads(run_qa("search", "Zapatista coffee", "-k", "3", "--json", env=env).stdout)
    assert result["query"] == "Zapatista coffee"
    assert len(result["hits"]) == 3
    text = (Path(env["QA_CORPUS_DIR"]) / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    for rank, hit in enumerate(result["hits"], start=1):
        assert set(hit) == {"rank", "chunk_id", "doc_id", "start", "end", "score", "lang", "section", "text"}
        assert hit["rank"] == rank
        assert hit["text"] == text[hit["start"] : hit["end"]]


def test_search_batch_writes_one_line_per_question(env: dict[str, str], tmp_path: Path) -> None:
    batch = tmp_path / "questions.jsonl"
    batch.write_text(
        '{"id": "a", "question": "coffee"}\n\n{"id": 7, "question": "¿Vía Campesina?"}\n', encoding="utf-8"
    )
    lines = run_qa("search", "--json", "--batch", str(batch), "-k", "2", env=env).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["a", 7]
    assert all(len(r["hits"]) == 2 for r in records)


def test_ask_json_shape(env: dict[str, str], tmp_path: Path) -> None:
    result = json.loads(run_qa("ask", "Café Libertad Aroma Zapatista Germany", "--json", env=env).stdout)
    assert set(result) == {"question", "answered", "answer", "confidence", "citations", "passages"}
    assert 0.0 <= result["confidence"] <= 1.0
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "x", "question": "coffee"}\n', encoding="utf-8")
    record = json.loads(run_qa("ask", "--json", "--batch", str(batch), env=env).stdout)
    assert record["id"] == "x" and "answered" in record


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("search", "hello", "-k", "0"), "k must be between 1 and 50"),
        (("search", "   "), "give a question"),
        (("search", "hello", "--lang", "xx"), "unknown lang"),
        (("search", "--batch", "/no/such/file.jsonl"), "cannot read"),
        (("search", "--no-such-option"), "No such option"),
        (("eval", "/no/such/gold.jsonl"), "cannot read"),
        (("ask", "?!.,;"), "the question has no words"),
        (("search", "..."), "the question has no words"),
        (("serve", "--port", "70000"), "--port"),
        (("serve", "--port", "0"), "--port"),
    ],
)
def test_bad_arguments_exit_2_with_one_line_and_no_traceback(
    env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    result = run_qa(*args, env=env, check=False)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_bad_batch_line_names_the_line(env: dict[str, str], tmp_path: Path) -> None:
    batch = tmp_path / "bad.jsonl"
    batch.write_text('{"id": 1, "question": "ok"}\n{oops\n', encoding="utf-8")
    result = run_qa("search", "--batch", str(batch), env=env, check=False)
    assert result.returncode == 2 and f"{batch}:2: invalid JSON" in result.stderr


def test_every_batch_line_is_checked_before_any_is_answered(env: dict[str, str], tmp_path: Path) -> None:
    batch = tmp_path / "late.jsonl"
    good = "".join(json.dumps({"id": n, "question": "coffee"}) + "\n" for n in range(40))
    batch.write_text(good + '{"id": 40, "question": "???"}\n', encoding="utf-8")
    result = run_qa("search", "--json", "--batch", str(batch), env=env, check=False)
    assert result.returncode == 2 and f"{batch}:41: the question has no words" in result.stderr
    assert result.stdout == ""  # not the first 32 answers, then an error


def test_a_batch_file_may_start_with_a_byte_order_mark(env: dict[str, str], tmp_path: Path) -> None:
    batch = tmp_path / "bom.jsonl"
    batch.write_bytes('{"id": "a", "question": "café"}\n'.encode("utf-8-sig"))
    lines = run_qa("search", "--json", "--batch", str(batch), "-k", "1", env=env).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a"]


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("QA_CORS_ORIGINS", "example.org", "QA_CORS_ORIGINS: must be JSON"),
        ("QA_INDEX_DIR", "{file}", "QA_INDEX_DIR: {file} is a file, not a folder"),
        ("QA_CORPUS_DIR", "{file}/corpus", "QA_CORPUS_DIR: {file} is a file, not a folder"),
    ],
)
def test_a_setting_that_cannot_work_names_its_key(
    env: dict[str, str], tmp_path: Path, variable: str, value: str, message: str
) -> None:
    file = tmp_path / "a-file"
    file.write_text("not a folder", encoding="utf-8")
    for command in (("status",), ("index",)):
        result = run_qa(*command, env=dict(env, **{variable: value.format(file=file)}), check=False)
        assert result.returncode == 2, result.stderr
        assert message.format(file=file) in result.stderr and "Traceback" not in result.stderr
    assert file.read_text(encoding="utf-8") == "not a folder"


def test_missing_index_and_bad_setting_exit_2(env: dict[str, str], tmp_path: Path) -> None:
    result = run_qa("search", "x", env=dict(env, QA_INDEX_DIR=str(tmp_path / "none")), check=False)
    assert result.returncode == 2 and "run `qa index`" in result.stderr
    result = run_qa("search", "x", env=dict(env, QA_TOP_K="lots"), check=False)
    assert result.returncode == 2 and "QA_TOP_K" in result.stderr
    assert "Traceback" not in result.stderr
    # a dictionary folder set by hand must hold the dictionaries
    for command in (("ask", "¿Quién?"), ("serve", "--port", "1")):
        result = run_qa(*command, env=dict(env, QA_DICTIONARY_DIR=str(tmp_path)), check=False)
        assert result.returncode == 2 and "QA_DICTIONARY_DIR" in result.stderr, command
        assert "dict-freedict-eng-spa" in result.stderr and "Traceback" not in result.stderr
        # and Apertium's modes folder set by hand must hold its modes
        result = run_qa(*command, env=dict(env, QA_APERTIUM_MODES_DIR=str(tmp_path)), check=False)
        assert result.returncode == 2 and "QA_APERTIUM_MODES_DIR" in result.stderr, command
        assert "apertium-eng-spa" in result.stderr and "Traceback" not in result.stderr


def test_status_names_the_dictionaries_or_none(env: dict[str, str]) -> None:
    status = json.loads(run_qa("status", "--json", env=env).stdout)
    assert status["documents"] == 1 and status["stale"] is False
    translations = status["translations"]
    assert translations is None or ("freedict-eng-spa" in translations["source"] and translations["terms"] > 0)
    assert json.loads(run_qa("status", "--json", env=dict(env, QA_DICTIONARY_DIR="")).stdout)["translations"] is None
    machine = status["machine_translation"]
    assert machine is None or machine.startswith("apertium spa-eng, eng-spa")
    off = json.loads(run_qa("status", "--json", env=dict(env, QA_APERTIUM_MODES_DIR="")).stdout)
    assert off["machine_translation"] is None


def test_stale_index_warns(env: dict[str, str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text about coffee.", encoding="utf-8")
    local = dict(env, QA_CORPUS_DIR=str(corpus), QA_INDEX_DIR=str(tmp_path / "index"))
    run_qa("index", env=local)
    (corpus / "b.txt").write_text("More text about tea.", encoding="utf-8")
    assert "corpus changed" in run_qa("search", "coffee", env=local).stderr
