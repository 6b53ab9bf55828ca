"""The plugin API: typed options, the plugin-manager factory, errors that keep their cause,
and the data-check and command hooks, through `load_plugins(extra=...)` and the `csp` command.

Plugins here are small objects registered beside (or instead of) the installed ones; the
worked example plugins of examples/plugins/ are installed and run by test_example_plugins.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import csp_core
from csp_core import (
    BuildContext,
    Command,
    DataCheck,
    DataProblem,
    Option,
    OutputFile,
    Partnership,
    Publisher,
    hookimpl,
    parse_options,
)
from csp_core import cli as cli_module
from csp_core.build import build
from csp_core.cli import main
from csp_core.errors import (
    BuildError,
    CspError,
    OptionError,
    PluginError,
    PublisherError,
    UsageError,
)
from csp_core.options import FALSE_WORDS, TRUE_WORDS
from csp_core.plugins import BUILT_IN_COMMANDS, Plugins, load_plugins, plugin_manager
from tests.data import CAMBRIDGE, ROOT, partnership_header

AT = dt.datetime(2019, 10, 1, 9, tzinfo=dt.UTC)
BASE_URL = "https://csp.example.org/"
STATUS_SCHEMA = json.loads(
    (ROOT / "src" / "csp_core" / "schemas" / "status.schema.json").read_text(encoding="utf-8")
)
INSTALLED = {"html", "ical", "rss"}


# -- Plugins made for the tests ------------------------------------------------------------------

EVERY = Option.duration("every", "how often", default="PT12H")
LIMIT = Option.whole_number("limit", "how many", default=50, low=1, high=500)
SHOW = Option.flag("show", "whether to show it", default=True)
MODE = Option.choice("mode", "which way", default="day", choices=("day", "week"))
NOTE = Option.text("note", "a note", default="")


@attrs.frozen
class Fake:
    """A publisher with one option of each kind, noting the values it is given."""

    name: str = "fake"
    description: str = "a publisher for tests"
    outputs: tuple[str, ...] = ("fake.txt",)
    options: tuple[Any, ...] = (EVERY, LIMIT, SHOW, MODE, NOTE)
    fail: BaseException | None = None
    given: list[dict[str, object]] = attrs.field(factory=list, eq=False)

    def render(self, context: BuildContext) -> Iterable[OutputFile]:
        self.given.append({option.name: context.value(option) for option in self.options})
        if self.fail is not None:
            raise self.fail
        yield OutputFile(path=f"{self.name}.txt", content=b"made", media_type="text/plain")


@attrs.frozen
class Venues:
    """A council's own rule: every public meeting has a venue."""

    name: str = "venues"
    description: str = "every public meeting has a venue"
    fail: bool = False

    def check(self, partnership: Partnership) -> Iterator[DataProblem]:
        if self.fail:
            msg = "the check itself is broken"
            raise RuntimeError(msg)
        for index, meeting in enumerate(partnership.meetings):
            if meeting.public and meeting.venue is None:
                yield DataProblem(path=f"meetings[{index}].venue", message="give the venue")


@attrs.frozen
class Echo:
    """A command printing its words; ``--fail N`` exits N, ``--refuse`` raises a UsageError."""

    name: str = "echo"
    help: str = "print the words given"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("words", nargs="*")
        parser.add_argument("--fail", type=int, default=0)
        parser.add_argument("--refuse", action="store_true")
        parser.add_argument("--load", metavar="PATH")

    def run(self, arguments: argparse.Namespace) -> int:
        if arguments.refuse:
            msg = "echo: nothing to say"
            raise UsageError(msg)
        if arguments.load:
            csp_core.load(arguments.load)
        print(" ".join(arguments.words))
        return int(arguments.fail)


@attrs.frozen(eq=False)  # pluggy tells plugins apart by hash: two equal ones are two plugins
class Plugin:
    """A plugin registering what it is given, and counting how often each hook runs."""

    publishers: tuple[object, ...] = ()
    data_checks: tuple[object, ...] = ()
    commands: tuple[object, ...] = ()
    broken: bool = False
    calls: Counter[str] = attrs.field(factory=Counter, eq=False)

    def _register(
        self, kind: str, things: tuple[object, ...], register: Callable[..., None]
    ) -> None:
        self.calls[kind] += 1
        if self.broken:
            msg = "the plugin's own bug"
            raise ZeroDivisionError(msg)
        for thing in things:
            register(thing)

    @hookimpl
    def register_publishers(self, register: Callable[[Publisher], None]) -> None:
        self._register("publishers", self.publishers, register)

    @hookimpl
    def register_checkers(self, register: Callable[..., None]) -> None:
        self._register("checkers", (), register)

    @hookimpl
    def register_data_checks(self, register: Callable[[DataCheck], None]) -> None:
        self._register("data_checks", self.data_checks, register)

    @hookimpl
    def register_commands(self, register: Callable[[Command], None]) -> None:
        self._register("commands", self.commands, register)


