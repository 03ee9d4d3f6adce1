"""Commands run where file modes apply: the tests run as root in CI, and root writes any
file whatever its mode.

As root, a command keeps its user id but loses the two capabilities that let root ignore
file modes (CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), from its bounding and inheritable
sets, through util-linux's ``setpriv``: the kernel then checks each file's mode bits for it
as for any other user. Switching to ``nobody`` instead would need the interpreter and the
virtual environment readable by that user, and a Python installed under ``/root`` (mode
700) is not. As any other user, a command runs as it is.
"""

from __future__ import annotations

import os
import shutil

_CAPABILITIES = "-dac_override,-dac_read_search"


def where_modes_apply(args: list[str]) -> list[str] | None:
    """``args`` as a command that file modes stop, or None when this machine has no way."""
    if os.geteuid() != 0:
        return args
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, f"--inh-caps={_CAPABILITIES}", f"--bounding-set={_CAPABILITIES}", "--", *args]
