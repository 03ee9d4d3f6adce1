"""The ``storyline`` command: parse, build Settings, call one library function, print.

Errors print one line (``storyline: error: …``) and exit with the error's own
exit code; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from storyline import __version__
from storyline.errors import StorylineError
from storyline.settings import Settings, load_settings

Command = Callable[[argparse.Namespace, Settings], int]


def sample_path() -> Path:
    """The sample article that ships with the package."""
    return Path(str(resources.files("storyline") / "samples" / "prisoner-release.txt"))


def cmd_analyze(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.pipeline import Failure, analyze_many
    from storyline.render import render

    sources = args.sources or [str(sample_path())]
    fmt = args.format
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    failures: list[StorylineError] = []
    try:
        for n, result in enumerate(analyze_many(sources, settings)):
            if isinstance(result, Failure):
                failures.append(result.error)
                message = str(result.error)
                if not message.startswith(result.source):
                    message = f"{result.source}: {message}"
                _error(message, args.debug, result.error)
                continue
            if fmt == "json" and len(sources) > 1:
                import json

                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            else:
                if n and fmt == "md":
                    out.write("\n---\n\n")
                out.write(render(result, fmt))
                if fmt == "json":
                    out.write("\n")
            out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
    if len(failures) == len(sources):
        return failures[0].exit_code
    return 1 if failures else 0


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from storyline.models import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyline", description="Turn raw news into facts a reader can check."
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="TOML settings file (default ./storyline.toml)")
    common.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "analyze",
        parents=[common],
        help="analyse articles: files, '-' for stdin, or URLs",
        description="Analyse one or more articles. With no SOURCE, the shipped sample.",
    )
    p.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="file (.gz ok), '-', or http(s) URL"
    )
    p.add_argument(
        "-f",
        "--format",
        choices=("json", "md", "html"),
        default="md",
        help="output format (default md; several sources with json give JSON Lines)",
    )
    p.add_argument("-o", "--output", type=Path, help="write to FILE instead of standard output")
    p.add_argument("--timeout", type=float, help="seconds to wait for a URL (default 20)")
    p.set_defaults(run=cmd_analyze)

    p = sub.add_parser("schema", parents=[common], help="print the JSON Schema of the record")
    p.set_defaults(run=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = args.debug
    try:
        settings = load_settings(args.config, timeout=getattr(args, "timeout", None))
        run: Command = args.run
        return run(args, settings)
    except StorylineError as exc:
        _error(str(exc), debug, exc)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _error(message: str, debug: bool, exc: BaseException) -> None:
    if debug:
        traceback.print_exception(exc)
    print(f"storyline: error: {message}", file=sys.stderr)
