"""The packages storyline declares, and the one-line fix when one does not import.

An ImportError while a command runs means a broken install: a dependency is
missing, or a dependency's own import fails (lxml 6's ``lxml.html.clean`` without
``lxml_html_clean``, which an old pip left out). ``dependency_error`` turns it into a
DependencyError whose message names the command that repairs the install, looking
in this order:

1. a requirement storyline declares that is not installed -> ``pip install 'name>=x'``;
2. a module that an optional extra provides -> ``pip install 'storyline[extra]'``;
3. otherwise the import's own message, and reinstalling the package it comes from.

The requirements are read from the installed metadata, so the message follows
pyproject.toml without a second list here.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from importlib import metadata

from storyline.errors import DependencyError

DISTRIBUTION = "storyline"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


@dataclass(frozen=True, slots=True)
class Requirement:
    """One declared requirement: 'psycopg[binary]>=3.2', or 'pytest>=8; extra == "dev"'."""

    name: str  # as declared: "psycopg"
    spec: str  # what pip is given: "psycopg[binary]>=3.2"
    extra: str | None  # the optional extra that brings it, None for a core requirement

    @classmethod
    def parse(cls, line: str) -> Requirement:
        spec, _, marker = (part.strip() for part in line.partition(";"))
        name = _NAME.match(spec)
        if name is None:
            raise ValueError(f"not a requirement: {line!r}")
        extra = _EXTRA.search(marker)
        return cls(name.group(), spec, extra.group(1) if extra else None)

    @property
    def key(self) -> str:
        return normalise(self.name)


def normalise(name: str) -> str:
    """A package name as PEP 503 compares them: 'lxml_html_clean' -> 'lxml-html-clean'."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements() -> list[Requirement]:
    """What the installed storyline declares; nothing when it is not installed."""
    try:
        lines = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return []
    return [Requirement.parse(line) for line in lines]


def installed(name: str) -> bool:
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def dependency_error(exc: ImportError) -> DependencyError:
    """The one-line error for an import that failed, naming the fix."""
    declared = requirements()
    absent = [r for r in declared if r.extra is None and not installed(r.name)]
    if absent:
        names = ", ".join(r.name for r in absent)
        verb = "is" if len(absent) == 1 else "are"
        specs = " ".join(shlex.quote(r.spec) for r in absent)
        return DependencyError(f"{names} {verb} not installed; run: pip install {specs}")
    module = (exc.name or "").partition(".")[0]
    extras = sorted({r.extra for r in declared if r.extra and r.key == normalise(module)})
    if extras:
        target = shlex.quote(f"{DISTRIBUTION}[{extras[0]}]")
        return DependencyError(
            f"{exc.name} comes with the optional extra '{extras[0]}', which is not installed;"
            f" run: pip install {target}"
        )
    cause = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    owners = metadata.packages_distributions().get(module, [])
    fix = f"run: pip install --force-reinstall {owners[0]}" if owners else "reinstall storyline"
    return DependencyError(f"a package storyline needs does not import ({cause}); {fix}")