def _only(**plugins: object) -> Plugins:
    """These plugins, without the installed ones."""
    return load_plugins(only=(), extra=plugins)


@pytest.fixture
def csp(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Callable[..., int]]:
    """Run `csp` in this process with the given plugins (``installed=True``: beside the real)."""

    def choose(*, installed: bool = False, **plugins: object) -> Callable[..., int]:
        def chosen() -> Plugins:
            return load_plugins(only=None if installed else (), extra=plugins)

        monkeypatch.setattr(cli_module, "load_plugins", chosen)

        def run(*argv: str | Path) -> int:
            return main([str(argument) for argument in argv])

        return run

    return choose


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# -- Typed options -------------------------------------------------------------------------------


class TestOptionConstructors:
    def test_defaults_are_typed(self) -> None:
        """Each constructor's default is given typed, and kept as text for `csp plugins`."""
        assert EVERY.value() == dt.timedelta(hours=12)
        assert LIMIT.value() == 50
        assert SHOW.value() is True
        assert MODE.value() == "day"
        assert NOTE.value() == ""
        assert [o.default for o in (EVERY, LIMIT, SHOW, MODE, NOTE)] == [
            "PT12H",
            "50",
            "true",
            "day",
            "",
        ]
        assert Option.flag("x", "x", default=False).value() is False

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("PT12H", dt.timedelta(hours=12)),
            ("PT90M", dt.timedelta(minutes=90)),
            ("P1D", dt.timedelta(days=1)),
            ("P1W", dt.timedelta(weeks=1)),
            ("P1DT2H30M15S", dt.timedelta(days=1, hours=2, minutes=30, seconds=15)),
            (" pt6h ", dt.timedelta(hours=6)),
        ],
    )
    def test_duration(self, text: str, value: dt.timedelta) -> None:
        assert EVERY.value(text) == value

    @pytest.mark.parametrize(
        ("text", "says"),
        [
            ("soon", "is not an RFC 5545 duration (for example PT12H"),
            ("12H", "is not an RFC 5545 duration"),
            ("P", "is not an RFC 5545 duration"),
            ("PT", "is not an RFC 5545 duration"),
            ("P1Y", "is not an RFC 5545 duration"),
            ("P1W2D", "is not an RFC 5545 duration"),
            ("-PT1H", "is not an RFC 5545 duration"),
            ("PT0S", "must be longer than zero"),
            ("P0D", "must be longer than zero"),
            ("P99999999999W", "is too long a duration"),
        ],
    )
    def test_duration_refused(self, text: str, says: str) -> None:
        """A bad duration is refused with the value and what would do."""
        with pytest.raises(ValueError, match=re.escape(says)) as refused:
            EVERY.value(text)
        assert str(refused.value).startswith(repr(text))

    @pytest.mark.parametrize("text", ["1", "500", " 7 "])
    def test_whole_number(self, text: str) -> None:
        assert LIMIT.value(text) == int(text)

    @pytest.mark.parametrize("text", ["0", "501", "-3", "1.5", "ten", "", "٣", "1_0", "+5"])
    def test_whole_number_refused(self, text: str) -> None:
        with pytest.raises(ValueError, match="is not a whole number of at least 1 and at most 500"):
            LIMIT.value(text)

    def test_whole_number_without_upper_bound(self) -> None:
        unbounded = Option.whole_number("n", "n", default=0)
        assert unbounded.value("123456789012345678901234567890") == 123456789012345678901234567890
        with pytest.raises(ValueError, match=r"'-1' is not a whole number of at least 0$"):
            unbounded.value("-1")

    def test_choice(self) -> None:
        assert MODE.value(" week ") == "week"
        with pytest.raises(ValueError, match=r"^'Week' is not one of day, week$"):
            MODE.value("Week")

    def test_text(self) -> None:
        assert NOTE.value("  a note, with; anything\\ ") == "a note, with; anything\\"

    def test_own_parser(self) -> None:
        """Option(parse=...) takes any parser that raises ValueError."""

        def colour(text: str) -> tuple[int, int, int]:
            if len(text) != 7 or not text.startswith("#"):
                msg = f"{text!r} is not a colour such as #1d70b8"
                raise ValueError(msg)
            return int(text[1:3], 16), int(text[3:5], 16), int(text[5:], 16)

        option = Option(name="colour", help="the colour", default="#1d70b8", parse=colour)
        assert option.value() == (29, 112, 184)
        with pytest.raises(ValueError, match="is not a colour"):
            option.value("blue")

    @given(
        word=st.sampled_from(sorted(TRUE_WORDS | FALSE_WORDS)),
        upper=st.lists(st.booleans(), min_size=5, max_size=5),
        spaces=st.tuples(st.sampled_from(["", " ", "\t"]), st.sampled_from(["", " ", "\n"])),
    )
    def test_flag_spellings(self, word: str, upper: list[bool], spaces: tuple[str, str]) -> None:
        """Every spelling of yes and no, in any case, with spaces around."""
        cased = "".join(c.upper() if up else c for c, up in zip(word, upper, strict=False))
        cased += word[len(upper) :]
        assert SHOW.value(spaces[0] + cased + spaces[1]) is (word in TRUE_WORDS)

    @given(text=st.text(max_size=12))
    def test_flag_refuses_the_rest(self, text: str) -> None:
        if text.strip().lower() in TRUE_WORDS | FALSE_WORDS:
            return
        with pytest.raises(ValueError, match="is not true or false") as refused:
            SHOW.value(text)
        assert repr(text) in str(refused.value)

    @given(number=st.integers(min_value=-1000, max_value=1000))
    def test_whole_number_bounds(self, number: int) -> None:
        if 1 <= number <= 500:
            assert LIMIT.value(str(number)) == number
        else:
            with pytest.raises(ValueError, match=repr(str(number))):
                LIMIT.value(str(number))

    @given(
        parts=st.one_of(
            st.tuples(st.integers(1, 520)).map(lambda p: (f"P{p[0]}W", dt.timedelta(weeks=p[0]))),
            st.tuples(
                st.integers(0, 400), st.integers(0, 48), st.integers(0, 180), st.integers(0, 7200)
            )
            .filter(any)
            .map(
                lambda p: (
                    f"P{p[0]}DT{p[1]}H{p[2]}M{p[3]}S",
                    dt.timedelta(days=p[0], hours=p[1], minutes=p[2], seconds=p[3]),
                )
            ),
        )
    )
    def test_duration_reads_what_it_says(self, parts: tuple[str, dt.timedelta]) -> None:
        text, value = parts
        assert EVERY.value(text) == value


