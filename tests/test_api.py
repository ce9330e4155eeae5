"""The HTTP API through the real app (TestClient runs the lifespan, so start-up loading is exercised).

Fast tests use the HashingEmbedder; `model` tests use the real model and FAISS index."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

import httpx
import numpy as np
import pytest
import uvicorn
from fastapi.testclient import TestClient
from pydantic import SecretStr

import qa.server
from qa.api import create_app
from qa.embed import HashingEmbedder, TextKind
from qa.engine import Engine
from qa.errors import ConfigError
from qa.schema import AnswerOut, DocumentOut, DocumentSummary, PassageOut, SearchOut, answer_out, search_out
from qa.settings import Settings, load_settings
from tests.conftest import CORPUS

DOC_ID = "left-wing-alliance-of-latin-america"
WEB_DIR = Path(__file__).resolve().parent.parent / "qa" / "web"
OIL_FOR_DOCTORS = "What did Venezuela give Cuba in exchange for the doctors?"


# ---------------------------------------------------------------- helpers


class Response(Protocol):
    """What the tests read of a TestClient response (its class depends on the Starlette version)."""

    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> Mapping[str, str]: ...

    @property
    def text(self) -> str: ...

    def json(self) -> Any: ...


def wait_until_loaded(client: TestClient, timeout: float = 60.0) -> Response:
    """/ready once start-up loading has finished, whatever its outcome."""
    deadline = time.monotonic() + timeout
    while not client.app.state.runtime.loaded:  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, f"still loading after {timeout}s"
        time.sleep(0.02)
    return client.get("/ready")


def assert_error(response: Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    error: dict[str, Any] = body["error"]
    return error


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One fast index of the seed corpus for the whole module: the read-only tests share it."""
    index = tmp_path_factory.mktemp("api") / "index"
    Engine(load_settings(corpus_dir=CORPUS, index_dir=index), embedder=HashingEmbedder()).build_index()
    return index


def engine_over(index_dir: Path, **overrides: Any) -> Engine:
    return Engine(load_settings(corpus_dir=CORPUS, index_dir=index_dir, **overrides), embedder=HashingEmbedder())


@pytest.fixture(scope="module")
def engine(index_dir: Path) -> Engine:
    # Threshold 0: the hashing embedder is no judge of relevance, and these tests want answers with citations.
    return engine_over(index_dir, abstain_threshold=0.0)


@pytest.fixture(scope="module")
def client(engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(engine.settings, engine), raise_server_exceptions=False) as client:
        assert wait_until_loaded(client).status_code == 200
        yield client


@pytest.fixture(scope="module")
def document_text(engine: Engine) -> str:
    return engine.document(DOC_ID).text


# ---------------------------------------------------------------- probes


