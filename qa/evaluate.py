"""`qa eval`: retrieval (ranx), answer accuracy and abstention, by language and cross-linguality.

Scoring rule (../shared/eval/README.md): a passage or citation is relevant when it overlaps an
evidence span by at least half of the shorter of the two. A question counts as retrieved at k
when a relevant passage is among its first k (so Recall@k is the hit rate and MRR@10 the mean
reciprocal rank of the first relevant passage).
"""

from __future__ import annotations

import json
import statistics
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa.engine import Engine
from qa.errors import InvalidInput
from qa.language import SUPPORTED_LANGS
from qa.lexical import has_words
from qa.models import Answer, Document, Hit

RETRIEVAL_METRICS = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10")
RELEVANT = "__relevant__"


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    lang: str
    answerable: bool
    question: str
    evidence: tuple[str, ...]
    crosslingual: bool


@dataclass(frozen=True)
class Span:
    doc_id: str
    start: int
    end: int


def load_gold(path: Path) -> list[GoldQuestion]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from None
    questions: dict[str, GoldQuestion] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            question = gold_question(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{path}:{number}: invalid JSON ({exc.msg})") from None
        except KeyError as exc:
            raise InvalidInput(f"{path}:{number}: not a gold question (missing {exc})") from None
        except (TypeError, ValueError) as exc:
            raise InvalidInput(f"{path}:{number}: not a gold question ({exc})") from None
        if question.id in questions:  # scores are kept by id: the second would replace the first
            raise InvalidInput(f"{path}:{number}: the id {question.id!r} is used twice")
        questions[question.id] = question
    if not questions:
        raise InvalidInput(f"{path} holds no questions")
    return list(questions.values())


def gold_question(record: Any) -> GoldQuestion:
    """One line of a gold file (../shared/eval/README.md), checked: a misspelt kind or an answerable
    question without evidence would otherwise be scored as something else, silently."""
    if not isinstance(record, dict):
        raise TypeError("expected an object")
    kind = record.get("kind", "answerable")
    if kind not in ("answerable", "unanswerable"):
        raise ValueError(f"'kind' must be 'answerable' or 'unanswerable', not {kind!r}")
    question, evidence, tags = record["question"], record.get("evidence", []), record.get("tags", [])
    if not isinstance(question, str) or not has_words(question):
        raise ValueError("'question' must be a string with words in it")
    lang = record.get("lang", "en")
    if lang not in SUPPORTED_LANGS:
        raise ValueError(f"'lang' must be one of {', '.join(sorted(SUPPORTED_LANGS))}, not {lang!r}")
    if not isinstance(evidence, list) or not all(isinstance(e, str) and e for e in evidence):
        raise ValueError("'evidence' must be a list of non-empty strings")
    if (kind == "answerable") != bool(evidence):
        raise ValueError("an answerable question needs evidence, an unanswerable one has none")
    if not isinstance(tags, list):
        raise ValueError("'tags' must be a list")
    return GoldQuestion(
        id=str(record["id"]),
        lang=lang,
        answerable=kind == "answerable",
        question=question,
        evidence=tuple(evidence),
        crosslingual="crosslingual" in tags,
    )


def locate(evidence: str, documents: dict[str, Document]) -> Span:
    for document in documents.values():
        start = document.text.find(evidence)
        if start >= 0:
            return Span(document.doc_id, start, start + len(evidence))
    raise InvalidInput(f"evidence not found in the indexed corpus: {evidence[:80]!r}")


def relevant(doc_id: str, start: int, end: int, spans: list[Span]) -> bool:
    for span in spans:
        shared = min(end, span.end) - max(start, span.start)
        if span.doc_id == doc_id and shared > 0 and shared >= 0.5 * min(end - start, span.end - span.start):
            return True
    return False


def evaluate(engine: Engine, gold: list[GoldQuestion], k: int = 10) -> dict[str, Any]:
    """``gold``'s questions searched, answered and scored. Evidence and runs are kept by id, so ids
    must be unique: sets joined together may repeat one (load_gold refuses it within a file)."""
    repeated = _repeated_ids(gold)
    if repeated:
        raise InvalidInput(f"question ids must be unique; used more than once: {', '.join(repeated[:5])}")
    documents = engine.snapshot().documents
    spans = {q.id: [locate(e, documents) for e in q.evidence] for q in gold}
    questions = [q.question for q in gold]
    searches = engine.search_many(questions, k=k)
    answers = engine.ask_many(questions)
    rows = [_row(q, hits, answer, spans[q.id]) for q, hits, answer in zip(gold, searches, answers, strict=True)]
    groups: dict[str, Callable[[dict[str, Any]], bool]] = {
        "all": lambda r: True,
        "question_en": lambda r: r["lang"] == "en",
        "question_es": lambda r: r["lang"] == "es",
        "crosslingual": lambda r: r["crosslingual"],
        "same_language": lambda r: not r["crosslingual"],
    }
    breakdown = {name: _summary([r for r in rows if keep(r)]) for name, keep in groups.items()}
    chunk_lengths = [length for r in rows for length in r["passage_chars"]]
    return {
        "questions": len(rows),
        "answerable": sum(r["answerable"] for r in rows),
        "median_passage_chars": statistics.median(chunk_lengths) if chunk_lengths else 0,
        "breakdown": breakdown,
        "details": rows,
    }


def _repeated_ids(gold: list[GoldQuestion]) -> list[str]:
    return [question_id for question_id, uses in Counter(q.id for q in gold).items() if uses > 1]


def _row(question: GoldQuestion, hits: list[Hit], answer: Answer, spans: list[Span]) -> dict[str, Any]:
    ranks = [h.rank for h in hits if relevant(h.chunk.doc_id, h.chunk.start, h.chunk.end, spans)]
    cited = any(relevant(c.doc_id, c.start, c.end, spans) for c in answer.citations)
    return {
        "id": question.id,
        "lang": question.lang,
        "answerable": question.answerable,
        "crosslingual": question.crosslingual,
        "first_relevant_rank": ranks[0] if ranks else None,
        "run": {(RELEVANT if h.rank in ranks else h.chunk.chunk_id): 1.0 / h.rank for h in reversed(hits)},
        "answered": answer.answered,
        "correct_citation": cited,
        "confidence": answer.confidence,
        "answer": answer.answer,
        "passage_chars": [h.chunk.end - h.chunk.start for h in hits],
    }


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    abstained = [r for r in rows if not r["answered"]]
    summary: dict[str, Any] = {"questions": len(rows), "answerable": len(answerable)}
    summary.update(_retrieval_metrics(answerable))
    if answerable:
        summary["answer_accuracy"] = sum(r["answered"] and r["correct_citation"] for r in answerable) / len(answerable)
        summary["wrong_abstention_rate"] = sum(not r["answered"] for r in answerable) / len(answerable)
    if unanswerable:
        summary["abstention_recall"] = sum(not r["answered"] for r in unanswerable) / len(unanswerable)
    if abstained:
        summary["abstention_precision"] = sum(not r["answerable"] for r in abstained) / len(abstained)
    return summary


def _retrieval_metrics(rows: list[dict[str, Any]]) -> dict[str, float]:
    if not rows:
        return {}
    from ranx import Qrels, Run
    from ranx import evaluate as ranx_evaluate

    qrels = Qrels({r["id"]: {RELEVANT: 1} for r in rows})
    run = Run({r["id"]: r["run"] or {"__none__": 0.0} for r in rows})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numba's type-safety chatter
        scores = ranx_evaluate(qrels, run, list(RETRIEVAL_METRICS), make_comparable=True)
    return {metric: round(float(value), 4) for metric, value in scores.items()}


def format_report(report: dict[str, Any]) -> str:
    columns = [
        *RETRIEVAL_METRICS,
        "answer_accuracy",
        "wrong_abstention_rate",
        "abstention_recall",
        "abstention_precision",
    ]
    header = f"{'group':<15}{'n':>4} " + " ".join(f"{c.replace('_', ' ')[:12]:>12}" for c in columns)
    lines = [header]
    for name, summary in report["breakdown"].items():
        cells = " ".join(f"{summary[c]:>12.3f}" if c in summary else f"{'-':>12}" for c in columns)
        lines.append(f"{name:<15}{summary['questions']:>4} {cells}")
    lines.append(f"median passage length: {report['median_passage_chars']} characters")
    misses = [r["id"] for r in report["details"] if r["answerable"] and r["first_relevant_rank"] != 1]
    wrong = [r["id"] for r in report["details"] if r["answerable"] and not (r["answered"] and r["correct_citation"])]
    lines.append(f"not first: {', '.join(misses) or 'none'}; answer not correct: {', '.join(wrong) or 'none'}")
    return "\n".join(lines)
