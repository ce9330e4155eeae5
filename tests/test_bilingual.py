import gzip
import logging
from pathlib import Path

import pytest

from qa.bilingual import (
    DICTIONARIES,
    Translations,
    check_dictionaries,
    dictd_entries,
    first_sense,
    load_translations,
    translation_table,
)
from qa.embed import HashingEmbedder
from qa.engine import Engine
from qa.errors import ConfigError
from qa.lexical import LexicalIndex, tokens
from qa.settings import load_settings

DEBIAN_DICTIONARIES = Path("/usr/share/dictd")
_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(number: int) -> str:
    digits = ""
    while True:
        digits = _BASE64[number % 64] + digits
        number //= 64
        if number == 0:
            return digits


def _write_dictd(directory: Path, name: str, entries: list[tuple[str, str]], edition: str = "0.3.1") -> None:
    """A dictionary in dictd's format, as Debian installs FreeDict's: an index of base-64 offsets
    into a gzip-compressed data file."""
    data, index = b"", []
    for headword, definition in [("00databaseinfo", f"Test dictionary\n\nEdition: {edition}\n"), *entries]:
        body = definition.encode("utf-8")
        index.append(f"{headword}\t{_b64(len(data))}\t{_b64(len(body))}")
        data += body
    (directory / f"{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    (directory / f"{name}.dict.dz").write_bytes(gzip.compress(data))


def _small_dictionaries(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    _write_dictd(
        directory,
        "freedict-spa-eng",
        [
            ("acuerdo", "acuerdo /akwˈeɾðo/\n1. accord, agreement\n2. arrangement\n"),
            ("tierra", "tierra /tjˈera/\nearth, land, soil\n"),
            ("tierra firme", "tierra firme\nmainland\n"),  # two words: not a word's translation
        ],
    )
    _write_dictd(directory, "freedict-eng-spa", [("agreement", "agreement /əgriːmənt/\n1. acuerdo, convenio\n")])
    return directory


def test_dictd_entries_are_read_by_their_index() -> None:
    first = "first /fɜːst/\nprimero\n".encode()  # offsets count bytes, not characters
    data = first + b"second\nsegundo\n"
    index = f"first\t{_b64(0)}\t{_b64(len(first))}\nsecond\t{_b64(len(first))}\t{_b64(len(data) - len(first))}\n"
    assert list(dictd_entries(index, data)) == [("first", "first /fɜːst/\nprimero\n"), ("second", "second\nsegundo\n")]
    with pytest.raises(ValueError, match="index line 1"):
        list(dictd_entries("first only\n", data))
    # dictfmt may keep the original headword in a fourth column
    assert next(dictd_entries(f"first\t{_b64(0)}\t{_b64(len(first))}\tFirst\n", data))[0] == "first"
    with pytest.raises(ValueError, match=r"index line 2: '\?A' is not a base-64 number"):
        list(dictd_entries(f"first\t{_b64(0)}\t{_b64(len(first))}\nsecond\t?A\tB\n", data))
    with pytest.raises(ValueError, match="index line 1: the entry ends at byte"):
        list(dictd_entries(f"first\t{_b64(0)}\t{_b64(len(data) + 1)}\n", data))
    with pytest.raises(ValueError, match="index line 1"):  # not UTF-8
        list(dictd_entries(f"first\t{_b64(0)}\t{_b64(2)}\n", b"\xff\xfe"))


def test_the_first_sense_is_the_first_line_after_the_headword() -> None:
    assert first_sense("acuerdo /akwˈeɾðo/\n1. accord, agreement\n2. arrangement\n") == ["accord", "agreement"]
    assert first_sense("tierra /tjˈera/\nearth, land, soil\n") == ["earth", "land", "soil"]
    assert first_sense("nada\n") == []


def test_the_table_maps_stems_to_stems_of_the_first_sense_only() -> None:
    entries = [
        ("00databaseinfo", "about this dictionary"),
        ("acuerdo", "acuerdo\n1. accord, agreement\n2. arrangement\n"),
        ("acuerdos", "acuerdos\nagreements, deals\n"),  # the same stem: pooled, in dictionary order
        ("tierra firme", "tierra firme\nmainland\n"),
        ("tierra", "tierra\nearth, dry land, soil\n"),  # "dry land" is two words
    ]
    table = translation_table(entries, "es", "en", per_term=3)
    assert table[tokens("acuerdo", "es")[0]] == tuple(tokens("accord agreement deals", "en"))
    assert table[tokens("tierra", "es")[0]] == tuple(tokens("earth soil", "en"))
    assert tokens("arrangement", "en")[0] not in table[tokens("acuerdo", "es")[0]]  # a second sense
    assert len(table) == 2 and "00databaseinfo" not in table
    # the cap holds for the pooled translations; stop words around one content word do not count
    assert translation_table(entries, "es", "en", per_term=1)[tokens("acuerdo", "es")[0]] == ("accord",)
    phrase = translation_table([("a la izquierda", "a la izquierda\nto the left\n")], "es", "en", per_term=4)
    assert phrase == {tokens("izquierda", "es")[0]: tuple(tokens("left", "en"))}


def test_a_question_gets_the_translations_of_its_words_not_its_own_terms() -> None:
    translations = Translations(
        {"es": {"acuerd": ("agreement",), "tierr": ("land", "earth")}, "en": {"land": ("tierr",)}}
    )
    terms = translations.terms("¿Firmaron un acuerdo sobre la tierra?")
    assert terms == ["agreement", "land", "earth"]
    # "land" is the question's own term here: only the Spanish translation is new
    assert translations.terms("Which land did they get?") == ["tierr"]
    # with the question's language, only that language's table: no false friends
    assert translations.terms("Which land did they get?", "en") == ["tierr"]
    assert translations.terms("Which land did they get?", "es") == []
    assert translations.terms("¿Firmaron un acuerdo sobre la tierra?", "en") == []


def test_translations_load_from_a_dictd_folder(tmp_path: Path) -> None:
    folder = _small_dictionaries(tmp_path / "dictd")
    translations = load_translations(folder, per_term=4)
    assert translations is not None
    assert translations.source == "freedict-eng-spa 0.3.1, freedict-spa-eng 0.3.1"
    assert translations.size == 3
    assert tokens("agreement", "en")[0] in translations.terms("¿Hubo un acuerdo?")
    assert load_translations(folder, per_term=0) is None  # turned off
    assert load_translations(None, per_term=4) is None


def test_missing_dictionaries_are_a_warning_unless_the_folder_was_asked_for(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert load_translations(tmp_path, per_term=4) is None
    assert "dict-freedict-eng-spa" in caplog.text
    with pytest.raises(ConfigError, match="QA_DICTIONARY_DIR"):
        load_translations(tmp_path, per_term=4, required=True)
    (tmp_path / "freedict-eng-spa.index").write_text("broken line\n", encoding="utf-8")
    (tmp_path / "freedict-eng-spa.dict.dz").write_bytes(b"not gzip")
    with pytest.raises(ConfigError, match="cannot read the FreeDict dictionary freedict-eng-spa"):
        load_translations(tmp_path, per_term=4, required=True)
    # a damaged or empty dictionary is a warning too, never a traceback
    folder = _small_dictionaries(tmp_path / "damaged")
    data = (folder / "freedict-eng-spa.dict.dz").read_bytes()
    (folder / "freedict-eng-spa.dict.dz").write_bytes(data[:12] + bytes(len(data) - 12))
    assert load_translations(folder, per_term=4) is None
    with pytest.raises(ConfigError, match="freedict-eng-spa"):
        load_translations(folder, per_term=4, required=True)
    folder = _small_dictionaries(tmp_path / "empty")
    (folder / "freedict-spa-eng.index").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"freedict-spa-eng\.index lists no entries"):
        load_translations(folder, per_term=4, required=True)


def test_an_uncompressed_dictionary_is_read_too(tmp_path: Path) -> None:
    folder = _small_dictionaries(tmp_path / "dictd")
    compressed = folder / "freedict-spa-eng.dict.dz"
    (folder / "freedict-spa-eng.dict").write_bytes(gzip.decompress(compressed.read_bytes()))
    compressed.unlink()
    translations = load_translations(folder, per_term=4, required=True)
    assert translations is not None and tokens("agreement", "en")[0] in translations.terms("¿Un acuerdo?", "es")


def test_the_engine_reads_the_dictionaries_once_and_a_folder_set_by_hand_must_hold_them(tmp_path: Path) -> None:
    folder = _small_dictionaries(tmp_path / "dictd")
    engine = Engine(load_settings(index_dir=tmp_path / "index", dictionary_dir=folder), embedder=HashingEmbedder())
    assert engine.translations is engine.translations
    assert engine.translated_terms("¿Un acuerdo?", "es") == tokens("accord agreement", "en")
    off = Engine(load_settings(index_dir=tmp_path / "index", dictionary_dir=" "), embedder=HashingEmbedder())
    assert off.translations is None and off.translated_terms("¿Un acuerdo?", "es") is None
    wrong = Engine(load_settings(index_dir=tmp_path / "index", dictionary_dir=tmp_path), embedder=HashingEmbedder())
    with pytest.raises(ConfigError, match="QA_DICTIONARY_DIR"):
        _ = wrong.translations


def test_a_dictionary_folder_set_by_hand_is_checked_at_once_the_default_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConfigError, match="QA_DICTIONARY_DIR"):
        check_dictionaries(load_settings(index_dir=tmp_path / "index", dictionary_dir=tmp_path))
    check_dictionaries(load_settings(index_dir=tmp_path / "index", dictionary_dir=_small_dictionaries(tmp_path / "d")))
    monkeypatch.delenv("QA_DICTIONARY_DIR", raising=False)
    read: list[Path | None] = []
    monkeypatch.setattr("qa.bilingual.load_translations", lambda directory, *_: read.append(directory))
    check_dictionaries(load_settings(index_dir=tmp_path / "index"))  # the default folder: read when needed
    assert read == []


def test_translated_terms_let_bm25_match_a_passage_in_the_other_language() -> None:
    index = LexicalIndex.build(
        [
            ("An agreement was made with the government on agro-ecology.", "en"),
            ("The movement occupies land in Brazil.", "en"),
        ]
    )
    question = "¿Sobre qué tema firmaron un acuerdo?"
    assert not index.scores(question).any()  # no word in common
    scores = index.scores(question, tokens("agreement", "en"))
    assert scores[0] > 0 and scores[1] == 0
    # a term given twice counts once
    assert index.scores(question, ["agreement", "agreement"])[0] == pytest.approx(scores[0])


@pytest.mark.skipif(
    not all((DEBIAN_DICTIONARIES / f"{name}.index").exists() for name, _, _ in DICTIONARIES),
    reason="Debian's dict-freedict-eng-spa and dict-freedict-spa-eng are missing (scripts/setup.sh installs them)",
)
def test_debians_freedict_dictionaries() -> None:
    translations = load_translations(DEBIAN_DICTIONARIES, per_term=4, required=True)
    assert translations is not None and translations.size > 5000
    assert tokens("agreement", "en")[0] in translations.terms("¿Sobre qué llegaron a un acuerdo?")
    assert tokens("campesino", "es")[0] in translations.terms("How many farmers?")