def test_health_is_ok(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_reports_documents_chunks_and_model(client: TestClient, engine: Engine) -> None:
    response = client.get("/ready")
    assert response.status_code == 200
    snapshot = engine.snapshot()
    body = response.json()
    machine = body.pop("machine_translation")
    assert body == {
        "status": "ready",
        "documents": len(snapshot.documents),
        "chunks": len(snapshot.chunks),
        "model": engine.embedder.model_id,
        "translations": engine.translations.source if engine.translations is not None else None,
    }
    # Apertium's pipelines, started by the warm-up, when Debian's apertium-eng-spa is installed
    assert machine is None if engine.translator is None else machine.startswith("apertium spa-eng, eng-spa (")


# ---------------------------------------------------------------- search and ask


def test_get_search_is_the_cli_json(client: TestClient, engine: Engine, document_text: str) -> None:
    response = client.get("/search", params={"q": OIL_FOR_DOCTORS})
    assert response.status_code == 200
    body = response.json()
    # `qa search --json` prints exactly this model (qa.cli.search), so the two cannot drift apart.
    assert body == json.loads(search_out(OIL_FOR_DOCTORS, engine.search(OIL_FOR_DOCTORS)).model_dump_json())
    SearchOut.model_validate(body)
    assert len(body["hits"]) == engine.settings.top_k
    assert [hit["rank"] for hit in body["hits"]] == list(range(1, len(body["hits"]) + 1))
    for hit in body["hits"]:
        assert hit["text"] == document_text[hit["start"] : hit["end"]]


def test_post_search_equals_get_search(client: TestClient) -> None:
    by_get = client.get("/search", params={"q": "Zapatista coffee", "k": 3, "lang": "en", "doc_id": DOC_ID})
    by_post = client.post("/search", json={"question": "Zapatista coffee", "k": 3, "lang": "en", "doc_id": DOC_ID})
    assert by_get.status_code == by_post.status_code == 200
    assert by_get.json() == by_post.json()
    assert len(by_post.json()["hits"]) == 3


def test_search_filters(client: TestClient) -> None:
    hits = client.get("/search", params={"q": "Cuba", "k": 50}).json()["hits"]
    assert 5 < len(hits) <= 50
    spanish = client.get("/search", params={"q": "Cuba", "lang": "es"}).json()["hits"]
    assert spanish and all(hit["lang"] == "es" for hit in spanish)
    filtered = client.get("/search", params={"q": "Cuba", "doc_id": DOC_ID}).json()["hits"]
    assert filtered and all(hit["doc_id"] == DOC_ID for hit in filtered)


def test_ask_is_the_cli_json_with_exact_citations(client: TestClient, engine: Engine, document_text: str) -> None:
    response = client.post("/ask", json={"question": OIL_FOR_DOCTORS})
    assert response.status_code == 200
    body = response.json()
    assert body == json.loads(answer_out(engine.ask(OIL_FOR_DOCTORS)).model_dump_json())
    answer = AnswerOut.model_validate(body)
    assert answer.answered and answer.answer and answer.citations
    for citation in answer.citations:
        assert citation.quote == document_text[citation.start : citation.end]
        assert f"[{citation.n}]" in answer.answer
    assert answer.passages


def test_ask_that_abstains_still_returns_passages(index_dir: Path) -> None:
    engine = engine_over(index_dir, abstain_threshold=1.0)
    with TestClient(create_app(engine.settings, engine)) as client:
        wait_until_loaded(client)
        body = client.post("/ask", json={"question": "What is the GDP of Argentina?", "k": 3}).json()
    assert body["answered"] is False and body["answer"] is None and body["citations"] == []
    assert len(body["passages"]) == 3


def test_a_spanish_question_is_answered(client: TestClient) -> None:
    response = client.post("/ask", json={"question": "¿Cuántos médicos y dentistas cubanos recibió Venezuela?"})
    assert response.status_code == 200
    assert response.json()["question"] == "¿Cuántos médicos y dentistas cubanos recibió Venezuela?"


# ---------------------------------------------------------------- documents and passages


def test_documents_list(client: TestClient, document_text: str) -> None:
    response = client.get("/documents")
    assert response.status_code == 200
    [summary] = [DocumentSummary.model_validate(item) for item in response.json()]
    assert summary.doc_id == DOC_ID and summary.chars == len(document_text)
    assert summary.title == "The Left-Wing Alliance of Latin America Against the West"


def test_document_has_metadata_and_text(client: TestClient, document_text: str) -> None:
    response = client.get(f"/documents/{DOC_ID}")
    assert response.status_code == 200
    document = DocumentOut.model_validate(response.json())
    assert document.text == document_text and document.published == "2021-10-30"


@pytest.mark.parametrize("encode", [False, True], ids=["colon", "percent-encoded"])
def test_passage_by_chunk_id_with_a_colon(client: TestClient, document_text: str, encode: bool) -> None:
    hit = client.get("/search", params={"q": "oil for doctors"}).json()["hits"][0]
    chunk_id = hit["chunk_id"]
    assert ":" in chunk_id
    response = client.get("/passages/" + (chunk_id.replace(":", "%3A") if encode else chunk_id))
    assert response.status_code == 200
    passage = PassageOut.model_validate(response.json())
    assert passage.chunk_id == chunk_id and passage.text == hit["text"] == document_text[passage.start : passage.end]


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/documents/no-such-document", "no document with id 'no-such-document'"),
        (f"/passages/{DOC_ID}:1-2", f"no passage with id '{DOC_ID}:1-2'"),
        ("/passages/nonsense", "no passage with id 'nonsense'"),
        ("/no/such/route", "nothing at /no/such/route"),
        ("/static/missing.js", "nothing at /static/missing.js"),
        ("/search?q=Cuba&doc_id=nope", "no document with id 'nope'"),
    ],
)
def test_not_found(client: TestClient, path: str, message: str) -> None:
    assert assert_error(client.get(path), 404, "not_found")["message"] == message


