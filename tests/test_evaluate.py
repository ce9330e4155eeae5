"""Reading gold files: a line that would be scored as something other than what it says is refused."""

import json
from pathlib import Path
from typing import Any

import pytest

from qa.engine import Engine
from qa.errors import InvalidInput
from qa.evaluate import Span, evaluate, gold_question, load_gold, relevant

GOOD = {"id": "q1", "lang": "es", "kind": "answerable", "question": "¿Qué es el ALBA?", "evidence": ["ALBA"]}


def write(path: Path, *records: Any) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_good_file_is_read(tmp_path: Path) -> None:
    unanswerable = {"id": 2, "kind": "unanswerable", "question": "Who painted it?", "evidence": [], "tags": []}
    crosslingual = {**GOOD, "id": "q3", "tags": ["crosslingual"]}
    questions = load_gold(write(tmp_path / "gold.jsonl", GOOD, "", unanswerable, crosslingual))
    assert [(q.id, q.answerable, q.crosslingual, q.lang) for q in questions] == [
        ("q1", True, False, "es"),
        ("2", False, False, "en"),
        ("q3", True, True, "es"),
    ]
    assert questions[0].evidence == ("ALBA",)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({**GOOD, "kind": "answerble"}, "'kind' must be 'answerable' or 'unanswerable'"),
        ({**GOOD, "evidence": "ALBA"}, "'evidence' must be a list of non-empty strings"),
        ({**GOOD, "evidence": [""]}, "'evidence' must be a list of non-empty strings"),
        ({**GOOD, "evidence": []}, "an answerable question needs evidence"),
        ({**GOOD, "kind": "unanswerable"}, "an unanswerable one has none"),
        ({**GOOD, "question": "  "}, "'question' must be a string with words in it"),
        ({**GOOD, "question": "???"}, "'question' must be a string with words in it"),
        ({**GOOD, "lang": "EN"}, "'lang' must be one of"),
        ({**GOOD}, "the id 'q1' is used twice"),
        ({**GOOD, "tags": "crosslingual"}, "'tags' must be a list"),
        ({"question": "¿Qué?", "evidence": ["ALBA"]}, "missing 'id'"),
        (["not", "an", "object"], "expected an object"),
        ("{oops", "invalid JSON"),
    ],
)
def test_a_bad_line_is_refused_with_its_number(tmp_path: Path, record: Any, message: str) -> None:
    path = write(tmp_path / "gold.jsonl", GOOD, record)
    with pytest.raises(InvalidInput) as raised:
        load_gold(path)
    assert f"{path}:2:" in str(raised.value) and message in str(raised.value)


def test_a_file_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes((json.dumps(GOOD) + "\n").encode("utf-8-sig"))
    assert [q.id for q in load_gold(path)] == ["q1"]


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="holds no questions"):
        load_gold(write(tmp_path / "empty.jsonl", ""))


def test_a_passage_is_relevant_when_it_holds_half_the_evidence_or_more() -> None:
    spans = [Span("doc", 100, 200)]
    assert relevant("doc", 150, 400, spans)  # 50 of the evidence's 100 characters
    assert not relevant("doc", 160, 400, spans)
    assert not relevant("other", 100, 200, spans)


def test_questions_of_several_sets_sharing_an_id_are_refused(fast_engine: Engine) -> None:
    # evidence is kept by id: the second question would be scored against the first one's evidence
    first = gold_question({**GOOD, "evidence": ["ALBA"]})
    second = gold_question({**GOOD, "question": "¿Qué es el MST?", "evidence": ["MST"]})
    with pytest.raises(InvalidInput, match="used more than once: q1"):
        evaluate(fast_engine, [first, second])
