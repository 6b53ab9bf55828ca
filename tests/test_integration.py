"""Every installed publisher, run through `csp build`: nothing private ever comes out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from csp_core.cli import main
from csp_core.plugins import load_plugins
from tests.data import CAMBRIDGE, partnership_header

ROOT = Path(__file__).parents[1]

#: Each marker sits in a field that must never reach a public output.
SECRETS = {
    "private-meeting": "PRIVATE-MEETING-TITLE-7f3a",
    "exempt-summary": "EXEMPT-SUMMARY-91c2",
    "withheld-title": "WITHHELD-PAPER-TITLE-4d0e",
    "withheld-url": "https://example.org/withheld-5b8c.pdf",
    "on-request-url": "https://example.org/on-request-2e6f.pdf",
    "private-email": "private.officer.83aa@example.org",
    "private-phone": "01223 000 777",
    "future-paper": "NOT-YET-PUBLISHED-c4d1",
}

LEAKY = (
    partnership_header("Leakshire", id="leaky", town="Leakford")
    + f"""
[[agencies]]
id = "council"
name = "Leakshire Council"
sector = "council"
responsible_authority = true
memberships = [{{ role = "member" }}]

[[plans]]
id = "plan"
title = "Plan 2019-22"
period = {{ start = 2019-04-01, end = 2022-03-31 }}
in_force_from = 2019-04-01
[[plans.priorities]]
id = "asb"
title = "Antisocial behaviour"
[plans.priorities.lead]
name = "A Lead"
role = "Manager"
agency = "council"
email = "{SECRETS["private-email"]}"
phone = "{SECRETS["private-phone"]}"

[[meetings]]
id = "2019-09-10"
body = "board"
title = "Board meeting"
start = 2019-09-10T10:00:00
[[meetings.agenda]]
title = "Case review"
summary = "{SECRETS["exempt-summary"]}"
exempt = true
exemption = 7
papers = ["2019-09-10-case"]
[[meetings.documents]]
id = "2019-09-10-case"
kind = "report"
title = "{SECRETS["withheld-title"]}"
url = "{SECRETS["withheld-url"]}"
availability = "withheld"
published = 2019-09-02T09:00:00
[[meetings.documents]]
id = "2019-09-10-agenda"
kind = "agenda"
title = "Agenda"
url = "{SECRETS["on-request-url"]}"
availability = "on-request"
published = 2019-09-02T09:00:00

[[meetings]]
id = "2019-09-20-private"
body = "board"
title = "{SECRETS["private-meeting"]}"
start = 2019-09-20T10:00:00
public = false

[[meetings]]
id = "2019-11-12"
body = "board"
title = "Board meeting"
start = 2019-11-12T10:00:00
[[meetings.documents]]
id = "2019-11-12-agenda"
kind = "agenda"
title = "{SECRETS["future-paper"]}"
url = "https://example.org/future.pdf"
published = 2019-11-01T09:00:00
"""
)


def _build(data: Path, out: Path, at: str = "2019-10-01T09:00") -> int:
    return main(
        [
            "build",
            str(data),
            "--out",
            str(out),
            "--at",
            at,
            "--base-url",
            "https://csp.example.org/",
        ]
    )


class TestAllPublishers:
    def test_publishers_are_installed(self) -> None:
        """The built-in publishers are found through their entry points, like anyone's."""
        assert {"ical", "rss", "html"} <= set(load_plugins().publishers)

    def test_nothing_private_in_any_output(self, tmp_path: Path) -> None:
        """No private, exempt, withheld, on-request or future detail reaches any file."""
        data = tmp_path / "leaky.toml"
        data.write_text(LEAKY, encoding="utf-8")
        assert _build(data, tmp_path / "out") == 0
        files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
        assert files
        for path in files:
            text = path.read_bytes().decode("utf-8", errors="replace")
            for what, marker in SECRETS.items():
                assert marker not in text, f"{what} leaked into {path.name}"

    def test_example_builds_byte_identical(self, tmp_path: Path) -> None:
        """Two builds of the example at the same instant are byte-identical."""
        assert _build(CAMBRIDGE, tmp_path / "a") == 0
        assert _build(CAMBRIDGE, tmp_path / "b") == 0

        def tree(out: Path) -> dict[str, bytes]:
            return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}

        first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
        assert first == second
        assert "calendar.ics" in first

    def test_readme_command(self, tmp_path: Path) -> None:
        """`csp build examples/cambridge` as the README runs it, in a fresh process."""
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "csp_core",
                "build",
                str(CAMBRIDGE),
                "--out",
                str(tmp_path / "out"),
                "--at",
                "2019-10-01T09:00",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "wrote" in result.stdout
        assert "Traceback" not in result.stderr
