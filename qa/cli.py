"""The `qa` command line: a thin shell over the Engine. Errors are mapped to exit code 2 in `main`."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from qa.engine import Engine
from qa.errors import InvalidInput, QAError
from qa.schema import answer_out, document_summary, search_out
from qa.settings import Settings, load_settings

app = typer.Typer(
    help="Offline multilingual semantic search and question answering with cited sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
KOption = Annotated[int | None, typer.Option("-k", "--k", help="Number of passages (1-50).", envvar="QA_TOP_K")]
LangOption = Annotated[str | None, typer.Option("--lang", help="Only passages in this language (en, es...).")]
DocOption = Annotated[str | None, typer.Option("--doc", help="Only passages of this document id.")]
BatchOption = Annotated[
    Path | None, typer.Option("--batch", help='JSONL file of {"id", "question"} lines; writes one JSONL line each.')
]


@app.callback()
def configure(
    ctx: typer.Context,
    corpus_dir: Annotated[Path | None, typer.Option(help="Documents folder.", envvar="QA_CORPUS_DIR")] = None,
    index_dir: Annotated[Path | None, typer.Option(help="Index folder.", envvar="QA_INDEX_DIR")] = None,
    model: Annotated[
        str | None, typer.Option(help="sentence-transformers model name or path.", envvar="QA_MODEL")
    ] = None,
) -> None:
    ctx.obj = load_settings(corpus_dir=corpus_dir, index_dir=index_dir, model=model)


def _engine(ctx: typer.Context) -> Engine:
    settings: Settings = ctx.obj
    if not hasattr(ctx, "_qa_engine"):
        ctx._qa_engine = Engine(settings)  # type: ignore[attr-defined]
    return ctx._qa_engine  # type: ignore[attr-defined]


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")


@app.command("index")
def index_command(
    ctx: typer.Context,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Ignore the existing index and embed everything.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Index the corpus folder (only what changed is embedded again)."""
    engine = _engine(ctx)
    with Progress(
        TextColumn("embedding"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=as_json,
    ) as bar:
        task = bar.add_task("embed", total=None)
        stats = engine.build_index(
            rebuild=rebuild, progress=lambda done, total: bar.update(task, completed=done, total=total)
        )
    status = engine.status()
    result = {
        "updated": stats is not None,
        "path": str(status.path),
        "documents": status.documents,
        "chunks": status.chunks,
    }
    if stats is not None:
        result.update(embedded=stats.embedded, reused=stats.reused, seconds=round(stats.seconds, 2))
    if as_json:
        _print_json(result)
    elif stats is None:
        out.print(f"Index is up to date: {status.documents} documents, {status.chunks} chunks at {status.path}")
    else:
        out.print(
            f"Indexed {stats.documents} documents into {stats.chunks} chunks "
            f"({stats.embedded} texts embedded, {stats.reused} reused) in {stats.seconds:.1f}s -> {status.path}"
        )


@app.command()
def search(
    ctx: typer.Context,
    question: Annotated[str | None, typer.Argument(help="The question or search text.")] = None,
    k: KOption = None,
    lang: LangOption = None,
    doc: DocOption = None,
    batch: BatchOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Rank passages for a question."""
    engine = _engine(ctx)
    if batch is not None:
        _run_batch(
            batch,
            question,
            engine.validate_question,
            lambda qs: [
                search_out(q, hits).model_dump(exclude={"query"})
                for q, hits in zip(qs, engine.search_many(qs, k, lang, doc), strict=True)
            ],
        )
        return
    question = _require_question(question)
    hits = engine.search(question, k, lang, doc)
    if as_json:
        _print_json(search_out(question, hits).model_dump())
    else:
        for hit in hits:
            chunk = hit.chunk
            out.print(
                f"[bold]{hit.rank}.[/bold] {chunk.doc_id} [{chunk.start}:{chunk.end}] {chunk.lang} "
                f"· {chunk.section or '—'} · score {hit.score:.4f}",
                highlight=False,
            )
            out.print(chunk.text, markup=False, highlight=False)
            out.print()
    _warn_if_stale(engine)


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str | None, typer.Argument(help="The question.")] = None,
    k: KOption = None,
    lang: LangOption = None,
    doc: DocOption = None,
    batch: BatchOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Answer a question by quoting the corpus, with citations, or say it is not in the corpus."""
    engine = _engine(ctx)
    if batch is not None:
        _run_batch(
            batch,
            question,
            engine.validate_question,
            lambda qs: [answer_out(a).model_dump() for a in engine.ask_many(qs, k, lang, doc)],
        )
        return
    answer = engine.ask(_require_question(question), k, lang, doc)
    if as_json:
        _print_json(answer_out(answer).model_dump())
    else:
        if answer.answered:
            out.print(answer.answer, markup=False, highlight=False)
            out.print(f"\nconfidence {answer.confidence:.2f}", style="dim")
            for citation in answer.citations:
                out.print(
                    f"[{citation.n}] {citation.doc_id} [{citation.start}:{citation.end}] ({citation.lang})",
                    markup=False,
                    highlight=False,
                )
        else:
            out.print(f"Not in the corpus (confidence {answer.confidence:.2f}). Nearest passages:")
            for hit in answer.passages:
                out.print(
                    f"  {hit.rank}. {hit.chunk.doc_id} [{hit.chunk.start}:{hit.chunk.end}] {hit.chunk.text[:160]}…",
                    markup=False,
                    highlight=False,
                )
    _warn_if_stale(engine)


@app.command()
def status(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Show the index: documents, chunks, model, and whether the corpus changed since it was built."""
    engine = _engine(ctx)
    info = engine.status()
    translations = engine.translations
    result = {
        "path": str(info.path),
        "documents": info.documents,
        "chunks": info.chunks,
        "stale": info.stale,
        "model": info.manifest.get("model"),
        "dense_index": info.manifest.get("dense_index"),
        "translations": None if translations is None else {"source": translations.source, "terms": translations.size},
        "machine_translation": engine.translator_in_use(),
    }
    if as_json:
        _print_json(result)
    else:
        for key, value in result.items():
            out.print(f"{key}: {value}", markup=False, highlight=False)


@app.command()
def documents(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List the indexed documents."""
    docs = [document_summary(d).model_dump() for d in _engine(ctx).snapshot().documents.values()]
    if as_json:
        _print_json(docs)
    else:
        for d in docs:
            out.print(
                f"{d['doc_id']}  {d['title']}  ({d['chars']} chars, {d['source']})", markup=False, highlight=False
            )


@app.command()
def add(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Documents (.txt, .md, .html) to copy into the corpus.")],
    as_json: JsonFlag = False,
) -> None:
    """Add or replace documents: copied into the corpus folder; only their text is embedded."""
    doc_ids, stats = _engine(ctx).add_files(paths)
    if as_json:
        _print_json({"doc_ids": doc_ids, "embedded": stats.embedded, "reused": stats.reused, "chunks": stats.chunks})
    else:
        out.print(f"Added {', '.join(doc_ids)} ({stats.embedded} texts embedded, {stats.reused} reused)")


@app.command()
def remove(
    ctx: typer.Context,
    doc_id: Annotated[str, typer.Argument(help="The id of the document to remove.")],
    as_json: JsonFlag = False,
) -> None:
    """Remove a document from the corpus folder and from both indexes."""
    stats = _engine(ctx).remove(doc_id)
    if as_json:
        _print_json({"removed": doc_id, "documents": stats.documents, "chunks": stats.chunks})
    else:
        out.print(f"Removed {doc_id}; {stats.documents} documents remain")


@app.command("eval")
def evaluate_command(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (see ../shared/eval/README.md).")],
    as_json: JsonFlag = False,
) -> None:
    """Score retrieval, answers and abstention on a gold file, broken down by language."""
    from qa.evaluate import evaluate, format_report, load_gold

    engine = _engine(ctx)
    report = evaluate(engine, load_gold(gold))
    if as_json:
        _print_json(report)
    else:
        sys.stdout.write(format_report(report) + "\n")  # a wide table: never wrapped


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Interface to listen on.", envvar="QA_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="Port (1-65535).", envvar="QA_PORT", min=1, max=65535)] = None,
) -> None:
    """Serve the HTTP API and the web page (builds the index first if there is none)."""
    from qa.bilingual import check_dictionaries
    from qa.machine_translation import check_translator
    from qa.server import run

    settings: Settings = ctx.obj
    check_dictionaries(settings)  # a bad setting: exit 2 now, not a 503 later
    check_translator(settings)
    run(settings.model_copy(update={k: v for k, v in {"host": host, "port": port}.items() if v is not None}))


