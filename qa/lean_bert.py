"""The default model as a plain-torch BERT forward pass: same vectors as sentence-transformers, faster start.

Importing transformers and sentence-transformers costs about 5 s of every `qa ask` (they pull scipy and
scikit-learn with them; docs/BENCHMARKS.md), while the forward pass of a BERT encoder with mean pooling is
a few dozen lines of torch. This module reads the same standard sentence-transformers folder
(``config.json``, ``model.safetensors``, ``tokenizer.json``, pooling and normalisation modules) and
refuses any folder it cannot reproduce exactly, so the vectors and the index fingerprint are the ones
``SentenceTransformer(path)`` gives (tests/test_lean_bert.py compares both).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch
    from tokenizers import Tokenizer

_EXPECTED_MODULES = (
    ("", "sentence_transformers.models.Transformer"),
    ("1_Pooling", "sentence_transformers.models.Pooling"),
    ("2_Normalize", "sentence_transformers.models.Normalize"),
)


class UnsupportedModel(ValueError):
    """The folder is not a plain BERT encoder with mean pooling and normalisation."""


@dataclass(frozen=True)
class BertConfig:
    hidden_size: int
    layers: int
    heads: int
    layer_norm_eps: float
    max_tokens: int
    pad_token_id: int


def read_config(path: Path) -> BertConfig:
    """Check that ``path`` holds what this module reproduces exactly; raise UnsupportedModel if not."""
    try:
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        pooling = json.loads((path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UnsupportedModel(f"not a sentence-transformers folder readable here: {exc}") from None
    layout = tuple((m.get("path", ""), m.get("type", "")) for m in modules)
    if layout != _EXPECTED_MODULES:
        raise UnsupportedModel(f"modules {layout} are not Transformer, Pooling, Normalize")
    if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
        raise UnsupportedModel("only BERT encoders with GELU are supported")
    if config.get("position_embedding_type", "absolute") != "absolute":
        raise UnsupportedModel("only absolute position embeddings are supported")
    mean_only = {k: v for k, v in pooling.items() if k.startswith("pooling_mode_") and v}
    if mean_only != {"pooling_mode_mean_tokens": True} or not pooling.get("include_prompt", True):
        raise UnsupportedModel("only mean pooling over all tokens is supported")
    if st_config.get("do_lower_case"):
        raise UnsupportedModel("do_lower_case is not supported")
    if not (path / "tokenizer.json").is_file() or not (path / "model.safetensors").is_file():
        raise UnsupportedModel("tokenizer.json and model.safetensors are required")
    return BertConfig(
        hidden_size=int(config["hidden_size"]),
        layers=int(config["num_hidden_layers"]),
        heads=int(config["num_attention_heads"]),
        layer_norm_eps=float(config["layer_norm_eps"]),
        max_tokens=int(st_config.get("max_seq_length") or config["max_position_embeddings"]),
        pad_token_id=int(config.get("pad_token_id", 0)),
    )


def load_tokenizer(path: Path, config: BertConfig) -> Tokenizer:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    settings: dict[str, Any] = {}
    tokenizer_config = path / "tokenizer_config.json"
    if tokenizer_config.is_file():
        settings = json.loads(tokenizer_config.read_text(encoding="utf-8"))
    # transformers' fast tokenizer reads "<s>" typed by a user as text when split_special_tokens is set
    tokenizer.encode_special_tokens = bool(settings.get("split_special_tokens", False))
    tokenizer.enable_truncation(config.max_tokens)
    tokenizer.enable_padding(pad_id=config.pad_token_id, pad_token=tokenizer.id_to_token(config.pad_token_id))
    return tokenizer


def load_weights(path: Path) -> dict[str, torch.Tensor]:
    from safetensors.torch import load_file

    weights = load_file(str(path / "model.safetensors"))
    # checkpoints saved from BertForX carry a "bert." prefix
    return {name.removeprefix("bert."): tensor for name, tensor in weights.items()}


Forward = Callable[["torch.Tensor", "torch.Tensor"], "torch.Tensor"]


def traced_encoder(weights: dict[str, torch.Tensor], config: BertConfig) -> Forward:
    """``encode`` traced into one TorchScript graph (same vectors; tests/test_lean_bert.py).

    Run eagerly, the forward pass hands the GIL back and forth at every one of its ~180 torch
    operations; in a server whose request threads keep the GIL busy, each hand-back waits its turn,
    and a batch measured 5 s instead of 0.1 s with four busy Python threads. The traced graph runs
    in C++ with the GIL released once, and is a little faster alone too."""
    import torch

    class Encoder(torch.nn.Module):
        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            return encode(weights, config, ids, mask)

    # any small batch with padding: sizes stay dynamic in the trace (checked at 1x6 to 2x512)
    ids = torch.tensor([[0, 10, 2], [0, 2, config.pad_token_id]])
    mask = torch.tensor([[1, 1, 1], [1, 1, 0]])
    with torch.inference_mode():
        traced: Forward = torch.jit.trace(Encoder(), (ids, mask), check_trace=False)
    return traced


def encode(weights: dict[str, torch.Tensor], config: BertConfig, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """transformers' BertModel (absolute positions, post-LayerNorm, GELU), then mean pooling and L2 norm.

    The padding is dropped between attentions: the linear layers, which are most of the work, run on
    the real tokens only (a flat ``tokens x width`` matrix), and only the attention sees the batch
    padded. A batch of questions of mixed lengths is about a third padding, so this saves about 30 %
    of a batch (docs/EVALUATION.md, round 17); the vectors are the same to the last bit in practice."""
    import torch
    import torch.nn.functional as F

    def linear(name: str, x: torch.Tensor) -> torch.Tensor:
        return F.linear(x, weights[name + ".weight"], weights[name + ".bias"])

    def layer_norm(name: str, x: torch.Tensor) -> torch.Tensor:
        return F.layer_norm(x, x.shape[-1:], weights[name + ".weight"], weights[name + ".bias"], config.layer_norm_eps)

    batch, tokens = ids.shape
    width = config.hidden_size
    real = mask.reshape(-1).nonzero().squeeze(1)  # positions of the real tokens in the flattened batch

    def padded(x: torch.Tensor) -> torch.Tensor:
        # zeros at the padding: the pooling sums every position, and the attention masks them anyway
        return x.new_zeros(batch * tokens, x.shape[1]).index_copy(0, real, x).view(batch, tokens, -1)

    x = (
        weights["embeddings.word_embeddings.weight"][ids]
        + weights["embeddings.position_embeddings.weight"][:tokens]
        + weights["embeddings.token_type_embeddings.weight"][0]
    )
    x = layer_norm("embeddings.LayerNorm", x.reshape(batch * tokens, width)[real])
    attention_bias = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
    for i in range(config.layers):
        p = f"encoder.layer.{i}."
        qkv = torch.cat([linear(p + "attention.self." + m, x) for m in ("query", "key", "value")], dim=1)
        q, k, v = padded(qkv).view(batch, tokens, 3, config.heads, -1).unbind(2)
        attended = F.scaled_dot_product_attention(
            q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), attn_mask=attention_bias
        )
        attended = attended.transpose(1, 2).reshape(batch * tokens, width)[real]
        x = layer_norm(p + "attention.output.LayerNorm", linear(p + "attention.output.dense", attended) + x)
        expanded = F.gelu(linear(p + "intermediate.dense", x))
        x = layer_norm(p + "output.LayerNorm", linear(p + "output.dense", expanded) + x)
    pooled = padded(x).sum(1) / mask.sum(1, keepdim=True)
    return F.normalize(pooled, dim=-1)