def _registering(*publishers: object) -> Plugins:
    return _only(mine=Plugin(publishers=publishers))


class TestOptionsCheckedAtRegistration:
    def test_a_default_that_does_not_parse(self) -> None:
        """A publisher whose default is not a value of its own option cannot be loaded."""
        bad = Option.whole_number("limit", "how many", default=0, low=1)
        with pytest.raises(PluginError) as refused:
            _registering(Fake(options=(bad,)))
        message = str(refused.value)
        assert "publisher 'fake' (plugin 'mine')" in message
        assert "the default of option 'limit' is invalid" in message
        assert "'0' is not a whole number of at least 1" in message
        assert isinstance(refused.value.__cause__, ValueError)

    def test_a_default_whose_parser_crashes(self) -> None:
        """A parser raising something other than ValueError on its default: the same refusal."""

        def crash(text: str) -> int:
            return 1 // len(text)

        option = Option(name="n", help="n", default="", parse=crash)
        with pytest.raises(PluginError, match="default of option 'n' is invalid") as refused:
            _registering(Fake(options=(option,)))
        assert isinstance(refused.value.__cause__, ZeroDivisionError)

    def test_the_same_option_twice(self) -> None:
        with pytest.raises(PluginError, match="declares the option 'limit' twice"):
            _registering(Fake(options=(LIMIT, Option.text("limit", "again"))))

    @pytest.mark.parametrize("name", ["", "Limit", "max-items", "1st", "a b", "_x", "x_", "é"])
    def test_invalid_option_names(self, name: str) -> None:
        with pytest.raises(PluginError, match=f"invalid name {name!r}"):
            _registering(Fake(options=(Option.text(name, "a name"),)))

    def test_not_an_option(self) -> None:
        with pytest.raises(
            PluginError, match=r"publisher 'fake' .* declares 'limit'.*not an Option"
        ):
            _registering(Fake(options=("limit",)))

    @pytest.mark.parametrize("name", ["", "Fake", "fake_1", "-fake", "fake-", "fa ke"])
    def test_invalid_publisher_names(self, name: str) -> None:
        with pytest.raises(PluginError, match=f"plugin 'mine' .* invalid name {name!r}"):
            _registering(Fake(name=name))

    def test_every_installed_option_has_a_valid_default(self) -> None:
        """The in-repo publishers load, so each default parses (checked at registration)."""
        loaded = load_plugins()
        assert set(loaded.publishers) >= INSTALLED
        for entry in loaded.publishers.values():
            assert parse_options(entry.publisher, {}).keys() == {
                option.name for option in entry.publisher.options
            }


