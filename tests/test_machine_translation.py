import gc
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import qa.engine
from qa.asked import without_set_aside
from qa.embed import HashingEmbedder
from qa.engine import Engine
from qa.errors import ConfigError
from qa.lexical import tokens
from qa.machine_translation import (
    DIRECTIONS,
    Pipeline,
    QuestionTranslator,
    _stop_processes,
    check_translator,
    load_translator,
    pipeline_commands,
    plain_text,
    stream_text,
    translation_terms,
)
from qa.settings import load_settings

DEBIAN_MODES = Path("/usr/share/apertium/modes")
HAVE_APERTIUM = load_translator(DEBIAN_MODES) is not None
needs_apertium = pytest.mark.skipif(
    not HAVE_APERTIUM, reason="Debian's apertium-eng-spa is missing (scripts/setup.sh installs it)"
)

# A stand-in for an Apertium pipeline: reads NUL-ended units and answers each in capitals, NUL-ended,
# as a null-flushed pipeline does; "hang" is never answered and "exit" ends the program.
_UPPER = r"""
import sys
unit = b""
while True:
    byte = sys.stdin.buffer.read(1)
    if not byte:
        break
    if byte != b"\0":
        unit += byte
        continue
    if b"exit" in unit:
        break
    if b"hang" not in unit:
        sys.stdout.buffer.write(unit.upper() + b"\0")
        sys.stdout.buffer.flush()
    unit = b""
"""


def _fake_modes(folder: Path, program: str = "sed") -> Path:
    """Modes that run ``program``: by default GNU sed, which reads and writes NUL-ended units with -z
    (as pipeline_commands adds) and passes each text through, unbuffered."""
    folder.mkdir(parents=True)
    for direction, _ in DIRECTIONS.values():
        (folder / f"{direction}.mode").write_text(f"{program} -u 's/^/{direction} /'\n", encoding="utf-8")
    return folder


def test_a_mode_files_commands_are_null_flushed_and_mark_no_unknown_word() -> None:
    mode = (
        "lt-proc '/d/spa-eng.automorf.bin' | apertium-tagger -g $2 '/d/spa-eng.prob' | "
        "lt-proc -b '/d/a b/spa-eng.autobil.bin' | lt-proc $1 '/d/spa-eng.autogen.bin'\n"
    )
    assert pipeline_commands(mode) == [
        ["lt-proc", "-z", "/d/spa-eng.automorf.bin"],
        ["apertium-tagger", "-z", "-g", "/d/spa-eng.prob"],
        ["lt-proc", "-z", "-b", "/d/a b/spa-eng.autobil.bin"],
        ["lt-proc", "-z", "-n", "/d/spa-eng.autogen.bin"],
    ]
    with pytest.raises(ValueError, match="empty command"):
        pipeline_commands("lt-proc x | | cat")


def test_a_question_is_escaped_for_apertiums_stream_and_its_translation_read_back() -> None:
    escaped = "¿Qué es \\<el\\> MST? Y \\$5 \\[a\\/b\\]"
    assert stream_text("¿Qué es <el> MST?\nY $5 [a/b]\0") == escaped.encode() + b"\n\0"
    assert plain_text(b"What is \\<the\\> MST? And \\$5\n") == "What is <the> MST? And $5"


def test_a_translations_terms_are_those_the_question_does_not_have_already() -> None:
    terms = translation_terms("¿Con qué partido colabora el MST?", "With which party collaborates the MST?", "en")
    assert terms == tokens("which party collaborates", "en")  # "MST" is the question's own term


def test_a_pipeline_answers_each_question_in_turn_and_is_started_once() -> None:
    pipeline = Pipeline([[sys.executable, "-c", _UPPER]])
    try:
        assert pipeline.translate(["hola", "qué tal"]) == ["HOLA", "QUé TAL"]  # bytes in capitals
        started = list(pipeline._processes)
        assert pipeline.translate(["otra"]) == ["OTRA"]
        assert pipeline._processes == started
    finally:
        pipeline.close()
    assert pipeline._processes == []
    assert pipeline.translate(["de nuevo"]) == ["DE NUEVO"]  # closed, it starts again when used
    pipeline.close()


