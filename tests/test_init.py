"""``csp init``: a new partnership folder that validates clean and builds at once.

For each nation and language set, the folder is written, validated (its only warning the
placeholder postcode, when no postcode was given), built, and its calendar and feeds read by
the real clients (icalendar, feedparser).  Refusals write nothing.  A property checks that the
TOML written round-trips any name and area exactly (quotes, backslashes, Welsh letters).
"""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

import feedparser
import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

import csp_core
from csp_core import ACCESS_LAW, STATUTORY_CLEAR_DAYS, Nation
from csp_core.cli import main
from csp_core.errors import UsageError
from csp_core.scaffold import PLACEHOLDER_POSTCODE, Answers, init, scaffold, toml_string
from tests.strategies import examples

AT = "2026-01-05T09:00"
BASE = "https://csp.example.org/"

#: (nation, languages, names, areas): every nation, one and two languages, each order.
CASES = [
    ("england", "en-GB", ["Testshire Community Safety Partnership"], ["Testshire"]),
    (
        "wales",
        "cy,en-GB",
        ["Partneriaeth Diogelwch Cymunedol Ynys Môn", "Anglesey CSP"],
        ["Ynys Môn", "Anglesey"],
    ),
    ("wales", "en-GB,cy", ["Wrexham CSP", "Partneriaeth Wrecsam"], ["Wrexham", "Wrecsam"]),
    ("scotland", "en-GB", ["Glenshire Community Safety Partnership"], ["Glenshire"]),
    ("northern-ireland", "en-GB", ["Loughside PCSP"], ["Loughside"]),
    ("england", "en-GB,cy", ["Border CSP", "PDC y Ffin"], ["Border", "Y Ffin"]),
]


def _run(capsys: pytest.CaptureFixture[str], *arguments: str | Path) -> tuple[int, str, str]:
    code = main([str(argument) for argument in arguments])
    out, err = capsys.readouterr()
    return code, out, err


def _init_arguments(nation: str, languages: str, names: list[str], areas: list[str]) -> list[str]:
    arguments = ["--nation", nation, "--languages", languages]
    for name in names:
        arguments += ["--name", name]
    for area in areas:
        arguments += ["--area", area]
    return arguments