class TestParseOptions:
    def test_defaults_and_given_values(self) -> None:
        parsed = parse_options(Fake(), {"every": "P1D", "show": "no"})
        assert parsed == {
            "every": dt.timedelta(days=1),
            "limit": 50,
            "show": False,
            "mode": "day",
            "note": "",
        }

    def test_unknown_option(self) -> None:
        with pytest.raises(OptionError) as refused:
            parse_options(Fake(), {"colour": "red"})
        assert (refused.value.publisher, refused.value.option) == ("fake", "colour")
        assert str(refused.value) == (
            "--option fake.colour: no such option "
            "(the options of 'fake': every, limit, mode, note, show)"
        )

    def test_bad_value(self) -> None:
        with pytest.raises(OptionError) as refused:
            parse_options(Fake(), {"limit": "lots"})
        assert (refused.value.publisher, refused.value.option) == ("fake", "limit")
        assert str(refused.value) == (
            "--option fake.limit: 'lots' is not a whole number of at least 1 and at most 500"
        )
        assert isinstance(refused.value, BuildError)

    def test_a_publisher_without_options(self) -> None:
        with pytest.raises(OptionError, match=r"the options of 'fake': none\)"):
            parse_options(Fake(options=()), {"x": "1"})


class TestBuildChecksOptionsFirst:
    def test_typed_values_reach_the_publisher(self, tmp_path: Path, cambridge: Partnership) -> None:
        fake = Fake()
        options = {"fake": {"every": "PT30M", "limit": "3", "show": "off", "mode": "week"}}
        result = build(
            cambridge, tmp_path / "out", AT, options=options, registry=_registering(fake).publishers
        )
        assert result.ok
        assert fake.given == [
            {
                "every": dt.timedelta(minutes=30),
                "limit": 3,
                "show": False,
                "mode": "week",
                "note": "",
            }
        ]

    @pytest.mark.parametrize(
        ("options", "where"),
        [
            ({"second": {"limit": "0"}}, "second.limit"),
            ({"first": {"every": "PT0S"}}, "first.every"),
            ({"second": {"colour": "red"}}, "second.colour"),
            ({"third": {"limit": "1"}}, "third.limit"),
        ],
    )
    def test_nothing_runs_and_nothing_is_written(
        self,
        tmp_path: Path,
        cambridge: Partnership,
        options: dict[str, dict[str, str]],
        where: str,
    ) -> None:
        """A bad value, an unknown option or publisher: an OptionError before any publisher
        runs, naming them; the output folder is not even made."""
        first, second = Fake(name="first"), Fake(name="second")
        registry = _registering(first, second).publishers
        with pytest.raises(OptionError, match=rf"^--option {where}: "):
            build(cambridge, tmp_path / "out", AT, options=options, registry=registry)
        assert (first.given, second.given) == ([], [])
        assert not (tmp_path / "out").exists()

    def test_a_previous_build_is_left_alone(self, tmp_path: Path, cambridge: Partnership) -> None:
        out = tmp_path / "out"
        registry = _registering(Fake()).publishers
        assert build(cambridge, out, AT, registry=registry).ok
        before = _tree(out)
        with pytest.raises(OptionError):
            build(cambridge, out, AT, options={"fake": {"mode": "month"}}, registry=registry)
        assert _tree(out) == before


