"""The ``csp`` command line.

Exit codes: 0 success; 1 a command ran but failed (an internal error); 2 bad data or bad usage;
3 ``csp build``'s output folder could not be written (read-only, full, busy with another build),
or another file outside the data could not be read or written (the machine, not the data).
Problems with data (unreadable data files included) are printed one per line as
``FILE: field.path: message``, never as a traceback, and exit 2.  Set ``CSP_DEBUG=1`` to see
the traceback of an internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

# What only one command needs (check, init, plugins, serve, status's report, --version) is
# imported inside that command, so that ``csp build`` does not pay for it (docs/performance.md).
from csp_core.build import LOCK_WAIT, BuildResult, build, build_many
from csp_core.converters import in_zone
from csp_core.county import is_partnership, read_many
from csp_core.errors import (
    CspError,
    DataError,
    InvalidModel,
    OutputError,
    PluginError,
    Problem,
    PublisherError,
    UsageError,
)
from csp_core.extending import run_data_checks
from csp_core.limits import MAX_YEAR, MIN_YEAR, one_line
from csp_core.loading import Loaded, read
from csp_core.model import Nation, Partnership
from csp_core.model.translations import missing_translations
from csp_core.plugins import Plugins, load_plugins
from csp_core.rules import DutyState, Severity, status
from csp_core.schema import PARTNERSHIP, SCHEMA_KINDS, schema_text, write_schema

__all__ = ["EXIT_BAD_INPUT", "EXIT_ENVIRONMENT", "EXIT_FAILED", "EXIT_OK", "UsageError", "main"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_ENVIRONMENT = 3


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


def _debugging() -> bool:
    return os.environ.get("CSP_DEBUG", "") not in {"", "0"}


def _local_problems(
    arguments: argparse.Namespace, plugins: Plugins
) -> tuple[Loaded, tuple[Problem, ...]]:
    """The loaded partnership, and what the plugins' data checks find in it."""
    loaded = read(arguments.path)
    checks = [entry.check for entry in plugins.data_checks.values()]
    return loaded, run_data_checks(loaded, checks)


def _translation_warnings(loaded: Loaded) -> tuple[Problem, ...]:
    """Texts given in some of the partnership's languages but not all (docs/languages.md)."""
    languages = loaded.partnership.languages
    # Once per text as written: a series' title is every one of its meetings' title.
    found = dict.fromkeys(
        loaded.problem(
            path,
            f"warning: no text in {', '.join(missing)}: outputs in "
            f"{'it' if len(missing) == 1 else 'them'} show the text of the first language "
            f"that has one ({', '.join(languages)}), marked with its language",
        )
        for path, missing in missing_translations(loaded.partnership, languages)
    )
    return tuple(found) + _welsh_offered(loaded) + _placeholder(loaded)


def _placeholder(loaded: Loaded) -> tuple[Problem, ...]:
    """The contact's postcode is still the placeholder ``csp init`` writes when not given one."""
    from csp_core.scaffold import PLACEHOLDER_POSTCODE  # noqa: PLC0415 - see the imports above

    if loaded.partnership.contact.postcode != PLACEHOLDER_POSTCODE:
        return ()
    message = (
        f"warning: {PLACEHOLDER_POSTCODE} is the placeholder csp init wrote, not a real "
        "postcode: put the partnership's own"
    )
    return (loaded.problem("contact.postcode", message),)


def _welsh_offered(loaded: Loaded) -> tuple[Problem, ...]:
    """A partnership in Wales is offered Welsh: public bodies there publish in both languages."""
    partnership = loaded.partnership
    if partnership.nation is not Nation.WALES or "cy" in partnership.languages:
        return ()
    return (
        loaded.problem(
            "languages",
            "warning: public bodies in Wales publish in Welsh and English (Welsh Language "
            'Standards): add languages = ["cy", "en-GB"], or ["en-GB", "cy"] with English first',
        ),
    )


