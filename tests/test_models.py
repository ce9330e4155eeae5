"""The helpers over typed values: moving a passage first."""

from qa.models import Chunk, Hit, moved_first, promoted


def _chunk(doc_id: str, start: int, end: int) -> Chunk:
    return Chunk(f"{doc_id}:{start}-{end}", doc_id, start, end, "x" * (end - start), None, "en", "paragraph")


def _hits(*scores: float) -> list[Hit]:
    return [Hit(_chunk("d", 100 * i, 100 * i + 90), score, i + 1) for i, score in enumerate(scores)]


def test_a_near_tie_is_settled_by_the_answer_sentence() -> None:
    hits = _hits(0.900, 0.895, 0.850)
    first = promoted(hits, "d:100-190", margin=0.01)
    assert [h.chunk.chunk_id for h in first] == ["d:100-190", "d:0-90", "d:200-290"]
    assert [h.rank for h in first] == [1, 2, 3]
    assert [h.score for h in first] == [0.895, 0.900, 0.850]  # scores are kept
    assert promoted(hits, "d:200-290", margin=0.01) is hits  # 0.05 behind: not a tie
    assert promoted(hits, "d:0-90", margin=0.01) is hits  # already first
    assert promoted(hits, "other:0-9", margin=0.01) is hits
    assert promoted(hits, "d:100-190", margin=0.0) is hits


def test_without_a_margin_the_passage_goes_first_whatever_it_scored() -> None:
    hits = _hits(0.900, 0.895, 0.700)
    assert [h.chunk.chunk_id for h in promoted(hits, "d:200-290")] == ["d:200-290", "d:0-90", "d:100-190"]
    assert promoted(hits, "d:0-90") is hits
    assert promoted([], "d:0-90") == []


def test_moved_first_takes_a_hit_from_elsewhere_and_ranks_anew() -> None:
    hits = _hits(0.9, 0.8)
    outsider = Hit(_chunk("e", 0, 9), 0.5, 7)
    moved = moved_first(hits, outsider)
    assert [h.chunk.chunk_id for h in moved] == ["e:0-9", "d:0-90", "d:100-190"]
    assert [h.rank for h in moved] == [1, 2, 3]
