from qa.sentences import SentenceSplitter, parameters_from_json, parameters_to_json, train_parameters

from .conftest import SEED_DOCUMENT


def test_sentence_spans_are_exact_and_cover_the_text() -> None:
    text = "Mr. Smith went to Washington. He met Dr. Pérez there!\nA new line starts a sentence"
    splitter = SentenceSplitter(train_parameters([text]))
    spans = splitter.spans(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == [
        "Mr. Smith went to Washington.",
        "He met Dr. Pérez there!",
        "A new line starts a sentence",
    ]


def test_spans_respect_a_window_inside_a_larger_text() -> None:
    text = "Ignore this. Sí, claro. ¿Dónde está? Ignore that."
    splitter = SentenceSplitter(train_parameters([text]))
    start = text.index("Sí")
    end = text.index(" Ignore that")
    assert [text[s:e] for s, e in splitter.spans(text, start, end)] == ["Sí, claro.", "¿Dónde está?"]


def test_parameters_survive_json() -> None:
    parameters = train_parameters([SEED_DOCUMENT.read_text(encoding="utf-8")])
    restored = parameters_from_json(parameters_to_json(parameters))
    assert restored.abbrev_types == parameters.abbrev_types
    assert restored.collocations == parameters.collocations
    assert restored.sent_starters == parameters.sent_starters


def test_training_sample_is_bounded_and_cut_at_a_line_break() -> None:
    from qa.sentences import training_sample

    texts = ["a" * 40, "line one\nline two\n" * 10, "never reached"]
    sample = training_sample(texts, limit=100)
    assert sample[0] == texts[0]
    assert sum(map(len, sample)) <= 100
    assert sample[1].endswith("line two") or sample[1].endswith("line one")
    assert texts[1].startswith(sample[1])
    assert len(sample) == 2
    assert training_sample(texts, limit=10**9) == texts