def test_unknown_document_filter_on_ask_is_404(client: TestClient) -> None:
    assert_error(client.post("/ask", json={"question": "Cuba", "doc_id": "nope"}), 404, "not_found")


LONG = "x" * 2001
INVALID_REQUESTS: list[tuple[str, str, dict[str, Any], str]] = [
    ("GET", "/search", {"params": {"q": ""}}, "q: String should have at least 1 character"),
    ("GET", "/search", {"params": {"q": "   "}}, "the question is empty"),
    ("GET", "/search", {"params": {"q": "?!"}}, "the question has no words"),
    ("GET", "/search?q=%FF%FE", {}, "the query string is not valid UTF-8"),
    ("POST", "/ask", {"json": {"question": "..."}}, "the question has no words"),
    ("POST", "/ask", {"json": {"question": "🙂"}}, "the question has no words"),
    ("GET", "/search", {}, "q: Field required"),
    ("GET", "/search", {"params": {"q": LONG}}, "the question is longer than 2000 characters"),
    ("GET", "/search", {"params": {"q": "Cuba", "k": 0}}, "k: Input should be greater than or equal to 1"),
    ("GET", "/search", {"params": {"q": "Cuba", "k": 51}}, "k: Input should be less than or equal to 50"),
    ("GET", "/search", {"params": {"q": "Cuba", "k": "five"}}, "k: Input should be a valid integer"),
    ("GET", "/search", {"params": {"q": "Cuba", "lang": "xx"}}, "unknown lang 'xx'"),
    ("POST", "/search", {"json": {"question": "  \n\t "}}, "the question is empty"),
    ("POST", "/search", {"json": {"q": "Cuba"}}, "question: Field required"),
    ("POST", "/ask", {"json": {"question": ""}}, "question: String should have at least 1 character"),
    ("POST", "/ask", {"json": {"question": "   "}}, "the question is empty"),
    ("POST", "/ask", {"json": {"question": LONG}}, "the question is longer than 2000 characters"),
    ("POST", "/ask", {"json": {"question": "Cuba", "k": 0}}, "k: Input should be greater than or equal to 1"),
    ("POST", "/ask", {"json": {"question": "Cuba", "k": 51}}, "k: Input should be less than or equal to 50"),
    ("POST", "/ask", {"json": {"question": "Cuba", "k": "5"}}, "k: Input should be a valid integer"),
    ("POST", "/ask", {"json": {"question": "Cuba", "k": True}}, "k: Input should be a valid integer"),
    ("POST", "/ask", {"json": {"question": "Cuba", "k": 2.5}}, "k: Input should be a valid integer"),
    ("POST", "/ask", {"json": {"question": "Cuba", "lang": "klingon"}}, "unknown lang 'klingon'"),
    ("POST", "/ask", {"json": {"question": 42}}, "question: Input should be a valid string"),
    ("POST", "/ask", {"json": {"question": ["Cuba"]}}, "question: Input should be a valid string"),
    ("POST", "/ask", {"json": {"question": "Cuba", "extra": 1}}, "extra: Extra inputs are not permitted"),
    ("POST", "/ask", {"json": ["Cuba"]}, "Input should be a valid dictionary"),
    ("POST", "/ask", {"json": {}}, "question: Field required"),
    (
        "POST",
        "/ask",
        {"content": b'{"question": "Cuba"', "headers": {"Content-Type": "application/json"}},
        "malformed JSON body",
    ),
    ("POST", "/ask", {"content": b"", "headers": {"Content-Type": "application/json"}}, "Field required"),
]


