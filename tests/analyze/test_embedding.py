"""The optional dense vector: the numpy encoder against sentence-transformers' own figures,
the record field only when asked for, and the switch in the settings (the one-line
error without the extra is in tests/test_install.py).

The expected vectors and cosines were computed by sentence-transformers (torch, CPU)
from the same model files; the encoder must give them within float32 rounding.
Tests that run the model skip when the extra ``embeddings`` is not installed.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from storyline.analyze import embedding
from storyline.analyze.encoder import LEAD
from storyline.errors import ConfigError, DependencyError
from storyline.models import Record
from storyline.pipeline import analyze_text
from storyline.settings import Settings, load_settings

needs_model = pytest.mark.skipif(
    not embedding.available(), reason="the optional extra 'embeddings' is not installed"
)

RELEASED = "Chile released thirty detained Peruvian fishermen on Monday."
FREED = "Thirty Peruvian fishermen held by Chile were freed on Monday."
CONCERT = "The city orchestra played Beethoven's ninth symphony last night."
# sentence-transformers 6.3 on torch 2.13 (CPU): the first components of RELEASED's
# vector, and the cosines of the three sentences.
RELEASED_HEAD = [0.029594336, -0.030567821, -0.128053635, -0.027852966]
COSINES = {(RELEASED, FREED): 0.845328, (RELEASED, CONCERT): 0.012717, (FREED, CONCERT): -0.021229}
ARTICLE = (
    "Port workers in Valencia ended a nine-day strike on Friday after the port authority"
    " agreed to hire 120 more crane operators. Union leader Marta Ibarra said the deal was"
    " fair. Ships that had waited offshore began to unload within hours."
)


@needs_model
def test_the_vector_is_sentence_transformers_own() -> None:
    vector = embedding.encoder().encode(RELEASED)
    assert vector.shape == (384,) and vector.dtype == np.float32
    assert float(np.linalg.norm(vector)) == pytest.approx(1.0, abs=1e-6)
    assert vector[:4].tolist() == pytest.approx(RELEASED_HEAD, abs=1e-6)


@needs_model
def test_a_paraphrase_is_closer_than_another_subject() -> None:
    vectors = {s: embedding.encoder().encode(s) for s in (RELEASED, FREED, CONCERT)}
    for (a, b), expected in COSINES.items():
        assert float(vectors[a] @ vectors[b]) == pytest.approx(expected, abs=1e-5)


@needs_model
def test_the_tokens_are_bert_wordpieces_between_cls_and_sep() -> None:
    assert embedding.encoder().ids("Hello, world!") == [101, 7592, 1010, 2088, 999, 102]
    assert embedding.encoder().ids(RELEASED) == [
        101, 7029, 2207, 4228, 14620, 15432, 16532, 2006, 6928, 1012, 102,
    ]  # fmt: skip


@needs_model
def test_a_long_text_is_cut_to_256_tokens_with_its_special_tokens() -> None:
    """The model reads the first 254 word pieces: what follows changes nothing."""
    encoder = embedding.encoder()
    long = " ".join([RELEASED] * 40)  # 9 pieces a sentence: 360
    ids = encoder.ids(long)
    assert (len(ids), ids[0], ids[-1]) == (256, 101, 102)
    assert ids[1:10] == encoder.ids(RELEASED)[1:10]
    assert np.array_equal(encoder.encode(long), encoder.encode(long + " " + CONCERT))
    assert not np.array_equal(encoder.encode(RELEASED), encoder.encode(RELEASED + " " + CONCERT))


@needs_model
def test_a_long_texts_tokens_are_those_of_the_whole_text() -> None:
    """Past ``LEAD`` characters, the start is tokenised alone when it fills the model."""
    encoder = embedding.encoder()
    long = " ".join([RELEASED] * 400)  # 24,400 characters
    unbroken = "x" * 25_000 + " " + RELEASED  # no space before LEAD: the whole text
    tiny = " ".join(["a"] * 12_000)  # a space at every other character
    for text in (long, unbroken, tiny):
        assert len(text) > LEAD
        assert encoder.ids(text) == list(encoder.tokenizer.encode(text).ids)
    assert encoder.ids(unbroken)[:3] == [101, 100, 7029]  # [CLS], [UNK] for the long word


@needs_model
def test_a_model_that_cannot_be_read_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(DependencyError) as missing:
        embedding.complete(tmp_path)
    assert str(missing.value) == (
        f"{tmp_path}: the embeddings model is incomplete (no config.json, model.safetensors,"
        " tokenizer.json, sentence_bert_config.json, 1_Pooling/config.json); reinstall it:"
        f" {embedding.INSTALL_HINT}"
    )
    folder = embedding.model_folder()
    for name in embedding.MODEL_FILES:  # the model's files, one of them of another layout
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).symlink_to(folder / name)
    (tmp_path / "config.json").unlink()
    (tmp_path / "config.json").write_text('{"hidden_act": "gelu"}', encoding="utf-8")
    monkeypatch.setattr(embedding, "model_folder", lambda: tmp_path)
    embedding.encoder.cache_clear()
    try:
        with pytest.raises(DependencyError) as unread:
            embedding.embedding(ARTICLE, None)
    finally:
        embedding.encoder.cache_clear()
    assert str(unread.value).startswith(
        f"{tmp_path}: the embeddings model cannot be read (KeyError: 'num_attention_heads');"
    )


@needs_model
def test_the_article_vector_reads_headline_and_body_and_is_rounded() -> None:
    vector = embedding.embedding(ARTICLE, "Valencia dockers end strike")
    again = embedding.embedding(ARTICLE, "Valencia dockers end strike")
    exact = embedding.encoder().encode("Valencia dockers end strike\n" + ARTICLE)
    assert vector == again and len(vector) == 384
    assert vector == tuple(round(float(v), 4) for v in exact)
    assert math.sqrt(sum(v * v for v in vector)) == pytest.approx(1.0, abs=1e-3)
    assert vector != embedding.embedding(ARTICLE, None)


@needs_model
def test_the_record_carries_the_vector_only_when_asked() -> None:
    plain = analyze_text(ARTICLE, title="Valencia dockers end strike")
    dense = analyze_text(ARTICLE, Settings(embeddings=True), title="Valencia dockers end strike")
    assert plain.embedding == () and "embedding" not in plain.to_dict()
    assert dense.embedding == embedding.embedding(dense.text, dense.metadata.title)
    data = dense.to_dict()
    keys = list(plain.to_dict())
    assert list(data) == [*keys[:-2], "embedding", *keys[-2:]]
    assert Record.from_dict(json.loads(json.dumps(data))) == dense
    assert {k: v for k, v in data.items() if k != "embedding"} == plain.to_dict()


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("On", True), ("0", False), ("no", False)]
)
def test_the_switch_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str, expected: bool
) -> None:
    monkeypatch.setenv("STORYLINE_EMBEDDINGS", value)
    monkeypatch.chdir(tmp_path)  # no ./storyline.toml
    assert load_settings().embeddings is expected


def test_a_switch_that_is_not_one_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("STORYLINE_EMBEDDINGS", "maybe")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="the environment: embeddings must be bool, not 'maybe'"):
        load_settings()