@pytest.mark.parametrize("text", ["hang", "exit"])
def test_a_pipeline_that_fails_is_stopped_for_good_and_retrieval_goes_on_without_it(
    text: str, caplog: pytest.LogCaptureFixture
) -> None:
    pipeline = Pipeline([[sys.executable, "-c", _UPPER]], reply_seconds=0.5)
    with caplog.at_level(logging.WARNING, logger="qa.machine_translation"):
        assert pipeline.translate(["hola", text]) is None
    assert "stopped translating questions" in caplog.text
    assert pipeline._processes == []
    assert pipeline.translate(["hola"]) is None  # not started again
    assert pipeline.failure is not None


def test_a_pipeline_whose_first_program_died_fails_without_a_traceback(caplog: pytest.LogCaptureFixture) -> None:
    pipeline = Pipeline([[sys.executable, "-c", _UPPER], ["cat"]], name="test")
    assert pipeline.translate(["hola"]) == ["HOLA"]
    first = pipeline._processes[0]
    first.kill()
    first.wait()
    with caplog.at_level(logging.WARNING, logger="qa.machine_translation"):
        assert pipeline.translate(["x" * 200_000]) is None  # a broken pipe, with bytes still buffered
    assert "Apertium's test stopped" in caplog.text
    assert pipeline._processes == []


def test_a_pipeline_stops_its_programs_when_collected() -> None:
    pipeline = Pipeline([[sys.executable, "-c", _UPPER]])
    assert pipeline.translate(["hola"]) == ["HOLA"]
    (process,) = pipeline._processes
    del pipeline
    gc.collect()
    assert process.poll() is not None  # killed and reaped, not left waiting for input
    _stop_processes([])  # nothing to stop is fine


def test_a_text_apertium_cannot_take_is_cut_or_replaced_not_fatal() -> None:
    # a lone surrogate cannot be encoded; a huge text would fill the pipes before its reply is read
    assert stream_text("a\ud800b") == b"a?b\n\0"
    assert len(stream_text("palabra " * 100_000)) <= 20_002


def test_a_translator_sends_each_question_to_its_languages_pipeline() -> None:
    translator = QuestionTranslator(
        {"es": Pipeline([[sys.executable, "-c", _UPPER]]), "en": Pipeline([[sys.executable, "-c", "import sys"]])}
    )
    try:
        # the English pipeline exits at once: its questions get None, the Spanish ones their translation
        assert translator.translate(["uno", "one", "dos"], ["es", "en", "es"]) == ["UNO", None, "DOS"]
        assert translator.translate(["three"], ["fr"]) == [None]
    finally:
        translator.close()