def _validate(arguments: argparse.Namespace, plugins: Plugins) -> int:
    paths: list[str] = arguments.paths
    if len(paths) > 1 or not is_partnership(paths[0]):
        return _validate_many(paths, plugins)
    arguments.path = paths[0]
    try:
        loaded, local = _local_problems(arguments, plugins)
    except DataError as error:
        problems = error.problems
    else:
        partnership, problems = loaded.partnership, local
        for warning in _translation_warnings(loaded):
            print(warning)
    if problems:
        for problem in problems:
            print(problem)
        count = len(problems)
        print(one_line(f"{_plural(count, 'problem')} found in {arguments.path}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(one_line(f"{arguments.path}: valid. {summary(partnership)}"))
    return EXIT_OK


def _validate_many(paths: list[str], plugins: Plugins) -> int:
    """``csp validate A B`` or a county folder: every partnership, as ``csp build`` reads them."""
    valid: list[Loaded] = []
    try:
        valid = read_many(paths)
    except DataError as error:
        problems = list(error.problems)
    else:
        checks = [entry.check for entry in plugins.data_checks.values()]
        problems = [problem for each in valid for problem in run_data_checks(each, checks)]
        for each in valid:
            for warning in _translation_warnings(each):
                print(warning)
    where = ", ".join(paths)
    if problems:
        for problem in problems:
            print(problem)
        print(one_line(f"{_plural(len(problems), 'problem')} found in {where}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    for each in valid:
        print(one_line(f"{each.problem('', '').file}: valid. {summary(each.partnership)}"))
    return EXIT_OK


def _instant(text: str | None, partnership: Partnership) -> dt.datetime:
    """``--at``: an ISO date-time (local to the partnership unless it has an offset), or now."""
    if text is None:
        return dt.datetime.now(partnership.timezone)
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        msg = f"--at: {text!r} is not an ISO date-time such as 2019-10-01T09:00"
        raise UsageError(msg) from None
    try:
        return in_zone(parsed, partnership.timezone)
    except InvalidModel as error:
        raise UsageError(f"--at: {error}") from None


def _bounded(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            msg = f"{text!r} is not a whole number"
            raise argparse.ArgumentTypeError(msg) from None
        if not low <= value <= high:
            msg = f"{value} is not allowed: give {low} to {high}"
            raise argparse.ArgumentTypeError(msg)
        return value

    return parse


def _seconds(text: str) -> float:
    """An argparse type: a number of seconds from 0 to a day (``--wait``)."""
    try:
        value = float(text)
    except ValueError:
        msg = f"{text!r} is not a number of seconds"
        raise argparse.ArgumentTypeError(msg) from None
    if not 0 <= value <= _DAY_SECONDS:  # also false for nan
        msg = f"{text} is not allowed: give 0 to {_DAY_SECONDS} seconds"
        raise argparse.ArgumentTypeError(msg)
    return value


_DAY_SECONDS = 86_400


def _status(arguments: argparse.Namespace, plugins: Plugins) -> int:
    loaded, local = _local_problems(arguments, plugins)
    partnership = loaded.partnership
    at = _instant(arguments.at, partnership)
    report = status(partnership, at, soon_days=arguments.soon)
    from csp_core.reports import status_json, status_text  # noqa: PLC0415 - see the imports above

    if arguments.format == "json":
        data = status_json(partnership, report)
        if plugins.data_checks:
            data["local_checks"] = [
                {"file": p.file, "path": p.path, "message": p.message} for p in local
            ]
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(status_text(partnership, report, soon_days=arguments.soon), end="")
        if local:
            print(f"\nThe partnership's own checks ({len(local)})")
            for problem in local:
                print(f"  {problem}")
    if arguments.strict is None:
        return EXIT_OK
    overdue = _failing(report.overdue, arguments.strict)
    late = _failing(report.late, arguments.strict)
    # documents withdrawn or withheld within the retention period (s.100C): breaches only at
    # the default level, warnings too with --strict=all
    kept = [
        b
        for b in report.retention
        if arguments.strict == STRICT_ALL or b.severity is Severity.BREACH
    ]
    if overdue or late or local or kept:
        one, many = _STRICT_WORDS[arguments.strict]
        retention = f", {_plural(len(kept), 'retention breach', 'retention breaches')}"
        print(
            f"csp status --strict={arguments.strict}: "
            f"{_plural(len(overdue), one, many)} overdue, {_plural(len(late), one, many)} late"
            f"{retention if kept else ''}, "
            f"{_plural(len(local), 'problem')} found by the partnership's own checks",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK


STRICT_STATUTORY = "statutory"
"""``--strict`` (no value): fail only on statutory breaches and the partnership's own checks."""
STRICT_ALL = "all"
"""``--strict=all``: fail on anything overdue or late, practice targets too."""
_STRICT_WORDS = {
    STRICT_STATUTORY: ("statutory breach", "statutory breaches"),
    STRICT_ALL: ("item", "items"),
}


def _strict_alone(argv: Sequence[str]) -> list[str]:
    """A bare ``--strict`` of ``csp status`` not followed by a level is the default level.

    So in ``csp status --strict PATH`` the path is not taken for a level.
    """
    args = list(argv)
    if not args or args[0] != "status":
        return args
    return [
        f"--strict={STRICT_STATUTORY}"
        if arg == "--strict" and (i + 1 == len(args) or args[i + 1] not in _STRICT_WORDS)
        else arg
        for i, arg in enumerate(args)
    ]


def _failing(states: tuple[DutyState, ...], level: str) -> tuple[DutyState, ...]:
    """The overdue or late duties that fail ``--strict`` at ``level``."""
    if level == STRICT_ALL:
        return states
    return tuple(s for s in states if s.duty.severity is Severity.BREACH)


def _options(values: Sequence[str]) -> dict[str, dict[str, str]]:
    options: dict[str, dict[str, str]] = {}
    for value in values:
        key, equals, setting = value.partition("=")
        publisher, dot, name = key.partition(".")
        if not equals or not dot or not publisher or not name:
            msg = (
                f"--option {value!r}: write PUBLISHER.OPTION=VALUE, e.g. ical.refresh_interval=PT6H"
            )
            raise UsageError(msg)
        options.setdefault(publisher, {})[name] = setting
    return options


def _report_failures(command: str, result: BuildResult) -> None:
    for failure in result.failures:
        if failure.error is not None and _debugging():
            traceback.print_exception(failure.error, file=sys.stderr)
        print(
            f"csp {command}: publisher {failure.publisher!r} (plugin {failure.plugin!r}) failed: "
            f"{failure.message}; its previous files were kept",
            file=sys.stderr,
        )


def _jobs(text: str) -> int:
    """``--jobs``: a whole number of processes, 1 or more, or ``auto`` (one per CPU)."""
    if text == "auto":
        return os.cpu_count() or 1
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"{text!r} is not a whole number of 1 or more, nor 'auto'"
        raise argparse.ArgumentTypeError(msg)
    return value


def _build(arguments: argparse.Namespace, plugins: Plugins) -> int:
    paths: list[str] = arguments.path
    only = [name.strip() for name in arguments.only.split(",")] if arguments.only else None
    if len(paths) == 1 and is_partnership(paths[0]):
        partnership = read(paths[0]).partnership
        result = build(
            partnership,
            arguments.out,
            _instant(arguments.at, partnership),
            only=only,
            options=_options(arguments.option),
            base_url=arguments.base_url,
            source=paths[0],
            force=arguments.force,
            wait=arguments.wait,
            registry=plugins.publishers,
        )
    else:
        partnerships = [loaded.partnership for loaded in read_many(paths)]
        result = build_many(
            partnerships,
            arguments.out,
            _instant(arguments.at, min(partnerships, key=lambda each: each.id)),
            only=only,
            options=_options(arguments.option),
            base_url=arguments.base_url,
            sources=paths,
            force=arguments.force,
            wait=arguments.wait,
            registry=plugins.publishers,
            jobs=arguments.jobs,
        )
    for warning in result.warnings:
        print(one_line(f"csp build: warning: {warning}"), file=sys.stderr)
    for written in result.written:
        path = Path(arguments.out) / written.path
        items = _plural(written.items, "item")
        done = "wrote" if written.changed else "unchanged"
        print(f"{done} {path} ({written.publisher}: {items}, {written.size} bytes)")
    for removed in result.removed:
        print(f"removed {Path(arguments.out) / removed} (no longer made)")
    for replaced in result.replaced:
        print(f"replaced {Path(arguments.out) / replaced} (no earlier build made it; --force)")
    _report_failures("build", result)
    return EXIT_OK if result.ok else EXIT_FAILED


class _Stop(BaseException):
    """SIGTERM, SIGINT or SIGHUP arrived: stop serving and clean up."""


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Turn SIGTERM, SIGINT and SIGHUP into a clean stop of the block.

    The first signal raises :class:`_Stop` where the program is (the server loop, the build,
    ...), so every ``with`` on the way out runs: the temporary folder is removed.  Further
    signals are ignored until then; the previous handlers are put back at the end.
    """
    names = ("SIGTERM", "SIGINT", "SIGHUP")
    chosen = [getattr(signal, name) for name in names if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_number: int, _frame: object) -> None:
        for number in chosen:
            signal.signal(number, signal.SIG_IGN)
        raise _Stop

    previous = {number: signal.signal(number, stop) for number in chosen}
    try:
        yield
    except _Stop:
        pass
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _serve(arguments: argparse.Namespace, plugins: Plugins) -> int:
    from csp_core.serve import serve  # noqa: PLC0415 - see the imports above

    partnership = read(arguments.path).partnership
    at = _instant(arguments.at, partnership)
    host = "127.0.0.1"
    with (
        _stopped_by_signals(),
        tempfile.TemporaryDirectory(prefix="csp-serve-") as temporary,
    ):
        out = Path(arguments.out or Path(temporary) / "site")
        try:
            server = serve(out, host, arguments.port)
        except OSError as error:
            msg = f"cannot listen on {host}:{arguments.port}: {error.strerror}"
            raise UsageError(msg) from None
        with server:
            address = f"http://{host}:{server.server_address[1]}/"
            result = build(
                partnership,
                out,
                at,
                base_url=address,
                source=arguments.path,
                registry=plugins.publishers,
            )
            _report_failures("serve", result)
            print(
                f"serving {len(result.written)} files from {out} at {address} (Ctrl-C stops)",
                flush=True,
            )
            server.serve_forever()
    return EXIT_OK


def _check(arguments: argparse.Namespace, plugins: Plugins) -> int:
    from csp_core.check import check_folder  # noqa: PLC0415 - see the imports above

    report = check_folder(arguments.dir, checkers=plugins.checkers, previous=arguments.previous)
    for finding in report.findings:
        print(finding.line(arguments.dir))
    files = _plural(len(report.checked), "file")
    if report.ok:
        print(one_line(f"{arguments.dir}: {files} checked, no problems"))
        return EXIT_OK
    count = _plural(len(report.findings), "problem")
    print(one_line(f"csp check: {count} in {arguments.dir} ({files} checked)"), file=sys.stderr)
    return EXIT_FAILED


def _plugins(arguments: argparse.Namespace, plugins: Plugins) -> int:
    from csp_core.versions import plugins_json  # noqa: PLC0415 - see the imports above

    if arguments.format == "json":
        print(json.dumps(plugins_json(plugins), indent=2, ensure_ascii=False))
        return EXIT_OK
    found = plugins.installed()
    if not found:
        print("no plugins installed")
    for plugin in found:
        version = (
            f"{plugin.distribution} {plugin.version}" if plugin.version else "(no distribution)"
        )
        print(f"{plugin.name}: {version}")
        for publisher in plugin.publishers:
            print(f"  publisher {publisher.name}: {publisher.description}")
            print(f"    outputs: {', '.join(publisher.outputs)}")
            for option in publisher.options:
                print(f"    option {option.name} (default {option.default!r}): {option.help}")
        for checker in plugin.checkers:
            print(f"  checker {checker.name}: {checker.description}")
            print(f"    reads: {', '.join((*checker.media_types, *checker.suffixes))}")
        for check in plugin.data_checks:
            print(f"  data check {check.name}: {check.description}")
        for command in plugin.commands:
            print(f"  command csp {command.name}: {command.help}")
    return EXIT_OK


def _init(arguments: argparse.Namespace, _plugins: Plugins) -> int:
    from csp_core.scaffold import PLACEHOLDER_POSTCODE, collect, init  # noqa: PLC0415

    ask = input if sys.stdin is not None and sys.stdin.isatty() else None
    answers = collect(
        name=arguments.name,
        area=arguments.area,
        nation=arguments.nation,
        languages=[tag for given in arguments.language for tag in given.split(",") if tag],
        councils=arguments.council,
        postcode=arguments.postcode,
        id=arguments.id,
        ask=ask,
    )
    folder = init(arguments.dir, answers)
    print(one_line(f"wrote {folder}: check it with `csp validate {folder}`"))
    if answers.postcode is None:
        print(one_line(f"replace the contact's placeholder postcode {PLACEHOLDER_POSTCODE}"))
    return EXIT_OK


def _schema(arguments: argparse.Namespace, _plugins: Plugins) -> int:
    if arguments.out is None:
        print(schema_text(arguments.kind), end="")
    else:
        write_schema(arguments.out, arguments.kind)
    return EXIT_OK


class _Versions(argparse.Action):
    """``--version``: csp-core's version, then each plugin distribution's, one per line."""

    def __init__(self, option_strings: Sequence[str], dest: str, *, plugins: Plugins, help: str):
        super().__init__(
            option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help=help
        )
        self.plugins = plugins

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from csp_core.versions import versions_text  # noqa: PLC0415 - see the imports above

        print(versions_text(self.plugins), end="")
        parser.exit()


def _init_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``csp init``'s parser."""
    start = commands.add_parser(
        "init",
        help="write a new partnership folder that validates and builds at once",
        description="Write a new partnership folder DIR: partnership.toml with every field "
        "shown (optional ones commented out, with their meaning), the nation's publication "
        "rules and the law behind each, a board, the council(s) as agencies, and an example "
        "meeting (commented out). Asks for what is missing when standard input is a "
        "terminal. Never overwrites: DIR must not exist or be empty. Exit 0, or 2 for a "
        "missing or bad answer or a DIR that is not empty (nothing written). See docs/init.md.",
    )
    start.add_argument("dir", metavar="DIR", help="the new folder")
    start.add_argument(
        "--name",
        action="append",
        default=[],
        help="the partnership's full name; repeat it once per language, in their order",
    )
    start.add_argument(
        "--area",
        action="append",
        default=[],
        help="the area it serves; repeat it once per language, in their order",
    )
    start.add_argument(
        "--nation", choices=[nation.value for nation in Nation], help="the UK nation"
    )
    start.add_argument(
        "--language",
        "--languages",
        action="append",
        default=[],
        metavar="TAG[,TAG]",
        help="a language of the outputs, the primary first (repeatable, or comma-separated: "
        "cy,en-GB); default: cy,en-GB in Wales, else en-GB",
    )
    start.add_argument(
        "--council",
        action="append",
        default=[],
        help="a council's name, in the primary language (repeatable, for a joint partnership); "
        "default: one council named after the area",
    )
    start.add_argument(
        "--postcode", help="the contact's postcode; default: a placeholder to replace"
    )
    start.add_argument("--id", help="the partnership's id; default: made from the area")
    start.set_defaults(run=_init)


def _parser(plugins: Plugins) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csp",
        description="Model a Community Safety Partnership and publish what it does.",
    )
    parser.add_argument(
        "--version",
        action=_Versions,
        plugins=plugins,
        help="print the versions of csp-core and of each plugin's distribution, and exit",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check partnerships' data files and report every problem",
        description="Check a partnership's data files (or several partnerships', or a county "
        "folder of them, as csp build reads them) and report every problem, one per line as "
        "FILE: field.path: message. Exit 0 when valid, 2 when not.",
    )
    validate.add_argument(
        "paths",
        nargs="+",
        metavar="path",
        help="a partnership data file or a folder with partnership.toml; several, or a folder "
        "of partnership folders (a county), are checked together",
    )
    validate.set_defaults(run=_validate)

    report = commands.add_parser(
        "status",
        help="what is next, due, overdue and late at an instant",
        description="Report a partnership's publication status at an instant: next meetings, "
        "overdue items, items due soon, items published late, recent publications, and the "
        "health of its plan, strategic assessment and annual review.",
    )
    report.add_argument("path", help="a partnership data file, or a folder with partnership.toml")
    report.add_argument(
        "--at",
        metavar="ISO-DATETIME",
        help="the instant to report on, e.g. 2019-10-01T09:00 (partnership time unless an "
        f"offset is given), in the years {MIN_YEAR} to {MAX_YEAR}; default: now",
    )
    report.add_argument("--format", choices=("text", "json"), default="text")
    report.add_argument(
        "--strict",
        nargs="?",
        const=STRICT_STATUTORY,
        default=None,
        choices=(STRICT_STATUTORY, STRICT_ALL),
        metavar="LEVEL",
        help="exit 1 on failures, for a council's own CI: 'statutory' (the default) fails on "
        "statutory breaches (overdue or late) and the partnership's own data checks; 'all' "
        "also on practice targets overdue or late",
    )
    report.add_argument(
        "--soon",
        type=_bounded(0, 36600),
        default=14,
        metavar="DAYS",
        help="how many days ahead 'due soon' looks (default 14)",
    )
    report.set_defaults(run=_status)

    make = commands.add_parser(
        "build",
        help="run the publishers and write their files",
        description="Render every installed publisher (or those named by --only) from the "
        "public view of the partnership at an instant, and write their files into DIR "
        "atomically. Exit 0 when all succeeded, 1 when a publisher failed (its previous files "
        "are kept; the others are written), 2 for bad data or usage or an output folder that "
        "must not be replaced, 3 when the output folder cannot be written or another build "
        "keeps it busy. Several partnerships (or a folder of partnership folders) are built "
        "together, each under DIR/ID/. See docs/output-folder.md and docs/county.md.",
    )
    make.add_argument(
        "path",
        nargs="+",
        help="a partnership data file, or a folder with partnership.toml; several of them, or "
        "a folder of partnership folders, build each under DIR/ID/",
    )
    make.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    make.add_argument(
        "--force",
        action="store_true",
        help="build into a non-empty folder no earlier build made (its files are kept) and "
        "overwrite files no earlier build made where a publisher writes",
    )
    make.add_argument(
        "--wait",
        type=_seconds,
        default=LOCK_WAIT,
        metavar="SECONDS",
        help=f"how long to wait while another build writes DIR, then exit 3 "
        f"(default {LOCK_WAIT:g}; 0: refuse at once)",
    )
    make.add_argument(
        "--at",
        metavar="ISO-DATETIME",
        help="the instant the outputs describe (partnership time unless an offset is given); "
        "default: now. The same data and --at give byte-identical files.",
    )
    make.add_argument("--only", metavar="NAME,...", help="run only these publishers")
    make.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="render up to N partnerships at once, each in its own process (default 1; "
        "'auto': one per CPU); the files are the same whatever N",
    )
    make.add_argument(
        "--base-url",
        metavar="URL",
        help="the address DIR will be served from, for absolute links, feed self links, "
        "calendar SOURCE and webcal: links; default: the partnership's site",
    )
    make.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="PUBLISHER.OPTION=VALUE",
        help="set a publisher option (repeatable); see `csp plugins`",
    )
    make.set_defaults(run=_build)

    preview = commands.add_parser(
        "serve",
        help="build and serve the outputs locally for preview",
        description="Build every publisher's output (into a temporary folder, or --out) and "
        "serve it on http://127.0.0.1:PORT/ with each file's own media type "
        "(text/calendar; charset=utf-8 for .ics, application/rss+xml for RSS, ...).",
    )
    preview.add_argument("path", help="a partnership data file, or a folder with partnership.toml")
    preview.add_argument(
        "--port", type=_bounded(0, 65535), default=8000, help="the port (default 8000)"
    )
    preview.add_argument("--at", metavar="ISO-DATETIME", help="the instant; default: now")
    preview.add_argument(
        "--out", metavar="DIR", help="build into DIR instead of a temporary folder"
    )
    preview.set_defaults(run=_serve)

    inspect = commands.add_parser(
        "check",
        help="re-read a built folder as subscribers would, and list every problem",
        description="Read every calendar, feed and page of a built output folder with the "
        "checkers plugins register (calendars with two iCalendar readers, feeds with feedparser "
        "and an XML check, pages for well-formedness and local links) and print one line per "
        "problem as FILE: problem. With --previous, also check each file as an update of the "
        "same file there (stamps never go backwards, nothing vanishes). Exit 0 when nothing is "
        "wrong, 1 when something is, 2 for bad usage. See docs/check.md.",
    )
    inspect.add_argument("dir", metavar="DIR", help="the output folder of a build (--out)")
    inspect.add_argument(
        "--previous",
        metavar="DIR",
        help="a copy of an earlier build of the same folder, to check the update rules against",
    )
    inspect.set_defaults(run=_check)

    listing = commands.add_parser(
        "plugins", help="list installed plugins, their publishers, outputs and options"
    )
    listing.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json: a document following csp_core/schemas/plugins.schema.json (docs/plugins.md)",
    )
    listing.set_defaults(run=_plugins)

    _init_command(commands)

    describe = commands.add_parser(
        "schema",
        help="print the JSON Schema of the data files, for editors and other tools",
        description="Print the JSON Schema (draft 2020-12) of a partnership's data files, "
        "generated from the model: editors use it to complete and check TOML, YAML and JSON "
        "as you type (see docs/schema.md). It checks the shape of a file; `csp validate` "
        "checks everything.",
    )
    describe.add_argument(
        "--kind",
        choices=SCHEMA_KINDS,
        default=PARTNERSHIP,
        help="'partnership' (the default): the main data file, partnership.toml (or .json, "
        ".yaml); 'data-file': a further data file of a partnership folder, lists only",
    )
    describe.add_argument(
        "--out",
        metavar="FILE",
        help="write the schema to FILE (atomically) instead of printing it",
    )
    describe.set_defaults(run=_schema)

    for entry in plugins.commands.values():
        command = entry.command
        extra = commands.add_parser(command.name, help=command.help, description=command.help)
        command.configure(extra)
        extra.set_defaults(run=lambda arguments, _plugins, command=command: command.run(arguments))
    return parser


def _never_fail_to_print() -> None:
    """Whatever the terminal's encoding, print what it cannot show as escapes, not crash."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``csp`` command; return its exit code.

    Plugins are loaded once per call (see :func:`csp_core.plugins.load_plugins`): their
    commands join the built-in ones, their publishers, checkers and data checks serve the
    command.  Errors become one line each and an exit code, in this one place.
    """
    _never_fail_to_print()
    try:
        plugins = load_plugins()
    except PluginError as error:
        return _failed(
            error, "; fix or uninstall it, or choose the plugins to load with CSP_LOAD_PLUGINS"
        )
    arguments = _parser(plugins).parse_args(_strict_alone(sys.argv[1:] if argv is None else argv))
    try:
        code: int = arguments.run(arguments, plugins)
    except DataError as error:  # status, build, serve: the data's problems, nothing done
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = _plural(len(error.problems), "problem")
        where = getattr(arguments, "path", None)
        if isinstance(where, list):  # csp build: one path or several
            where = ", ".join(where)
        place = f" in {where}" if where is not None else ""
        print(one_line(f"csp: {count} found{place}; nothing done"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except OutputError as error:  # build, serve: the output folder is read-only, full or busy
        print(one_line(f"csp: {error}"), file=sys.stderr)
        return EXIT_ENVIRONMENT
    except (PluginError, PublisherError) as error:  # a broken plugin, not the user's input
        return _failed(error)
    except CspError as error:
        print(one_line(f"csp: {error}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:  # the machine, not the data: a folder that cannot be written, ...
        where = f" {error.filename}" if error.filename is not None else ""
        reason = error.strerror or str(error) or type(error).__name__
        print(one_line(f"csp:{where}: {reason}"), file=sys.stderr)
        return EXIT_ENVIRONMENT
    except Exception as error:  # noqa: BLE001 - last resort: a short message, not a traceback
        if _debugging():
            traceback.print_exc()
        print(
            f"csp: internal error ({type(error).__name__}: {error}); "
            "run again with CSP_DEBUG=1 for details and report it",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return code


def _failed(error: CspError, advice: str = "") -> int:
    """A broken plugin: one line (the traceback of its cause too with ``CSP_DEBUG``), exit 1.

    Every command loads the installed plugins first (their commands, checks and publishers
    may serve it), so a plugin that cannot load stops every command, saying which plugin.
    """
    if _debugging():
        traceback.print_exception(error, file=sys.stderr)
    hint = "" if _debugging() else " (CSP_DEBUG=1 shows the traceback)"
    print(one_line(f"csp: {error}{advice}{hint}"), file=sys.stderr)
    return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
