"""A throw-away PostgreSQL server of the fault tests' own, which they stop and start."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from storyline.corpus.store.postgres import create_database


def server_bin() -> Path | None:
    """The folder of the newest installed PostgreSQL server programs, if any."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """A throw-away PostgreSQL server in a temporary folder, on a free port, as ``.ci/run``
    starts one: run as the ``postgres`` user when we are root (initdb refuses root)."""

    def __init__(self, programs: Path) -> None:
        self.programs = programs
        self.folder = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
        self.port = free_port()
        if os.getuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._pg("initdb", "-D", "data", "-A", "trust", "-U", "postgres")
        self.start()

    def _pg(self, program: str, *args: str) -> None:
        command = [str(self.programs / program), *args]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, cwd=self.folder, check=True, capture_output=True)

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -F"
        self._pg("pg_ctl", "-D", "data", "-l", "log", "-w", "-s", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._pg("pg_ctl", "-D", "data", "-m", mode, "-w", "-s", "stop")

    def database(self, name: str) -> str:
        """A new database on the cluster; returns its URL."""
        return create_database(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", name)

    def close(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
