"""Languages (docs/languages.md): declared languages, the view in each, a build per language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import (
    BuildContext,
    CspError,
    OutputFile,
    Partnership,
    language_prefix,
    load,
    public_view,
)
from csp_core.build import build
from csp_core.plugins import Registered
from tests.data import partnership_header
from tests.strategies import examples

WELSH_FIRST = ("cy", "en-GB")


def _write(tmp_path: Path, languages: str) -> Path:
    path = tmp_path / "partnership.toml"
    path.write_text(
        f"languages = {languages}\n" + partnership_header("Dyfed", nation="wales"),
        encoding="utf-8",
    )
    return path


class TestDeclared:
    def test_default_is_british_english(self, cambridge: Partnership) -> None:
        assert cambridge.languages == ("en-GB",)

    def test_welsh_and_english(self, tmp_path: Path) -> None:
        assert load(_write(tmp_path, '["cy", "en-GB"]')).languages == WELSH_FIRST

    @pytest.mark.parametrize(
        ("languages", "problem"),
        [
            (
                '["fr"]',
                r"languages\[0\]: 'fr' is not a language csp-core speaks: one of 'en-GB', 'cy'",
            ),
            ('["cy", "cy"]', r"languages\[1\]: 'cy' is listed twice"),
            ("[]", r"languages: needs at least one language"),
        ],
    )
    def test_refused(self, tmp_path: Path, languages: str, problem: str) -> None:
        with pytest.raises(CspError, match=problem):
            load(_write(tmp_path, languages))


@examples(40)
@given(
    moment=st.datetimes(
        min_value=dt.datetime(2017, 1, 1),
        max_value=dt.datetime(2021, 1, 1),
        timezones=st.just(dt.UTC),
    )
)
def test_views_in_two_languages_differ_only_in_words(
    cambridge: Partnership, moment: dt.datetime
) -> None:
    """The same items, ids, moments and stamps in Welsh as in English; only titles differ."""
    both = attrs.evolve(cambridge, languages=("en-GB", "cy"))
    english, welsh = public_view(both, moment), public_view(both, moment, "cy")
    assert english.language.tag == "en-GB"
    assert welsh.language.tag == "cy"
    assert [(e.id, e.at, e.kind, e.link) for e in english.timeline] == [
        (e.id, e.at, e.kind, e.link) for e in welsh.timeline
    ]
    assert [(s.duty.id, s.standing, s.duty.deadline) for s in english.duties] == [
        (s.duty.id, s.standing, s.duty.deadline) for s in welsh.duties
    ]
    assert english.stamps == welsh.stamps
    assert english.partnership == welsh.partnership


def test_welsh_titles(cambridge: Partnership) -> None:
    both = attrs.evolve(cambridge, languages=("en-GB", "cy"))
    welsh = public_view(both, dt.datetime(2019, 11, 1, tzinfo=dt.UTC), "cy")
    titles = {event.id: event.title for event in welsh.timeline}
    assert titles["document/2019-10-17-agenda/published"] == (
        "Agenda wedi'i chyhoeddi: Cambridge Community Safety Partnership meeting, "
        "Dydd Iau 17 Hydref 2019"
    )


def test_a_language_the_partnership_does_not_publish_in_is_refused(
    cambridge: Partnership,
) -> None:
    with pytest.raises(ValueError, match="not one of the partnership's languages"):
        public_view(cambridge, dt.datetime(2019, 11, 1, tzinfo=dt.UTC), "cy")


@attrs.frozen
class _Echo:
    """A publisher writing its view's language and its alternates, to see what the core gives."""

    name: str = "echo"
    description: str = "echo"
    outputs: tuple[str, ...] = ("meetings/words.txt",)
    options: tuple[object, ...] = ()

    def render(self, context: BuildContext) -> list[OutputFile]:
        lines = [context.view.language.tag, context.prefix, context.base_url or ""]
        lines += [f"{tag} {href}" for tag, href in context.alternates("meetings/words.txt")]
        return [
            OutputFile(
                path="meetings/words.txt",
                content="\n".join(lines).encode(),
                media_type="text/plain",
            )
        ]


def test_build_renders_each_language_under_its_prefix(
    cambridge: Partnership, tmp_path: Path
) -> None:
    both = attrs.evolve(cambridge, languages=WELSH_FIRST)
    registry = {"echo": Registered(publisher=_Echo(), plugin="tests", version=None)}  # type: ignore[arg-type]
    out = tmp_path / "out"
    build(
        both,
        out,
        dt.datetime(2019, 11, 1, tzinfo=dt.UTC),
        registry=registry,
        base_url="https://example.org/csp/",
    )
    assert (out / "meetings/words.txt").read_text().splitlines() == [
        "cy",
        "",
        "https://example.org/csp/",
        "cy words.txt",
        "en-GB ../en-gb/meetings/words.txt",
    ]
    assert (out / "en-gb/meetings/words.txt").read_text().splitlines() == [
        "en-GB",
        "en-gb/",
        "https://example.org/csp/en-gb/",
        "cy ../../meetings/words.txt",
        "en-GB words.txt",
    ]


def test_language_prefix() -> None:
    assert language_prefix(WELSH_FIRST, "cy") == ""
    assert language_prefix(WELSH_FIRST, "en-GB") == "en-gb/"
    assert language_prefix(("en-GB",), "en-GB") == ""