def _require_question(question: str | None) -> str:
    if question is None or not question.strip():
        raise InvalidInput("give a question (or --batch FILE)")
    return question


def _run_batch(
    path: Path,
    question: str | None,
    validate: Callable[[str], str],
    results: Callable[[list[str]], list[dict[str, Any]]],
) -> None:
    """One JSON line per question of the JSONL file, with its id, in the file's order. Every line is
    checked (``validate``) before the first answer is printed, and an error names its line."""
    for ids, questions in _batches(path, question, validate):
        for item_id, result in zip(ids, results(questions), strict=True):
            _print_json({"id": item_id, **result})


def _batches(
    path: Path, question: str | None, validate: Callable[[str], str], size: int = 32
) -> Iterator[tuple[list[Any], list[str]]]:
    if question is not None:
        raise InvalidInput("give either a question or --batch, not both")
    records: list[tuple[Any, str]] = []
    for number, item_id, text in _read_batch(path):
        if not isinstance(text, str):
            raise InvalidInput(f"{path}:{number}: 'question' must be a non-empty string")
        try:
            records.append((item_id, validate(text)))
        except InvalidInput as exc:
            raise InvalidInput(f"{path}:{number}: {exc}") from None
    for start in range(0, len(records), size):
        batch = records[start : start + size]
        yield [item_id for item_id, _ in batch], [text for _, text in batch]


