"""The ``holidays`` package's United Kingdom calendar, without importing every other country.

``holidays.country_holidays("GB")`` imports ``holidays.countries``, whose ``__init__`` imports
all of its 250 or so countries (about 50 ms, a tenth of a one-partnership build) to use one of
them.  :func:`united_kingdom` loads only ``holidays/countries/united_kingdom.py``, under its own
module name, so the class is the very one ``holidays.country_holidays("GB")`` gives (and gives
from then on: the package finds the module already imported).  Where that file is not found (a
future ``holidays`` laid out otherwise), it falls back to ``holidays.country_holidays``.
tests/test_startup.py checks both give the same bank holidays.  ``holidays`` itself is imported
when a calendar is first made, not with the rules (it reads its own version from the installed
distributions' metadata when imported).  See docs/performance.md, "Start-up".
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

__all__ = ["united_kingdom"]

_MODULE = "holidays.countries.united_kingdom"


def _class() -> type[holidays.HolidayBase] | None:
    """The ``GB`` class of holidays, its module imported alone; ``None`` if not found."""
    import holidays  # noqa: PLC0415 - see the module's docstring

    module = sys.modules.get(_MODULE)
    if module is None:
        path = Path(holidays.__file__).parent / "countries" / "united_kingdom.py"
        spec = importlib.util.spec_from_file_location(_MODULE, path)
        if spec is None or spec.loader is None or not path.is_file():
            return None
        module = importlib.util.module_from_spec(spec)
        sys.modules[_MODULE] = module
        try:
            spec.loader.exec_module(module)
        except Exception:  # noqa: BLE001  # pragma: no cover - a layout this module does not know
            del sys.modules[_MODULE]
            return None
    found = getattr(module, "GB", None)
    if isinstance(found, type) and issubclass(found, holidays.HolidayBase):
        return found
    return None  # pragma: no cover - a layout this module does not know


def united_kingdom(
    subdiv: str, *, years: int | Iterable[int] | None = None
) -> holidays.HolidayBase:
    """``holidays.country_holidays("GB", subdiv=subdiv, observed=True, years=years)``.

    Without ``years`` the calendar fills each year when a day of it is first looked up.
    """
    found = _class()
    if found is None:  # pragma: no cover - a layout this module does not know
        import holidays  # noqa: PLC0415 - see the module's docstring

        return holidays.country_holidays("GB", subdiv=subdiv, observed=True, years=years)
    return found(subdiv=subdiv, observed=True, years=years)
