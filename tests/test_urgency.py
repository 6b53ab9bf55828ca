"""Private meetings under a statutory policy, and urgency (docs/rules.md "Private meetings and
urgency"; Local Government Act 1972 s.100A(2)-(5), s.100B(3)(b) and s.100B(4)(b))."""

from __future__ import annotations

from pathlib import Path

import pytest

from csp_core import CspError, load
from tests.data import partnership_header


def _write(tmp_path: Path, policy: str, meeting: str) -> Path:
    path = tmp_path / "partnership.toml"
    path.write_text(
        partnership_header("Urgentshire")
        + f"\n[policy]\naccess = {policy!r}\n\n[[meetings]]\n"
        + 'id = "m"\nbody = "board"\ntitle = "Board"\nstart = 2025-03-14T10:00:00+00:00\n'
        + meeting,
        encoding="utf-8",
    )
    return path


class TestPrivateMeetings:
    """Under Part VA a meeting is open; the public are excluded only from exempt items."""

    def test_statutory_refuses_a_private_meeting(self, tmp_path: Path) -> None:
        with pytest.raises(CspError) as raised:
            load(_write(tmp_path, "statutory", "public = false\n"))
        message = str(raised.value)
        assert "meetings[0].public" in message
        assert "s.100A" in message
        assert "exempt" in message

    @pytest.mark.parametrize("policy", ["voluntary", "none"])
    def test_other_policies_allow_a_private_meeting(self, tmp_path: Path, policy: str) -> None:
        partnership = load(_write(tmp_path, policy, "public = false\n"))
        assert not partnership.meetings[0].public

    def test_statutory_allows_a_public_meeting_with_an_exempt_item(self, tmp_path: Path) -> None:
        item = '[[meetings.agenda]]\ntitle = "Operations"\nexempt = true\nexemption = 7\n'
        partnership = load(_write(tmp_path, "statutory", item))
        assert partnership.meetings[0].agenda[0].exempt
