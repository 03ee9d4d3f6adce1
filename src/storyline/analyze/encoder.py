"""A sentence encoder in numpy: a BERT model in the sentence-transformers layout, run on the CPU.

It reads a model folder as sentence-transformers saves one (``config.json``,
``model.safetensors``, ``tokenizer.json``, ``sentence_bert_config.json``,
``1_Pooling/config.json``) and computes what sentence-transformers computes for a
BERT encoder with mean pooling and a normalising module, without torch:

1. WordPiece ids from ``tokenizer.json`` (the ``tokenizers`` package): [CLS] text
   [SEP], cut to ``max_seq_length`` tokens, the two special tokens included;
2. the embeddings: word + position + token type 0, then layer norm;
3. each layer: 12-head self-attention (scores scaled by 1/sqrt(head size)), dense,
   residual, layer norm; dense, GELU (the exact one, through erf), dense, residual,
   layer norm;
4. the mean of the last layer's token vectors (all tokens count: one text is
   never padded), scaled to unit length.

Everything is float32, as the model's weights are. The encoder reads files only;
nothing is downloaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]
LEAD = 20_000  # characters of a long text tokenised first: far more than 256 tokens need

# Abramowitz and Stegun 7.1.26: erf within 1.5e-7 of the true value, under float32's
# own rounding of the activations it is applied to. numpy has no erf of its own.
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (0.254829592, -0.284496736, 1.421413741, -1.453152027))
_ERF_A5 = np.float32(1.061405429)


def erf(x: Array) -> Array:
    sign = np.sign(x)
    a = np.abs(x)
    t = np.float32(1.0) / (np.float32(1.0) + _ERF_P * a)
    poly = t * (_ERF_A[0] + t * (_ERF_A[1] + t * (_ERF_A[2] + t * (_ERF_A[3] + t * _ERF_A5))))
    out: Array = sign * (np.float32(1.0) - poly * np.exp(-a * a))
    return out


def gelu(x: Array) -> Array:
    """BERT's GELU: x times the standard normal's distribution function at x."""
    return np.float32(0.5) * x * (np.float32(1.0) + erf(x * np.float32(1 / np.sqrt(2.0))))


def layer_norm(x: Array, weight: Array, bias: Array, eps: float) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: Array = (x - mean) / np.sqrt(var + np.float32(eps)) * weight + bias
    return out


@dataclass(frozen=True, slots=True)
class Layer:
    """One transformer layer's weights, each dense matrix transposed for ``x @ w``."""

    qkv: Array  # (hidden, 3 * hidden): query, key and value side by side
    qkv_bias: Array
    out: Array
    out_bias: Array
    norm1: tuple[Array, Array]
    up: Array
    up_bias: Array
    down: Array
    down_bias: Array
    norm2: tuple[Array, Array]


class Encoder:
    """The sentence encoder of one model folder; ``encode`` gives unit float32 vectors."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = _json(folder / "config.json")
        pooling = _json(folder / "1_Pooling" / "config.json")
        if not pooling.get("pooling_mode_mean_tokens") or config.get("hidden_act") != "gelu":
            raise ValueError(f"{folder}: not a mean-pooled BERT model with GELU")
        self.max_tokens = int(_json(folder / "sentence_bert_config.json")["max_seq_length"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=self.max_tokens)
        w = load_file(str(folder / "model.safetensors"))
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [_layer(w, f"encoder.layer.{i}.") for i in range(config["num_hidden_layers"])]
        self.dimension = int(config["hidden_size"])

    def ids(self, text: str) -> list[int]:
        """The token ids the model reads for ``text``, [CLS] and [SEP] included.

        A long text's start is tokenised alone, cut at a space: when it fills the
        model's tokens, they are the whole text's first tokens."""
        text = text.strip()
        cut = text.rfind(" ", 0, LEAD) if len(text) > LEAD else -1
        if cut > 0 and len(found := self.tokenizer.encode(text[:cut]).ids) == self.max_tokens:
            return list(found)
        return list(self.tokenizer.encode(text).ids)

    def encode(self, text: str) -> Array:
        """The unit vector of ``text``."""
        ids = self.ids(text)
        x = self.words[ids] + self.positions[: len(ids)] + self.type0
        x = layer_norm(x, *self.norm, self.eps)
        for layer in self.layers:
            x = self._layer(x, layer)
        mean = x.mean(axis=0)
        norm = np.linalg.norm(mean)
        out: Array = (mean / max(norm, np.float32(1e-12))).astype(np.float32)
        return out

    def _layer(self, x: Array, layer: Layer) -> Array:
        n, hidden = x.shape
        size = hidden // self.heads
        qkv = (x @ layer.qkv + layer.qkv_bias).reshape(n, 3, self.heads, size)
        q, k, v = (qkv[:, i].transpose(1, 0, 2) for i in range(3))  # (heads, n, size)
        scores = q @ k.transpose(0, 2, 1) * np.float32(1 / np.sqrt(size))
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(1, 0, 2).reshape(n, hidden)
        x = layer_norm(context @ layer.out + layer.out_bias + x, *layer.norm1, self.eps)
        inner = gelu(x @ layer.up + layer.up_bias)
        return layer_norm(inner @ layer.down + layer.down_bias + x, *layer.norm2, self.eps)


def _layer(w: dict[str, Any], p: str) -> Layer:
    attention = p + "attention."
    parts = [f"{attention}self.{name}." for name in ("query", "key", "value")]
    return Layer(
        qkv=np.concatenate([w[f"{s}weight"].T for s in parts], axis=1),
        qkv_bias=np.concatenate([w[f"{s}bias"] for s in parts]),
        out=np.ascontiguousarray(w[f"{attention}output.dense.weight"].T),
        out_bias=w[f"{attention}output.dense.bias"],
        norm1=(w[f"{attention}output.LayerNorm.weight"], w[f"{attention}output.LayerNorm.bias"]),
        up=np.ascontiguousarray(w[f"{p}intermediate.dense.weight"].T),
        up_bias=w[f"{p}intermediate.dense.bias"],
        down=np.ascontiguousarray(w[f"{p}output.dense.weight"].T),
        down_bias=w[f"{p}output.dense.bias"],
        norm2=(w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"]),
    )


def _json(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data
