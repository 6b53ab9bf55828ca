"""Chairs on the partnership's page and in its JSON-LD (issue 14 item 2).

Cambridge's board is given co-chairs from Monday 1 April 2019 (a councillor and a police
superintendent), a single chair until Sunday 31 March 2019, and a vice-chair throughout; on
1 October 2019 the page names the co-chairs and the vice-chair, and lists the chair as before.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from csp_core import Chair, ChairRole, Partnership

AT = dt.datetime(2019, 10, 1, 8, tzinfo=dt.UTC)
CHAIRS = (
    Chair(
        role=ChairRole.CO_CHAIR,
        name="Cllr Alex Jones",
        office="Executive Councillor for Communities",
        agency="city-council",
        since=dt.date(2019, 4, 1),
    ),
    Chair(
        role=ChairRole.CO_CHAIR,
        office="Superintendent",
        agency="constabulary",
        since=dt.date(2019, 4, 1),
    ),
    Chair(office="Executive Councillor for Communities", until=dt.date(2019, 3, 31)),
    Chair(role=ChairRole.VICE_CHAIR, office="Safer Communities manager"),
)


@pytest.fixture(scope="module")
def chaired(cambridge: Partnership) -> Partnership:
    agencies = {agency.id for agency in cambridge.agencies}
    assert {"city-council", "constabulary"} <= agencies
    board = attrs.evolve(cambridge.bodies[0], chairs=CHAIRS)
    return attrs.evolve(cambridge, bodies=(board, *cambridge.bodies[1:]))


def test_the_page_names_the_chairs(chaired: Partnership, render, parse) -> None:
    page = parse(render(chaired, AT)["index.html"])
    text = " ".join(page.text().split())
    assert "Who chairs the meetings" in text
    assert (
        "Co-chair: Cllr Alex Jones, Executive Councillor for Communities (Cambridge City "
        "Council), since 1 April 2019"
    ) in text
    assert "Co-chair: Superintendent (Cambridgeshire Constabulary), since 1 April 2019" in text
    assert "Vice-chair: Safer Communities manager" in text
    assert "Previously: Chair: Executive Councillor for Communities, until 31 March 2019" in text


def test_json_ld_has_members_with_roles(chaired: Partnership, render, parse, jsonld) -> None:
    page = parse(render(chaired, AT)["index.html"])
    organization = next(block for block in jsonld(page) if block["@type"] == "Organization")
    roles = [member for member in organization["member"] if member["@type"] == "OrganizationRole"]
    assert [role["roleName"] for role in roles] == ["Co-chair", "Co-chair", "Chair", "Vice-chair"]
    first = roles[0]
    assert first["startDate"] == "2019-04-01"
    assert first["member"] == {
        "@type": "Person",
        "name": "Cllr Alex Jones",
        "jobTitle": "Executive Councillor for Communities",
        "affiliation": {"@type": "Organization", "name": "Cambridge City Council"},
    }
    assert roles[2]["endDate"] == "2019-03-31"


def test_the_page_is_valid(
    chaired: Partnership, render, validator, site_writer, tmp_path: Path
) -> None:
    paths = site_writer({"index.html": render(chaired, AT)["index.html"]}, tmp_path)
    assert validator(paths) == []


def test_no_chairs_no_section(cambridge: Partnership, render, parse) -> None:
    page = parse(render(cambridge, AT)["index.html"])
    assert "Who chairs the meetings" not in page.text()
