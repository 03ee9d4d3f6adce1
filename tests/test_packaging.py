"""What an install needs: every import declared in pyproject.toml, every data file shipped.

A scan of our own imports cannot see what a dependency imports lazily (justext's
import of lxml.html.clean went missing that way): the fresh installs in .ci/run
are the guard for that.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from collections.abc import Mapping
from importlib.metadata import packages_distributions
from pathlib import Path
from typing import Any

from storyline.deps import Requirement, normalise

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
TOOLS_EXTRA = "dev"  # test and lint tools: never imported by the package


def top_level_imports(root: Path) -> dict[str, set[str]]:
    """Each top-level module imported anywhere under root (in functions too) -> the files."""
    found: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.partition(".")[0], set()).add(str(path.relative_to(root)))
    return found


def undeclared_imports(root: Path, project: Mapping[str, Any]) -> dict[str, list[str]]:
    """Third-party modules imported under root whose distribution pyproject does not declare.

    A module's distributions come from the installed metadata; one that is not
    installed is taken to be named like its module. An optional extra (not the tools
    extra) may declare what only its feature imports.
    """
    table = project["project"]
    assert isinstance(table, dict)
    declared = {Requirement.parse(line).key for line in table["dependencies"]}
    for extra, lines in table.get("optional-dependencies", {}).items():
        if extra != TOOLS_EXTRA:
            declared |= {Requirement.parse(line).key for line in lines}
    owners = packages_distributions()
    missing = {}
    for module, files in top_level_imports(root).items():
        if module in sys.stdlib_module_names or module == "storyline":
            continue
        if not {normalise(d) for d in owners.get(module, [module])} & declared:
            missing[module] = sorted(files)
    return missing


def test_every_package_the_code_imports_is_declared() -> None:
    assert undeclared_imports(SRC, PROJECT) == {}


def test_an_undeclared_import_is_found(tmp_path: Path) -> None:
    (tmp_path / "one.py").write_text("import numpy\nimport json\nfrom storyline import nlp\n")
    (tmp_path / "two.py").write_text("def f():\n    from lxml import etree\n")
    project = {"project": {"dependencies": ["lxml_html_clean>=0.1", "LXML[x]>=5"]}}
    assert undeclared_imports(tmp_path, project) == {"numpy": ["one.py"]}


def test_every_data_file_in_the_package_ships() -> None:
    package_data = PROJECT["tool"]["setuptools"]["package-data"]
    shipped = {
        path
        for package, patterns in package_data.items()
        for pattern in patterns
        for path in (SRC / package.replace(".", "/")).glob(pattern)
    }
    data = {
        path
        for path in (SRC / "storyline").rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"}
    }
    assert sorted(str(path.relative_to(SRC)) for path in data - shipped) == []