@pytest.mark.parametrize(("nation", "languages", "names", "areas"), CASES)
def test_init_validates_and_builds(
    nation: str,
    languages: str,
    names: list[str],
    areas: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "new"
    code, out, err = _run(
        capsys,
        "init",
        folder,
        *_init_arguments(nation, languages, names, areas),
        "--postcode",
        "ll77 7tw",
    )
    assert code == 0, err
    assert "wrote" in out
    code, out, err = _run(capsys, "validate", folder)
    assert code == 0, out + err
    assert "warning" not in out, out  # a postcode given, every text in every language
    partnership = csp_core.load(folder)
    tags = tuple(languages.split(","))
    assert partnership.languages == tags
    assert partnership.nation is Nation(nation)
    assert [body.id for body in partnership.bodies] == ["board"]
    assert [agency.sector.value for agency in partnership.agencies] == ["council"]
    assert partnership.meetings == ()  # the example meeting is commented out: nothing invented
    assert partnership.contact.postcode == "LL77 7TW"
    text = (folder / "partnership.toml").read_text(encoding="utf-8")
    assert text.startswith("#:schema ./_schema/partnership.schema.json\n")
    assert (folder / "_schema" / "partnership.schema.json").read_text(encoding="utf-8") == (
        csp_core.schema_text("partnership")
    )
    # The nation's law and minimum notice, from the model's constants.
    law = ACCESS_LAW[Nation(nation)]
    assert law.citation in text
    assert f"# clear_working_days = {STATUTORY_CLEAR_DAYS[Nation(nation)]}\n" in text
    if len(tags) > 1:
        data = tomllib.loads(text)
        assert data["name"] == dict(zip(tags, names, strict=True))
        assert data["area"] == dict(zip(tags, areas, strict=True))
    out_folder = tmp_path / "site"
    code, out, err = _run(
        capsys, "build", folder, "--out", out_folder, "--at", AT, "--base-url", BASE
    )
    assert code == 0, out + err
    for tag in tags:
        prefix = out_folder if tag == tags[0] else out_folder / tag.lower()
        calendar = icalendar.Calendar.from_ical((prefix / "calendar.ics").read_bytes())
        assert calendar.walk("VEVENT") == []
        feed = feedparser.parse((prefix / "feeds" / "rss.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.title
        assert (prefix / "index.html").is_file()
    code, out, err = _run(capsys, "check", out_folder)
    assert code == 0, out + err


def test_init_without_a_postcode_warns_of_the_placeholder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new"
    code, out, _ = _run(
        capsys,
        "init",
        folder,
        "--name",
        "Testshire CSP",
        "--area",
        "Testshire",
        "--nation",
        "england",
    )
    assert code == 0
    assert PLACEHOLDER_POSTCODE in out
    code, out, _ = _run(capsys, "validate", folder)
    assert code == 0
    warnings = [line for line in out.splitlines() if "warning" in line]
    assert warnings == [
        f"{folder / 'partnership.toml'}: contact.postcode: warning: {PLACEHOLDER_POSTCODE} is the "
        "placeholder csp init wrote, not a real postcode: put the partnership's own"
    ]


def test_a_welsh_partnership_defaults_to_welsh_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # One name and area: given in the primary language (Welsh); the English ones are left out,
    # so csp validate warns (deliberately) and the English outputs fall back to the Welsh.
    folder = tmp_path / "new"
    code, _, err = _run(
        capsys,
        "init",
        folder,
        "--name",
        "PDC Profdref",
        "--area",
        "Profdref",
        "--nation",
        "wales",
        "--postcode",
        "LL11 1AA",
    )
    assert code == 0, err
    data = tomllib.loads((folder / "partnership.toml").read_text(encoding="utf-8"))
    assert data["languages"] == ["cy", "en-GB"]
    assert data["name"] == {"cy": "PDC Profdref"}
    assert data["agencies"][0]["name"] == {"cy": "Cyngor Profdref"}
    code, out, _ = _run(capsys, "validate", folder)
    assert code == 0
    # name, area, the board's name, the council's, the two lines of the contact's address
    assert out.count("warning: no text in en-GB") == 6


def test_councils_and_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "joint"
    code, _, err = _run(
        capsys,
        "init",
        folder,
        "--name",
        "Joint CSP",
        "--area",
        "North and South",
        "--nation",
        "england",
        "--council",
        "North District Council",
        "--council",
        "South Borough Council",
        "--id",
        "joint",
        "--postcode",
        "CB1 0JH",
    )
    assert code == 0, err
    partnership = csp_core.load(folder)
    assert partnership.id == "joint"
    assert [(a.id, a.name) for a in partnership.agencies] == [
        ("council-1", "North District Council"),
        ("council-2", "South Borough Council"),
    ]


# -- Refusals: exit 2, nothing written ---------------------------------------------------------

REQUIRED = ["--name", "N CSP", "--area", "N", "--nation", "england"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--area", "N", "--nation", "england"], "--name is missing"),
        (["--name", "N CSP", "--nation", "england"], "--area is missing"),
        (["--name", "N CSP", "--area", "N"], "--nation is missing"),
        ([*REQUIRED, "--name", "Two"], "--name: given 2 times for 1 language"),
        (["--name", "N\nCSP", "--area", "N", "--nation", "england"], "line break"),
        ([*REQUIRED, "--id", "Not An Id"], "is not an id"),
        (["--name", "N", "--area", "!!!", "--nation", "england"], "--id: no id can be made"),
        ([*REQUIRED, "--language", "fr"], "--language"),
        ([*REQUIRED, "--postcode", "nowhere"], "--postcode: 'nowhere' is not a UK postcode"),
    ],
)
def test_refused(
    arguments: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", None)  # not a terminal: nothing is asked
    code, _, err = _run(capsys, "init", tmp_path / "new", *arguments)
    assert code == 2
    assert message in err
    assert list(tmp_path.iterdir()) == []  # no folder, no staging left beside it


def test_a_folder_that_is_not_empty_is_never_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "existing"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, "init", folder, *REQUIRED)
    assert code == 2
    assert "not empty" in err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    assert _run(capsys, "init", file, *REQUIRED)[0] == 2
    assert file.read_text(encoding="utf-8") == "x"


def test_an_empty_folder_is_filled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert _run(capsys, "init", folder, *REQUIRED)[0] == 0
    assert (folder / "partnership.toml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_prompts_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(
        ["wales", "", "Partneriaeth Profdref", "Profdref CSP", "Profdref", "Testford", "ll11 1aa"]
    )
    asked: list[str] = []

    class Terminal:
        def isatty(self) -> bool:
            return True

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers)

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", ask)
    code, _, err = _run(capsys, "init", tmp_path / "new")
    assert code == 0, err
    assert len(asked) == 7  # nation, languages (default taken), two names, two areas, postcode
    partnership = csp_core.load(tmp_path / "new")
    assert partnership.languages == ("cy", "en-GB")
    assert partnership.id == "profdref"
    assert partnership.contact.postcode == "LL11 1AA"


def test_interrupted_init_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A failure while writing (as a kill would leave it) leaves neither the folder nor staging.
    answers = Answers(
        id="t",
        name={"en-GB": "T"},
        area={"en-GB": "T"},
        nation=Nation.ENGLAND,
        languages=("en-GB",),
    )

    def broken(*_arguments: object, **_options: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", broken)
    with pytest.raises(OSError, match="No space"):
        init(tmp_path / "new", answers)
    assert list(tmp_path.iterdir()) == []


# -- The TOML written round-trips any name and area ---------------------------------------------

#: One-line texts: no control characters or surrogates, not blank; quotes, backslashes, Welsh.
_LINE = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")),
        st.sampled_from(['"', "\\", "'", "ŵ", "ŷ", "Ŵ", "ŷ", "\u2028", "#", "$", "{"]),
    ),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() != "")


