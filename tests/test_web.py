"""The web page in Debian's headless Chromium, against the real app, model and index.

The server runs under uvicorn in a background thread on a free loopback port. Screenshots of the
main states are saved to docs/screenshots/ for the README and for a human to look at."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from qa.api import create_app
from qa.engine import Engine
from qa.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.model]

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("QA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OIL_FOR_DOCTORS = "What did Venezuela give Cuba in exchange for the doctors?"
DOCTORS_ES = "¿Cuántos médicos y dentistas cubanos recibió Venezuela?"
OUT_OF_CORPUS = "What is the GDP of Argentina?"
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def base_url(real_settings: Settings, real_engine: Engine) -> Iterator[str]:
    # A socket bound here, before the thread starts, means no race for the port.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(create_app(real_settings, real_engine), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 300
        while True:
            assert thread.is_alive(), "the server thread died at start-up"
            try:
                if httpx.get(f"{url}/ready", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server was not ready after 300 s"
            time.sleep(0.1)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: install Debian's package with `apt-get install -y chromium` "
            "(or run `bash scripts/setup.sh --browser`). Never `playwright install`: it downloads a browser build.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing: `.venv/bin/pip install -e '.[dev]'`", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _a_problem(message: Any) -> bool:
    # A question the API refuses (422) is logged by the browser as a failed resource: the page shows
    # the refusal itself (test_a_refused_question_is_explained_beside_the_box), so it is no error.
    return bool(message.type == "error" and "status of 422" not in message.text)


@pytest.fixture
def page_factory(browser: Any, base_url: str) -> Iterator[Any]:
    """Pages that fail the test on any script error or any request that leaves the server."""
    contexts: list[Any] = []
    problems: list[str] = []

    def new_page(width: int = 1280, height: int = 900) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=base_url)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)

        def only_local(route: Any) -> None:
            if route.request.url.startswith(base_url):
                route.continue_()
            else:
                problems.append(f"request to {route.request.url}")
                route.abort()

        context.route("**/*", only_local)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if _a_problem(m) else None)
        return page

    yield new_page
    for context in contexts:
        context.close()
    assert not problems, problems


@pytest.fixture
def page(page_factory: Any) -> Any:
    return page_factory()


def ask(page: Any, question: str) -> None:
    page.goto("/")
    page.get_by_label("Your question").fill(question)
    page.get_by_label("Your question").press("Enter")
    page.wait_for_selector("#results[aria-busy=false] .card")


def screenshot(page: Any, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def in_viewport(page: Any, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            """element => {
        const box = element.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
    }""",
        )
    )


def api_answer(base_url: str, question: str) -> dict[str, Any]:
    response = httpx.post(f"{base_url}/ask", json={"question": question}, timeout=60)
    response.raise_for_status()
    answer: dict[str, Any] = response.json()
    return answer


def test_english_question_shows_the_answer_and_a_highlighted_citation(page: Any, base_url: str) -> None:
    ask(page, OIL_FOR_DOCTORS)
    expected = api_answer(base_url, OIL_FOR_DOCTORS)
    assert expected["answered"]
    answer = page.locator("#answer-text")
    assert answer.is_visible()
    assert answer.inner_text().replace("[1]", "").strip().startswith(expected["citations"][0]["quote"].strip()[:60])
    assert "Confidence" in page.locator(".answer .confidence").inner_text()
    mark = page.locator(".passage mark").first
    assert mark.is_visible()
    assert mark.inner_text() == expected["citations"][0]["quote"]
    # The [1] marker jumps to the passage card it quotes.
    page.locator("#answer-text a.cite").first.click()
    quoted = expected["citations"][0]["chunk_id"]
    card = f"#passage-{next(p['rank'] for p in expected['passages'] if p['chunk_id'] == quoted)}"
    page.wait_for_function(f"location.hash === '{card}'")
    assert page.locator(card).locator("mark").count() >= 1
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "answer-en")


def test_spanish_question_is_answered(page: Any) -> None:
    ask(page, DOCTORS_ES)
    assert page.locator("#answer-text").is_visible()
    assert "31,000" in page.locator("#answer-text").inner_text()
    assert page.locator(".passage mark").first.is_visible()
    screenshot(page, "answer-es")


def test_a_citation_opens_the_document_at_the_quoted_span(page: Any, base_url: str) -> None:
    ask(page, OIL_FOR_DOCTORS)
    citation = api_answer(base_url, OIL_FOR_DOCTORS)["citations"][0]
    link = page.locator("#source-1 a")
    assert link.get_attribute("href") == (
        f"/documents/{citation['doc_id']}/view#chars={citation['start']}-{citation['end']}"
    )
    link.click()
    page.wait_for_selector("#doc-text mark#cited")
    assert page.locator("#cited").inner_text() == citation["quote"]
    page.wait_for_function("""() => {
        const box = document.getElementById('cited').getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
    }""")
    assert in_viewport(page, "#cited")
    assert page.evaluate("document.activeElement.id") == "cited"
    assert page.evaluate("getComputedStyle(document.getElementById('doc-text')).whiteSpace") == "pre-wrap"
    full_text = httpx.get(f"{base_url}/documents/{citation['doc_id']}").json()["text"]
    assert page.evaluate("document.getElementById('doc-text').textContent") == full_text
    screenshot(page, "document-view")
    # The way back leads to the same question.
    page.get_by_role("link", name="Back to the question").click()
    page.wait_for_selector("#answer-text")
    assert page.get_by_label("Your question").input_value() == OIL_FOR_DOCTORS


def test_an_out_of_corpus_question_shows_not_found_and_the_nearest_passages(page: Any) -> None:
    ask(page, OUT_OF_CORPUS)
    assert page.locator("#not-found").is_visible()
    assert "Not in the corpus" in page.locator("#not-found h2").inner_text()
    assert page.locator("#answer-text").count() == 0
    assert page.locator("#passages-title").inner_text() == "Nearest passages"
    assert page.locator(".passage").count() >= 1
    assert page.locator(".passage mark").count() == 0
    screenshot(page, "not-found")


def test_a_refused_question_is_explained_beside_the_box(page: Any) -> None:
    # The box once cut a pasted question at 2,000 characters without a word, and asked the rest.
    page.goto("/")
    question = "Why " + "very " * 500 + "long?"
    page.get_by_label("Your question").fill(question)
    page.get_by_label("Your question").press("Enter")
    page.wait_for_selector("#form-error:not([hidden])")
    assert "longer than 2000 characters" in page.locator("#form-error").inner_text()
    assert page.get_by_label("Your question").input_value() == question


def test_asking_the_same_question_again_adds_no_history_entry(page: Any) -> None:
    ask(page, OIL_FOR_DOCTORS)
    length = page.evaluate("history.length")
    page.get_by_label("Your question").press("Enter")
    page.wait_for_selector("#results[aria-busy=false] .card")
    assert page.evaluate("history.length") == length
    ask_again = "¿Qué es el ALBA?"
    page.get_by_label("Your question").fill(ask_again)
    page.get_by_label("Your question").press("Enter")
    page.wait_for_selector("#results[aria-busy=false] .card")
    page.get_by_label("Your question").fill("typed but never asked")
    page.go_back()
    page.wait_for_function(f"document.getElementById('question').value === {OIL_FOR_DOCTORS!r}")


def test_keyboard_only(page: Any) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "question"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type(OIL_FOR_DOCTORS)
    page.keyboard.press("Enter")
    page.wait_for_selector("#answer-text")
    # Onwards from the box: the button, the examples, then the citation marker, all reachable by Tab.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cite')"):
            break
    else:
        pytest.fail("the citation marker cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash.startsWith('#passage-')")
    # An empty question is refused with a message, not sent.
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator("#form-error").inner_text() == "Type a question first."
    page.fill("#question", "?!")
    page.keyboard.press("Enter")
    assert page.locator("#form-error").inner_text() == "Type a question with words in it."


def test_a_375px_screen_has_no_horizontal_scroll(page_factory: Any) -> None:
    page = page_factory(width=375, height=812)
    ask(page, OIL_FOR_DOCTORS)
    assert page.locator("#answer-text").is_visible()
    no_overflow = "document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(no_overflow)
    box = page.locator("#ask-button").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "mobile")
    page.locator("#source-1 a").click()
    page.wait_for_selector("#doc-text mark#cited")
    assert page.evaluate(no_overflow)


def test_text_is_escaped_and_offsets_count_code_points(page: Any) -> None:
    page.goto("/")
    result = page.evaluate("""async () => {
        const m = await import('/static/common.js');
        // Python offsets: "😀" is one code point but two UTF-16 units.
        const text = '😀 <img src=x onerror="window.pwned=1"> and 𝔸𝔹 end';
        const {fragment} = m.highlighted(text, [{start: 2, end: 38}, {start: 43, end: 45}]);
        const box = document.createElement('div');
        box.append(fragment);
        return {
            marks: [...box.querySelectorAll('mark')].map(mark => mark.textContent),
            images: box.querySelectorAll('img').length,
            slice: m.sliceCodePoints('a😀b𝔸c', 1, 4),
        };
    }""")
    assert result == {"marks": ['<img src=x onerror="window.pwned=1">', "𝔸𝔹"], "images": 0, "slice": "😀b𝔸"}