def _read_batch(path: Path) -> Iterator[tuple[int, Any, Any]]:
    try:
        # utf-8-sig: a byte order mark (as some Windows editors write) is not part of line 1's JSON
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{path}:{number}: invalid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or "question" not in record:
            raise InvalidInput(f"{path}:{number}: expected an object with a 'question' (and an 'id')")
        yield number, record.get("id"), record["question"]


def _warn_if_stale(engine: Engine) -> None:
    try:
        if engine.status().stale:
            err.print("warning: the corpus changed since the index was built; run `qa index`", style="yellow")
    except QAError:
        pass


def main() -> None:
    """Entry point: every qa error and usage error exits 2 with one line, never a traceback."""
    try:
        app(standalone_mode=False)
        code = 0
    except typer.Abort:
        sys.stderr.write("aborted\n")
        code = 130
    except typer.Exit as exc:
        code = exc.exit_code or 0
    except typer.TyperException as exc:
        # usage errors: one plain line, not a wrapped panel, since scripts read it
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        sys.stderr.write(f"error: {message}\n")
        code = 2
    except QAError as exc:
        sys.stderr.write(f"error: {exc}\n")
        code = 2
    except SystemExit as exc:
        # Click exits 1 itself when the reader of stdout goes away (`qa search ... | head -1`)
        code = exc.code if isinstance(exc.code, int) else 1
    except OSError as exc:
        # a path qa was given that cannot be read or written (permissions, a full disk, a file where
        # a folder should be): the system's one line says which
        sys.stderr.write(f"error: {exc}\n")
        code = 2
    except KeyboardInterrupt:
        code = 130
    # Skip the interpreter's teardown: with torch and lingua loaded it takes seconds (docs/BENCHMARKS.md),
    # and everything qa writes is flushed, fsynced and closed by now. Unexpected errors still raise above.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a closed pipe: what was left unwritten has no reader
            stream.flush()
    os._exit(code)