class TestOptionsOnTheCommandLine:
    @pytest.mark.parametrize(
        ("option", "says"),
        [
            ("ical.refresh_interval=soon", "--option ical.refresh_interval: 'soon' is not an RFC"),
            ("ical.deadlines=maybe", "--option ical.deadlines: 'maybe' is not true or false"),
            ("rss.limit=-3", "--option rss.limit: '-3' is not a whole number"),
            ("html.feeds=perhaps", "--option html.feeds: 'perhaps' is not true or false"),
            ("ical.colour=blue", "--option ical.colour: no such option (the options of 'ical': "),
            ("atom.limit=3", "--option atom.limit: 'atom' is not a publisher being run"),
        ],
    )
    def test_refused_with_exit_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, says: str
    ) -> None:
        """The real publishers' options: one line naming the publisher and option, exit 2,
        and the previous output exactly as it was."""
        out = tmp_path / "out"
        argv = ["build", str(CAMBRIDGE), "--out", str(out), "--at", "2019-10-01T09:00"]
        assert main(argv) == 0
        before = _tree(out)
        capsys.readouterr()
        assert main([*argv, "--at", "2020-03-01T09:00", "--option", option]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.splitlines() == [captured.err.rstrip("\n")]
        assert captured.err.startswith(f"csp: {says}")
        assert _tree(out) == before

    def test_every_refusal_of_every_installed_option(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Whatever installed option refuses a value refuses it on the command line: exit 2."""
        refusals = 0
        for entry in load_plugins().publishers.values():
            for option in entry.publisher.options:
                for value in ("nonsense value", "-1", "0", "PT0S", "\x00"):
                    try:
                        option.value(value)
                    except ValueError:
                        pass
                    else:
                        continue
                    refusals += 1
                    name = f"{entry.publisher.name}.{option.name}"
                    argv = ["build", str(CAMBRIDGE), "--out", str(tmp_path / "out")]
                    assert main([*argv, "--option", f"{name}={value}"]) == 2, name
                    assert f"--option {name}: " in capsys.readouterr().err
                    break
        assert refusals >= 5
        assert not (tmp_path / "out").exists()


# -- The plugin-manager factory --------------------------------------------------------------


class TestFactory:
    def test_each_call_makes_a_new_manager(self) -> None:
        first, second = plugin_manager(), plugin_manager()
        assert first is not second
        first.register(Plugin(publishers=(Fake(),)), name="late")
        assert first.has_plugin("late")
        assert not second.has_plugin("late")
        assert "fake" not in load_plugins().publishers

    def test_extra_plugins_stay_in_their_call(self) -> None:
        assert "fake" in load_plugins(extra={"mine": Plugin(publishers=(Fake(),))}).publishers
        assert "fake" not in load_plugins().publishers
        assert set(load_plugins().publishers) >= INSTALLED

    def test_csp_load_plugins_is_read_at_every_call(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The old process-wide cache kept the first choice for good."""
        monkeypatch.setenv("CSP_LOAD_PLUGINS", "ical")
        assert set(load_plugins().publishers) == {"ical"}
        monkeypatch.setenv("CSP_LOAD_PLUGINS", " rss , html ")
        assert set(load_plugins().publishers) == {"rss", "html"}
        monkeypatch.setenv("CSP_LOAD_PLUGINS", "")
        assert dict(load_plugins().publishers) == {}
        monkeypatch.delenv("CSP_LOAD_PLUGINS")
        assert set(load_plugins().publishers) >= INSTALLED

    def test_csp_load_plugins_in_one_process(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`csp plugins` twice in one process, with different choices: each sees its own."""
        monkeypatch.setenv("CSP_LOAD_PLUGINS", "ical")
        assert main(["plugins"]) == 0
        first = capsys.readouterr().out
        monkeypatch.setenv("CSP_LOAD_PLUGINS", "rss")
        assert main(["plugins"]) == 0
        second = capsys.readouterr().out
        assert "publisher ical:" in first
        assert "publisher rss:" not in first
        assert "publisher rss:" in second
        assert "publisher ical:" not in second

    def test_only_wins_over_the_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("CSP_LOAD_PLUGINS", "ical")
        assert set(load_plugins(only=["rss"]).publishers) == {"rss"}
        names = {name for name, _ in plugin_manager(only=["html"]).list_name_plugin()}
        assert "html" in names
        assert not names & {"ical", "rss"}

    def test_block(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Blocked plugins never load: installed ones, and extra ones by their name."""
        assert set(load_plugins(block=["ical"]).publishers) >= {"rss", "html"}
        assert "ical" not in load_plugins(block=["ical"]).publishers
        extra = {"mine": Plugin(publishers=(Fake(),))}
        assert "fake" not in load_plugins(block=["mine"], extra=extra).publishers
        monkeypatch.setenv("CSP_LOAD_PLUGINS", "ical,rss")
        assert set(load_plugins(block=["rss"]).publishers) == {"ical"}

    def test_each_hook_runs_once_per_load(self) -> None:
        """register_* run once each when plugins are loaded, not once per use."""
        plugin = Plugin(publishers=(Fake(),), data_checks=(Venues(),), commands=(Echo(),))
        loaded = load_plugins(extra={"mine": plugin})
        assert loaded.installed()
        assert set(loaded.publishers) >= {"fake", *INSTALLED}
        expected = {"publishers": 1, "checkers": 1, "data_checks": 1, "commands": 1}
        assert plugin.calls == expected
        load_plugins(extra={"mine": plugin})
        assert plugin.calls == dict.fromkeys(expected, 2)

    def test_each_hook_runs_once_per_command(
        self, tmp_path: Path, csp: Callable[..., Callable[..., int]]
    ) -> None:
        """`csp build` loads plugins once: each hook ran once (it used to run three times)."""
        plugin = Plugin(publishers=(Fake(),))
        run = csp(installed=True, mine=plugin)
        assert run("build", CAMBRIDGE, "--out", tmp_path / "out", "--only", "fake") == 0
        assert plugin.calls == {"publishers": 1, "checkers": 1, "data_checks": 1, "commands": 1}

    def test_what_is_installed(self) -> None:
        plugin = Plugin(publishers=(Fake(),), data_checks=(Venues(),), commands=(Echo(),))
        (info,) = _only(mine=plugin).installed()
        assert (info.name, info.distribution, info.version) == ("mine", None, None)
        assert [p.name for p in info.publishers] == ["fake"]
        assert [c.name for c in info.data_checks] == ["venues"]
        assert [c.name for c in info.commands] == ["echo"]
        installed = {info.name: info for info in load_plugins().installed()}
        assert set(installed) >= INSTALLED
        assert installed["ical"].distribution == "csp-ical"

    def test_a_hook_that_raises_names_the_plugin(self) -> None:
        with pytest.raises(PluginError, match="plugin 'mine' failed to register its publishers"):
            _only(mine=Plugin(broken=True))

    def test_an_unknown_hook_is_refused(self) -> None:
        class Misspelt:
            @hookimpl
            def register_publisher(self, register: object) -> None:
                """Not a hook: the spec is register_publishers."""

        with pytest.raises(PluginError, match="register_publisher"):
            _only(misspelt=Misspelt())


# -- A publisher that fails ------------------------------------------------------------------


class TestPublisherError:
    def test_the_cause_is_kept(self, tmp_path: Path, cambridge: Partnership) -> None:
        boom = RuntimeError("deliberate failure")
        registry = _registering(Fake(fail=boom), Fake(name="other")).publishers
        result = build(cambridge, tmp_path / "out", AT, registry=registry)
        (failure,) = result.failures
        assert (failure.publisher, failure.plugin) == ("fake", "mine")
        assert failure.message == "RuntimeError: deliberate failure"
        error = failure.error
        assert isinstance(error, PublisherError)
        assert isinstance(error, CspError)
        assert (error.publisher, error.plugin) == ("fake", "mine")
        assert error.__cause__ is boom
        assert boom.__traceback__ is not None
        assert (
            str(error)
            == "publisher 'fake' (plugin 'mine') failed: RuntimeError: deliberate failure"
        )
        assert [written.path for written in result.written] == ["other.txt"]

    def test_something_that_is_not_a_file(self, tmp_path: Path, cambridge: Partnership) -> None:
        @attrs.frozen
        class Odd(Fake):
            def render(self, context: BuildContext) -> Iterable[OutputFile]:
                return ["a.txt"]  # type: ignore[list-item]

        result = build(cambridge, tmp_path / "out", AT, registry=_registering(Odd()).publishers)
        (failure,) = result.failures
        assert failure.message == "TypeError: returned str, not OutputFile"
        assert failure.error is not None
        assert isinstance(failure.error.__cause__, TypeError)

    def _failing(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        monkeypatch: pytest.MonkeyPatch,
        debug: str | None,
    ) -> int:
        if debug is None:
            monkeypatch.delenv("CSP_DEBUG", raising=False)
        else:
            monkeypatch.setenv("CSP_DEBUG", debug)
        run = csp(mine=Plugin(publishers=(Fake(fail=RuntimeError("deliberate failure")),)))
        return run("build", CAMBRIDGE, "--out", tmp_path / "out", "--base-url", BASE_URL)

    @pytest.mark.parametrize("debug", [None, "", "0"])
    def test_one_line_without_debug(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        debug: str | None,
    ) -> None:
        assert self._failing(tmp_path, csp, monkeypatch, debug) == 1
        err = capsys.readouterr().err
        assert err.splitlines() == [
            "csp build: publisher 'fake' (plugin 'mine') failed: RuntimeError: deliberate "
            "failure; its previous files were kept"
        ]

    def test_the_traceback_with_debug(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """CSP_DEBUG=1: the publisher's own traceback, down to the line that raised."""
        assert self._failing(tmp_path, csp, monkeypatch, "1") == 1
        err = capsys.readouterr().err
        assert err.startswith("Traceback (most recent call last):")
        assert "RuntimeError: deliberate failure" in err
        assert "direct cause of the following exception" in err
        assert re.search(rf'File "{re.escape(__file__)}", line \d+, in render\n', err)
        assert err.rstrip("\n").splitlines()[-1].startswith("csp build: publisher 'fake'")

    @pytest.mark.parametrize("debug", [False, True])
    def test_a_plugin_that_cannot_load(
        self,
        csp: Callable[..., Callable[..., int]],
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        debug: bool,
    ) -> None:
        """A plugin broken at load: exit 1 whatever the command, with its name; the cause's
        traceback only with CSP_DEBUG."""
        if debug:
            monkeypatch.setenv("CSP_DEBUG", "1")
        else:
            monkeypatch.delenv("CSP_DEBUG", raising=False)
        run = csp(broken=Plugin(broken=True))
        assert run("validate", CAMBRIDGE) == 1
        err = capsys.readouterr().err
        last = err.rstrip("\n").splitlines()[-1]
        assert last.startswith("csp: plugin 'broken' failed to register its publishers:")
        assert "the plugin's own bug" in last
        if debug:
            assert "Traceback" in err
            assert "ZeroDivisionError: the plugin's own bug" in err
        else:
            assert err.splitlines() == [last]
            assert last.endswith("(CSP_DEBUG=1 shows the traceback)")


# -- Data checks --------------------------------------------------------------------------------

MEETING = """
[[meetings]]
id = "{id}"
body = "board"
title = "Board meeting"
start = {start}
{venue}"""
VENUE = """[meetings.venue]
name = "Guildhall"
address = ["Market Square", "Testford"]
postcode = "CB2 3QJ"
"""


def _folder(tmp_path: Path, *meetings: tuple[str, str, str, bool]) -> Path:
    """A partnership folder: partnership.toml and one file per (file, id, start, has venue)."""
    folder = tmp_path / "data"
    (folder / "meetings").mkdir(parents=True)
    agency = textwrap.dedent("""
        [[agencies]]
        id = "council"
        name = "Testford Council"
        sector = "council"
        responsible_authority = true
        memberships = [{ role = "member", since = 2017-04-01 }]
        """)
    header = partnership_header(timezone="Europe/London")
    (folder / "partnership.toml").write_text(header + agency, encoding="utf-8")
    for file, meeting_id, start, venue in meetings:
        text = MEETING.format(id=meeting_id, start=start, venue=VENUE if venue else "")
        path = folder / file
        path.write_text(path.read_text(encoding="utf-8") + text if path.exists() else text)
    return folder


#: Three files; the meetings without a venue are the second of b.toml and the only one of c.toml,
#: and c.toml's meeting is the earliest (files are read in path order, not time order).
THREE_FILES = (
    ("meetings/a.toml", "a1", "2019-06-11T10:00:00", True),
    ("meetings/b.toml", "b1", "2019-07-11T10:00:00", True),
    ("meetings/b.toml", "b2", "2019-08-11T10:00:00", False),
    ("meetings/c.toml", "c1", "2019-01-11T10:00:00", False),
)


class TestDataChecks:
    def test_registered(self) -> None:
        loaded = _only(mine=Plugin(data_checks=(Venues(),)))
        assert list(loaded.data_checks) == ["venues"]
        assert loaded.data_checks["venues"].plugin == "mine"

    def test_duplicate_names_name_both_plugins(self) -> None:
        with pytest.raises(PluginError, match="'venues' is registered by both 'one' and 'two'"):
            _only(one=Plugin(data_checks=(Venues(),)), two=Plugin(data_checks=(Venues(),)))

    @pytest.mark.parametrize("thing", [object(), Fake(), Venues(name="Venues")])
    def test_not_a_data_check(self, thing: object) -> None:
        with pytest.raises(PluginError, match="plugin 'mine' registered"):
            _only(mine=Plugin(data_checks=(thing,)))

    def test_validate_locates_each_problem_in_its_file(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        folder = _folder(tmp_path, *THREE_FILES)
        run = csp(mine=Plugin(data_checks=(Venues(),)))
        assert run("validate", folder) == 2
        captured = capsys.readouterr()
        assert captured.out.splitlines() == [
            f"{folder / 'meetings' / 'b.toml'}: meetings[1].venue: give the venue [venues]",
            f"{folder / 'meetings' / 'c.toml'}: meetings[0].venue: give the venue [venues]",
        ]
        assert captured.err == f"2 problems found in {folder}\n"

    def test_validate_passes_when_the_check_finds_nothing(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        folder = _folder(tmp_path, *THREE_FILES[:2])
        assert csp(mine=Plugin(data_checks=(Venues(),)))("validate", folder) == 0
        assert ": valid. " in capsys.readouterr().out

    def test_the_data_comes_first(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Data that does not load: its problems alone (the checks need a partnership)."""
        folder = _folder(tmp_path, ("meetings/a.toml", "a1", "2019-06-11T10:00:00", False))
        (folder / "meetings" / "z.toml").write_text("[[meetings]]\nid = 3\n", encoding="utf-8")
        assert csp(mine=Plugin(data_checks=(Venues(),)))("validate", folder) == 2
        out = capsys.readouterr().out
        assert "meetings/z.toml: meetings[0]" in out
        assert "[venues]" not in out

    def test_status_lists_them_and_strict_fails(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        folder = _folder(tmp_path, *THREE_FILES)
        run = csp(mine=Plugin(data_checks=(Venues(),)))
        at = ("--at", "2018-06-01T09:00")
        assert run("status", folder, *at) == 0
        out = capsys.readouterr().out
        section = out.split("The partnership's own checks (2)\n", 1)[1]
        assert section.splitlines()[:2] == [
            f"  {folder / 'meetings' / 'b.toml'}: meetings[1].venue: give the venue [venues]",
            f"  {folder / 'meetings' / 'c.toml'}: meetings[0].venue: give the venue [venues]",
        ]
        assert run("status", folder, *at, "--strict") == 1
        assert "2 problems found by the partnership's own checks" in capsys.readouterr().err

    def test_status_json(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        folder = _folder(tmp_path, *THREE_FILES)
        run = csp(mine=Plugin(data_checks=(Venues(),)))
        assert run("status", folder, "--at", "2018-06-01T09:00", "--format", "json") == 0
        data = json.loads(capsys.readouterr().out)
        assert data["local_checks"] == [
            {
                "file": str(folder / "meetings" / "b.toml"),
                "path": "meetings[1].venue",
                "message": "give the venue [venues]",
            },
            {
                "file": str(folder / "meetings" / "c.toml"),
                "path": "meetings[0].venue",
                "message": "give the venue [venues]",
            },
        ]
        jsonschema.validate(data, STATUS_SCHEMA)

    def test_status_json_when_all_is_well(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A data check that finds nothing: an empty list; no data check: no list at all."""
        folder = _folder(tmp_path, *THREE_FILES[:2])
        argv = ("status", folder, "--at", "2018-06-01T09:00", "--format", "json")
        assert csp(mine=Plugin(data_checks=(Venues(),)))(*argv) == 0
        checked = json.loads(capsys.readouterr().out)
        assert checked["local_checks"] == []
        assert csp()(*argv) == 0
        unchecked = json.loads(capsys.readouterr().out)
        assert "local_checks" not in unchecked
        for data in (checked, unchecked):
            jsonschema.validate(data, STATUS_SCHEMA)

    def test_status_without_checks_says_nothing_of_them(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        folder = _folder(tmp_path, *THREE_FILES)
        assert csp()("status", folder, "--at", "2018-06-01T09:00", "--strict") == 0
        assert "own checks" not in capsys.readouterr().out

    def test_a_check_that_raises_is_a_broken_plugin(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        folder = _folder(tmp_path, *THREE_FILES)
        assert csp(mine=Plugin(data_checks=(Venues(fail=True),)))("validate", folder) == 1
        err = capsys.readouterr().err
        assert "data check 'venues' failed: RuntimeError: the check itself is broken" in err

    def test_a_check_that_yields_text_is_a_broken_plugin(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        @attrs.frozen
        class Careless(Venues):
            def check(self, partnership: Partnership) -> Iterator[DataProblem]:
                yield "meetings[0]: no"  # type: ignore[misc]

        folder = _folder(tmp_path, *THREE_FILES)
        assert csp(mine=Plugin(data_checks=(Careless(),)))("validate", folder) == 1
        err = capsys.readouterr().err
        assert (
            "data check 'venues' failed: TypeError: yielded 'meetings[0]: no', not a DataProblem"
            in err
        )


# -- Commands ---------------------------------------------------------------------------------


class TestCommands:
    def test_runs_with_its_arguments(
        self, csp: Callable[..., Callable[..., int]], capsys: pytest.CaptureFixture[str]
    ) -> None:
        run = csp(mine=Plugin(commands=(Echo(),)))
        assert run("echo", "hello", "world") == 0
        assert capsys.readouterr().out == "hello world\n"
        assert run("echo", "--fail", "4") == 4

    def test_listed_in_help_and_plugins(
        self, csp: Callable[..., Callable[..., int]], capsys: pytest.CaptureFixture[str]
    ) -> None:
        run = csp(mine=Plugin(commands=(Echo(),)))
        with pytest.raises(SystemExit) as exited:
            run("--help")
        assert exited.value.code == 0
        assert "print the words given" in capsys.readouterr().out
        assert run("plugins") == 0
        assert "  command csp echo: print the words given" in capsys.readouterr().out

    def test_its_errors_are_the_users(
        self,
        tmp_path: Path,
        csp: Callable[..., Callable[..., int]],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A CspError from a command: one line, exit 2; bad data: the problems, exit 2."""
        run = csp(mine=Plugin(commands=(Echo(),)))
        assert run("echo", "--refuse") == 2
        assert capsys.readouterr().err == "csp: echo: nothing to say\n"
        bad = tmp_path / "p.toml"
        bad.write_text('id = "x"\n', encoding="utf-8")
        assert run("echo", "--load", bad) == 2
        err = capsys.readouterr().err
        assert "name: required field is missing" in err
        assert "Traceback" not in err

    @pytest.mark.parametrize("name", sorted(BUILT_IN_COMMANDS))
    def test_a_built_in_name_is_refused(
        self,
        name: str,
        csp: Callable[..., Callable[..., int]],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        plugin = Plugin(commands=(Echo(name=name),))
        with pytest.raises(PluginError, match=f"plugin 'mine' registered a command '{name}'"):
            _only(mine=plugin)
        assert csp(mine=plugin)("validate", CAMBRIDGE) == 1
        assert f"registered a command '{name}', which csp has already" in capsys.readouterr().err

    def test_the_built_in_names_are_the_commands(self) -> None:
        """BUILT_IN_COMMANDS is what `csp` has, so a new built-in cannot be shadowed."""
        parser = cli_module._parser(_only())
        (commands,) = (
            action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
        )
        assert set(commands.choices) == BUILT_IN_COMMANDS

    def test_duplicate_names_name_both_plugins(self) -> None:
        with pytest.raises(PluginError, match="'echo' is registered by both 'one' and 'two'"):
            _only(one=Plugin(commands=(Echo(),)), two=Plugin(commands=(Echo(),)))

    @pytest.mark.parametrize("thing", [object(), Venues()])
    def test_not_a_command(self, thing: object) -> None:
        with pytest.raises(PluginError, match=r"plugin 'mine' registered .* not a command"):
            _only(mine=Plugin(commands=(thing,)))

    def test_invalid_name(self) -> None:
        with pytest.raises(PluginError, match="invalid name 'Echo'"):
            _only(mine=Plugin(commands=(Echo(name="Echo"),)))
