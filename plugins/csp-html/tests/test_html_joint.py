"""A joint partnership on its index page (issue 14 item 3): who leads it, who provides the
secretariat, each council's contact, in Welsh and English, and the Organization JSON-LD (lead
councils and secretariat as members with a role, a contactPoint per council)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from csp_core import BuildContext, Partnership, load, parse_options, public_view

from csp_html import HtmlPublisher

BASE = "https://csp.example.org/"
AT = dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC)

AGENCIES = """
[[agencies]]
id = "conwy"
name = { cy = "Cyngor Bwrdeistref Sirol Conwy", en-GB = "Conwy County Borough Council" }
sector = "council"
responsible_authority = true
web = "https://www.conwy.gov.uk/"
memberships = [{ role = "member" }]

[[agencies]]
id = "denbighshire"
name = { cy = "Cyngor Sir Ddinbych", en-GB = "Denbighshire County Council" }
sector = "council"
responsible_authority = true
web = "https://www.denbighshire.gov.uk/"
memberships = [{ role = "member" }]

[[agencies]]
id = "police"
name = { cy = "Heddlu Gogledd Cymru", en-GB = "North Wales Police" }
sector = "police"
responsible_authority = true
memberships = [{ role = "member" }]
"""

CONTACTS = """
[contact]
address = ["Coed Pella", { cy = "Bae Colwyn", en-GB = "Colwyn Bay" }]
postcode = "LL29 7AZ"
email = "csp@conwy.example.org"
phone = "01492 574000"
agency = "conwy"

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


def _partnership(folder: Path, leads: str, secretariat: str | None = '"conwy"') -> Partnership:
    lines = [
        'id = "joint"',
        'name = { cy = "Partneriaeth Diogelwch", en-GB = "Safety Partnership" }',
        'area = { cy = "Conwy a Sir Ddinbych", en-GB = "Conwy and Denbighshire" }',
        'nation = "wales"',
        'languages = ["cy", "en-GB"]',
        f"leads = {leads}",
        f"secretariat = {secretariat}" if secretariat else "",
        CONTACTS,
        '[[bodies]]\nid = "board"\nname = { cy = "Bwrdd", en-GB = "Board" }',
        AGENCIES,
    ]
    path = folder / "partnership.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return load(path)


