"""The ``csp`` command line.

Exit codes: 0 success; 1 a command ran but failed (an internal error); 2 bad data or bad usage.
Problems with data are printed one per line as ``FILE: field.path: message``, never as a
traceback.  Set ``CSP_DEBUG=1`` to see the traceback of an internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from csp_core import __version__
from csp_core.errors import CspError, DataError
from csp_core.loading import load
from csp_core.model import Partnership

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def summary(partnership: Partnership) -> str:
    """One line saying what a partnership holds."""
    documents = sum(1 for _ in partnership.documents())
    return (
        f"{partnership.name}: {_plural(len(partnership.agencies), 'agency', 'agencies')}, "
        f"{_plural(len(partnership.meetings), 'meeting')}, {_plural(documents, 'document')}, "
        f"{_plural(len(partnership.plans), 'plan')}, "
        f"{_plural(len(partnership.assessments), 'strategic assessment')}, "
        f"{_plural(len(partnership.annual_reviews), 'annual review')}"
    )


def _validate(arguments: argparse.Namespace) -> int:
    try:
        partnership = load(arguments.path)
    except DataError as error:
        for problem in error.problems:
            print(problem)
        count = len(error.problems)
        print(f"{_plural(count, 'problem')} found in {arguments.path}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{arguments.path}: valid. {summary(partnership)}")
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csp",
        description="Model a Community Safety Partnership and publish what it does.",
    )
    parser.add_argument("--version", action="version", version=f"csp-core {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check a partnership's data files and report every problem",
        description="Check a partnership's data files and report every problem, one per line "
        "as FILE: field.path: message. Exit 0 when valid, 2 when not.",
    )
    validate.add_argument("path", help="a partnership data file, or a folder with partnership.toml")
    validate.set_defaults(run=_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``csp`` command; return its exit code."""
    arguments = _parser().parse_args(argv)
    try:
        code: int = arguments.run(arguments)
    except CspError as error:
        print(f"csp: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - last resort: a short message, not a traceback
        if os.environ.get("CSP_DEBUG"):
            traceback.print_exc()
        print(
            f"csp: internal error ({type(error).__name__}: {error}); "
            "run again with CSP_DEBUG=1 for details and report it",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