@pytest.mark.parametrize(("method", "path", "request_args", "message"), INVALID_REQUESTS)
def test_invalid_input_is_422_with_a_clear_message(
    client: TestClient, method: str, path: str, request_args: dict[str, Any], message: str
) -> None:
    error = assert_error(client.request(method, path, **request_args), 422, "invalid_input")
    assert message in error["message"]


def test_a_form_body_is_415(client: TestClient) -> None:
    response = client.post("/ask", data={"question": "Cuba"})  # what `curl -d` sends
    assert "Content-Type: application/json" in assert_error(response, 415, "unsupported_media_type")["message"]


def test_wrong_method_is_405(client: TestClient) -> None:
    assert_error(client.delete("/ask"), 405, "method_not_allowed")


def test_unexpected_errors_are_a_bare_500(
    index_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    engine = engine_over(index_dir)

    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret detail /etc/shadow")

    monkeypatch.setattr(engine, "ask_many", explode)
    with TestClient(create_app(engine.settings, engine), raise_server_exceptions=False) as client:
        wait_until_loaded(client)
        response = client.post("/ask", json={"question": "Cuba"})
    error = assert_error(response, 500, "internal_error")
    assert error["message"] == "internal server error"
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert any("RuntimeError" in record.getMessage() for record in caplog.records)


# ---------------------------------------------------------------- readiness


class GatedEmbedder(HashingEmbedder):
    """Holds every embedding until the gate opens: a model that is still loading."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        assert self.gate.wait(timeout=30), "the test never opened the gate"
        return super().embed(texts, kind)


def test_not_ready_while_loading_then_ready(index_dir: Path) -> None:
    embedder = GatedEmbedder()
    engine = Engine(load_settings(corpus_dir=CORPUS, index_dir=index_dir), embedder=embedder)
    try:
        with TestClient(create_app(engine.settings, engine)) as client:
            assert client.get("/health").json() == {"status": "ok"}
            response = client.get("/ready")
            assert "still loading" in assert_error(response, 503, "not_ready")["message"]
            assert response.headers["Retry-After"]
            assert_error(client.get("/search", params={"q": "Cuba"}), 503, "not_ready")
            assert_error(client.post("/ask", json={"question": "Cuba"}), 503, "not_ready")
            assert_error(client.get("/documents"), 503, "not_ready")
            embedder.gate.set()
            assert wait_until_loaded(client).status_code == 200
            assert client.get("/search", params={"q": "Cuba"}).status_code == 200
    finally:
        embedder.gate.set()


def test_a_slow_query_does_not_block_other_requests(index_dir: Path) -> None:
    embedder = GatedEmbedder()
    embedder.gate.set()
    engine = Engine(load_settings(corpus_dir=CORPUS, index_dir=index_dir), embedder=embedder)
    try:
        with TestClient(create_app(engine.settings, engine)) as client:
            wait_until_loaded(client)
            embedder.gate.clear()
            slow = threading.Thread(target=client.get, args=("/search",), kwargs={"params": {"q": "Cuba"}})
            slow.start()
            time.sleep(0.2)  # the search is now parked inside the embedder, in a worker thread
            started = time.monotonic()
            assert client.get("/health").status_code == 200
            assert client.get("/ready").status_code == 200
            assert time.monotonic() - started < 2
            assert slow.is_alive()
            embedder.gate.set()
            slow.join(10)
    finally:
        embedder.gate.set()


def test_a_missing_index_is_built_at_start_up(fast_settings: Settings) -> None:
    engine = Engine(fast_settings, embedder=HashingEmbedder())
    assert not (fast_settings.index_dir / "CURRENT").exists()
    with TestClient(create_app(fast_settings, engine)) as client:
        assert wait_until_loaded(client).json()["documents"] == 1
    assert (fast_settings.index_dir / "CURRENT").exists()


def _current_snapshot(index_dir: Path) -> Path:
    return index_dir / (index_dir / "CURRENT").read_text().strip()


def test_a_corrupt_index_is_503_naming_the_file_and_the_fix(fast_engine: Engine) -> None:
    chunks = _current_snapshot(fast_engine.settings.index_dir) / "chunks.jsonl"
    chunks.write_text(chunks.read_text()[:-50] + "garbage!!" * 5 + "\n")
    engine = Engine(fast_engine.settings, embedder=HashingEmbedder())  # a fresh server process
    with TestClient(create_app(engine.settings, engine)) as client:
        error = assert_error(wait_until_loaded(client), 503, "index_corrupt")
        assert str(chunks) in error["message"] and "qa index --rebuild" in error["message"]
        assert client.get("/health").status_code == 200
        assert_error(client.get("/search", params={"q": "Cuba"}), 503, "index_corrupt")
        assert_error(client.get(f"/documents/{DOC_ID}"), 503, "index_corrupt")
        # The fix named in the message heals the running server: no restart needed.
        engine.build_index(rebuild=True)
        assert client.get("/ready").status_code == 200
        assert client.get("/search", params={"q": "Cuba"}).status_code == 200


def test_an_index_built_with_another_model_is_503(fast_engine: Engine) -> None:
    engine = Engine(fast_engine.settings, embedder=HashingEmbedder(dimension=32))
    with TestClient(create_app(engine.settings, engine)) as client:
        error = assert_error(wait_until_loaded(client), 503, "index_mismatch")
        assert str(fast_engine.settings.index_dir) in error["message"] and "qa index --rebuild" in error["message"]
        assert_error(client.post("/ask", json={"question": "Cuba"}), 503, "index_mismatch")


class BrokenEmbedder(HashingEmbedder):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def embed(self, texts: list[str], kind: TextKind) -> np.ndarray:
        raise self.error


def test_a_model_that_cannot_load_is_503_with_its_message(index_dir: Path) -> None:
    embedder = BrokenEmbedder(ConfigError("QA_MODEL: cannot load model 'nope': no such directory"))
    engine = Engine(load_settings(corpus_dir=CORPUS, index_dir=index_dir), embedder=embedder)
    with TestClient(create_app(engine.settings, engine)) as client:
        error = assert_error(wait_until_loaded(client), 503, "config_error")
        assert "QA_MODEL: cannot load model 'nope'" in error["message"]
        assert_error(client.get("/documents"), 503, "config_error")
        assert client.get("/health").status_code == 200


def test_an_unexpected_start_up_failure_is_503_without_details(index_dir: Path) -> None:
    engine = Engine(load_settings(corpus_dir=CORPUS, index_dir=index_dir), embedder=BrokenEmbedder(OSError("/secret")))
    with TestClient(create_app(engine.settings, engine)) as client:
        response = wait_until_loaded(client)
    error = assert_error(response, 503, "not_ready")
    assert "see the server log" in error["message"] and "secret" not in response.text


def test_without_the_lifespan_nothing_is_ready(engine: Engine) -> None:
    client = TestClient(create_app(engine.settings, engine))  # not entered: start-up never ran
    assert client.get("/health").status_code == 200
    assert "still loading" in assert_error(client.get("/ready"), 503, "not_ready")["message"]


# ---------------------------------------------------------------- CORS and the read key


def test_no_cors_by_default(client: TestClient) -> None:
    response = client.get("/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_when_configured(engine: Engine) -> None:
    settings = engine.settings.model_copy(update={"cors_origins": ["http://localhost:5173"]})
    with TestClient(create_app(settings, engine)) as client:
        wait_until_loaded(client)
        allowed = client.get("/documents", headers={"Origin": "http://localhost:5173"})
        assert allowed.headers["access-control-allow-origin"] == "http://localhost:5173"
        preflight = client.options(
            "/ask",
            headers={
                "Origin": "http://localhost:5173",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type,x-api-key",
            },
        )
        assert preflight.status_code == 200
        assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
        other = client.get("/documents", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


@pytest.fixture(scope="module")
def keyed_client(engine: Engine) -> Iterator[TestClient]:
    settings = engine.settings.model_copy(
        update={"read_api_key": SecretStr("read-sesame"), "api_key": SecretStr("admin-sesame")}
    )
    with TestClient(create_app(settings, engine)) as client:
        wait_until_loaded(client)
        yield client


READS: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/search", {"params": {"q": "Cuba"}}),
    ("POST", "/search", {"json": {"question": "Cuba"}}),
    ("POST", "/ask", {"json": {"question": "Cuba"}}),
    ("GET", "/documents", {}),
    ("GET", f"/documents/{DOC_ID}", {}),
]


@pytest.mark.parametrize(("method", "path", "request_args"), READS)
@pytest.mark.parametrize("key", [None, "", "wrong", "read-sesame ", "READ-SESAME", "réad-sésame".encode()])
def test_read_endpoints_need_the_key(
    keyed_client: TestClient, method: str, path: str, request_args: dict[str, Any], key: str | bytes | None
) -> None:
    # As bytes, so that a non-ASCII key reaches the server instead of failing in the client.
    headers = [] if key is None else [(b"X-API-Key", key.encode() if isinstance(key, str) else key)]
    response = keyed_client.request(method, path, headers=headers, **request_args)
    assert_error(response, 401, "unauthorized")


@pytest.mark.parametrize(("method", "path", "request_args"), READS)
@pytest.mark.parametrize("key", ["read-sesame", "admin-sesame"])
def test_read_endpoints_accept_the_read_or_admin_key(
    keyed_client: TestClient, method: str, path: str, request_args: dict[str, Any], key: str
) -> None:
    response = keyed_client.request(method, path, headers={"X-API-Key": key}, **request_args)
    assert response.status_code == 200, response.text


def test_the_key_guards_passages_too(keyed_client: TestClient) -> None:
    hits = keyed_client.get("/search", params={"q": "Cuba"}, headers={"X-API-Key": "read-sesame"}).json()["hits"]
    chunk_id = hits[0]["chunk_id"]
    assert_error(keyed_client.get(f"/passages/{chunk_id}"), 401, "unauthorized")
    assert keyed_client.get(f"/passages/{chunk_id}", headers={"X-API-Key": "read-sesame"}).status_code == 200


@pytest.mark.parametrize("path", ["/health", "/ready", "/", f"/documents/{DOC_ID}/view", "/static/app.js"])
def test_probes_and_pages_stay_open_with_a_key(keyed_client: TestClient, path: str) -> None:
    assert keyed_client.get(path).status_code == 200


# ---------------------------------------------------------------- the page and the docs


def test_the_page_is_served_with_a_strict_policy(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<label for="question"' in response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_document_view_is_a_page_and_the_document_json_stays_json(client: TestClient) -> None:
    view = client.get(f"/documents/{DOC_ID}/view")
    assert view.status_code == 200 and view.headers["content-type"].startswith("text/html")
    assert client.get(f"/documents/{DOC_ID}").headers["content-type"] == "application/json"


@pytest.mark.parametrize("asset", ["app.js", "common.js", "document.js", "style.css", "favicon.svg"])
def test_assets_are_served(client: TestClient, asset: str) -> None:
    response = client.get(f"/static/{asset}")
    assert response.status_code == 200 and response.content == (WEB_DIR / asset).read_bytes()
    assert response.headers["cache-control"] == "no-cache"


def test_html_is_only_served_at_its_routes(client: TestClient) -> None:
    assert_error(client.get("/static/index.html"), 404, "not_found")


@pytest.mark.parametrize("asset", sorted(p.name for p in WEB_DIR.iterdir() if p.suffix in {".html", ".js", ".css"}))
def test_assets_load_nothing_from_elsewhere(asset: str) -> None:
    text = (WEB_DIR / asset).read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//|@import|fonts\.googleapis", text)
    assert "innerHTML" not in text and "insertAdjacentHTML" not in text and "document.write" not in text


def test_openapi_documents_every_endpoint_with_examples_and_errors(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operations = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    assert operations >= {
        ("GET", "/health"),
        ("GET", "/ready"),
        ("GET", "/search"),
        ("POST", "/search"),
        ("POST", "/ask"),
        ("GET", "/documents"),
        ("GET", "/documents/{doc_id}"),
        ("GET", "/passages/{chunk_id}"),
    }
    ask = spec["paths"]["/ask"]["post"]
    assert {"english", "spanish"} <= set(ask["requestBody"]["content"]["application/json"]["examples"])
    assert ask["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/AnswerOut")
    for status in ("401", "404", "422", "503"):
        assert ask["responses"][status]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    assert "X-API-Key" in json.dumps(spec["components"]["securitySchemes"])


def test_the_api_docs_work_offline(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text and "https://" not in page.text.split("<body>")[0]
    for url in re.findall(r"""(?:src|href)=['"]?(/[^'" >]+)""", page.text):
        assert client.get(url).status_code == 200, url


# ---------------------------------------------------------------- qa serve


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000"),
        ("0.0.0.0", "http://127.0.0.1:8000"),
        ("::", "http://[::1]:8000"),
        ("example.org", "http://example.org:8000"),
    ],
)
def test_the_announced_url_is_one_a_browser_can_open(host: str, url: str) -> None:
    assert qa.server.url_of(load_settings(host=host, port=8000)) == url


