"""Schemathesis against the app's own OpenAPI schema, in process: whatever it generates from the
schema (valid and invalid input, for every operation, the changing ones included), the app must
never answer 5xx, and every answer must be documented: its status, its content type and its body.

The fast engine keeps it quick; the number of examples per operation is bounded (FUZZ_EXAMPLES)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from pydantic import SecretStr
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from qa.api import create_app
from qa.embed import HashingEmbedder
from qa.engine import Engine
from qa.settings import load_settings
from tests.conftest import CORPUS

KEY = "fuzz-admin-key"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "500"))

# The app exists at import, because @schema.parametrize() needs its schema at collection; its corpus
# and index are made by the fixture below. (schemathesis.pytest.from_fixture would defer all this,
# but it does not work with pytest 9.)
_ROOT = Path(tempfile.mkdtemp(prefix="qa-fuzz-"))
atexit.register(shutil.rmtree, _ROOT, True)
SETTINGS = load_settings(
    corpus_dir=_ROOT / "corpus", index_dir=_ROOT / "index", api_key=SecretStr(KEY), max_upload_bytes=64 * 1024
)
APP = create_app(SETTINGS, Engine(SETTINGS, embedder=HashingEmbedder()))
schema = schemathesis.openapi.from_dict(APP.openapi())
schema.app = APP  # requests go to the app in process, as with schemathesis.openapi.from_asgi


@pytest.fixture(scope="module", autouse=True)
def loaded_app() -> None:
    shutil.copytree(CORPUS, SETTINGS.corpus_dir, dirs_exist_ok=True)
    APP.state.runtime.engine.build_index()
    # Loading the schema through the app starts its lifespan (kept until the process exits).
    served = schemathesis.openapi.from_asgi("/openapi.json", APP)
    assert served.raw_schema == schema.raw_schema
    deadline = time.monotonic() + 60
    while not APP.state.runtime.loaded:
        assert time.monotonic() < deadline, "the app never finished loading"
        time.sleep(0.02)
    assert APP.state.runtime.failure is None and APP.state.runtime.index_problem is None


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    database=None,
)
def test_every_answer_is_documented_and_none_is_a_server_error(case: schemathesis.Case) -> None:
    response = case.call_and_validate(
        headers={"X-API-Key": KEY},
        checks=[
            status_code_conformance,
            content_type_conformance,
            response_headers_conformance,
            response_schema_conformance,
        ],
    )
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text}"