def test_a_missing_apertium_is_a_warning_unless_its_folder_was_set_by_hand(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert load_translator(None) is None
    with caplog.at_level(logging.WARNING, logger="qa.machine_translation"):
        assert load_translator(tmp_path / "nowhere") is None
    assert "apertium-eng-spa" in caplog.text
    with pytest.raises(ConfigError, match="QA_APERTIUM_MODES_DIR"):
        load_translator(tmp_path / "nowhere", required=True)
    # the mode files are there, a program they run is not
    folder = _fake_modes(tmp_path / "modes", program="no-such-apertium-program")
    with pytest.raises(ConfigError, match="no-such-apertium-program not found"):
        load_translator(folder, required=True)
    assert load_translator(_fake_modes(tmp_path / "ok"), required=True) is not None


def test_the_engine_finds_apertium_once_and_a_folder_set_by_hand_must_hold_it(tmp_path: Path) -> None:
    off = Engine(load_settings(index_dir=tmp_path / "index", apertium_modes_dir=" "), embedder=HashingEmbedder())
    assert off.translator is None and off.machine_translations(["¿Dónde?"], ["es"]) == {}
    with pytest.raises(ConfigError, match="QA_APERTIUM_MODES_DIR"):
        check_translator(load_settings(index_dir=tmp_path / "index", apertium_modes_dir=tmp_path))
    fake = Engine(
        load_settings(index_dir=tmp_path / "index", apertium_modes_dir=_fake_modes(tmp_path / "m")),
        embedder=HashingEmbedder(),
    )
    assert fake.translator is fake.translator
    assert fake.machine_translations(["¿Dónde?", "Where?", "¿Dónde?"], ["es", "en", "es"]) == {
        "¿Dónde?": "spa-eng ¿Dónde?",
        "Where?": "eng-spa Where?",
    }
    fake.close()
    assert fake.translator is not None and fake.translator.working


def test_the_engines_translated_terms_add_the_translations_words_to_the_dictionaries(tmp_path: Path) -> None:
    engine = Engine(
        load_settings(index_dir=tmp_path / "index", dictionary_dir="", apertium_modes_dir=""),
        embedder=HashingEmbedder(),
    )
    question = "¿Con qué partido colabora el MST?"
    assert engine.translated_terms(question, "es") is None  # neither dictionaries nor Apertium
    assert engine.translated_terms(question, "es", "With which party collaborates the MST?") == tokens(
        "which party collaborates", "en"
    )
    assert engine.translated_terms("Which party?", "en", "¿Qué partido?") == tokens("partido", "es")


@needs_apertium
def test_debians_apertium_translates_questions_both_ways() -> None:
    translator = load_translator(DEBIAN_MODES, required=True)  # required: tried once, both ways
    assert translator is not None and translator.working
    try:
        spanish, english = translator.translate(
            ["¿Con qué partido colabora el MST para lograr sus objetivos?", "How many members does the MST have?"],
            ["es", "en"],
        )
        assert spanish is not None and {"party", "mst"} <= set(spanish.lower().replace("?", " ").split())
        assert english is not None and "miembros" in english.lower()
        # reserved characters and line breaks come through
        (odd,) = translator.translate(["¿Qué es <esto> y $5\n[sí]?"], ["es"])
        assert odd is not None and "<" in odd and "$5" in odd and "\n" not in odd
    finally:
        translator.close()


def test_a_modes_folder_whose_data_is_missing_is_refused_when_set_by_hand(tmp_path: Path) -> None:
    # the programs exist, the data a mode names does not: lt-proc exits at once
    folder = tmp_path / "modes"
    folder.mkdir()
    for direction, _ in DIRECTIONS.values():
        (folder / f"{direction}.mode").write_text(f"lt-proc '{tmp_path}/missing.bin'\n", encoding="utf-8")
    if load_translator(folder) is None:
        pytest.skip("lt-proc is not installed (scripts/setup.sh installs apertium-eng-spa)")
    with pytest.raises(ConfigError, match=r"QA_APERTIUM_MODES_DIR: .* do not translate \(spa-eng: "):
        load_translator(folder, required=True)


class _Bracketing(QuestionTranslator):
    """Translates every question to "[question]" words the question never has: "zzz"."""

    def __init__(self) -> None:
        super().__init__({}, "fake")
        self.asked: list[list[str]] = []

    def translate(self, texts: Sequence[str], langs: Sequence[str]) -> list[str | None]:
        self.asked.append(list(texts))
        return [f"zzz {text}" for text in texts]


def test_the_engine_gives_bm25_the_translations_words_and_the_answer_step_the_dictionaries(
    fast_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _Bracketing()
    fast_engine._translator = (fake,)
    searched: list[Sequence[str]] = []
    real_retrieve = qa.engine.retrieve

    def recording_retrieve(*args: Any) -> Any:
        searched.append(args[-1])  # the translated terms BM25 searches too
        return real_retrieve(*args)

    monkeypatch.setattr(qa.engine, "retrieve", recording_retrieve)
    question = "¿Quién es Marcos, aparte del EZLN?"  # the search leaves out what is set aside
    _, found, _ = fast_engine._retrieve_many([question], None, None, None, aspects=False)
    (item,) = found
    assert searched and "zzz" in searched[0]
    # the searched text, in one call; the answer step's word in common keeps the dictionaries' words
    assert fake.asked == [[without_set_aside(question)]] and without_set_aside(question) != question
    assert "zzz" not in (item.translated_terms or [])