@pytest.fixture(scope="module")
def joint(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    return _partnership(tmp_path_factory.mktemp("joint"), '["conwy", "denbighshire"]')


def _index(partnership: Partnership, language: str) -> bytes:
    publisher = HtmlPublisher()
    context = BuildContext(
        view=public_view(partnership, AT, language),
        options=parse_options(publisher, {}),
        base_url=BASE,
    )
    return next(file.content for file in publisher.render(context) if file.path == "index.html")


def _joint_line(page: Any) -> str:
    [line] = page.find_all("p", **{"class": "joint"})
    return str(line.text())


class TestWhoLeads:
    def test_two_leads_in_english(self, joint: Partnership, parse) -> None:
        page = parse(_index(joint, "en-GB"))
        assert _joint_line(page) == (
            "Led jointly by Conwy County Borough Council and Denbighshire County Council. "
            "Conwy County Borough Council provides the partnership’s secretariat."
        )

    def test_two_leads_in_welsh(self, joint: Partnership, parse) -> None:
        """No 'a' between the names: it would mutate the second ('a Chyngor'); a colon list."""
        page = parse(_index(joint, "cy"))
        assert _joint_line(page) == (
            "Dan arweiniad ar y cyd: Cyngor Bwrdeistref Sirol Conwy, Cyngor Sir Ddinbych. "
            "Mae Cyngor Bwrdeistref Sirol Conwy yn darparu ysgrifenyddiaeth y bartneriaeth."
        )

    def test_one_lead(self, tmp_path: Path, parse) -> None:
        partnership = _partnership(tmp_path, '["denbighshire"]', secretariat=None)
        assert _joint_line(parse(_index(partnership, "en-GB"))) == (
            "Led by Denbighshire County Council."
        )
        assert _joint_line(parse(_index(partnership, "cy"))) == (
            "Dan arweiniad Cyngor Sir Ddinbych."
        )

    def test_three_leads_are_a_list(self, tmp_path: Path, parse) -> None:
        partnership = _partnership(tmp_path, '["conwy", "denbighshire", "police"]', None)
        assert _joint_line(parse(_index(partnership, "en-GB"))) == (
            "Led jointly by Conwy County Borough Council, Denbighshire County Council and "
            "North Wales Police."
        )
        assert _joint_line(parse(_index(partnership, "cy"))) == (
            "Dan arweiniad ar y cyd: Cyngor Bwrdeistref Sirol Conwy, Cyngor Sir Ddinbych, "
            "Heddlu Gogledd Cymru."
        )

    def test_a_single_council_partnership_says_nothing(self, seed_pages, parse) -> None:
        """Cambridge names no leads: no line, and its contact has no heading."""
        page = parse(seed_pages["index.html"])
        assert page.find_all("p", **{"class": "joint"}) == []
        assert page.section("contact").find_all("h3") == []


class TestContacts:
    @pytest.mark.parametrize(
        ("language", "names", "ruthin"),
        [
            ("en-GB", ["Conwy County Borough Council", "Denbighshire County Council"], "Ruthin"),
            ("cy", ["Cyngor Bwrdeistref Sirol Conwy", "Cyngor Sir Ddinbych"], "Rhuthun"),
        ],
    )
    def test_each_council_under_its_name(
        self, joint: Partnership, parse, language: str, names: list[str], ruthin: str
    ) -> None:
        contact = parse(_index(joint, language)).section("contact")
        assert [heading.text() for heading in contact.find_all("h3")] == names
        addresses = [address.text() for address in contact.find_all("address")]
        assert "LL29 7AZ" in addresses[0]
        assert ruthin in addresses[1]
        assert "LL15 1YN" in addresses[1]
        links = {a.attrs["href"] for a in contact.find_all("a")}
        assert links == {
            "mailto:csp@conwy.example.org",
            "tel:01492574000",
            "https://www.denbighshire.gov.uk/",
        }


class TestJsonLd:
    @pytest.mark.parametrize(
        ("language", "lead", "secretariat"),
        [("en-GB", "Lead council", "Secretariat"), ("cy", "Cyngor arweiniol", "Ysgrifenyddiaeth")],
    )
    def test_roles_and_contact_points(
        self, joint: Partnership, parse, jsonld, language: str, lead: str, secretariat: str
    ) -> None:
        [organization] = jsonld(parse(_index(joint, language)))
        assert organization["@type"] == "Organization"
        roles = [
            (member["roleName"], member["member"]["name"])
            for member in organization["member"]
            if member["@type"] == "OrganizationRole"
        ]
        conwy, denbighshire = (
            ("Conwy County Borough Council", "Denbighshire County Council")
            if language == "en-GB"
            else ("Cyngor Bwrdeistref Sirol Conwy", "Cyngor Sir Ddinbych")
        )
        assert roles == [(lead, conwy), (lead, denbighshire), (secretariat, conwy)]
        for member in organization["member"]:
            if member["@type"] == "OrganizationRole":
                assert member["member"]["@type"] == "Organization"
        points = organization["contactPoint"]
        # schema.org's PostalAddress is a ContactPoint: the council's name and its address.
        assert [point["@type"] for point in points] == ["PostalAddress", "PostalAddress"]
        assert [point["name"] for point in points] == [conwy, denbighshire]
        assert points[0]["email"] == "csp@conwy.example.org"
        assert points[0]["telephone"] == "01492 574000"
        assert points[1]["postalCode"] == "LL15 1YN"
        assert points[1]["url"] == "https://www.denbighshire.gov.uk/"
        assert "email" not in points[1]

    def test_cambridge_has_no_contact_points(self, seed_pages, parse, jsonld) -> None:
        [organization] = jsonld(parse(seed_pages["index.html"]))
        assert "contactPoint" not in organization


def test_pages_pass_the_nu_checker(
    joint: Partnership, site_writer, validator, tmp_path: Path
) -> None:
    pages = {f"{tag}/index.html": _index(joint, tag) for tag in ("cy", "en-GB")}
    problems = validator(site_writer(pages, tmp_path))
    assert not problems, "\n".join(problems)


HOSTILE = "</script><b onmouseover=alert(1)>&amp; \"'{{ 7*7 }}"


def test_hostile_names_and_addresses_are_escaped(tmp_path: Path, parse, jsonld) -> None:
    """A council's name and its contact's address come out as text, on the page and in the
    JSON-LD (which parses back to exactly the text written)."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    _partnership(folder, '["conwy", "denbighshire"]')
    text = (folder / "partnership.toml").read_text(encoding="utf-8")
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace('en-GB = "Denbighshire County Council"', f'en-GB = "{quoted}"')
    text = text.replace('en-GB = "Wynnstay Road"', f'en-GB = "{quoted}"')
    (folder / "partnership.toml").write_text(text, encoding="utf-8")
    joint = load(folder / "partnership.toml")
    html = _index(joint, "en-GB")
    page = parse(html)
    assert b"<b onmouseover" not in html
    assert "{{ 7*7 }}" in page.section("contact").text()  # never evaluated
    headings = [heading.text() for heading in page.section("contact").find_all("h3")]
    assert headings[1] == HOSTILE
    assert HOSTILE in _joint_line(page)
    [organization] = jsonld(page)
    assert organization["contactPoint"][1]["name"] == HOSTILE
    assert organization["contactPoint"][1]["streetAddress"] == f"County Hall, {HOSTILE}"
