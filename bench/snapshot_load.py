"""How fast does a snapshot's chunk metadata open at 100k and 1M chunks, and what does a query pay?

    .venv/bin/python bench/snapshot_load.py [--chunks 100000 1000000] [--out docs/SNAPSHOT.md]

Writes synthetic documents and chunks (700-character windows of four sentences, one sentence of
overlap, as the chunker makes them) with the project's own ``qa.chunk_table.write``, then, each in a
fresh process with a warm page cache:
- ``ChunkTable.open`` (what ``qa.index.load_snapshot`` does now), then the first 30 random reads
  (a query's candidates), then a ``position`` lookup and a ``mask`` filter;
- the format-1 way for comparison: every record parsed into a ``Chunk`` plus the chunk-id and
  sentence-row dictionaries built at load.
``documents.jsonl`` is loaded in both (the documents' text is what chunk text is sliced from).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.chunk_table import ChunkTable, sentence_rows, write
from qa.models import Chunk, Document

CHUNKS_PER_DOCUMENT = 25
SENTENCE = "La cooperativa {n} exportó café orgánico a Europa y firmó acuerdos con sindicatos en 1998. "


def make_corpus(chunks: int) -> tuple[dict[str, Document], list[Chunk]]:
    documents: dict[str, Document] = {}
    table: list[Chunk] = []
    for d in range(-(-chunks // CHUNKS_PER_DOCUMENT)):
        sentences = [SENTENCE.format(n=f"{d}-{s}") for s in range(3 * CHUNKS_PER_DOCUMENT + 1)]
        spans, at = [], 0
        for sentence in sentences:
            spans.append((at, at + len(sentence) - 1))
            at += len(sentence)
        doc_id = f"doc-{d}"
        documents[doc_id] = Document(doc_id, "".join(sentences), f"Document {d}", f"{doc_id}.md")
        for c in range(min(CHUNKS_PER_DOCUMENT, chunks - len(table))):
            window = tuple(spans[3 * c : 3 * c + 4])  # four sentences, the last shared with the next chunk
            start, end = window[0][0], window[-1][1]
            table.append(
                Chunk(f"{doc_id}:{start}-{end}", doc_id, start, end, "", f"Section {c // 5}", "es", "paragraph",
                      f"Document {d}\nSection {c // 5}", window)
            )  # fmt: skip
    return documents, table


def prepare(folder: Path, chunks: int) -> dict[str, Any]:
    started = time.perf_counter()
    documents, table = make_corpus(chunks)
    with open(folder / "documents.jsonl", "w", encoding="utf-8") as handle:
        for document in documents.values():
            handle.write(json.dumps(vars(document), ensure_ascii=False) + "\n")
    write(ChunkTable.from_chunks(table, documents), folder / "chunks.jsonl", folder / "chunk_table.npy")
    return {
        "chunks": chunks,
        "documents": len(documents),
        "write_s": round(time.perf_counter() - started, 1),
        "chunks_jsonl_mb": round((folder / "chunks.jsonl").stat().st_size / 2**20, 1),
        "chunk_table_mb": round((folder / "chunk_table.npy").stat().st_size / 2**20, 1),
        "documents_jsonl_mb": round((folder / "documents.jsonl").stat().st_size / 2**20, 1),
    }


def worker(folder: Path, how: str) -> None:
    def rss_mb() -> float:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    before = rss_mb()
    started = time.perf_counter()
    with open(folder / "documents.jsonl", encoding="utf-8") as handle:
        documents = {r["doc_id"]: Document(**r) for r in map(json.loads, handle)}
    documents_s = time.perf_counter() - started
    started = time.perf_counter()
    if how == "table":
        table = ChunkTable.open(folder / "chunks.jsonl", folder / "chunk_table.npy", documents)
        count = len(table)
    else:
        with open(folder / "chunks.jsonl", encoding="utf-8") as handle:
            parsed = []
            for line in handle:
                record = json.loads(line)
                record.pop("sentence_rows")
                record["sentences"] = tuple(tuple(span) for span in record["sentences"])
                parsed.append(Chunk(text=documents[record["doc_id"]].text[record["start"] : record["end"]], **record))
        positions = {chunk.chunk_id: i for i, chunk in enumerate(parsed)}
        rows = sentence_rows(parsed)
        count = len(positions) + 0 * len(rows)
    chunks_s = time.perf_counter() - started
    result = {"documents_s": documents_s, "chunks_s": chunks_s, "rss_mb": rss_mb() - before, "count": count}
    if how == "table":
        picks = random.Random(7).sample(range(count), 30)
        started = time.perf_counter()
        for position in picks:
            table[position]
            table.sentence_rows_at(position)
        result["first_30_reads_ms"] = (time.perf_counter() - started) * 1000
        target = table[picks[0]].chunk_id
        fresh = ChunkTable.open(folder / "chunks.jsonl", folder / "chunk_table.npy", documents)
        started = time.perf_counter()
        assert fresh.position(target) == picks[0]
        result["position_lookup_ms"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        fresh.mask("es", "doc-3")
        result["mask_ms"] = (time.perf_counter() - started) * 1000
    print(json.dumps(result))


def measure(folder: Path, how: str, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, __file__, "--worker", how, "--folder", str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {key: round(sorted(s[key] for s in samples)[len(samples) // 2], 3) for key in samples[0]}


def report(rows: list[dict[str, Any]]) -> str:
    lines = [
        "# Opening a snapshot's chunks",
        "",
        "Written by `.venv/bin/python bench/snapshot_load.py` (synthetic chunks of 4 sentences, 25 per document; "
        "fresh process per measurement, warm page cache, median of 3). *Format 1* parsed every record of "
        "`chunks.jsonl` into a `Chunk` and built the chunk-id and sentence-row dictionaries at load; "
        "*format 2* (`qa.chunk_table`) maps the file and reads a byte-offset and filter-column table "
        "(`chunk_table.npy`), parsing a record when a query first looks at it.",
        "",
        "| chunks | documents | chunks.jsonl MiB | chunk_table.npy MiB | load documents s | format 1: chunks s "
        "| format 1: RSS +MiB | format 2: open s | format 2: RSS +MiB | 30 random reads ms | id lookup ms "
        "| lang+doc filter ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        old, new = r["format_1"], r["format_2"]
        lines.append(
            f"| {r['chunks']:,} | {r['documents']:,} | {r['chunks_jsonl_mb']} | {r['chunk_table_mb']} "
            f"| {new['documents_s']} | {old['chunks_s']} | {old['rss_mb']:.0f} | {new['chunks_s']} "
            f"| {new['rss_mb']:.0f} | {new['first_30_reads_ms']} | {new['position_lookup_ms']} | {new['mask_ms']} |"
        )
    lines += [
        "",
        "RSS includes the documents' text (the corpus itself, which chunk text is sliced from). "
        "The id lookup is the cold path of `GET /passages/{chunk_id}` (a vectorised scan of the columns); "
        "chunks already read are found in a dictionary.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "SNAPSHOT.md")
    parser.add_argument("--worker", choices=["table", "parse"])
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.worker:
        worker(args.folder, args.worker)
        return
    rows = []
    for chunks in args.chunks:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            row = prepare(folder, chunks)
            print(f"{chunks:,} chunks written in {row['write_s']} s", file=sys.stderr)
            row["format_2"] = measure(folder, "table", args.runs)
            row["format_1"] = measure(folder, "parse", args.runs)
            print(json.dumps(row), file=sys.stderr)
            rows.append(row)
    args.out.write_text(report(rows), encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
