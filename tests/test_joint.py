"""Joint partnerships (issue 14 item 3; docs/data-files.md "Partnership", "Contact"): lead
councils, the secretariat and a contact per council."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import (
    Agency,
    Contact,
    CspError,
    InvalidModel,
    Membership,
    Partnership,
    Sector,
    dump,
    load,
    public_view,
)
from tests.data import toml_string

AGENCIES = """
[[agencies]]
id = "conwy"
name = "Conwy County Borough Council"
sector = "council"
responsible_authority = true
memberships = [{ role = "member" }]

[[agencies]]
id = "denbighshire"
name = { cy = "Cyngor Sir Ddinbych", en-GB = "Denbighshire County Council" }
sector = "council"
responsible_authority = true
memberships = [{ role = "member" }]

[[agencies]]
id = "commissioner"
name = "Office of the Police and Crime Commissioner"
sector = "other"
memberships = [{ role = "attendee" }]
"""

DENBIGHSHIRE = """
[[contacts]]
agency = "denbighshire"
address = [
    { cy = "Neuadd y Sir", en-GB = "County Hall" },
    { cy = "Ffordd Wynnstay", en-GB = "Wynnstay Road" },
    { cy = "Rhuthun", en-GB = "Ruthin" },
]
postcode = "LL15 1YN"
web = "https://www.denbighshire.gov.uk/"
"""


def _text(
    *,
    leads: str = '["conwy", "denbighshire"]',
    secretariat: str = '"conwy"',
    main_agency: str = '"conwy"',
    contacts: str = DENBIGHSHIRE,
) -> str:
    lines = [
        'id = "conwy-denbighshire"',
        'name = "Conwy and Denbighshire Community Safety Partnership"',
        'area = "Conwy and Denbighshire"',
        'nation = "wales"',
        'languages = ["cy", "en-GB"]',
        f"leads = {leads}",
        f"secretariat = {secretariat}" if secretariat else "",
        "",
        "[contact]",
        f"address = [{toml_string('Coed Pella')}, {toml_string('Colwyn Bay')}]",
        'postcode = "LL29 7AZ"',
        f"agency = {main_agency}" if main_agency else "",
        "",
        '[[bodies]]\nid = "board"\nname = "Board"',
    ]
    return "\n".join(lines) + "\n" + AGENCIES + contacts


def _load(tmp_path: Path, **changes: str) -> Partnership:
    path = tmp_path / "partnership.toml"
    path.write_text(_text(**changes), encoding="utf-8")
    return load(path)


def test_leads_secretariat_and_contacts_load(tmp_path: Path) -> None:
    """The Conwy and Denbighshire shape: two leads, Conwy's secretariat, a contact each."""
    partnership = _load(tmp_path)
    assert partnership.leads == ("conwy", "denbighshire")
    assert partnership.secretariat == "conwy"
    assert partnership.contact.agency == "conwy"
    (denbighshire,) = partnership.contacts
    assert denbighshire.agency == "denbighshire"
    assert denbighshire.postcode == "LL15 1YN"
    assert denbighshire.web == "https://www.denbighshire.gov.uk/"


def test_round_trips(tmp_path: Path) -> None:
    partnership = _load(tmp_path)
    out = tmp_path / "again.json"
    out.write_text(json.dumps(dump(partnership)), encoding="utf-8")
    assert load(out) == partnership


def test_all_optional(tmp_path: Path) -> None:
    """A partnership of one council says none of it, as Cambridge's data does."""
    partnership = _load(tmp_path, leads="[]", secretariat="", main_agency="", contacts="")
    assert partnership.leads == ()
    assert partnership.secretariat is None
    assert partnership.contact.agency is None
    assert partnership.contacts == ()


def test_cambridge_unchanged(cambridge: Partnership) -> None:
    assert (cambridge.leads, cambridge.secretariat, cambridge.contacts) == ((), None, ())
    assert cambridge.contact.agency is None


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"leads": '["conwy", "flintshire"]'}, r"leads\[1\]: no agency with id 'flintshire'"),
        ({"leads": '["conwy", "conwy"]'}, r"leads\[1\]: 'conwy' is listed twice"),
        ({"leads": '["Conwy"]'}, r"leads\[0\]: 'Conwy' is not an agency id"),
        (
            {"leads": '["conwy", "commissioner"]'},
            r"leads\[1\]: 'commissioner' is never a member of the partnership",
        ),
        ({"secretariat": '"flintshire"'}, r"secretariat: no agency with id 'flintshire'"),
        ({"main_agency": '"flintshire"'}, r"contact\.agency: no agency with id 'flintshire'"),
        (
            {"contacts": DENBIGHSHIRE.replace('agency = "denbighshire"\n', "")},
            r"contacts\[0\]\.agency: say whose office this is",
        ),
        (
            {"contacts": DENBIGHSHIRE.replace('"denbighshire"', '"flintshire"')},
            r"contacts\[0\]\.agency: no agency with id 'flintshire'",
        ),
        (
            {"contacts": DENBIGHSHIRE.replace('"denbighshire"', '"conwy"')},
            r"contacts\[0\]\.agency: a second contact for 'conwy'",
        ),
        (
            {"contacts": DENBIGHSHIRE + DENBIGHSHIRE},
            r"contacts\[1\]\.agency: a second contact for 'denbighshire'",
        ),
    ],
)
def test_refused(tmp_path: Path, changes: dict[str, str], problem: str) -> None:
    with pytest.raises(CspError, match=problem):
        _load(tmp_path, **changes)


def test_the_secretariat_may_attend_without_being_a_member(tmp_path: Path) -> None:
    """Only a lead must be a member: the business may be run by an office that attends."""
    partnership = _load(tmp_path, secretariat='"commissioner"')
    assert partnership.secretariat == "commissioner"


def test_public_in_every_language(tmp_path: Path) -> None:
    """The view keeps them whole (they are the public's), each text in the view's language."""
    partnership = _load(tmp_path)
    at = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    welsh = public_view(partnership, at, language="cy").partnership
    english = public_view(partnership, at, language="en-GB").partnership
    for copy in (welsh, english):
        assert copy.leads == partnership.leads
        assert copy.secretariat == partnership.secretariat
        assert copy.contact.agency == "conwy"
        assert [c.agency for c in copy.contacts] == ["denbighshire"]
    assert welsh.contacts[0].address == ("Neuadd y Sir", "Ffordd Wynnstay", "Rhuthun")
    assert english.contacts[0].address == ("County Hall", "Wynnstay Road", "Ruthin")


@given(st.lists(st.sampled_from(["conwy", "denbighshire"]), max_size=4))
def test_each_lead_listed_once(leads: list[str]) -> None:
    """Any list of known members is accepted exactly when no id repeats; a repeat is named by
    the index of its second appearance."""
    base = Partnership(
        id="joint",
        name="Joint Community Safety Partnership",
        area="Joint",
        contact=Contact(address=("Town Hall", "Testford"), postcode="CB1 0JH"),
        agencies=tuple(
            Agency(
                id=council,
                name=f"{council.title()} Council",
                sector=Sector.COUNCIL,
                responsible_authority=True,
                memberships=(Membership(),),
            )
            for council in ("conwy", "denbighshire")
        ),
    )
    first = next((i for i, lead in enumerate(leads) if lead in leads[:i]), None)
    if first is None:
        assert attrs.evolve(base, leads=tuple(leads)).leads == tuple(leads)
    else:
        with pytest.raises(InvalidModel) as raised:
            attrs.evolve(base, leads=tuple(leads))
        assert raised.value.problems[0][0] == f"leads[{first}]"
