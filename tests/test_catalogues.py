"""The message catalogues: complete, current and well-formed in every language (docs/languages.md).

Messages are extracted from the code afresh, as ``tools/catalogues.py`` does, and compared with
each language's ``.po``: a message in the code but not in a catalogue, a catalogue message the
code no longer uses, an empty or fuzzy translation, or a translation that drops or invents a
``{placeholder}`` fails here.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from tools.catalogues import LOCALES, PACKAGES

from csp_core import i18n

CATALOGUED = [(package, domain) for package, domain in PACKAGES if (package / "locale").is_dir()]


def _extracted(package: Path) -> set[str]:
    config = package / "babel.cfg"
    if config.exists():
        with config.open(encoding="utf-8") as handle:
            method_map, options_map = parse_mapping_cfg(handle, str(config))
    else:
        method_map, options_map = [("**.py", "python")], {}
    found: set[str] = set()
    for _, _, message, _, _ in extract_from_dir(
        str(package), method_map=method_map, options_map=options_map
    ):
        found.update([message] if isinstance(message, str) else message)
    return found


def _catalogue(package: Path, domain: str, locale: str):  # type: ignore[no-untyped-def]
    path = package / "locale" / locale / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(("package", "domain"), CATALOGUED, ids=lambda v: getattr(v, "name", v))
def test_catalogue_is_complete_and_current(package: Path, domain: str, locale: str) -> None:
    catalogue = _catalogue(package, domain, locale)
    used = _extracted(package)
    held: set[str] = set()
    problems: list[str] = []
    for message in catalogue:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        held.update(ids)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.fuzzy:
            problems.append(f"fuzzy: {ids[0]!r}")
        if not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
        for translated in strings:
            if translated and _fields(translated) != _fields(ids[-1]):
                problems.append(f"placeholders differ: {ids[0]!r} -> {translated!r}")
    problems += [f"missing: {m!r}" for m in sorted(used - held)]
    problems += [f"unused: {m!r}" for m in sorted(held - used)]
    assert not problems, f"{package.name} {locale}: " + "; ".join(problems)


@pytest.mark.parametrize(("package", "domain"), CATALOGUED, ids=lambda v: getattr(v, "name", v))
def test_welsh_catalogue_has_the_welsh_plural_forms(package: Path, domain: str) -> None:
    # Welsh has six plural forms (CLDR): zero, one, two, few (3), many (6), other.
    catalogue = _catalogue(package, domain, "cy")
    assert catalogue.num_plurals == 6


def test_languages_are_the_catalogued_locales() -> None:
    assert sorted(i18n.LANGUAGES.values()) == sorted(LOCALES)


def test_welsh_words_and_dates() -> None:
    import datetime as dt

    from csp_core import MeetingStatus, Nation, dates, labels

    welsh = i18n.language("cy")
    day = dt.date(2019, 10, 17)
    assert dates.long_date(day, welsh) == "Dydd Iau 17 Hydref 2019"
    assert dates.long_date(day) == "Thursday 17 October 2019"
    assert dates.period(day, dt.date(2020, 3, 31), welsh) == "17 Hydref 2019 i 31 Mawrth 2020"
    assert labels.label(MeetingStatus.CANCELLED, welsh) == "Wedi'i ganslo"
    assert labels.label(MeetingStatus.CANCELLED) == "Cancelled"
    assert labels.exemption(Nation.WALES, 14, welsh) == "Atodlen 12A, paragraff 14"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(KeyError):
        i18n.language("fr")


def test_no_english_day_or_month_name_in_welsh_dates() -> None:
    import datetime as dt

    from csp_core import dates

    welsh = i18n.language("cy")
    english = re.compile(
        r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
        r"April|June|July|August|September|October|November|December)\b"
    )
    for offset in range(0, 366, 3):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
        assert not english.search(dates.long_date(day, welsh)), day
