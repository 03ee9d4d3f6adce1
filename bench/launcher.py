"""A small process that starts commands and reports each one's exit code and peak RSS.

A benchmark that imports storyline (and spaCy with it) cannot measure a child's peak
memory itself: Linux carries a process's peak RSS across fork and exec, so a child it
started would count the benchmark's own memory. Started by this small process instead,
each command's peak (from the rusage that ``os.wait4`` returns for that one child: the
largest resident set of its process and of the processes it waited for) is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# The launcher's own code: each line on stdin is one command to run; it answers with one
# line, the exit code and the peak RSS in KiB. A command past its limit is killed, with
# its whole process group.
LAUNCHER = """
import json, os, signal, subprocess, sys, threading

def kill(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass

for line in sys.stdin:
    args, env, limit, out, err = json.loads(line)
    with open(out, "w") as o, open(err, "w") as e:
        p = subprocess.Popen(args, stdout=o, stderr=e, stdin=subprocess.DEVNULL, env=env,
                             start_new_session=True)
    timer = threading.Timer(limit, kill, (p.pid,))
    timer.start()
    _, status, usage = os.wait4(p.pid, 0)
    timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    print(json.dumps([p.returncode, usage.ru_maxrss]), flush=True)
"""


class Launcher:
    """The small process that runs the cases: (exit code, peak RSS in MB) of each."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(
        self, args: list[str], env: dict[str, str], limit: float, out: Path, err: Path
    ) -> tuple[int, float]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps([args, env, limit, str(out), str(err)]) + "\n")
        self.process.stdin.flush()
        code, rss = json.loads(self.process.stdout.readline())
        return int(code), rss / 1024  # KiB on Linux

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()
