"""Search over languages written without spaces: CJK words found through character pairs.

The articles are written for these tests: one in Chinese, one in Japanese, one in English,
short, so they are ingested with ``keep_non_articles``; and a Chinese article of three
paragraphs, ingested as any article is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.corpus import ingest, search
from storyline.corpus.store import SCHEMA_VERSION, open_store, schema
from storyline.corpus.store.bigrams import bigrams, terms
from storyline.corpus.store.browse import Filters

ARTICLES = [
    {
        "id": "qingchuan",
        "title": "青川市发生地震 三人受伤",
        "text": "青川市周日清晨发生五级地震，造成三人受伤。市政府表示，救援人员已经抵达港口，"
        "正在检查仓库和桥梁。气象部门提醒居民注意余震。学校周一停课，铁路公司暂停了开往山区的列车。",
        "date": "2025-03-02",
    },
    {
        "id": "kitahama",
        "title": "北浜町の図書館が再開",
        "text": "北浜町の市立図書館は、改修工事を終えて月曜日に再開した。館長は、新しい閲覧室には"
        "子ども向けの絵本が三千冊あると話した。利用者は朝から列を作った。午後には地元の作家による朗読会も開かれた。",
        "date": "2025-03-03",
    },
    {
        "id": "harbour",
        "title": "Harbour bridge reopens after repairs",
        "text": "The harbour bridge in Northport reopened on Monday after four months of repairs,"
        " the city council said. Engineers replaced the cables and resurfaced the road.",
        "date": "2025-03-04",
    },
]


def write_articles(folder: Path) -> str:
    path = folder / "articles.jsonl"
    path.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8"
    )
    return str(path)


def _found(target: str, words: str) -> list[str]:
    return [r["title"] for r in search(target, words)]


CHINESE, JAPANESE, ENGLISH = (a["title"] for a in ARTICLES)
FINDS = [
    ("地震", [CHINESE]),  # two characters: a pair itself
    ("救援人员", [CHINESE]),  # four: the phrase of three pairs
    ("三人 港口", [CHINESE]),  # two words, both needed
    ("再開", [JAPANESE]),
    ("図書館", [JAPANESE]),
    ("子ども向け", [JAPANESE]),  # kana and kanji in one run
    ("harbour bridge", [ENGLISH]),  # other languages search as before
    ("火灾", []),  # a word the corpus does not hold
    ("図書室", []),  # its first pair (図書) is there, the word is not
    ("地震 bridge", []),  # each word in another article
]


def test_cjk_words_are_found(target: str, tmp_path: Path) -> None:
    summary = ingest([write_articles(tmp_path)], target, progress=False, keep_non_articles=True)
    assert (summary.stored, summary.failed) == (3, [])
    assert {words: _found(target, words) for words, _ in FINDS} == dict(FINDS)


def test_pairs_and_query_terms() -> None:
    assert bigrams("北浜町の図書館") == "北浜 浜町 町の の図 図書 書館"
    assert bigrams("Sold 3 iPhone手机 in 2025年") == "iPhone 手机 2025 年"
    assert bigrams("No CJK here") == ""
    assert terms("地震 harbour 救援人员，") == (["harbour"], ["地震", "救援 援人 人员"])


def test_a_version_2_store_is_migrated_and_its_cjk_words_indexed(
    target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A store as storyline wrote it at schema version 2: no pairs, the old search index.
    with monkeypatch.context() as old:
        old.setattr(schema, "SCHEMA_VERSION", 2)
        old.setattr("storyline.corpus.store.base.bigrams", lambda text: "")
        with open_store(target, "create") as store:
            ingest([write_articles(tmp_path)], store, progress=False, keep_non_articles=True)
            assert store.schema_version() == 2
            before = store.counts()
            assert store.search_page("地震", Filters(), None, 10) == []
    assert main(["migrate", "--db", target]) == 0
    assert capsys.readouterr().out == f"schema version {SCHEMA_VERSION} (was 2)\n"
    with open_store(target) as store:
        assert store.counts() == before
        assert store.check() == []
    assert {words: _found(target, words) for words, _ in FINDS} == dict(FINDS)


STRIKE = """青川港码头工人结束罢工

青川港务局周一表示，码头工人在持续九天的罢工之后将于周三恢复工作。罢工期间，港口的集装箱运输全部停止，数百辆货车在港外排队等候。

工会负责人说，双方达成的协议将工资提高百分之四，并限制夜班的数量。工会成员周日晚上投票，多数人赞成接受这份协议。

港务局局长在记者会上说，港口需要大约一周时间才能清理积压的货物。他表示，今后会与工会定期开会，避免类似的停工再次发生。
"""


def test_a_chinese_article_is_stored_with_the_language_warning_and_found(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "strike.txt"
    path.write_text(STRIKE, encoding="utf-8")
    assert main(["ingest", str(path), "--db", target, "-q", "-f", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["stored"], summary["not_articles"], summary["failed"]) == (1, [], [])
    assert main(["search", "码头工人", "--db", target, "-f", "json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)
    assert found["title"] == "青川港码头工人结束罢工"
    assert main(["show", str(found["id"]), "--db", target, "-f", "json"]) == 0
    record = json.loads(capsys.readouterr().out)["record"]
    assert record["text"] == STRIKE.split("\n\n", 1)[1].strip()
    assert record["quality"]["flags"] == ["short text (102 words)"]
    assert record["warnings"] == [
        "language 'zh' is not supported for entities, quotes and events;"
        " only extraction and figures were run"
    ]
    assert main(["search", "火灾", "--db", target, "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