def serve_in_a_thread(app: Any) -> tuple[Any, threading.Thread, str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = qa.server._Server(config, app.state.runtime, url)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    return server, thread, url


def test_serve_prints_the_url_once_ready(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    server, thread, url = serve_in_a_thread(create_app(engine.settings, engine))
    try:
        deadline = time.monotonic() + 30
        while "ready at" not in (out := capsys.readouterr().out):
            assert time.monotonic() < deadline, "no announcement"
            time.sleep(0.05)
        assert out == f"qa is ready at {url}\n"
        assert httpx.get(f"{url}/ready").status_code == 200
    finally:
        server.should_exit = True
        thread.join(10)


def test_serve_says_why_it_is_not_ready(fast_engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    engine = Engine(fast_engine.settings, embedder=HashingEmbedder(dimension=32))
    server, thread, url = serve_in_a_thread(create_app(engine.settings, engine))
    try:
        deadline = time.monotonic() + 30
        while "not ready" not in (err := capsys.readouterr().err):
            assert time.monotonic() < deadline, "no announcement"
            time.sleep(0.05)
        assert f"qa is listening at {url} but is not ready: the index at" in err and "qa index --rebuild" in err
    finally:
        server.should_exit = True
        thread.join(10)


# ---------------------------------------------------------------- the real model


@pytest.fixture(scope="module")
def real_client(real_settings: Settings, real_engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(real_settings, real_engine)) as client:
        assert wait_until_loaded(client, timeout=300).status_code == 200
        yield client


@pytest.mark.model
def test_real_search_finds_oil_for_doctors_first(real_client: TestClient, real_engine: Engine) -> None:
    body = real_client.get("/search", params={"q": OIL_FOR_DOCTORS}).json()
    first = body["hits"][0]
    assert "oil for doctors" in first["text"] and "100,000 barrels of oil per day" in first["text"]
    assert first["text"] == real_engine.document(first["doc_id"]).text[first["start"] : first["end"]]
    assert real_client.post("/search", json={"question": OIL_FOR_DOCTORS}).json() == body


@pytest.mark.model
def test_real_ask_quotes_the_oil(real_client: TestClient, real_engine: Engine) -> None:
    answer = AnswerOut.model_validate(real_client.post("/ask", json={"question": OIL_FOR_DOCTORS}).json())
    assert answer.answered and answer.answer and "oil" in answer.answer
    for citation in answer.citations:
        assert citation.quote == real_engine.document(citation.doc_id).text[citation.start : citation.end]
    assert answer.passages[0].chunk_id == answer.citations[0].chunk_id


@pytest.mark.model
def test_real_spanish_question(real_client: TestClient) -> None:
    question = "¿Cuántos médicos y dentistas cubanos recibió Venezuela?"
    answer = AnswerOut.model_validate(real_client.post("/ask", json={"question": question}).json())
    assert answer.answered and answer.answer and "31,000" in answer.answer


@pytest.mark.model
def test_real_out_of_domain_question_abstains_with_passages(real_client: TestClient) -> None:
    response = real_client.post("/ask", json={"question": "What is the GDP of Argentina?"})
    answer = AnswerOut.model_validate(response.json())
    assert not answer.answered and answer.answer is None and not answer.citations
    assert answer.passages