@examples(60)
@given(name=_LINE, area=_LINE, welsh=st.booleans())
def test_toml_round_trips_the_exact_values(name: str, area: str, welsh: bool) -> None:
    languages = ("cy", "en-GB") if welsh else ("en-GB",)
    answers = Answers(
        id="t",
        name=dict.fromkeys(languages, name),
        area=dict.fromkeys(languages, area),
        nation=Nation.WALES if welsh else Nation.ENGLAND,
        languages=languages,
        postcode="CB1 0JH",
    )
    files = scaffold(answers)
    data = tomllib.loads(files["partnership.toml"])
    expected_name = dict.fromkeys(languages, name) if welsh else name
    assert data["name"] == expected_name
    assert data["area"] == (dict.fromkeys(languages, area) if welsh else area)
    assert data["bodies"][0]["name"] == expected_name
    assert data["contact"]["address"] == [expected_name, data["area"]]
    tomllib.loads(files["meetings/example.toml"])
    with tempfile.TemporaryDirectory() as work:
        partnership = csp_core.load(init(Path(work) / "new", answers))
    assert str(partnership.name) == name


@given(text=st.text(min_size=1, max_size=20))
def test_toml_string_is_a_toml_basic_string(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return  # a lone surrogate: no TOML file holds one, and csp init refuses it
    assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text


@pytest.mark.parametrize("bad", ["a\nb", "a\rb", "a\x00b", "a\x7fb", "a\x85b", "a\ud800b", "   "])
def test_a_text_that_is_not_one_line_is_refused(bad: str) -> None:
    answers = Answers(
        id="t",
        name={"en-GB": bad},
        area={"en-GB": "T"},
        nation=Nation.ENGLAND,
        languages=("en-GB",),
    )
    with pytest.raises(UsageError):
        scaffold(answers)


def test_two_builds_are_identical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "new"
    assert _run(capsys, "init", folder, *REQUIRED, "--postcode", "CB1 0JH")[0] == 0
    one, two = tmp_path / "one", tmp_path / "two"
    for out in (one, two):
        assert _run(capsys, "build", folder, "--out", out, "--at", AT, "--base-url", BASE)[0] == 0
    files = sorted(
        p.relative_to(one) for p in one.rglob("*") if p.is_file() and p.name != ".csp-build.json"
    )
    assert files
    for path in files:
        assert (one / path).read_bytes() == (two / path).read_bytes(), path
