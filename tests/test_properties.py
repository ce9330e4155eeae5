"""Property-based tests: on arbitrary Unicode the parser and chunker never raise, and every offset
round-trips to the exact source text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.chunk import ChunkingParameters, chunk_document
from qa.ingest import make_document, parse
from qa.sentences import SentenceSplitter, train_parameters

SPLITTER = SentenceSplitter(train_parameters(["A first sentence. A second one! ¿Una tercera? Sí."]))
PARAMS = ChunkingParameters(max_chars=120, overlap_sentences=1, quote_max_chars=200)

# Text with the characters the parser cares about: quotes, bullets, headings, blank lines.
structured_text = st.lists(
    st.one_of(
        st.text(min_size=0, max_size=80),
        st.sampled_from(["\n\n", "\n", "“", "”", '"', "• ", "# ", "> ", "- ", ". ", "¿", "?", "\u00a0", "\r\n"]),
    ),
    max_size=40,
).map("".join)


def fixed_language(text: str) -> str:
    return "en"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured_text)
def test_parse_never_raises_and_blocks_round_trip(text: str) -> None:
    document = make_document(text, source="x.txt")
    previous_end = 0
    for block in parse(document, fixed_language):
        assert text[block.start : block.end] == block.text
        assert block.text.strip()
        assert block.start >= previous_end
        previous_end = block.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured_text)
def test_chunks_round_trip_and_sentences_nest(text: str) -> None:
    document = make_document(text, source="x.md")
    chunks = chunk_document(document, parse(document, fixed_language), SPLITTER.spans, PARAMS)
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        assert chunk.sentences
        for start, end in chunk.sentences:
            assert chunk.start <= start < end <= chunk.end
            assert text[start:end].strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_sentence_spans_on_any_text(text: str) -> None:
    for start, end in SPLITTER.spans(text, 0, len(text)):
        assert 0 <= start < end <= len(text)
        assert end - start <= 500
